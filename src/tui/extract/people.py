"""People in one article: names, mentions, roles and quotes.

Candidates are runs of capitalised words (with name particles, initials and hyphenated
compounds) inside one sentence. A run becomes a person when the statistical model tags it
PERSON or when news-writing cues vouch for it: a title or honorific before it, a reporting
verb next to it, or an apposition with a title after it. Organisation words, places,
demonyms, calendar words and interface strings veto a run. Every other mention of an accepted
person (surname alone, title + surname, the full name in unusual casing) is then found by a
sweep of the text and resolved to the person introduced nearest before it; a surname shared by
two people in the article is left unresolved rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from tui import nlp
from tui.docindex import doc_index, token_at, tokens_in
from tui.extract.names import (
    NameParts,
    fold,
    fullness,
    given_compatible,
    lexicon,
    reporting_verbs,
    split_name,
    surname_relation,
    title_abbreviations,
)
from tui.models import Article, MergeEvidence, Role
from tui.records.extraction import LocalPerson, PeopleResult

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# --------------------------------------------------------------------------- lexicons

_NON_ORG_ENTS = {"PERSON"}
_STRIP_DOTS = re.compile(r"\.$")


def _key(word: str) -> str:
    return _STRIP_DOTS.sub("", fold(word))


def _title_words() -> frozenset[str]:
    words: set[str] = set()
    for entry in lexicon("titles"):
        words.update(w.rstrip(".") for w in entry.replace("-", " ").split())
    words -= {"of", "the", "in", "state", "general", "head", "chief", "major", "justice"}
    return frozenset(words)


_TITLE_WORDS = _title_words()
_TITLE_HEADS = frozenset(
    e.replace("-", " ").split()[-1].rstrip(".") for e in lexicon("titles")
) | frozenset(e.rstrip(".") for e in lexicon("honorifics"))
_TITLES = frozenset(e.rstrip(".") for e in lexicon("titles"))
_HONORIFICS = frozenset(e.rstrip(".") for e in lexicon("honorifics"))
_MODIFIERS = lexicon("title_modifiers")
_PORTFOLIOS = frozenset(w for e in lexicon("portfolios") for w in e.split())
_PARTICLES = lexicon("particles")
_ORG_WORDS = lexicon("org_words")
_DEMONYMS = lexicon("demonyms")
_PLACES = lexicon("places")
_NONPERSON = lexicon("nonperson")
_PRONOUNS = {"he", "she", "him", "her"}
_MAX_NAME_WORDS = 5
_TEMPORAL = {"former", "acting", "interim", "outgoing", "incoming", "then", "ex", "late"}
_BYLINE_CUES = {"reporting", "editing", "writing", "additional", "compiled", "produced"}
_LINKERS = {"of", "for", "to", "at", "and", "the", "in", "on"}


_ABBREV = title_abbreviations()


def _expand(token: Token) -> str:
    """A title word with abbreviations spelled out ("Gov." -> "governor")."""
    k = _key(token.text)
    return _ABBREV.get(k, k)


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words (imported on first use: linking never loads spaCy)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _is_reporting(token: Token) -> bool:
    return token.lower_ in reporting_verbs() and token.pos_ in {"VERB", "AUX", "NOUN"}


# --------------------------------------------------------------------------- words and runs


@dataclass
class _Word:
    """A word of the text: tokens joined by in-word hyphens ("Costa-Lima", "al-Assad")."""

    start: int
    end: int
    text: str
    first_tok: int
    last_tok: int


def _words(doc: Doc) -> list[_Word]:
    words: list[_Word] = []
    text = doc_index(doc).text
    i = 0
    n = len(doc)
    while i < n:
        j = i
        while (
            j + 2 < n
            and doc[j + 1].text in {"-", "‐"}
            and not doc[j].whitespace_
            and not doc[j + 1].whitespace_
            and doc[j + 2].text[:1].isalpha()
            and doc[j].text[:1].isalpha()
        ):
            j += 2
        start = doc[i].idx
        end = doc[j].idx + len(doc[j].text)
        words.append(_Word(start, end, text[start:end], i, j))
        i = j + 1
    return words


_INITIAL = re.compile(r"(?:[^\W\d_]\.){1,3}|[^\W\d_]\.?")


def _name_like(text: str) -> bool:
    """A capitalised word, an initial or a hyphenated compound of such words."""
    if _INITIAL.fullmatch(text):
        return text[0].isupper()
    parts = re.split(r"[-‐]", text)
    last = parts[-1]
    if not last or not last[0].isupper():
        return False
    for part in parts:
        if not part or not re.fullmatch(r"[^\W\d_]+(?:['’][^\W\d_]+)*\.?", part):
            return False
        if part.lower() not in _PARTICLES and not part[0].isupper():
            return False
    return any(c.islower() for c in text)


def _blocking(word: str) -> str | None:
    """Why a capitalised word cannot be part of a person's name, if it cannot."""
    k = _key(word)
    if "-" in k and k not in _TITLES:
        reasons = {_blocking(part) for part in k.split("-") if part}
        for reason in ("org", "title", "place", "nonperson"):
            if reason in reasons and (reason != "place" or len(reasons) == 1):
                return reason
    if k in _ORG_WORDS:
        return "org"
    if k in _HONORIFICS or k in _TITLE_WORDS or k in _MODIFIERS:
        return "title"
    if k in _PORTFOLIOS:
        return "title"
    if k in _DEMONYMS or k in _PLACES:
        return "place"
    if k in _NONPERSON:
        return "nonperson"
    return None


