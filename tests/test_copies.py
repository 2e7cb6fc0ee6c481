"""Copy detection (tui.link.copies): exact, near and partial copies, same-topic stories that
are not copies, the original of a cluster, and the export fields."""

from __future__ import annotations

import json

import pytest
from copytexts import (
    DAILY,
    OTHER_STORY,
    WIRE,
    article,
    earnings,
    embedded,
    redated,
    retitled,
    trimmed,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.export import to_json
from tui.ingest.fingerprint import NUM_PERM, fingerprint, minhash_values, normalized, sentence_hash
from tui.link import copies
from tui.link.comparisons.judge import judge_groups
from tui.link.comparisons.prose import ValuePhrases
from tui.link.copies import (
    BUCKET_CAP,
    COPY_SHARE,
    STORIES_CAP,
    BandIndex,
    CopyIndex,
    CopyMemo,
    detect_copies,
    with_copies,
)
from tui.link.sources import Sources
from tui.records.models import Article, Corpus, Figure, SharedPassage


def detect(*articles: Article) -> dict[str, list[tuple[str, str, float]]]:
    links = detect_copies(articles, {a.id: fingerprint(a) for a in articles})
    return {k: [(link.source, link.kind, link.share) for link in v] for k, v in links.items()}


def test_exact_copy_ignores_case_spacing_and_punctuation() -> None:
    again = WIRE.upper().replace(" - ", " -- ").replace("\n", "\n\n")
    found = detect(article("wire", WIRE), article("again", again, day=13))
    assert found == {"again": [("wire", "exact", 1.0)]}


def test_near_copy_trimmed_retitled_with_another_dateline() -> None:
    copy = redated(retitled(trimmed(WIRE, 2), "Strike at Harbourton port drags on"))
    found = detect(article("wire", WIRE), article("herald", copy, day=14))
    [(source, kind, share)] = found["herald"]
    assert (source, kind) == ("wire", "copy")
    assert COPY_SHARE <= share < 1.0


def test_one_reworded_sentence_and_added_paragraph_stay_a_copy() -> None:
    copy = WIRE.replace(
        "Shipping lines have started to divert vessels to neighbouring ports",
        "Several carriers are now sending their ships to other harbours",
    )
    copy += "Our reporter spoke to drivers queuing at the gates, who had waited two days.\n"
    found = detect(article("wire", WIRE), article("daily", copy, day=15))
    assert found["daily"][0][:2] == ("wire", "copy")


def test_embedded_story_is_partial_reuse_not_a_copy() -> None:
    longer = embedded(WIRE)
    links = detect_copies(
        [article("wire", WIRE), article("weekly", longer, day=20)],
        {
            "wire": fingerprint(article("wire", WIRE)),
            "weekly": fingerprint(article("weekly", longer, day=20)),
        },
    )
    [link] = links["weekly"]
    assert (link.source, link.kind) == ("wire", "partial")
    assert link.share < COPY_SHARE and link.source_share >= 0.9
    # The passage is the story's body, where the longer article prints it (its final
    # full stop is punctuation, not a word).
    body = WIRE.split("\n", 2)[2].strip()
    [(start, end)] = link.passages
    assert longer[start:end] == body[: end - start]
    assert body[end - start :] == "."


@pytest.mark.parametrize(
    "other",
    [
        earnings("Brill Mills", "Anna Kessler", "Dortwin", (42, 35, 610, 150)),
        earnings("Calder Foods", "Marc Osei", "Lunmouth", (17, 20, 245, 40)),
    ],
)
def test_same_topic_same_template_is_not_a_copy(other: str) -> None:
    first = earnings("Acme Steel", "Rosa Varga", "Harbourton", (120, 98, 1450, 300))
    assert detect(article("acme", first), article("other", other, day=13)) == {}


def test_different_stories_are_not_copies() -> None:
    assert detect(article("wire", WIRE), article("tram", OTHER_STORY)) == {}


def test_the_original_is_the_earliest_then_the_fullest() -> None:
    short = trimmed(WIRE, 2)
    # The trimmed version was published first: it is the original.
    found = detect(article("full", WIRE, day=14), article("short", short, day=12))
    assert list(found) == ["full"] and found["full"][0][:2] == ("short", "copy")
    # Same day: the fullest is the original.
    found = detect(article("full", WIRE, day=12), article("short", short, day=12))
    assert list(found) == ["short"] and found["short"][0][0] == "full"
    # Undated articles come after dated ones.
    found = detect(article("undated", WIRE, day=None), article("dated", short, day=20))
    assert list(found) == ["undated"]


def test_copies_of_copies_join_the_first_cluster() -> None:
    a = article("a", WIRE, day=10)
    b = article("b", redated(trimmed(WIRE, 1)), day=11)
    c = article(
        "c", retitled(redated(trimmed(WIRE, 1)), "Harbourton strike: no end in sight"), day=12
    )
    found = detect(a, b, c)
    assert found["b"][0][:2] == ("a", "copy")
    assert found["c"][0][0] == "a"


def test_the_index_is_incremental_and_keeps_copies_out_of_lsh() -> None:
    index = CopyIndex()
    wire = article("wire", WIRE)
    assert index.add(wire, fingerprint(wire)) == []
    for n in range(5):
        copy = article(f"copy{n}", retitled(WIRE, f"Reprint number {n} of the port story"))
        [link] = index.add(copy, fingerprint(copy))
        assert link.source == "wire"
    # Copies are found through the story's one LSH entry; they add none of their own.
    assert "wire" in index.lsh and not any(f"copy{n}" in index.lsh for n in range(5))
    assert set(index.original.values()) == {"wire"}


def test_with_copies_sets_the_export_fields_and_sources() -> None:
    wire = article("wire", WIRE)
    copy = article("herald", redated(WIRE), day=13)
    tram = article("tram", OTHER_STORY)
    articles = with_copies(
        [wire, copy, tram], detect_copies([wire, copy, tram], {})
    )  # fingerprints computed when missing
    by_id = {a.id: a for a in articles}
    assert by_id["herald"].copy_of == "wire"
    assert by_id["herald"].copy_share is not None and by_id["herald"].copy_share > 0.8
    assert by_id["wire"].copy_of is None and by_id["tram"].shared == []
    assert all(p.source == "wire" for p in by_id["herald"].shared)
    sources = Sources(articles)
    spot = redated(WIRE).index("Union leader")
    assert sources.of("herald", spot) == "wire"
    assert sources.of("tram", 10) == "tram"
    # The changed dateline is the copy's own.
    assert sources.of("herald", redated(WIRE).index("Coast Herald")) == "herald"
    doc = json.loads(to_json(Corpus(articles=articles)))
    exported = {a["id"]: a for a in doc["articles"]}
    assert exported["herald"]["copy_of"] == "wire"
    assert exported["herald"]["shared"][0].keys() == {"start", "end", "source"}
    assert exported["wire"]["copy_of"] is None and exported["wire"]["shared"] == []


def test_corpus_rejects_a_shared_passage_outside_its_article() -> None:
    bad = article("x", "Short text.").model_copy(
        update={"shared": [SharedPassage(start=0, end=400, source="y")]}
    )
    with pytest.raises(ValueError, match="shared passage"):
        Corpus(articles=[bad])


def _money(article: Article, text: str, value: float, nth: int = 0) -> Figure:
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(text, start + 1)
    return Figure(
        id=f"fig-{article.id}-{start}",
        article_id=article.id,
        start=start,
        end=start + len(text),
        text=text,
        value=value,
        kind="money",
        currency="EUR",
        measure="cost of the backlog",
    )


def test_judging_skips_reprinted_figures_but_not_an_articles_own() -> None:
    wire = article("wire", WIRE)
    herald = article("herald", redated(WIRE), day=13)
    own = WIRE.split("\n", 1)[0] + "\nThe backlog cost €3.5bn, then €4.1bn, the port said.\n"
    # published the day after the wire: figures stating no period are of their publication
    # day, and two such days more than one apart are two moments, never compared
    daily = article("daily", own, day=13)
    articles = with_copies([wire, herald, daily], detect_copies([wire, herald, daily], {}))
    sources = Sources(articles)
    w, h = _money(wire, "€3.5bn", 3.5e9), _money(herald, "€3.5bn", 3.5e9)
    d1, d2 = _money(daily, "€3.5bn", 3.5e9), _money(daily, "€4.1bn", 4.1e9)
    phrases = ValuePhrases()
    # A reprint alone confirms nothing.
    assert judge_groups([[w, h]], {}, phrases, sources) == []
    # With another source it is listed, and the sources are counted once.
    [agree] = judge_groups([[w, h, d1]], {}, phrases, sources)
    assert (agree.status, len(agree.figures), agree.independent) == ("agree", 3, 2)
    # An article that also states the value the other source reports is not in conflict
    # with it: its second value is its own restatement or evolution.
    [agree] = judge_groups([[w, h, d1, d2]], {}, phrases, sources)
    assert (agree.status, len(agree.figures), agree.independent) == ("agree", 3, 2)
    # A differing value of another source conflicts, the copies counted once (the articles
    # are dated: figures nothing places in time are not compared).
    published = {a.id: a.published.date.isoformat() for a in articles if a.published.date}
    [conflict] = judge_groups([[w, h, d2]], {}, phrases, sources, published)
    assert (conflict.status, conflict.independent) == ("conflict", 2)
    assert judge_groups([[w, h, d2]], {}, phrases, sources) == []


def _story(n: int) -> str:
    """Another story each ``n`` (its own names and numbers), the same two boilerplate lines."""
    names = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Gorse", "Hazel", "Ivy"]
    company = f"{names[n % 9]} {names[n // 9 % 9]} Works {n}"
    text = earnings(company, f"Mara Quill{n}", "Dunmore", (n + 10, n + 3, 7 * n + 100, n + 40))
    return (
        text + "This report was prepared by the business desk of the Dunmore Courier.\n"
        "Readers can send corrections and tips to our newsroom at any time of day.\n"
    )


def test_common_sentences_and_shingles_make_no_candidates() -> None:
    # Eighty earnings reports of one template with two boilerplate lines: every pair shares
    # sentences and most shingles, none is a copy. Once the shared material is common (more
    # stories print it than the caps), no pair is compared on its texts any more.
    stories = [article(f"r{n:02d}", _story(n), day=1 + n % 28) for n in range(80)]
    first = sorted(stories, key=lambda a: (a.published.date, a.id))
    memo = CopyMemo()
    assert detect_copies(first[:60], {a.id: fingerprint(a) for a in first[:60]}, memo) == {}
    early = memo.measured
    assert early > 0  # the boilerplate was evidence while few stories printed it
    links = detect_copies(first, {a.id: fingerprint(a) for a in first}, memo)
    assert links == {} and memo.measured == 0  # the last 20: nothing to compare
    index = CopyIndex()
    for a in first:
        index.add(a, fingerprint(a))
    boilerplate = sentence_hash(normalized(_story(0).rstrip("\n").rsplit("\n", 1)[1]))
    assert boilerplate in index.common


def test_copies_of_one_story_count_once_toward_the_common_cap() -> None:
    # a wire story reprinted by more outlets than the cap is still one story: its sentences
    # stay evidence, and an article that embeds it is found to reuse it
    index = CopyIndex()
    wire = article("wire", WIRE, day=1)
    index.add(wire, fingerprint(wire))
    for n in range(STORIES_CAP + 8):
        copy = article(f"c{n:02d}", retitled(WIRE, f"Port strike, report {n}"), day=2)
        [link] = index.add(copy, fingerprint(copy))
        assert (link.source, link.kind) == ("wire", "copy")
    assert not index.common
    weekly = article("weekly", embedded(WIRE), day=20)
    [link] = index.add(weekly, fingerprint(weekly))
    assert (link.source, link.kind) == ("wire", "partial")


def test_a_full_bucket_returns_nothing() -> None:
    bands = BandIndex()
    values = bands.sketch(minhash_values(fingerprint(article("wire", WIRE)).minhash))
    for n in range(BUCKET_CAP):
        bands.insert(f"s{n}", values)
    assert len(bands.query(values)) == BUCKET_CAP
    bands.insert("one-more", values)
    assert bands.query(values) == set()
    # every minimum is now common: similarity is not estimated on common shingles
    assert bands.similar(values, ["s0"]) == []


EDITS = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d", "e", "f"]), st.integers(0, 7)),
    min_size=1,
    max_size=10,
)


