"""What every time room shares: a candidate, its normalization, the article's context.

A :class:`Cand` is one surface match (or spaCy entity) with its span and pattern kind; a
:class:`Norm` is its TIMEX3 reading with the reason (``how``); a :class:`Context` is the
article being read (text, parse, publication date) plus the running reference date that
relative expressions ("the next day") count from. A :data:`Normalizer` turns a
candidate into a reading; :mod:`tui.extract.timex.rules` says which one each kind uses.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.records.models import TimexMod, TimexType

PERIOD_VALUE = re.compile(r"\d{4}-(?:Q[1-4]|H[12])")
"""A quarter or half value: the kind of period a report is about ("1989-Q3")."""

if TYPE_CHECKING:  # spaCy is imported only when a parse is needed (see tui.nlp)
    from spacy.tokens import Doc, Token

NO_ANCHOR = "article has no publication date, so the relative expression is left unresolved"
# TimeML underspecified value: the calendar parts the text names are kept, the year is X.
YEAR_UNKNOWN = "year unknown: the article has no publication date"


@dataclass
class Cand:
    """One candidate: a pattern match (or a spaCy DATE/TIME entity) and its span; ``part``
    is a prefix ("early", "the end of") taken in front of it."""

    start: int
    end: int
    kind: str
    match: re.Match[str] | None
    part: str | None = None
    source: str = "pattern"


@dataclass
class Norm:
    """A candidate's TIMEX3 reading and the rule that gave it (``how``); ``inferred_year``,
    ``month`` and ``minutes`` are working notes for range merging and clock times."""

    value: str | None
    type: TimexType = "DATE"
    mod: TimexMod | None = None
    begin: str | None = None
    end_value: str | None = None
    how: str = ""
    inferred_year: bool = False
    month: int | None = None
    minutes: int | None = None
    zulu: bool = False
    """A clock time given in GMT/UTC: its value ends in "Z" (TimeML)."""


@dataclass
class Context:
    """One article as the rooms read it: text, parse and publication date (``anchor``);
    ``reference`` is the last dated value met in text order, which "the next day" counts
    from; ``month_first`` is the article's own numeric date order."""

    text: str
    doc: Doc
    anchor: dt.date | None
    starts: list[int] = field(default_factory=list)
    reference: dt.date | None = None
    reference_value: str | None = None
    reported_period: str | None = None
    """The last quarter or half the text named outright ("the third quarter"), which "a
    year ago" in a comparison counts from."""
    stretch: str | None = None
    """A stretch from the start of the year named after it ("In the nine months", "the
    first six months": ``P9M``), which then is what a comparison compares: "a year
    earlier" is the year before, "the year-earlier period" that stretch (TimeML)."""
    event_dates: dict[str, str] = field(default_factory=dict)
    """The last date each kind of event was told with ("killing": "1998-10-23"), which "in
    the weeks before the shooting" is dated from (:mod:`~tui.extract.timex.eventdates`)."""
    ents: list[tuple[str, int, int]] = field(default_factory=list)
    ent_starts: list[int] = field(default_factory=list)
    month_first: bool = False

    def token_at(self, char: int) -> Token | None:
        if not self.starts:
            return None
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        if tok.idx <= char < tok.idx + max(len(tok.text), 1):
            return tok
        return None

    def tokens(self, start: int, end: int) -> list[Token]:
        lo = max(bisect.bisect_right(self.starts, start) - 1, 0)
        out = []
        for tok in self.doc[lo:]:
            if tok.idx >= end:
                break
            if tok.idx + len(tok.text) > start and not tok.is_space:
                out.append(tok)
        return out


Normalizer = Callable[[Cand, Context], Norm]
"""One pattern kind's rule: the TIMEX3 reading of a candidate in its article."""


def match_of(cand: Cand) -> re.Match[str]:
    """The surface match of a pattern candidate (spaCy-only candidates have none)."""
    assert cand.match is not None
    return cand.match


def word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z']+)[\s-]*$", text[max(0, start - 40) : start])
    return m.group(1).lower() if m else ""


def word_after(text: str, end: int) -> str:
    m = re.match(r"\s*([A-Za-z']+)", text[end : end + 40])
    return m.group(1).lower() if m else ""