@dataclass
class _Candidate:
    words: list[_Word]
    before: list[_Word]
    """Blocking words right before the candidate in its capitalised run."""
    cues: set[str] = field(default_factory=set)

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def first_tok(self) -> int:
        return self.words[0].first_tok

    @property
    def last_tok(self) -> int:
        return self.words[-1].last_tok


def _runs(doc: Doc, words: list[_Word]) -> list[list[_Word]]:
    """Maximal runs of name-like words (particles allowed inside) within one sentence."""
    runs: list[list[_Word]] = []
    text = doc_index(doc).text
    current: list[_Word] = []
    for idx, word in enumerate(words):
        tok = doc[word.first_tok]
        starts_sentence = tok.is_sent_start and current
        if starts_sentence:
            runs.append(current)
            current = []
        like = _name_like(word.text)
        if not like and word.text.lower() in _PARTICLES:
            k = idx + 1
            while k < len(words) and words[k].text.lower() in _PARTICLES and k - idx < 3:
                k += 1
            if (
                k < len(words)
                and _name_like(words[k].text)
                and not any(doc[w.first_tok].is_sent_start for w in words[idx + 1 : k + 1])
            ):
                like = True
        if like and current and "\n" in text[current[-1].end : word.start]:
            runs.append(current)
            current = []
        if like:
            current.append(word)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _candidates(doc: Doc, words: list[_Word], org_heads: set[str]) -> list[_Candidate]:
    """Split runs at blocking words; drop segments that are modifiers of an organisation
    (their words go to ``org_heads``: "Nordfjord" of "Nordfjord Energy" is no person)."""
    out: list[_Candidate] = []
    for run in _runs(doc, words):
        seg: list[_Word] = []
        before: list[_Word] = []
        pending_before: list[_Word] = []
        for word in [*run, None]:
            reason = None if word is None else _blocking(word.text)
            if word is not None and reason is None:
                tok = doc[word.first_tok]
                if tok.lower_ in reporting_verbs() or (
                    tok.ent_type_ != "PERSON" and tok.is_stop and len(word.text) > 1
                ):
                    reason = "common"
            if word is not None and reason is None:
                if not seg:
                    before = pending_before
                    pending_before = []
                seg.append(word)
                continue
            if seg:
                while seg and seg[-1].text.lower() in _PARTICLES:
                    seg.pop()
                while seg and seg[0].text.lower() in _PARTICLES and len(seg) == 1:
                    seg.pop()
                core = [w for w in seg if w.text.lower() not in _PARTICLES]
                # more name words than a person's name has: a title-case headline or a thing
                too_long = len(core) > _MAX_NAME_WORDS
                if seg and reason != "org" and not too_long:
                    out.append(_Candidate(list(seg), list(before)))
                elif seg and not too_long:
                    org_heads.update(fold(w.text) for w in seg)
                seg = []
                before = []
            if word is not None:
                pending_before.append(word)
    return out


_CAPS_NAME = r"[A-Z][A-Z'’-]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+[A-Z][A-Z'’-]+){1,3}"
_CAPS_BYLINE = re.compile(
    rf"^[ \t]*(?:[Bb][Yy]|Reporting by|Writing by)[ \t]+({_CAPS_NAME})\b"
    rf"(?:,?[ \t]+and[ \t]+({_CAPS_NAME})\b)?",
    re.M,
)


def _caps_bylines(text: str, words: list[_Word]) -> list[_Candidate]:
    """A byline in capitals ("By ANA COSTA-LIMA"): the byline, not the case, makes it a name."""
    out: list[_Candidate] = []
    for m in _CAPS_BYLINE.finditer(text):
        for group in (1, 2):
            if m.start(group) < 0:
                continue
            span_words = [w for w in words if m.start(group) <= w.start and w.end <= m.end(group)]
            if not span_words or span_words[0].start != m.start(group):
                continue
            if any(_blocking(w.text) is not None for w in span_words):
                continue
            if len(span_words) > _MAX_NAME_WORDS:
                continue
            out.append(_Candidate(span_words, [], {"byline"}))
    return out


# --------------------------------------------------------------------------- cues


def _prev_token(doc: Doc, i: int) -> Token | None:
    return doc[i - 1] if i > 0 else None


def _next_token(doc: Doc, i: int) -> Token | None:
    return doc[i + 1] if i + 1 < len(doc) else None


