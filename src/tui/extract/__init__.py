"""Extractors: pure functions of one article (its text, boilerplate and publication date).

Each returns records whose offsets index into ``article.text``. Cross-article work (merging
people, grouping events, comparing figures) lives in :mod:`tui.link`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.extract.figures import extract_figures
from tui.extract.people import PeopleResult, extract_people
from tui.extract.timex import extract_timexes
from tui.models import Article, Figure, TimeExpr


@dataclass
class ArticleExtraction:
    """Everything extracted from one article before cross-article linking."""

    article_id: str
    people: PeopleResult
    timexes: list[TimeExpr] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def extract_article(article: Article) -> ArticleExtraction:
    """Run every extractor on ``article``."""
    return ArticleExtraction(
        article_id=article.id,
        people=extract_people(article),
        timexes=extract_timexes(article),
        figures=extract_figures(article),
    )
