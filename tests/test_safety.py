"""Hostile input end to end: nothing escapes into the terminal, nothing is written read-only,
and no extractor raises on any text."""

from __future__ import annotations

import asyncio
import builtins
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import loader, nlp
from tui.app import NewsdashApp
from tui.app.panes.source import SourceView
from tui.cli import run
from tui.extract.article import extract_article
from tui.nlp import parse_article
from tui.pipeline import link
from tui.records.models import Article, Corpus, Published

HOSTILE = (
    "Markup in the news\n\n"
    "BERLIN, May 3 (XYZ) - Minister Jana Holt said on Tuesday that 40% of "
    "\x1b[2J\x1b]52;c;ZXZpbA==\x07claims [bold]were[/bold] paid, "
    "[link=https://example.com]click[/link] [@click=app.quit]now[/] \u202eesrever\u202c "
    "zero\u200bwidth, reaching €3bn in 2023.\n"
)


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


def test_export_has_no_control_sequences_and_keeps_markup_literal(
    hostile_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", str(hostile_folder), "--no-store"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    text = data["articles"][0]["text"]
    for bad in ("\x1b", "\x07", "\u202e", "\u202c", "\u200b"):
        assert bad not in out
    assert "[@click=app.quit]now[/]" in text and "[bold]were[/bold]" in text
    assert any(f["text"] == "40%" for f in data["figures"])


def test_dashboard_shows_hostile_article_inertly(hostile_folder: Path) -> None:
    async def scenario() -> None:
        app = NewsdashApp(path=hostile_folder, theme="newsdash")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            for key in ("tab", "down", "enter", "tab", "down", "enter", "tab", "down"):
                await pilot.press(key)
            await pilot.pause()
            assert app.is_running  # "[@click=app.quit]" in the text did not quit
            source = app.query_one(SourceView).text
            assert "[@click=app.quit]now[/]" in source
            assert "\x1b" not in source and "\u202e" not in source
            svg = app.export_screenshot()
            assert "\x1b" not in svg

    asyncio.run(scenario())


def _tree(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): p.stat().st_mtime_ns
        for p in sorted(root.rglob("*"))
        if not p.is_symlink()
    }


