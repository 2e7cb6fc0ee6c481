"""The conflict view and the date page: their rows (pure builders, no Textual) and the
screens driven by keys (Enter on a row shows its exact span in Source, Esc comes back)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_app import MakeApp, active_screen, drive, ids, settle

from tui.app.conflict_rows import Order, entries, evidence, member_rows, spread, spread_label
from tui.app.date_rows import DATE_COLUMNS, EventDays, Months, date_rows, histogram, parse_range
from tui.app.format import clean, outlet, published_label, timex_label
from tui.app.panes.figures import FiguresPane
from tui.app.panes.record_table import RecordTable
from tui.app.panes.source import SourcePane, SourceView
from tui.app.panes.timeline import TimelinePane
from tui.app.person_rows import MadeRows, PageRow
from tui.app.records import RecordKey, RecordKind
from tui.app.screens.conflict import Cells, ConflictScreen
from tui.app.screens.date import DateScreen
from tui.app.view import CorpusView, Selection
from tui.records.models import Comparison, Corpus, Event, Range, TimeExpr
from tui.snapshot import EventFacts


def _with_more_comparisons(corpus: Corpus) -> Corpus:
    """Two more comparisons: one within one outlet (Newswire's two articles), one whose
    periods are unknown (an uncertain agreement across outlets)."""
    corpus.comparisons += [
        Comparison(
            id="cmp-same-outlet",
            measure="containers (one outlet)",
            figures=["fig-w1", "fig-r2"],
            status="conflict",
        ),
        Comparison(
            id="cmp-unsure",
            measure="boxes, maybe",
            figures=["fig-t1", "fig-b1"],
            status="agree",
            certain=False,
        ),
    ]
    return corpus


# -- the rows -----------------------------------------------------------------------------


def test_spread_is_relative_to_the_smallest_value(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    stranded = [view.figures[f] for f in view.comparisons["cmp-stranded"].figures]
    assert spread(stranded) == (1500 - 1200) / 1200
    assert spread_label(0.25) == "+25%" and spread_label(2.0) == "×3.0"
    assert spread(stranded[:1]) is None and spread_label(None) == "—"


def test_entries_filter_and_sort(corpus: Corpus) -> None:
    view = CorpusView.build(_with_more_comparisons(corpus))
    listed = [e.comparison.id for e in entries(view)]
    # Conflicts first, the widest spread first (2,000 vs 1,200 is ×1.7; 1,500 vs 1,200 +25%).
    assert listed == ["cmp-same-outlet", "cmp-stranded", "cmp-cost", "cmp-unsure"]
    by_sources = [e.comparison.id for e in entries(view, order=Order.SOURCES)]
    assert by_sources == ["cmp-stranded", "cmp-cost", "cmp-same-outlet", "cmp-unsure"]
    corpus_order = [e.comparison.id for e in entries(view, order=Order.CORPUS)]
    assert corpus_order == [c.id for c in view.corpus.comparisons]
    cross = [e.comparison.id for e in entries(view, cross_source=True)]
    assert "cmp-same-outlet" not in cross and "cmp-stranded" in cross
    assert "cmp-unsure" not in [e.comparison.id for e in entries(view, certain=True)]


def test_members_side_by_side_with_their_sentences(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    rows = member_rows(view, view.comparisons["cmp-stranded"])
    assert [r.cells[1] for r in rows] == ["Newswire", "Gazeta Portu", "Harbour Watch"]
    assert [r.cells[2] for r in rows] == ["2021-06-12", "2021-06-13", "undated"]
    assert rows[1].cells[0] == "1,500 containers"
    for row in rows:
        text = view.articles[row.target.article_id].text
        figure = view.figures[row.target.record_id]
        assert text[row.target.start : row.target.end] == figure.text
        assert figure.text in row.cells[4]  # the sentence holds the figure


def test_evidence_lists_what_is_known(corpus: Corpus) -> None:
    view = CorpusView.build(_with_more_comparisons(corpus))
    lines = dict(evidence(view.comparisons["cmp-stranded"]))
    assert lines["subject"] == "Harbourton port"
    assert lines["cannot both hold"] == "about 1,200 vs 1,500"
    assert "25% apart" in lines["why"]
    assert "unknown" in dict(evidence(view.comparisons["cmp-unsure"]))["periods"]


def test_ranges_parse_to_days() -> None:
    parsed = parse_range("2023-03..2023-06")
    assert parsed is not None
    days, label = parsed
    assert days == (dt.date(2023, 3, 1).toordinal(), dt.date(2023, 6, 30).toordinal())
    assert label == "Mar 2023 – Jun 2023"
    parsed = parse_range(" 2023-03-01 .. 2023-03-31 ")
    assert parsed is not None and parsed[0][1] == dt.date(2023, 3, 31).toordinal()
    open_ended = parse_range("2021..")
    assert open_ended is not None and open_ended[0][0] == dt.date(2021, 1, 1).toordinal()
    for text in ("2023-06..2023-03", "may", "..", "2023-13..2024", "1..2..3"):
        assert parse_range(text) is None, text


def test_events_in_a_range_grouped_by_outlet(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    days = EventDays(view)
    parsed = parse_range("2021-05..2021-05")
    assert parsed is not None
    inside = days.facts_within(view.sorted_events.facts(), parsed[0])
    assert {e.id for e in inside} == {"ev-w2", "ev-t1", "ev-b2"}  # not "2021" nor H1
    rows = date_rows(view, inside)
    outlets = [r.cells[0] for r in rows]
    assert outlets == ["Gazeta Portu", "Harbour Watch", "Newswire"]
    assert all(r.target.kind is RecordKind.EVENT for r in rows)


def test_histogram_counts_events_per_month(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    months = EventDays(view).per_month(view.sorted_events)
    # May 2021 (two months and a day), June 2021 (a day), July 2021 (week 30).
    assert (months.first, months.last, months.earlier, months.later) == (
        "May 2021",
        "Jul 2021",
        0,
        0,
    )
    assert months.counts == [3, 1, 1]


def _date_rows_whole(view: CorpusView, events: list[EventFacts]) -> list[PageRow]:
    """The date page's rows made the simple way, all at once (as they were made and kept
    before they were made by window): by outlet, in an outlet the order given."""
    ordered = sorted(events, key=lambda e: view.outlet_of(e.article_id).casefold())
    rows, previous = [], None
    for event in ordered:
        article = view.articles[event.article_id]
        source, date = outlet(article), published_label(article)
        sentence = clean(
            view.slices([(event.article_id, event.sentence_start, event.sentence_end)])[0]
        )
        rows.append(
            PageRow(
                (
                    source if source != previous else "",
                    timex_label(event.value, event.mod),
                    date,
                    sentence,
                ),
                Selection(
                    RecordKey(RecordKind.EVENT, event.id),
                    event.article_id,
                    event.when_start,
                    event.when_end,
                    context=(event.sentence_start, event.sentence_end),
                ),
                f"{source} · {date}: {sentence}",
            )
        )
        previous = source
    return rows


EVERY_DAY = (dt.date.min.toordinal(), dt.date.max.toordinal())


@pytest.mark.parametrize("window", [1, 2, 3, 128])
def test_date_rows_made_by_window_are_the_rows_made_whole(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    """Every row, its cells (the outlet on a group's first row only, also at a window's
    first row) and span, the same as made all at once: from the events' places (facts read
    by place) and from facts without places (a view's dict of events); the event's row
    found from the ids alone."""
    monkeypatch.setattr(MadeRows, "WINDOW", window)
    view = CorpusView.build(corpus)
    placed = EventDays(view).facts_within(view.sorted_events.facts(), EVERY_DAY)
    unplaced = view.facts_in([e.id for e in placed])
    assert all(e.pos >= 0 for e in placed) and all(e.pos < 0 for e in unplaced)
    whole = _date_rows_whole(view, placed)
    assert len({r.cells[0] for r in whole}) > 2  # several outlets, each named once
    for events in (placed, unplaced):
        rows = date_rows(view, events)
        assert [rows[i] for i in range(len(rows))] == whole == list(rows)
        assert [rows[i] for i in reversed(range(len(rows)))] == whole[::-1]
        for index, row in enumerate(whole):
            first = next(
                i for i, r in enumerate(whole) if r.target.record_id == row.target.record_id
            )
            assert rows.index_of_event(row.target.record_id) == first <= index
        assert rows.index_of_event("no such event") is None


def test_a_kept_date_page_keeps_no_row_it_did_not_draw(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A date page kept for Esc back from Source (:class:`DateCache`) holds its events'
    places, not its rows (~100 MB for a busy date at 100,000 articles); its columns are
    laid out as over the rows themselves, with their labels."""
    import gc

    from tui.app.screens.date import DATE_LAYOUT, DateCache
    from tui.app.screens.person import LaidRows, column_widths

    def alive() -> int:
        """Rows alive (counted against those before: a test run before, of an app, may
        leave rows frozen)."""
        return sum(isinstance(o, PageRow) for o in gc.get_objects()) - before

    monkeypatch.setattr(MadeRows, "WINDOW", 2)
    view = CorpusView.build(corpus)
    cache = DateCache()
    before = 0
    before = alive()
    page = cache.get(view, EVERY_DAY, 100)
    assert len(page.rows) > 6
    assert alive() == 0
    assert page.laid is not None
    rows, widths = page.laid
    whole = list(page.rows)
    assert widths == column_widths(
        [Cells(DATE_COLUMNS), *(Cells(r.cells) for r in whole)], DATE_LAYOUT, 100
    )
    del whole
    assert isinstance(rows, LaidRows)
    rows.make(3)  # drawn: a window made and kept
    assert alive() <= 2
    narrow = cache.get(view, EVERY_DAY, 60)
    assert (
        narrow is page
        and narrow.laid is not None
        and narrow.laid[1]
        == column_widths(
            [Cells(DATE_COLUMNS), *(Cells(r.cells) for r in page.rows)], DATE_LAYOUT, 60
        )
    )


# -- the screens --------------------------------------------------------------------------


@drive
async def test_enter_on_a_comparison_opens_the_conflict_view(
    make_app: MakeApp, corpus: Corpus
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        assert ids(app.query_one(FiguresPane).row_keys())[0] == "cmp-stranded"
        await pilot.press("enter")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, ConflictScreen)
        assert screen.listed() == ["cmp-stranded", "cmp-cost"]
        members = screen.member_texts()
        assert members[0].startswith("more than 1,200 containers | Newswire | 2021-06-12")
        shown = str(screen.query_one("#conflict-evidence").render())
        assert "Harbourton port" in shown and "25% apart" in shown
        # The second comparison: its figures follow the cursor.
        await pilot.press("j")
        assert screen.member_texts()[1].startswith("€4.1bn | Gazeta Portu")
        # Into the figures (tab), the second one, Enter: Source shows its exact span.
        await pilot.press("tab", "j", "enter")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), ConflictScreen)
        figure = next(f for f in corpus.figures if f.id == "fig-t2")
        assert app.query_one(SourcePane).highlighted == (
            figure.article_id,
            figure.start,
            figure.end,
        )
        assert isinstance(app.focused, SourceView)
        assert "back to the conflict view" in str(app.query_one("#chips").render())
        # Esc: the conflict view again, on the same comparison and figure.
        await pilot.press("escape")
        await settle(app, pilot)
        back = active_screen(app)
        assert isinstance(back, ConflictScreen)
        assert back.spot.comparison_id == "cmp-cost"
        figures = back.query_one("#conflict-members", RecordTable)
        assert figures.cursor_row == 1 and figures.has_focus
        # Esc again: the dashboard, the comparison selected in Figures.
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), ConflictScreen)
        assert app.selection is not None and app.selection.record_id == "cmp-cost"


