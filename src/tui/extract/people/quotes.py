"""Who said what: direct quotes in quotation marks and indirect speech, linked to people.

Direct quotes are pairs of quotation marks (curly, straight, guillemets, low-high) holding at
least four words; a quote left open at the end of a paragraph runs to the paragraph end (news
style for quotes spanning paragraphs). The speaker comes from a reporting verb after the quote
(``"…," X said`` / ``"…," said X`` / ``"…" — X told Reuters``) or before it (``X said: "…"``,
``X told reporters that "…"``); a pronoun or ``the <title>`` speaker resolves to the nearest
person only when one person fits. An unattributed quote paragraph right after an attributed
one continues it. Indirect speech is a reporting verb with a person subject and a clausal
complement (``X said that …``) or ``according to X, …``.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from tui.docindex import sent_bounds, tokens_in
from tui.extract.people.lexicon import lexicon, reporting_verbs, title_groups
from tui.records.extraction import LocalPerson, LocalQuote
from tui.records.models import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tui.nlp import ParsedArticle

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‹": "›", "”": "”"}
_PRONOUNS = {"he", "she"}
_MIN_WORDS = 4


class _Mentions:
    """Person mentions of one article in text order, for speaker look-ups."""

    def __init__(self, persons: list[LocalPerson]) -> None:
        items = sorted((m.start, m.end, p.key) for p in persons for m in p.mentions)
        self.starts = [s for s, _, _ in items]
        self.items = items
        self.titles: dict[str, set[str]] = {}
        for p in persons:
            for r in p.roles:
                self.titles.setdefault(p.key, set()).update(r.title.split())

    def at(self, start: int, end: int) -> str | None:
        """The person whose mention overlaps ``[start, end)``."""
        i = bisect.bisect_right(self.starts, end)
        for s, e, key in reversed(self.items[max(0, i - 8) : i]):
            if s < end and e > start:
                return key
        return None

    def first_in(self, start: int, end: int) -> str | None:
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.items) and self.items[i][0] < end:
            return self.items[i][2]
        return None

    def last_in(self, start: int, end: int) -> str | None:
        i = bisect.bisect_left(self.starts, end)
        if i > 0 and self.items[i - 1][0] >= start:
            return self.items[i - 1][2]
        return None

    def keys_in(self, start: int, end: int) -> set[str]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return {k for _, _, k in self.items[lo:hi]}

    def before(self, pos: int) -> tuple[int, str] | None:
        i = bisect.bisect_left(self.starts, pos)
        if i == 0:
            return None
        s, _, key = self.items[i - 1]
        return s, key

    def by_title_before(self, title: str, pos: int) -> str | None:
        """The one person mentioned before ``pos`` whose roles hold ``title`` (or a title it
        stands for: ``the expert`` -> researcher, analyst…); None when none or several fit."""
        wanted = {title} | title_groups().get(title, frozenset())
        fits = {k for k, words in self.titles.items() if wanted & words}
        seen = {key for s, _, key in self.items if s < pos and key in fits}
        return next(iter(seen)) if len(seen) == 1 else None

    def by_title(self, title: str) -> str | None:
        """The one person whose roles hold ``title`` (or a title it stands for)."""
        wanted = {title} | title_groups().get(title, frozenset())
        keys = [k for k, words in self.titles.items() if wanted & words]
        return keys[0] if len(keys) == 1 else None


def _sent_bounds(doc: Doc, char: int) -> tuple[int, int]:
    return sent_bounds(doc, char)


def _resolve_pronoun(doc: Doc, mentions: _Mentions, pos: int) -> str | None:
    """The one person mentioned in this or the previous sentence (else the last one before,
    when that sentence names only one person)."""
    s0, _ = _sent_bounds(doc, pos)
    prev_start = _sent_bounds(doc, s0 - 2)[0] if s0 > 1 else s0
    keys = mentions.keys_in(prev_start, pos)
    if len(keys) == 1:
        return next(iter(keys))
    if keys:
        return None
    last = mentions.before(pos)
    if last is None:
        return None
    ls, key = last
    ss, _ = _sent_bounds(doc, ls)
    return key if mentions.keys_in(ss, pos) == {key} else None


def _speaker_near(doc: Doc, mentions: _Mentions, tokens: list[Token]) -> tuple[str | None, bool]:
    """The speaker of a reporting verb among ``tokens``: (person key, found a subject)."""
    for tok in tokens:
        key = mentions.at(tok.idx, tok.idx + len(tok.text))
        if key is not None:
            return key, True
        if tok.lower_ in _PRONOUNS:
            return _resolve_pronoun(doc, mentions, tok.idx), True
        if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"nsubj", "nsubjpass"}:
            det = [c for c in tok.children if c.dep_ == "det"]
            if det and det[0].lower_ == "the":
                return mentions.by_title(tok.lower_), True
            return None, True
    return None, False


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    return tokens_in(doc, start, end)


def _segments(text: str) -> list[tuple[int, int, bool]]:
    """(inner start, inner end, closed) of every quotation in ``text``."""
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        i = 0
        while i < len(line):
            ch = line[i]
            if ch == '"' or ch in _OPEN_CLOSE:
                close_ch = '"' if ch == '"' else _OPEN_CLOSE[ch]
                if ch == "”":
                    i += 1
                    continue
                j = line.find(close_ch, i + 1)
                if j < 0:
                    out.append((base + i + 1, base + len(line), False))
                    break
                out.append((base + i + 1, base + j, True))
                i = j + 1
                continue
            i += 1
        if not any(base <= a < base + len(line) + 1 for a, _, _ in out):
            out.extend((base + a, base + b, True) for a, b in _single_quoted(line))
    out.sort()
    return out


_SINGLE_OPEN_BEFORE = set(" \t([{—–-:")
_SINGLE_CLOSE_AFTER = set(" \t,.;:!?)]}—–-")


def _single_quoted(line: str) -> list[tuple[int, int]]:
    """British-style quotes in single marks (‘…’ or '…'), told apart from apostrophes: the
    opening mark follows a space or starts the line, the closing one ends a word."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(line):
        ch = line[i]
        opens = ch in "'‘" and (i == 0 or line[i - 1] in _SINGLE_OPEN_BEFORE)
        if not opens or i + 1 >= len(line) or line[i + 1].isspace():
            i += 1
            continue
        j = i + 1
        end = -1
        while j < len(line):
            if (
                line[j] in "'’"
                and not line[j - 1].isspace()
                and (j + 1 == len(line) or line[j + 1] in _SINGLE_CLOSE_AFTER)
                and not (
                    line[j - 1] == "s"
                    and j + 1 < len(line)
                    and line[j + 1] == " "
                    and j + 2 < len(line)
                    and line[j + 2].islower()
                )
            ):
                end = j
                break
            j += 1
        if end < 0:
            i += 1
            continue
        out.append((i + 1, end))
        i = end + 1
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _looks_like_title(inner: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", inner)
    if not words:
        return True
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.7 and not re.search(r"[.!?]", inner)


def extract_quotes(parsed: ParsedArticle, persons: list[LocalPerson]) -> list[LocalQuote]:
    """Direct and indirect quotes of one article, each linked to a local person when known."""
    article, doc, text = parsed.article, parsed.doc, parsed.text
    mentions = _Mentions(persons)
    verbs = reporting_verbs()
    quotes: list[LocalQuote] = []
    prev: tuple[int, str | None, bool] | None = None  # (end, speaker, open-ended)
    direct_ranges: list[tuple[int, int]] = []
    for start, end, closed in _segments(text):
        s, e = _trim(text, start, end)
        inner = text[s:e]
        short = len(inner.split()) < _MIN_WORDS
        if not inner or _looks_like_title(inner):
            continue
        speaker: str | None = None
        cue = ""
        attributed = False
        _, sent_end = _sent_bounds(doc, max(0, e - 1))
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        after_end = min(max(sent_end, end + 1), line_end, end + 400)
        after = _tokens(doc, end + 1, after_end) if closed else []
        for i, tok in enumerate(after[:60]):
            if any(q in tok.text for q in '"“”«»'):
                break
            if tok.lower_ in verbs and tok.pos_ in {"VERB", "AUX"}:
                if i < 10:
                    window = list(reversed(after[max(0, i - 5) : i])) + after[i + 1 : i + 6]
                    speaker, attributed = _speaker_near(doc, mentions, window)
                else:
                    # "…," Name, <long apposition>, said: the name right after the quote
                    lead = [t for t in after[:i] if not t.is_punct]
                    if not lead or mentions.at(lead[0].idx, lead[0].idx + 1) is None:
                        break
                    speaker = mentions.at(lead[0].idx, lead[0].idx + 1)
                attributed = True
                cue = tok.text
                break
        if not attributed:
            q_sent_start, _ = _sent_bounds(doc, max(0, start - 1))
            line_start = text.rfind("\n", 0, start) + 1
            lo = max(q_sent_start, line_start, start - 240)
            before = _tokens(doc, lo, max(lo, start - 1))
            for i in range(len(before) - 1, -1, -1):
                tok = before[i]
                is_verb = tok.lower_ in verbs and tok.pos_ in {"VERB", "AUX"}
                according = tok.lower_ == "to" and i > 0 and before[i - 1].lower_ == "according"
                if is_verb or according:
                    if according:
                        window = before[i + 1 :]
                    else:
                        window = list(reversed(before[max(0, i - 8) : i]))
                    speaker, _ = _speaker_near(doc, mentions, window)
                    attributed = True
                    cue = "according to" if according else tok.text
                    break
        if short and (speaker is None or cue == "continuation"):
            continue
        if not attributed and prev is not None and not short:
            prev_end, prev_speaker, prev_open = prev
            gap = text[prev_end:start]
            same_paragraph = "\n" not in gap
            prev_line_end = text.find("\n", prev_end)
            next_paragraph = (
                prev_line_end >= 0
                and not text[prev_line_end : start - 1].strip()
                and not text[end + 1 : line_end].strip(' "”»,.')
            )
            if prev_open or same_paragraph or next_paragraph:
                speaker = prev_speaker
                attributed = True
                cue = "continuation"
        if not attributed:
            prev = None
            continue
        quotes.append(
            LocalQuote(
                article_id=article.id,
                start=s,
                end=e,
                text=article.text[s:e],
                person_key=speaker,
                kind="direct",
                cue=cue,
            )
        )
        direct_ranges.append((start - 1, end + 1))
        prev = (end + 1, speaker, not closed)
    dash = _dash_quotes(parsed, mentions, direct_ranges)
    quotes.extend(dash)
    direct_ranges.extend((q.start, q.end) for q in dash)
    quotes.extend(_indirect(parsed, mentions, direct_ranges))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _subject_key(doc: Doc, mentions: _Mentions, verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.lower_ in _PRONOUNS:
                return _resolve_pronoun(doc, mentions, child.idx)
            left = child.left_edge.idx
            right = child.right_edge.idx + len(child.right_edge.text)
            key = mentions.at(child.idx, child.idx + len(child.text))
            if key is None:
                key = mentions.first_in(left, right)
            return key
    return None


def _indirect(
    parsed: ParsedArticle, mentions: _Mentions, direct: list[tuple[int, int]]
) -> list[LocalQuote]:
    article, doc, text = parsed.article, parsed.doc, parsed.text
    verbs = reporting_verbs()
    out: list[LocalQuote] = []

    def overlaps(s: int, e: int) -> bool:
        return any(s < b and e > a for a, b in direct) or any(
            s < q.end and e > q.start for q in out
        )

    for tok in doc:
        if tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
            key = mentions.at(doc[tok.i + 2].idx, doc[tok.i + 2].idx + 1)
            if key is None:
                continue
            sent = tok.sent
            phrase_end = doc[tok.i + 2]
            while phrase_end.i + 1 < sent.end and doc[phrase_end.i + 1].text not in {",", "."}:
                phrase_end = doc[phrase_end.i + 1]
            if tok.i == sent.start or (tok.i - 1 >= sent.start and doc[tok.i - 1].is_punct):
                if tok.i == sent.start:
                    s, e = phrase_end.idx + len(phrase_end.text) + 1, sent.end_char
                else:
                    s, e = sent.start_char, doc[tok.i - 1].idx
            else:
                continue
            s, e = _trim(text, s, e)
            while e > s and text[e - 1] in ".!?":
                e -= 1
            if e - s > 10 and not overlaps(s, e) and '"' not in text[s:e]:
                out.append(_indirect_quote(article, s, e, key, "according to"))
            continue
        if tok.lower_ not in verbs or tok.pos_ != "VERB":
            continue
        comps = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
        if not comps:
            comps = [c for c in tok.children if c.dep_ == "ccomp" and _inverted(doc, c, tok)]
        if not comps:
            comps = _that_clause_after_phrase(tok)
        if not comps:
            continue
        key = _subject_key(doc, mentions, tok)
        if key is None:
            continue
        comp = comps[0]
        s = comp.left_edge.idx
        last = comp.right_edge
        e = last.idx + len(last.text)
        s, e = _trim(text, s, e)
        while e > s and text[e - 1] in ".!?":
            e -= 1
        segment = text[s:e]
        if len(segment.split()) < 3 or overlaps(s, e) or any(q in segment for q in '"“”«»'):
            continue
        out.append(_indirect_quote(article, s, e, key, tok.text))
    return out


def _inverted(doc: Doc, comp: Token, verb: Token) -> bool:
    """``<clause>, said X`` / ``<clause>, X told reporters``: the reported clause comes first
    and only a comma and the speaker stand between it and the reporting verb."""
    end = comp.right_edge.i
    if comp.i > verb.i or end + 1 >= verb.i or doc[end + 1].text != ",":
        return False
    between = doc[end + 2 : verb.i]
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not between:
        return bool(subjects) and subjects[0].i > verb.i
    return bool(subjects) and subjects[0].left_edge.i == end + 2 and subjects[0].i < verb.i


def _that_clause_after_phrase(verb: Token) -> list[Token]:
    """``X said in a statement that …``: the parser hangs the that-clause on the noun of the
    prepositional phrase; it is still what X said."""
    out: list[Token] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for clause in pobj.children:
                if clause.dep_ in {"acl", "relcl", "ccomp"} and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
                ):
                    out.append(clause)
    return out


_DASH_LINE = re.compile(r"[ \t]*[—–―-][ \t]+")
_DASH_ATTRIBUTION = re.compile(
    r",?[ \t]*(?:[—–―-][ \t]*)?"
    r"(?:(?P<det>the|an?)[ \t]+(?P<noun>(?:[\w’'-]+[ \t]+){0,2}?[\w’'-]+)|(?P<pron>he|she)"
    r"|(?P<name>[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*){0,3}))"
    r"[ \t]+(?P<verb>[a-z]+)(?:[ \t]+[\w’'-]+){0,4}[ \t]*[.!]?[ \t]*$",
)
_DASH_ATTRIBUTION_INVERTED = re.compile(
    r",?[ \t]*(?:[—–―-][ \t]*)?(?P<verb>[a-z]+)[ \t]+(?:the|an?)[ \t]+"
    r"(?P<noun>(?:[\w’'-]+[ \t]+){0,2}?[\w’'-]+)[ \t]*[.!]?[ \t]*$",
)


def _dash_quotes(
    parsed: ParsedArticle, mentions: _Mentions, taken: list[tuple[int, int]]
) -> list[LocalQuote]:
    """Translated-press dialogue: a paragraph opening with a dash is the speech, closed by
    its attribution (``— …, the expert comments.`` / ``— …, said the analyst.``). A general
    noun speaker resolves to the one person mentioned before whose role it fits."""
    article, doc, text = parsed.article, parsed.doc, parsed.text
    verbs = reporting_verbs()
    out: list[LocalQuote] = []
    pos = 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        dash = _DASH_LINE.match(line)
        if dash is None:
            continue
        body = line[dash.end() :]
        # the attribution is in the last sentence's tail after its last comma
        comma = max(body.rfind(","), body.rfind(" —"), body.rfind(" –"))
        if comma < 0:
            continue
        tail = body[comma:]
        m = _DASH_ATTRIBUTION.fullmatch(tail) or _DASH_ATTRIBUTION_INVERTED.fullmatch(tail)
        if m is None or m.group("verb") not in verbs:
            continue
        s, e = _trim(text, base + dash.end(), base + dash.end() + comma)
        if len(text[s:e].split()) < _MIN_WORDS or any(a < e and b > s for a, b in taken):
            continue
        groups = m.groupdict()
        key: str | None = None
        if groups.get("name"):
            at = base + dash.end() + comma + m.start("name")
            key = mentions.at(at, at + 1)
        elif groups.get("pron"):
            key = _resolve_pronoun(doc, mentions, s)
        elif groups.get("noun"):
            noun = groups["noun"].split()[-1].lower()
            key = mentions.by_title_before(noun, s)
            # "— Sales rose, the company said.": a bulleted line, not a person speaking
            if key is None and noun not in title_groups() and noun not in lexicon("titles"):
                continue
        if key is None and groups.get("name"):
            continue
        out.append(
            LocalQuote(
                article_id=article.id,
                start=s,
                end=e,
                text=article.text[s:e],
                person_key=key,
                kind="direct",
                cue=m.group("verb"),
            )
        )
    return out


def _indirect_quote(article: Article, s: int, e: int, key: str, cue: str) -> LocalQuote:
    return LocalQuote(
        article_id=article.id,
        start=s,
        end=e,
        text=article.text[s:e],
        person_key=key,
        kind="indirect",
        cue=cue,
    )
