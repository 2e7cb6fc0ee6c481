"""The Timeline's and Figures' tables saved beside the store (``tui.paged.SavedTables``):
opened by the next session only for the same saved corpus and code, private, replaced whole,
read without writing anything; and the dashboard saving them, then opening them, read-only
too, and making them again when the folder changed."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest
from test_app import drive, ids, settle
from test_paged import random_corpus
from test_snapshot import STORY, write

from tui import paged
from tui.app import NewsdashApp
from tui.app.date_rows import EventDays
from tui.app.panes.figures import FigureSource
from tui.app.panes.timeline import TimelinePane, TimelineSource
from tui.app.view import CorpusView
from tui.records.models import Corpus
from tui.snapshot import LeanCorpus


def saved_at(folder: Path, corpus: str = "c1", version: str = "v1") -> paged.SavedTables:
    return paged.SavedTables.beside(folder / "store.sqlite", "/news", corpus, version, True)


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def view() -> CorpusView:
    return CorpusView.build(random_corpus(3))


def test_a_table_is_opened_only_for_the_corpus_and_code_it_was_made_from(
    tmp_path: Path, view: CorpusView
) -> None:
    saved = saved_at(tmp_path)
    assert saved.open(paged.TimelineTable) is None  # nothing saved yet
    saved.save(TimelineSource(view, EventDays(view)).table())
    opened = saved.open(paged.TimelineTable)
    assert opened is not None and opened.indexed
    assert opened.query(paged.Filters()).count() == len(view.sorted_events)
    assert saved_at(tmp_path, corpus="c2").open(paged.TimelineTable) is None  # re-linked
    assert saved_at(tmp_path, version="v2").open(paged.TimelineTable) is None  # new code
    assert saved.open(paged.FigureTable) is None  # the other pane's file: not saved
    other = paged.SavedTables.beside(tmp_path / "store.sqlite", "/other", "c1", "v1", True)
    assert other.open(paged.TimelineTable) is None  # another folder's


def test_a_damaged_or_foreign_file_is_not_opened(tmp_path: Path, view: CorpusView) -> None:
    saved = saved_at(tmp_path)
    path = saved.path(paged.TimelineTable.KIND)
    saved.save(TimelineSource(view, EventDays(view)).table())
    db = sqlite3.connect(path)
    db.execute("UPDATE saved SET format = format + 1")  # a later layout
    db.commit()
    db.close()
    assert saved.open(paged.TimelineTable) is None
    path.write_bytes(b"not a database at all" * 100)
    assert saved.open(paged.TimelineTable) is None
    path.write_bytes(path.read_bytes()[:10])
    assert saved.open(paged.TimelineTable) is None


def test_saved_files_are_private_and_replaced_whole(
    tmp_path: Path, view: CorpusView, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = saved_at(tmp_path)
    table = FigureSource(view).table()
    saved.save(table)
    path = saved.path(paged.FigureTable.KIND)
    assert stat.S_IMODE(saved.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds the articles' sentences
    before = path.read_bytes()
    monkeypatch.setattr(paged, "_SEARCH", "CREATE TABLE broken (")  # the save fails midway
    with pytest.raises(sqlite3.Error):
        saved.save(table)
    assert path.read_bytes() == before  # the old file is whole
    assert sorted(p.name for p in saved.folder.iterdir()) == [path.name]  # no partial left


def test_a_partial_file_left_by_a_killed_save_is_removed_once_old(
    tmp_path: Path, view: CorpusView
) -> None:
    saved = saved_at(tmp_path)
    path = saved.path(paged.FigureTable.KIND)
    saved.folder.mkdir(mode=0o700)
    old = path.with_name(path.name + ".123-4.partial")
    young = path.with_name(path.name + ".124-5.partial")  # another session saving now
    old.write_bytes(b"x")
    young.write_bytes(b"x")
    day_ago = time.time() - paged.PARTIAL_AGE_S - 60
    os.utime(old, (day_ago, day_ago))
    saved.save(FigureSource(view).table())
    assert sorted(p.name for p in saved.folder.iterdir()) == sorted([path.name, young.name])


def test_reading_a_saved_table_writes_nothing(tmp_path: Path, view: CorpusView) -> None:
    """Filters (temporary tables of ids), searches by the index and by a scan: the folder
    is byte for byte and time for time as it was (read-only use over SSH)."""
    saved = saved_at(tmp_path)
    saved.save(TimelineSource(view, EventDays(view)).table())
    before = listing(tmp_path)
    table = saved.open(paged.TimelineTable)
    assert table is not None
    outlet = frozenset(a.id for a in view.corpus.articles[:5])
    for filters in (
        paged.Filters(articles=outlet),
        paged.Filters(person="p1", needle="here"),
        paged.Filters(needle="st"),
        paged.Filters(days=(738000, 739000)),
    ):
        query = table.query(filters)
        query.count()
        query.ids()
        query.months()
    assert listing(tmp_path) == before


def dashboard(folder: Path, store: Path, read_only: bool = False) -> NewsdashApp:
    from tui import cli

    argv = ["open", str(folder), "--store", str(store), "--jobs", "1"]
    if read_only:
        argv.append("--read-only")
    args = cli._parser().parse_args(argv)
    app = NewsdashApp(
        path=folder, theme="newsdash", loader=cli._dashboard_loader(args), store=store,
        read_only=read_only, restore=False, remember=False,
    )  # fmt: skip
    app.animation_level = "none"
    return app


def saves_done() -> None:
    """Wait for the dashboard's thread saving the tables, if one runs."""
    for thread in threading.enumerate():
        if thread.name == "save-tables":
            thread.join(30)


