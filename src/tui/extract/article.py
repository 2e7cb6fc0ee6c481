"""One article's extraction: every extractor run once, serializable for the store."""

from __future__ import annotations

from tui import nlp
from tui.extract.figures import extract_figures
from tui.extract.people import extract_people
from tui.extract.timex import extract_timexes
from tui.extract.timex_anchors import event_anchors
from tui.models import Article, Range
from tui.nlp import ParsedArticle
from tui.records.extraction import ArticleExtraction


def extract_article(article: Article) -> ArticleExtraction:
    """Run every extractor on ``article``."""
    parsed = ParsedArticle.of(article, nlp.parse(article.content_text()))
    timexes = extract_timexes(article)
    return ArticleExtraction(
        article_id=article.id,
        people=extract_people(article),
        timexes=timexes,
        anchors=event_anchors(article, timexes),
        figures=extract_figures(parsed),
        sentences=[Range(start=s.start_char, end=s.end_char) for s in parsed.doc.sents],
    )
