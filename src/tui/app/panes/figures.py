"""Figures: reported numbers, with comparisons grouped under an agree/conflict mark."""

from __future__ import annotations

import bisect
import threading
from array import array
from collections.abc import Iterator, Mapping, Sequence
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
from tui.app.records import RecordKey, RecordKind
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
"""Compared figures up to which the pane's rows are built on the event loop (every
comparison's members gone over, ~2.5 rows a compared figure); beyond, in the refill worker,
keys answered meanwhile (at 100,000 articles, with 333,734 compared figures in 836,621 rows,
the first fill takes ~5 s, the table's columns read once (:class:`ComparedFigures`), the
next ones ~0.6 s; each member's figure read and measured, they took 28 s and 3 s)."""

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
    _compared: ComparedFigures | None = None
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

    def compared(self) -> ComparedFigures:
        """The comparisons' members as columns (made once, from the table)."""
        table = self.table()
        with self._lock:
            if self._compared is None:
                view = self.view
                self._compared = ComparedFigures.build(
                    view.corpus.comparisons, table, view.article_position
                )
            return self._compared

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


WIDEST_CELL = 0xFFFF
"""The widest cell a width column holds (wider ones count as this wide: a column is cut to
its room long before)."""


@dataclass(frozen=True, eq=False)
class ComparedFigures:
    """Every comparison's members (the figures of the view it lists, in its order) as
    columns, made once per view from Figures' table, no figure read: each member's id
    (the comparison's own string), its article's place in the corpus's list and its cells'
    widths unshortened; and per comparison where its members start and their widest cells.
    At 100,000 articles the pane listed 836,621 members of 30,699 comparisons as rows
    holding each member's figure (333,734 read from the texts file), its key and its cells'
    maker, ~1 GB; these columns hold ~15 MB, and a figure is read when its row is drawn."""

    starts: array[int]
    """Comparison ``c``'s members are ``starts[c]`` up to ``starts[c + 1]``."""
    ids: list[str]
    articles: array[int]
    widths: tuple[array[int], array[int], array[int], array[int]]
    """Each member's value, measure, outlet and kind widths."""
    widest: tuple[array[int], array[int], array[int], array[int]]
    """Each comparison's widest member in each of the four."""
    ordinal: dict[str, int]
    """Each comparison's place in the corpus's list, by id."""

    @classmethod
    def build(
        cls, comparisons: Sequence[Comparison], table: FigureTable, position: Mapping[str, int]
    ) -> ComparedFigures:
        cells = table.cells({f for comparison in comparisons for f in comparison.figures})
        starts = array("q", [0])
        ids: list[str] = []
        articles = array("q")
        widths = (array("H"), array("H"), array("H"), array("H"))
        widest = (array("H"), array("H"), array("H"), array("H"))
        for comparison in comparisons:
            most = [0, 0, 0, 0]
            for figure_id in comparison.figures:
                found = cells.get(figure_id)
                place = position.get(found[0]) if found is not None else None
                if found is None or place is None:  # a figure the view lacks
                    continue
                ids.append(figure_id)
                articles.append(place)
                for column, width in enumerate(found[1:]):
                    width = min(width, WIDEST_CELL)
                    widths[column].append(width)
                    if width > most[column]:
                        most[column] = width
            starts.append(len(ids))
            for column, width in enumerate(most):
                widest[column].append(width)
        ordinal = {comparison.id: i for i, comparison in enumerate(comparisons)}
        return cls(starts, ids, articles, widths, widest, ordinal)


