"""Event context of each time expression, read from the parse at extraction time.

:func:`event_anchors` runs with the extractors (it is handed the article's parse) and
its result is plain data, so linking (:func:`tui.link.events.build_events`) and re-opening a
folder from the store need no parse. For each calendar-placeable time expression it keeps
the trigger (the verb, or event noun, the expression attaches to in the dependency tree) and
the sentence's key terms (content words other than reporting verbs and time words), which
grouping compares across articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tui.nlp import ParsedArticle
from tui.records.extraction import EventAnchor
from tui.records.models import Range, TimeExpr
from tui.records.timevalue import MONTHS, WEEKDAYS, placeable

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["EventAnchor", "event_anchors"]

# Verbs that report speech rather than name what happened: weak evidence of sameness.
REPORTING = frozenset(
    {
        "say",
        "said",
        "says",
        "tell",
        "told",
        "add",
        "added",
        "note",
        "noted",
        "state",
        "stated",
        "report",
        "reported",
        "announce",
        "announced",
        "according",
        "quote",
        "quoted",
        "cite",
        "cited",
        "claim",
        "claimed",
        "write",
        "wrote",
    }
)
TIME_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
TIME_WORDS |= {
    "day",
    "week",
    "month",
    "year",
    "quarter",
    "today",
    "yesterday",
    "tomorrow",
    "decade",
    "century",
    "time",
    "morning",
    "evening",
    "night",
    "weekend",
    "ago",
    "last",
    "next",
}


def event_anchors(parsed: ParsedArticle, timexes: list[TimeExpr]) -> list[EventAnchor]:
    """Trigger and key terms for every placeable time expression of ``parsed.article``."""
    dated = [t for t in timexes if placeable(t)]
    if not dated:
        return []
    doc = parsed.doc
    timex_chars = [(t.start, t.end) for t in timexes]
    out: list[EventAnchor] = []
    for timex in dated:
        toks = _tokens(doc, timex.start, timex.end)
        sent = toks[0].sent if toks else None
        trigger = _trigger(doc, timex)
        terms: frozenset[str] = frozenset()
        if sent is not None:
            clause = _clause(toks)
            if clause is not None:
                terms = _key_terms(doc, clause[0], clause[1], timex_chars)
            if len(terms) < MIN_CLAUSE_TERMS:
                terms = _key_terms(doc, sent.start_char, sent.end_char, timex_chars)
        out.append(
            EventAnchor(start=timex.start, end=timex.end, trigger=trigger, terms=sorted(terms))
        )
    return out


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if not t.is_space]


def _trigger(doc: Doc, timex: TimeExpr) -> Range | None:
    """The verb (or event noun) the expression attaches to in the dependency parse.

    Walks up from the expression: the first verb wins; a noun wins when the date modifies
    it ("the July summit", "the summit in July") unless that noun is a clause's subject or
    an apposition (then the parse went astray and the nearest verb of the sentence is used).
    """
    toks = _tokens(doc, timex.start, timex.end)
    if not toks:
        return None
    inside = {t.i for t in toks}
    tok = next((t for t in toks if t.head.i not in inside), toks[0])
    fallback: Token | None = None
    for _ in range(10):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.i in inside:
            continue
        if tok.pos_ == "VERB":
            return _token_range(tok)
        if tok.pos_ == "NOUN":
            if tok.dep_ in ("nsubj", "nsubjpass", "appos", "ROOT"):
                fallback = tok
                break
            return _token_range(tok)
    if tok.pos_ in ("VERB", "AUX") and tok.i not in inside and tok.dep_ != "appos":
        return _token_range(tok)
    verbs = [t for t in toks[0].sent if t.pos_ == "VERB" and t.i not in inside]
    if not verbs:
        return None if fallback is None else _token_range(fallback)
    nearest = min(verbs, key=lambda t: min(abs(t.i - i) for i in inside))
    return _token_range(nearest)


# Dependency relations that make a verb the head of its own clause.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "relcl", "parataxis", "csubj"})
MIN_CLAUSE_TERMS = 2  # fewer content words in the clause: the sentence's are used


def _clause(toks: list[Token]) -> tuple[int, int] | None:
    """Character range of the clause the expression belongs to (its verb's subtree).

    "Brazil holds the presidency and gears up to host the summit in July": the clause of
    "July" is "gears up to host the summit in July", so words of the other clause ("holds",
    "presidency") do not make two reports look like the same event.
    """
    if not toks:
        return None
    inside = {t.i for t in toks}
    tok = next((t for t in toks if t.head.i not in inside), toks[0])
    for _ in range(12):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in CLAUSE_DEPS:
            break
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _token_range(tok: Token) -> Range:
    return Range(start=tok.idx, end=tok.idx + len(tok.text))


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _key_terms(
    doc: Doc,
    start: int,
    end: int,
    timex_chars: Iterable[tuple[int, int]],
) -> frozenset[str]:
    spans = [(s, e) for s, e in timex_chars if s < end and e > start]
    terms: set[str] = set()
    for tok in _tokens(doc, start, end):
        if tok.pos_ not in ("NOUN", "PROPN", "VERB") or tok.is_stop:
            continue
        low = tok.lower_
        if low in TIME_WORDS or low in REPORTING or not re.search(r"[a-z]", low):
            continue
        if any(s <= tok.idx < e for s, e in spans):
            continue
        terms.add(_stem(low))
    return frozenset(terms)
