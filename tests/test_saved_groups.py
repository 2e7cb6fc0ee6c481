"""The groups of figures saved in the store for the next process
(:mod:`tui.link.comparisons.saved_groups`): a "restarted" process — a fresh ``Linker`` or a
whole :func:`tui.pipeline.link`, given only what the last run saved — links exactly what a
full link without it gives, after random edit sequences; groups are read back only for keys
whose entries are the saved ones, and a changed file whose figures and names stayed as they
were touches no key."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_incremental_link import POOL, SLOTS, _full
from test_saved_derived import ARTICLES, quiet

from tui.export import to_json
from tui.link.comparisons import SavedGroups
from tui.link.comparisons.grouping import Keyed, group_keyed
from tui.link.comparisons.measures import MeasureMemo
from tui.link.comparisons.saved_groups import FORMAT, Grouped
from tui.link.incremental import Linker
from tui.loader import load
from tui.pipeline import LinkState, link, load_corpus
from tui.records.extraction import ArticleExtraction
from tui.records.models import Article
from tui.store import Store

QUIET = " Officials said talks would continue."
"""Appended to an article: its text and content change, its figures and names do not."""
NAMED = " Port director Anton Belcourt said 300 containers were stuck in Varnholt."
"""Appended: new names in the story, and a figure."""

ELSEWHERE = "elsewhere"
"""The article's places renamed: the same figures at the same places, in another story."""
REDATED = "redated"
"""The article published three days later: the same figures, names and offsets."""
RESOURCED = "resourced"
"""The article of another outlet: the same figures, names and offsets."""
REWORDED = "reworded"
"""A figure's sentence reworded around it, without names: the same figures and offsets."""

REPLACED = {
    ELSEWHERE: (("Kessel", "Dornach"), ("Varnholt", "Ostheim")),
    REDATED: (("Published: March 4,", "Published: March 9,"),),
    RESOURCED: (("Source: Coastline Post", "Source: Coastline Mail"),),
    REWORDED: (
        ("told reporters the losses", "told the press the losses"),
        ("arrested in Kessel", "arrested near Kessel"),  # after its figure: offsets kept
    ),
}

ARRESTS = [
    "Police detain protesters\n\nPublished: March 4, 2024\nSource: Coastline Post\n\n"
    "Police said 120 people were arrested in Kessel on Sunday.",
    "Arrests in Kessel\n\nPublished: March 4, 2024\nSource: Bay Wire\n\n"
    "Police said 95 people were arrested in Kessel on Sunday.",
]
"""A certain conflict, which the second's days or its sentence's words make possible only
(a tally updated between days; two places, so maybe two events): its figures stay."""
TEXTS = [*POOL, *ARRESTS]
A, B = len(POOL), len(POOL) + 1

Variant = tuple[int, str]
"""A pool article and what is appended to it (or :data:`ELSEWHERE`)."""
VARIANTS: list[Variant] = [(i, "") for i in range(len(TEXTS))] + [
    (0, QUIET),
    (2, QUIET),
    (9, QUIET),
    (0, NAMED),
    (10, NAMED),
    (1, ELSEWHERE),
    (2, ELSEWHERE),
    (10, ELSEWHERE),
    (0, REDATED),
    (0, RESOURCED),
    (0, REWORDED),
    (B, REDATED),
    (B, REWORDED),
]


def _text(variant: Variant) -> str:
    i, extra = variant
    if extra in REPLACED:
        text = TEXTS[i]
        for before, after in REPLACED[extra]:
            text = text.replace(before, after)
        return text
    return TEXTS[i] + extra


Pool = dict[Variant, tuple[Article, ArticleExtraction]]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Pool:
    folder = tmp_path_factory.mktemp("variants")
    names = {}
    for n, variant in enumerate(VARIANTS):
        (folder / f"v{n:02d}.txt").write_text(_text(variant), encoding="utf-8")
        names[f"v{n:02d}"] = variant
    loaded = load(folder, quiet, None)
    return {names[a.id]: (a, loaded.extractions[a.id]) for a in loaded.articles}


def _as(pool: Pool, variant: Variant, slot: str) -> tuple[Article, ArticleExtraction]:
    article, extraction = pool[variant]
    moved = article.model_copy(update={"id": slot, "path": f"{slot}.txt"})
    return moved, extraction.for_article(slot)


