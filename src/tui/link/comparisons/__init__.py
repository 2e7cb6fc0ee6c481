"""Figures that measure the same thing, compared across and within articles.

Grouping key (see docs/extraction/figures.md):

* counts: the counted noun's head, singularized and mapped through the synonyms of
  :mod:`.measures` ("seventeen accords" and "17 agreements" both count ``agreement``);
* money, percentages and measures: the kind, the unit (currency; "percentage points"), whether
  it is a change or a level, and the measure's content words, singularized, with generic
  modifiers ("bilateral", "total", "annual") dropped and synonyms mapped ("trade turnover" and
  "bilateral trade" both measure ``trade``). Without a measure such figures are never grouped.

Inside a group, figures with the same period are compared (``agree`` when their value
intervals overlap given the qualifiers, else ``conflict``); when the group spans two or more
periods an ``evolution`` comparison lists the figures in period order.

Rooms: :mod:`.measures` (the measure lexicon and keys), :mod:`.story` (projection wording,
story names), :mod:`.grouping` (which figures measure the same thing), :mod:`.judge` (agree,
conflict, evolution), :mod:`.prose` (labels and detail lines), :mod:`.periods` (each figure's
period, attached per article before comparing).
"""

from __future__ import annotations

from tui.link.comparisons.grouping import group_figures
from tui.link.comparisons.judge import judge_groups
from tui.link.comparisons.measures import MeasureMemo
from tui.link.comparisons.periods import attach_periods
from tui.link.comparisons.prose import ValuePhrases
from tui.link.comparisons.repeats import repeated_sources
from tui.link.comparisons.reuse import CompareMemo
from tui.link.comparisons.saved import SavedKeyed, SavedPassages, SavedPeriods
from tui.link.comparisons.saved_groups import SavedGroups
from tui.link.comparisons.story import sentences_of
from tui.link.sources import Sources
from tui.records.models import Article, Comparison, Figure

__all__ = [
    "CompareMemo",
    "SavedGroups",
    "SavedKeyed",
    "SavedPassages",
    "SavedPeriods",
    "attach_periods",
    "compare_figures",
]


def compare_figures(
    figures: list[Figure],
    articles: list[Article],
    independent: Sources | None = None,
    memo: CompareMemo | None = None,
    saved: SavedKeyed | None = None,
    grouped: SavedGroups | None = None,
    passages: SavedPassages | None = None,
) -> list[Comparison]:
    """Comparisons between figures that measure the same thing (groups of two or more).

    ``independent`` names the source of each figure (copies of one story are one source;
    by default every article is its own): figures of one source never confirm or
    contradict one another across articles, nor do figures whose words around them several
    articles print (an outlet's recurring note: :mod:`.repeats`). ``memo``: what the last
    run found, to reuse for the group keys no change touches (:mod:`.reuse`); the result is
    the same. ``saved``: each article's keyed figures read back from the store
    (:mod:`.saved`), and those keyed in this run to save; ``grouped``: each group key's
    groups read back from the store (:mod:`.saved_groups`, through a fresh ``memo`` when
    none is given), and this run's to save; ``passages``: each article's figures' passage
    keys read back from the store (:class:`.saved.SavedPassages`), and those made in this
    run; the result is the same either way."""
    if grouped is not None and memo is None:
        memo = CompareMemo()
    if memo is not None:
        return memo.compare(figures, articles, independent or Sources(()), saved, grouped, passages)
    groups = group_figures(
        figures, articles, MeasureMemo(), saved.keyed if saved is not None else None
    )
    sources = {a.id: a.source for a in articles if a.source}
    if independent is None:
        independent = Sources(())
    published = {a.id: a.published.date.isoformat() for a in articles if a.published.date}
    repeated = repeated_sources(
        figures, articles, independent, passages.keys if passages is not None else None
    )
    sentence_of = sentences_of({a.id: a for a in articles})
    return judge_groups(
        groups, sources, ValuePhrases(), independent, published, repeated, sentence_of
    )
