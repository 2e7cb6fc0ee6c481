"""The frequency table (F): counts of the focused pane's rows, each a filter."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from test_app import MakeApp, active_screen, drive, settle

from tui.app.counts import (
    COARSE,
    Batches,
    Column,
    figures_columns,
    month_of,
    people_columns,
    timeline_columns,
)
from tui.app.panes.figures import FiguresPane
from tui.app.panes.timeline import TimelinePane
from tui.app.records import RecordKind
from tui.app.screens.frequency import FrequencyScreen
from tui.app.view import CorpusView
from tui.records.models import Corpus, Figure
from tui.snapshot import EventFacts, FigureFacts


def counted(screen: FrequencyScreen) -> Column:
    """The column the screen shows, counted."""
    assert screen.column is not None
    return screen.column


@pytest.mark.parametrize("size", [1, 2, 3, 1000])
def test_figures_counted_a_batch_at_a_time_as_over_the_whole_list(
    corpus: Corpus, size: int
) -> None:
    """Figures listed a batch at a time (``F`` on Figures: never all held at once): every
    column the same as counted over the whole list, buckets in the same order; the
    measures, outlets and kinds counted in one pass, the people in another."""
    view = CorpusView.build(corpus)
    figures = view.figure_facts_in(list(view.figures))
    figures += figures[:3]  # a figure counted again counts again, as in a list
    passes: list[int] = []

    def each() -> Iterator[Sequence[FigureFacts]]:
        passes.append(1)
        for at in range(0, len(figures), size):
            yield figures[at : at + size]

    whole = [c.get() for c in figures_columns(view, figures)]
    batched = figures_columns(view, Batches(each))
    assert [c.title for c in batched] == [c.title for c in whole]
    assert [batched[i].get() for i in (1, 0, 2)] == [whole[i] for i in (1, 0, 2)]
    assert len(passes) == 1
    assert batched[3].get() == whole[3] and len(passes) == 2
    assert [c.get() for c in batched] == whole and len(passes) == 2  # kept once counted
    assert all(c.buckets for c in whole)


@pytest.mark.parametrize("size", [1, 2, 3, 1000])
def test_timeline_counted_a_batch_at_a_time_as_over_the_whole_list(
    corpus: Corpus, size: int
) -> None:
    """Events listed a batch at a time (``F`` on the Timeline: never all held at once):
    every column the same as counted over the whole list, buckets in the same order, all
    three counted in one pass, whichever column is asked for first."""
    view = CorpusView.build(corpus)
    events = list(view.sorted_events.facts())
    events += events[:3]  # an event counted again counts again, as in a list
    whole = [c.get() for c in timeline_columns(view, events)]
    assert all(c.buckets for c in whole)
    passes: list[int] = []

    def each() -> Iterator[Sequence[EventFacts]]:
        passes.append(1)
        for at in range(0, len(events), size):
            yield events[at : at + size]

    for first in range(3):
        passes.clear()
        batched = timeline_columns(view, Batches(each))
        assert [c.title for c in batched] == [c.title for c in whole]
        assert batched[first].get() == whole[first] and len(passes) == 1
        assert [c.get() for c in batched] == whole and len(passes) == 1


def test_timeline_counted_by_batch_never_holds_every_event(corpus: Corpus) -> None:
    """The batched pass keeps its counts, not the events it counts: its peak memory stays
    far below that of the events listed whole (which the pass before held)."""
    import tracemalloc

    view = CorpusView.build(corpus)
    model = list(view.sorted_events.facts())
    n, size = 20_000, 100

    def fresh(start: int, stop: int) -> list[EventFacts]:
        """New events (new ids), of the corpus's articles, dates and people."""
        return [
            model[i % len(model)]._replace(id=f"counted-{i}", figures=(f"figure-{i}",))
            for i in range(start, stop)
        ]

    def each() -> Iterator[Sequence[EventFacts]]:
        for at in range(0, n, size):
            yield fresh(at, at + size)

    def peak(rows: Any) -> tuple[int, list[Column]]:
        tracemalloc.start()
        try:
            columns = [c.get() for c in timeline_columns(view, rows)]
            return tracemalloc.get_traced_memory()[1], columns
        finally:
            tracemalloc.stop()

    held, whole = peak(lambda: fresh(0, n))
    batched, columns = peak(Batches(each))
    assert columns == whole and whole[0].total == n
    assert batched < held / 10, (batched, held)