async def shown(app: NewsdashApp) -> tuple[list[str], list[str], bool]:
    """The Timeline's rows, those a search leaves, and whether its table was opened from a
    saved file, once the whole corpus is shown."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.view is not None
        pane = app.query_one(TimelinePane)
        rows = ids(pane.row_keys())
        opened = TimelineSource.of(app.view).table().indexed
        assert FigureSource.of(app.view).table().indexed is opened
        await pilot.press("slash", *"dockers", "enter")
        await settle(app, pilot)
        found = ids(pane.row_keys())
    saves_done()
    return rows, found, opened


@drive
async def test_the_dashboard_saves_its_tables_and_the_next_session_opens_them(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    paths = write(folder, 4)
    store = tmp_path / "store.sqlite"
    rows, found, opened = await shown(dashboard(folder, store))
    assert not opened and rows and found  # made from the records, then saved
    tables = store.with_name(store.name + ".tables")
    assert len(list(tables.glob("*-timeline.sqlite"))) == 1
    assert len(list(tables.glob("*-figures.sqlite"))) == 1

    before = listing(tmp_path)
    again = await shown(dashboard(folder, store, read_only=True))
    assert again == (rows, found, True)  # the same rows, from the saved file and its index
    assert listing(tmp_path) == before  # read-only: nothing written, not even the tables

    for file in tables.iterdir():  # a saved corpus without its tables, read-only:
        file.unlink()  # they are made in memory and not saved
    before = listing(tmp_path)
    assert await shown(dashboard(folder, store, read_only=True)) == (rows, found, False)
    assert listing(tmp_path) == before

    paths[0].write_text(STORY.format(d=9, n=4242))  # the folder changed: re-linked
    changed = await shown(dashboard(folder, store))
    assert changed[2] is False  # made again for the new corpus, not the old file's rows
    assert await shown(dashboard(folder, store)) == (changed[0], changed[1], True)


@drive
async def test_tables_that_cannot_be_saved_are_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    write(folder, 2)

    def full(self: paged.SavedTables, table: paged.PagedTable) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(paged.SavedTables, "save", full)
    app = dashboard(folder, tmp_path / "store.sqlite")
    rows, _, opened = await shown(app)
    assert rows and not opened  # the session goes on with its tables in memory
    assert [w for w in app.warnings if "tables were not saved" in w] == [
        f"{tmp_path / 'store.sqlite.tables'}: the panes' tables were not saved "
        "([Errno 28] No space left on device)"
    ]


def test_a_corpus_is_stamped_only_as_the_saved_corpus_it_is(tmp_path: Path) -> None:
    """The stamp names the corpus saved in the store; a copy (which may be changed) and a
    corpus read without a store carry none."""
    from tui.pipeline import load_corpus
    from tui.store import Store

    folder = tmp_path / "news"
    write(folder, 3)
    assert load_corpus(folder, lambda m: None).stamp is None  # no store
    with Store(tmp_path / "s.sqlite") as writable:
        first = load_corpus(folder, lambda m: None, store=writable)
        again = load_corpus(folder, lambda m: None, store=writable)  # the saved corpus
    assert first.stamp is not None and again.stamp == first.stamp
    assert first.model_copy().stamp is None
    assert Corpus.model_validate(first.model_dump()).stamp is None
    with Store(tmp_path / "s.sqlite", read_only=True) as read_only:
        assert load_corpus(folder, lambda m: None, store=read_only).stamp == first.stamp


async def saved_while_running(app: NewsdashApp, pilot: object) -> None:
    """Wait for the thread saving the tables while the app goes on (it hands the app what
    it read back through the event loop)."""
    await asyncio.to_thread(saves_done)
    await settle(app, pilot)


@drive
async def test_a_session_that_saved_its_files_goes_on_with_its_corpus_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus in memory is replaced by the same corpus read from the store without
    what the files saved beside it hold, as the next session reads it: the same rows,
    selection and texts, the tables opened from their files."""
    folder = tmp_path / "news"
    write(folder, 4)
    monkeypatch.setattr(NewsdashApp, "LIGHTEN_FROM", 4)
    monkeypatch.setattr(NewsdashApp, "LIGHTENED_AFTER", 0.0)
    go = threading.Event()  # the saving starts when the test has looked at the session
    save = NewsdashApp.save_tables

    def held(self: NewsdashApp, view: CorpusView, saved: paged.SavedTables) -> bool:
        go.wait(30)
        return save(self, view, saved)

    monkeypatch.setattr(NewsdashApp, "save_tables", held)
    app = dashboard(folder, tmp_path / "store.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        full = app.view
        assert full is not None and not isinstance(full.corpus, LeanCorpus)
        pane = app.query_one(TimelinePane)
        await pilot.press("2", "down", "slash", *"dockers", "enter")
        await settle(app, pilot)
        rows, selection = ids(pane.row_keys()), app.selection
        assert rows and selection is not None
        go.set()
        await saved_while_running(app, pilot)
        lean = app.view
        assert lean is not full and lean is not None and isinstance(lean.corpus, LeanCorpus)
        assert lean.corpus.stamp == full.corpus.stamp
        assert TimelineSource.of(lean).table().indexed  # opened from the file just saved
        assert ids(pane.row_keys()) == rows and app.selection == selection
        assert pane.search == "dockers"
        for article in full.corpus.articles:
            assert lean.text(article.id) == full.text(article.id)
        assert lean.sorted_events.from_file and list(lean.sorted_events.ids()) == list(
            full.sorted_events.ids()
        )


@drive
async def test_a_small_corpus_or_one_shown_since_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    write(folder, 3)
    store = tmp_path / "store.sqlite"
    app = dashboard(folder, store)  # 3 articles: under LIGHTEN_FROM
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        shown = app.view
        await saved_while_running(app, pilot)
        assert app.view is shown and shown is not None
        assert not isinstance(shown.corpus, LeanCorpus)
        # what was read back for a corpus no longer shown (a re-link, stamped anew,
        # came first): dropped
        assert shown.corpus.stamp is not None
        other = shown.corpus.model_copy()
        assert other.stamp != shown.corpus.stamp
        app.lightened(CorpusView.build(other))
        assert app.view is shown
