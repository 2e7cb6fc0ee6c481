"""Figures that measure the same thing, compared across and within articles."""

from __future__ import annotations

from tui.models import Article, Comparison, Figure, TimeExpr


def compare_figures(figures: list[Figure], articles: list[Article]) -> list[Comparison]:
    """Comparisons between figures (filled by the figures linker)."""
    del figures, articles
    return []


def attach_periods(
    article: Article, figures: list[Figure], timexes: list[TimeExpr]
) -> list[Figure]:
    """Figures with ``period`` set from a time expression in the same clause (filled later)."""
    del article, timexes
    return figures
