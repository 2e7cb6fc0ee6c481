"""``CorpusView``'s compact indexes give the answers of the plain dicts and sets they
replace: each answer here is made again by a scan of the corpus, on random corpora (with
events of articles the corpus lacks and figure ids no figure has) and on offsets too large
for 4 bytes."""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter
from collections.abc import Set as AbstractSet
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.app.counts import figures_columns
from tui.app.panes.figures import FigureSource
from tui.app.view import (
    ArticleFilter,
    ComparisonOfFigure,
    CorpusView,
    FigureIdsOfPerson,
    PlacedFigures,
)
from tui.records.models import (
    Article,
    Comparison,
    Corpus,
    Event,
    Figure,
    Person,
    Published,
    Range,
    Span,
    TimeExpr,
)
from tui.snapshot import compact_array

PEOPLE = ("p0", "p1", "p2", "p3", "p4", "p5")
VALUES = ("2021-05-03", "2021-06", "2020", "2021-Q2", None)


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    n = draw(st.integers(1, 5))
    ids = [f"a{i}" for i in range(n)]
    anywhere = [*ids, "missing"]  # an article the corpus lacks
    articles = []
    for aid in ids:
        day = draw(st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2021, 12, 31)))
        published = Published() if day is None else Published(date=day, how="header")
        articles.append(Article(id=aid, path=f"{aid}.txt", text="x" * 300, published=published))
    offsets = st.integers(0, 250)
    figures = []
    for aid in ids:
        for j in range(draw(st.integers(0, 4))):
            start = draw(offsets)
            end = start + draw(st.integers(0, 6))
            figure = Figure(
                id=f"{aid}-f{j}", article_id=aid, start=start, end=end, text="x" * (end - start)
            )
            figures.append(figure)
    figure_ids = [f.id for f in figures] + ["nowhere"]  # "nowhere": no figure has it
    events = []
    for k in range(draw(st.integers(0, 14))):
        aid = draw(st.sampled_from(anywhere))
        start = draw(offsets)
        sentence = Range(start=start, end=start + draw(st.integers(0, 40)))
        if aid == "missing":  # an event of an article the corpus lacks: the view drops it
            sentence = Range(start=0, end=0)
        at = draw(offsets)
        when = TimeExpr(
            article_id=aid if aid != "missing" else ids[0],
            start=at,
            end=at + 4,
            text="xxxx",
            value=draw(st.sampled_from(VALUES)),
        )
        events.append(
            Event(
                id=f"e{k}",
                article_id=aid,
                when=when,
                sentence=sentence,
                people=draw(st.lists(st.sampled_from(PEOPLE), max_size=3)),
                figures=draw(st.lists(st.sampled_from(figure_ids), max_size=3)),
                group=draw(st.none() | st.sampled_from(("g1", "g2"))),
            )
        )
    people = []
    for pid in PEOPLE[: draw(st.integers(0, len(PEOPLE)))]:
        mentions = []
        for _ in range(draw(st.integers(0, 5))):
            start = draw(offsets)
            end = start + draw(st.integers(0, 5))
            aid = draw(st.sampled_from(ids))  # a corpus's spans are all of its articles
            mentions.append(Span(article_id=aid, start=start, end=end, text="x" * (end - start)))
        people.append(Person(id=pid, name=pid.upper(), mentions=mentions))
    comparisons = [
        Comparison(
            id=f"c{k}",
            measure="m",
            figures=draw(st.lists(st.sampled_from(figure_ids), min_size=1, max_size=3)),
            status="conflict",
        )
        for k in range(draw(st.integers(0, 3)))
    ]
    return Corpus(
        articles=articles, events=events, figures=figures, people=people, comparisons=comparisons
    )


def figure_ids_scanned(corpus: Corpus) -> dict[str, set[str]]:
    """Each person's figures as the view kept them before (a set per person): those their
    events list and those stated in their events' sentences, in the order people appear."""
    known = {a.id for a in corpus.articles}
    out: dict[str, set[str]] = {}
    for event in corpus.events:
        if event.article_id not in known or not event.people:
            continue
        in_sentence = {
            f.id
            for f in corpus.figures
            if f.article_id == event.article_id
            and event.sentence.start <= f.start
            and f.end <= event.sentence.end
        }
        for pid in event.people:
            out.setdefault(pid, set()).update(event.figures, in_sentence)
    return out


def sentence_scanned(corpus: Corpus, figure: Figure) -> tuple[int, int] | None:
    return next(
        (
            (e.sentence.start, e.sentence.end)
            for e in corpus.events
            if figure.id in e.figures and e.article_id == figure.article_id
        ),
        None,
    )