def _title_phrase_after(doc: Doc, i: int, limit: int = 8) -> bool:
    """Whether tokens from ``i`` (after an apposition comma) form a title phrase."""
    for tok in doc[i : min(len(doc), i + limit)]:
        if tok.text in {",", ".", ";", ")", "(", "\n"} or tok.is_space:
            return False
        if _key(tok.text) in _TITLE_WORDS:
            return True
    return False


def _score(article: Article, doc: Doc, cand: _Candidate) -> None:
    toks = doc[cand.first_tok : cand.last_tok + 1]
    person_toks = sum(1 for t in toks if t.ent_type_ == "PERSON")
    other_toks = sum(1 for t in toks if t.ent_type_ and t.ent_type_ not in _NON_ORG_ENTS)
    if person_toks * 2 >= len(toks) or (person_toks and other_toks * 2 <= len(toks)):
        cand.cues.add("ner")
    if other_toks * 2 > len(toks):
        cand.cues.add("other-entity")
    if cand.before and _key(cand.before[-1].text) in _TITLE_HEADS:
        cand.cues.add("title")
    prev = _prev_token(doc, cand.first_tok)
    if prev is not None and not cand.before and _key(prev.text) in _TITLE_HEADS:
        cand.cues.add("title")
    if not any(t.pos_ == "PROPN" for t in toks):
        cand.cues.add("not-propn")
    if "title" not in cand.cues and prev is not None and _key(prev.text) not in _LINKERS:
        role = _role_before(article, doc, cand.first_tok)
        # a title with a complement right before ("ambassador to Chile Oskar Brandt") vouches
        # for a full name only, and not across a determiner ("researcher at the Institute of
        # Latin American Studies": "Studies" ends the organisation)
        if role is not None and (
            _key(prev.text) in _TITLE_HEADS
            or (prev.text == "," and _vouching_comma(doc, prev.i, cand))
            or (len(cand.words) >= 2 and not _has_det(doc, role.start, role.end))
        ):
            cand.cues.add("title")
    if (
        prev is not None
        and prev.text == ","
        and cand.first_tok >= 2
        and _key(doc[cand.first_tok - 2].text) in _TITLE_HEADS
        and doc[cand.first_tok - 2].pos_ == "NOUN"
    ):
        cand.cues.add("apposition")
    if (
        prev is not None
        and prev.lower_ == "by"
        and (
            prev.is_sent_start
            or (cand.first_tok >= 2 and doc[cand.first_tok - 2].lower_ in _BYLINE_CUES)
        )
    ):
        cand.cues.add("byline")
    nxt = _next_token(doc, cand.last_tok)
    if (
        nxt is not None
        and nxt.text.islower()
        and _key(nxt.text) in _TITLE_HEADS
        and nxt.pos_ == "NOUN"
        and not nxt.whitespace_.count("\n")
    ):
        cand.cues.add("org-modifier")
    if nxt is not None and _is_reporting(nxt):
        cand.cues.add("reporting")
    if prev is not None and _is_reporting(prev) and not cand.before:
        cand.cues.add("reporting")
    if (
        prev is not None
        and prev.lower_ == "to"
        and cand.first_tok >= 2
        and doc[cand.first_tok - 2].lower_ == "according"
    ):
        cand.cues.add("reporting")
    if nxt is not None and nxt.text == ",":
        j = nxt.i + 1
        if j < len(doc) and (doc[j].pos_ == "DET" or doc[j].tag_ == "PRP$"):
            j += 1
        if j < len(doc) and doc[j].lower_ not in _COORDINATORS and _title_phrase_after(doc, j):
            cand.cues.add("apposition")
    # "…, and the Danish Ambassador to Chile, Oskar Brandt.": a title set off before a
    # name of two or more words that closes the clause
    if (
        "apposition" not in cand.cues
        and prev is not None
        and prev.text == ","
        and len(cand.words) >= 2
        and (nxt is None or nxt.text in {".", ",", ";", ":", ")", "!", "?"} or _is_reporting(nxt))
        # after a lowercase common noun the name is that noun's ("the head of research at
        # the monitor, Human Rights Watch"); a person follows the title or a proper noun
        and _vouching_comma(doc, prev.i, cand)
        and _role_before_comma(article, doc, prev.i) is not None
    ):
        cand.cues.add("apposition")


def _vouching_comma(doc: Doc, comma: int, cand: _Candidate) -> bool:
    """A title set off before ``comma`` vouches for the name after it when the title or a
    proper noun ends the phrase ("the Ambassador to Chile, X"); after a lowercase common noun
    the name is that noun's ("the head of research at the monitor, Human Rights Watch")."""
    if comma == 0:
        return False
    last = doc[comma - 1]
    return last.text[:1].isupper() or _key(last.text) in _TITLE_HEADS or "ner" in cand.cues


def _has_det(doc: Doc, start: int, end: int) -> bool:
    """Whether a determiner sits after the first word of the text span ``[start, end)``."""
    return any(t.pos_ == "DET" and t.idx > start for t in tokens_in(doc, start, end))


