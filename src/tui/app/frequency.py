"""``F``: the frequency table of the focused pane; Enter on a row filters the pane by it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from tui.app.counts import (
    Batches,
    Bucket,
    LazyColumn,
    figures_columns,
    outlet_filter,
    people_columns,
    timeline_columns,
)
from tui.app.jumps import Jumps
from tui.app.panes.base import Pane
from tui.app.panes.figures import FiguresPane
from tui.app.panes.people import PeoplePane
from tui.app.panes.record_table import row_keys
from tui.app.panes.timeline import TimelinePane, each_shown_facts
from tui.app.records import RecordKind
from tui.app.screens.frequency import FrequencyScreen
from tui.app.view import CorpusView
from tui.snapshot import FigureFacts

FIGURE_BATCH = 5000
"""Figures' facts read at once when counting them."""


def once_each(figure_ids: Iterable[str], view: CorpusView) -> Iterator[str]:
    """``figure_ids`` without repeats, in order. When every figure's id is its own, only a
    compared figure can be listed twice (under two comparisons): only those are
    remembered, not the 700,000 figures of 100,000 articles (a dict of them, let go, left
    ~30–60 MB of the C allocator's free memory resident: the top of the worker thread's
    heap, which ``malloc_trim`` does not give back)."""
    if len(view.figures) != view.figure_total:  # two figures with one id
        yield from dict.fromkeys(figure_ids)
        return
    compared = view.comparison_of_figure
    seen: set[str] = set()
    for figure_id in figure_ids:
        if compared.may_hold(figure_id):  # another id remembered too: harmless, and rare
            if figure_id in seen:
                continue
            seen.add(figure_id)
        yield figure_id


class Frequencies(Jumps):
    """Counts what the focused pane shows (its filters and search applied)."""

    def frequency_columns(self, pane: Pane) -> list[LazyColumn]:
        view = self.view
        if view is None:
            return []
        # The rows shown are read here (a pane replaces its rows, never changes them) and
        # listed in the screen's worker: the Timeline's and Figures' are read from their
        # tables, 700,000 at 100,000 articles.
        if isinstance(pane, TimelinePane):
            shown = pane.table().rows
            return timeline_columns(view, Batches(lambda: each_shown_facts(shown, view)))
        if isinstance(pane, FiguresPane):
            rows = pane.table().rows

            def figures() -> Iterator[list[FigureFacts]]:
                """What the index knows of the figures of the rows shown, once each, a
                batch at a time (in the screen's worker): read from columns, without the
                figures, when the corpus reads them from a file; never all held at once."""
                ids = once_each(
                    (k.record_id for k in row_keys(rows) if k.kind is RecordKind.FIGURE), view
                )
                while batch := list(islice(ids, FIGURE_BATCH)):
                    yield view.figure_facts_in(batch)

            return figures_columns(view, Batches(figures))
        if isinstance(pane, PeoplePane):
            return people_columns(view, pane.visible_people())
        return []

    def action_frequency(self) -> None:
        pane = self.focused_pane()
        columns = self.frequency_columns(pane) if pane is not None else []
        if pane is None or not columns:
            self.notify("F counts the rows of People, Timeline or Figures: focus one first")
            return

        def picked(bucket: Bucket | None) -> None:
            if bucket is not None:
                self.apply_bucket(pane, bucket)

        self.push_screen(FrequencyScreen(pane.PANE_TITLE, columns), picked)

    def apply_bucket(self, pane: Pane, bucket: Bucket) -> None:
        """The row's filter: an outlet or a person for every pane, a search for this one."""
        view = self.view
        if view is None:
            return
        if bucket.apply == "outlet":
            self.article_filter = outlet_filter(view, bucket.target)
        elif bucket.apply == "person" and bucket.target in view.people:
            self.choose_person(bucket.target)
        elif bucket.apply == "search":
            pane.apply_search(bucket.target)
        pane.focus_records()
        self.refresh_chips()
