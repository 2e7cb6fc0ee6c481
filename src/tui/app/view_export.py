"""What a view of the dashboard shows, as a :class:`~tui.export_view.ViewTable` with a
citation per row (no Textual): the rows of a page, the Timeline's events, the Figures'
rows. :mod:`tui.export_view` writes them as CSV or Markdown."""

from __future__ import annotations

from collections.abc import Sequence

from tui.app.format import (
    clean,
    figure_label,
    outlet,
    published_label,
    sentence_around,
    timex_of,
)
from tui.app.person_rows import PageRow
from tui.app.records import RecordKey, RecordKind
from tui.app.view import CorpusView, Selection
from tui.export_view import Citation, ViewRow, ViewTable
from tui.safetext import visible


def citation(view: CorpusView, target: Selection) -> Citation:
    """Where ``target``'s span is: outlet, date, path, offsets, the span and its sentence."""
    article = view.articles[target.article_id]
    start, end = target.context or (target.start, target.end)
    return Citation(
        outlet(article),
        published_label(article),
        visible(article.path),
        target.start,
        target.end,
        clean(view.text(article.id)[target.start : target.end]),
        clean(view.text(article.id)[start:end]),
    )


def page_table(
    view: CorpusView,
    title: str,
    columns: Sequence[str],
    rows: Sequence[PageRow],
    notes: Sequence[str] = (),
) -> ViewTable:
    """A page's rows (person, conflict, date) with their citations."""
    return ViewTable(
        title,
        tuple(columns),
        [ViewRow(row.cells, citation(view, row.target)) for row in rows],
        tuple(notes),
    )


def timeline_table(
    view: CorpusView, keys: Sequence[RecordKey], total: int, notes: Sequence[str] = ()
) -> ViewTable:
    """The Timeline's rows (``keys``, as filtered): date, outlet, the sentence."""
    rows = []
    shown = [k for k in keys if k.kind is RecordKind.EVENT]
    # Read in batches: a corpus reading its events from a file answers one query per batch.
    for key, event in zip(shown, view.events_in([k.record_id for k in shown]), strict=True):
        target = Selection(
            key,
            event.article_id,
            event.when.start,
            event.when.end,
            context=(event.sentence.start, event.sentence.end),
        )
        cite = citation(view, target)
        rows.append(ViewRow((timex_of(event.when), cite.outlet, cite.sentence), cite))
    return ViewTable(
        f"Timeline ({len(rows)} of {total} events)",
        ("when", "outlet", "sentence"),
        rows,
        tuple(notes),
    )


def figures_table(
    view: CorpusView, keys: Sequence[RecordKey], notes: Sequence[str] = ()
) -> ViewTable:
    """The Figures pane's figure rows (``keys``, as filtered): value, measure, period,
    kind, the comparison a figure is listed under, outlet."""
    rows = []
    shown = [k for k in keys if k.kind is RecordKind.FIGURE]
    # Read in batches: a corpus reading its figures from a file answers one query per batch.
    for key, figure in zip(shown, view.figures_in([k.record_id for k in shown]), strict=True):
        target = Selection(
            key,
            figure.article_id,
            figure.start,
            figure.end,
            context=view.sentence_of_figure.get(figure.id)
            or sentence_around(view.text(figure.article_id), figure.start, figure.end),
        )
        comparison_id = key.under or view.comparison_of_figure.get(figure.id)
        comparison = view.comparisons.get(comparison_id) if comparison_id else None
        compared = f"{comparison.status}: {clean(comparison.measure)}" if comparison else ""
        cite = citation(view, target)
        rows.append(
            ViewRow(
                (
                    figure_label(figure),
                    clean(figure.measure or ""),
                    clean(figure.period or ""),
                    figure.kind,
                    compared,
                    cite.outlet,
                ),
                cite,
            )
        )
    return ViewTable(
        f"Figures ({len(rows)} of {len(view.figures)})",
        ("value", "measure", "period", "kind", "compared", "outlet"),
        rows,
        tuple(notes),
    )
