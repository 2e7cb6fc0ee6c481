"""Incremental linking (:mod:`tui.link.incremental`) gives exactly what a full re-link gives.

A pool of small articles written for this test shares names (full, surname-only, with an
initial, a double surname), dates and figures; one is a near-copy of another, one an earlier
original of it (which changes the order of originals when it comes and goes), one reprints
a story in a longer article. Random
edit sequences add, change and delete articles and change the analyst's corrections; after
every edit the incremental result must serialize exactly as :func:`tui.pipeline.link` run
from scratch on the same articles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corrections import Corrections, MergeRule, comparison_key
from tui.export import to_json
from tui.extract.people.names import fold
from tui.link.incremental import Linker
from tui.loader import load
from tui.pipeline import LinkState, link, load_corpus
from tui.records.extraction import ArticleExtraction
from tui.records.models import Article
from tui.store import Store

POOL = [
    (
        "Kessel harbour strike enters second week\n\nPublished: March 4, 2024\n"
        "Source: Coastline Post\n\nThe cost of the Kessel strike reached €12 million this year. "
        "Dock union leader Mirela Vasquez said on Monday that 1,400 workers had joined the "
        "strike. Port director Anton Belcourt told reporters the losses reached €12 million "
        "this month. Vasquez said talks would resume on March 8, 2024."
    ),
    (
        "Kessel port losses mount\n\nPublished: March 5, 2024\nSource: Evening Ledger\n\n"
        "The cost of the Kessel strike reached about €19 million this year. "
        "Port director Anton Belcourt said the strike had cost about €15 million this month. "
        "Union leader Vasquez said 1,400 workers were still out on March 5, 2024. "
        "Belcourt said the port would reopen soon."
    ),
    (
        "Talks resume at the Kessel harbour\n\nPublished: March 8, 2024\n"
        "Source: Coastline Post\n\nThe cost of the Kessel strike reached €19 million this year. "
        "Mirela Vasquez Ortega, the dock union leader, met A. Belcourt on March 8, 2024. "
        "Minister Teodor Lisk said the government would pay €3 million in aid this year. "
        "Lisk said the harbour strike had hurt exporters."
    ),
    (
        "Exporters count the cost\n\nPublished: March 9, 2024\nSource: Trade Weekly\n\n"
        "Trade minister Teodor Lisk said exports fell 12% in March 2024. Exporter Hana Roux "
        "said her firm lost €2 million this month. Roux said 300 containers were stuck."
    ),
    (
        "Harbour strike enters second week\n\nPublished: March 6, 2024\nSource: Bay Wire\n\n"
        "Dock union leader Mirela Vasquez said on Monday that 1,400 workers had joined the "
        "strike. Port director Anton Belcourt told reporters the losses reached €12 million "
        "this month. Vasquez said talks would resume on March 8, 2024."
    ),
    (
        "New port chief named\n\nPublished: April 2, 2024\nSource: Evening Ledger\n\n"
        "Lena Belcourt was named port director on April 2, 2024. Her brother Anton Belcourt "
        "left the post in March. Lena Belcourt said 1,100 workers had returned."
    ),
    (
        "Aid arrives\n\nPublished: March 20, 2024\nSource: Trade Weekly\n\n"
        "Minister T. Lisk said €4 million in aid reached exporters this month. Hana Roux said "
        "the aid came too late. Exports fell 15% in March 2024, Roux said."
    ),
    # the first story's wire original, a day earlier: put beside it, the order of the
    # originals changes (the first story becomes its copy)
    (
        "Kessel harbour strike enters second week\n\nPublished: March 3, 2024\n"
        "Source: Harbour Wire\n\nThe cost of the Kessel strike reached €12 million this year. "
        "Dock union leader Mirela Vasquez said on Monday that 1,400 workers had joined the "
        "strike. Port director Anton Belcourt told reporters the losses reached €12 million "
        "this month. Vasquez said talks would resume on March 8, 2024."
    ),
    # a longer article that reprints the strike story in its middle (partial reuse)
    (
        "Weekly port review\n\nPublished: March 10, 2024\nSource: Trade Weekly\n\n"
        "Exporter Hana Roux said the month had been the hardest her firm had known. "
        "Dock union leader Mirela Vasquez said on Monday that 1,400 workers had joined the "
        "strike. Port director Anton Belcourt told reporters the losses reached €12 million "
        "this month. Vasquez said talks would resume on March 8, 2024. Roux said 300 "
        "containers were still stuck, and that her drivers had waited for three days."
    ),
    # figures of two more keys (a rate, a count of passengers) compared across articles: a
    # conflict and an evolution each; the last repeats the first's sentence word for word
    # (one source with it) and its headline repeats its value
    (
        "Varnholt jobless rate climbs to 6.1%\n\nPublished: April 3, 2024\n"
        "Source: Valley Courier\n\nThe unemployment rate in Varnholt rose to 6.1% in March "
        "2024, the statistics office said. The Varnholt ferry carried 5,200 passengers in "
        "March 2024, its operator said."
    ),
    (
        "Varnholt labour market\n\nPublished: April 4, 2024\nSource: North Gazette\n\n"
        "Varnholt's unemployment rate was 6.4% in March 2024, the statistics office said. "
        "The Varnholt ferry carried 5,200 passengers in March 2024, according to its operator."
    ),
    (
        "Varnholt jobs data\n\nPublished: March 5, 2024\nSource: Valley Courier\n\n"
        "The unemployment rate in Varnholt stood at 5.8% in February 2024, the statistics "
        "office said. The Varnholt ferry carried 4,100 passengers in February 2024, its "
        "operator said."
    ),
    (
        "Varnholt ferry busier\n\nPublished: April 5, 2024\nSource: Bay Wire\n\n"
        "The Varnholt ferry carried 6,000 passengers in March 2024, its operator said. "
        "The unemployment rate in Varnholt rose to 6.1% in March 2024, the statistics office "
        "said."
    ),
]

SLOTS = [f"s{i:02d}" for i in range(len(POOL) + 1)]

CORRECTIONS = [
    None,
    Corrections(reject=("Hana Roux",)),
    Corrections(split=("Belcourt",)),
    Corrections(
        merge=(MergeRule(("Mirela Vasquez", "Mirela Vasquez Ortega"), "Mirela Vasquez Ortega"),)
    ),
    Corrections(reject=("Lisk",), merge=(MergeRule(("Anton Belcourt", "Lena Belcourt")),)),
]

Pool = list[tuple[Article, ArticleExtraction]]


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Pool:
    folder = tmp_path_factory.mktemp("pool")
    for i, text in enumerate(POOL):
        (folder / f"p{i:02d}.txt").write_text(text, encoding="utf-8")
    loaded = load(folder, lambda _m: None, None)
    return [(a, loaded.extractions[a.id]) for a in loaded.articles]


def _as(pool: Pool, i: int, slot: str) -> tuple[Article, ArticleExtraction]:
    article, extraction = pool[i]
    moved = article.model_copy(update={"id": slot, "path": f"{slot}.txt"})
    return moved, extraction.for_article(slot)


def _full(
    folder: dict[str, tuple[Article, ArticleExtraction]], corrections: Corrections | None
) -> str:
    ids = sorted(folder)
    # a full link drops rejected names from the extractions it is given: give it copies
    extractions = {i: folder[i][1].model_copy(deep=True) for i in ids}
    return to_json(link([folder[i][0] for i in ids], extractions, corrections=corrections))


EDIT = st.one_of(
    st.tuples(st.just("put"), st.sampled_from(SLOTS), st.integers(0, len(POOL) - 1)),
    st.tuples(st.just("delete"), st.sampled_from(SLOTS), st.just(0)),
    st.tuples(st.just("correct"), st.just(""), st.integers(0, len(CORRECTIONS) - 1)),
    st.tuples(st.just("dismiss"), st.just(""), st.integers(0, 3)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.lists(st.tuples(st.sampled_from(SLOTS), st.integers(0, len(POOL) - 1)), max_size=6),
    edits=st.lists(EDIT, min_size=1, max_size=8),
)
def test_incremental_link_equals_a_full_link(
    pool: Pool, start: list[tuple[str, int]], edits: list[tuple[str, str, int]]
) -> None:
    folder = {slot: _as(pool, i, slot) for slot, i in start}
    corrections: Corrections | None = None
    linker = Linker()
    ids = sorted(folder)
    first = linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids})
    assert to_json(first) == _full(folder, corrections)
    for action, slot, n in edits:
        changed: set[str] = set()
        if action == "put":
            folder[slot] = _as(pool, n, slot)
            changed.add(slot)
        elif action == "delete":
            folder.pop(slot, None)
            changed.add(slot)
        elif action == "correct":
            corrections = CORRECTIONS[n]
        else:  # the analyst dismisses the n-th comparison of the linked corpus, if any
            corrections = _dismissing(folder, corrections, n)
        ids = sorted(folder)
        got = linker.link(
            [folder[i][0] for i in ids],
            {i: folder[i][1] for i in ids},
            corrections=corrections,
            changed=changed,
        )
        assert to_json(got) == _full(folder, corrections), (action, slot, n)


def _dismissing(
    folder: dict[str, tuple[Article, ArticleExtraction]], corrections: Corrections | None, n: int
) -> Corrections | None:
    if not folder:
        return corrections
    ids = sorted(folder)
    extractions = {i: folder[i][1].model_copy(deep=True) for i in ids}
    corpus = link([folder[i][0] for i in ids], extractions, corrections=corrections)
    if len(corpus.comparisons) <= n:
        return corrections
    by_id = {f.id: f for f in corpus.figures}
    key = comparison_key(by_id[f] for f in corpus.comparisons[n].figures)
    base = corrections if corrections is not None else Corrections()
    return replace(base, dismiss=(*base.dismiss, key))


def test_an_untouched_corpus_reuses_every_group_of_people(pool: Pool) -> None:
    folder = {SLOTS[i]: _as(pool, i, SLOTS[i]) for i in range(len(POOL))}
    linker = Linker()
    ids = sorted(folder)
    linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids})
    assert linker.stats.reclustered == linker.stats.components > 1
    linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids}, changed=set())
    assert (linker.stats.fresh, linker.stats.reclustered, linker.stats.rebuilt) == (0, 0, 0)
    # one article changed: only the groups of its names are clustered again
    folder[SLOTS[3]] = _as(pool, 6, SLOTS[3])
    linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids}, changed={SLOTS[3]})
    assert linker.stats.fresh == 1
    assert 0 < linker.stats.reclustered < linker.stats.components


def test_comparisons_of_an_untouched_key_are_reused(pool: Pool) -> None:
    # two stories: the strike's money (slots 0, 1) and Varnholt's rate and ferry (2, 3)
    folder = {slot: _as(pool, i, slot) for slot, i in zip(SLOTS, [0, 1, 9, 10], strict=False)}
    linker = Linker()
    ids = sorted(folder)
    first = linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids})
    assert linker.stats.regrouped == linker.stats.keys > 2
    assert linker.stats.judged == 3 and linker.stats.kept == 0
    assert [c.measure.split(" ·")[0] for c in first.comparisons] == [
        "cost of the Kessel strike",
        "unemployment rate in Varnholt",
        "passengers",
    ]
    # the strike's second report replaced: the rate's and the ferry's groups are kept
    folder[SLOTS[1]] = _as(pool, 2, SLOTS[1])
    got = linker.link(
        [folder[i][0] for i in ids], {i: folder[i][1] for i in ids}, changed={SLOTS[1]}
    )
    assert to_json(got) == _full(folder, None)
    assert 0 < linker.stats.regrouped < linker.stats.keys
    assert (linker.stats.judged, linker.stats.kept) == (1, 2)
    # a Varnholt report replaced: the strike's group is kept, the other two judged again
    folder[SLOTS[3]] = _as(pool, 11, SLOTS[3])
    got = linker.link(
        [folder[i][0] for i in ids], {i: folder[i][1] for i in ids}, changed={SLOTS[3]}
    )
    assert to_json(got) == _full(folder, None)
    assert (linker.stats.judged, linker.stats.kept) == (2, 1)
    # one that prints the first's sentence word for word: the corpus now has a repeated
    # source, which every judgment weighs, so every group is judged again
    folder[SLOTS[3]] = _as(pool, 12, SLOTS[3])
    got = linker.link(
        [folder[i][0] for i in ids], {i: folder[i][1] for i in ids}, changed={SLOTS[3]}
    )
    assert to_json(got) == _full(folder, None)
    assert (linker.stats.judged, linker.stats.kept) == (3, 0)


def test_copies_compare_again_only_the_pairs_of_changed_articles(pool: Pool) -> None:
    folder = {SLOTS[i]: _as(pool, i, SLOTS[i]) for i in range(len(POOL))}
    linker = Linker()
    ids = sorted(folder)
    first = linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids})
    by_id = {a.id: a for a in first.articles}
    # the pool's copies: the wire original (slot 7) has two copies; slot 8 reprints it
    assert by_id[SLOTS[0]].copy_of == by_id[SLOTS[4]].copy_of == SLOTS[7]
    assert by_id[SLOTS[8]].shared and by_id[SLOTS[8]].copy_of is None
    compared = linker.stats.measured
    assert compared > 0
    # the original goes: the first copy becomes the original of the other, decided again
    # from pairs compared before (theirs was, when the later copy met its candidates)
    del folder[SLOTS[7]]
    ids = sorted(folder)
    got = linker.link(
        [folder[i][0] for i in ids], {i: folder[i][1] for i in ids}, changed={SLOTS[7]}
    )
    assert {a.id: a.copy_of for a in got.articles}[SLOTS[4]] == SLOTS[0]
    assert linker.stats.measured < compared and linker.stats.reused > 0
    assert to_json(got) == _full(folder, None)


def test_a_correction_touches_only_the_articles_that_name_it(pool: Pool) -> None:
    folder = {SLOTS[i]: _as(pool, i, SLOTS[i]) for i in range(len(POOL))}
    linker = Linker()
    ids = sorted(folder)
    articles, extractions = [folder[i][0] for i in ids], {i: folder[i][1] for i in ids}
    linker.link(articles, extractions)
    got = linker.link(articles, extractions, Corrections(reject=("Hana Roux",)), changed=())
    naming = {
        i
        for i, ex in extractions.items()
        for p in ex.people.persons
        if "hana roux" in {fold(t) for t in [p.name, *p.forms, *(m.text for m in p.mentions)]}
    }
    assert naming  # the pool names her
    assert linker.stats.fresh == len(naming) < len(folder)
    assert linker.stats.rebuilt < len(folder)  # the others keep their events (renamed at most)
    assert to_json(got) == _full(folder, Corrections(reject=("Hana Roux",)))


def test_a_reload_after_changes_reads_and_links_only_them(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(5):
        (folder / f"a{i}.txt").write_text(POOL[i], encoding="utf-8")
    state = LinkState()
    with Store(tmp_path / "store.sqlite") as store:
        first = load_corpus(folder, lambda _m: None, store=store, state=state)
        assert [state.incremental, len(first.articles)] == [False, 5]
        (folder / "a1.txt").write_text(POOL[1] + "\nBelcourt said 90 ships waited.\n")
        (folder / "a5.txt").write_text(POOL[5], encoding="utf-8")
        (folder / "a3.txt").unlink()
        (folder / "newsdash.toml").write_text(
            '[people]\nreject = ["Teodor Lisk"]\n\n[articles]\na2 = 2024-03-10\n'
        )
        read: list[str] = []
        again = load_corpus(
            folder, lambda _m: None, lambda _d, _t, name: read.append(name), store=store,
            state=state,
        )  # fmt: skip
    assert state.incremental
    # the unchanged files are not read again; a2 is, to be dated as the analyst says (""
    # is the loader's start-of-extraction call, naming no file)
    assert sorted(name for name in read if name) == ["a1", "a2", "a5"]
    assert next(a for a in again.articles if a.id == "a2").published.how == "analyst"
    assert state.linker.stats.fresh < len(again.articles)
    assert to_json(again) == to_json(load_corpus(folder, lambda _m: None))
