"""Full-text search: FTS5 through the store, the same answers from memory without one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui.pipeline import load_corpus
from tui.records.models import Article, Published
from tui.search import LIMIT, MemorySearch, StoreSearch, fts_query, snippet
from tui.store import Store

STORIES = {
    "grain": "ODESA (Wire) - Grain exports resumed on Tuesday, port officials said.\n",
    "power": "KYIV (Wire) - Power exports to the region were halted after the strike.\n",
    "talks": "GENEVA (Wire) - Talks on the grain corridor will continue, a mediator said.\n",
}


def folder_with(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_fts_query_quotes_every_word_and_prefixes_the_last() -> None:
    assert fts_query("grain exp") == '"grain" "exp"*'
    assert fts_query('a "b OR c') == '"a" """b" "OR" "c"*'
    assert fts_query("   ") is None


def test_store_search_finds_words_in_any_order_and_by_prefix(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        corpus = load_corpus(folder, lambda m: None, store=store)
    search = StoreSearch(db, folder, corpus.articles)
    assert search.uses_store
    assert {h.article_id for h in search.search("exports")} == {"grain", "power"}
    assert [h.article_id for h in search.search("exports grai")] == ["grain"]
    assert [h.article_id for h in search.search("corridor GRAIN")] == ["talks"]
    hit = search.search("strike")[0]
    assert hit.article_id == "power" and "strike" in hit.snippet and "\n" not in hit.snippet
    assert search.search('NEAR( "') == []  # operators are plain words, never an error
    assert search.search("nothing-like-this") == []


def test_store_search_only_returns_the_articles_it_was_given(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        corpus = load_corpus(folder, lambda m: None, store=store)
    some = [a for a in corpus.articles if a.id != "grain"]
    assert [h.article_id for h in StoreSearch(db, folder, some).search("exports")] == ["power"]


def test_without_a_store_the_loaded_articles_are_scanned(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    corpus = load_corpus(folder, lambda m: None)
    for store in (None, tmp_path / "missing.sqlite"):
        search = StoreSearch(store, folder, corpus.articles)
        assert not search.uses_store
        assert {h.article_id for h in search.search("EXPORTS")} == {"grain", "power"}
    assert not (tmp_path / "missing.sqlite").exists()


def test_memory_search_needs_every_word_and_stops_at_the_limit() -> None:
    articles = [
        Article(
            id=f"a{i}",
            path=f"a{i}.txt",
            text=f"Story {i}: the council met and the budget passed.",
            published=Published(date=dt.date(2024, 1, 1)),
        )
        for i in range(LIMIT + 5)
    ]
    search = MemorySearch(articles)
    assert len(search.search("council budget")) == LIMIT
    assert search.search("council weather") == []
    assert len(search.search("council", limit=3)) == 3


def test_snippet_is_one_line_around_the_match() -> None:
    text = "First line.\nThe   minister said\tthe plan works.\nLast line."
    at = text.index("minister")
    line = snippet(text, at, len("minister"))
    assert "minister said the plan" in line and "\n" not in line and "\t" not in line
