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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.docindex import sent_bounds, token_at, tokens_in
from tui.extract.people.indirect import indirect_speech, make_quote, trim
from tui.extract.people.lexicon import lexicon, reporting_verbs, title_groups
from tui.extract.people.speakers import (
    SUBJECTS,
    UNKNOWN,
    Speaker,
    Speakers,
    reporting_nouns,
    subject_of,
)
from tui.extract.people.words import word_key
from tui.records.extraction import LocalPerson, LocalQuote
from tui.records.models import Article, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tui.nlp import ParsedArticle

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‹": "›", "”": "”"}
_MARK_START = re.compile("[" + re.escape("`'\"" + "".join(_OPEN_CLOSE)) + "]")
"""A character where :func:`_segments` may find a quotation mark: the rest it passes over."""
_DOUBLE_MARKS = '"“”«»'
"""Double quotation marks: a token holding one is part of a quotation, not of its cue."""
_MIXED_CLOSE = {"“": '"', '"': "”"}
_PRONOUNS = {"he", "she"}
_MIN_WORDS = 4


def _sent_bounds(doc: Doc, char: int) -> tuple[int, int]:
    return sent_bounds(doc, char)


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    return tokens_in(doc, start, end)


@dataclass(frozen=True)
class _Attribution:
    """A reporting cue found next to a quote, and the speaker it gives."""

    speaker: Speaker
    cue: str
    cue_start: int
    cue_end: int


def _window_speaker(speakers: Speakers, tokens: list[Token]) -> Speaker:
    """The first person or personal pronoun among ``tokens`` (for a cue the parser left
    without a subject: ``"…," said X``)."""
    for tok in tokens:
        hit = speakers.mentions.span_at(tok.idx, tok.idx + len(tok.text))
        if hit is not None:
            return Speaker(hit[2], "person", hit[0], hit[1])
        if tok.lower_ in {"he", "she"}:
            return speakers.pronoun(tok)
        if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in SUBJECTS:
            return speakers.of_subject(tok)
    return UNKNOWN


def _verb_speaker(
    speakers: Speakers, verb: Token, window: list[Token], quote: tuple[int, int]
) -> Speaker:
    """The speaker of ``verb``: its parsed subject unless that lies inside the quote, else
    the nearest person in ``window``."""
    subject = subject_of(verb)
    if subject is not None and not quote[0] <= subject.idx < quote[1]:
        return speakers.of_subject(subject)
    return _window_speaker(speakers, window)


def _attributed(article: Article, quote: LocalQuote, found: _Attribution) -> LocalQuote:
    """``quote`` with the speaker and cue of ``found``."""
    who = found.speaker
    return quote.model_copy(
        update={
            "person_key": who.key,
            "speaker_kind": who.kind,
            "speaker": (
                article.span(who.start, who.end)
                if who.start is not None and who.end is not None
                else None
            ),
            "cue": found.cue,
            "cue_span": article.span(found.cue_start, found.cue_end),
        }
    )


def _noun_cue(speakers: Speakers, tokens: list[Token]) -> _Attribution | None:
    """``X issued the following statement:``: a reporting noun (``reporting_nouns.txt``) in
    the sentence before the quote, spoken by the subject of its verb."""
    nouns = reporting_nouns()
    for tok in tokens:
        if tok.pos_ == "NOUN" and word_key(tok.text) in nouns and tok.head.pos_ == "VERB":
            found = speakers.of_verb(tok.head)
            return _Attribution(found, tok.text, tok.idx, tok.idx + len(tok.text))
    return None


