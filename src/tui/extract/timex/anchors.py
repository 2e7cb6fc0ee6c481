"""Event context of each time expression, read from the parse at extraction time.

:func:`event_anchors` runs with the extractors (it is handed the article's parse) and
its result is plain data, so linking (:func:`tui.link.events.build_events`) and re-opening a
folder from the store need no parse. For each calendar-placeable time expression it keeps
the trigger (the verb, or event noun, the expression attaches to in the dependency tree) and
the sentence's key terms (content words other than reporting verbs and time words), which
grouping compares across articles.
"""

from __future__ import annotations

import bisect
import re
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
    """Trigger and key terms for every placeable time expression of ``parsed.article``.

    Linear in the article: what several expressions share — a sentence's verbs, a clause's
    extent, the key terms of one range — is worked out once per call (a sentence listing
    hundreds of dates used to be rescanned for each of them)."""
    dated = [t for t in timexes if placeable(t)]
    if not dated:
        return []
    doc = parsed.doc
    shared = _Shared(parsed, timexes)
    out: list[EventAnchor] = []
    for timex in dated:
        toks = _tokens(doc, timex.start, timex.end)
        trigger = _trigger(shared, toks)
        terms: frozenset[str] = frozenset()
        if toks:
            clause = shared.clause(toks)
            if clause is not None:
                terms = shared.key_terms(*clause)
            if len(terms) < MIN_CLAUSE_TERMS:
                terms = shared.key_terms(*shared.sentence(toks[0]))
        out.append(
            EventAnchor(start=timex.start, end=timex.end, trigger=trigger, terms=sorted(terms))
        )
    return out


class _Shared:
    """One call's look-ups, each computed once: sentence ranges (from the token index),
    sentence verbs, clause extents, key terms per range, and which tokens start inside a
    time expression."""

    def __init__(self, parsed: ParsedArticle, timexes: list[TimeExpr]) -> None:
        self.doc = parsed.doc
        self.index = parsed.index
        self.in_timex = _starts_inside(parsed, timexes)
        self._verbs: dict[int, list[Token]] = {}
        self._clauses: dict[int, tuple[int, int] | None] = {}
        self._terms: dict[tuple[int, int], frozenset[str]] = {}

    def sentence(self, tok: Token) -> tuple[int, int]:
        """Character range of ``tok``'s sentence."""
        return self.index.sent_start[tok.i], self.index.sent_end[tok.i]

    def verbs(self, tok: Token) -> list[Token]:
        """The verbs of ``tok``'s sentence."""
        start = self.index.sent_start[tok.i]
        if start not in self._verbs:
            sentence = self.doc.char_span(start, self.index.sent_end[tok.i])
            words = sentence if sentence is not None else tok.sent
            self._verbs[start] = [t for t in words if t.pos_ == "VERB"]
        return self._verbs[start]

    def clause(self, toks: list[Token]) -> tuple[int, int] | None:
        """:func:`_clause`, its subtree walked once per clause verb."""
        head = _clause_head(toks)
        if head is None:
            return None
        if head.i not in self._clauses:
            sub = list(head.subtree)
            self._clauses[head.i] = (sub[0].idx, sub[-1].idx + len(sub[-1].text))
        return self._clauses[head.i]

    def key_terms(self, start: int, end: int) -> frozenset[str]:
        """Content words of ``[start, end)`` (a token-aligned range) outside every time
        expression."""
        key = (start, end)
        if key not in self._terms:
            terms: set[str] = set()
            for tok in _tokens(self.doc, start, end):
                if tok.pos_ not in ("NOUN", "PROPN", "VERB") or tok.is_stop:
                    continue
                low = tok.lower_
                if low in TIME_WORDS or low in REPORTING or not re.search(r"[a-z]", low):
                    continue
                if self.in_timex[tok.i]:
                    continue
                terms.add(_stem(low))
            self._terms[key] = frozenset(terms)
        return self._terms[key]


def _starts_inside(parsed: ParsedArticle, timexes: list[TimeExpr]) -> list[bool]:
    """Per token: does it start inside some time expression?"""
    starts = parsed.index.starts
    inside = [False] * len(starts)
    for timex in timexes:
        for i in range(bisect.bisect_left(starts, timex.start), len(starts)):
            if starts[i] >= timex.end:
                break
            inside[i] = True
    return inside


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if not t.is_space]


def _trigger(shared: _Shared, toks: list[Token]) -> Range | None:
    """The verb (or event noun) the expression attaches to in the dependency parse.

    Walks up from the expression: the first verb wins; a noun wins when the date modifies
    it ("the July summit", "the summit in July") unless that noun is a clause's subject or
    an apposition (then the parse went astray and the nearest verb of the sentence is used).
    """
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
    verbs = [t for t in shared.verbs(toks[0]) if t.i not in inside]
    if not verbs:
        return None if fallback is None else _token_range(fallback)
    lo, hi = min(inside), max(inside)
    nearest = min(verbs, key=lambda t: min(abs(t.i - lo), abs(t.i - hi)))
    return _token_range(nearest)


# Dependency relations that make a verb the head of its own clause.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "relcl", "parataxis", "csubj"})
MIN_CLAUSE_TERMS = 2  # fewer content words in the clause: the sentence's are used


def _clause_head(toks: list[Token]) -> Token | None:
    """The verb heading the clause the expression belongs to (the clause is its subtree).

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
    return tok


def _token_range(tok: Token) -> Range:
    return Range(start=tok.idx, end=tok.idx + len(tok.text))


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w
