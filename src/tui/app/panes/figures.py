"""Figures: reported numbers, with comparisons grouped under an agree/conflict mark."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import work
from textual.app import ComposeResult

from tui.app.format import figure_label, sentence_around, shorten
from tui.app.panes.base import FilteredPane, RecordTable
from tui.app.view import Selection
from tui.models import Comparison, Figure

BATCH = 500

# Never colour alone: every status has its own glyph and word.
STATUS_MARK = {"agree": "= agree", "conflict": "≠ CONFLICT", "evolution": "→ changes"}
STATUS_GLYPH = {"agree": "=", "conflict": "≠", "evolution": "→"}
STATUS_STYLE = {"agree": "bold", "conflict": "bold reverse", "evolution": "bold italic"}

Row = tuple[str, tuple[Text, Text, Text, Text, Text]]


def status_mark(comparison: Comparison) -> str:
    """The status in words with its glyph; an uncertain judgement says so ("possible")."""
    mark = STATUS_MARK[comparison.status]
    if comparison.certain:
        return mark
    glyph, word = mark.split(" ", 1)
    return f"{glyph}? possible {word}"


class FiguresPane(FilteredPane):
    PANE_TITLE = "Figures"

    def compose(self) -> ComposeResult:
        yield RecordTable(id="figures-table", classes="records")

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one(RecordTable)
        table.add_column("", key="mark")
        table.add_column("Value", key="value")
        table.add_column("Measure", key="measure")
        table.add_column("Outlet", key="outlet")
        table.add_column("Kind", key="kind")

    def _figure_row(self, figure: Figure, mark: str, under: str | None = None) -> Row:
        """A figure's row; ``under`` names the comparison when the figure was already shown
        under another one (a figure can be compared with several), keeping row keys unique."""
        view = self.view
        assert view is not None
        measure = figure.measure or ""
        if figure.period:
            measure = f"{measure} ({figure.period})" if measure else figure.period
        return (
            f"fig:{figure.id}" + (f"@{under}" if under else ""),
            (
                Text(mark, style="dim", no_wrap=True),
                Text(shorten(figure_label(figure), 24), style="bold", no_wrap=True),
                Text(shorten(measure, 32), no_wrap=True),
                Text(shorten(view.outlet_of(figure.article_id), 14), no_wrap=True),
                Text(figure.kind, style="dim", no_wrap=True),
            ),
        )

    def _comparison_row(self, comparison: Comparison) -> Row:
        glyph, mark = status_mark(comparison).split(" ", 1)
        return (
            f"cmp:{comparison.id}",
            (
                Text(glyph, style="bold"),
                Text(
                    f"{mark} ×{len(comparison.figures)}",
                    style=STATUS_STYLE[comparison.status],
                    no_wrap=True,
                ),
                Text(shorten(comparison.measure, 32), style="bold", no_wrap=True),
                Text(shorten(comparison.detail, 24), style="dim", no_wrap=True),
                Text("", no_wrap=True),
            ),
        )

    def rows(self) -> list[Row]:
        view = self.view
        if view is None:
            return []
        allowed = view.figure_ids_for(self.person_filter, self.article_filter)
        rows: list[Row] = []
        grouped: set[str] = set()
        for comparison in view.corpus.comparisons:
            members = [view.figures[f] for f in comparison.figures if f in view.figures]
            if not any(m.id in allowed for m in members):
                continue
            if self.article_filter is not None:
                members = [m for m in members if m.article_id in self.article_filter.article_ids]
            if not self._search_hit(comparison.measure, comparison.status, *members):
                continue
            rows.append(self._comparison_row(comparison))
            for i, member in enumerate(members):
                mark = "└" if i == len(members) - 1 else "├"
                again = comparison.id if member.id in grouped else None
                rows.append(self._figure_row(member, mark, again))
                grouped.add(member.id)
        for figure in view.corpus.figures:
            if figure.id in allowed and figure.id not in grouped and self._search_hit("", figure):
                rows.append(self._figure_row(figure, ""))
        return rows

    def _search_hit(self, label: str, *extra: object) -> bool:
        fields = [label]
        view = self.view
        for item in extra:
            if isinstance(item, Figure) and view is not None:
                fields += [
                    figure_label(item),
                    item.measure or "",
                    item.kind,
                    item.text,
                    view.outlet_of(item.article_id),
                ]
            elif isinstance(item, str):
                fields.append(item)
        return self.matches(*fields)

    def rebuild(self) -> None:
        if not self.is_mounted:
            return
        rows = self.rows()
        figures = sum(1 for key, _ in rows if key.startswith("fig:") and "@" not in key)
        total = len(self.view.corpus.figures) if self.view is not None else 0
        self.border_title = (
            f"Figures ({figures}/{total})" if figures != total else f"Figures ({total})"
        )
        self.border_subtitle = "nothing matches the filter" if total and not rows else ""
        self._fill(rows)

    @work(exclusive=True, group="figures-fill")
    async def _fill(self, rows: list[Row]) -> None:
        table = self.query_one(RecordTable)
        keep = self._key_of(self.selection)
        table.clear()
        for i in range(0, len(rows), BATCH):
            for key, cells in rows[i : i + BATCH]:
                table.add_row(*cells, key=key)
            if i + BATCH < len(rows):
                await asyncio.sleep(0)
        table.fit_columns()
        keys = [key for key, _ in rows]
        if keep in keys:
            table.move_cursor(row=keys.index(keep), animate=False)

    @staticmethod
    def _key_of(selection: Selection | None) -> str | None:
        if selection is None:
            return None
        if selection.kind == "figure":
            return f"fig:{selection.record_id}"
        if selection.kind == "comparison":
            return f"cmp:{selection.record_id}"
        return None

    def selection_for(self, key: str) -> Selection | None:
        view = self.view
        if view is None:
            return None
        kind, _, record_id = key.partition(":")
        if kind == "cmp":
            comparison = view.comparisons.get(record_id)
            if comparison is None or not comparison.figures:
                return None
            first = view.figures.get(comparison.figures[0])
            if first is None:
                return None
            return Selection(
                "comparison",
                comparison.id,
                first.article_id,
                first.start,
                first.end,
                context=self._sentence(first),
            )
        figure = view.figures.get(record_id.partition("@")[0])
        if figure is None:
            return None
        return Selection(
            "figure",
            figure.id,
            figure.article_id,
            figure.start,
            figure.end,
            context=self._sentence(figure),
        )

    def _sentence(self, figure: Figure) -> tuple[int, int]:
        view = self.view
        assert view is not None
        for event in view.corpus.events:
            if figure.id in event.figures and event.article_id == figure.article_id:
                return (event.sentence.start, event.sentence.end)
        text = view.articles[figure.article_id].text
        return sentence_around(text, figure.start, figure.end)