def _variant(n: int, slot: str) -> Article:
    """Articles that copy, reprint, embed and template one another, on several days."""
    texts = [
        WIRE,
        redated(trimmed(WIRE, 2)),
        retitled(redated(WIRE), "Harbourton strike: no end in sight"),
        embedded(WIRE),
        OTHER_STORY,
        _story(1),
        _story(2),
        DAILY,
    ]
    return article(slot, texts[n], day=10 + (n * 7 + ord(slot)) % 9)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_a_memo_of_pairs_gives_what_a_full_detection_gives(
    edits: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # small caps, so that templates, full buckets and common sentences occur
    monkeypatch.setattr(copies, "STORIES_CAP", 2)
    monkeypatch.setattr(copies, "POSTINGS_CAP", 2)
    monkeypatch.setattr(copies, "MINIMA_CAP", 2)
    monkeypatch.setattr(copies, "BUCKET_CAP", 2)
    folder: dict[str, Article] = {}
    memo = CopyMemo()
    for slot, n in edits:
        if n == 7 and slot in folder:
            del folder[slot]  # 7 deletes
        else:
            folder[slot] = _variant(n, slot)
        memo.forget({slot})
        articles = [folder[k] for k in sorted(folder)]
        again = detect_copies(articles, {}, memo)
        assert again == detect_copies(articles, {})


def test_after_a_change_only_the_changed_articles_pairs_are_compared() -> None:
    articles = [
        article("wire", WIRE, day=10),
        article("herald", redated(WIRE), day=11),
        article("weekly", embedded(WIRE), day=12),
        article("daily", DAILY, day=13),
        article("report", _story(3), day=14),
    ]
    memo = CopyMemo()
    first = detect_copies(articles, {}, memo)
    assert memo.measured > 0 and set(first) == {"herald", "weekly"}
    changed = article("weekly", embedded(trimmed(WIRE, 3)), day=12)
    articles[2] = changed
    memo.forget({"weekly"})
    kept = set(memo.pairs)
    assert kept and all("weekly" not in pair for pair in kept)
    again = detect_copies(articles, {}, memo)
    assert again == detect_copies(articles, {})
    new = set(memo.pairs) - kept
    assert new and all("weekly" in pair for pair in new)
    assert memo.measured == len(new) and memo.reused > 0


def test_the_bands_are_datasketchs_choice() -> None:
    """The LSH's bands and rows are written out (working them out imports scipy and
    integrates, half a second of a re-open): they must be what datasketch chooses for the
    threshold and the number of MinHash values, as they were when it was asked each time."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=copies.LSH_THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (copies.LSH_BANDS, copies.LSH_ROWS)
    index = copies.BandIndex()
    assert (index.bands, index.rows) == (lsh.b, lsh.r)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), min_size=NUM_PERM, max_size=NUM_PERM))
def test_a_sketch_holds_each_bands_values_and_the_minima(numbers: list[int]) -> None:
    """The band index reads an article's MinHash values once (:meth:`BandIndex.sketch`):
    each band's key is the bytes of its rows' values, as slicing the values gives them."""
    import numpy as np

    values = np.array(numbers, dtype=np.uint64)
    index = copies.BandIndex()
    sketch = index.sketch(values)
    r = index.rows
    assert sketch.keys == [values[b * r : (b + 1) * r].tobytes() for b in range(index.bands)]
    assert sketch.minima == [(i << 32) | n for i, n in enumerate(numbers)]
    index.insert("a", sketch)
    assert index.query(index.sketch(values.copy())) == {"a"}
    assert index.similar(sketch, ["a"]) == ["a"]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(0, 2**16), min_size=70, max_size=110),
    st.integers(0, 2**16),
    st.integers(2, 4),
)
def test_the_band_index_answers_as_counting_every_story_would(
    seeds: list[int], ask: int, spread: int
) -> None:
    """The index keeps its buckets as rows and stops counting a minimum once it is common:
    its answers are those of a plain count over every story inserted (few distinct values,
    so buckets fill past :data:`BUCKET_CAP` and minima past :data:`MINIMA_CAP`)."""
    import numpy as np

    from tui.link.copies import MIN_JACCARD, MINIMA_CAP

    def numbers_of(seed: int) -> list[int]:
        return [int(v) for v in np.random.default_rng(seed).integers(0, spread, NUM_PERM)]

    stored = [numbers_of(seed) for seed in seeds]
    asked = numbers_of(ask)
    index = copies.BandIndex()
    r = index.rows
    buckets: list[dict[bytes, list[str]]] = [{} for _ in range(index.bands)]
    counted: dict[int, int] = {}
    for n, numbers in enumerate(stored):
        values = np.array(numbers, dtype=np.uint64)
        index.insert(f"s{n}", index.sketch(values))
        for b, bucket in enumerate(buckets):
            got = bucket.setdefault(values[b * r : (b + 1) * r].tobytes(), [])
            if len(got) <= BUCKET_CAP:
                got.append(f"s{n}")
        for i, v in enumerate(numbers):
            counted[(i << 32) | v] = counted.get((i << 32) | v, 0) + 1
    common = {k for k, c in counted.items() if c > MINIMA_CAP}
    assert index.common == common
    values = np.array(asked, dtype=np.uint64)
    sketch = index.sketch(values)
    found = {
        name
        for b, bucket in enumerate(buckets)
        for name in bucket.get(values[b * r : (b + 1) * r].tobytes(), [])
        if len(bucket[values[b * r : (b + 1) * r].tobytes()]) <= BUCKET_CAP
    }
    assert index.query(sketch) == found
    assert {index.keys[n] for n in index.query_rows(sketch)} == found
    rare = [i for i, v in enumerate(asked) if (i << 32) | v not in common]
    names = [f"s{n}" for n in range(len(stored))]
    plain = [
        name
        for name, numbers in zip(names, stored, strict=True)
        if rare and sum(numbers[i] == asked[i] for i in rare) >= MIN_JACCARD * len(rare)
    ]
    assert index.similar(sketch, names) == plain
    rows = [index.row[name] for name in names]
    assert [index.keys[n] for n in index.similar_rows(sketch, rows)] == plain
