"""The collector policy: a pause ends with its objects in the oldest generation, unwalked,
and frees or keeps nothing differently."""

from __future__ import annotations

import gc
import platform
import subprocess
import sys
import weakref
from collections.abc import Iterator

import pytest

from tui.gcpolicy import gc_paused, gc_resumed


class Node:
    """A weak-referenceable object that can sit in a reference cycle."""

    other: Node | None = None


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.enable()
    yield
    if not enabled:
        gc.disable()


FRESH = """
import gc
from tui.gcpolicy import gc_paused, gc_resumed

class Node:
    pass

def in_generation(obj, generation):
    return any(o is obj for o in gc.get_objects(generation=generation))

def tracked(obj):
    return any(in_generation(obj, g) for g in range(3))

gc.enable()
"""


def in_a_fresh_interpreter(code: str) -> None:
    """Run ``code`` after :data:`FRESH` in a new interpreter, where nothing is frozen (a
    dashboard test before may have frozen its corpus here), and check it passed."""
    run = [sys.executable, "-c", FRESH + code]
    result = subprocess.run(run, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_objects_made_in_a_pause_end_in_the_oldest_generation() -> None:
    in_a_fresh_interpreter("""
assert gc.get_freeze_count() == 0
with gc_paused():
    assert not gc.isenabled()
    kept = [Node() for _ in range(1000)]
assert gc.isenabled()
assert gc.get_count()[0] < 100, gc.get_count()  # no young collection is owed the pause's
assert in_generation(kept[0], 2) and not in_generation(kept[-1], 0)
""")


def test_a_garbage_cycle_made_in_a_pause_is_still_collected() -> None:
    """As the command line runs a load: nothing frozen (a dashboard test before this one
    may have frozen its corpus; a pause then freezes what it made, cycles too)."""
    gc.unfreeze()
    with gc_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
    assert gone() is not None  # only the collector frees a cycle
    gc.collect()
    assert gone() is None


FROZEN = """
shown = [Node() for _ in range(100)]  # a dashboard's corpus, frozen once shown
gc.freeze()
frozen = gc.get_freeze_count()
with gc_paused():
    read = [Node() for _ in range(1000)]  # a re-link's reads, in its pause
    with gc_resumed():  # extraction: the collector on, owed none of the reads
        assert gc.get_count()[0] < 100, gc.get_count()
        assert not tracked(read[0]) and not tracked(shown[0])
    linked = [Node() for _ in range(1000)]
assert gc.isenabled() and gc.get_count()[0] < 100, gc.get_count()
assert not tracked(shown[0]) and not tracked(read[-1]) and not tracked(linked[-1])
assert gc.get_freeze_count() >= frozen + 2000
"""


def test_frozen_objects_stay_frozen_and_a_pause_freezes_what_it_made() -> None:
    """The dashboard freezes its loaded corpus (freeze_loaded); a later load's pause must
    not put it back where collections walk it, and what the pause made is frozen with it:
    at 100,000 articles the young collections owed a re-link's reads held the event loop
    30 s (a fresh interpreter: nothing else frozen)."""
    in_a_fresh_interpreter(FROZEN)


def test_a_pages_pause_leaves_its_objects_to_the_collector_once_a_corpus_is_frozen() -> None:
    """A date's or a person's page lives as long as the screen keeps it: its rows are not
    frozen with the corpus, so a cycle among them is freed when the page is let go."""
    in_a_fresh_interpreter("""
import weakref
gc.freeze()  # a corpus shown
frozen = gc.get_freeze_count()
with gc_paused(for_a_page=True):
    rows = [Node() for _ in range(1000)]
    a, b = Node(), Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    del a, b
assert gc.get_freeze_count() == frozen and tracked(rows[0]) and tracked(rows[-1])
gc.collect()
assert gone() is None
""")


def test_a_resume_inside_a_pause_owes_no_young_collection() -> None:
    in_a_fresh_interpreter("""
assert gc.get_freeze_count() == 0
with gc_paused():
    kept = [Node() for _ in range(1000)]
    with gc_resumed():
        assert gc.get_count()[0] < 100, gc.get_count()
        assert in_generation(kept[0], 2) and in_generation(kept[-1], 2)
    assert not gc.isenabled()
assert gc.get_freeze_count() == 0  # nothing frozen where nothing was
""")


def test_a_pause_inside_a_pause_and_a_resume_restore_each_state() -> None:
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not switch it on
        with gc_resumed():
            assert gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()  # left off by its owner: not switched on by a pause


TRIMMED = """
import os, sys
from tui.gcpolicy import release_free_memory

def resident() -> int:
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

big, kept = [], []
for i in range(100_000):  # 200 MB of blocks the C allocator hands out, a small one kept
    big.append(bytes(2000))  # every 32 KB: freed, they stay resident between those
    if i % 16 == 0:
        kept.append(bytes(600))
del big
before = resident()
released = release_free_memory()
print(released, (before - resident()) // 1_000_000)
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="malloc_trim is glibc's: elsewhere the call does nothing and says so",
)
def test_memory_freed_between_kept_blocks_is_given_back_to_the_system() -> None:
    """What Python frees is kept resident by the C allocator when live blocks sit between
    the free ones (a loaded corpus among a load's scratch); :func:`release_free_memory`
    gives it back: most of 200 MB freed between kept blocks leaves the process."""
    found = subprocess.run(
        [sys.executable, "-c", TRIMMED], capture_output=True, text=True, check=True
    ).stdout.split()
    assert found[0] == "True" and int(found[1]) > 100, found


def test_the_load_worker_gives_back_what_reading_and_indexing_let_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dashboard's index, made in the load worker, ends by giving the memory its
    making let go back to the system (once: not per key)."""
    from tui.app import loading
    from tui.records.models import Corpus

    calls: list[str] = []

    def released() -> bool:
        calls.append("released")
        return True

    monkeypatch.setattr(loading, "release_free_memory", released)
    view = loading.indexed(Corpus())
    assert view.corpus.articles == [] and len(calls) == 1
