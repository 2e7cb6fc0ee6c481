"""The corrections writer (tui.triage) and what the loader reads back from it."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from fixtures.dashboard_corpus import build_corpus

from tui import triage
from tui.corrections import comparison_key, load_corrections
from tui.triage import Change, Entry

HAND_WRITTEN = """\
# Corrections for the harbour strike folder.
[people]
reject = ["Read More"]  # a navigation link

[[people.merge]]
names = ["Ilse Maren", "I. Maren"]

[notes]
owner = "desk"
"""


def _write(folder: Path, text: str = HAND_WRITTEN) -> Path:
    path = folder / "newsdash.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_round_trip_keeps_comments_and_other_tables(tmp_path: Path) -> None:
    path = _write(tmp_path)
    change = Change((Entry("reject", "Harbour Board"), Entry("dismiss", "a:1-4 + b:5-9")))
    triage.apply(path, change)
    text = path.read_text(encoding="utf-8")
    assert "# Corrections for the harbour strike folder." in text
    assert "# a navigation link" in text
    data = tomllib.loads(text)
    assert data["notes"] == {"owner": "desk"}
    assert data["people"]["reject"] == ["Read More", "Harbour Board"]
    assert data["comparisons"]["dismiss"] == ["a:1-4 + b:5-9"]
    read = load_corrections(tmp_path)
    assert read is not None and read.rejects("harbour board")
    assert read.dismiss == ("a:1-4 + b:5-9",)
    triage.undo(path, change)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["people"]["reject"] == ["Read More"]
    assert data["comparisons"]["dismiss"] == []
    assert "# a navigation link" in path.read_text(encoding="utf-8")


def test_every_kind_is_written_listed_and_undone(tmp_path: Path) -> None:
    path = triage.target(tmp_path)
    assert path == tmp_path / "newsdash.toml" and not path.exists()
    entries = [
        Entry("reject", "Weather Desk"),
        Entry("split", "K. Olsen"),
        Entry("merge", "", ("Kari Olsen", "Kari Olsen-Berg")),
        Entry("dismiss", "x:0-3 + y:4-7"),
        Entry("date", "2023/oslo.txt", ("2023-02-28",)),
    ]
    changes = [triage.apply(path, Change((e,))) for e in entries]
    assert triage.read_entries(path) == entries
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["articles"] == {"2023/oslo.txt": "2023-02-28"}
    assert data["people"]["merge"] == [{"names": ["Kari Olsen", "Kari Olsen-Berg"]}]
    for change in reversed(changes):
        triage.undo(path, change)
    assert triage.read_entries(path) == []


def test_new_date_replaces_old_and_undo_restores_it(tmp_path: Path) -> None:
    path = triage.target(tmp_path)
    triage.apply(path, Change((Entry("date", "a.txt", ("2020-01-02",)),)))
    old = Entry("date", "a.txt", ("2020-01-02",))
    change = Change((Entry("date", "a.txt", ("2021-03-04",)),), (old,))
    triage.apply(path, change)
    assert triage.read_entries(path) == [Entry("date", "a.txt", ("2021-03-04",))]
    triage.undo(path, change)
    assert triage.read_entries(path) == [old]


@pytest.mark.parametrize("text", ["2021-02-30", "2021-2-3", "yesterday", "", "2021-02-03x"])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        triage.iso_date(text)


def test_new_file_is_private_and_existing_mode_kept(tmp_path: Path) -> None:
    new = tmp_path / "new"
    new.mkdir()
    change = triage.apply(triage.target(new), Change((Entry("reject", "Nobody"),)))
    assert change.added == (Entry("reject", "Nobody"),)
    assert stat.S_IMODE((new / "newsdash.toml").stat().st_mode) == 0o600
    old = _write(tmp_path)
    old.chmod(0o640)
    triage.apply(old, Change((Entry("split", "I. Maren"),)))
    assert stat.S_IMODE(old.stat().st_mode) == 0o640


def test_existing_corrections_toml_is_the_target(tmp_path: Path) -> None:
    (tmp_path / "corrections.toml").write_text("[people]\n", encoding="utf-8")
    assert triage.target(tmp_path) == tmp_path / "corrections.toml"


def test_a_failed_write_leaves_the_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path)

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        triage.apply(path, Change((Entry("reject", "Someone"),)))
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newsdash.toml"]


def test_malformed_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = _write(tmp_path, "[people]\nreject = 3\n")
    with pytest.raises(ValueError, match=r"newsdash\.toml"):
        triage.apply(path, Change((Entry("split", "A. B"),)))
    assert path.read_text(encoding="utf-8") == "[people]\nreject = 3\n"
    path.write_text("[people\n", encoding="utf-8")
    with pytest.raises(ValueError, match="invalid TOML"):
        triage.apply(path, Change((Entry("split", "A. B"),)))


def test_dismissed_comparison_is_dropped_by_its_figures_spans() -> None:
    corpus = build_corpus()
    figures = {f.id: f for f in corpus.figures}
    first, second = corpus.comparisons[:2]
    key = comparison_key(figures[f] for f in first.figures)
    assert key == comparison_key(reversed([figures[f] for f in first.figures]))
    assert " + " in key and key != comparison_key(figures[f] for f in second.figures)
    from tui.corrections import Corrections

    kept = Corrections(dismiss=(key,)).keep_comparisons(corpus.comparisons, corpus.figures)
    assert [c.id for c in kept] == [c.id for c in corpus.comparisons if c.id != first.id]
    assert Corrections().keep_comparisons(corpus.comparisons, corpus.figures) == list(
        corpus.comparisons
    )


def test_unknown_comparisons_key_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "[comparisons]\nhide = []\n")
    with pytest.raises(ValueError, match=r"comparisons\.hide"):
        load_corrections(tmp_path)


def test_inline_merge_rules_are_kept_inline(tmp_path: Path) -> None:
    path = _write(tmp_path, 'people.merge = [{ names = ["A. Lind", "Anna Lind"] }]\n')
    change = triage.apply(path, Change((Entry("merge", "Ole Berg", ("Ole Berg", "O. Berg")),)))
    text = path.read_text(encoding="utf-8")
    assert "[[people.merge]]" not in text
    assert [e.names for e in triage.read_entries(path)] == [
        ("A. Lind", "Anna Lind"),
        ("Ole Berg", "O. Berg"),
    ]
    triage.undo(path, change)
    assert [e.names for e in triage.read_entries(path)] == [("A. Lind", "Anna Lind")]