def _accepted(cand: _Candidate) -> bool:
    cues = cand.cues
    strong = cues & {"ner", "title", "reporting", "apposition", "byline"}
    if not strong:
        return False
    if "not-propn" in cues and (len(cand.words) == 1 or "ner" not in cues):
        return False
    if "other-entity" in cues and "title" not in cues:
        return len(cand.words) >= 2 and bool(cues & {"reporting", "apposition", "ner", "byline"})
    if len(cand.words) == 1 and cues == {"ner"}:
        return bool(re.fullmatch(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*", cand.words[0].text))
    return True


# --------------------------------------------------------------------------- roles


def _is_role_word(tok: Token) -> bool:
    k = _key(tok.text)
    if k in _TITLE_WORDS or k in _TITLES or k in _MODIFIERS or k in _PORTFOLIOS:
        return True
    if k in _DEMONYMS or k in _HONORIFICS or k in _ABBREV:
        return True
    if tok.text in {"'s", "’s", "-"}:
        return True
    if k in _LINKERS:
        return True
    return (tok.text[:1].isupper() and tok.is_alpha) or bool(
        re.fullmatch(r"(?:[A-Z]\.){2,}", tok.text)
    )


def _find_title(tokens: list[Token]) -> tuple[int, int] | None:
    """The longest title lexicon match among ``tokens`` (indices into the list)."""
    keys = [_ABBREV.get(_key(t.text), _key(t.text)) for t in tokens]
    best: tuple[int, int] | None = None
    for i in range(len(keys)):
        for j in range(min(len(keys), i + 5), i, -1):
            phrase = " ".join(keys[i:j]).replace(" - ", "-")
            if phrase in _TITLES and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
                break
    if best is None:
        return None
    i, j = best
    while i > 0 and keys[i - 1] in _MODIFIERS | _PORTFOLIOS:
        i -= 1
    return i, j


def _org_text(tokens: list[Token]) -> str | None:
    toks = [t for t in tokens if t.text not in {"'s", "’s"}]
    while toks and (
        _key(toks[0].text) in _LINKERS or toks[0].pos_ == "DET" or _key(toks[0].text) in _TEMPORAL
    ):
        toks = toks[1:]
    while toks and (_key(toks[-1].text) in _LINKERS or toks[-1].is_punct):
        toks = toks[:-1]
    if not toks:
        return None
    doc = toks[0].doc
    return doc_index(doc).text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]


def _build_role(article: Article, tokens: list[Token]) -> Role | None:
    """A role from a phrase of tokens: title head with modifiers, org before or after it."""
    while tokens and (
        _key(tokens[0].text) in _LINKERS
        or tokens[0].text in {"'s", "’s", "-"}
        or tokens[0].pos_ == "DET"
    ):
        tokens = tokens[1:]
    while tokens and (_key(tokens[-1].text) in _LINKERS or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens:
        return None
    found = _find_title(tokens)
    if found is None:
        return None
    i, j = found
    if all(_key(t.text) in _HONORIFICS and _expand(t) not in _TITLES for t in tokens[i:j]):
        return None
    title_toks = tokens[i:j]
    rest = tokens[j:]
    if (
        rest
        and rest[0].lower_ == "for"
        and len(rest) > 1
        and (_key(rest[1].text) in _PORTFOLIOS or rest[1].text[:1].isupper())
    ):
        k = 2
        while k < len(rest) and (rest[k].text[:1].isupper() or rest[k].lower_ == "and"):
            k += 1
        title_toks = title_toks + rest[:k]
        rest = rest[k:]
    elif rest and rest[0].lower_ == "of" and len(rest) > 1:
        # "Minister of Finance", "Minister of the Interior": a portfolio, not an org
        k = 2 if rest[1].pos_ == "DET" and len(rest) > 2 else 1
        first = k
        while k < len(rest) and (
            (rest[k].text[:1].isupper() and _key(rest[k].text) in _PORTFOLIOS)
            or (rest[k].lower_ == "and" and k > first)
        ):
            k += 1
        while k > first and rest[k - 1].lower_ == "and":
            k -= 1
        if k > first:
            title_toks = title_toks + [t for t in rest[:k] if t.pos_ != "DET"]
            rest = rest[k:]
    title = " ".join(_expand(t) for t in title_toks).replace(" - ", "-")
    if title in _HONORIFICS and title not in _TITLES:
        return None
    org: str | None = None
    if rest and rest[0].lower_ in {"of", "at", "to", "in", "with"}:
        org = _org_text(rest[1:])
    before_org = _org_text(tokens[:i]) if i > 0 else None
    # "the French ambassador to the country": a generic complement yields to the demonym
    if org is None or (before_org is not None and not any(c.isupper() for c in org)):
        org = before_org or org
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    text = article.text[start:end]
    return Role(article_id=article.id, start=start, end=end, text=text, title=title, org=org)


def _role_before(article: Article, doc: Doc, first_tok: int) -> Role | None:
    if first_tok >= 2 and doc[first_tok - 1].text == ",":
        role = _role_before_comma(article, doc, first_tok - 1)
        if role is not None:
            return role
    toks: list[Token] = []
    i = first_tok - 1
    while i >= 0 and len(toks) < 12:
        tok = doc[i]
        if tok.is_sent_start and i != first_tok - 1:
            if _is_role_word(tok) and tok.lower_ not in _LINKERS:
                toks.insert(0, tok)
            break
        if tok.is_space or ("\n" in tok.text_with_ws and i != first_tok - 1):
            break
        if not _is_role_word(tok) or (tok.ent_type_ == "PERSON" and _blocking(tok.text) is None):
            break
        toks.insert(0, tok)
        i -= 1
    while toks and (toks[0].is_stop and _key(toks[0].text) not in _TITLE_WORDS | _MODIFIERS):
        toks = toks[1:]
    return _build_role(article, toks) if toks else None


_COORDINATORS = {"and", "or", "but", "while", "whereas", "nor"}
_COMPLEMENT_LINKERS = {"of", "to", "at", "for"}


def _joins_names(doc: Doc, i: int) -> bool:
    """``and`` inside a name ("Minister for Trade and Industry"), not a coordination."""
    return (
        0 < i < len(doc) - 1
        and doc[i - 1].text[:1].isupper()
        and doc[i + 1].text[:1].isupper()
        and doc[i + 1].pos_ != "DET"
    )


def _role_before_comma(article: Article, doc: Doc, comma: int) -> Role | None:
    """``the <title>, Name`` / ``X's <title>, Name`` / ``the <title> to <Org>, Name``: a
    title phrase set off by a comma. A coordination ("the minister and the ambassador, X")
    is cut at its coordinator: only the last conjunct names X."""
    toks: list[Token] = []
    i = comma - 1
    while i >= 0 and len(toks) < 16:
        tok = doc[i]
        if (
            tok.is_space
            or "\n" in tok.whitespace_
            or not (_is_role_word(tok) or tok.pos_ in {"DET", "NOUN", "ADJ", "NUM"})
            or (tok.ent_type_ == "PERSON" and _blocking(tok.text) is None)
            or (tok.lower_ in _COORDINATORS and not _joins_names(doc, i))
        ):
            break
        toks.insert(0, tok)
        if tok.is_sent_start:
            break
        i -= 1
    if not toks:
        return None
    opener = toks[0]
    # "After talks with the president of Chile, Oskar Brandt said …": the title phrase is an
    # introductory adverbial and the name the subject that follows it, not an apposition
    governors = {"ADP", "VERB", "SCONJ"}
    governed = opener.pos_ in governors or (
        i >= 0 and not opener.is_sent_start and doc[i].pos_ in governors
    )
    closes = _name_closes(doc, comma)
    if governed and not closes and doc[i].lower_ != "between":
        return None
    while toks and (toks[0].is_stop and _key(toks[0].text) not in _TITLE_WORDS | _MODIFIERS):
        if toks[0].pos_ == "DET" and len(toks) > 1:
            toks = toks[1:]
            continue
        toks = toks[1:]
    if not toks:
        return None
    if _key(toks[-1].text) in _TITLE_HEADS | _TITLES:
        start = len(toks) - 1
        while start > 0 and (_is_role_word(toks[start - 1]) or toks[start - 1].pos_ == "DET"):
            start -= 1
        return _build_role(article, toks[start:])
    # "the Russian Ambassador to Peru, X": a title with its complement, introduced by a
    # determiner or a possessive (a bare "to Peru, X" is no apposition)
    found = _find_title(toks)
    sentence_opener = opener.is_sent_start and opener.pos_ not in governors
    if found is None or not (opener.pos_ == "DET" or opener.tag_ == "PRP$" or sentence_opener):
        return None
    if not closes and not sentence_opener:
        return None
    rest = toks[found[1] :]
    if not rest or rest[0].lower_ not in _COMPLEMENT_LINKERS:
        return None
    # common nouns may only follow the title ("to the country"), never precede it
    if not all(_is_role_word(t) or t.pos_ == "DET" for t in toks[: found[0]]):
        return None
    return _build_role(article, toks)


def _name_closes(doc: Doc, comma: int) -> bool:
    """Whether the capitalised name after ``comma`` is followed by punctuation or the end
    (an apposition: "…, Oskar Brandt." / "…, Oskar Brandt, said"), not by a verb."""
    j = comma + 1
    while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].text in {"-", "‐", "'s"}):
        j += 1
    return j == comma + 1 or j >= len(doc) or doc[j].is_punct or doc[j].is_space


