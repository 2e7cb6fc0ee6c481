"""The store: incremental re-extraction, deletions, search, read-only, parallel equality."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tui import loader
from tui.export import to_json
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


def test_extractor_version_covers_exactly_the_cached_code() -> None:
    """Only modules that produce cached records count, and they never depend on the rest."""
    import subprocess
    import sys

    from tui.store import CACHED_CODE

    assert {"ingest", "extract", "models.py", "nlp.py"} <= CACHED_CODE
    code = (
        "import sys, tui.extract.article, tui.ingest, tui.models, tui.nlp, tui.records.extraction; "
        "bad = [m for m in sys.modules if m.startswith(('tui.link', 'tui.app', 'tui.cli', "
        "'tui.pipeline', 'tui.store', 'tui.loader', 'tui.export'))]; sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
