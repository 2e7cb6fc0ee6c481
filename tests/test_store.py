"""The store: incremental re-extraction, deletions, search, read-only, parallel equality."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tui import loader
from tui.export import to_json
from tui.ingest.files import list_files
from tui.pipeline import load_corpus
from tui.store import Store

STORY = (
    "Bridge reopens\n\n"
    "TURIN, April {d} (ANSA) - Engineer Marta Bellini said the bridge reopened on "
    "{d} April 2023 after repairs costing €{n} million.\n"
)


def write(folder: Path, n: int) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"story{i:02d}.txt").write_text(STORY.format(d=i % 27 + 1, n=i + 2))


def test_second_run_reuses_everything(tmp_path: Path) -> None:
    write(tmp_path / "a", 3)
    with Store(tmp_path / "s.sqlite") as store:
        first = loader.load(tmp_path / "a", lambda m: None, store=store)
        second = loader.load(tmp_path / "a", lambda m: None, store=store)
    assert (first.extracted, first.reused) == (3, 0)
    assert (second.extracted, second.reused) == (0, 3)
    assert [a.model_dump() for a in first.articles] == [a.model_dump() for a in second.articles]
    assert first.extractions == second.extractions


def test_changed_file_is_re_extracted_and_deleted_file_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    write(folder, 3)
    with Store(tmp_path / "s.sqlite") as store:
        loader.load(folder, lambda m: None, store=store)
        (folder / "story00.txt").write_text(STORY.format(d=9, n=99))
        (folder / "story02.txt").unlink()
        again = loader.load(folder, lambda m: None, store=store)
        assert (again.extracted, again.reused) == (1, 1)
        assert store.stats() == {"docs": 2, "files": 2}


def test_file_states_of_a_folder_are_each_files_state(tmp_path: Path) -> None:
    """The loader reads a folder's remembered files in one query: the same states as one
    query per file, and none of another folder's."""
    write(tmp_path / "a", 3)
    write(tmp_path / "b", 1)
    with Store(tmp_path / "s.sqlite") as store:
        loader.load(tmp_path / "a", lambda m: None, store=store)
        loader.load(tmp_path / "b", lambda m: None, store=store)
        root = str((tmp_path / "a").resolve())
        states = store.file_states(root)
        assert len(states) == 3
        assert all(store.file_state(root, path) == state for path, state in states.items())
        assert store.file_states(str(tmp_path / "elsewhere")) == {}


def test_search_finds_article_text(tmp_path: Path) -> None:
    write(tmp_path / "a", 2)
    with Store(tmp_path / "s.sqlite") as store:
        loader.load(tmp_path / "a", lambda m: None, store=store)
        hits = store.search("bridge reopened")
        assert len(hits) == 2
        assert store.search('"unbalanced') == []


def test_read_only_store_is_never_written(tmp_path: Path) -> None:
    write(tmp_path / "a", 2)
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        loader.load(tmp_path / "a", lambda m: None, store=store)
    for f in tmp_path.iterdir():
        if f.is_file():
            f.chmod(0o444)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.is_file()}
    write(tmp_path / "a", 3)  # one new file: read-only mode extracts it in memory only
    with Store(path, read_only=True) as store:
        result = loader.load(tmp_path / "a", lambda m: None, store=store)
        assert (result.extracted, result.reused) == (1, 2)
        with pytest.raises(sqlite3.OperationalError):
            store._db.execute("CREATE TABLE x (y)")
    after = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.is_file()}
    assert before == after


def test_read_only_without_a_store_file_works_in_memory(tmp_path: Path) -> None:
    write(tmp_path / "a", 1)
    with Store(tmp_path / "missing.sqlite", read_only=True) as store:
        assert loader.load(tmp_path / "a", lambda m: None, store=store).extracted == 1
    assert not (tmp_path / "missing.sqlite").exists()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores for a real pool")
