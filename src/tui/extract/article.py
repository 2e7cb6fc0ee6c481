"""One article's extraction: every extractor run once, serializable for the store."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from tui import nlp
from tui.extract.figures import extract_figures
from tui.extract.people import PeopleResult, extract_people
from tui.extract.timex import extract_timexes
from tui.extract.timex_anchors import EventAnchor, event_anchors
from tui.models import Article, Figure, Range, TimeExpr
from tui.nlp import ParsedArticle


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

    def for_article(self, article_id: str) -> ArticleExtraction:
        """This extraction as if it had been made for article ``article_id``.

        The store caches extractions by content, so the same text seen under another file
        name (a copy, a rename) reuses one made under the old id. Every place the id is
        written into a record is rewritten here: every span's ``article_id``, the article-scoped
        person keys (``ID:p1``) and figure ids (``fig-ID-1``), and the merge evidence that
        names the article. ``tests/test_loader_cache.py`` checks the result equals a fresh
        extraction under the new id, so a new id-bearing field cannot slip past this.
        """
        old = self.article_id
        if old == article_id:
            return self
        return ArticleExtraction.model_validate(_reid(self.model_dump(), old, article_id))


def extract_article(article: Article) -> ArticleExtraction:
    """Run every extractor on ``article``."""
    parsed = ParsedArticle.of(article, nlp.parse(article.content_text()))
    timexes = extract_timexes(article)
    return ArticleExtraction(
        article_id=article.id,
        people=extract_people(article),
        timexes=timexes,
        anchors=event_anchors(article, timexes),
        figures=extract_figures(article),
        sentences=[Range(start=s.start_char, end=s.end_char) for s in parsed.doc.sents],
    )


def _reid(value: Any, old: str, new: str, key: str = "") -> Any:
    """``value`` (a model dump) with article id ``old`` replaced by ``new`` where it is an id."""
    if isinstance(value, dict):
        return {k: _reid(v, old, new, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_reid(v, old, new, key) for v in value]
    if not isinstance(value, str):
        return value
    if key == "article_id" and value == old:
        return new
    if key in ("key", "person_key") and value.startswith(f"{old}:"):
        return f"{new}:{value[len(old) + 1 :]}"
    if key == "id" and value.startswith(f"fig-{old}-"):
        return f"fig-{new}-{value[len(old) + 5 :]}"
    if key == "detail" and value.endswith(f" article {old}"):
        return f"{value[: len(value) - len(old)]}{new}"
    return value
