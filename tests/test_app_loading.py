"""Loading in the dashboard: a preview of the newest articles is usable before the rest."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_app import drive, ids, settle

from tui.app import NewsdashApp
from tui.app.panes.people import PeoplePane
from tui.app.panes.source import SourcePane
from tui.app.panes.timeline import TimelinePane
from tui.app.screens.person import PersonScreen
from tui.records.models import Corpus
from tui.snapshot import restrict


@drive
async def test_preview_is_browsable_then_the_whole_corpus_replaces_it(corpus: Corpus) -> None:
    first = corpus.articles[0].id
    part = restrict(corpus, {first})
    release = threading.Event()

    def loader(
        path: Path,
        warn: Callable[[str], None],
        progress: Callable[[int, int, str], None],
        preview: Callable[[Corpus, int], None],
    ) -> Corpus:
        preview(part, len(corpus.articles))
        assert release.wait(10), "the test never released the loader"
        warn("late.txt: skipped, empty file")
        return corpus

    app = NewsdashApp(path=Path("unused"), theme="newsdash", loader=loader)
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if app.view is not None and app.query_one(TimelinePane).row_keys():
                break
        timeline = app.query_one(TimelinePane)
        shown = {e.id for e in part.events}
        assert set(ids(timeline.row_keys())) == shown
        status = str(app.query_one("#status").render())
        assert f"1 of {len(corpus.articles)} articles shown" in status
        # The preview is usable: pick a person and move in the timeline.
        await pilot.press("enter")
        await pilot.pause()
        chosen = app.person_filter
        assert chosen is not None
        assert app.query_one(SourcePane).article_id == first

        release.set()
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        assert app.view is not None and len(app.view.corpus.articles) == len(corpus.articles)
        assert app.person_filter == chosen  # the choice made in the preview is kept
        page = app.screen  # Enter opened the person's page: it now reads the whole corpus
        assert isinstance(page, PersonScreen)
        assert page.view is app.view and page.person_id == chosen
        expected = set(app.view.event_ids_for(chosen, None))
        assert set(ids(timeline.row_keys())) == expected
        assert len(expected) >= len([e for e in part.events if chosen in e.people])
        people = app.query_one(PeoplePane)
        assert len(people.visible_people()) == len(corpus.people)
        status = str(app.query_one("#status").render())
        assert "articles shown" not in status and "1 warning (w)" in status


def test_preview_loader_is_released_on_failure() -> None:
    """A loader that raises after its preview shows a message, never a traceback."""

    def loader(
        path: Path,
        warn: Callable[[str], None],
        progress: Callable[[int, int, str], None],
        preview: Callable[[Corpus, int], None],
    ) -> Corpus:
        raise RuntimeError("disk vanished")

    async def run() -> None:
        app = NewsdashApp(path=Path("unused"), theme="newsdash", loader=loader)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            from tui.app.screens.modals import MessageScreen

            assert isinstance(app.screen, MessageScreen)
            assert "disk vanished" in app.screen.message

    asyncio.run(run())


def renumbered(corpus: Corpus) -> Corpus:
    """The corpus with its people's ids reversed, as a preview linked alone could number them."""
    ids = [p.id for p in corpus.people]
    swap = dict(zip(ids, reversed(ids), strict=True))
    return corpus.model_copy(
        update={
            "people": [p.model_copy(update={"id": swap[p.id]}) for p in corpus.people],
            "events": [
                e.model_copy(update={"people": [swap[x] for x in e.people]}) for e in corpus.events
            ],
        }
    )


def test_choices_made_in_a_preview_are_found_again_by_name(corpus: Corpus) -> None:
    from tui.app.records import RecordKey, RecordKind
    from tui.app.view import CorpusView, Selection, carry_person, carry_selection

    whole = CorpusView.build(corpus)
    preview = CorpusView.build(renumbered(restrict(corpus, {corpus.articles[0].id})))
    for person in preview.corpus.people:
        carried = carry_person(preview, whole, person.id)
        assert carried is not None and whole.people[carried].name == person.name
    assert carry_person(preview, whole, None) is None
    person = preview.corpus.people[0]
    mention = person.mentions[-1]
    key = RecordKey(RecordKind.MENTION, person.id)
    picked = Selection(key, mention.article_id, mention.start, mention.end, 0)
    moved = carry_selection(preview, whole, picked)
    assert moved is not None and moved.kind is RecordKind.MENTION
    assert whole.people[moved.record_id].name == person.name
    spans = whole.person_mentions(moved.record_id)
    assert (spans[moved.index].article_id, spans[moved.index].start) == (
        mention.article_id,
        mention.start,
    )
    comparison = corpus.comparisons[0]
    changed = whole.corpus.model_copy(
        update={
            "comparisons": [
                c.model_copy(update={"figures": c.figures[:1]}) if c.id == comparison.id else c
                for c in corpus.comparisons
            ]
        }
    )
    picked = Selection(RecordKey(RecordKind.COMPARISON, comparison.id), "wire", 5, 9)
    fallback = carry_selection(whole, CorpusView.build(changed), picked)
    assert fallback == Selection(RecordKey(RecordKind.ARTICLE, "wire"), "wire", 5, 9)
    event = corpus.events[0]
    key = RecordKey(RecordKind.EVENT, event.id)
    kept = Selection(key, event.article_id, event.when.start, event.when.end)
    assert carry_selection(preview, whole, kept) == kept


