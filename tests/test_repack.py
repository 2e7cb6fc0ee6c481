"""Repacking: attributes made again hold equal contents, the same records, the same sharing;
the arenas their originals kept are given back; the dashboard's index is repacked whole
and answers as the index made before repacking."""

from __future__ import annotations

import gc
import re
import subprocess
import sys
import threading
import weakref
from array import array
from dataclasses import dataclass, fields
from types import SimpleNamespace
from typing import Any

import pytest

from tui.app.view import CorpusView
from tui.records.models import Corpus, Person
from tui.repack import PLAIN_TYPES, repack_attributes

LOCK = type(threading.Lock())

Holder = SimpleNamespace


@dataclass
class Own:
    """A type of the index's own, made again with its attributes."""

    values: list[int]
    lock: Any


def test_repacked_attributes_are_new_equal_objects_holding_the_same_records() -> None:
    person = Person(id="p1", name="A Name")
    lock = threading.Lock()
    shared = [1, 2, 3]
    holder = Holder()
    holder.counts = {"p1": 10_000_000, "p2": 3}
    holder.spans = {"a1": array("H", [1, 5, 9, 12])}
    holder.people = {"p1": person}
    holder.twice = (shared, shared)
    holder.own = Own(shared, lock)
    holder.untouched = [7]
    before = {name: getattr(holder, name) for name in vars(holder)}

    repack_attributes(holder, ["counts", "spans", "people", "twice", "own"], own=[Own])

    for name in ("counts", "spans", "people", "twice", "own"):
        assert getattr(holder, name) == before[name]
        assert getattr(holder, name) is not before[name]
    assert holder.spans["a1"].typecode == "H"
    assert holder.people["p1"] is person  # a record is not copied
    assert holder.own.lock is lock  # nor a lock, nor any object of no type it copies
    assert holder.twice[0] is holder.twice[1]  # held twice: one copy, held twice
    assert holder.own.values is holder.twice[0]  # across attributes too
    assert holder.own.values is not shared
    assert holder.untouched is before["untouched"]  # not named: not made again


def test_a_failed_repack_leaves_the_attributes_as_they_were() -> None:
    holder = Holder()
    kept = {"a": 1}
    holder.kept = kept
    holder.bad = Own([1], lambda: None)  # a lambda held by an own type: cannot be pickled
    with pytest.raises(Exception, match="lambda"):
        repack_attributes(holder, ["kept", "bad"], own=[Own, type(lambda: None)])
    assert holder.kept is kept and isinstance(holder.bad, Own)


def test_repacking_gives_back_the_arenas_the_scratch_filled() -> None:
    """Long-lived small objects made among many short-lived ones keep most of the arenas
    those filled; made again once the scratch is gone, they need a few (in a fresh
    interpreter: the counts are CPython's allocator statistics)."""
    code = """
import re, sys
from tui.repack import repack_attributes

def arenas(label):
    sys.stderr.write(label + "\\n")
    sys.stderr.flush()
    sys._debugmallocstats()

class Holder:
    pass

holder = Holder()
scratch, kept = [], {}
for i in range(300_000):
    scratch.append((i, str(i), [i]))
    if i % 100 == 0:
        kept[str(i)] = [i, i + 1]
holder.kept = kept
del scratch, kept
arenas("before")
repack_attributes(holder, ["kept"])
arenas("after")
assert len(holder.kept) == 3000 and holder.kept["200"] == [200, 201]
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    counts = [
        int(n.replace(",", ""))
        for n in re.findall(r"# arenas allocated current\s*=\s*([\d,]+)", done.stderr)
    ]
    before, after = counts
    assert before >= 20, counts  # the kept lists spread over the scratch's arenas
    assert after <= before // 3, counts


def test_the_view_repacks_everything_it_makes(corpus: Corpus) -> None:
    """Every attribute of the index is either repacked or one of those that hold the
    corpus's own records (or locks, caches filled later): a new index made in the passes
    and left out would keep its arenas."""
    by_reference = {
        "corpus",
        "articles",
        "people",
        "comparisons",
        "event_total",
        "figure_total",
        "_mentions_sorted",
        "_sorting",
        "_quotes",
        "_text_source",
        "_made",
        "_making",
    }
    names = {f.name for f in fields(CorpusView)}
    assert set(CorpusView.REPACKED) | by_reference == names
    assert not set(CorpusView.REPACKED) & by_reference


def _contents(value: object, depth: int = 0) -> object:
    """What a value holds, for comparing a repacked index with one made as it was: plain
    values as themselves, the index's own objects by their attributes, anything else (a
    record, the corpus, a file, a lock) by identity."""
    assert depth < 20
    kind = type(value)
    if isinstance(value, dict):
        return {k: _contents(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_contents(v, depth + 1) for v in value]
    if isinstance(value, array):
        return value.typecode, value.tolist()
    if kind in PLAIN_TYPES:
        return value
    if isinstance(value, LOCK):
        return "a lock"  # each index its own
    if kind.__module__ in ("tui.app.view", "tui.link.sources"):
        slots = [s for k in kind.__mro__ for s in getattr(k, "__slots__", ())]
        state = {s: getattr(value, s) for s in slots if hasattr(value, s)}
        state.update(getattr(value, "__dict__", {}))
        return kind.__name__, {k: _contents(v, depth + 1) for k, v in state.items()}
    return "same", id(value)


def test_the_repacked_view_holds_what_the_view_made(corpus: Corpus) -> None:
    made = CorpusView._made_from(corpus)
    view = CorpusView.build(corpus)
    for name in CorpusView.REPACKED:
        assert _contents(getattr(view, name)) == _contents(getattr(made, name)), name
    assert view.sorted_events._corpus is corpus
    assert view.people == made.people and all(
        view.people[pid] is person for pid, person in made.people.items()
    )


class Record:
    """An object repacking keeps as it is (weak-referenceable)."""


def test_what_it_kept_is_not_held_once_it_returns() -> None:
    """Nothing of the call (its pickler, its lookup table) holds a kept object afterwards,
    even for the collector: a cycle holding it, frozen with everything shown, would keep it
    (a whole corpus) for good."""
    record = Record()
    gone = weakref.ref(record)
    holder = Holder(items={"a": record})
    del record
    gc.disable()
    try:
        repack_attributes(holder, ["items"])
        assert gone() is holder.items["a"]
        del holder.items
        assert gone() is None
    finally:
        gc.enable()
