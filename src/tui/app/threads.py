"""The threads the dashboard's workers run in (no Textual): how often the interpreter
switches between them and the event loop, and the pool that runs them.

A worker thread that builds rows in pure Python holds the GIL; the event loop gives it up
at every ``select()`` between its steps and waits to take it back until the worker is made
to drop it — every ``sys.getswitchinterval()`` (5 ms by default). Handling one key takes the
loop tens of steps, so with a worker running a key waited ~100 ms at 10,000 articles, about
as long as the work it was moved off the loop to avoid. :func:`short_switches` shortens
the interval while such a worker runs (workers may overlap: the first one in sets it, the
last one out restores it).
"""

from __future__ import annotations

import asyncio
import contextvars
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")

SWITCH_INTERVAL = 0.0005
"""Seconds between forced thread switches while a row-building worker runs."""

_lock = threading.Lock()
_running = 0
_saved = 0.0


@contextmanager
def short_switches(interval: float = SWITCH_INTERVAL) -> Iterator[None]:
    """The interpreter's switch interval at ``interval`` for the block."""
    global _running, _saved
    with _lock:
        if _running == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(interval)
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_saved)


class FreshContextExecutor(ThreadPoolExecutor):
    """A thread pool whose every job runs in a copy of the submitting thread's context,
    let go when the job ends (what :func:`asyncio.to_thread` does). The dashboard's event
    loop runs its thread workers in it (:meth:`install`).

    Textual's thread workers set their ``active_worker`` context variable in the context
    of the pool's thread itself, where it stayed until that thread's next job: the last
    worker of each of the pool's threads was kept alive, with the screen or pane it ran
    for and all that held — the frequency table's 700,000 counted facts, a person's page
    of 127,000 rows — long after the screen was closed (100,000 articles: 324 MB with
    every pane filled, 2 GB after a few screens)."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        context = contextvars.copy_context()
        return super().submit(lambda: context.run(fn, *args, **kwargs))

    @classmethod
    def install(cls) -> None:
        """Make one the running event loop's default executor (where Textual's thread
        workers and ``run_in_executor(None, …)`` run)."""
        asyncio.get_running_loop().set_default_executor(cls(thread_name_prefix="newsdash-worker"))
