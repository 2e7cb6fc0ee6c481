"""The events saved in the texts file beside the store (``TEXTS_FORMAT`` 3): a corpus read
without them answers as the corpus holding them, and the dashboard's index made from their
columns (without reading an event) is the index made from the events: on the seeds' real
events and on random corpora (events of articles the corpus lacks, shared groups, figure
ids no figure has)."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from test_saved_quotes import opened_after, saved
from test_view_indexes import PEOPLE, corpora

from tui.app.view import ArticleFilter, CorpusView, SavedEventMap
from tui.export import to_json
from tui.pipeline import load_corpus
from tui.records.models import Article, Corpus, Event, Range, TimeExpr
from tui.snapshot import (
    EventFacts,
    LeanCorpus,
    event_count,
    event_facts,
    events_at,
    events_of,
    pack,
    unpack,
)
from tui.texts import SavedTexts, UnreadableSaved

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def lean(corpus: Corpus, path: Path) -> LeanCorpus:
    read = unpack(pack(corpus), saved(corpus, path))
    assert isinstance(read, LeanCorpus) and read.saved_events is not None
    assert read.events == []  # not held: read from the file
    return read


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    found = load_corpus(SEEDS, lambda *args: None)
    assert len(found.events) > 20 and any(e.people for e in found.events)
    return found


def test_the_file_gives_back_every_event_by_id_place_and_column(
    seeds: Corpus, tmp_path: Path
) -> None:
    found = saved(seeds, tmp_path / "t.sqlite")
    events = seeds.events
    assert found.event_count() == len(events)
    assert list(found.all_events()) == events
    assert list(found.event_facts()) == [EventFacts.of(i, e) for i, e in enumerate(events)]
    for event in events:
        assert found.event(event.id) == event
    assert found.event("nowhere") is None
    backwards = list(range(len(events)))[::-1]
    assert found.events_at([*backwards, 0]) == [*events[::-1], events[0]]
    assert found.events_with_ids([e.id for e in events[::-1]]) == events[::-1]
    own = [
        (s.article_id, s.start, s.end)
        for e in events
        for s in ((e.when, e.trigger) if e.trigger is not None else (e.when,))
    ]
    assert list(found.event_spans()) == own
    with pytest.raises(UnreadableSaved):
        found.events_at([len(events)])  # no such place: never a short list
    with pytest.raises(UnreadableSaved):
        found.events_with_ids(["nowhere"])


def test_a_corpus_read_without_its_events_answers_and_exports_as_the_corpus(
    seeds: Corpus, tmp_path: Path
) -> None:
    read = lean(seeds, tmp_path / "t.sqlite")
    assert list(events_of(read)) == list(events_of(seeds)) == seeds.events
    assert event_count(read) == event_count(seeds) == len(seeds.events)
    assert list(event_facts(read)) == list(event_facts(seeds))
    assert events_at(read, [3, 1]) == events_at(seeds, [3, 1]) == [seeds.events[3], seeds.events[1]]
    assert to_json(read) == to_json(seeds)
    assert to_json(read.model_copy()) == to_json(seeds)


def same_views(corpus: Corpus, read: Corpus) -> None:
    """Every answer of the index the dashboard asks about events, from a corpus holding
    them and from one reading them from the file."""
    full, other = CorpusView.build(corpus), CorpusView.build(read)
    assert isinstance(other.events, SavedEventMap)
    assert list(other.sorted_events) == list(full.sorted_events)
    assert [e.id for e in other.sorted_events[1:3]] == [e.id for e in full.sorted_events[1:3]]
    assert {p: list(v) for p, v in other.events_of_person_sorted.items()} == {
        p: list(v) for p, v in full.events_of_person_sorted.items()
    }
    assert len(other.events) == len(full.events)
    assert dict(other.events) == dict(full.events)
    assert other.events_in(list(full.events)) == list(full.events.values())
    assert "nowhere" not in other.events and other.events.get("nowhere") is None
    listed = list(full.events)[::-1]
    places = {e.id: p for p, e in enumerate(corpus.events)}  # of one id, the later
    assert other.facts_in(listed) == [EventFacts.of(places[i], full.events[i]) for i in listed]
    assert [f._replace(pos=-1) for f in other.facts_in(listed)] == full.facts_in(listed)
    assert other.event_total == full.event_total == len(corpus.events)
    assert dict(other.sentence_of_figure) == dict(full.sentence_of_figure)
    assert {p: list(v) for p, v in other.figures_of_person_sorted.items()} == {
        p: list(v) for p, v in full.figures_of_person_sorted.items()
    }
    for article in corpus.articles:
        assert other.spans_of(article.id) == full.spans_of(article.id)
    filters = (None, *(ArticleFilter(a.id, frozenset({a.id})) for a in corpus.articles[:3]))
    people = (None, *list(full.events_of_person_sorted)[:6], "nobody")
    for articles in filters:
        for who in people:
            shown = full.events_for(who, articles)
            assert list(other.events_for(who, articles)) == list(shown)
            ids = {e.id for e in shown}
            assert other.event_ids_for(who, articles) == full.event_ids_for(who, articles)
            for event_id in full.events:
                assert full.shows_event(event_id, who, articles) == (event_id in ids)
                assert other.shows_event(event_id, who, articles) == (event_id in ids)


def test_the_index_of_the_seeds_read_without_their_events_is_the_same(
    seeds: Corpus, tmp_path: Path
) -> None:
    same_views(seeds, lean(seeds, tmp_path / "t.sqlite"))


def test_the_pages_of_a_corpus_read_without_its_events_are_the_same(
    seeds: Corpus, tmp_path: Path
) -> None:
    """The palette's index (its dates made from the events' columns), the Timeline's rows,
    every date's page and every person's timeline: the same from the file as from memory."""
    from tui.app.date_rows import EventDays, date_rows
    from tui.app.format import timex_of
    from tui.app.palette import _dates, palette_index, palette_sections
    from tui.app.panes.timeline import TimelineSource
    from tui.app.person_rows import timeline

    full, other = CorpusView.build(seeds), CorpusView.build(lean(seeds, tmp_path / "t.sqlite"))
    assert palette_index(other).haystack == palette_index(full).haystack
    for mine, theirs in zip(palette_sections(other), palette_sections(full), strict=True):
        assert [mine.entry(i) for i in mine.items] == [theirs.entry(i) for i in theirs.items]
    assert list(TimelineSource.of(other)._rows()) == list(TimelineSource.of(full)._rows())
    days = EventDays(full)
    spans = {d for e in full.sorted_events if (d := days.of(e)) is not None}
    assert len(spans) > 3
    for span in spans:
        inside = days.within(full.sorted_events, span)
        shown = TimelineSource.of(other).within(span)
        assert [f.id for f in shown] == [e.id for e in inside]
        assert shown == EventDays(other).facts_within(other.sorted_events.facts(), span)
        rows = date_rows(other, shown)
        assert rows == date_rows(full, TimelineSource.of(full).within(span))
        # Made from the events' columns: against the events themselves.
        events = {e.id: e for e in inside}
        assert sorted(
            (r.target.record_id, r.target.start, r.target.end, r.target.context, r.cells[1])
            for r in rows
        ) == sorted(
            (e.id, e.when.start, e.when.end, (e.sentence.start, e.sentence.end), timex_of(e.when))
            for e in events.values()
        )
    source = TimelineSource.of(other)
    passed = {span: source.within(span) for span in spans}  # by going over every event
    source.table()
    assert {span: source.within(span) for span in spans} == passed  # one query each
    for person, listed in full.events_of_person_sorted.items():
        assert timeline(other, person) == timeline(full, person)
        # Made from the events' columns: against the events themselves.
        made = [(r.target, r.cells[0]) for r in timeline(other, person)]
        expected = [(e.id, e.when.start, e.when.end, e.sentence, timex_of(e.when)) for e in listed]
        assert [(t.record_id, t.start, t.end, t.context, when) for t, when in made] == [
            (i, start, end, (s.start, s.end), when) for i, start, end, s, when in expected
        ]
    # The palette's dates, against a scan of the events: each date's first event and count.
    firsts: dict[tuple[int, int], str] = {}
    counted: Counter[tuple[int, int]] = Counter()
    for event in full.sorted_events:
        if (day := days.of(event)) is not None:
            firsts.setdefault(day, event.id)
            counted[day] += 1
    found = _dates(other)
    assert [(span, first.id) for span, first, _, _ in found] == list(firsts.items())
    assert {span: n for span, _, n, _ in found} == counted


@settings(max_examples=60, deadline=None)
@given(corpora())
def test_the_index_made_from_the_columns_is_the_index_made_from_the_events(
    corpus: Corpus,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        same_views(corpus, lean(corpus, Path(folder) / "t.sqlite"))


def test_of_two_events_with_one_id_the_later_is_found_as_a_dict_would(tmp_path: Path) -> None:
    corpus = Corpus.model_validate_json(SAMPLE)
    first = corpus.events[0]
    twin = first.model_copy(update={"people": [PEOPLE[0]], "sentence": Range(start=0, end=9)})
    corpus = corpus.model_copy(update={"events": [first, twin]})
    read = lean(corpus, tmp_path / "t.sqlite")
    view = CorpusView.build(read)
    assert view.events[first.id] == twin == CorpusView.build(corpus).events[first.id]
    assert len(view.events) == 1 and len(view.sorted_events) == 2


def test_an_unreadable_file_is_never_taken_for_a_missing_event(tmp_path: Path) -> None:
    """``UnreadableSaved`` is a KeyError: ``Mapping.get`` and ``in`` would have answered
    None and False, and the dashboard would show nothing instead of ending in one line."""
    corpus = Corpus.model_validate_json(SAMPLE)
    read = lean(corpus, tmp_path / "t.sqlite")
    view = CorpusView.build(read)
    event_id = corpus.events[0].id
    assert event_id in view.events
    files = read.saved_events
    assert isinstance(files, SavedTexts)
    files._db.close()
    with pytest.raises(UnreadableSaved):
        view.events.get(event_id)
    with pytest.raises(UnreadableSaved):
        _ = event_id in view.events
    with pytest.raises(UnreadableSaved):
        list(view.sorted_events)


def test_a_file_of_the_previous_layout_is_not_opened(tmp_path: Path) -> None:
    sample = Corpus.model_validate_json(SAMPLE)
    assert opened_after(sample, tmp_path / "t.sqlite", "UPDATE saved SET format = 2") is None


def test_the_dashboard_reads_events_only_through_the_view() -> None:
    """``corpus.events`` of a corpus read without its events is empty: code of the
    dashboard reading it would show an empty Timeline. Only the index reads it, for a
    corpus that holds its events."""
    from test_saved_texts import dashboard_lines

    found = dashboard_lines(r"corpus\.events\b|\bc\.events\b")
    assert [(line.split(":")[0], line.split(": ", 1)[1]) for line in found] == [
        (
            "view.py",
            "view.events = {e.id: e for e in corpus.events if e.article_id in view.articles}",
        )
    ]


WHEN = TimeExpr(article_id="a", start=0, end=4, text="Mond", value="2024-06-03")
SAMPLE = Corpus(
    articles=[Article(id="a", path="a.txt", text="Monday talks resumed.")],
    events=[Event(id="e1", article_id="a", when=WHEN, sentence=Range(start=0, end=21))],
    timexes=[WHEN],
).model_dump_json()
