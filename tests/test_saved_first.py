"""The whole corpus a previous session saved, shown while the folder is read again: when
nothing changed it is the corpus the session goes on with (read once, indexed once); when
the folder changed, it is browsable until the corpus linked again replaces it; read-only
sessions write nothing either way (``tui.first_look.saved_corpus``, ``load_corpus(shown=)``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_app import drive, ids, settle
from test_saved_tables import dashboard, listing, saves_done, shown
from test_snapshot import STORY, write

from tui import paged, pipeline, snapshot
from tui.app import NewsdashApp
from tui.app.loading import SAVED_SHOWN, Loading, save_for_dashboard
from tui.app.panes.timeline import TimelinePane, TimelineSource
from tui.app.view import CorpusView
from tui.first_look import saved_corpus
from tui.paged import FigureTable, SavedTables, TimelineTable
from tui.records.models import Corpus
from tui.store import Store


def gate_load(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the folder's load (after the saved corpus is shown) until the event is set."""
    gate = threading.Event()
    real = pipeline.load_corpus

    def held(*args: Any, **kwargs: Any) -> Corpus:
        assert gate.wait(30), "the test never let the load go on"
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load_corpus", held)
    return gate


def spy_previews(monkeypatch: pytest.MonkeyPatch) -> list[CorpusView]:
    """Every view the load worker shows as a preview."""
    views: list[CorpusView] = []
    real = Loading.previewed

    def spy(self: Loading, view: CorpusView, total: int, painted: object = None) -> None:
        views.append(view)
        real(self, view, total, painted)  # type: ignore[arg-type]

    monkeypatch.setattr(Loading, "previewed", spy)
    return views


async def until(pilot: Any, condition: Callable[[], bool]) -> None:
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the dashboard never got there")


async def browse_while_held(
    app: NewsdashApp, gate: threading.Event
) -> tuple[int, str, list[str], str, int, list[str], str]:
    """What is shown while the load is held (articles, status, Timeline rows, the row a
    key moved to), then once it went on (articles, rows, status)."""
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(TimelinePane)
        await until(pilot, lambda: app.view is not None and app.previewing)
        await until(pilot, lambda: bool(pane.row_keys()))
        assert app.view is not None
        held = (len(app.view.corpus.articles), app.status_text, ids(pane.row_keys()))
        people = {p.id for p in app.view.corpus.people}
        await pilot.press("j")
        await until(pilot, lambda: app.selection is not None)
        first = app.selection.record_id if app.selection is not None else ""
        await pilot.press("k")  # back up the list (its first row was current, unselected)
        await until(pilot, lambda: app.selection is not None and app.selection.record_id != first)
        moved = app.selection.record_id if app.selection is not None else ""
        assert first in people and moved in people  # People has the focus: j moved in it
        gate.set()
        await settle(app, pilot)
        assert not app.previewing and app.view is not None
        after = (len(app.view.corpus.articles), ids(pane.row_keys()), app.status_text)
    saves_done()
    return (*held, moved, *after)


async def saved_folder(tmp_path: Path) -> tuple[Path, list[Path], Path, list[str]]:
    """A folder of four articles and a store a first (writable) session saved its corpus,
    tables and texts in: the folder, its files, the store and the Timeline's rows."""
    folder = tmp_path / "news"
    paths = write(folder, 4)
    store = tmp_path / "store.sqlite"
    rows, _, _ = await shown(dashboard(folder, store))
    return folder, paths, store, rows


@drive
async def test_a_changed_folder_shows_the_saved_corpus_until_it_is_linked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _, store, before_rows = await saved_folder(tmp_path)
    (folder / "port99.txt").write_text(STORY.format(d=28, n=9999))  # a new article

    gate = gate_load(monkeypatch)
    views = spy_previews(monkeypatch)
    count, status, rows, moved, after, new_rows, done = await browse_while_held(
        dashboard(folder, store), gate
    )
    assert count == 4 and rows == before_rows  # every record of the last session
    assert status.startswith(SAVED_SHOWN)
    assert moved  # browsable: a key moves the selection
    assert len(views) == 1 and views[0].corpus.stamp is not None
    assert after == 5 and len(new_rows) > len(rows) and done == ""  # then the new corpus


