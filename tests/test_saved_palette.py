"""The command palette's entries saved beside the store (``tui.paged.SavedSearch``) and
searched there (``tui.app.palette.SavedPaletteIndex``): the same candidates, in the same
order, as a scan over every entry (and as the index held in memory), whatever the entries'
characters; opened only for the corpus and code that saved them; a search stopped by the
next; the dashboard saving them, and the next session, read-only, searching them at once
and writing nothing."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_app import drive, settle
from test_paged import random_corpus
from test_palette_index import LETTERS, _scanned
from test_saved_tables import dashboard, listing, saved_at, saves_done
from test_snapshot import write
from textual.command import CommandList

from tui import paged
from tui.app import NewsdashApp
from tui.app.palette import (
    LIMIT,
    PaletteIndex,
    SavedPaletteIndex,
    Section,
    palette_index,
    palette_lines,
    palette_sections,
    searchable,
)
from tui.app.records import RecordKey, RecordKind
from tui.app.view import CorpusView

SAVED_LETTERS = LETTERS + '*?[]"\x00'
"""The in-memory index's characters, and those GLOB, an FTS5 phrase or SQLite's text
functions read as more than themselves: ``*``, ``?``, ``[`` (GLOB), ``"`` (a phrase's
quote), NUL."""


def _section(texts: list[str]) -> Section[str]:
    return Section(texts, str, lambda t: "", lambda t: RecordKey(RecordKind.ARTICLE, t))


def _saved(folder: Path, parts: list[list[str]], chunk: int = paged.CHUNK) -> paged.SavedSearch:
    """``parts`` saved as the palette saves its entries, in chunks of about ``chunk`` bytes
    (one line each when 1: every line is at a chunk's edge)."""
    path = folder / "palette.sqlite"
    kept = paged.CHUNK
    paged.CHUNK = chunk
    try:
        paged.SavedSearch.save(path, "s1", ([searchable(t) for t in part] for part in parts))
    finally:
        paged.CHUNK = kept
    search = paged.SavedSearch.saved(path, "s1")
    assert search is not None
    return search


def _stored(text: str) -> str:
    """What a saved search holds of a text: its lone surrogates and NULs as U+FFFD."""
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" or c == "\x00" else c for c in text)


texts = st.lists(st.text(alphabet=st.sampled_from(SAVED_LETTERS), max_size=12), max_size=30)
queries = st.text(alphabet=st.sampled_from(SAVED_LETTERS.replace("\n", "")), max_size=5)


@settings(max_examples=300, deadline=None)
@given(texts, queries)
@example(["a*b", "axb"], "a*b")  # GLOB's wildcard, found as itself
@example(["a?b", "axb"], "?")
@example(["[ab]", "a", "b"], "[a")
@example(['say "no"', "say no"], '"no"')  # a phrase's quote
@example(["nul\x00here", "nul here"], "l\x00h")
@example(["bad \udc80 byte"], "\udc80 b")
@example(["İstanbul", "istanbul"], "i̇s")
@example(["Σας", "σας"], "σας")
@example(["", "?"], "?")  # an empty first line
@example(["ab", "", "", "ba"], "a")
def test_saved_candidates_are_a_scan_over_every_entry(texts: list[str], query: str) -> None:
    chunk = [paged.CHUNK, 1, 7][len(texts) % 3]  # one chunk; a line each; a few lines each
    with tempfile.TemporaryDirectory() as folder:
        search = _saved(Path(folder), [texts], chunk)
        found = SavedPaletteIndex([_section(texts)], search).candidates(query)
        scanned = _scanned([_stored(t) for t in texts], _stored(query))
        assert [_stored(e.text) for e in found] == scanned


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=3 * LIMIT), queries)
def test_saved_candidates_stop_at_the_limit_in_entry_order(count: int, query: str) -> None:
    texts = [f"{i} İb—Σ 😀 a\u0301ß" if i % 3 else f"{i} ab" for i in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        search = _saved(Path(folder), [texts[: count // 2], texts[count // 2 :]], 100)
        index = SavedPaletteIndex([_section(texts[: count // 2]), _section(texts[count // 2 :])],
                                  search)  # fmt: skip
        assert [e.text for e in index.candidates(query)] == _scanned(texts, query)
        assert search.firsts == [0, count // 2] and len(index) == count


@pytest.mark.parametrize("query", ["ab", "abc"])  # a scan, the trigram index
def test_letters_in_order_fill_up_to_the_limit_after_the_substrings(
    tmp_path: Path, query: str
) -> None:
    """Fewer entries hold the query than the limit, more hold its letters apart: the first
    come first, the second fill up to the limit, none twice."""
    spaced = "-".join(query)
    texts = [spaced if i % 8 else f"{i} {query}" for i in range(4 * LIMIT)]
    index = SavedPaletteIndex([_section(texts)], _saved(tmp_path, [texts]))
    found = [e.text for e in index.candidates(query)]
    assert found == _scanned(texts, query)
    assert len(found) == LIMIT and found[: LIMIT // 2] == texts[::8]
    assert found[LIMIT // 2 :] == [spaced] * (LIMIT // 2)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_views_saved_entries_are_searched_as_those_in_memory(tmp_path: Path, seed: int) -> None:
    """Every section of a corpus view (people, pages, dates, figures, comparisons, conflict
    views, date pages, articles): the same entries by number, the same candidates."""
    view = CorpusView.build(random_corpus(seed, articles=20))
    memory = palette_index(view)
    saved = saved_at(tmp_path)
    saved.save_search(palette_lines(view))
    search = saved.search()
    assert search is not None
    index = SavedPaletteIndex.of(view, search)
    assert index is not None
    assert len(index) == len(memory) and index.firsts == memory.firsts
    assert index.entries() == memory.entries()
    words = {w for e in memory.entries()[:: max(1, len(memory) // 40)] for w in e.text.split()}
    for query in [*sorted(words)[:60], "e", "st", "zzq", "date: ", "figure", "≠", "ng"]:
        assert index.candidates(query) == memory.candidates(query), query


def test_saved_entries_are_opened_only_for_their_corpus_and_code(tmp_path: Path) -> None:
    view = CorpusView.build(random_corpus(4, articles=10))
    saved = saved_at(tmp_path)
    assert saved.search() is None  # nothing saved yet
    saved.save_search(palette_lines(view))
    assert saved.search() is not None
    assert saved_at(tmp_path, corpus="c2").search() is None  # re-linked
    assert saved_at(tmp_path, version="v2").search() is None  # new code
    path = saved.path(paged.SavedSearch.KIND)
    path.write_bytes(path.read_bytes()[:100])  # damaged
    assert saved.search() is None
    reader = paged.SavedTables.beside(tmp_path / "store.sqlite", "/news", "c1", "v1", False)
    reader.save_search(palette_lines(view))  # a read-only session saves nothing
    assert reader.search() is None


def test_saved_entries_of_other_sections_are_not_used(tmp_path: Path) -> None:
    """A file whose sections' sizes are not the view's (another corpus under the same stamp:
    never, but never misread either) is not searched: the palette builds its own."""
    view = CorpusView.build(random_corpus(5, articles=10))
    other = CorpusView.build(random_corpus(6, articles=12))
    saved = saved_at(tmp_path)
    saved.save_search(palette_lines(other))
    search = saved.search()
    assert search is not None
    assert SavedPaletteIndex.of(view, search) is None
    assert SavedPaletteIndex.of(other, search) is not None


def test_a_search_started_meanwhile_stops_the_one_under_way(tmp_path: Path) -> None:
    """A keystroke's search runs in a thread and outlives its key: the next one's start
    stops it (it gives None, not stale hits), and the next one is answered."""
    texts = [f"entry {i} about port workers" for i in range(500)]
    search = _saved(tmp_path, [texts])
    results: list[list[int] | None] = []
    with search._lock:  # the first search waits for the statement under way
        first = threading.Thread(target=lambda: results.append(search.found("port", 10)))
        first.start()
        while search._latest < 1:
            first.join(0.01)
        later = threading.Thread(target=lambda: results.append(search.found("workers", 10)))
        later.start()
        while search._latest < 2:
            later.join(0.01)
    first.join(10)
    later.join(10)
    assert sorted(results, key=lambda r: r is not None) == [None, list(range(10))]


def test_the_memory_index_is_what_a_session_without_the_file_uses() -> None:
    view = CorpusView.build(random_corpus(7, articles=5))
    assert isinstance(palette_index(view), PaletteIndex)
    assert [list(part) for part in palette_lines(view)] == [
        [searchable(t) for t in section.all_texts()] for section in palette_sections(view)
    ]


async def palette_hits(app: NewsdashApp, query: str) -> tuple[list[str], bool]:
    """The palette's hits for ``query`` once the whole corpus is shown, and whether its
    index was the saved one, ready before the palette was first opened."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.view is not None
        ready = app.palette_indexes.ready(app.view)
        await pilot.press("ctrl+p", *query)
        await settle(app, pilot)
        results = app.screen.query_one(CommandList)
        hits = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        await pilot.press("escape")
    saves_done()
    return hits, isinstance(ready, SavedPaletteIndex)


@drive
async def test_the_dashboard_saves_the_palette_and_the_next_session_searches_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    write(folder, 4)
    store = tmp_path / "store.sqlite"
    hits, saved = await palette_hits(dashboard(folder, store), "dockers")
    assert hits and not saved  # built in memory, then saved with the tables
    tables = store.with_name(store.name + ".tables")
    assert len(list(tables.glob("*-palette.sqlite"))) == 1

    before = listing(tmp_path)
    again = await palette_hits(dashboard(folder, store, read_only=True), "dockers")
    assert again == (hits, True)  # the same hits, from the saved file, ready at once
    assert listing(tmp_path) == before  # read-only: nothing written
    assert await palette_hits(dashboard(folder, store, read_only=True), "rosa") != ([], True)
