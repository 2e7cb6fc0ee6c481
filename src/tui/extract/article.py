"""One article's extraction: every extractor run once, serializable for the store."""

from __future__ import annotations

from tui.extract.figures import extract_figures
from tui.extract.people import extract_people
from tui.extract.timex import event_anchors, extract_timexes
from tui.ingest.fingerprint import fingerprint
from tui.nlp import ParsedArticle
from tui.records.extraction import ArticleExtraction
from tui.records.models import Range


def extract_article(parsed: ParsedArticle) -> ArticleExtraction:
    """Run every extractor on one parsed article."""
    article = parsed.article
    timexes = extract_timexes(parsed)
    return ArticleExtraction(
        article_id=article.id,
        people=extract_people(parsed),
        timexes=timexes,
        anchors=event_anchors(parsed, timexes),
        figures=extract_figures(parsed, timexes),
        sentences=[Range(start=s.start_char, end=s.end_char) for s in parsed.doc.sents],
        fingerprint=fingerprint(article),
    )