_APPOS_END = {"|", "/", "•", "·", ",", ".", ";", ")", "(", ":", "—", "–", "!", "?", '"', "“", "”"}


def _appositive(doc: Doc, i: int) -> list[Token]:
    """The tokens of an apposition starting at token ``i`` (up to its closing mark)."""
    toks: list[Token] = []
    while i < len(doc) and len(toks) < 14:
        tok = doc[i]
        if tok.text in _APPOS_END or tok.is_space or "\n" in tok.text:
            break
        if (_is_reporting(tok) and tok.pos_ == "VERB") or tok.lower_ in {"who", "which", "that"}:
            break
        toks.append(tok)
        if "\n" in tok.whitespace_:
            break
        i += 1
    return toks


def _is_title_phrase(doc: Doc, toks: list[Token]) -> bool:
    if not toks:
        return False
    if _title_phrase_after(doc, toks[0].i, limit=len(toks) + 1):
        return True
    # "head of the delegation", "chief of the mission": a bare head noun with "of"
    first = 1 if toks[0].pos_ == "DET" and len(toks) > 2 else 0
    return (
        len(toks) > first + 1
        and _key(toks[first].text) in _TITLES
        and toks[first + 1].lower_ == "of"
    )


def _role_after(article: Article, doc: Doc, last_tok: int) -> list[Role]:
    """Roles in apposition after a name: ``X, head of the delegation, Director at Y, said``
    (several appositions in a row each give a role) or ``X as <title>``. An apposition that
    opens with a coordinator ("X, and the ambassador, Y") belongs to the next name."""
    i = last_tok + 1
    if i < len(doc) and doc[i].lower_ == "as":
        as_toks: list[Token] = []
        for tok in doc[i + 1 : i + 10]:
            if tok.is_punct or tok.is_space or not (_is_role_word(tok) or tok.pos_ == "DET"):
                break
            as_toks.append(tok)
        role = _build_role(article, as_toks) if as_toks else None
        return [role] if role is not None else []
    roles: list[Role] = []
    while i < len(doc) and doc[i].text == "," and len(roles) < 3:
        i += 1
        if i < len(doc) and doc[i].lower_ in _COORDINATORS:
            break
        toks = _appositive(doc, i)
        if not _is_title_phrase(doc, toks):
            break
        role = _build_role(article, toks)
        if role is None:
            break
        roles.append(role)
        i = toks[-1].i + 1
    return roles