def test_read_only_cli_writes_nothing_anywhere(hostile_folder: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    work = tmp_path / "cwd"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    before = _tree(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "tui", "summary", "--read-only", str(hostile_folder)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert _tree(tmp_path) == before


def test_read_only_dashboard_opens_nothing_for_writing(
    hostile_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[str] = []
    real_open = builtins.open
    real_os_open = os.open

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(flag in mode for flag in "wax+"):
            writes.append(f"open({file!r}, {mode!r})")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(f"os.open({path!r})")
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    with builtins.open(os.devnull, "w"):  # the guard itself sees writes
        pass
    assert len(writes) == 1
    writes.clear()

    async def scenario() -> None:
        app = NewsdashApp(path=hostile_folder, theme="newsdash", read_only=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("tab", "down", "enter", "c")
            await pilot.pause()

    asyncio.run(scenario())
    assert writes == []


ADVERSARIAL = st.sampled_from(
    [
        "Mr. ", "Dr ", "said ", "told Reuters", '"', "“", "”", "«", "—", " - ", "\n\n", "(9)",
        "May ", "March ", "2021", "12.06.2021", "last year", "$", "€3bn", "US$82.5 million",
        "more than ", "%", " per cent", "a third", "between 10 and 15", "G20", "COVID-19",
        "Ana Costa", "Costa", ", head of the delegation,", "President ", "van der ", "-",
        "[bold]", "\u00a0", "\t", "0", "999999999999999999999", ".", ",", "'s", "II", "Q3",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(ADVERSARIAL, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.booleans())
def test_extractors_never_raise_and_spans_stay_valid(text: str, dated: bool) -> None:
    from tui.ingest.decode import clean_text

    text = clean_text(text)
    published = Published(date=dt.date(2024, 6, 5), how="header")
    article = Article(
        id="h", path="h.txt", text=text, published=published if dated else Published()
    )
    extraction = extract_article(parse_article(article, nlp.load()))
    corpus = link([article], {"h": extraction})  # Corpus validates every span's text
    assert isinstance(corpus, Corpus)


def test_escape_sequences_are_removed_whole_and_leave_no_records(
    hostile_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``ESC]52;c;…BEL`` used to lose only its ESC: the "52" and the "2" of ``ESC[2J`` then
    became figures. Whole sequences go (CSI, OSC, 8-bit forms)."""
    assert run(["export", str(hostile_folder), "--no-store"]) == 0
    data = json.loads(capsys.readouterr().out)
    text = data["articles"][0]["text"]
    assert "52;c;" not in text and "[2J" not in text and "ZXZpbA==" not in text
    assert "of claims [bold]were[/bold]" in text
    assert sorted(f["text"] for f in data["figures"]) == ["40%", "€3bn"]


EVIL_NAME = "evil\x1b]52;c;cm0gLXJmIH4=\x07\nnewsdash: warning: forged line\u202e.txt"


@pytest.fixture
def evil_named_folder(tmp_path: Path) -> Path:
    """A good article beside a file whose name holds an OSC 52 sequence, a newline, a bidi
    override, and one beside a name that is not UTF-8 at all."""
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "good.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / EVIL_NAME).write_bytes(b"\x00\x01binary\x00" * 10)  # skipped: a warning
    (folder / os.fsdecode(b"caf\xe9 report.txt")).write_text(HOSTILE, encoding="utf-8")
    return folder


def test_file_names_are_shown_and_exported_inertly(
    evil_named_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", str(evil_named_folder), "--no-store"]) == 0
    out, err = capsys.readouterr()
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in err and bad not in out
    lines = err.strip().splitlines()
    assert all(line.startswith("newsdash: ") for line in lines)
    assert not any(line.startswith("newsdash: warning: forged") for line in lines)
    assert "evil\\x1b]52;c;cm0gLXJmIH4=\\x07\\x0anewsdash: warning: forged line\\u202e.txt" in err
    data = json.loads(out)
    assert sorted(a["id"] for a in data["articles"]) == ["caf\\xe9 report", "good"]
    assert run(["summary", str(evil_named_folder), "--no-store"]) == 0
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "caf\\xe9 report" in out


def test_dashboard_warnings_and_copy_show_names_inertly(evil_named_folder: Path) -> None:
    from tui.app.panes.record_list import RecordList
    from tui.app.screens.date import DateScreen
    from tui.app.screens.modals import WarningsScreen

    async def scenario() -> None:
        app = NewsdashApp(path=evil_named_folder, theme="newsdash", read_only=True)
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, WarningsScreen)
            shown = app.screen.query_one(RecordList)
            lines = [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]
            assert any("evil\\x1b]52;c;cm0gLXJmIH4=\\x07\\x0anewsdash" in line for line in lines)
            assert not any(c in "".join(lines) for c in ("\x1b", "\x07", "\n", "\u202e"))
            await pilot.press("escape")
            for key in ("tab", "down", "enter"):
                await pilot.press(key)
            await pilot.pause()
            if isinstance(app.screen, DateScreen):  # enter on an event: its date's page
                await pilot.press("enter")  # its row in Source
            await pilot.press("c")
            await pilot.pause()
        assert copied and not any(c in copied[-1] for c in ("\x1b", "\x07", "\udce9"))

    asyncio.run(scenario())


def test_one_bad_file_never_sinks_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Numbers of hundreds or thousands of digits (an overflow in comparisons, an export
    that could not write them), and any failure inside one file's extraction: that file is
    a one-line warning, the others load."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "huge.txt").write_text(
        "Huge\n\nThe fund holds " + "7" * 4400 + " dollars, and " + "9" * 320 + " more.\n"
    )
    (folder / "twin.txt").write_text("Twin\n\nThe fund holds " + "8" * 330 + " dollars.\n")
    (folder / "good.txt").write_text("Normal\n\nThe mayor said 40 people attended on Monday.\n")
    (folder / "cursed.txt").write_text("Cursed\n\nThe mayor said 41 people attended.\n")
    from tui.extract.article import extract_article as real

    def flaky(parsed: Any) -> Any:
        if parsed.article.id == "cursed":
            raise RuntimeError("a bug in one extractor\nsecond line")
        return real(parsed)

    monkeypatch.setattr(loader, "extract_article", flaky)
    assert run(["export", str(folder), "--no-store"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert sorted(a["id"] for a in data["articles"]) == ["good", "huge", "twin"]
    assert [f["text"] for f in data["figures"]] == ["40 people"]
    [warning] = [line for line in err.splitlines() if "warning:" in line and "cursed" in line]
    assert warning.endswith("skipped, extraction failed (RuntimeError: a bug in one extractor)")
