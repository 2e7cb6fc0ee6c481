"""Garbage-collector policy, decided in this one place.

Linking and reading a saved corpus create hundreds of thousands of records that all survive;
a loaded dashboard holds millions of long-lived objects. Python's cyclic collector finds
nothing to free in either and, left alone, walks them all again and again. So:

- :func:`gc_paused` turns it off around a corpus-wide stage (a load from the reading of cached
  extractions to the saved snapshot, linking, the reading of a saved corpus); reference
  counting still frees everything as usual.
- :func:`gc_resumed` turns it back on inside such a stage for work that leaves garbage cycles
  behind (parsing and extracting articles in this process).
- :func:`freeze_loaded` moves everything alive into the permanent generation once a corpus is
  loaded into the dashboard, so later collections (triggered by rendering) skip it.
- :func:`freeze_worker` does the same in an extraction worker once its imports and model are
  loaded: they live as long as the worker, and the full collections that extraction's
  allocations trigger walked their ~90,000 objects each time (~1 % of a worker's CPU).
- :func:`release_free_memory` gives the memory Python has freed back to the system once a
  corpus-wide stage is over (the C allocator keeps it otherwise: ~290 MB of the dashboard's
  1.34 GB at 100,000 articles was freed memory still resident).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from ctypes import CDLL
from functools import cache


@contextmanager
def gc_paused(*, for_a_page: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off for a block that builds many long-lived records.

    A corpus-wide stage creates tens of thousands of records that all survive it; every
    automatic collection during it walks every live object (the loaded corpus included) and
    frees nothing. Reference counting still frees everything as usual; the collector's
    previous state is restored on exit.

    On exit the objects made in the block go straight to the oldest generation, or are
    frozen when a dashboard has frozen its corpus (:func:`_to_oldest`): switched back on,
    the collector's next young collection would otherwise walk every one of them
    (everything allocated in the pause is still in the youngest generation), about 1 s
    after a load of 10,000 articles, to find them alive.

    ``for_a_page``: what the block makes lives as long as a page a screen keeps (a date's,
    a person's), not as long as the corpus: once a corpus is frozen it is left where it is
    rather than frozen, so that a cycle among it is still freed when the page is let go.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _to_oldest(freeze=not for_a_page)
            gc.enable()


def _to_oldest(*, freeze: bool = True) -> None:
    """Every object the collector tracks moved out of the young generations without a
    walk, so that no young collection is owed a pause's objects: to the oldest generation
    (``gc.freeze()`` then ``gc.unfreeze()``, each merges lists; nothing is freed or kept
    alive by it: a garbage cycle is found by the next full collection instead of a young
    one).

    When objects are frozen already (a dashboard froze its corpus, :func:`freeze_loaded`),
    unfreezing would put them back where collections walk them: what the pause made is
    frozen with them instead (a load's records, the corpus about to be shown and frozen
    anyway). Left in the youngest generation, they cost the event loop 30 s at 100,000
    articles: the first young collection after a re-link's reads walked the ~10 million
    objects they made (9.8 s), the next generation's walked them again (9.4 s), then a full
    one (11.1 s), each holding the interpreter. A garbage cycle frozen with them is not
    freed; a pause is for a stage whose objects survive (see :func:`gc_paused`). Not
    ``freeze``: left where they are (a page's rows, freed with the page)."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
    elif freeze:
        gc.freeze()


@contextmanager
def gc_resumed() -> Iterator[None]:
    """The cyclic garbage collector on for a block inside :func:`gc_paused`: extraction (a
    parse leaves garbage cycles behind) runs with it, as outside any pause. Its previous
    state is restored on exit, so the stage around the block stays paused."""
    enabled = gc.isenabled()
    if not enabled:  # inside a pause: what it made so far owes no young collection
        _to_oldest()
    gc.enable()
    try:
        yield
    finally:
        if not enabled:
            gc.disable()


def freeze_loaded() -> None:
    """Exclude every object alive now (a just-loaded corpus) from future collections."""
    gc.freeze()


def freeze_worker() -> None:
    """Exclude what an extraction worker holds for its whole life (its imports and the
    loaded model, ~90,000 objects) from its collections: a parse still leaves garbage
    cycles behind, and the collector stays on to free them, but its full passes no longer
    walk the model each time."""
    gc.freeze()


def release_free_memory() -> bool:
    """Return the heap memory freed so far to the system: glibc's ``malloc_trim(0)``, which
    goes over every arena (each thread that allocated has its own) and releases the free
    pages in them. Without it, what a load or a page made and let go stays resident: the
    dashboard's unpacking and indexing of a saved corpus of 100,000 articles leave ~290 MB
    free but resident. ~30 ms there; call it from a worker thread after a corpus-wide stage,
    never per key. False (and nothing done) where the C library has no such call (macOS,
    musl): the memory is then only reused, as before."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """The C library's ``malloc_trim``, looked up once (None where there is none)."""
    try:
        found: Callable[[int], int] | None = getattr(CDLL(None), "malloc_trim", None)
    except OSError:
        return None
    return found
