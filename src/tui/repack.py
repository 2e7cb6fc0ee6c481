"""Long-lived results made again once the scratch they were made among is let go.

CPython's small-object allocator gives an arena (1 MiB of pools) back to the system only
when every object in it is gone. An index made in passes over a corpus makes millions of
short-lived objects (its scratch) and, among them, tens of thousands that live as long as
the index: each of those lands in whichever pool had room, so once the scratch is let go
they keep most of the arenas it filled resident, nearly empty. At 10,000 articles the
dashboard's index held 57 arenas (60 MB) for 4 MB of objects.

:func:`repack_attributes` pickles such results into one buffer, lets the originals go (the
arenas they kept are freed), and makes them again from the buffer: the copies fill the
pools that have room, next to one another. Written here because no library does it: the
standard library's :mod:`pickle` does the copying, and its persistent ids keep every object
that is not the index's own (records, files, locks) the same object.
"""

from __future__ import annotations

import gc
import io
import pickle
from array import array
from collections.abc import Iterable
from typing import Any

PLAIN_TYPES: frozenset[type] = frozenset(
    {dict, list, tuple, set, frozenset, str, int, float, bool, type(None), bytes, array}
)
"""What :func:`repack_attributes` makes again, besides the types it is given."""


def repack_attributes(obj: object, names: Iterable[str], own: Iterable[type] = ()) -> None:
    """Make the attributes ``names`` of ``obj`` again, once what they were made among is let
    go: their containers, strings, numbers and arrays (:data:`PLAIN_TYPES`) and objects of
    the types ``own`` become new objects with equal contents; any other object they hold (a
    record, a file, a lock) stays the same one, and an object they hold twice is held twice
    by the copies (pickle's memo). Nothing may read ``obj`` meanwhile (it lacks them).

    Once the originals are let go, a full collection empties the interpreter's free lists
    (the scratch's last freed tuples, lists, dicts and floats, kept for reuse where they
    lie, in the scratch's pools), so that those pools are freed too and the copies are not
    made in them: at 10,000 articles the dashboard's index then keeps 64 arenas where it
    kept 103 (74 without the collection).
    """
    attributes = vars(obj)
    state = {name: attributes.pop(name) for name in names}
    held: list[object] = []
    buffer = io.BytesIO()
    pickler = _Pickler(buffer, PLAIN_TYPES | frozenset(own), held)
    try:
        pickler.dump(state)
    except BaseException:
        attributes.update(state)  # as it was
        held.clear()
        raise
    finally:
        pickler.clear_memo()  # it holds every object pickled
        del pickler
    state.clear()  # the originals go here
    gc.collect()
    buffer.seek(0)
    try:
        attributes.update(_Unpickler(buffer, held).load())
    finally:
        # What is held must not outlive the call through anything left for the collector
        # (a frozen cycle is never collected: the corpus would be kept for good).
        held.clear()


class _Pickler(pickle.Pickler):
    """Copies the plain values and the types ``copied``; any other object is put in
    ``held`` and pickled as its index there (a call of :func:`_held`)."""

    def __init__(self, file: io.BytesIO, copied: frozenset[type], held: list[object]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._copied = copied
        self._held = held

    # Asked of every object but the builtin containers, strings and numbers (which pickle
    # copies without asking; a persistent id is asked of each: the whole repacking took
    # 1.06 s at 100,000 articles that way, 0.95 s this way).
    def reducer_override(self, found: object) -> Any:
        if type(found) in self._copied or found is _held or isinstance(found, type):
            return NotImplemented  # copied; the placeholder and classes by name
        self._held.append(found)
        return _held, (len(self._held) - 1,)


class _Unpickler(pickle.Unpickler):
    """Reads :func:`_held`'s calls as lookups in ``held``."""

    def __init__(self, file: io.BytesIO, held: list[object]) -> None:
        super().__init__(file)
        self._held = held

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, _held.__name__):
            return self._held.__getitem__
        return super().find_class(module, name)


def _held(index: int) -> object:
    """Stands, in what :func:`repack_attributes` pickles, for the object it keeps at
    ``index`` (its unpickler reads this name as that lookup; never called)."""
    raise RuntimeError("only repack_attributes reads what it pickled")
