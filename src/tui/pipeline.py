"""From articles to a linked :class:`Corpus`: extract each article, then link across them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from tui.corrections import Corrections, load_corrections
from tui.extract import ArticleExtraction, extract_article
from tui.ingest.files import InputError, Warn
from tui.link.comparisons import attach_periods, compare_figures
from tui.link.events import build_events, group_events
from tui.link.people import link_people
from tui.loader import load
from tui.models import Article, Corpus, Event, Figure, Span
from tui.store import Store

Progress = Callable[[int, int, str], None]


def build_corpus(
    articles: Sequence[Article],
    progress: Progress | None = None,
    corrections: Corrections | None = None,
) -> Corpus:
    """Run every extractor on every article and link the results."""
    extractions: dict[str, ArticleExtraction] = {}
    for i, article in enumerate(articles):
        extractions[article.id] = extract_article(article)
        if progress is not None:
            progress(i + 1, len(articles), article.id)
    return link(articles, extractions, corrections=corrections)


def link(
    articles: Sequence[Article],
    extractions: dict[str, ArticleExtraction],
    corrections: Corrections | None = None,
) -> Corpus:
    """Cross-article linking over per-article extractions."""
    people, quotes, index = link_people(
        {k: v.people for k, v in extractions.items()}, corrections=corrections
    )
    figures = [
        f
        for a in articles
        for f in attach_periods(
            a,
            extractions[a.id].figures,
            extractions[a.id].timexes,
            sentences=extractions[a.id].sentences,
        )
    ]
    figures_of: dict[str, list[Figure]] = {}
    for figure in figures:
        figures_of.setdefault(figure.article_id, []).append(figure)
    events: list[Event] = []
    for article in articles:
        ex = extractions[article.id]
        mentions: list[tuple[Span, str]] = [
            (m, index[(article.id, p.key)]) for p in ex.people.persons for m in p.mentions
        ]
        events.extend(
            build_events(
                article,
                ex.timexes,
                mentions,
                figures_of.get(article.id, []),
                sentences=ex.sentences,
                anchors=ex.anchors,
            )
        )
    return Corpus(
        articles=list(articles),
        people=people,
        quotes=quotes,
        events=group_events(events),
        figures=figures,
        comparisons=compare_figures(figures, list(articles)),
        timexes=[t for a in articles for t in extractions[a.id].timexes],
    )


def load_corpus(
    path: Path,
    warn: Warn,
    progress: Progress | None = None,
    *,
    store: Store | None = None,
    jobs: int = 1,
    corrections: Corrections | None = None,
) -> Corpus:
    """Load every article under ``path`` and build the linked corpus.

    Raises :class:`tui.ingest.InputError` (one-line message) when nothing can be loaded;
    per-file problems go to ``warn`` and the rest loads. With a ``store``, unchanged files
    are not extracted again; ``jobs > 1`` extracts new files in a process pool. The analyst's
    corrections file in the folder (see :mod:`tui.corrections`) is applied unless
    ``corrections`` is given; a malformed one is a fatal :class:`InputError`.
    """
    if corrections is None and path.exists():
        folder = path if path.is_dir() else path.parent
        try:
            corrections = load_corrections(folder)
        except ValueError as exc:
            raise InputError(f"{folder}: {exc}") from exc
    loaded = load(path, warn, progress, store=store, jobs=jobs)
    return link(loaded.articles, loaded.extractions, corrections=corrections)
