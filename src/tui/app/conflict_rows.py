"""The rows of the conflict view, computed from the loaded corpus (no Textual).

The view lists comparisons (filtered to those across sources, or to certain judgements, and
sorted by spread or by number of sources) and, side by side, the figures of the one under
the cursor: value, outlet, date, period, the sentence. Under them, the comparison's evidence:
what is measured, whose it is, the periods, and why the values cannot both hold. Every
member row carries the :class:`~tui.app.view.Selection` that shows its figure in Source.
Cells are plain, cleaned strings; the screen never parses them as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from tui.app.format import (
    clean,
    figure_label,
    outlet,
    published_label,
    sentence_around,
    status_mark,
)
from tui.app.person_rows import PageRow
from tui.app.view import CorpusView, Selection
from tui.records.models import Comparison, Figure
from tui.records.timevalue import display_value


class Order(Enum):
    """How the comparisons are sorted (``s`` cycles through them)."""

    SPREAD = "spread"
    SOURCES = "sources"
    CORPUS = "corpus order"

    def next(self) -> Order:
        members = list(Order)
        return members[(members.index(self) + 1) % len(members)]


@dataclass(frozen=True)
class ConflictSpot:
    """Where in the conflict view the user was: the comparison, the member row, the
    filters and the order (Esc in Source comes back to exactly that)."""

    comparison_id: str
    row: int = 0
    cross_source: bool = False
    certain: bool = False
    order: Order = Order.SPREAD
    in_members: bool = False
    """The cursor was in the figures (a figure was shown in Source)."""


@dataclass(frozen=True)
class Entry:
    """One comparison of the list, with what it is filtered and sorted by."""

    comparison: Comparison
    members: tuple[Figure, ...]
    outlets: int
    """Distinct outlets among the members."""
    sources: int
    """Independent sources (copies of one story count once), else ``outlets``."""
    spread: float | None
    """How far apart the values are: (largest − smallest) / smallest; None without two
    positive values."""


def _amount(figure: Figure) -> float | None:
    if figure.value is not None:
        return float(figure.value)
    if figure.low is not None and figure.high is not None:
        return (float(figure.low) + float(figure.high)) / 2
    return None


def spread(figures: tuple[Figure, ...] | list[Figure]) -> float | None:
    """(largest − smallest) / smallest of the figures' values (a range counts as its middle);
    None when fewer than two values are known or the smallest is not positive."""
    amounts = [a for a in (_amount(f) for f in figures) if a is not None]
    if len(amounts) < 2 or min(amounts) <= 0:
        return None
    return (max(amounts) - min(amounts)) / min(amounts)


def spread_label(value: float | None) -> str:
    """``+25%``, ``×3.0`` from a doubling on, ``—`` when unknown."""
    if value is None:
        return "—"
    if value >= 1:
        return f"×{value + 1:.1f}"
    return f"+{value * 100:.0f}%"


def entries(
    view: CorpusView,
    *,
    cross_source: bool = False,
    certain: bool = False,
    order: Order = Order.SPREAD,
) -> list[Entry]:
    """The comparisons the filters leave, in ``order``: by spread (widest first, unknown
    last) or by sources (most first), conflicts before agreements in both; ties and
    :attr:`Order.CORPUS` keep the corpus's order."""
    out: list[Entry] = []
    for comparison, found in view.members_of(view.corpus.comparisons):
        members = tuple(found)
        if len(members) < 2:
            continue
        outlets = len({view.outlet_of(m.article_id) for m in members})
        sources = comparison.independent or outlets
        if cross_source and min(outlets, sources) < 2:
            continue
        if certain and not comparison.certain:
            continue
        out.append(Entry(comparison, members, outlets, sources, spread(members)))
    conflict_first = {"conflict": 0, "evolution": 1, "agree": 2}
    if order is Order.SPREAD:
        out.sort(
            key=lambda e: (
                conflict_first.get(e.comparison.status, 3),
                e.spread is None,
                -(e.spread or 0.0),
            )
        )
    elif order is Order.SOURCES:
        out.sort(key=lambda e: (conflict_first.get(e.comparison.status, 3), -e.sources))
    return out


def entry_cells(entry: Entry) -> tuple[str, ...]:
    """A comparison's cells: status, measure, figures, sources, spread."""
    c = entry.comparison
    sources = (
        f"{entry.sources} src"
        if entry.sources == entry.outlets
        else (f"{entry.sources} src ({entry.outlets} outlets)")
    )
    return (
        status_mark(c),
        clean(c.measure),
        f"×{len(entry.members)}",
        sources,
        spread_label(entry.spread),
    )


ENTRY_COLUMNS = ("status", "measure", "figures", "sources", "spread")
MEMBER_COLUMNS = ("value", "outlet", "date", "period", "sentence")


def _period(figure: Figure, comparison: Comparison, index: int) -> str:
    value = figure.period or (
        comparison.periods[index] if index < len(comparison.periods) else None
    )
    return display_value(value) if value else "unknown"


def member_rows(view: CorpusView, comparison: Comparison) -> list[PageRow]:
    """The comparison's figures side by side: value, outlet, publication date, period,
    the sentence; each row shows its figure in Source."""
    rows = []
    members = view.members(comparison.figures)
    for index, figure in enumerate(members):
        article = view.articles.get(figure.article_id)
        if article is None:
            continue
        text = view.text(figure.article_id)
        context = view.sentence_of_figure.get(figure.id) or sentence_around(
            text, figure.start, figure.end
        )
        sentence = clean(text[context[0] : context[1]])
        date, source = published_label(article), outlet(article)
        rows.append(
            PageRow(
                (figure_label(figure), source, date, _period(figure, comparison, index), sentence),
                Selection.figure(figure, context),
                f"{source} · {date}: {sentence}",
            )
        )
    return rows


def evidence(comparison: Comparison) -> list[tuple[str, str]]:
    """The comparison's evidence as ``(label, text)`` lines: measure, subject, what
    happened, periods, the two values that cannot both hold and why, the linker's detail."""
    lines = [("measure", clean(comparison.measure))]
    if comparison.subject:
        lines.append(("subject", clean(comparison.subject)))
    if comparison.predicate:
        lines.append(("what", clean(comparison.predicate)))
    if comparison.periods:
        lines.append(("periods", ", ".join(display_value(p) for p in comparison.periods)))
    elif not comparison.certain:
        lines.append(("periods", "unknown: the values may be one figure changing over time"))
    if comparison.values:
        lines.append(("cannot both hold", " vs ".join(clean(v) for v in comparison.values)))
    if comparison.reason:
        lines.append(("why", clean(comparison.reason)))
    if comparison.detail and not comparison.values:
        lines.append(("detail", clean(comparison.detail)))
    return lines
