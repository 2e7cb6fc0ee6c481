"""The per-folder state and bookmarks file (tui.userstate): round trip, atomic, 0600."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui import userstate
from tui.export import schema, to_json
from tui.records.models import Corpus
from tui.userstate import Bookmark, FolderState


def _mark(start: int, note: str = "check this") -> Bookmark:
    return Bookmark(
        kind="figure", article_id="harbour", start=start, end=start + 5, text="4.2 m", note=note
    )


def test_state_round_trip_and_file_is_private(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    assert userstate.load_state(folder) is None
    state = FolderState(
        person="Maren Okafor-Lindqvist",
        article_filter="outlet: Harbour Gazette",
        searches={"timeline": "ferry"},
        pane="timeline",
        kind="event",
        record_id="e3",
        article_id="harbour",
        start=10,
        end=14,
    )
    userstate.save_state(folder, state)
    assert userstate.load_state(folder) == state
    path = userstate.folder_file(folder)
    assert path.is_relative_to(Path(os.environ["NEWSDASH_STATE_DIR"]))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    # Keyed by the resolved path: another spelling of the folder finds the same state.
    assert userstate.load_state(tmp_path / "corpus" / ".." / "corpus") == state
    assert userstate.load_state(tmp_path) is None


def test_state_and_bookmarks_keep_each_other(tmp_path: Path) -> None:
    userstate.add_bookmark(tmp_path, _mark(3))
    userstate.save_state(tmp_path, FolderState(pane="figures"))
    assert [b.start for b in userstate.load_bookmarks(tmp_path)] == [3]
    userstate.add_bookmark(tmp_path, _mark(40))
    state = userstate.load_state(tmp_path)
    assert state is not None and state.pane == "figures"


def test_bookmarks_round_trip_replace_and_remove(tmp_path: Path) -> None:
    assert userstate.load_bookmarks(tmp_path) == []
    userstate.add_bookmark(tmp_path, _mark(3, "first"))
    userstate.add_bookmark(tmp_path, _mark(40, "second"))
    # Starring the same span again replaces the note in place.
    marks = userstate.add_bookmark(tmp_path, _mark(3, "changed"))
    assert [(b.start, b.note) for b in marks] == [(3, "changed"), (40, "second")]
    assert userstate.load_bookmarks(tmp_path) == marks
    left = userstate.remove_bookmark(tmp_path, _mark(3).key)
    assert [b.start for b in left] == [40]
    assert userstate.load_bookmarks(tmp_path) == left


def test_a_damaged_file_is_reported_and_never_overwritten(tmp_path: Path) -> None:
    path = userstate.folder_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert userstate.load_state(tmp_path) is None
    with pytest.raises(ValueError, match="not JSON"):
        userstate.load_bookmarks(tmp_path)
    with pytest.raises(ValueError):
        userstate.add_bookmark(tmp_path, _mark(1))
    assert path.read_text(encoding="utf-8") == "{not json"


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    userstate.add_bookmark(tmp_path, _mark(3))
    path = userstate.folder_file(tmp_path)
    before = path.read_bytes()

    def broken(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        userstate.add_bookmark(tmp_path, _mark(50))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left


def test_json_export_adds_bookmarks_only_when_there_are_some() -> None:
    corpus = Corpus()
    plain = json.loads(to_json(corpus))
    assert "bookmarks" not in plain
    marked = json.loads(to_json(corpus, [_mark(3, "why 4.2?")]))
    assert marked["bookmarks"] == [
        {
            "kind": "figure",
            "article_id": "harbour",
            "start": 3,
            "end": 8,
            "text": "4.2 m",
            "note": "why 4.2?",
        }
    ]
    # Only added: every other field is as before.
    assert {k: v for k, v in marked.items() if k != "bookmarks"} == plain
    assert set(schema()["properties"]["bookmarks"]["items"]["required"]) == set(
        marked["bookmarks"][0]
    )


def test_cli_export_includes_the_folders_bookmarks(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    text = "The council approved a budget of 4.2 million on Monday.\n"
    (folder / "budget.txt").write_text(text, encoding="utf-8")
    start = text.index("4.2 million")
    mark = Bookmark(
        kind="figure",
        article_id="budget",
        start=start,
        end=start + 11,
        text="4.2 million",
        note="source?",
    )
    userstate.add_bookmark(folder, mark)
    command = [sys.executable, "-m", "tui", "export", str(folder), "--no-store"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    exported = json.loads(done.stdout)
    assert exported["bookmarks"] == [mark.exported()]
    article = exported["articles"][0]
    assert article["text"][start : start + 11] == "4.2 million"
    plain = subprocess.run([*command, "--no-bookmarks"], capture_output=True, text=True)
    assert "bookmarks" not in json.loads(plain.stdout)


def test_a_bookmark_row_never_carries_markup_or_control_sequences() -> None:
    from tui.app.screens.bookmarks import bookmark_row, full_line

    mark = Bookmark(
        kind="quote",
        article_id="gone",
        start=0,
        end=9,
        text="\x1b]52;c;aGk=\x07said [b]so[/b]",
        note="[red]urgent[/red] \x1b[2J\u202eevil",
        label="[link=http://x]who[/link]",
    )
    cells = [*bookmark_row(None, mark), full_line(mark)]
    for cell in cells:
        assert not any(ch in cell.plain for ch in "\x1b\x07\u202e")
    assert "[red]urgent[/red]" in cells[3].plain  # shown as typed, never applied as markup
    assert "(not in the folder)" in cells[2].plain