def test_parallel_extraction_equals_single_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "POOL_MIN_FILES_PER_JOB", 1)
    write(tmp_path / "a", 6)
    single = load_corpus(tmp_path / "a", lambda m: None, jobs=1)
    parallel = load_corpus(tmp_path / "a", lambda m: None, jobs=2)
    assert to_json(single) == to_json(parallel)


def test_extraction_tier_is_self_contained() -> None:
    """Importing the extraction tier loads no ``tui`` module outside it: a cached extraction
    can only depend on code whose source is hashed into its version."""
    import subprocess
    import sys

    from tui import tiers

    def within(name: str) -> bool:
        return any(name == m or name.startswith(m + ".") for m in tiers.EXTRACTION)

    modules = sorted(
        tiers.module_name(p) for p in tiers.tier_files(tiers.EXTRACTION) if p.suffix == ".py"
    )
    code = (
        f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
        "print('\\n'.join(m for m in sys.modules if m.startswith('tui.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    assert "tui.extract.article" in loaded
    assert [m for m in loaded if not within(m)] == []


def test_every_module_is_declared_in_one_tier() -> None:
    from tui import tiers

    declared = {
        m: name
        for name, group in (
            ("extraction", tiers.EXTRACTION),
            ("linking", tiers.LINKING),
            ("uncached", tiers.UNCACHED),
        )
        for m in group
    }
    assert len(declared) == len(tiers.EXTRACTION) + len(tiers.LINKING) + len(tiers.UNCACHED)
    for path in tiers.ROOT.rglob("*.py"):
        name = tiers.module_name(path)
        owners = [m for m in declared if name == m or name.startswith(m + ".")]
        owners = [m for m in owners if m != "tui" or name == "tui"]
        assert owners, f"{name} is in no tier of tui.tiers"
        assert len({declared[m] for m in owners}) == 1, f"{name} is in two tiers"


def test_editing_a_linker_keeps_the_extraction_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy of the package where one linking module changed: the extraction version is
    the same, the linking version is not; a changed lexicon changes both."""
    import shutil

    from tui import tiers

    copy = tmp_path / "tui"
    shutil.copytree(tiers.ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(tiers, "ROOT", copy)
    before = (tiers.extraction_version(), tiers.linking_version())
    with (copy / "link" / "__init__.py").open("a") as handle:
        handle.write("# edited\n")
    edited = (tiers.extraction_version(), tiers.linking_version())
    assert edited[0] == before[0] and edited[1] != before[1]
    lexicon = next((copy / "data").rglob("*.txt"))
    lexicon.write_text(lexicon.read_text() + "\n")
    assert tiers.extraction_version() != before[0]


def test_editing_the_dashboard_changes_only_its_saved_tables_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard's saved tables hold labels its code makes: editing it changes their
    version (they are made again), not the store's extraction or linking versions."""
    import shutil

    from tui import tiers

    copy = tmp_path / "tui"
    shutil.copytree(tiers.ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(tiers, "ROOT", copy)
    before = (tiers.extraction_version(), tiers.linking_version(), tiers.tables_version())
    with (copy / "app" / "format.py").open("a") as handle:
        handle.write("# edited\n")
    edited = (tiers.extraction_version(), tiers.linking_version(), tiers.tables_version())
    assert edited[:2] == before[:2] and edited[2] != before[2]
    with (copy / "paged.py").open("a") as handle:
        handle.write("# edited\n")
    assert tiers.tables_version() != edited[2]


def test_corrupt_cached_record_is_a_miss_with_a_warning(tmp_path: Path) -> None:
    """Bytes changed inside a cached record (the database itself still checks out): the
    file is extracted again, with a warning, and the record is replaced."""
    write(tmp_path / "a", 1)
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        first = loader.load(tmp_path / "a", lambda m: None, store=store)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE docs SET article = replace(article, 'Bellini', 'Bellino')")
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    warnings: list[str] = []
    with Store(path) as store:
        again = loader.load(tmp_path / "a", warnings.append, store=store)
        assert (again.extracted, again.reused, store.damaged) == (1, 0, 1)
        third = loader.load(tmp_path / "a", warnings.append, store=store)
        assert (third.extracted, third.reused) == (0, 1)
    assert [w for w in warnings if "damaged" in w] == [
        f"{path}: a cached record is damaged, extracting its file again"
    ]
    assert "Bellini" in again.articles[0].text
    assert to_json_of(again) == to_json_of(first)


def to_json_of(loaded: loader.Loaded) -> list[str]:
    return [a.model_dump_json() for a in loaded.articles]


def test_stores_are_marked_and_an_old_unmarked_store_is_adopted(tmp_path: Path) -> None:
    from tui.store import APPLICATION_ID, SCHEMA

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:  # a store made before stores were marked
        db.executescript(SCHEMA.replace("    checksum TEXT, PRIMARY KEY", "    PRIMARY KEY"))
    with Store(path) as store:
        assert store.stats() == {"docs": 0, "files": 0}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        columns = [row[1] for row in db.execute("PRAGMA table_info(docs)")]
        assert "checksum" in columns


def test_store_write_lock_is_never_held_between_files(tmp_path: Path) -> None:
    """A second session can write while the first indexes: after each file the first one's
    transaction is closed (reusing cached files used to keep it open for seconds)."""
    write(tmp_path / "a", 2)
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        loader.load(tmp_path / "a", lambda m: None, store=store)
    (tmp_path / "b").mkdir()
    for i in range(2):  # the same contents under another folder: all reused, none extracted
        (tmp_path / "b" / f"copy{i}.txt").write_bytes(
            (tmp_path / "a" / f"story{i:02d}.txt").read_bytes()
        )
    with Store(path) as store:
        seen: list[bool] = []

        def each(*_: object) -> None:
            seen.append(store._db.in_transaction)

        loaded = loader.load(tmp_path / "b", lambda m: None, store=store, each=each)
        assert loaded.reused == 2 and seen == [False, False]


def test_a_store_that_fills_up_mid_run_is_left_behind_with_one_warning(tmp_path: Path) -> None:
    """SQLITE_FULL (a full disk) while indexing: the folder still loads, from memory, and
    the problem is said once, naming the store and what to do."""
    write(tmp_path / "a", 4)
    warnings: list[str] = []
    with Store(tmp_path / "s.sqlite", warn=warnings.append) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
        loaded = loader.load(tmp_path / "a", warnings.append, store=store)
        assert store.failure is not None and not store.writable
    assert len(loaded.articles) == 4 and loaded.extracted == 4
    [said] = [w for w in warnings if "the store failed" in w]
    assert said.startswith(f"{tmp_path / 's.sqlite'}: the store failed (database or disk is full)")
    assert "--no-store" in said


def corrupt(path: Path) -> None:
    """Overwrite the pages after the first with garbage (the header stays valid)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    data[page:] = b"\xa5" * (len(data) - page)
    path.write_bytes(bytes(data))


def test_corrupt_store_pages_are_a_clear_error_for_index_and_a_warning_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import run

    write(tmp_path / "a", 2)
    store = tmp_path / "s.sqlite"
    assert run(["index", str(tmp_path / "a"), "--store", str(store)]) == 0
    corrupt(store)
    capsys.readouterr()
    assert run(["index", str(tmp_path / "a"), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    assert f"newsdash: error: not everything was stored: {store}: the store failed" in err
    assert run(["summary", str(tmp_path / "a"), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    assert "the store failed" in err and "internal error" not in err


def test_read_only_reads_a_live_store_through_its_wal_and_creates_nothing(
    tmp_path: Path,
) -> None:
    write(tmp_path / "a", 2)
    path = tmp_path / "s.sqlite"
    with Store(path) as writer:
        loader.load(tmp_path / "a", lambda m: None, store=writer)
        writer._db.execute("CREATE TABLE IF NOT EXISTS pin (x)")  # keeps the -wal alive
        live = sorted(p.name for p in tmp_path.iterdir())
        assert "s.sqlite-wal" in live
        with Store(path, read_only=True) as reader:
            assert reader.stats() == {"docs": 2, "files": 2}
            assert "immutable" not in str(reader._db.execute("PRAGMA database_list").fetchall())
        assert sorted(p.name for p in tmp_path.iterdir()) == live
    idle = sorted(p.name for p in tmp_path.iterdir())
    assert idle == ["a", "s.sqlite"]
    with Store(path, read_only=True) as reader:  # nobody else has it open: immutable
        assert reader.stats() == {"docs": 2, "files": 2}
    assert sorted(p.name for p in tmp_path.iterdir()) == idle


@pytest.mark.parametrize("read_only", [False, True])
def test_a_store_of_a_newer_newsdash_is_refused_and_left_untouched(
    tmp_path: Path, read_only: bool
) -> None:
    """A store whose schema version is above ours may mean something else by its tables:
    one line says so, and not a byte of it changes (read-only or not)."""
    from tui.store import USER_VERSION, StoreError

    path = tmp_path / "newer.sqlite"
    with Store(path) as store:
        assert store.stats() == {"docs": 0, "files": 0}
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {USER_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    newer = rf"newer newsdash \(store version {USER_VERSION + 1}, this one reads up to "
    with pytest.raises(StoreError, match=newer):
        Store(path, read_only=read_only)
    assert path.read_bytes() == before


def test_cached_records_read_in_batches_are_those_read_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files read in windows whose unchanged records are fetched in one query each (here
    windows of 3 and queries of 2 contents): the same articles, in the same order, the same
    warnings in the same places as reading each record alone, with a damaged record, a
    file gone since it was listed and two files of one content among them."""
    write(tmp_path / "a", 7)
    (tmp_path / "a" / "story05.txt").write_text(STORY.format(d=2, n=3))  # story01's content
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        first = loader.load(tmp_path / "a", lambda m: None, store=store)
    db = sqlite3.connect(path)
    with db:
        (damaged,) = db.execute("SELECT hash FROM files WHERE path LIKE '%story02.txt'").fetchone()
        db.execute("UPDATE docs SET article = replace(article, 'Bellini', 'Bellino') "
                   "WHERE hash = ?", (damaged,))  # fmt: skip
    db.close()  # the change written into the file, which is copied below
    files = list_files(tmp_path / "a", lambda m: None)
    files.insert(3, (tmp_path / "a" / "gone.txt", "gone"))
    runs: dict[str, tuple[list[str], list[str], int]] = {}
    queries: list[int] = []
    real_rows = Store.rows

    def rows(self: Store, digests: list[str]) -> object:
        queries.append(len(digests))
        return real_rows(self, digests)

    for batch in ("one by one", "in batches"):
        copy = tmp_path / f"{batch}.sqlite"
        copy.write_bytes(path.read_bytes())
        if batch == "in batches":
            monkeypatch.setattr(loader, "READ_BATCH", 3)
            monkeypatch.setattr("tui.store.DERIVED_BATCH", 2)
            monkeypatch.setattr(Store, "rows", rows)
        else:
            monkeypatch.setattr(loader, "READ_BATCH", 1)
        warnings: list[str] = []
        with Store(copy) as store:
            got = loader.load(tmp_path / "a", warnings.append, store=store, files=files)
            runs[batch] = (to_json_of(got), [w.replace(str(copy), "") for w in warnings],
                           store.damaged)  # fmt: skip
    assert runs["in batches"] == runs["one by one"]
    texts, warned, count = runs["in batches"]
    assert count == 1 and texts == to_json_of(first) and len(texts) == 7
    assert [w.split(":")[0].rsplit("/", 1)[-1] for w in warned] == ["", "gone.txt"]
    # windows of 3, 3 and 2 files (gone.txt has no row); story02's damaged record is asked
    # for again by its content once its file is read
    assert queries == [3, 1, 2, 2]
