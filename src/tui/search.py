"""Full-text search over every article's text (no UI imports).

With a store, the search runs in SQLite FTS5 (words, case and accents folded, ranked by
bm25, the last word matched as a prefix so results follow typing); without one, a
case-folded substring scan of the loaded articles answers the same question. Both return
at most ``limit`` hits, so 10,000 articles never produce 10,000 rows.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tui.records.models import Article
from tui.safetext import visible

LIMIT = 200
SNIPPET_WORDS = 12
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Hit:
    article_id: str
    snippet: str


class ArticleSearch(Protocol):
    def search(self, query: str, limit: int = LIMIT) -> list[Hit]: ...


def fts_query(query: str) -> str | None:
    """The words of ``query`` as an FTS5 expression: every word, the last one as a prefix.

    Each word is quoted, so operators and punctuation the user types are plain text."""
    words = [w.replace('"', '""') for w in query.split()]
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def words_of(query: str) -> list[str]:
    return [w for w in query.casefold().split() if w]


class MemorySearch:
    """Articles whose text contains every word of the query (case-folded), in corpus order."""

    def __init__(
        self, articles: Sequence[Article], text_of: Callable[[Article], str] | None = None
    ) -> None:
        self.articles = list(articles)
        self.text_of = text_of if text_of is not None else _own_text
        """How an article's text is read (:func:`tui.snapshot.text_of` when the corpus keeps
        its texts elsewhere)."""
        self._folded: list[str] | None = None

    def search(self, query: str, limit: int = LIMIT) -> list[Hit]:
        words = words_of(query)
        if not words:
            return []
        if self._folded is None:
            self._folded = [self.text_of(a).casefold() for a in self.articles]
        hits: list[Hit] = []
        for article, folded in zip(self.articles, self._folded, strict=True):
            if all(w in folded for w in words):
                at = folded.find(words[0])
                hits.append(Hit(article.id, snippet(self.text_of(article), at, len(words[0]))))
                if len(hits) >= limit:
                    break
        return hits


def _own_text(article: Article) -> str:
    return article.text


def snippet(text: str, at: int, length: int, words: int = SNIPPET_WORDS) -> str:
    """About ``words`` words of ``text`` around the match at ``at``, on one line."""
    before = text[max(0, at - 8 * words) : at].split()[-(words // 2) :]
    after = text[at : at + length + 8 * words].split()[: words - len(before)]
    lead = "… " if at > 0 and before else ""
    return lead + _SPACE.sub(" ", " ".join(before + after)) + " …"


class StoreSearch:
    """FTS5 over the store's copy of the folder's articles (the loaded ones only).

    Each search opens the store read-only in the calling thread (a worker's), so it never
    writes and never shares a connection across threads. Paths in the store are resolved;
    ``articles`` maps them back to article ids. When the store has nothing for the folder
    (``--no-store``, or a read-only run without one), the loaded articles are scanned.
    """

    def __init__(
        self,
        store_path: Path | None,
        root: Path,
        articles: Sequence[Article],
        text_of: Callable[[Article], str] | None = None,
    ) -> None:
        self.store_path = store_path
        self.root = visible(str(root.resolve()))
        self.articles = list(articles)
        self.text_of = text_of
        self._ids: dict[str, str] | None = None
        self._memory: MemorySearch | None = None
        self._uses_store: bool | None = None

    @property
    def uses_store(self) -> bool:
        """Does the store index this folder? Asked once: every search then goes one way."""
        if self._uses_store is None:
            self._uses_store = self._store_knows_folder()
        return self._uses_store

    def _store_knows_folder(self) -> bool:
        if self.store_path is None or not self.store_path.is_file():
            return False
        from tui.store import Store

        try:
            with Store(self.store_path, read_only=True) as store:
                return store.knows_folder(self.root)
        except sqlite3.Error:  # unreadable: the loaded articles are scanned instead
            return False

    def search(self, query: str, limit: int = LIMIT) -> list[Hit]:
        if not self.uses_store:
            if self._memory is None:
                self._memory = MemorySearch(self.articles, self.text_of)
            return self._memory.search(query, limit)
        from tui.store import Store

        expression = fts_query(query)
        if expression is None or self.store_path is None:
            return []
        if self._ids is None:
            self._ids = {Path(a.path).resolve().as_posix(): a.id for a in self.articles}
        try:
            with Store(self.store_path, read_only=True) as store:
                rows = store.search_folder(self.root, expression, limit, SNIPPET_WORDS)
        except sqlite3.DatabaseError:  # damaged, or rewritten under us: scan the articles
            self._uses_store = False
            return self.search(query, limit)
        return [
            Hit(self._ids[path], _SPACE.sub(" ", text).strip())
            for path, text in rows
            if path in self._ids
        ]