def _after(
    speakers: Speakers, after: list[Token], quote: tuple[int, int], verbs: frozenset[str]
) -> _Attribution | None:
    """``"…," X said`` / ``"…," said X`` / ``"…" — X told Reuters``: a reporting verb after
    the quote in its sentence."""
    for i, tok in enumerate(after[:60]):
        if any(q in tok.text for q in _DOUBLE_MARKS) or "''" in tok.text or "``" in tok.text:
            return None
        if tok.lower_ in verbs and tok.pos_ in {"VERB", "AUX"}:
            window = list(reversed(after[max(0, i - 5) : i])) + after[i + 1 : i + 6]
            if i >= 10:
                # "…," Name, <long apposition>, said: the name right after the quote
                lead = [t for t in after[:i] if not t.is_punct]
                hit = speakers.mentions.span_at(lead[0].idx, lead[0].idx + 1) if lead else None
                if hit is None:
                    found = speakers.of_verb(tok)
                    if found.kind == "unknown":
                        return None
                else:
                    found = Speaker(hit[2], "person", hit[0], hit[1])
            else:
                found = _verb_speaker(speakers, tok, window, quote)
            return _Attribution(found, tok.text, tok.idx, tok.idx + len(tok.text))
    return None


def _before(
    speakers: Speakers, before: list[Token], quote: tuple[int, int], verbs: frozenset[str]
) -> _Attribution | None:
    """``X said: "…"`` / ``X told reporters that "…"`` / ``according to X, "…"``."""
    for i in range(len(before) - 1, -1, -1):
        tok = before[i]
        if tok.lower_ in verbs and tok.pos_ in {"VERB", "AUX"}:
            window = list(reversed(before[max(0, i - 8) : i]))
            found = _verb_speaker(speakers, tok, window, quote)
            return _Attribution(found, tok.text, tok.idx, tok.idx + len(tok.text))
        if tok.lower_ == "to" and i > 0 and before[i - 1].lower_ == "according":
            found = _window_speaker(speakers, before[i + 1 :])
            return _Attribution(found, "according to", before[i - 1].idx, tok.idx + 2)
    return None


_COLON_NOT_SPEECH = frozenset(
    [
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "'s",
        "’s",
        "seem",
        "seems",
        "seemed",
        "become",
        "becomes",
        "became",
        "remain",
        "remains",
        "remained",
    ]
)
"""Verbs of a sentence that ends in a colon without anyone speaking (``The rule is: …``)."""


def _colon_intro(speakers: Speakers, doc: Doc, line_start: int, qs: int) -> _Attribution | None:
    """A quote right after a colon that ends a speaker's sentence: ``Ruiz gloated: "…"``,
    ``The mayor went on: "…"`` (any verb with a person or organisation subject, or a title
    or reporting noun: ``A footnote in the report makes that clear:``), or a name and a colon
    alone, as headlines and transcripts attribute (``Ruiz: "…"``, ``Mayor Elena Ruiz on
    taxes: "…"``, after a headline's dash)."""
    text = speakers.text
    head = text[line_start:qs].rstrip()
    if head.endswith(","):
        return _comma_intro(speakers, doc, line_start, line_start + len(head) - 1)
    if not head.endswith(":"):
        return None
    colon = line_start + len(head) - 1
    sent_start, _ = _sent_bounds(doc, colon)
    lo = max(sent_start, line_start)
    for dash in (" - ", " — ", " – "):
        at = text.rfind(dash, lo, colon)
        if at >= 0:
            lo = at + len(dash)
    for _, quote_end in speakers.quoted_in(lo, colon):
        lo = max(lo, quote_end)  # 'Ruiz: "…" Costa: "…"': Costa's line starts after the quote
    toks = [t for t in _tokens(doc, lo, colon) if not t.is_space]
    verbs = [t for t in toks if t.pos_ in {"VERB", "AUX"}]
    if not verbs:
        hits = speakers.mentions.in_range(lo, colon)
        if not hits:
            return None
        s, e, key = hits[0]
        rest = text[e:colon].split()
        if rest and rest[0].lower() != "on":
            return None
        return _Attribution(Speaker(key, "person", s, e), ":", colon, colon + 1)
    verb = next((t for t in toks if t.dep_ == "ROOT" and t.pos_ in {"VERB", "AUX"}), verbs[-1])
    subject = subject_of(verb)
    if (
        verb.lower_ in _COLON_NOT_SPEECH
        or subject is None
        or subject.dep_ == "expl"
        or speakers.in_quote(subject.idx)
    ):
        return None
    who = speakers.of_subject(subject)
    head_word = word_key(subject.text)
    if who.kind == "unknown" or (
        who.kind == "description"
        and head_word not in reporting_nouns()
        and head_word not in title_groups()
        and head_word not in lexicon("titles")
    ):
        return None
    return _Attribution(who, verb.text, verb.idx, verb.idx + len(verb.text))