def test_month_of_keeps_month_and_day_precision_only() -> None:
    assert month_of("2021-05-14") == month_of("2021-05") == "May 2021"
    assert month_of("2021") is None and month_of("2021-Q2") is None and month_of(None) is None


def test_columns_count_every_row_once_per_value(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    events = list(view.sorted_events.facts())
    outlet, month, person = (c.get() for c in timeline_columns(view, events))
    assert {b.label: b.count for b in month.buckets} == dict(
        Counter(month_of(e.when.value) or COARSE for e in view.sorted_events)
    )
    expected = Counter(view.outlet_of(e.article_id) for e in events)
    assert {b.label: b.count for b in outlet.buckets} == dict(expected)
    assert outlet.total == len(events) == sum(b.count for b in month.buckets)
    assert [b.count for b in outlet.buckets] == sorted(expected.values(), reverse=True)
    named = Counter(pid for e in events for pid in e.people)
    assert {b.target: b.count for b in person.buckets} == dict(named)
    figures = list(view.figures.values())
    measure = figures_columns(view, figures)[0].get()
    listed: list[int] = []

    def listing() -> list[Figure]:
        listed.append(1)
        return figures

    # What lists the figures (the screen's worker calls it) counts as the list does, once.
    lazy = [c.get() for c in figures_columns(view, listing)]
    assert lazy == [c.get() for c in figures_columns(view, figures)] and listed == [1]
    assert {b.label: b.count for b in measure.buckets} == dict(
        Counter(f.measure or "no measure" for f in figures)
    )
    by_outlet = people_columns(view, corpus.people)[0].get()
    for bucket in by_outlet.buckets:  # a person counts once per outlet that names them
        named_by = [
            p
            for p in corpus.people
            if bucket.label in {view.outlet_of(m.article_id) for m in p.mentions}
        ]
        assert bucket.count == len(named_by)


@drive
async def test_frequency_of_timeline_filters_by_outlet_then_person(
    make_app: MakeApp, corpus: Corpus
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "F")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, FrequencyScreen)
        first = counted(screen).buckets[0]
        assert screen.rows_text()[0].startswith(f"{first.label} | {first.count}")
        await pilot.press("enter")
        await settle(app, pilot)
        assert (
            app.article_filter is not None and app.article_filter.label == f"outlet: {first.label}"
        )
        pane = app.query_one(TimelinePane)
        shown = pane.visible_events()
        assert len(shown) == first.count
        assert app.view is not None
        assert {app.view.outlet_of(e.article_id) for e in shown} == {first.label}
        await pilot.press("escape", "2", "F", "right", "right")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, FrequencyScreen) and counted(screen).title == "person"
        top = counted(screen).buckets[0]
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.person_filter == top.target


@drive
async def test_frequency_of_figures_by_measure_searches_the_pane(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3", "F")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, FrequencyScreen) and counted(screen).title == "measure"
        top = counted(screen).buckets[0]
        await pilot.press("enter")
        await settle(app, pilot)
        pane = app.query_one(FiguresPane)
        assert pane.search == top.target
        assert app.view is not None
        figures = [k for k in pane.row_keys() if k.kind is RecordKind.FIGURE]
        assert figures and all(
            top.target in (app.view.figures[k.record_id].measure or "") for k in figures
        )


@drive
async def test_help_lists_the_new_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        sections = dict(app.help_sections())
        everywhere = dict(sections["Everywhere"])
        for key in ("F", "x", "M", "D", "C", "^z"):
            assert key in everywhere, key
        assert dict(sections["Corrections (C)"])["u"] == "Undo this"
        assert dict(sections["Search bar (/)"])["↓"] == "Next match (Source)"
        source = dict(sections["Source"])
        assert source[";"] == "Next match" and source[","] == "Prev match"


@drive
async def test_frequency_lists_the_timelines_and_figures_rows_in_the_screens_worker(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``F`` on the Timeline or Figures lists the rows shown (read from their tables) in
    the frequency screen's worker, never on the event loop, and counts exactly them."""
    import threading

    from tui.app.panes.figures import FigureList
    from tui.app.panes.timeline import PagedRows

    on_loop: list[str] = []
    ids = PagedRows.ids
    keys = FigureList.__dict__["keys"].fget  # the property's getter

    def listing_ids(self: PagedRows) -> list[str]:
        on_loop.append(f"events {threading.current_thread() is threading.main_thread()}")
        return ids(self)

    def listing_keys(self: FigureList) -> list[Any]:
        on_loop.append(f"keys {threading.current_thread() is threading.main_thread()}")
        listed: list[Any] = keys(self)
        return listed

    monkeypatch.setattr(PagedRows, "ids", listing_ids)
    monkeypatch.setattr(FigureList, "keys", property(listing_keys))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "slash", "s", "a", "i", "d", "enter")
        await settle(app, pilot)
        shown = len(app.query_one(TimelinePane).table().rows)
        on_loop.clear()
        await pilot.press("F")
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, FrequencyScreen) and counted(screen).total == shown
        assert on_loop == ["events False"]
        await pilot.press("escape", "3", "F")
        await settle(app, pilot)
        assert isinstance(active_screen(app), FrequencyScreen)
        assert on_loop[1:] and all(call.endswith("False") for call in on_loop[1:])


