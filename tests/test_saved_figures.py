"""The figures saved in the texts file beside the store (``TEXTS_FORMAT`` 4): a corpus read
without them answers as the corpus holding them, the dashboard's index made from their
columns (without reading a figure) is the index made from the figures, and what the
dashboard shows of them (the palette, Figures' rows, the conflict rows, a person's Figures
section, the counts of ``F``) is the same, and what a scan of the figures gives: on the
seeds' real figures and on random corpora (figures no event lists, ids no figure has)."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pytest
from fixtures.dashboard_corpus import build_corpus
from hypothesis import given, settings
from test_saved_quotes import opened_after, saved
from test_view_indexes import corpora, figure_ids_scanned, sentence_scanned

from tui.app.view import ArticleFilter, CorpusView, PlacedFigures, SavedFigureMap
from tui.export import to_json
from tui.pipeline import load_corpus
from tui.records.models import Article, Comparison, Corpus, Figure
from tui.snapshot import (
    FigureFacts,
    LeanCorpus,
    figure_count,
    figure_facts,
    figure_facts_at,
    figures_at,
    figures_of,
    pack,
    record_spans,
    unpack,
)
from tui.texts import SavedTexts, UnreadableSaved

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def lean(corpus: Corpus, path: Path) -> LeanCorpus:
    read = unpack(pack(corpus), saved(corpus, path))
    assert isinstance(read, LeanCorpus) and read.saved_figures is not None
    assert read.figures == []  # not held: read from the file
    return read


@pytest.fixture(scope="module", params=["seeds", "dashboard"])
def seeds(request: pytest.FixtureRequest) -> Corpus:
    """The seeds' real figures, and the dashboard's hand-built corpus (its comparisons)."""
    if request.param == "seeds":
        found = load_corpus(SEEDS, lambda *args: None)
        assert len(found.figures) > 10
    else:
        found = build_corpus()
        assert len(found.comparisons) > 1
    return found


def test_the_file_gives_back_every_figure_by_id_place_and_column(
    seeds: Corpus, tmp_path: Path
) -> None:
    found = saved(seeds, tmp_path / "t.sqlite")
    figures = seeds.figures
    assert found.figure_count() == len(figures)
    assert list(found.all_figures()) == figures
    facts = [FigureFacts.of(i, f) for i, f in enumerate(figures)]
    assert list(found.figure_facts()) == facts
    # The columns, against the figures themselves (not only against FigureFacts.of).
    assert [(f.id, f.article_id, f.start, f.end, f.measure, f.kind) for f in facts] == [
        (f.id, f.article_id, f.start, f.end, f.measure, f.kind) for f in figures
    ]
    for figure in figures:
        assert found.figure(figure.id) == figure
    assert found.figure("nowhere") is None
    backwards = list(range(len(figures)))[::-1]
    assert found.figures_at([*backwards, 0]) == [*figures[::-1], figures[0]]
    assert found.figure_facts_at([*backwards, 0]) == [*facts[::-1], facts[0]]
    assert found.figures_with_ids([f.id for f in figures[::-1]]) == figures[::-1]
    assert found.figure_facts_with_ids([f.id for f in figures[::-1]]) == facts[::-1]
    with pytest.raises(UnreadableSaved):
        found.figures_at([len(figures)])  # no such place: never a short list
    with pytest.raises(UnreadableSaved):
        found.figures_with_ids(["nowhere"])
    with pytest.raises(UnreadableSaved):
        found.figure_facts_with_ids(["nowhere"])


def test_a_corpus_read_without_its_figures_answers_and_exports_as_the_corpus(
    seeds: Corpus, tmp_path: Path
) -> None:
    read = lean(seeds, tmp_path / "t.sqlite")
    assert list(figures_of(read)) == list(figures_of(seeds)) == seeds.figures
    assert figure_count(read) == figure_count(seeds) == len(seeds.figures)
    assert list(figure_facts(read)) == list(figure_facts(seeds))
    assert (
        figures_at(read, [3, 1])
        == figures_at(seeds, [3, 1])
        == [seeds.figures[3], seeds.figures[1]]
    )
    assert figure_facts_at(read, [2]) == figure_facts_at(seeds, [2])
    assert sorted(record_spans(read)) == sorted(record_spans(seeds))
    assert to_json(read) == to_json(seeds)
    assert to_json(read.model_copy()) == to_json(seeds)


def same_views(corpus: Corpus, read: Corpus) -> None:
    """Every answer of the index the dashboard asks about figures, from a corpus holding
    them and from one reading them from the file; and against scans of the figures."""
    full, other = CorpusView.build(corpus), CorpusView.build(read)
    assert isinstance(other.figures, SavedFigureMap) and isinstance(full.figures, dict)
    by_id = {f.id: f for f in corpus.figures}  # of one id, the later
    assert dict(other.figures) == full.figures == by_id
    assert len(other.figures) == len(by_id)
    assert list(other.figures) == list(by_id)
    assert "nowhere" not in other.figures and other.figures.get("nowhere") is None
    assert other.figure_total == full.figure_total == len(corpus.figures)
    assert list(other.all_figures) == list(full.all_figures) == corpus.figures
    listed = list(by_id)[::-1]
    assert other.figures_in(listed) == full.figures_in(listed) == [by_id[i] for i in listed]
    places = {f.id: p for p, f in enumerate(corpus.figures)}
    assert other.figure_facts_in(listed) == [FigureFacts.of(places[i], by_id[i]) for i in listed]
    assert [f._replace(pos=-1) for f in other.figure_facts_in(listed)] == full.figure_facts_in(
        listed
    )
    # Each person's figures: the same, and what a scan of the events and figures gives.
    scanned = figure_ids_scanned(corpus)
    mine = {p: list(v) for p, v in other.figures_of_person_sorted.items()}
    assert mine == {p: list(v) for p, v in full.figures_of_person_sorted.items()}
    assert list(mine) == list(scanned)
    for pid, ids in scanned.items():
        assert mine[pid] == [
            f for p, f in enumerate(corpus.figures) if f.id in ids and places[f.id] == p
        ]
        assert other.figures_of_person[pid] == full.figures_of_person[pid] == ids
    assert dict(other.sentence_of_figure) == dict(full.sentence_of_figure)
    assert dict(other.sentence_of_figure) == {
        i: s for i, f in by_id.items() if (s := sentence_scanned(corpus, f)) is not None
    }
    for i, f in by_id.items():  # one by one, as a row asks: by id, through its place
        found = sentence_scanned(corpus, f)
        assert other.sentence_of_figure.get(i) == full.sentence_of_figure.get(i) == found
        assert (i in other.sentence_of_figure) is (found is not None)
    assert len(other.sentence_of_figure) == len(full.sentence_of_figure)
    assert other.sentence_of_figure.get("nowhere") is None
    assert "nowhere" not in other.sentence_of_figure
    for comparison in corpus.comparisons:
        expected = [by_id[f] for f in comparison.figures if f in by_id]
        assert other.members(comparison.figures) == full.members(comparison.figures) == expected
    for article in corpus.articles:
        assert other.spans_of(article.id) == full.spans_of(article.id)
    filters = (None, *(ArticleFilter(a.id, frozenset({a.id})) for a in corpus.articles[:3]))
    people = (None, *list(scanned)[:6], "nobody")
    for articles in filters:
        for who in people:
            shown = list(full.figures_for(who, articles))
            assert list(other.figures_for(who, articles)) == shown
            allowed = set(by_id) if who is None else scanned.get(who, set())
            assert shown == [
                f
                for p, f in enumerate(corpus.figures)
                if f.id in allowed
                and (who is None or places[f.id] == p)
                and (articles is None or f.article_id in articles.article_ids)
            ]
            assert set(other.figure_ids_for(who, articles)) == set(
                full.figure_ids_for(who, articles)
            )


def test_the_index_of_the_seeds_read_without_their_figures_is_the_same(
    seeds: Corpus, tmp_path: Path
) -> None:
    same_views(seeds, lean(seeds, tmp_path / "t.sqlite"))


@settings(max_examples=60, deadline=None)
@given(corpora())
def test_the_index_made_from_the_columns_is_the_index_made_from_the_figures(
    corpus: Corpus,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        same_views(corpus, lean(corpus, Path(folder) / "t.sqlite"))


def test_what_the_dashboard_shows_of_the_figures_is_the_same_from_the_file(
    seeds: Corpus, tmp_path: Path
) -> None:
    """The palette's entries, Figures' rows, the conflict rows, each person's Figures
    section and the counts of ``F``: the same from the file as from memory, and what a scan
    of the figures gives."""
    from tui.app.conflict_rows import entries, member_rows
    from tui.app.counts import figures_columns
    from tui.app.format import figure_label
    from tui.app.palette import _sources, palette_index, palette_sections
    from tui.app.panes.figures import FigureSource
    from tui.app.person_rows import figures

    full, other = CorpusView.build(seeds), CorpusView.build(lean(seeds, tmp_path / "t.sqlite"))
    assert palette_index(other).haystack == palette_index(full).haystack
    for mine, theirs in zip(palette_sections(other), palette_sections(full), strict=True):
        assert [mine.entry(i) for i in mine.items] == [theirs.entry(i) for i in theirs.items]
    # The palette's figures, against the figures: one entry each, in the corpus's order.
    section = next(s for s in palette_sections(other) if s.items is other.all_figures)
    made = [section.entry(f) for f in section.items]
    assert [e.key.record_id for e in made] == [f.id for f in seeds.figures]
    assert all(figure_label(f) in e.text for e, f in zip(made, seeds.figures, strict=True))
    for comparison in seeds.comparisons:
        outlets = {
            other.articles[a].copy_of or a
            for a in {f.article_id for f in seeds.figures if f.id in comparison.figures}
        }
        assert _sources(other, comparison.figures) == _sources(full, comparison.figures)
        assert _sources(other, comparison.figures) == len(outlets)
    # Figures' table rows: the same, one per figure, with the people a scan finds.
    rows = list(FigureSource(other)._rows())
    assert rows == list(FigureSource(full)._rows())
    scanned = figure_ids_scanned(seeds)
    assert [(r.figure_id, r.article_id, list(r.people)) for r in rows] == [
        (f.id, f.article_id, [p for p, ids in scanned.items() if f.id in ids])
        for f in seeds.figures
    ]
    # The conflict rows and each comparison's members.
    assert entries(other) == entries(full)
    for comparison in seeds.comparisons:
        assert member_rows(other, comparison) == member_rows(full, comparison)
        shown = [r.target.record_id for r in member_rows(other, comparison)]
        assert shown == [f for f in comparison.figures if any(g.id == f for g in seeds.figures)]
    # Each person's Figures section.
    for person in scanned:
        assert figures(other, person) == figures(full, person)
        assert [r.target.record_id for r in figures(other, person)] == [
            f.id for f in seeds.figures if f.id in scanned[person]
        ]
    # The counts of F on every figure, from the columns: against a count of the figures.
    ids = list(full.figures)
    counted = [c.get() for c in figures_columns(other, other.figure_facts_in(ids))]
    assert counted == [c.get() for c in figures_columns(full, full.figure_facts_in(ids))]
    measure, outlet, kind, person_column = counted
    assert {b.label: b.count for b in measure.buckets} == dict(
        Counter(f.measure or "no measure" for f in seeds.figures)
    )
    assert {b.label: b.count for b in kind.buckets} == dict(Counter(f.kind for f in seeds.figures))
    assert {b.label: b.count for b in outlet.buckets} == dict(
        Counter(full.outlet_of(f.article_id) for f in seeds.figures)
    )
    named = Counter({p: len(i) for p, i in scanned.items() if p in full.people})
    assert {b.target: b.count for b in person_column.buckets} == dict(+named)


def test_of_two_figures_with_one_id_the_later_is_found_as_a_dict_would(tmp_path: Path) -> None:
    corpus = Corpus.model_validate_json(SAMPLE)
    first = corpus.figures[0]
    twin = first.model_copy(update={"measure": "talks"})
    corpus = corpus.model_copy(update={"figures": [first, twin]})
    read = lean(corpus, tmp_path / "t.sqlite")
    view = CorpusView.build(read)
    assert view.figures[first.id] == twin == CorpusView.build(corpus).figures[first.id]
    assert len(view.figures) == 1 and view.figure_total == 2
    assert list(view.all_figures) == [first, twin]


def test_an_unreadable_file_is_never_taken_for_a_missing_figure(tmp_path: Path) -> None:
    """``UnreadableSaved`` is a KeyError: ``Mapping.get`` and ``in`` would have answered
    None and False, and the dashboard would show nothing instead of ending in one line."""
    corpus = Corpus.model_validate_json(SAMPLE)
    read = lean(corpus, tmp_path / "t.sqlite")
    view = CorpusView.build(read)
    figure_id = corpus.figures[0].id
    assert figure_id in view.figures
    files = read.saved_figures
    assert isinstance(files, SavedTexts)
    files._db.close()
    with pytest.raises(UnreadableSaved):
        view.figures.get(figure_id)
    with pytest.raises(UnreadableSaved):
        _ = figure_id in view.figures
    with pytest.raises(UnreadableSaved):
        list(view.all_figures)
    with pytest.raises(UnreadableSaved):
        view.members([figure_id])
    with pytest.raises(UnreadableSaved):
        view.sentence_of_figure.get(figure_id)


def test_a_file_of_the_previous_layout_is_not_opened(tmp_path: Path) -> None:
    sample = Corpus.model_validate_json(SAMPLE)
    assert opened_after(sample, tmp_path / "t.sqlite", "UPDATE saved SET format = 3") is None


def test_a_file_without_the_figures_table_is_not_opened(tmp_path: Path) -> None:
    sample = Corpus.model_validate_json(SAMPLE)
    assert opened_after(sample, tmp_path / "t.sqlite", "DROP TABLE figures") is None


def test_placed_figures_read_their_places_in_order() -> None:
    corpus = Corpus.model_validate_json(SAMPLE)
    figure = corpus.figures[0]
    held = corpus.model_copy(update={"figures": [figure, figure.model_copy(update={"id": "f2"})]})
    from array import array

    placed = PlacedFigures(held, array("q", [1, 0, 1]))
    assert [f.id for f in placed] == ["f2", "f1", "f2"] == list(placed.ids())
    assert placed[1] == figure and len(placed) == 3
    assert list(placed[1:]) == [figure, held.figures[1]]
    assert list(placed.where(lambda f: f.id == "f2")) == [held.figures[1]] * 2


def test_the_dashboard_reads_figures_only_through_the_view() -> None:
    """``corpus.figures`` of a corpus read without its figures is empty: code of the
    dashboard reading it would show an empty Figures pane. Only the index reads it, for a
    corpus that holds its figures."""
    from test_saved_texts import dashboard_lines

    found = dashboard_lines(r"corpus\.figures\b|\bc\.figures\b")
    assert [(line.split(":")[0], line.split(": ", 1)[1]) for line in found] == [
        ("view.py", "view.figures = {f.id: f for f in corpus.figures}")
    ]


SAMPLE = Corpus(
    articles=[Article(id="a", path="a.txt", text="Talks: 40 delegates met on Monday.")],
    figures=[Figure(id="f1", article_id="a", start=7, end=9, text="40", value=40, kind="count")],
    comparisons=[Comparison(id="c1", measure="delegates", figures=["f1"], status="agree")],
).model_dump_json()