@drive
async def test_conflict_view_filters_and_sorts(make_app: MakeApp, corpus: Corpus) -> None:
    app = make_app(corpus=_with_more_comparisons(corpus))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3", "enter")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, ConflictScreen)
        assert screen.listed() == ["cmp-same-outlet", "cmp-stranded", "cmp-cost", "cmp-unsure"]
        assert screen.spot.comparison_id == "cmp-stranded"  # the one Enter was on
        await pilot.press("m")  # cross-source only (the list is built in a worker)
        await settle(app, pilot)
        assert "cmp-same-outlet" not in screen.listed()
        assert "cross-source only" in str(screen.query_one("#conflict-head").render())
        await pilot.press("y")  # and certain only
        await settle(app, pilot)
        assert screen.listed() == ["cmp-stranded", "cmp-cost"]
        await pilot.press("m", "y", "s")  # both off; by sources
        await settle(app, pilot)
        assert screen.listed()[:2] == ["cmp-stranded", "cmp-cost"]
        assert "by sources" in str(screen.query_one("#conflict-head").render())
        assert screen.spot.comparison_id == "cmp-stranded"  # the cursor stays on it


@drive
async def test_the_conflict_list_is_built_in_a_worker(
    make_app: MakeApp, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app.screens.conflict as conflict

    release = threading.Event()
    threads: list[int] = []

    def held(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        release.wait(timeout=10)  # never on the event loop: it would hang
        return entries(*args, **kwargs)

    monkeypatch.setattr(conflict, "entries", held)
    app = make_app(corpus=_with_more_comparisons(corpus))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3", "enter")
        screen = active_screen(app)
        assert isinstance(screen, ConflictScreen)
        for _ in range(200):
            if threads:
                break
            await pilot.pause(0.01)
        assert threads and threading.get_ident() not in threads
        # Up and answering keys while its list is read.
        assert "reading…" in str(screen.query_one("#conflict-head").render())
        assert screen.listed() == [] and screen.query_one("#conflict-list", RecordTable).has_focus
        await pilot.press("tab")
        assert screen.query_one("#conflict-members", RecordTable).has_focus
        release.set()
        await settle(app, pilot)
        # The rows the builders give, the cursor on the comparison Enter was on.
        view = app.view
        assert view is not None
        expected = entries(view, cross_source=False, certain=False, order=Order.SPREAD)
        assert screen.listed() == [e.comparison.id for e in expected]
        assert screen.spot.comparison_id == "cmp-stranded"
        listing = screen.query_one("#conflict-list", RecordTable)
        assert listing.row_count == len(expected)
        assert screen.listed()[listing.cursor_row] == "cmp-stranded"
        head = str(screen.query_one("#conflict-head").render())
        assert head.startswith(f"Comparisons {len(expected)}/{len(expected)}")
        assert "reading" not in head
        assert screen.member_texts()  # the comparison's figures


@drive
async def test_enter_on_an_event_opens_its_date_page(make_app: MakeApp, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        timeline = app.query_one(TimelinePane)
        row = ids(timeline.row_keys()).index("ev-w2")  # May 2021
        await pilot.press(*["j"] * row, "enter")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, DateScreen)
        assert "May 2021" in str(screen.query_one("#date-head").render())
        rows = screen.shown_rows()
        assert [r.split(" | ")[0] for r in rows] == ["Gazeta Portu", "Harbour Watch", "Newswire"]
        table = screen.query_one("#date-table")
        assert rows[table.cursor_row].endswith(  # type: ignore[attr-defined]
            "after the strike began in May 2021."
        )  # the cursor starts on the event Enter was on
        await pilot.press("g", "enter")  # Gazeta Portu's sentence in Source
        await settle(app, pilot)
        event = next(e for e in corpus.events if e.id == "ev-t1")
        assert app.query_one(SourcePane).highlighted == (
            event.article_id,
            event.when.start,
            event.when.end,
        )
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(active_screen(app), DateScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.selection is not None and app.selection.record_id == "ev-t1"


def test_histogram_line_fits_its_width() -> None:
    line = histogram(Months([3, 1, 0, 1], "May 2021", "Aug 2021"), 60)
    assert line == "May 2021 █▃ ▃ Aug 2021  max 3/month"
    many = histogram(Months([1] * 120, "Jan 2001", "Dec 2010"), 60)
    assert len(many) <= 60 and many.endswith("max 5/5 months")  # runs of months share a bar
    assert histogram(Months([1, 2], "Jan 2001", "Feb 2001"), 30) == ""  # no room: no line
    big = histogram(Months([1500] * 40, "Jan 2014", "Apr 2017", 3, 12), 80)
    assert len(big) <= 80 and big.startswith("◂3 Jan 2014 ") and "Apr 2017 12▸  max " in big


@given(
    counts=st.lists(st.integers(0, 50_000), min_size=1, max_size=3_000).filter(any),
    earlier=st.integers(0, 5_000),
    later=st.integers(0, 5_000),
    width=st.integers(10, 240),
)
@settings(max_examples=200, deadline=None)
def test_histogram_never_overflows(counts: list[int], earlier: int, later: int, width: int) -> None:
    line = histogram(Months(counts, "Jan 2001", "Sep 2249", earlier, later), width)
    assert len(line) <= width
    if line:  # every month is in a bar, and the tallest bar is named
        assert "Jan 2001 " in line and "Sep 2249" in line and "  max " in line


def test_histogram_leaves_a_few_far_dates_out_and_counts_them(corpus: Corpus) -> None:
    def _dated(event_id: str, value: str) -> Event:
        when = TimeExpr(article_id="a", start=0, end=4, text="date", value=value)
        return Event(id=event_id, article_id="a", when=when, sentence=Range(start=0, end=4))

    days = EventDays(CorpusView.build(corpus))
    events = [_dated(f"ev-{i}", f"2016-{i % 12 + 1:02d}-01") for i in range(200)]
    events.append(_dated("ev-old", "1789-07-14"))
    events += [_dated("ev-new1", "2031-01-01"), _dated("ev-new2", "2031-02-01")]
    months = days.per_month(events)
    assert (months.first, months.last, months.earlier, months.later) == (
        "Jan 2016",
        "Dec 2016",
        1,
        2,
    )
    assert sum(months.counts) == 200
    few = events[:36] + events[-3:]  # 39 events: 2.5 % is no event, nothing is left out
    months = days.per_month(few)
    assert (months.first, months.last, months.earlier, months.later) == (
        "Jul 1789",
        "Feb 2031",
        0,
        0,
    )


@drive
async def test_range_filter_and_histogram(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        timeline = app.query_one(TimelinePane)
        assert timeline.histogram_text() == "May 2021 █▃▃ Jul 2021  max 3/month"
        await pilot.press("2", "slash", *"2021-05-01..2021-06-30", "enter")
        await settle(app, pilot)
        assert set(ids(timeline.row_keys())) == {"ev-w1", "ev-w2", "ev-t1", "ev-b2"}
        assert timeline.histogram_text().startswith("May 2021 █▃ Jun 2021")
        # Enter on an event while a range is the filter: the page of the whole range.
        await pilot.press("enter")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, DateScreen)
        assert "3 May 2021 – 30 Jun 2021" not in str(screen.query_one("#date-head").render())
        assert "1 May 2021 – 30 Jun 2021" in str(screen.query_one("#date-head").render())
        assert len(screen.shown_rows()) == 4
        # Esc: back to the Timeline as it was, the range still the filter.
        await pilot.press("escape")
        await settle(app, pilot)
        assert timeline.search == "2021-05-01..2021-06-30"
        assert len(timeline.row_keys()) == 4


@drive
async def test_histogram_hides_at_80x24(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        timeline = app.query_one(TimelinePane)
        assert timeline.histogram_text() == ""
        assert len(timeline.row_keys()) == 10  # every event still listed


# -- the palette opens them ---------------------------------------------------------------


def test_palette_lists_comparisons_and_dates_with_what_they_open() -> None:
    from fixtures.messy_corpus import messy_corpus

    from tui.app.conflict_rows import ConflictSpot
    from tui.app.date_rows import DateSpot
    from tui.app.palette import palette_index

    view = CorpusView.build(messy_corpus())
    entries = palette_index(view).entries()
    conflicts = {e.text: e.opens for e in entries if e.text.startswith("conflict view: ")}
    # The measure, the subject when it is known; the repost of a01 is not one more source.
    stranded = next(t for t in conflicts if "(the northern terminals of" in t)
    assert stranded.startswith("conflict view: containers stranded at the northern terminals")
    assert stranded.endswith("≠ CONFLICT ×4 sources")
    assert conflicts[stranded] == ConflictSpot("cmp-stranded")
    assert "conflict view: dockworkers on strike · ≠? possible CONFLICT ×2 sources" in conflicts
    assert "conflict view: cost of the closure to shippers · = agree ×2 sources" in conflicts
    dates = {e.text: e.opens for e in entries if e.text.startswith("date page: ")}
    # 26 February 2024 in three articles of three outlets: one entry, not three.
    feb26 = dates["date page: 26 Feb 2024 · 3 sentences, 3 outlets"]
    assert isinstance(feb26, DateSpot) and feb26.label == "26 Feb 2024"
    assert feb26.days == (dt.date(2024, 2, 26).toordinal(),) * 2
    assert "date page: 12 Mar 2024 · 1 sentence, 1 outlet" in dates


@drive
async def test_palette_opens_the_conflict_view(make_app: MakeApp) -> None:
    from fixtures.messy_corpus import messy_corpus

    app = make_app(corpus=messy_corpus())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"conflict view: dockworkers")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, ConflictScreen)
        assert screen.spot.comparison_id == "cmp-strikers"
        assert screen.member_texts()[0].startswith("about 3,000 dockworkers | Daily Freight")
        await pilot.press("escape")  # back: the comparison chosen in Figures
        await settle(app, pilot)
        assert app.selection is not None and app.selection.record_id == "cmp-strikers"


@drive
async def test_palette_opens_a_date_page(make_app: MakeApp) -> None:
    from fixtures.messy_corpus import messy_corpus

    app = make_app(corpus=messy_corpus())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"date page: 26 feb 2024")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, DateScreen)
        assert "26 Feb 2024" in str(screen.query_one("#date-head").render())
        outlets = [r.split(" | ")[0] for r in screen.shown_rows()]
        assert outlets == [
            "Agence Internationale de Presse Maritime et Fluviale",
            "Harbour Watch",
            "Wiadomości Gospodarcze Pomorza Zachodniego",
        ]
        await pilot.press("escape")  # back: its first event chosen in Timeline
        await settle(app, pilot)
        assert app.selection is not None and app.selection.record_id == "e01b"