def test_a_big_folder_is_previewed_while_it_is_extracted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.snapshot
    from tui.app.view import CorpusView

    monkeypatch.setattr(tui.snapshot, "HEAD_ARTICLES", 2)
    for i in range(4):
        (tmp_path / f"n{i}.txt").write_text(
            f"OSLO (Wire) - Mayor Ines Duarte said on {i + 1} March 2024 that {i + 5} "
            "ferries would run.\n",
            encoding="utf-8",
        )
    shown: list[int] = []
    original = NewsdashApp.previewed

    def spy(app: NewsdashApp, view: CorpusView, total: int, painted: object = None) -> None:
        shown.append(len(view.corpus.articles))
        original(app, view, total, painted)  # type: ignore[arg-type]

    monkeypatch.setattr(NewsdashApp, "previewed", spy)

    async def run() -> None:
        app = NewsdashApp(path=tmp_path, theme="newsdash")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            assert app.view is not None and len(app.view.corpus.articles) == 4
            assert not app.previewing

    asyncio.run(run())
    assert shown == [2]


@drive
async def test_before_anything_is_read_the_panes_say_loading_not_zero(corpus: Corpus) -> None:
    release = threading.Event()

    def loader(
        path: Path,
        warn: Callable[[str], None],
        progress: Callable[[int, int, str], None],
        preview: Callable[[Corpus, int], None],
    ) -> Corpus:
        progress(0, len(corpus.articles), "")  # extraction starting, the parser loading
        assert release.wait(10), "the test never released the loader"
        return corpus

    app = NewsdashApp(path=Path("unused"), theme="newsdash", loader=loader)
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(20):
            await pilot.pause()
        timeline = app.query_one(TimelinePane)
        assert app.view is None
        assert (timeline.border_title, timeline.border_subtitle) == ("Timeline", "loading…")
        status = str(app.query_one("#status").render())
        assert f"loading 0/{len(corpus.articles)}: starting the language parser" in status
        release.set()
        await app.workers.wait_for_complete()
        await settle(app, pilot)
        assert timeline.border_title == f"Timeline ({len(corpus.events)})"
        assert timeline.border_subtitle == ""


def test_the_loader_says_when_extraction_starts(tmp_path: Path) -> None:
    from tui import loader as loading

    (tmp_path / "a.txt").write_text("Dock workers returned to work on Monday, a union said.\n")
    calls: list[tuple[int, int, str]] = []
    loading.load(tmp_path, lambda _: None, lambda *c: calls.append(c))
    assert calls == [(0, 1, ""), (1, 1, "a")]


@drive
async def test_the_panes_tables_are_made_by_the_load_worker_not_the_event_loop(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Timeline's and Figures' tables of the preview and of the whole corpus are made
    in the load worker (seconds at 10,000 articles), so the panes' fills on the event loop
    only read them."""
    from tui import paged

    made: list[tuple[str, bool]] = []
    init = paged.PagedTable.__init__

    def recording(self: paged.PagedTable, db: sqlite3.Connection) -> None:
        made.append((type(self).__name__, threading.current_thread() is threading.main_thread()))
        init(self, db)

    monkeypatch.setattr(paged.PagedTable, "__init__", recording)
    part = restrict(corpus, {corpus.articles[0].id})

    def loader(
        path: Path,
        warn: Callable[[str], None],
        progress: Callable[[int, int, str], None],
        preview: Callable[[Corpus, int], None],
    ) -> Corpus:
        preview(part, len(corpus.articles))
        return corpus

    app = NewsdashApp(path=Path("unused"), theme="newsdash", loader=loader)
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        timeline = app.query_one(TimelinePane)
        assert set(ids(timeline.row_keys())) == {e.id for e in corpus.events}
    assert sorted(made) == sorted(
        [("TimelineTable", False), ("FigureTable", False)] * 2
    )  # the preview's and the whole corpus's, none on the event loop


@drive
async def test_progress_a_file_at_a_time_is_posted_a_few_times_a_second(corpus: Corpus) -> None:
    """Cached extractions are read thousands a second: each file's progress posted made the
    status line render again (5 million objects in cycles over a re-link's reads at 100,000
    files). At most one every ``PROGRESS_EVERY`` is posted; the start of extraction and the
    last file always are."""
    from tui.app import loading
    from tui.app.messages import LoadProgress

    files = 20_000
    spent: list[float] = []

    def loader(
        path: Path,
        warn: Callable[[str], None],
        progress: Callable[[int, int, str], None],
        preview: Callable[[Corpus, int], None],
    ) -> Corpus:
        started = time.monotonic()
        for done in range(1, files // 2):
            progress(done, files, f"cached-{done}.txt")
        progress(files // 2, files, "")  # extraction starts
        for done in range(files // 2 + 1, files + 1):
            progress(done, files, f"new-{done}.txt")
        spent.append(time.monotonic() - started)
        return corpus

    seen: list[tuple[int, int, str]] = []

    class Posted(LoadProgress):  # every one the worker posts (the queue merges them)
        def __init__(self, done: int, total: int, name: str) -> None:
            super().__init__(done, total, name)
            seen.append((done, total, name))

    app = NewsdashApp(path=Path("unused"), theme="newsdash", loader=loader)
    app.animation_level = "none"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loading, "LoadProgress", Posted)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await settle(app, pilot)
    posted = [done for done, _, _ in seen]
    allowed = 3 + int(spent[0] / loading.PROGRESS_EVERY) + 1
    assert 0 < len(seen) <= allowed, (len(seen), spent)
    assert (files // 2, files, "") in seen and posted[-1] == files
    assert posted == sorted(posted)
