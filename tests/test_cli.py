"""The command line: exit codes, one-line errors, export on a folder of articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import run

WIRE = (
    "Ferry service resumes\n\n"
    "ATHENS, May 6 (ANA) - Ferries resumed sailing on 6 May 2024 after a two-day strike, "
    "the shipping ministry said.\n"
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default store lives in the user cache folder: point it at a temporary one."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "wire.txt").write_text(WIRE)
    (root / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    return root


def test_export_json_to_stdout(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", str(folder)]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    [article] = data["articles"]
    assert article["source"] == "ANA"
    assert article["published"]["date"] == "2024-05-06"
    notice, *lines = err.strip().splitlines()
    assert "new store of extracted articles" in notice and "--no-store" in notice
    assert len(lines) == 2
    assert "broken.txt" in lines[0] and "skipped" in lines[0]
    assert (
        lines[1]
        == "newsdash: 1 article loaded, 1 skipped: broken.txt (binary file (contains NUL bytes))"
    )


def test_export_every_span_matches_the_shipped_text(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    spans = [m for p in data["people"] for m in p["mentions"]]
    spans += [f for f in data["figures"]] + [e["when"] for e in data["events"]]
    for span in spans:
        assert texts[span["article_id"]][span["start"] : span["end"]] == span["text"]


def test_export_to_file_never_overwrites_without_force(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    out.write_text("keep me")
    assert run(["export", str(folder), "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "keep me"
    assert run(["export", str(folder), "-o", str(out), "--force"]) == 0
    assert json.loads(out.read_text())["schema_version"] == 1


def test_export_csv_needs_a_folder(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", str(folder), "--format", "csv"]) == 2
    assert run(["export", str(folder), "--format", "csv", "-o", str(tmp_path / "csv")]) == 0
    assert (tmp_path / "csv" / "articles.csv").exists()


def test_csv_export_with_force_onto_the_corpus_keeps_every_article(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reported loss: ``-o`` the corpus folder itself with ``--force`` replaced the
    articles with the CSV files. Now refused in one line, before anything is loaded."""
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert run(["export", str(folder), "--format", "csv", "-o", str(folder), "--force"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is the input" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.md").write_text("mine")
    assert run(["export", str(folder), "--format", "csv", "-o", str(notes), "--force"]) == 1
    assert "holds files a CSV export did not write (todo.md)" in capsys.readouterr().err
    assert [p.name for p in notes.iterdir()] == ["todo.md"]


def test_missing_path_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", str(tmp_path / "nope")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("newsdash: error: ") and "no such file or folder" in err
    assert "Traceback" not in err


def test_empty_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["summary", str(tmp_path)]) == 1
    assert "no articles found" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(["export", "--bogus"]) == 2
    assert "newsdash: error:" in capsys.readouterr().err


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Corpus"


def test_bare_path_prints_summary_when_not_a_terminal(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([str(folder)]) == 0
    out = capsys.readouterr().out
    assert "wire" in out and "1 article loaded, 1 skipped: broken.txt" in out


def test_python_dash_m_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("newsdash ")


def _exit_code(argv: list[str]) -> int:
    try:
        return run(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def test_default_store_goes_to_the_user_cache(
    folder: Path, private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["index", str(folder), "--jobs", "1"]) == 0
    assert (private_cache / "newsdash" / "store.sqlite").exists()
    assert "1 article loaded, 1 skipped" in capsys.readouterr().err


def test_read_only_and_no_store_write_nothing(
    folder: Path, private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["summary", str(folder), "--read-only"]) == 0
    assert run(["export", str(folder), "--no-store"]) == 0
    assert not private_cache.exists()


def test_bad_jobs_value(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["summary", str(folder), "--jobs", "0"]) == 1
    assert "--jobs 0: must be at least 1" in capsys.readouterr().err


def test_corrections_file_in_the_folder_is_applied(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "extra.txt").write_text(
        "Council votes\n\nMayor Tomas Brandt said the council approved the plan on Monday.\n"
    )
    assert run(["export", str(folder), "--no-store"]) == 0
    names = {p["name"] for p in json.loads(capsys.readouterr().out)["people"]}
    assert "Tomas Brandt" in names
    (folder / "newsdash.toml").write_text('[people]\nreject = ["Tomas Brandt"]\n')
    assert run(["export", str(folder), "--no-store"]) == 0
    names = {p["name"] for p in json.loads(capsys.readouterr().out)["people"]}
    assert "Tomas Brandt" not in names


def test_malformed_corrections_file_is_one_line_error(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "newsdash.toml").write_text("[people\n")
    assert run(["export", str(folder), "--no-store"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "newsdash.toml" in err and "invalid TOML" in err


@pytest.mark.parametrize("command", [["summary"], ["export"], ["schema"]])
def test_a_reader_that_goes_away_is_a_quiet_exit(folder: Path, command: list[str]) -> None:
    """``newsdash summary | head``: the pipe closes early; exit 0, nothing on stderr."""
    args = [*command, str(folder), "--no-store"] if command != ["schema"] else command
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() == 0
    assert "Traceback" not in err and "Broken pipe" not in err and "Exception" not in err


def test_the_store_is_private_and_announced_once(
    folder: Path, private_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["summary", str(folder)]) == 0
    assert capsys.readouterr().err.count("new store of extracted articles") == 1
    [store] = private_cache.rglob("store.sqlite")
    assert store.stat().st_mode & 0o777 == 0o600
    assert store.parent.stat().st_mode & 0o777 == 0o700
    assert run(["summary", str(folder)]) == 0
    assert "new store" not in capsys.readouterr().err


def test_another_programs_database_is_refused_untouched(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    other = tmp_path / "accounts.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE accounts (name TEXT)")
    before = other.read_bytes()
    assert run(["summary", str(folder), "--store", str(other)]) == 1
    err = capsys.readouterr().err
    assert "not a newsdash store (accounts)" in err and "Traceback" not in err
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("accounts")) == [
        "accounts.db"
    ]
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, but long enough to have a header " * 20)
    assert run(["summary", str(folder), "--store", str(text)]) == 1
    assert "not a newsdash store" in capsys.readouterr().err


@pytest.mark.parametrize("read_only", [False, True])
def test_a_store_of_a_newer_newsdash_is_one_line_and_exit_1(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], read_only: bool
) -> None:
    import sqlite3

    from tui.store import USER_VERSION

    store = tmp_path / "s.sqlite"
    assert run(["summary", str(folder), "--store", str(store)]) == 0
    with sqlite3.connect(store) as db:
        db.execute(f"PRAGMA user_version = {USER_VERSION + 1}")
    db.close()
    before = store.read_bytes()
    capsys.readouterr()
    extra = ["--read-only"] if read_only else []
    assert run(["summary", str(folder), "--store", str(store), *extra]) == 1
    err = capsys.readouterr().err
    assert "a store of a newer newsdash" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert store.read_bytes() == before
