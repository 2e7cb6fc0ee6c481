"""The store's full-text index: each content's text held once, its row found through a map
(FTS5 keeps no index on the hash), in stores made before the map too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tui import loader
from tui.records.extraction import ArticleExtraction, PeopleResult
from tui.records.models import Article
from tui.store import FileState, Store


def put(store: Store, digest: str, text: str, version: str | None = None) -> None:
    if version is not None:
        store.version = version  # as a later extractor would store it
    article = Article(id=digest, path=f"{digest}.txt", text=text)
    extraction = ArticleExtraction(article_id=digest, people=PeopleResult())
    store.put("/root", f"{digest}.txt", FileState(len(text), 1, digest), article, extraction)


def texts(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT hash, text FROM fts").fetchall())


def test_a_contents_text_is_replaced_through_its_row_never_by_reading_every_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        for i in range(3):
            put(store, f"h{i}", f"harbour crane number {i}")
        statements: list[str] = []
        store._db.set_trace_callback(statements.append)
        put(store, "h3", "a new content: lighthouse")
        put(store, "h1", "the same content, read anew: lighthouse keeper", version="v2")
        store._db.set_trace_callback(None)
        assert not [s for s in statements if "DELETE FROM fts WHERE hash" in s]
        assert [h for h, _ in store.search("lighthouse")] == ["h3", "h1"]
        assert store.search("crane number 1") == []
    assert texts(path) == [
        ("h0", "harbour crane number 0"),
        ("h1", "the same content, read anew: lighthouse keeper"),
        ("h2", "harbour crane number 2"),
        ("h3", "a new content: lighthouse"),
    ]


def test_a_store_from_before_the_map_gains_it_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        put(store, "h0", "old text of h0")
        put(store, "h1", "old text of h1")
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE fts_rows")  # as a store written before it
    with Store(path, read_only=True) as store:
        assert [h for h, _ in store.search("old text")] == ["h0", "h1"]
    with sqlite3.connect(path) as db:  # read-only: nothing made
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'fts_rows'").fetchall()
    with Store(path):
        pass
    with sqlite3.connect(path) as db:  # each text's row, found once
        assert db.execute("SELECT hash, row FROM fts_rows ORDER BY row").fetchall() == (
            db.execute("SELECT hash, rowid FROM fts ORDER BY rowid").fetchall()
        )
    with Store(path) as store:
        statements: list[str] = []
        store._db.set_trace_callback(statements.append)
        put(store, "h0", "new text of h0", version="v2")
        assert not [s for s in statements if "DELETE FROM fts WHERE hash" in s]
    assert texts(path) == [("h0", "new text of h0"), ("h1", "old text of h1")]


def test_a_row_another_newsdash_replaced_is_still_replaced_once(tmp_path: Path) -> None:
    """An older newsdash writing the store replaces a text without the map: the map names a
    row that is gone (or another content's), and the text is then looked for by its hash."""
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        put(store, "h0", "first text")
        put(store, "h1", "other text")
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM fts WHERE hash = 'h0'")
        db.execute("INSERT INTO fts VALUES ('h0', 'second text')")
        db.execute("UPDATE fts_rows SET row = (SELECT rowid FROM fts WHERE hash = 'h1')")
    with Store(path) as store:
        put(store, "h0", "third text", version="v2")
        put(store, "h1", "other text, again", version="v3")
    assert texts(path) == [("h0", "third text"), ("h1", "other text, again")]


def test_forgotten_contents_leave_no_row_in_the_map(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    for i in range(3):
        (folder / f"s{i}.txt").write_text(f"Harbour\n\nThe crane number {i} was repaired.\n")
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        loader.load(folder, lambda m: None, store=store)
        (folder / "s1.txt").unlink()
        loader.load(folder, lambda m: None, store=store)
    with sqlite3.connect(path) as db:
        mapped = db.execute("SELECT hash, row FROM fts_rows ORDER BY row").fetchall()
        held = db.execute("SELECT hash, rowid FROM fts ORDER BY rowid").fetchall()
    assert len(mapped) == 2 and mapped == held