@drive
async def test_frequency_of_timeline_read_by_batch_counts_the_rows_shown(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``F`` on the Timeline, its events' facts read two at a time by their places (every
    event shown), then one at a time by their ids (searched): every column the counts of
    the rows shown listed whole."""
    from tui.app.panes import timeline
    from tui.app.view import EventList

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        view = app.view
        assert view is not None
        read: list[tuple[str, int]] = []
        facts_in, facts_at = CorpusView.facts_in, EventList._facts

        def by_id(self: CorpusView, ids: Sequence[str]) -> list[EventFacts]:
            read.append(("ids", len(ids)))
            return facts_in(self, ids)

        def by_place(self: EventList, positions: Sequence[int]) -> list[EventFacts]:
            read.append(("places", len(positions)))
            return facts_at(self, positions)

        for batch, search, way in (
            (2, (), "places"),
            (1, ("slash", "s", "a", "i", "d", "enter"), "ids"),
        ):
            await pilot.press("2", *search)
            await settle(app, pilot)
            rows = app.query_one(TimelinePane).table().rows
            assert isinstance(rows, timeline.PagedRows)
            shown = view.facts_in(rows.ids())
            assert len(shown) > 2 * batch
            assert (len(shown) == len(view.events)) is (way == "places")
            whole = [c.get() for c in timeline_columns(view, shown)]
            read.clear()
            with monkeypatch.context() as patched:
                patched.setattr(timeline, "FACTS_BATCH", batch)
                patched.setattr(CorpusView, "facts_in", by_id)
                patched.setattr(EventList, "_facts", by_place)
                await pilot.press("F")
                await settle(app, pilot)
                screen = active_screen(app)
                assert isinstance(screen, FrequencyScreen)
                columns = [counted(screen)]
                for _ in range(2):
                    await pilot.press("right")
                    await settle(app, pilot)
                    columns.append(counted(screen))
            assert columns == whole and all(c.buckets for c in whole)
            assert {w for w, _ in read} == {way}
            assert sum(n for _, n in read) == len(shown) and max(n for _, n in read) == batch
            await pilot.press("escape")
            await settle(app, pilot)


def test_figures_listed_once_each_as_a_dict_of_them_would(corpus: Corpus) -> None:
    """The figures ``F`` counts, each once, in order, as ``dict.fromkeys`` gives them:
    compared figures may be listed again (under another comparison) and are remembered;
    with every id its own, no other figure is; two figures with one id, every id is."""
    from tui.app.frequency import once_each

    view = CorpusView.build(corpus)
    compared = list(view.comparison_of_figure)
    others = [f for f in view.figures if f not in view.comparison_of_figure]
    assert compared and others and len(view.figures) == view.figure_total
    listed = [*compared[:1], *others[:2], *compared, *others[2:], *reversed(compared)]
    assert list(once_each(iter(listed), view)) == list(dict.fromkeys(listed))
    twice = corpus.model_copy(update={"figures": [*corpus.figures, corpus.figures[0]]})
    doubled = CorpusView.build(twice)
    assert len(doubled.figures) < doubled.figure_total
    again = [*listed, *others]
    assert list(once_each(iter(again), doubled)) == list(dict.fromkeys(again))
