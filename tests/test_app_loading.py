"""Loading in the dashboard: a preview of the newest articles is usable before the rest."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

from test_app import drive, settle

from tui.app import NewsdashApp
from tui.app.panes.people import PeoplePane
from tui.app.panes.source import SourcePane
from tui.app.panes.timeline import TimelinePane
from tui.models import Corpus
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
        assert set(timeline.row_keys()) == shown
        status = str(app.query_one("#status").render())
        assert f"newest 1 of {len(corpus.articles)} articles shown" in status
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
        expected = set(app.view.event_ids_for(chosen, None))
        assert set(timeline.row_keys()) == expected
        assert len(expected) >= len([e for e in part.events if chosen in e.people])
        people = app.query_one(PeoplePane)
        assert len(people.visible_people()) == len(corpus.people)
        status = str(app.query_one("#status").render())
        assert "newest" not in status and "1 warning (w)" in status


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
