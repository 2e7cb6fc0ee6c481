"""Figures: reported numbers, with comparisons grouped under an agree/conflict mark."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult

from tui.app.format import (
    figure_label,
    measure_with_period,
    sentence_around,
    shorten,
    status_mark,
)
from tui.app.panes import base
from tui.app.panes.base import FilteredPane, RecentRows, Row, RowsWanted
from tui.app.panes.record_table import KeyedRows, LazyRow, RecordTable, RowKeys
from tui.app.records import RecordKey, RecordKind, key_index
from tui.app.view import ArticleFilter, CorpusView, Selection
from tui.paged import SEPARATOR, FigureQuery, FigureRow, FigureTable, Filters, SavedTables
from tui.records.models import Comparison, Figure
from tui.records.timevalue import display_value

STATUS_GLYPH = {"agree": "=", "conflict": "≠", "evolution": "→"}
KIND_LABEL = {
    "count": "count",
    "percent": "%",
    "money": "money",
    "ordinal": "rank",
    "duration": "span",
    "age": "age",
    "other": "other",
}
"""The Kind column's labels: five cells at most, so the column stays readable in a narrow
pane (a search still finds the kind's full name)."""
STATUS_STYLE = {"agree": "bold", "conflict": "bold reverse", "evolution": "bold italic"}


def independent_note(comparison: Comparison) -> str:
    """ " (2 independent)" when copies make fewer sources than figures."""
    sources = comparison.independent
    if sources is None or sources >= len(comparison.figures):
        return ""
    return f" ({sources} independent)"


COMPARED_ON_THE_LOOP = 1_000
"""Compared figures up to which the pane's rows are built on the event loop (each
comparison's members read and measured, ~2.5 rows a compared figure: ~85 ms); beyond, in
the refill worker, keys answered meanwhile (a key waited 28 s for them at 100,000 articles
with 333,734 compared figures)."""

EXACT_ROWS = 2048
"""Figures outside comparisons a fill measures one by one: all of a list this long or
shorter, so its columns' widths are exact; beyond them, the widest labels of the list,
cut to their columns' room, bound the rest."""

Built = tuple[Sequence[Row], list[int]]
"""The Figures rows and the widest cell of each column."""


@dataclass(eq=False)
class FigureSource:
    """The view's figures as Figures' table (:class:`~tui.paged.FigureTable`), made once,
    by the first fill that needs it (a worker's, as a rule)."""

    view: CorpusView
    _table: FigureTable | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def of(cls, view: CorpusView) -> FigureSource:
        """The view's one source (made by the load worker, or by the first fill)."""
        return view.made("figures", lambda: cls(view))

    def table(self, saved: SavedTables | None = None) -> FigureTable:
        """The table: the one ``saved`` for this corpus if there is one (by the first
        call, the load worker's), else made from the view."""
        with self._lock:
            if self._table is None:
                found = saved.open(FigureTable) if saved is not None else None
                self._table = found if found is not None else FigureTable.build(self._rows())
            return self._table

    def _rows(self) -> Iterator[FigureRow]:
        view = self.view
        people: dict[str, list[str]] = {}
        for person, figures in view.figures_of_person_sorted.items():
            for figure_id in figures.ids():  # from the facts: no figure read
                people.setdefault(figure_id, []).append(person)
        for figure in view.all_figures:  # read a batch at a time
            outlet = view.outlet_of(figure.article_id)
            yield FigureRow(
                figure.id,
                figure.article_id,
                people.get(figure.id, ()),
                cell_len(figure_label(figure)),
                cell_len(figure_measure(figure)),
                cell_len(outlet),
                cell_len(KIND_LABEL.get(figure.kind, figure.kind)),
                figure_haystack(figure, outlet),
            )


def figure_measure(figure: Figure) -> str:
    """A figure's Measure cell, uncut: its measure and the period it is of."""
    measure = figure.measure or ""
    if figure.period:
        measure = measure_with_period(measure, display_value(figure.period))
    return measure


def figure_haystack(figure: Figure, outlet: str) -> str:
    """The casefolded text a search looks in: the value, measure, kind, the figure's own
    words and the outlet, joined by a character no typed search contains."""
    fields = (figure_label(figure), figure.measure or "", figure.kind, figure.text, outlet)
    return SEPARATOR.join(fields).casefold()


class FigureList(KeyedRows[RecordKey]):
    """Figures' rows for one filtered list: the comparisons shown with their members
    (a few thousand rows at most, made in full), then the figures in none of them, read
    from the table a window at a time (cells made when drawn, the last
    :data:`DRAWN_ROWS` kept)."""

    indexed = True

    def __init__(
        self, builder: FigureRows, head: list[LazyRow[RecordKey]], rest: FigureQuery, figures: int
    ) -> None:
        super().__init__()
        self.builder = builder
        self.head = head
        self.rest = rest
        self.figures = figures
        """The figures listed (a figure listed under several comparisons counts once)."""

    def __len__(self) -> int:
        return len(self.head) + self.rest.count()

    def figure(self, index: int) -> Figure:
        """The figure of row ``index`` past the comparisons."""
        return self.builder.view.figures[self.rest.record(index - len(self.head))]

    def make(self, index: int) -> Row:
        if index < len(self.head):
            key, cells = self.head[index]
        else:
            key, cells = self.builder.figure_row(self.figure(index), "")
        return key, cells()

    def key(self, index: int) -> RecordKey:
        if index < len(self.head):
            return self.head[index][0]
        return RecordKey(RecordKind.FIGURE, self.rest.record(index - len(self.head)))

    @property
    def keys(self) -> RowKeys[RecordKey]:
        return RowKeys(self, self._listed)

    def _listed(self) -> Iterator[RecordKey]:
        yield from (key for key, _ in self.head)
        yield from (RecordKey(RecordKind.FIGURE, i) for i in self.rest.ids())

    def index_of(self, key: RecordKey) -> int | None:
        found = key_index([k for k, _ in self.head], key)
        if found is not None:
            return found
        if key.kind is not RecordKind.FIGURE or key.under is not None:
            return None
        index = self.rest.index_of(key.record_id)
        return None if index is None else len(self.head) + index


@dataclass(eq=False)
class FigureRows:
    """The Figures rows for one view at one pane width, with the rows already built: what
    a refill worker reads (never the pane). Replaced, never cleared, when the view or the
    width changes; its caches are only read and added to, one key at a time, with equal
    rows for equal keys, so the event loop and a worker may use one together."""

    view: CorpusView
    width: int
    source: FigureSource
    haystacks: dict[str, str] = field(default_factory=dict)
    """The casefolded text a search looks in of each figure under a comparison."""
    row_cache: dict[str, tuple[LazyRow[RecordKey], tuple[int, ...]]] = field(default_factory=dict)
    """Each row and its cells' widths, made and measured once: the cells themselves are
    made only when drawn (:class:`LazyRows`)."""
    kept: RecentRows[Built] = field(default_factory=RecentRows)
    """The rows built for the filters so far (the unfiltered ones and the last few)."""

    def let_go(self) -> None:
        """Forget the rows built (a new builder replaces this one): they refer back to
        it, and the cycle, once frozen with everything shown (see
        :meth:`tui.app.view.CorpusView.let_go`), would keep its view alive. The rows
        cached too (theirs are made by this builder's methods); the haystacks, which a
        builder for the same view takes over, are left as they are."""
        self.kept = RecentRows()
        self.row_cache = {}

    def figure_row(self, figure: Figure, mark: str, under: str | None = None) -> LazyRow[RecordKey]:
        """A figure's row: its key (``under`` names the comparison when the figure was
        already shown under another one: a figure can be compared with several) and the
        maker of its cells."""
        key = RecordKey(RecordKind.FIGURE, figure.id, under)
        return key, partial(self.figure_cells, figure, mark)

    def comparison_row(self, comparison: Comparison) -> LazyRow[RecordKey]:
        key = RecordKey(RecordKind.COMPARISON, comparison.id)
        return key, partial(self.comparison_cells, comparison)

    def figure_cells(self, figure: Figure, mark: str) -> tuple[Text, ...]:
        """A figure's cells."""
        return tuple(
            Text(text, style=style, no_wrap=True) for text, style in self.figure_parts(figure, mark)
        )

    def figure_parts(self, figure: Figure, mark: str) -> tuple[tuple[str, str], ...]:
        """A figure's cells' texts and styles (measured without making the cells)."""
        measure = figure_measure(figure)
        value_room, measure_room, outlet_room = self.rooms()
        return (
            (mark, "dim"),
            (shorten(figure_label(figure), value_room), "bold"),
            (shorten(measure, measure_room), ""),
            (shorten(self.view.outlet_of(figure.article_id), outlet_room), ""),
            (KIND_LABEL.get(figure.kind, figure.kind), "dim"),
        )

    def figure_widths(self, figure: Figure, mark: str) -> tuple[int, ...]:
        return tuple(cell_len(text) for text, _ in self.figure_parts(figure, mark))

    def comparison_cells(self, comparison: Comparison) -> tuple[Text, ...]:
        glyph, mark = status_mark(comparison).split(" ", 1)
        _, measure_room, _ = self.rooms()
        measure = Text(shorten(comparison.measure, measure_room), style="bold", no_wrap=True)
        if comparison.detail:  # in the measure's cell: the Outlet column holds outlets only
            measure.append(f" · {shorten(comparison.detail, 24)}", style="dim")
        return (
            Text(glyph, style="bold"),
            Text(
                f"{mark} ×{len(comparison.figures)}" + independent_note(comparison),
                style=STATUS_STYLE[comparison.status],
                no_wrap=True,
            ),
            measure,
            Text("", no_wrap=True),  # a group has no one outlet
            Text("", no_wrap=True),
        )

    def rooms(self) -> tuple[int, int, int]:
        """The widest Value, Measure and Outlet cells: the narrow defaults, and more of each
        when the pane is wide (maximised, a wide terminal) instead of blank space."""
        width = self.width
        if width and width < 84:  # a quarter of a small screen: Kind stays in view
            short = 84 - width
            return max(18, 24 - short // 4), 32, max(8, 14 - short // 3)
        extra = max(0, width - 84)  # what the default columns, Kind and the borders take
        return 24 + extra // 4, 32 + extra // 2, 14 + extra // 6

    def build(self, person: str | None, articles: ArticleFilter | None, search: str) -> Built:
        """The rows the filters and the search leave: each comparison with its members,
        then the figures in no comparison shown."""
        view = self.view
        needle = search.casefold()
        # Only comparisons' members are tested: their people, not the person's every figure.
        people_of = view.people_of_compared_figure
        ids = articles.article_ids if articles is not None else None
        rows: list[LazyRow[RecordKey]] = []
        widths = [0] * 5
        grouped: set[str] = set()
        cache = self.row_cache

        def allowed(figure: Figure) -> bool:
            return (person is None or person in people_of.get(figure.id, ())) and (
                ids is None or figure.article_id in ids
            )

        def widen(measured: Sequence[int]) -> None:
            for i, w in enumerate(measured):
                if w > widths[i]:
                    widths[i] = w

        # Rows are cached under plain strings, only ever looked up (never parsed): the
        # comparison's, a member's mark, id and repeat, a figure's own id.
        def add(
            cache_key: str,
            make: Callable[[], LazyRow[RecordKey]],
            measure: Callable[[], tuple[int, ...]] | None = None,
        ) -> None:
            entry = cache.get(cache_key)
            if entry is None:
                row = make()
                widths_of = measure() if measure is not None else (c.cell_len for c in row[1]())
                entry = cache[cache_key] = (row, tuple(widths_of))
            rows.append(entry[0])
            widen(entry[1])

        for comparison in view.corpus.comparisons:
            members = view.members(comparison.figures)
            if not any(allowed(m) for m in members):
                continue
            if ids is not None:
                members = [m for m in members if m.article_id in ids]
            if needle and not (
                needle in self.comparison_haystack(comparison)
                or any(needle in self.figure_haystack(m) for m in members)
            ):
                continue
            add(f"cmp:{comparison.id}", partial(self.comparison_row, comparison))
            for i, member in enumerate(members):
                mark = "└" if i == len(members) - 1 else "├"
                again = comparison.id if member.id in grouped else None
                add(
                    f"{mark}{member.id}@{again or ''}",
                    partial(self.figure_row, member, mark, again),
                    partial(self.figure_widths, member, mark),
                )
                grouped.add(member.id)
        rest = self.source.table().query(Filters(person, ids, needle, hidden=frozenset(grouped)))
        listed = FigureList(self, rows, rest, len(grouped) + rest.count())
        exact = [
            listed.key(i).record_id
            for i in range(len(rows), min(len(listed), len(rows) + EXACT_ROWS))
        ]
        unmade = [i for i in dict.fromkeys(exact) if i not in cache]
        for figure in view.figures_in(unmade):  # read together, not one query each
            cache[figure.id] = (self.figure_row(figure, ""), self.figure_widths(figure, ""))
        for figure_id in exact:
            widen(cache[figure_id][1])
        if rest.count() > EXACT_ROWS:
            value, measure, outlet, kind = rest.widest()
            value_room, measure_room, outlet_room = self.rooms()
            widen((0, min(value, value_room), min(measure, measure_room)))
            widen((0, 0, 0, min(outlet, outlet_room), kind))
        return listed, widths

    def figure_haystack(self, figure: Figure) -> str:
        """The casefolded text a search looks in, cached per figure."""
        cached = self.haystacks.get(figure.id)
        if cached is None:
            cached = self.haystacks[figure.id] = figure_haystack(
                figure, self.view.outlet_of(figure.article_id)
            )
        return cached

    def comparison_haystack(self, comparison: Comparison) -> str:
        return f"{comparison.measure}{SEPARATOR}{comparison.status}".casefold()


@dataclass(eq=False)
class FiguresWanted(RowsWanted):
    rows: FigureRows | None = None
    """The row builder for the view and width (None while loading)."""


class FiguresPane(FilteredPane[FiguresWanted, Built]):
    PANE_TITLE = "Figures"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._builder: FigureRows | None = None
        self._source: FigureSource | None = None

    def compose(self) -> ComposeResult:
        yield RecordTable[RecordKey](id="figures-table", classes="records")

    def on_mount(self) -> None:
        table = self.table()
        table.add_column("", key="mark")
        table.add_column("Value", key="value")
        table.add_column("Measure", key="measure", flex=True)
        table.add_column("Outlet", key="outlet")
        table.add_column("Kind", key="kind")

    def row_builder(self) -> FigureRows | None:
        """The rows' builder for the view and the pane's width now (None while loading)."""
        view = self.view
        if view is None:
            return None
        width = self.size.width
        builder = self._builder
        if builder is None or builder.view is not view or builder.width != width:
            same_view = builder is not None and builder.view is view
            haystacks = builder.haystacks if builder is not None and same_view else {}
            if self._source is None or self._source.view is not view:
                self._source = FigureSource.of(view)
            if builder is not None:
                builder.let_go()
            builder = FigureRows(view, width, self._source, haystacks)
            self._builder = builder
        return builder

    def rows(self) -> Sequence[Row]:
        """The rows for the filters and search now (built if need be)."""
        wanted = self.wanted()
        built = self.kept(wanted)
        if built is None:
            built = self.build(wanted)
            self.keep(wanted, built)
        return built[0]

    # -- rows -----------------------------------------------------------------------------

    def wanted(self) -> FiguresWanted:
        return FiguresWanted(
            self.view,
            self.person_filter,
            self.article_filter,
            self.search,
            self.size.width,
            self.row_builder(),
        )

    def slow(self, wanted: FiguresWanted) -> bool:
        view = wanted.view
        if view is None:
            return False
        # Every comparison's members are read and measured, filtered or not: 34 µs a row
        # (100,000 articles: 333,734 compared figures in 836,621 rows, 28 s).
        if len(view.comparison_of_figure) > COMPARED_ON_THE_LOOP:
            return True
        return bool(wanted.search) and view.figure_total > base.SEARCHED_IN_WORKER

    def kept(self, wanted: FiguresWanted) -> Built | None:
        if wanted.rows is None:
            return [], [0] * 5
        return wanted.rows.kept.get(wanted)

    def build(self, wanted: FiguresWanted) -> Built:
        rows = wanted.rows
        if rows is None:
            return [], [0] * 5
        return rows.build(wanted.person, wanted.articles, wanted.search)

    def keep(self, wanted: FiguresWanted, built: Built) -> None:
        if wanted.rows is not None:
            wanted.rows.kept.put(wanted, built)

    def show(self, wanted: FiguresWanted, built: Built) -> None:
        rows, widths = built
        view = wanted.view
        figures = rows.figures if isinstance(rows, FigureList) else 0
        total = view.figure_total if view is not None else 0
        self.border_title = (
            f"Figures ({figures}/{total})" if figures != total else f"Figures ({total})"
        )
        self.border_subtitle = "nothing matches the filter" if total and not rows else ""
        if view is None:  # still loading: no count yet, and an empty pane is no finding
            self.border_title = self.PANE_TITLE
            self.border_subtitle = "loading…"
        keep = self.selection.key if self.selection is not None else None
        if keep is not None and keep.kind not in (RecordKind.FIGURE, RecordKind.COMPARISON):
            keep = None
        self.show_rows(rows, widths, keep)

    def refit(self) -> None:
        if self.is_mounted and self._builder is not None and self._builder.width != self.size.width:
            self.request_rebuild()  # the cells are cut to the pane's width

    def selection_for(self, key: RecordKey) -> Selection | None:
        view = self.view
        if view is None:
            return None
        if key.kind is RecordKind.COMPARISON:
            comparison = view.comparisons.get(key.record_id)
            if comparison is None or not comparison.figures:
                return None
            first = view.figures.get(comparison.figures[0])
            if first is None:
                return None
            return Selection(
                key,
                first.article_id,
                first.start,
                first.end,
                context=self._sentence(first),
            )
        figure = view.figures.get(key.record_id) if key.kind is RecordKind.FIGURE else None
        if figure is None:
            return None
        return Selection(
            RecordKey(RecordKind.FIGURE, figure.id),
            figure.article_id,
            figure.start,
            figure.end,
            context=self._sentence(figure),
        )

    def _sentence(self, figure: Figure) -> tuple[int, int]:
        """The sentence of the first event that lists the figure, else the one around it."""
        view = self.view
        assert view is not None
        indexed = view.sentence_of_figure.get(figure.id)
        if indexed is not None:
            return indexed
        text = view.text(figure.article_id)
        return sentence_around(text, figure.start, figure.end)