FEW = SLOTS[:5]  # few slots: edits meet the articles already there
EDIT = st.one_of(
    st.tuples(st.just("put"), st.sampled_from(FEW), st.sampled_from(VARIANTS)),
    st.tuples(st.just("delete"), st.sampled_from(FEW), st.just(VARIANTS[0])),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.lists(st.tuples(st.sampled_from(FEW), st.sampled_from(VARIANTS)), max_size=5),
    edits=st.lists(EDIT, min_size=1, max_size=6),
    unhashed=st.sets(st.sampled_from(FEW), max_size=2),
    whole=st.booleans(),
)
def test_a_restarted_link_from_the_saved_groups_equals_a_full_link(
    pool: Pool,
    start: list[tuple[str, Variant]],
    edits: list[tuple[str, str, Variant]],
    unhashed: set[str],
    whole: bool,
) -> None:
    """After every edit a new "process" (a fresh ``Linker``, or ``link`` when ``whole``)
    reads the row the last one saved; content hashes name each variant (none for the
    ``unhashed`` slots: their entries' digests decide)."""
    folder = {slot: (variant, *_as(pool, variant, slot)) for slot, variant in start}
    data: str | None = None
    for step, (action, slot, variant) in enumerate([("", "", VARIANTS[0]), *edits]):
        if action == "put":
            folder[slot] = (variant, *_as(pool, variant, slot))
        elif action == "delete":
            folder.pop(slot, None)
        ids = sorted(folder)
        hashes = {i: f"{folder[i][0]}" for i in ids if i not in unhashed}
        grouped = SavedGroups(hashes, data)
        articles = [folder[i][1] for i in ids]
        extractions = {i: folder[i][2] for i in ids}
        if whole:
            got = link(articles, dict(extractions), grouped=grouped)
        else:
            got = Linker().link(articles, extractions, grouped=grouped)
        plain = {i: (folder[i][1], folder[i][2]) for i in ids}
        assert to_json(got) == _full(plain, None), (step, action, slot, variant)
        if grouped.made is not None:
            data = grouped.made


def _linked(pool: Pool, slots: dict[str, Variant], data: str | None) -> tuple[Linker, str]:
    ids = sorted(slots)
    folder = {i: _as(pool, slots[i], i) for i in ids}
    grouped = SavedGroups({i: str(slots[i]) for i in ids}, data)
    linker = Linker()
    got = linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids}, grouped=grouped)
    assert to_json(got) == _full(folder, None)
    return linker, grouped.made or data or ""


def test_only_the_keys_a_change_touches_are_grouped_again(pool: Pool) -> None:
    slots = {s: (i, "") for s, i in zip(SLOTS, [0, 1, 2, 9, 10, 12], strict=False)}
    first, data = _linked(pool, slots, None)
    keys = first.stats.keys
    assert keys > 2 and first.stats.regrouped == keys
    again, _ = _linked(pool, slots, data)  # nothing changed: every key read back
    assert (again.stats.keys, again.stats.regrouped) == (keys, 0)
    # a sentence without names or figures: the content changed, its entries did not
    quiet = {**slots, SLOTS[0]: (0, QUIET), SLOTS[3]: (9, QUIET)}
    same, _ = _linked(pool, quiet, data)
    assert (same.stats.keys, same.stats.regrouped) == (keys, 0)
    # new names in the strike's story: its keys are grouped again, Varnholt's are not
    named = {**slots, SLOTS[0]: (0, NAMED)}
    touched, _ = _linked(pool, named, data)
    assert 0 < touched.stats.regrouped < touched.stats.keys
    # the same figures at the same places, in another story: grouped again, apart
    moved = {**slots, SLOTS[1]: (1, ELSEWHERE)}
    apart, _ = _linked(pool, moved, data)
    assert 0 < apart.stats.regrouped < apart.stats.keys


def test_judgments_are_read_back_only_for_groups_judging_would_see_alike(pool: Pool) -> None:
    """A group's saved judgment is taken when its figures, their sentences, sources,
    outlets and days are as they were (an edit outside the figures' sentences), and the
    group is judged again when any of them changed, though its figures did not."""
    slots = {s: (i, "") for s, i in zip(SLOTS, [0, 1, 2, 4, 9, 10, A, B], strict=False)}
    first, data = _linked(pool, slots, None)
    judged = first.stats.judged
    assert judged > 2 and first.stats.restored == 0
    again, _ = _linked(pool, slots, data)  # nothing changed: every keyed group read back
    assert again.stats.restored > 0 and again.stats.judged < judged
    baseline = again.stats.judged  # groups of repeats alone: judged every run
    quiet, _ = _linked(pool, {**slots, SLOTS[0]: (0, QUIET)}, data)
    assert (quiet.stats.judged, quiet.stats.restored) == (baseline, again.stats.restored)
    edits = [(0, REDATED), (0, RESOURCED), (0, REWORDED), (B, REDATED), (B, REWORDED)]
    for slot, variant in zip(
        (SLOTS[0], SLOTS[0], SLOTS[0], SLOTS[7], SLOTS[7]), edits, strict=True
    ):
        # each compared with a full link by _linked: the arrests' conflict changes
        edited, _ = _linked(pool, {**slots, slot: variant}, data)
        assert edited.stats.judged > baseline, variant
        if variant[1] != RESOURCED:  # the outlet is among a figure's names: grouped again
            assert edited.stats.regrouped == 0, variant  # the same entries: read back