_PUT = frozenset({"put", "puts", "putting"})
_AFTER_VERB = frozenset({"prt", "advmod", "npadvmod"})
"""What may stand between a speaking verb and the comma before its quote: ``shot back``,
``interjected again``."""


def _comma_intro(speakers: Speakers, doc: Doc, line_start: int, comma: int) -> _Attribution | None:
    """``As Ruiz put it, "…"`` / ``Ruiz shot back, "…"``: the verb (any verb, with a person
    subject) ends the words before the comma, only a particle or an adverb (or the ``it`` of
    ``put it``) after it."""
    toks = [t for t in _tokens(doc, line_start, comma) if not t.is_space]
    if not toks:
        return None
    verb = toks[-1]
    if verb.lower_ == "it" and len(toks) > 1 and toks[-2].lower_ in _PUT:
        verb = toks[-2]
    while verb.dep_ in _AFTER_VERB and verb.head.i < verb.i and verb.head.pos_ == "VERB":
        verb = verb.head
    if verb.pos_ != "VERB" or any(
        t.i > verb.i and not (t.dep_ in _AFTER_VERB or (t.lower_ == "it" and verb.lower_ in _PUT))
        for t in toks
    ):
        return None
    subject = subject_of(verb)
    if subject is None or speakers.in_quote(subject.idx):
        return None
    who = speakers.of_subject(subject)
    if who.kind != "person":
        return None
    return _Attribution(who, verb.text, verb.idx, verb.idx + len(verb.text))


def _segments(text: str) -> list[tuple[int, int, bool]]:
    """(inner start, inner end, closed) of every quotation in ``text``."""
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        i = 0
        while i < len(line):
            mark = _MARK_START.search(line, i)  # every other character is passed over
            if mark is None:
                break
            i = mark.start()
            ch = line[i]
            if line.startswith("``", i):
                # wire copy's typewriter marks: two backticks open, two apostrophes close
                # (``…''); a single quote closing inside it ends in three (`…''')
                j = line.find("''", i + 2)
                if j < 0:
                    out.append((base + i + 2, base + len(line), False))
                    break
                if line.startswith("'''", j) and line.count("`", i + 2, j) % 2 == 1:
                    j += 1
                out.append((base + i + 2, base + j, True))
                i = j + 2
                continue
            if line.startswith("''", i):
                # two apostrophes for a double mark (archive plain text: ''…'')
                j = line.find("''", i + 2)
                if j < 0:
                    out.append((base + i + 2, base + len(line), False))
                    break
                out.append((base + i + 2, base + j, True))
                i = j + 2
                continue
            if ch == '"' or ch in _OPEN_CLOSE:
                close_ch = '"' if ch == '"' else _OPEN_CLOSE[ch]
                if ch == "”":
                    i += 1
                    continue
                j = line.find(close_ch, i + 1)
                if ch in _MIXED_CLOSE:
                    # a typesetter's mix: “…" or "…” closes with the other style's mark,
                    # also when a mark of the right style comes later in the paragraph
                    # (“I disagree," said X, who … ”…”) if it closes a sentence (,"  ." )
                    other = line.find(_MIXED_CLOSE[ch], i + 1)
                    if other >= 0 and (
                        j < 0 or (other < j and _closes_sentence(line, other) and ch == "“")
                    ):
                        j = other
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


def _closes_sentence(line: str, at: int) -> bool:
    """The mark at ``line[at]`` ends a quoted sentence: after ``,`` ``.`` ``!`` ``?`` and
    before a space or the line's end (``…," said X``)."""
    return at > 0 and line[at - 1] in ",.!?" and (at + 1 == len(line) or line[at + 1] == " ")


_SINGLE_OPEN_BEFORE = set(" \t([{—–-:")
_SINGLE_CLOSE_AFTER = set(" \t,.;:!?)]}—–-")


