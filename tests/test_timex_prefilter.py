"""A pattern is skipped only where it cannot match: the scan's matches never change."""

from __future__ import annotations

import re

from fixtures.parsing import parsed
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.extract.timex.base import Context
from tui.extract.timex.candidates import pattern_matches, scan_patterns
from tui.extract.timex.prefilter import (
    Found,
    Opening,
    folded,
    may_match,
    opening,
    required,
    scan,
    starts,
)
from tui.extract.timex.rules import NEEDS, OPENINGS, PATTERNS
from tui.records.models import Article

WORDS = [
    "on", "the", "a", "of", "in", "last", "next", "this", "coming", "past", "same", "that",
    "Monday", "TUESDAY", "friday", "March", "Sept.", "Oct", "May", "may", "mayor", "Chicago",
    "ago", "earlier", "later", "year", "years", "year-earlier", "month", "months", "week",
    "weekend", "day", "days", "quarter", "half", "fiscal", "FY", "Q3", "H1", "decade",
    "century", "1990s", "nineties", "spring", "Fall", "morning", "tonight", "now", "current",
    "currently", "recently", "future", "annually", "per", "every", "each", "times", "twice",
    "Christmas", "Eve", "noon", "p.m.", "a.m.", "10:30", "3", "15", "2015", "1998", "2015-03-04",
    "03/04/2015", "1st", "third", "-long", "-", "–", ",", ".", "’s", "\n",
    # characters an IGNORECASE pattern takes for ASCII letters
    "\u212aelvin", "we\u212a", "ſpring", "ſame", "İn", "thİs", "\u0131n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), st.sampled_from([" ", "  "]))
def test_no_pattern_that_matches_a_text_is_skipped(words: list[str], space: str) -> None:
    text = space.join(words)
    seen = folded(text)
    for (kind, rx), need in zip(PATTERNS, NEEDS, strict=True):
        if any(m.end() > m.start() for m in rx.finditer(text)):
            assert may_match(need, seen), (kind, rx.pattern[:60], text)


def test_most_patterns_require_words() -> None:
    # The prefilter is only worth having if the table's patterns name what they need.
    assert sum(1 for need in NEEDS if need) >= 0.9 * len(PATTERNS)


def test_requirements_follow_the_pattern_s_syntax() -> None:
    rx = re.compile(r"\b(?:more\s+than\s+)?(\d+)\s(?:days|weeks)(?:\s+or\s+so)? ago\b", re.I)
    assert required(rx) == (frozenset({"days", "weeks"}), frozenset({" ago"}))
    assert required(re.compile(r"(?:Jan|Feb)+\.?", re.I)) == (frozenset({"jan", "feb"}),)
    assert required(re.compile(r"x?|y", re.I)) == ()  # an empty branch needs nothing
    assert required(re.compile(r"(?<=the )year", re.I)) == (frozenset({"year"}),)


def test_the_text_is_folded_as_an_ignorecase_pattern_folds_it() -> None:
    assert folded("Last MONTH") == "last month"
    assert folded("\u212aelvin ſpring İn") == "kelvin spring in"
    assert re.search("kelvin spring in", "\u212aelvin ſpring İn", re.I)  # what it mirrors
    assert folded("Édith naïve") == "Édith naïve"  # no ASCII letter for these: kept


def test_the_scan_with_lookalike_letters_is_the_full_scan() -> None:
    text = "The ſame weeK, İn March 2015, and three days ago: the WEE\u212a before."
    p = parsed(Article(id="u1", path="u1.txt", text=text))
    full = [(k, m.span()) for k, rx in PATTERNS for m in rx.finditer(text) if m.end() > m.start()]
    got = pattern_matches(Context(text=p.text, doc=p.doc, anchor=None))
    assert [(k, m.span()) for k, m in got] == full
    assert any(k == "ago" for k, _ in full)


# Tried only where a match may start: the very matches of `finditer` at every position.

LETTERS = "aAkKsSt h1-.’\u212aſİ\u0131é_"


def _full(text: str) -> list[tuple[str, tuple[int, int], tuple[str | None, ...]]]:
    return [
        (kind, m.span(), m.groups())
        for (kind, rx), need in zip(PATTERNS, NEEDS, strict=True)
        if may_match(need, folded(text))
        for m in rx.finditer(text)
        if m.end() > m.start()
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*WORDS, "thē", "é", "_3", "x2015"]), min_size=1, max_size=16),
    st.sampled_from([" ", "  ", "", "-"]),
)
def test_the_scan_from_the_openings_is_the_full_scan(words: list[str], space: str) -> None:
    text = space.join(words)
    got = [(k, m.span(), m.groups()) for k, m in scan_patterns(text)]
    assert got == _full(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), st.sampled_from([" ", ""]))
def test_every_match_starts_where_its_pattern_opens(words: list[str], space: str) -> None:
    text = space.join(words)
    found: Found = {}
    for (kind, rx), opens in zip(PATTERNS, OPENINGS, strict=True):
        assert opens is not None, kind  # every pattern of the table says how it opens
        places = set(starts(opens, text, folded(text), found))
        for m in rx.finditer(text):
            assert m.start() in places, (kind, rx.pattern[:60], text, m.start())


SHAPES = [
    r"\b(?:the\s+)?days?\b",
    r"(?<=a)b+",
    r"(?<![\w:])(?:x|\d)y?z",
    r"[A-C]\w*",
    r"a|ab|abc",
    r"(?:k|s)+t",
    r"\bi[a-z]+",
    r"(?:(?:é)?a)",
    r"\d\d?(?=\s)",
    r"(?:a\s*){2,}",
]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(SHAPES),
    st.sampled_from([0, re.IGNORECASE]),
    st.text(alphabet=LETTERS, max_size=30),
)
def test_the_scan_of_any_pattern_is_finditer(shape: str, flags: int, text: str) -> None:
    rx = re.compile(shape, flags)
    opens = opening(rx)
    if opens is None:
        return
    got = scan(rx, text, starts(opens, text, folded(text), {}))
    assert [(m.span(), m.groups()) for m in got] == [
        (m.span(), m.groups()) for m in rx.finditer(text)
    ]


def test_the_opening_follows_the_pattern_s_syntax() -> None:
    def of(pattern: str, flags: int = re.I) -> Opening | None:
        return opening(re.compile(pattern, flags))

    assert of(r"\b(?:the\s+)?(?:Jan|January)\.?") == Opening(frozenset({"the", "jan"}), False, True)
    assert of(r"(?<=the )(?:days|weeks)") == Opening(frozenset({"days", "weeks"}), False, False)
    assert of(r"[0-3]?\d(?:st|th)") == Opening(frozenset("0123"), True, False)
    assert of(r"(?:a\s+)*year") == Opening(frozenset({"a", "year"}), False, False)
    assert of(r"\bnoon", re.I | re.ASCII) == Opening(frozenset({"noon"}), False, False)
    assert of(r"x?") is None  # may match the empty string: scanned whole
    assert of(r"[^a]bc") is None  # a negated class: not known
    assert of(r".ago") is None
    assert of(r"éte") is None  # a non-ASCII literal


def test_a_pattern_is_tried_only_where_it_may_start() -> None:
    text = "On the 3rd, thirty days later; the days before."
    rx = re.compile(r"\b(?:the\s+)?days\b", re.I)
    opens = opening(rx)
    assert opens is not None
    places = starts(opens, text, folded(text), {})
    assert [text[p : p + 4] for p in places] == ["the ", "days", "the ", "days"]  # not "thirty"
    assert [m.group() for m in scan(rx, text, places)] == ["days", "the days"]