# --------------------------------------------------------------------------- persons


@dataclass
class _Draft:
    name: str
    parts: NameParts
    first_pos: int
    cues: set[str]
    forms: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    evidence: list[MergeEvidence] = field(default_factory=list)


def _join_draft(drafts: list[_Draft], name: str, parts: NameParts) -> tuple[_Draft, str] | None:
    """An existing draft this full name belongs to, and the rule that says so."""
    matches: list[tuple[_Draft, str]] = []
    for d in drafts:
        if fold(d.name) == fold(name):
            return d, "same-name" if d.name == name else "case-accent-fold"
        if not d.parts.given or not parts.given:
            continue
        rel = surname_relation(d.parts.surname, parts.surname)
        if rel is None:
            continue
        ok, rule = given_compatible(d.parts.given, parts.given)
        if not ok:
            continue
        if rule == "initial" and rel != "same":
            continue
        if rel == "compound" and rule != "same-given":
            continue
        matches.append((d, rule if rel == "same" else f"{rel}-surname"))
    if len(matches) == 1:
        return matches[0]
    return None


def _surname_owners(drafts: list[_Draft], key: str) -> list[_Draft]:
    return [d for d in drafts if d.parts.given and key in d.parts.surname_keys()]


def _given_owners(drafts: list[_Draft], key: str) -> list[_Draft]:
    """Full-name people one of whose given names (not an initial) is ``key``."""
    return [d for d in drafts if len(key) > 1 and key in d.parts.given]


