"""What the dashboard no longer shows is let go: a closed screen's thread workers (the
pool that runs them gives each job a context of its own, where Textual's thread workers
keep themselves, so a finished worker does not stay alive with its screen until its
thread's next job), and a replaced view with its corpus, by reference counting alone (a
cycle through it, frozen with everything shown, would never be collected)."""

from __future__ import annotations

import asyncio
import contextvars
import gc
import threading
import weakref

from test_app import MakeApp, active_screen, drive, settle

from tui.app.screens.frequency import FrequencyScreen
from tui.app.threads import FreshContextExecutor
from tui.app.view import CorpusView


@drive
async def test_a_closed_screen_is_let_go_with_what_its_workers_counted(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "F")  # its columns are counted in a thread worker
        await settle(app, pilot)
        screen = active_screen(app)
        assert isinstance(screen, FrequencyScreen)
        gone = weakref.ref(screen)
        del screen
        await pilot.press("escape")
        await settle(app, pilot)
        gc.collect()
        assert gone() is None


def test_each_job_runs_in_a_context_of_its_own() -> None:
    """A context variable a job sets is gone when the job ends; the job still sees those
    of the thread that submitted it."""
    seen = contextvars.ContextVar[str]("seen")
    seen.set("submitter")
    pool = FreshContextExecutor(max_workers=1)

    def job(value: str) -> tuple[str, str]:
        before = seen.get("unset")
        seen.set(value)
        return before, threading.current_thread().name

    try:
        first, thread = pool.submit(job, "first").result()
        second, same = pool.submit(job, "second").result()
    finally:
        pool.shutdown()
    assert thread == same  # one thread ran both
    assert first == second == "submitter"  # not the first job's value


def test_the_loop_s_default_pool_is_installed() -> None:
    async def installed() -> bool:
        FreshContextExecutor.install()
        seen = contextvars.ContextVar[int]("seen")

        def job() -> int:
            found = seen.get(0)
            seen.set(found + 1)
            return found

        loop = asyncio.get_running_loop()
        return [await loop.run_in_executor(None, job) for _ in range(3)] == [0, 0, 0]

    assert asyncio.run(installed())


@drive
async def test_a_replaced_view_is_freed_without_a_collection(make_app: MakeApp) -> None:
    """As a writable session's corpus read back from its files, or a re-link after a
    correction, replaces the view: every pane has built rows from the old one."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "down", "3", "down", "slash", "x", "enter", "1", "down")
        await settle(app, pilot)
        old = app.view
        assert old is not None
        gone = weakref.ref(old)
        corpus = old.corpus
        del old
        gc.disable()
        try:
            app.view = CorpusView.build(corpus)
            await settle(app, pilot)
            assert gone() is None
        finally:
            gc.enable()