def check_view(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    scanned = figure_ids_scanned(corpus)
    assert list(view.figures_of_person) == list(scanned)
    assert list(view.figures_of_person_sorted) == list(scanned)
    for _ in range(2):  # asked twice: past the few sets kept, then made again
        for pid, ids in scanned.items():
            assert view.figures_of_person[pid] == ids
            assert view.figures_of_person.get(pid) == ids
            assert pid in view.figures_of_person
            assert view.figure_ids_for(pid, None) == ids
    assert "nobody" not in view.figures_of_person
    assert view.figures_of_person.get("nobody") is None
    assert view.figure_ids_for("nobody", None) == set()
    assert len(view.figures_of_person) == len(scanned)
    check_comparison_of_figure(corpus, view)
    compared = {fid for c in corpus.comparisons for fid in c.figures}
    for fid in ("no-such-figure", *(f.id for f in corpus.figures)):  # hashes of their own
        assert view.comparison_of_figure.may_hold(fid) is (fid in compared)

    assert set(view.event_ids_for(None, None)) == set(view.events)
    assert set(view.figure_ids_for(None, None)) == {f.id for f in corpus.figures}
    assert "nowhere" not in view.figure_ids_for(None, None)
    for articles in (None, *(ArticleFilter(a.id, frozenset({a.id})) for a in corpus.articles)):
        for who in (None, *PEOPLE, "nobody"):
            shown = view.events_for(who, articles)
            assert set(view.event_ids_for(who, articles)) == {e.id for e in shown}
            allowed = {f.id for f in corpus.figures} if who is None else scanned.get(who, set())
            figures = [
                f
                for f in corpus.figures
                if f.id in allowed and (articles is None or f.article_id in articles.article_ids)
            ]
            assert list(view.figures_for(who, articles)) == figures
            if articles is None and who is not None:  # the who's ids as their events gave
                assert view.figure_ids_for(who, articles) == scanned.get(who, set())
            else:
                assert set(view.figure_ids_for(who, articles)) == {f.id for f in figures}

    expected_sentences = {
        f.id: s for f in view.figures.values() if (s := sentence_scanned(corpus, f)) is not None
    }
    assert dict(view.sentence_of_figure) == expected_sentences
    for figure in corpus.figures:
        assert view.sentence_of_figure.get(figure.id) == expected_sentences.get(figure.id)
        assert (figure.id in view.sentence_of_figure) == (figure.id in expected_sentences)
    assert view.sentence_of_figure.get("nowhere") is None

    for article in corpus.articles:
        spans = sorted(
            {
                (s.start, s.end)
                for s in corpus.spans()
                if s.article_id == article.id and s.end > s.start
            }
        )
        assert view.spans_of(article.id) == spans
    assert view.spans_of("missing") == []

    assert dict(view.article_position) == {a.id: i for i, a in enumerate(corpus.articles)}
    assert list(view.article_position) == [a.id for a in corpus.articles]
    assert len(view.article_position) == len(corpus.articles)
    assert "missing" not in view.article_position
    assert view.article_position.get("missing") is None
    by_date = sorted(corpus.articles, key=lambda a: view.article_sort_key(a.id))
    assert view.article_rank == {a.id: i for i, a in enumerate(by_date)}

    for person in corpus.people:
        # Reading order: the corpus's articles by date, then id; articles it lacks after.
        def reading(m: Span) -> tuple[int, tuple[str, str], str, int]:
            if m.article_id in view.articles:
                return 0, view.article_sort_key(m.article_id), "", m.start
            return 1, ("", ""), m.article_id, m.start

        ordered = sorted(person.mentions, key=reading)
        assert view.person_mentions(person.id) == ordered
        assert view.first_mention(person.id) == (ordered[0] if ordered else None)

    # The Figures table's people of each figure, and the frequency table's per person.
    rows = {row.figure_id: list(row.people) for row in FigureSource(view)._rows()}
    for figure in corpus.figures:
        assert rows[figure.id] == [pid for pid, ids in scanned.items() if figure.id in ids]
    counted = list(view.figures.values())
    ids = {f.id for f in counted}
    person_column = figures_columns(view, counted)[3].get()
    expected = Counter(
        {pid: len(fids & ids) for pid, fids in scanned.items() if pid in view.people}
    )
    assert {b.target: b.count for b in person_column.buckets} == dict(+expected)


def check_comparison_of_figure(corpus: Corpus, view: CorpusView) -> None:
    """The compared figures' comparisons answer as the dict of each figure's first one."""
    expected: dict[str, str] = {}
    for comparison in corpus.comparisons:
        for fid in comparison.figures:
            expected.setdefault(fid, comparison.id)
    found = view.comparison_of_figure
    assert list(found) == list(expected)  # in the corpus's order, each once
    assert len(found) == len(expected)
    for fid, cid in expected.items():
        assert found[fid] == found.get(fid) == cid
        assert fid in found
        assert found.may_hold(fid)
    for fid in ("no-such-figure", *(f.id for f in corpus.figures if f.id not in expected)):
        assert fid not in found
        assert found.get(fid) is None


@settings(max_examples=100, deadline=None)
@given(corpora())
def test_figures_sharing_a_hash_find_their_own_comparison(corpus: Corpus) -> None:
    """Ids whose hashes are equal (here: of equal length) are told apart by the members of
    the comparison each hash points to."""
    with patch.object(ComparisonOfFigure, "hash_of", staticmethod(len)):
        check_comparison_of_figure(corpus, CorpusView.build(corpus))


@settings(max_examples=150, deadline=None)
@given(corpora())
def test_compact_indexes_answer_as_the_scans_do(corpus: Corpus) -> None:
    check_view(corpus)


def test_compact_indexes_on_the_shared_corpus(corpus: Corpus) -> None:
    check_view(corpus)


@given(st.lists(st.integers(-(2**40), 2**40)) | st.lists(st.integers(0, 2**17)))
def test_compact_array_holds_every_value_in_the_smallest_item(values: list[int]) -> None:
    packed = compact_array(values)
    assert packed.tolist() == values
    low, top = min(values, default=0), max(values, default=0)
    if low < 0 or top >= 2**32:
        assert packed.itemsize == 8
    elif top >= 2**16:
        assert packed.itemsize == 4
    else:
        assert packed.itemsize == 2


def test_compact_array_at_the_boundaries() -> None:
    for top, size in ((2**16 - 1, 2), (2**16, 4), (2**32 - 1, 4), (2**32, 8), (2**62, 8)):
        packed = compact_array([0, top])
        assert packed.itemsize == size and packed.tolist() == [0, top]
    assert compact_array([-1, 5]).tolist() == [-1, 5]
    assert compact_array(iter([3, 4])).tolist() == [3, 4]  # any iterable


def test_spans_of_reads_offsets_past_four_bytes() -> None:
    """A text longer than 4 GB is not practical here: the view's arrays are made directly
    as ``build`` makes them, and read back by the one reader, :meth:`CorpusView.spans_of`."""
    far = [(0, 5), (2**31, 2**31 + 9), (2**32 - 1, 2**32), (2**40, 2**40 + 3)]
    near = [(1, 2), (65_534, 65_535)]
    middle = [(3, 70_000)]
    view = CorpusView(corpus=Corpus())
    view.spans_by_article = {
        aid: compact_array(at for pair in pairs for at in pair)
        for aid, pairs in (("far", far), ("near", near), ("middle", middle))
    }
    assert view.spans_of("far") == far
    assert view.spans_of("near") == near
    assert view.spans_of("middle") == middle
    assert [view.spans_by_article[a].itemsize for a in ("far", "near", "middle")] == [8, 2, 4]
    assert view.spans_of("absent") == []


def test_a_person_s_figure_ids_are_kept_for_the_last_few_asked() -> None:
    fig = [Figure(id=f"f{i}", article_id="a", start=i, end=i + 1, text="1") for i in range(8)]
    held = Corpus.model_construct(figures=fig)  # the places' figures (not checked)
    by_person = {f"p{i}": PlacedFigures(held, array("q", [i, i + 1])) for i in range(6)}
    ids = FigureIdsOfPerson(by_person, {"p0": frozenset({"gone"})})
    first = ids["p0"]
    assert first == {"f0", "f1", "gone"}
    assert ids["p0"] is first  # kept, not made again
    for pid in ("p1", "p2", "p3", "p4"):  # four others asked since: p0 no longer kept
        assert ids[pid] == {f.id for f in by_person[pid]}
    again = ids["p0"]
    assert again == first and again is not first
    assert isinstance(again, AbstractSet)
    assert ids.get("p9") is None and "p9" not in ids and len(ids) == 6


def test_the_view_s_arrays_are_compact_on_a_real_corpus(corpus: Corpus) -> None:
    """The shared test corpus's articles are short: 2 bytes an offset."""
    view = CorpusView.build(corpus)
    assert view.spans_by_article
    assert all(isinstance(a, array) and a.itemsize == 2 for a in view.spans_by_article.values())
