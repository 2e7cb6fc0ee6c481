"""The patterns' scan of a text is made once per parse and shared by every reading of it."""

from __future__ import annotations

import datetime as dt

from fixtures.parsing import parsed

from tui.extract.pubdate import dated
from tui.extract.timex import extract_timexes
from tui.extract.timex.base import Context
from tui.extract.timex.candidates import pattern_matches
from tui.extract.timex.rules import PATTERNS
from tui.records.models import Article, Published

TEXT = (
    "The council met on Tuesday, March 3, 2015, and again two weeks later.\n"
    "Its report, due in the third quarter, was published a year ago; the mayor said "
    "on Friday that the vote would come early next month."
)


def _article(published: Published | None = None) -> Article:
    return Article(id="s1", path="s1.txt", text=TEXT, published=published or Published())


def test_the_scan_is_every_pattern_s_matches_in_table_order() -> None:
    p = parsed(_article())
    ctx = Context(text=p.text, doc=p.doc, anchor=None)
    expected = [
        (kind, m.span()) for kind, rx in PATTERNS for m in rx.finditer(TEXT) if m.end() > m.start()
    ]
    assert [(kind, m.span()) for kind, m in pattern_matches(ctx)] == expected
    assert pattern_matches(ctx) is pattern_matches(ctx)  # scanned once, then shared


def test_another_text_on_the_same_parse_is_scanned_again() -> None:
    p = parsed(_article())
    pattern_matches(Context(text=p.text, doc=p.doc, anchor=None))
    other = "Nothing happened on Monday."
    found = pattern_matches(Context(text=other, doc=p.doc, anchor=None))
    assert found and all(m.string == other for _, m in found)


def test_an_undated_article_reads_the_same_after_it_is_dated() -> None:
    """Dating reads the timexes once without a date, extraction again with it: the shared
    scan gives the second reading exactly what a fresh parse gives."""
    text = (
        "The tunnel was finished on 8 October 2027. The ferry will stop on 8 October 2027.\n"
        "Divers checked the walls yesterday and return next Tuesday."
    )
    undated = Article(id="s2", path="s2.txt", text=text, published=Published())
    first = dated(parsed(undated))
    assert first.article.published.date == dt.date(2027, 10, 8)
    reused = extract_timexes(first)
    assert {t.text: t.value for t in reused}["yesterday"] == "2027-10-07"
    assert reused == extract_timexes(parsed(first.article))  # a fresh parse, a fresh scan
