"""Export: the JSON contract, CSV files, and writes that never clobber."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from tui.export import (
    CSV_NAMES,
    OutputError,
    check_output,
    csv_files,
    schema,
    to_json,
    write_csv_dir,
    write_file,
)
from tui.records.models import Article, Corpus, Person, Quote

TEXT = "Lena Park, the port director, said the terminal would reopen."


def corpus() -> Corpus:
    a = Article(id="a1", path="a1.txt", text=TEXT)
    return Corpus(
        articles=[a], people=[Person(id="per-1", name="Lena Park", mentions=[a.span(0, 9)])]
    )


def test_json_has_the_contract_keys() -> None:
    data = json.loads(to_json(corpus()))
    assert data["schema_version"] == 1
    assert set(data) >= {"articles", "people", "quotes", "events", "figures", "comparisons"}
    article = data["articles"][0]
    assert set(article) >= {"id", "path", "title", "source", "published", "text"}
    assert set(article["published"]) >= {"date", "how", "start", "end"}
    person = data["people"][0]
    assert set(person) >= {"id", "name", "aliases", "roles", "mentions"}
    assert person["mentions"][0] == {"article_id": "a1", "start": 0, "end": 9, "text": "Lena Park"}


def test_schema_is_generated_from_the_models() -> None:
    s = schema()
    assert s["title"] == "Corpus"
    assert {"articles", "people", "quotes", "events", "figures", "comparisons"} <= set(
        s["properties"]
    )
    assert "Figure" in s["$defs"] and "Event" in s["$defs"]


def test_csv_one_file_per_record_type() -> None:
    files = csv_files(corpus())
    assert set(files) == {
        "articles.csv", "people.csv", "mentions.csv", "roles.csv", "quotes.csv",
        "events.csv", "figures.csv", "comparisons.csv", "timexes.csv",
    }  # fmt: skip
    rows = list(csv.DictReader(files["mentions.csv"].splitlines()))
    assert rows == [
        {"person_id": "per-1", "article_id": "a1", "start": "0", "end": "9", "text": "Lena Park"}
    ]


def test_a_statement_exports_its_speaker_kind_and_cue() -> None:
    a = Article(id="a1", path="a1.txt", text=TEXT)
    quote = Quote(
        id="quo-1",
        person_id="per-1",
        kind="indirect",
        speaker=a.span(0, 9),
        speaker_kind="person",
        cue=a.span(30, 34),
        **a.span(35, 60).model_dump(),
    )
    data = Corpus(articles=[a], quotes=[quote])
    exported = json.loads(to_json(data))["quotes"][0]
    assert exported["text"] == "the terminal would reopen"
    assert exported["speaker"]["text"] == "Lena Park"
    assert (exported["speaker_kind"], exported["cue"]["text"], exported["quoted"]) == (
        "person",
        "said",
        [],
    )
    [row] = list(csv.DictReader(csv_files(data)["quotes.csv"].splitlines()))
    assert row["speaker_kind"] == "person"
    assert json.loads(row["speaker"])["text"] == "Lena Park"
    assert json.loads(row["cue"])["text"] == "said"


def test_write_file_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("precious")
    with pytest.raises(OutputError, match="already exists"):
        write_file(out, "new")
    assert out.read_text() == "precious"
    write_file(out, "new", force=True)
    assert out.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_csv_dir_refuses_to_overwrite_and_replaces_with_force(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    write_csv_dir(out, corpus())
    (out / "people.csv").write_text("stale")
    with pytest.raises(OutputError, match="already exists"):
        write_csv_dir(out, corpus())
    assert (out / "people.csv").read_text() == "stale"
    write_csv_dir(out, corpus(), force=True)
    assert (out / "people.csv").read_bytes() == csv_files(corpus())["people.csv"].encode()
    assert sorted(p.name for p in out.iterdir()) == sorted(CSV_NAMES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]


def test_csv_force_never_deletes_what_it_did_not_write(tmp_path: Path) -> None:
    """--force into a folder holding anything else (articles, notes) is refused untouched."""
    out = tmp_path / "work"
    out.mkdir()
    (out / "article.txt").write_text("precious")
    (out / "people.csv").write_text("an analyst's own sheet")
    (out / "sub").mkdir()
    with pytest.raises(OutputError, match=r"article\.txt, sub"):
        write_csv_dir(out, corpus(), force=True)
    assert sorted(p.name for p in out.iterdir()) == ["article.txt", "people.csv", "sub"]
    assert (out / "article.txt").read_text() == "precious"
    assert (out / "people.csv").read_text() == "an analyst's own sheet"


def test_output_that_is_or_holds_the_input_is_refused(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    (articles / "inner").mkdir(parents=True)
    (articles / "inner" / "a.txt").write_text("text")
    article = articles / "inner" / "a.txt"
    for output, inputs in ((articles, articles), (tmp_path, articles), (article, article)):
        with pytest.raises(OutputError, match="is the input"):
            check_output(output, inputs)
    with pytest.raises(OutputError, match="would be read as an article"):
        check_output(article, articles)
    with pytest.raises(OutputError, match="would be read as an article"):
        check_output(articles / "inner" / "b.md", articles)
    check_output(articles / "export.json", articles)  # not an article: allowed
    check_output(tmp_path / "csv", articles)


def test_write_file_replaces_only_regular_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    for target in (fifo, link):
        with pytest.raises(OutputError, match="not a regular file"):
            write_file(target, "x", force=True)
    assert link.is_symlink() and stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(OutputError, match="not a regular file"):
        write_file(Path("/dev/null"), "x", force=True)


def test_write_into_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no such folder"):
        write_file(tmp_path / "missing" / "out.json", "x")


def test_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    out.write_text("previous export")

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tui.export.os.replace", crash)
    with pytest.raises(OutputError, match="No space left"):
        write_file(out, "new export", force=True)
    assert out.read_text() == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_interrupted_csv_export_leaves_no_half_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open
    calls = {"n": 0}

    def flaky(path: object, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(5, "Input/output error")
        return real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("tui.export.os.open", flaky)
    with pytest.raises(OutputError, match="Input/output error"):
        write_csv_dir(tmp_path / "csv", corpus())
    assert list(tmp_path.iterdir()) == []


def test_exports_are_private_to_the_user(tmp_path: Path) -> None:
    """They hold article text: new files 0600, a new CSV folder 0700, and --force gives a
    replaced file 0600 whatever mode it had."""
    old = tmp_path / "old.json"
    old.write_text("x")
    old.chmod(0o644)
    write_file(old, "{}", force=True)
    write_csv_dir(tmp_path / "csv", corpus())
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "csv").iterdir()}
    assert old.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "csv").stat().st_mode & 0o777 == 0o700
    assert set(modes.values()) == {0o600} and len(modes) == len(CSV_NAMES)


def test_csv_cells_never_start_a_spreadsheet_formula() -> None:
    """OWASP CSV injection: text from articles and file names that a spreadsheet would run
    as a formula is prefixed with ``'``; numbers stay numbers."""
    from tui.records.models import Article, Corpus, Figure

    text = '=HYPERLINK("http://x","click") +1 -2 @SUM(A1) plain'
    article = Article(id="=cmd|' /C calc'!A0", path="@evil.txt", title="-leak", text=text)
    figure = Figure(
        id="f1", article_id=article.id, start=0, end=10, text=text[:10], value=-2, low=-2.5
    )
    files = csv_files(Corpus(articles=[article], figures=[figure]))
    rows = [
        *csv.DictReader(io.StringIO(files["articles.csv"])),
        *csv.DictReader(io.StringIO(files["figures.csv"])),
    ]
    cells = [cell for row in rows for cell in row.values() if cell]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    assert not [
        c for c in cells if c.startswith("-") and not c.lstrip("-").replace(".", "").isdigit()
    ]
    assert rows[0]["id"] == "'=cmd|' /C calc'!A0" and rows[0]["title"] == "'-leak"
    assert rows[1]["value"] == "-2" and rows[1]["low"] == "-2.5"
