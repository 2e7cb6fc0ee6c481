"""Exporting a view: rows with citations as CSV and Markdown, written without clobbering,
and the corpus summary of ``newsdash summary --format`` (no Textual involved)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from fixtures.dashboard_corpus import build_corpus

from tui.cli import run
from tui.export import OutputError
from tui.export_view import (
    CITATION_COLUMNS,
    Citation,
    ViewRow,
    ViewTable,
    default_name,
    md_escape,
    summary_counts,
    summary_text,
    to_csv,
    to_markdown,
    write_view,
)


def _table() -> ViewTable:
    sentence = "The port said on 3 May that 1,200 boxes | crates were stuck."
    return ViewTable(
        "Timeline (2 of 9)",
        ("when", "outlet", "sentence"),
        [
            ViewRow(
                ("3 May 2021", "Coast Post", sentence),
                Citation("Coast Post", "2021-05-04", "a/post.txt", 17, 22, "3 May", sentence),
            ),
            ViewRow(
                ("May 2021", "=HYPERLINK(evil)", "[click](http://x) <b>hi</b>\nsecond line"),
                Citation("=HYPERLINK(evil)", "undated", "b`x.txt", 5, 13, "May 2021", "line"),
            ),
        ],
        notes=("filter: 2021-05..2021-06",),
    )


def test_csv_has_the_view_columns_then_the_citation() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(_table()))))
    assert rows[0] == ["when", "outlet", "sentence", *CITATION_COLUMNS]
    assert rows[1][3:8] == ["Coast Post", "2021-05-04", "a/post.txt", "17", "22"]
    assert rows[1][2] == rows[1][-1]  # the sentence, whole, with its "|"
    assert len(rows) == 3


def test_csv_cells_cannot_run_as_formulas_nor_break_lines() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(_table()))))
    assert rows[2][1] == "'=HYPERLINK(evil)"
    assert rows[2][3] == "'=HYPERLINK(evil)"
    assert rows[2][2] == "[click](http://x) <b>hi</b> second line"


def test_markdown_table_cites_every_row_in_a_footnote() -> None:
    text = to_markdown(_table())
    lines = text.splitlines()
    assert lines[0] == "# Timeline \\(2 of 9\\)"
    header = lines.index("| when | outlet | sentence | source |")
    body = lines[header + 2 : header + 4]
    assert all(line.count(" | ") == 3 for line in body)  # no cell breaks the table
    assert body[0].endswith("| [^1] |") and body[1].endswith("| [^2] |")
    notes = [line for line in lines if line.startswith("[^")]
    assert notes[0].startswith("[^1]: Coast Post, 2021-05-04, `a/post.txt`, chars 17–22: ")
    assert "`b'x.txt`" in notes[1]  # a backtick cannot end the code span early


def test_markdown_escapes_links_images_and_html() -> None:
    escaped = md_escape("![x](http://e) <script> a|b *c* `d`")
    assert escaped == "\\!\\[x\\]\\(http://e\\) \\<script\\> a\\|b \\*c\\* \\`d\\`"
    # The escape is shown, not run: "\x1b" with its backslash escaped for Markdown.
    assert md_escape("line\nbreak\x1b[31m") == "line break\\\\x1b\\[31m"


def test_default_name_is_a_new_file_in_the_folder(tmp_path: Path) -> None:
    first = default_name("Conflict: deaths ≠ 14 / 19", "md", tmp_path)
    assert first == tmp_path / "conflict-deaths-14-19.md"
    first.write_text("taken")
    assert default_name("Conflict: deaths ≠ 14 / 19", "md", tmp_path).name == (
        "conflict-deaths-14-19-2.md"
    )
    assert default_name("≠", "csv", tmp_path).name == "view.csv"


def test_write_view_never_clobbers_without_asking(tmp_path: Path) -> None:
    path = tmp_path / "view.csv"
    write_view(path, "one\n")
    assert path.read_text() == "one\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it quotes article text
    with pytest.raises(OutputError, match="already exists"):
        write_view(path, "two\n")
    assert path.read_text() == "one\n"
    write_view(path, "two\n", replace=True)
    assert path.read_text() == "two\n"
    assert sorted(os.listdir(tmp_path)) == ["view.csv"]  # no temporary file left


def test_write_view_refuses_folders_and_missing_parents(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_view(tmp_path, "x", replace=True)
    with pytest.raises(OutputError, match="no such folder"):
        write_view(tmp_path / "nope" / "v.md", "x")


def test_summary_counts_people_outlets_and_conflicts() -> None:
    corpus = build_corpus()
    counts = summary_counts(corpus, top=2)
    assert counts["articles"] == len(corpus.articles)
    assert counts["statements"] == len(corpus.quotes)
    conflicts = [c for c in corpus.comparisons if c.status == "conflict"]
    assert counts["conflicts"] == len(conflicts) > 0
    people = counts["top_people"]
    assert isinstance(people, list) and len(people) == 2
    most = max(corpus.people, key=lambda p: len(p.mentions))
    assert people[0]["name"] == most.name
    assert people[0]["mentions"] == len(most.mentions)
    outlets = counts["outlets"]
    assert isinstance(outlets, list)
    assert sum(o["articles"] for o in outlets) == len(corpus.articles)
    assert outlets[0]["articles"] >= outlets[-1]["articles"]


def test_summary_tsv_csv_and_json_agree() -> None:
    counts = summary_counts(build_corpus())
    tsv = [line.split("\t") for line in summary_text(counts, "tsv").splitlines()]
    rows = list(csv.reader(io.StringIO(summary_text(counts, "csv"))))
    assert tsv == rows
    assert rows[0] == ["section", "name", "value", "articles"]
    assert ["count", "conflicts", str(counts["conflicts"]), ""] in rows
    assert json.loads(summary_text(counts, "json")) == counts


def test_summary_names_stay_on_one_line() -> None:
    corpus = build_corpus()
    corpus.articles[0].source = "Evil\tOutlet\x1b]52;c;x\x07"
    tsv = summary_text(summary_counts(corpus), "tsv")
    assert "\x1b" not in tsv and "\x07" not in tsv
    assert all(line.count("\t") == 3 for line in tsv.splitlines())


WIRE = (
    "Ferry service resumes\n\n"
    "ATHENS, May 6 (ANA) - Ferries resumed sailing on 6 May 2024 after a two-day strike, "
    "the shipping ministry said.\n"
)


def test_summary_format_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "wire.txt").write_text(WIRE)
    assert run(["summary", str(tmp_path), "--no-store", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["articles"] == 1 and data["outlets"] == [{"outlet": "ANA", "articles": 1}]
    assert run(["summary", str(tmp_path), "--no-store", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "articles" in out and "ANA" in out
