"""The switch interval while row-building workers run (tui.app.threads)."""

from __future__ import annotations

import sys
import threading

from tui.app.threads import SWITCH_INTERVAL, short_switches


def test_short_switches_sets_and_restores_the_interval() -> None:
    before = sys.getswitchinterval()
    assert before != SWITCH_INTERVAL
    with short_switches():
        assert sys.getswitchinterval() == SWITCH_INTERVAL
    assert sys.getswitchinterval() == before


def test_overlapping_workers_restore_it_once_the_last_is_out() -> None:
    before = sys.getswitchinterval()
    inside, leave = threading.Event(), threading.Event()

    def worker() -> None:
        with short_switches():
            inside.set()
            leave.wait(timeout=10)

    thread = threading.Thread(target=worker)
    with short_switches():
        thread.start()
        assert inside.wait(timeout=10)
    # The first one out: the other still runs, the interval stays short.
    assert sys.getswitchinterval() == SWITCH_INTERVAL
    leave.set()
    thread.join(timeout=10)
    assert sys.getswitchinterval() == before


def test_an_error_in_the_block_restores_it() -> None:
    before = sys.getswitchinterval()
    try:
        with short_switches():
            raise ValueError("boom")
    except ValueError:
        pass
    assert sys.getswitchinterval() == before