def extract_people(article: Article) -> PeopleResult:
    """People of one article with every mention, their roles and their quotes."""
    text = article.content_text()
    if not text.strip():
        return PeopleResult()
    doc = nlp.parse(text)
    words = _words(doc)
    org_heads: set[str] = set()
    cands = _candidates(doc, words, org_heads) + _caps_bylines(text, words)
    for cand in cands:
        _score(article, doc, cand)
    for cand in cands:
        if "org-modifier" in cand.cues and not cand.cues & {"title", "apposition"}:
            org_heads.update(fold(w.text) for w in cand.words)
    accepted = [
        c
        for c in cands
        if _accepted(c)
        and "org-modifier" not in c.cues
        and not (len(c.words) == 1 and fold(c.words[0].text) in org_heads)
    ]
    # a full name whose surname the article vouches for elsewhere ("Minister Salcedo")
    known = {fold(c.words[-1].text) for c in accepted if c.cues - {"ner"}}
    for cand in cands:
        if (
            len(cand.words) >= 2
            and cand not in accepted
            and not cand.cues & {"not-propn", "other-entity"}
            and fold(cand.words[-1].text) in known
        ):
            cand.cues.add("surname-known")
            accepted.append(cand)

    drafts: list[_Draft] = []
    for cand in sorted(accepted, key=lambda c: (-len(c.words), c.start)):
        if len(cand.words) < 2:
            continue
        name = text[cand.start : cand.end]
        parts = split_name(name)
        joined = _join_draft(drafts, name, parts)
        if joined is None:
            drafts.append(_Draft(name, parts, cand.start, set(cand.cues), [name]))
            continue
        draft, rule = joined
        draft.cues |= cand.cues
        draft.first_pos = min(draft.first_pos, cand.start)
        if name not in draft.forms:
            draft.forms.append(name)
            if rule != "same-name":
                draft.evidence.append(
                    MergeEvidence(
                        rule=rule,
                        names=[draft.name, name],
                        detail=f"same person within article {article.id}",
                    )
                )
        if fullness(name) > fullness(draft.name):
            draft.name = name
            draft.parts = parts
    # surname-only multiword forms ("van der Berg") join the one full name with that surname
    for draft in [d for d in drafts if not d.parts.given]:
        surname = " ".join(draft.parts.surname)
        owners = [d for d in drafts if d.parts.given and " ".join(d.parts.surname) == surname]
        if len(owners) != 1:
            continue
        owner = owners[0]
        drafts.remove(draft)
        owner.cues |= draft.cues
        owner.first_pos = min(owner.first_pos, draft.first_pos)
        for form in draft.forms:
            if form not in owner.forms:
                owner.forms.append(form)
                owner.evidence.append(
                    MergeEvidence(
                        rule="surname-in-article",
                        names=[owner.name, form],
                        detail=f"resolved to the full name introduced in article {article.id}",
                    )
                )
    # single-word people: only when no full name in the article owns the word
    for cand in sorted(accepted, key=lambda c: c.start):
        if len(cand.words) != 1:
            continue
        name = cand.words[0].text
        key = fold(name)
        if _surname_owners(drafts, key) or _given_owners(drafts, key):
            continue
        if any(fold(d.name) == key for d in drafts):
            continue
        if len(key) < 2 or key in _PRONOUNS:
            continue
        drafts.append(_Draft(name, split_name(name), cand.start, set(cand.cues), [name]))

    drafts.sort(key=lambda d: d.first_pos)
    mentions, unresolved = _sweep(article, doc, text, words, drafts)
    persons: list[LocalPerson] = []
    key_of: dict[int, str] = {}
    for idx, draft in enumerate(drafts):
        spans = sorted(set(mentions.get(idx, [])))
        if not spans:
            continue
        key = f"{article.id}:p{len(persons) + 1}"
        key_of[idx] = key
        roles: list[Role] = []
        seen_roles: set[tuple[int, int]] = set()
        forms = list(draft.forms)
        for _, _, name_start, name_end in spans:
            first_tok = _token_at(doc, name_start)
            last_tok = _token_at(doc, name_end - 1)
            if first_tok is None or last_tok is None:
                continue
            # "Saudi Arabia's energy minister, Prince Abdulaziz": a role across the honorific
            set_off = (
                _role_before_comma(article, doc, first_tok - 2)
                if first_tok >= 3
                and doc[first_tok - 2].text == ","
                and _key(doc[first_tok - 1].text) in _HONORIFICS
                else None
            )
            for role in (
                _role_before(article, doc, first_tok),
                set_off,
                *_role_after(article, doc, last_tok),
            ):
                if role is not None and (role.start, role.end) not in seen_roles:
                    seen_roles.add((role.start, role.end))
                    roles.append(role)
            form = text[name_start:name_end]
            if form not in forms:
                forms.append(form)
        persons.append(
            LocalPerson(
                key=key,
                name=draft.name,
                mentions=[article.span(s, e) for s, e, _, _ in spans],
                roles=sorted(roles, key=lambda r: r.start),
                forms=forms,
                evidence=draft.evidence,
                cues=sorted(draft.cues),
            )
        )
    from tui.extract.quotes import extract_quotes

    quotes = extract_quotes(article, doc, persons)
    return PeopleResult(
        persons=persons,
        quotes=quotes,
        unresolved=[article.span(s, e) for s, e in unresolved],
    )


def _token_at(doc: Doc, char: int) -> int | None:
    return token_at(doc, char)


_Mention = tuple[int, int, int, int]
"""(span start, span end, name start, name end): the span may include a title."""