def _with_marks(text: str, start: int, end: int, closed: bool) -> tuple[int, int]:
    """The quotation ``[start, end)`` with its marks (two apostrophes or two backticks
    count as one mark)."""
    qs = start - 2 if text[max(0, start - 2) : start] in ("''", "``") else start - 1
    if not closed:
        return qs, end
    return qs, end + 2 if text[end : end + 2] == "''" else end + 1


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


def _cue_opens(doc: Doc, rest: str, line_end: int) -> bool:
    """The words after a closing mark start with ``Name said`` / ``the minister added``: a
    reporting verb among the first words of the sentence the parser began there (a quote
    ending in ``?``, ``!`` or ``.`` makes it start a sentence)."""
    start = line_end - len(rest)
    _, end = _sent_bounds(doc, start)
    verbs = reporting_verbs()
    for tok in _tokens(doc, start, end)[:6]:
        if any(q in tok.text for q in _DOUBLE_MARKS) or "``" in tok.text:
            return False
        if tok.lower_ in verbs and tok.pos_ in {"VERB", "AUX"}:
            return True
    return False


def _looks_like_title(inner: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", inner)
    if not words:
        return True
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.7 and not re.search(r"[.!?]", inner)


def extract_quotes(
    parsed: ParsedArticle, persons: list[LocalPerson], shared: Sequence[Span] = ()
) -> list[LocalQuote]:
    """Direct and indirect quotes of one article, each with its speaker and cue.

    ``shared`` are the surname mentions the sweep left unresolved (two people share the
    surname): as a speaker, such a surname is the one of them mentioned last before it."""
    article, doc, text = parsed.article, parsed.doc, parsed.text
    segments = [seg for seg in _segments(text) if seg[1] > seg[0]]
    quoted = [_with_marks(text, a, b, closed) for a, b, closed in segments]
    speakers = Speakers(parsed, persons, quoted, shared)
    verbs = reporting_verbs()
    quotes: list[LocalQuote] = []
    prev: tuple[int, LocalQuote, bool] | None = None  # (end, quote, open-ended)
    direct_ranges: list[tuple[int, int]] = []
    for start, end, closed in segments:
        s, e = trim(text, start, end)
        inner = text[s:e]
        short = len(inner.split()) < _MIN_WORDS
        if not inner:
            continue
        # the record spans the quotation with its marks (an open one to its paragraph end)
        qs, qe = _with_marks(text, start, end, closed)
        if not closed:
            qe = e
        line_start = text.rfind("\n", 0, start) + 1
        intro = _colon_intro(speakers, doc, line_start, qs)
        if _looks_like_title(inner) and (intro is None or intro.cue != ":"):
            # a title-like phrase is a quote only as a headline's "Ruiz: 'We Will Win'"
            continue
        _, sent_end = _sent_bounds(doc, max(0, e - 1))
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[qe:line_end].lstrip()
        if rest and (rest[:1].islower() or rest[:1] in ",—–" or _cue_opens(doc, rest, line_end)):
            # "…!" he told the crowd / "…?" Ruiz asked: the parser may start a sentence
            # after the marks
            sent_end = max(sent_end, _sent_bounds(doc, line_end - len(rest))[1])
        after_end = min(max(sent_end, qe), line_end, end + 400)
        after = _tokens(doc, qe, after_end) if closed else []
        found = _after(speakers, after, (start, end), verbs)
        if found is None:
            q_sent_start, _ = _sent_bounds(doc, max(0, qs))
            line_start = text.rfind("\n", 0, start) + 1
            lo = max(q_sent_start, line_start, start - 240)
            before = _tokens(doc, lo, max(lo, qs))
            found = _before(speakers, before, (start, end), verbs)
        if found is None:
            found = intro
        if found is None and not text[line_start:qs].strip():
            # X said in a statement:  /  "…" — the quote opens the paragraph after a colon
            head = text[: text.rfind("\n", 0, start)].rstrip()
            if head.endswith(":"):
                lo, _ = _sent_bounds(doc, len(head) - 1)
                lead = _tokens(doc, lo, len(head))
                found = _before(speakers, lead, (start, end), verbs) or _noun_cue(speakers, lead)
                if found is None:
                    head_line = text.rfind("\n", 0, len(head) - 1) + 1
                    found = _colon_intro(speakers, doc, head_line, len(head))
        if prev is not None and prev[2] and not text[prev[0] : qs].strip():
            # a quotation left open at a paragraph end goes on where the next paragraph
            # opens its marks again: one statement over the paragraphs
            merged = quotes[-1].model_copy(
                update={"end": qe, "text": article.text[quotes[-1].start : qe]}
            )
            if merged.speaker_kind == "unknown" and found is not None:
                merged = _attributed(article, merged, found)
            quotes[-1] = merged
            direct_ranges[-1] = (merged.start, qe)
            prev = (qe, merged, not closed)
            continue
        if short and (found is None or found.speaker.key is None):
            if found is not None:
                # '"Not really," wrote a voter. "What does he know?"': the short quote is no
                # statement, but its attribution carries to the quote that goes on after it
                unsaid = make_quote(article, qs, qe, "direct", UNKNOWN)
                prev = (qe, _attributed(article, unsaid, found), False)
            continue
        if found is None and prev is not None and not short:
            prev_end, prev_quote, _ = prev
            gap = text[prev_end:start]
            same_paragraph = "\n" not in gap
            prev_line_end = text.find("\n", prev_end)
            next_paragraph = (
                prev_line_end >= 0
                and not text[prev_line_end:qs].strip()
                and not text[qe:line_end].strip(" \"”»,.'")
            )
            if same_paragraph or next_paragraph:
                quote = prev_quote.model_copy(
                    update={
                        "start": qs,
                        "end": qe,
                        "text": article.text[qs:qe],
                        "cue": "continuation",
                        "cue_span": None,
                    }
                )
                quotes.append(quote)
                direct_ranges.append((qs, qe))
                prev = (qe, quote, not closed)
                continue
        if found is None:
            prev = None
            continue
        quote = _attributed(article, make_quote(article, qs, qe, "direct", UNKNOWN), found)
        quotes.append(quote)
        direct_ranges.append((qs, qe))
        prev = (qe, quote, not closed)
    dash = _dash_quotes(parsed, speakers, direct_ranges)
    reported, absorbed = indirect_speech(
        parsed, speakers, quoted, quotes, [(q.start, q.end) for q in dash]
    )
    kept = [q for i, q in enumerate(quotes) if i not in absorbed]
    return sorted(kept + dash + reported, key=lambda q: q.start)


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
    parsed: ParsedArticle, speakers: Speakers, taken: list[tuple[int, int]]
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
        s, e = trim(text, base + dash.end(), base + dash.end() + comma)
        if len(text[s:e].split()) < _MIN_WORDS or any(a < e and b > s for a, b in taken):
            continue
        groups = m.groupdict()
        tail_at = base + dash.end() + comma
        who = UNKNOWN
        if groups.get("name"):
            hit = speakers.mentions.span_at(tail_at + m.start("name"), tail_at + m.end("name"))
            if hit is None:
                continue
            who = Speaker(hit[2], "person", hit[0], hit[1])
        elif groups.get("pron"):
            pron = token_at(doc, tail_at + m.start("pron"))
            if pron is not None:
                who = speakers.pronoun(doc[pron])
        elif groups.get("noun"):
            noun = groups["noun"].split()[-1].lower()
            key = speakers.mentions.by_title_before(noun, s)
            # "— Sales rose, the company said.": a bulleted line, not a person speaking
            if key is None and noun not in title_groups() and noun not in lexicon("titles"):
                continue
            who = Speaker(
                key,
                "person" if key else "description",
                tail_at + (m.start("det") if groups.get("det") else m.start("noun")),
                tail_at + m.end("noun"),
            )
        quote = make_quote(article, s, e, "direct", who)
        quote.cue = m.group("verb")
        quote.cue_span = article.span(tail_at + m.start("verb"), tail_at + m.end("verb"))
        out.append(quote)
    return out