@drive
async def test_an_unchanged_folder_goes_on_with_the_corpus_shown_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _, store, rows = await saved_folder(tmp_path)

    reads: list[int] = []
    real_full = snapshot.Snapshot.full_corpus

    def counted(self: snapshot.Snapshot, texts: Any = None) -> Corpus:
        reads.append(1)
        return real_full(self, texts)

    monkeypatch.setattr(snapshot.Snapshot, "full_corpus", counted)
    builds: list[int] = []
    real_build = CorpusView.build.__func__  # type: ignore[attr-defined]

    def build(cls: type[CorpusView], corpus: Corpus) -> CorpusView:
        builds.append(1)
        return real_build(cls, corpus)  # type: ignore[no-any-return]

    monkeypatch.setattr(CorpusView, "build", classmethod(build))
    views = spy_previews(monkeypatch)
    app = dashboard(folder, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.view is not None and not app.previewing and app.status_text == ""
        assert app.view is views[0]  # the view shown first is the one kept
        assert ids(app.query_one(TimelinePane).row_keys()) == rows
    saves_done()
    assert len(reads) == 1 and len(builds) == 1  # read once, indexed once


@drive
async def test_read_only_shows_the_saved_corpus_then_the_changed_one_writing_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, paths, store, rows = await saved_folder(tmp_path)
    paths[1].write_text(STORY.format(d=9, n=4242))  # a changed article
    before = listing(tmp_path)

    gate = gate_load(monkeypatch)
    count, status, held_rows, _, after, _, done = await browse_while_held(
        dashboard(folder, store, read_only=True), gate
    )
    assert (count, held_rows, after, done) == (4, rows, 4, "")
    assert status.startswith(SAVED_SHOWN)
    assert listing(tmp_path) == before  # read-only: nothing written anywhere


def stored(tmp_path: Path) -> tuple[Path, Path, Corpus, Callable[[str], Any]]:
    """A folder of three articles loaded into a new store: the folder, the store, the corpus
    saved there (no texts file yet) and what the dashboard's loader gives ``saved_corpus``
    (the texts file saved beside the store for a corpus of the folder, by its stamp)."""
    folder = tmp_path / "news"
    write(folder, 3)
    path = tmp_path / "store.sqlite"
    with Store(path) as store:
        corpus = pipeline.load_corpus(folder, lambda _m: None, store=store)
    assert corpus.stamp is not None
    return (
        folder,
        path,
        corpus,
        (lambda stamp: SavedTables.of_folder(path, folder, stamp, False).texts()),
    )


def test_load_corpus_returns_the_corpus_shown_only_when_it_is_the_saved_one(
    tmp_path: Path,
) -> None:
    folder, path, corpus, texts = stored(tmp_path)
    assert corpus.stamp is not None
    SavedTables.of_folder(path, folder, corpus.stamp, True).save_texts(corpus)

    def whole() -> Corpus:
        with Store(path, read_only=True) as store:
            found = saved_corpus(folder, store, texts)
        assert found is not None and found.stamp == corpus.stamp
        return found

    first = whole()
    assert [a.id for a in first.articles] == [a.id for a in corpus.articles]
    with Store(path, read_only=True) as store:
        assert pipeline.load_corpus(folder, lambda _m: None, store=store, shown=first) is first
        other = whole()  # the same saved corpus, but not the one shown: read, not reused
        unstamped = other.model_copy()
        again = pipeline.load_corpus(folder, lambda _m: None, store=store, shown=unstamped)
        assert again is not unstamped and again.stamp == corpus.stamp

    (folder / "port01.txt").write_text(STORY.format(d=3, n=777))
    with Store(path) as store:
        changed = pipeline.load_corpus(folder, lambda _m: None, store=store, shown=first)
    assert changed is not first and changed.stamp != first.stamp
    assert any("777" in a.text for a in changed.articles)


def test_no_saved_corpus_without_its_texts_or_with_other_corrections(tmp_path: Path) -> None:
    folder, path, corpus, texts = stored(tmp_path)
    assert corpus.stamp is not None
    with Store(path, read_only=True) as store:
        assert saved_corpus(folder, store, texts) is None  # no texts file saved yet
    SavedTables.of_folder(path, folder, corpus.stamp, True).save_texts(corpus)
    with Store(path, read_only=True) as store:
        assert saved_corpus(folder, store, texts) is not None
        (folder / "newsdash.toml").write_text(
            '[people]\nreject = ["Rosa Antunes"]\n', encoding="utf-8"
        )
        assert saved_corpus(folder, store, texts) is None  # linked with other corrections
        assert saved_corpus(tmp_path / "elsewhere", store, texts) is None


@drive
async def test_after_a_change_to_the_dashboards_code_the_saved_corpus_is_still_shown_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _, store, rows = await saved_folder(tmp_path)
    texts = sorted(store.with_name(store.name + ".tables").glob("*-texts.sqlite"))
    made = [(p, p.stat().st_mtime_ns) for p in texts]
    monkeypatch.setattr(paged, "tables_version", lambda: "the dashboard's next code")

    views = spy_previews(monkeypatch)
    app = dashboard(folder, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.view is views[0] and views[0].corpus.stamp is not None  # whole, first
        assert ids(app.query_one(TimelinePane).row_keys()) == rows
        assert not TimelineSource.of(app.view).table().indexed  # its tables made again
        stamp = app.view.corpus.stamp
    saves_done()
    assert stamp is not None
    saved = SavedTables.of_folder(store, folder, stamp, False)
    assert saved.open(TimelineTable) is not None and saved.open(FigureTable) is not None
    assert [(p, p.stat().st_mtime_ns) for p in texts] == made  # the texts left as they were


def test_index_saves_the_tables_again_when_only_the_texts_are_of_this_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, path, corpus, _ = stored(tmp_path)
    assert corpus.stamp is not None
    assert save_for_dashboard(corpus, SavedTables.of_folder(path, folder, corpus.stamp, True))
    assert not save_for_dashboard(corpus, SavedTables.of_folder(path, folder, corpus.stamp, True))
    monkeypatch.setattr(paged, "tables_version", lambda: "the dashboard's next code")
    saved = SavedTables.of_folder(path, folder, corpus.stamp, True)
    assert saved.texts() is not None and saved.open(TimelineTable) is None
    assert save_for_dashboard(corpus, saved)  # the tables and the palette's lines made again
    assert saved.open(TimelineTable) is not None and saved.search() is not None
    assert not save_for_dashboard(corpus, saved)
