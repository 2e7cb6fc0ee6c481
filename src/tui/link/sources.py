"""Sources: which article an offset's words come from, once copies are known.

Apart from :mod:`tui.link.copies` (which finds the copies) so that the dashboard reads it
without importing copy detection and what it imports (fingerprints, ingestion).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from tui.records.models import Article, SharedPassage


class Sources:
    """The independent source of an offset of an article: the article whose passage it
    reprints (its :attr:`~tui.records.models.Article.shared`), else the article itself."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self._starts: dict[str, list[int]] = {}
        self._passages: dict[str, list[SharedPassage]] = {}
        for article in articles:
            if article.shared:
                self._passages[article.id] = article.shared
                self._starts[article.id] = [p.start for p in article.shared]

    def __bool__(self) -> bool:
        return bool(self._passages)

    def of(self, article_id: str, offset: int) -> str:
        starts = self._starts.get(article_id)
        if starts is None:
            return article_id
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0:
            passage = self._passages[article_id][i]
            if passage.start <= offset < passage.end:
                return passage.source
        return article_id

    def count(self, places: Iterable[tuple[str, int]]) -> int:
        """How many independent sources the (article id, offset) pairs come from."""
        return len({self.of(a, o) for a, o in places})
