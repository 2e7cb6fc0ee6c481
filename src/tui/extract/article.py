"""One article's extraction: every extractor run once, serializable for the store."""

from __future__ import annotations

from pydantic import BaseModel, Field

from tui import nlp
from tui.extract.figures import extract_figures
from tui.extract.people import PeopleResult, extract_people
from tui.extract.timex import extract_timexes
from tui.extract.timex_anchors import EventAnchor, event_anchors
from tui.models import Article, Figure, Range, TimeExpr


class ArticleExtraction(BaseModel):
    """Everything extracted from one article before cross-article linking.

    Serializable (the store caches it per content hash) so that re-opening a folder needs
    no parse at all: ``sentences`` keeps the parser's sentence boundaries for linking.
    """

    article_id: str
    people: PeopleResult
    timexes: list[TimeExpr] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    sentences: list[Range] = Field(default_factory=list)
    anchors: list[EventAnchor] = Field(default_factory=list)


def extract_article(article: Article) -> ArticleExtraction:
    """Run every extractor on ``article``."""
    timexes = extract_timexes(article)
    return ArticleExtraction(
        article_id=article.id,
        people=extract_people(article),
        timexes=timexes,
        anchors=event_anchors(article, timexes),
        figures=extract_figures(article),
        sentences=[
            Range(start=s.start_char, end=s.end_char)
            for s in nlp.parse(article.content_text()).sents
        ],
    )