def _sweep(
    article: Article,
    doc: Doc,
    text: str,
    words: list[_Word],
    drafts: list[_Draft],
) -> tuple[dict[int, list[_Mention]], list[tuple[int, int]]]:
    """Every mention of every draft person: full forms in any case, then surnames."""
    mask = bytearray(len(text) + 1)
    mentions: dict[int, list[_Mention]] = {}
    by_start = {w.start: i for i, w in enumerate(words)}

    def free(s: int, e: int) -> bool:
        return not any(mask[s:e])

    def take(s: int, e: int) -> None:
        mask[s:e] = b"\x01" * (e - s)

    surname_owners: dict[str, list[int]] = {}
    given_owners: dict[str, list[int]] = {}
    for i, d in enumerate(drafts):
        if d.parts.given:
            for k in d.parts.surname_keys():
                surname_owners.setdefault(k, []).append(i)
            for g in set(d.parts.given):
                if len(g) > 1:
                    given_owners.setdefault(g, []).append(i)

    forms = sorted(
        ((form, idx) for idx, d in enumerate(drafts) for form in d.forms if len(form) > 1),
        key=lambda fi: -len(fi[0]),
    )
    for form, idx in forms:
        pattern = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", re.IGNORECASE)
        multi = " " in form or "-" in form
        for m in pattern.finditer(text):
            s, e = m.span()
            found = m.group(0)
            if not multi and not found[:1].isupper():
                continue
            if not multi and not _standalone(words, by_start, s, e):
                continue
            if free(s, e):
                take(s, e)
                ts, te = _with_title(words, by_start, text, s, e) if not multi else (s, e)
                mentions.setdefault(idx, []).append((ts, te, s, e))
    unresolved: list[tuple[int, int]] = []
    for pos, word in enumerate(words):
        if not free(word.start, word.end) or not _name_like(word.text):
            continue
        if _blocking(word.text) is not None:
            continue
        if not _standalone(words, by_start, word.start, word.end):
            continue
        key = fold(word.text)
        rule = "surname-in-article"
        owners = surname_owners.get(key, [])
        if not owners:
            rule = "given-name-in-article"
            owners = given_owners.get(key, [])
            if len(owners) != 1 or doc[word.first_tok].pos_ != "PROPN":
                continue
        owner: int | None = owners[0] if len(owners) == 1 else None
        if owner is None:
            owner = _disambiguate(article, doc, words, pos, owners, mentions, text)
        if owner is None:
            unresolved.append((word.start, word.end))
            take(word.start, word.end)
            continue
        ts, te = _with_title(words, by_start, text, word.start, word.end)
        take(word.start, word.end)
        mentions.setdefault(owner, []).append((ts, te, word.start, word.end))
        draft = drafts[owner]
        if word.text not in draft.forms:
            draft.forms.append(word.text)
            draft.evidence.append(
                MergeEvidence(
                    rule=rule,
                    names=[draft.name, word.text],
                    detail=f"resolved to the full name introduced in article {article.id}",
                )
            )
    return mentions, unresolved


def _standalone(words: list[_Word], by_start: dict[int, int], s: int, e: int) -> bool:
    """The word is not part of a longer capitalised name or organisation ("Costa Rica")."""
    i = by_start.get(s)
    if i is None:
        return True
    prev = words[i - 1] if i > 0 else None
    nxt = words[i + 1] if i + 1 < len(words) else None
    if (
        nxt is not None
        and _name_like(nxt.text)
        and nxt.start - e <= 1
        and _blocking(nxt.text) not in {"title"}
        and nxt.text.lower() not in reporting_verbs()
        and nxt.text.lower() not in _stop_words()
    ):
        return False
    return not (
        prev is not None
        and _name_like(prev.text)
        and s - prev.end <= 1
        and _blocking(prev.text) is None
        and not prev.text.endswith(".")
    )


def _with_title(
    words: list[_Word], by_start: dict[int, int], text: str, s: int, e: int
) -> tuple[int, int]:
    """Extend a surname mention over an honorific or title right before it ("Dr. Costa"),
    the whole title when it has several words ("Vice Minister Costa", "Deputy Prime Minister
    Costa"): a multi-word title is never cut."""
    i = by_start.get(s)
    if i is None or i == 0:
        return s, e
    start = s
    j = i - 1
    while j >= 0:
        prev = words[j]
        k = _key(prev.text)
        is_title = k in _HONORIFICS or k in _TITLE_WORDS
        # modifiers ("Vice", "Deputy") and portfolios ("Foreign") only inside a title
        is_part = is_title or (start < s and (k in _MODIFIERS or k in _PORTFOLIOS))
        if not (
            is_part
            and prev.text[:1].isupper()
            and start - prev.end <= 1
            and "\n" not in text[prev.end : start]
        ):
            break
        start = prev.start
        j -= 1
    return start, e


def _disambiguate(
    article: Article,
    doc: Doc,
    words: list[_Word],
    pos: int,
    owners: list[int],
    mentions: dict[int, list[_Mention]],
    text: str,
) -> int | None:
    """Among namesakes, the one a title or the current paragraph points to, if only one."""
    word = words[pos]
    introduced = [i for i in owners if any(m[2] < word.start for m in mentions.get(i, []))]
    if len(introduced) == 1:
        return introduced[0]
    para_start = text.rfind("\n\n", 0, word.start)
    para_start = 0 if para_start < 0 else para_start
    in_para = [
        i for i in owners if any(para_start <= m[2] < word.start for m in mentions.get(i, []))
    ]
    if len(in_para) == 1:
        return in_para[0]
    return None