def test_a_row_that_does_not_fit_is_not_read(pool: Pool) -> None:
    slots = {s: (i, "") for s, i in zip(SLOTS, [0, 1, 9, 10], strict=False)}
    first, data = _linked(pool, slots, None)
    keys = first.stats.keys
    for bad in ("not json", data.replace(f'"format":{FORMAT}', '"format":9'), data[:-2]):
        linker, _ = _linked(pool, slots, bad)
        assert linker.stats.regrouped == keys
    # an article moved in the corpus order: the keys it has are grouped again
    moved = {SLOTS[0]: (1, ""), SLOTS[1]: (0, ""), SLOTS[2]: (9, ""), SLOTS[3]: (10, "")}
    linker, _ = _linked(pool, moved, data)
    assert linker.stats.regrouped > 0


@pytest.mark.parametrize("with_state", [False, True])
def test_a_reopen_groups_no_key_after_an_edit_that_leaves_the_figures(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_state: bool
) -> None:
    """A new process re-opening a folder (a store, a fresh ``LinkState`` or none) reads every
    key's groups back when the changed file's figures and names are as they were, groups
    again when they are not, and links what a load without a store links."""
    grouped: list[tuple[str, ...]] = []
    real = group_keyed

    def counting(entries: list[Keyed], measures: MeasureMemo) -> Grouped:
        grouped.append(entries[0].key or ())
        return real(entries, measures)

    monkeypatch.setattr("tui.link.comparisons.reuse.group_keyed", counting)
    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, quiet, store=store, state=LinkState() if with_state else None)
        keys = len(grouped)
        assert keys >= 2
        edits = [
            ("Officials said talks would continue.\n", False),
            ("Analysts at Northbank expect 5 million containers.\n", True),
        ]
        for edit, regrouped in edits:
            with open(folder / "b.txt", "a") as f:
                f.write(edit)
            grouped.clear()
            again = load_corpus(
                folder, quiet, store=store, state=LinkState() if with_state else None
            )
            assert (0 < len(grouped) <= keys) if regrouped else grouped == []
            assert to_json(again) == to_json(load_corpus(folder, quiet))


def test_the_saved_groups_are_misses_under_another_version_or_checksum(
    folder: Path, tmp_path: Path
) -> None:
    path = tmp_path / "s.sqlite"
    root = str(folder.resolve())
    with Store(path) as store:
        load_corpus(folder, quiet, store=store)
        assert store.link_state(root, "groups") is not None
        with store._db:
            store._db.execute("UPDATE link_state SET data = data || ' '")
        assert store.link_state(root, "groups") is None  # damaged: a miss
        with store._db:
            store._db.execute("UPDATE link_state SET version = 'other'")
        assert store.link_state(root, "groups") is None  # another linker's: a miss
        (folder / "c.txt").unlink()
        load_corpus(folder, quiet, store=store)
        rows = store._db.execute("SELECT COUNT(*), COUNT(DISTINCT version) FROM link_state")
        assert rows.fetchone() == (1, 1)  # the other version's dropped, today's saved


def test_a_read_only_store_from_before_the_table_reads_no_groups(
    folder: Path, tmp_path: Path
) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        load_corpus(folder, quiet, store=store)
    db = sqlite3.connect(path)
    db.execute("DROP TABLE link_state")
    db.execute("DELETE FROM snapshots")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = path.read_bytes()
    with Store(path, read_only=True) as store:
        corpus = load_corpus(folder, quiet, store=store)
        assert store.link_state("x", "groups") is None and store.failure is None
    assert path.read_bytes() == before
    assert to_json(corpus) == to_json(load_corpus(folder, quiet))
    with Store(path) as store:  # opened for writing: the table is made, then filled
        load_corpus(folder, quiet, store=store)
        assert store.link_state(str(folder.resolve()), "groups") is not None