class ComparedRows:
    """The rows of the comparisons a fill leaves, each followed by its members, as one
    column of codes: a comparison's row is ``-(c + 1)`` (``c`` its place in the corpus's
    list), a member's ``2 * m + again`` (``m`` its place in :class:`ComparedFigures`;
    ``again``: listed under a comparison above already, so keyed under this one). Keys and
    cells are made from them when asked for."""

    def __init__(
        self, builder: FigureRows, compared: ComparedFigures, codes: array[int], heads: array[int]
    ) -> None:
        self.builder = builder
        self.compared = compared
        self.codes = codes
        self.heads = heads
        """The row of each comparison listed, in order."""

    def __len__(self) -> int:
        return len(self.codes)

    def _comparison(self, row: int) -> Comparison:
        """The comparison row ``row`` is (or lists a member) of."""
        head = self.heads[bisect.bisect_right(self.heads, row) - 1]
        return self.builder.view.corpus.comparisons[-self.codes[head] - 1]

    def key(self, row: int) -> RecordKey:
        code = self.codes[row]
        if code < 0:
            return RecordKey(RecordKind.COMPARISON, self._comparison(row).id)
        member, again = divmod(code, 2)
        under = self._comparison(row).id if again else None
        return RecordKey(RecordKind.FIGURE, self.compared.ids[member], under)

    def make(self, row: int) -> Row:
        builder = self.builder
        if self.codes[row] < 0:
            key, cells = builder.comparison_row(self._comparison(row))
            return key, cells()
        last = row + 1 == len(self.codes) or self.codes[row + 1] < 0
        key = self.key(row)
        figure = builder.view.figures[key.record_id]
        return key, builder.figure_cells(figure, "└" if last else "├")

    def keys(self) -> Iterator[RecordKey]:
        return (self.key(row) for row in range(len(self.codes)))

    def index_of(self, key: RecordKey) -> int | None:
        """The row of ``key`` (None when it is not one of these rows)."""
        ordinal = self.compared.ordinal
        if key.kind is RecordKind.COMPARISON:
            return self._head(ordinal.get(key.record_id))
        if key.kind is not RecordKind.FIGURE:
            return None
        if key.under is not None:
            return self._member(self._head(ordinal.get(key.under)), key.record_id, 1)
        first = self.builder.view.comparison_of_figure.get(key.record_id)
        if first is None:  # in no comparison: one of the rows after these
            return None
        found = self._member(self._head(ordinal.get(first)), key.record_id, 0)
        if found is not None:
            return found
        ids = self.compared.ids
        for row, code in enumerate(self.codes):  # first listed under a later comparison
            if code >= 0 and not code % 2 and ids[code // 2] == key.record_id:
                return row
        return None

    def _head(self, ordinal: int | None) -> int | None:
        """The row of the comparison at ``ordinal`` (None when it is not listed)."""
        if ordinal is None:
            return None
        # Comparisons are listed in the corpus's order: their places rise along the heads.
        codes, heads = self.codes, self.heads
        at = bisect.bisect_left(heads, ordinal, key=lambda row: -codes[row] - 1)
        if at < len(heads) and -codes[heads[at]] - 1 == ordinal:
            return heads[at]
        return None

    def _member(self, head: int | None, figure_id: str, again: int) -> int | None:
        """The row under the comparison at row ``head`` listing ``figure_id`` (``again``:
        keyed under it)."""
        if head is None:
            return None
        ids, codes = self.compared.ids, self.codes
        for row in range(head + 1, len(codes)):
            code = codes[row]
            if code < 0:
                break
            if code % 2 == again and ids[code // 2] == figure_id:
                return row
        return None


class FigureList(KeyedRows[RecordKey]):
    """Figures' rows for one filtered list: the comparisons shown with their members
    (:class:`ComparedRows`), then the figures in none of them, read from the table a window
    at a time (cells made when drawn, the last :data:`DRAWN_ROWS` kept)."""

    indexed = True

    def __init__(
        self, builder: FigureRows, head: ComparedRows, rest: FigureQuery, figures: int
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
            return self.head.make(index)
        key, cells = self.builder.figure_row(self.figure(index), "")
        return key, cells()

    def key(self, index: int) -> RecordKey:
        if index < len(self.head):
            return self.head.key(index)
        return RecordKey(RecordKind.FIGURE, self.rest.record(index - len(self.head)))

    @property
    def keys(self) -> RowKeys[RecordKey]:
        return RowKeys(self, self._listed)

    def _listed(self) -> Iterator[RecordKey]:
        yield from self.head.keys()
        yield from (RecordKey(RecordKind.FIGURE, i) for i in self.rest.ids())

    def index_of(self, key: RecordKey) -> int | None:
        found = self.head.index_of(key)
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
    row_cache: dict[str, tuple[LazyRow[RecordKey], tuple[int, ...]]] = field(default_factory=dict)
    """The rows of figures in no comparison measured so far (:data:`EXACT_ROWS` a list)
    and their cells' widths: the cells themselves are made only when drawn."""
    comparison_widths: dict[int, tuple[int, ...]] = field(default_factory=dict)
    """The cells' widths of each comparison's row measured so far, by its place."""
    kept: RecentRows[Built] = field(default_factory=RecentRows)
    """The rows built for the filters so far (the unfiltered ones and the last few)."""

    def let_go(self) -> None:
        """Forget the rows built (a new builder replaces this one): they refer back to
        it, and the cycle, once frozen with everything shown (see
        :meth:`tui.app.view.CorpusView.let_go`), would keep its view alive. The rows
        cached too (theirs are made by this builder's methods)."""
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
        then the figures in no comparison shown. A comparison is shown when one of its
        members is the person's (and in the articles); with an article filter, only its
        members in those articles; with a search, when its measure or status or one of
        those members holds it."""
        view = self.view
        compared = self.source.compared()
        needle = search.casefold()
        # A member is the person's when it is among the person's figures (their ids, made
        # from the person's placed figures: no dict of every compared figure's people).
        mine = view.figures_of_person.get(person, frozenset()) if person is not None else None
        ids = articles.article_ids if articles is not None else None
        places: set[int] | None = None
        if ids is not None:
            position = view.article_position
            places = {position[a] for a in ids if a in position}
        matched: set[str] | None = None
        if needle:  # the members holding the search, found by the table's index
            found = self.source.table().query(Filters(None, ids, needle))
            matched = set(found.ids())
        starts, member_ids, member_places = compared.starts, compared.ids, compared.articles
        codes, heads = array("q"), array("q")
        widths = [0] * 5
        widest = [0, 0, 0, 0]
        grouped: set[str] = set()

        def widen(measured: Sequence[int]) -> None:
            for i, w in enumerate(measured):
                if w > widths[i]:
                    widths[i] = w

        for ordinal, comparison in enumerate(view.corpus.comparisons):
            members: Sequence[int] = range(starts[ordinal], starts[ordinal + 1])
            if mine is not None and not any(
                member_ids[m] in mine and (places is None or member_places[m] in places)
                for m in members
            ):
                continue
            if places is not None:
                members = [m for m in members if member_places[m] in places]
            if not members:
                continue
            if matched is not None and not (
                needle in self.comparison_haystack(comparison)
                or any(member_ids[m] in matched for m in members)
            ):
                continue
            heads.append(len(codes))
            codes.append(-(ordinal + 1))
            widen(self.comparison_measured(ordinal, comparison))
            for m in members:
                figure_id = member_ids[m]
                if figure_id in grouped:
                    codes.append(2 * m + 1)
                else:
                    grouped.add(figure_id)
                    codes.append(2 * m)
            if places is None:  # every member: the comparison's widest, measured once
                for column, column_widest in enumerate(compared.widest):
                    widest[column] = max(widest[column], column_widest[ordinal])
            else:
                for m in members:
                    for column, column_widths in enumerate(compared.widths):
                        widest[column] = max(widest[column], column_widths[m])
        if heads:
            value_room, measure_room, outlet_room = self.rooms()
            value, measure, outlet, kind = widest
            widen((1, min(value, value_room), min(measure, measure_room)))
            widen((0, 0, 0, min(outlet, outlet_room), kind))
        head = ComparedRows(self, compared, codes, heads)
        rest = self.source.table().query(Filters(person, ids, needle, hidden=frozenset(grouped)))
        listed = FigureList(self, head, rest, len(grouped) + rest.count())
        exact = [
            listed.key(i).record_id
            for i in range(len(head), min(len(listed), len(head) + EXACT_ROWS))
        ]
        cache = self.row_cache
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

    def comparison_measured(self, ordinal: int, comparison: Comparison) -> tuple[int, ...]:
        """The widths of the comparison's row's cells (measured once)."""
        found = self.comparison_widths.get(ordinal)
        if found is None:
            cells = self.comparison_cells(comparison)
            found = self.comparison_widths[ordinal] = tuple(c.cell_len for c in cells)
        return found

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
            if self._source is None or self._source.view is not view:
                self._source = FigureSource.of(view)
            if builder is not None:
                builder.let_go()
            builder = FigureRows(view, width, self._source)
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
        # Every comparison's members are gone over, filtered or not (see the constant).
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
