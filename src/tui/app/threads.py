"""How often the interpreter switches threads while a worker builds rows (no Textual).

A worker thread that builds rows in pure Python holds the GIL; the event loop gives it up
at every ``select()`` between its steps and waits to take it back until the worker is made
to drop it — every ``sys.getswitchinterval()`` (5 ms by default). Handling one key takes the
loop tens of steps, so with a worker running a key waited ~100 ms at 10,000 articles, about
as long as the work it was moved off the loop to avoid. :func:`short_switches` shortens
the interval while such a worker runs (workers may overlap: the first one in sets it, the
last one out restores it).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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
