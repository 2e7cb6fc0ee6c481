"""The people's mentions saved in the texts file beside the store (``TEXTS_FORMAT`` 5): a
corpus read without them (each person's ``mentions`` empty) answers as the corpus holding
them, the dashboard's counts and first mentions made from their columns are those made from
the mentions, and what the dashboard shows of them (the People pane's rows and order, every
section of a person's page, the palette, the detail line, Source's underlines, the export)
is the same: on the seeds' real people, the dashboard's test corpus and random corpora."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pytest
from fixtures.dashboard_corpus import build_corpus
from hypothesis import given, settings
from test_saved_quotes import opened_after, saved
from test_saved_texts import dashboard_lines
from test_view_indexes import corpora

from tui.app.records import RecordKey, RecordKind
from tui.app.view import ArticleFilter, CorpusView, Selection
from tui.export import to_json
from tui.export_view import summary_counts
from tui.pipeline import load_corpus
from tui.records.models import Article, Corpus, MergeEvidence, Person, Role, Span
from tui.snapshot import (
    LeanCorpus,
    Mentioned,
    mention_count,
    mention_groups,
    mentions_in,
    mentions_of,
    pack,
    record_spans,
    unpack,
)
from tui.texts import SavedTexts, UnreadableSaved

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def as_read(person: Person) -> Person:
    """``person`` as a corpus reading its mentions and roles from the file holds it: no
    mentions, each distinct role (title, organisation) once, as first stated."""
    firsts = {(r.title, r.org): r for r in reversed(person.roles)}
    distinct = [r for r in person.roles if firsts[(r.title, r.org)] is r]
    return person.model_copy(update={"mentions": [], "roles": distinct})


def lean(corpus: Corpus, path: Path) -> LeanCorpus:
    read = unpack(pack(corpus), saved(corpus, path))
    assert isinstance(read, LeanCorpus) and read.saved_mentions is not None
    assert all(p.mentions == [] for p in read.people)  # not held: read from the file
    return read


@pytest.fixture(scope="module", params=["seeds", "dashboard"])
def seeds(request: pytest.FixtureRequest) -> Corpus:
    """The seeds' real people, and the dashboard's hand-built corpus."""
    found = load_corpus(SEEDS, lambda *args: None) if request.param == "seeds" else build_corpus()
    assert sum(len(p.mentions) for p in found.people) > 5
    return found


def test_the_file_gives_back_every_mention_by_person_article_and_order(
    seeds: Corpus, tmp_path: Path
) -> None:
    found = saved(seeds, tmp_path / "t.sqlite")
    people = seeds.people
    assert found.mention_count() == sum(len(p.mentions) for p in people)
    for person in people:
        assert found.mentions(person.id) == person.mentions
    assert found.mentions("nobody") == []
    everything = [(place, m) for place, p in enumerate(people) for m in p.mentions]
    assert list(found.all_mentions()) == everything
    assert list(found.mention_spans()) == [(m.article_id, m.start, m.end) for _, m in everything]
    assert list(found.mention_groups()) == [
        (p.id, [(m.article_id, m.start, m.end, m.text) for m in p.mentions])
        for p in people
        if p.mentions
    ]
    for some in ({seeds.articles[0].id}, {a.id for a in seeds.articles[::2]}, set()):
        assert [(p, m.span()) for p, m in found.mentions_in(some)] == [
            (p, m) for p, m in everything if m.article_id in some
        ]


def test_many_articles_mentions_are_read_in_one_pass_the_same(
    seeds: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More articles than a query's batch are read in one pass over every row (a busy
    person's page): the same mentions, in the same order, as the queries by article give."""
    import tui.texts

    found = saved(seeds, tmp_path / "t.sqlite")
    ids = [a.id for a in seeds.articles]
    for batch in (900, 1):  # by article; in one pass (in steps of 20 rows)
        monkeypatch.setattr(tui.texts, "BATCH", batch)
        for some in (set(ids), set(ids[::2]), set(ids[1:2])):
            assert [(place, m.span()) for place, m in found.mentions_in(some)] == [
                (place, m)
                for place, p in enumerate(seeds.people)
                for m in p.mentions
                if m.article_id in some
            ]


def test_a_corpus_read_without_its_mentions_answers_and_exports_as_the_corpus(
    seeds: Corpus, tmp_path: Path
) -> None:
    read = lean(seeds, tmp_path / "t.sqlite")
    # The people themselves are kept: names, aliases, evidence, ambiguous mentions, and
    # each distinct role once (every statement of them is read from the file too).
    assert [as_read(p) for p in seeds.people] == read.people
    for person in seeds.people:
        assert mentions_of(read, person.id) == mentions_of(seeds, person.id) == person.mentions
    assert mention_count(read) == mention_count(seeds)
    assert list(mention_groups(read)) == list(mention_groups(seeds))
    articles = {a.id for a in seeds.articles[1::3]}
    found = [(p.id, m) for p, m in mentions_in(read, articles) if isinstance(m, Mentioned)]
    assert [(p, m.span()) for p, m in found] == [(p.id, m) for p, m in mentions_in(seeds, articles)]
    assert sorted(record_spans(read)) == sorted(record_spans(seeds))
    assert summary_counts(read) == summary_counts(seeds)
    assert to_json(read) == to_json(seeds)
    assert to_json(read.model_copy()) == to_json(seeds)


def first_scanned(corpus: Corpus, view: CorpusView, person: Person) -> Span | None:
    """A person's first mention in reading order, as the view found it before: the first of
    their mentions sorted by article (date, then id) and offset."""
    if not person.mentions:
        return None
    return sorted(person.mentions, key=lambda m: (view.article_rank[m.article_id], m.start))[0]


def same_views(corpus: Corpus, read: Corpus) -> None:
    """Every answer of the index the dashboard asks about mentions, from a corpus holding
    them and from one reading them from the file; and against scans of the mentions."""
    full, other = CorpusView.build(corpus), CorpusView.build(read)
    people = {p.id: p for p in corpus.people}  # of one id, the later
    assert other.mentions_of_person == full.mentions_of_person
    assert other.mentions_of_person == {p: len(v.mentions) for p, v in people.items() if v.mentions}
    assert other.articles_of_person == full.articles_of_person
    assert other.articles_of_person == {
        p: len({m.article_id for m in v.mentions}) for p, v in people.items() if v.mentions
    }
    assert other.sources_of_person == full.sources_of_person
    for pid, person in people.items():
        first = first_scanned(corpus, full, person)
        assert other.first_mention(pid) == full.first_mention(pid) == first
        ordered = sorted(person.mentions, key=lambda m: (full.article_rank[m.article_id], m.start))
        assert other.person_mentions(pid) == full.person_mentions(pid) == ordered
        assert other.mention_count(pid) == len(person.mentions)
    assert other.first_mention("nobody") is None and other.person_mentions("nobody") == []
    for article in corpus.articles:
        assert other.spans_of(article.id) == full.spans_of(article.id)
    ids = [a.id for a in corpus.articles]
    for some in ({ids[0]}, set(ids[1::2]), set(ids)):
        named = {p.id for p in corpus.people if any(m.article_id in some for m in p.mentions)}
        assert other.people_in(some) == full.people_in(some) == named
    assert other.mention_articles_of(set(people)) == full.mention_articles_of(set(people))
    assert full.mention_articles_of(set(people)) == {
        p: {m.article_id for m in v.mentions} for p, v in people.items() if v.mentions
    }


def test_the_index_of_the_seeds_read_without_their_mentions_is_the_same(
    seeds: Corpus, tmp_path: Path
) -> None:
    same_views(seeds, lean(seeds, tmp_path / "t.sqlite"))


@settings(max_examples=60, deadline=None)
@given(corpora())
def test_the_index_made_from_the_columns_is_the_index_made_from_the_mentions(
    corpus: Corpus,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        read = lean(corpus, Path(folder) / "t.sqlite")
        same_views(corpus, read)
        assert to_json(read) == to_json(corpus)


def test_what_the_dashboard_shows_of_the_people_is_the_same_from_the_file(
    seeds: Corpus, tmp_path: Path
) -> None:
    """The People pane's order and rows (by mentions, by name, an article's people), every
    section and the header of each person's page, the palette's entries, the detail line of
    a mention and the counts of ``F`` on People: the same from the file as from memory."""
    from tui.app.counts import people_columns
    from tui.app.detail import describe
    from tui.app.palette import palette_index, palette_sections
    from tui.app.panes.people import PeoplePane, prompt_parts
    from tui.app.person_rows import header, sections
    from tui.app.screens.person import first_section

    full, other = CorpusView.build(seeds), CorpusView.build(lean(seeds, tmp_path / "t.sqlite"))
    # The People pane: each sort's order, filtered by an article, and each person's entry.
    some = frozenset(a.id for a in seeds.articles[::3])
    for sort_by in ("mentions", "name"):
        for articles in (None, ArticleFilter("some", some)):
            shown = []
            for view in (full, other):
                pane = PeoplePane()
                pane.set_reactive(PeoplePane.view, view)
                pane.set_reactive(PeoplePane.sort_by, sort_by)
                pane.set_reactive(PeoplePane.article_filter, articles)
                shown.append([p.id for p in pane.visible_people()])
            assert shown[0] == shown[1] and shown[0]
    busiest = max(seeds.people, key=lambda p: (len(p.mentions), p.id))
    by_mentions = PeoplePane()
    by_mentions.set_reactive(PeoplePane.view, other)
    assert by_mentions.visible_people()[0].id == busiest.id
    for person in seeds.people:
        for chosen in (False, True):
            assert prompt_parts(other, person, 60, chosen) == prompt_parts(full, person, 60, chosen)
    # Every person's page: each section, the header, the first section of a big page.
    for person in seeds.people:
        assert sections(other, person.id) == sections(full, person.id)
        assert header(other, person.id) == header(full, person.id)
        assert (
            first_section(other, person.id, 1, 120)[0] == first_section(full, person.id, 1, 120)[0]
        )
        mentions = [Counter(m.text for m in person.mentions)]
        assert mentions == [Counter(m.text for m in other.person_mentions(person.id))]
    # The palette and the detail line of a mention (its count).
    assert palette_index(other).haystack == palette_index(full).haystack
    for mine, theirs in zip(palette_sections(other), palette_sections(full), strict=True):
        assert [mine.entry(i) for i in mine.items] == [theirs.entry(i) for i in theirs.items]
    first = other.first_mention(busiest.id)
    assert first is not None
    key = RecordKey(RecordKind.MENTION, busiest.id)
    at = Selection(key, first.article_id, first.start, first.end, 0)
    line = describe(other, at)
    assert line == describe(full, at) and f"1/{len(busiest.mentions)}" in line.plain
    # F on People: the outlets that name each person.
    for column, same in zip(
        people_columns(other, seeds.people), people_columns(full, seeds.people), strict=True
    ):
        assert column.get() == same.get()


def test_an_unreadable_file_is_never_taken_for_no_mentions(tmp_path: Path) -> None:
    """``UnreadableSaved`` is a KeyError: a reader answering [] or 0 for it would show a
    person without mentions instead of ending in one line."""
    corpus = Corpus.model_validate_json(SAMPLE)
    read = lean(corpus, tmp_path / "t.sqlite")
    view = CorpusView.build(read)
    files = read.saved_mentions
    assert isinstance(files, SavedTexts)
    files._db.close()
    with pytest.raises(UnreadableSaved):
        view.person_mentions("p1")
    with pytest.raises(UnreadableSaved):
        view.people_in({"a"})
    with pytest.raises(UnreadableSaved):
        CorpusView.build(read)
    with pytest.raises(UnreadableSaved):
        to_json(read)


def test_a_file_of_the_previous_layout_is_not_opened(tmp_path: Path) -> None:
    sample = Corpus.model_validate_json(SAMPLE)
    assert opened_after(sample, tmp_path / "t.sqlite", "UPDATE saved SET format = 4") is None


def test_a_file_without_the_mentions_table_is_not_opened(tmp_path: Path) -> None:
    sample = Corpus.model_validate_json(SAMPLE)
    assert opened_after(sample, tmp_path / "t.sqlite", "DROP TABLE mentions") is None


def test_two_people_with_one_id_read_as_the_dict_of_people_holds_them(tmp_path: Path) -> None:
    corpus = Corpus.model_validate_json(SAMPLE)
    twin = corpus.people[0].model_copy(
        update={"mentions": [Span.of("a", corpus.articles[0].text, 0, 5)]}
    )
    corpus = corpus.model_copy(update={"people": [corpus.people[0], twin]})
    read = lean(corpus, tmp_path / "t.sqlite")
    assert mentions_of(read, "p1") == mentions_of(corpus, "p1") == twin.mentions
    full, other = CorpusView.build(corpus), CorpusView.build(read)
    assert other.person_mentions("p1") == full.person_mentions("p1") == twin.mentions
    assert other.mentions_of_person == full.mentions_of_person == {"p1": 1}
    assert to_json(read) == to_json(corpus)


def test_a_person_keeps_distinct_roles_evidence_and_ambiguous_mentions(tmp_path: Path) -> None:
    """What the file does not hold stays with the person: the ambiguous mentions (a
    surname a namesake holds), listed last on their page's Mentions section."""
    from tui.app.person_rows import mentions, sections

    corpus = Corpus.model_validate_json(SAMPLE)
    read = lean(corpus, tmp_path / "t.sqlite")
    assert read.people == [as_read(p) for p in corpus.people]
    assert read.people[0].ambiguous and read.people[0].roles and read.people[0].evidence
    full, other = CorpusView.build(corpus), CorpusView.build(read)
    rows = mentions(other, "p1")
    assert rows == mentions(full, "p1") and len(rows) == 2
    assert sections(other, "p1") == sections(full, "p1")


def test_the_dashboard_reads_mentions_only_through_the_view() -> None:
    """Each person's ``mentions`` of a corpus read without them is empty: code of the
    dashboard reading it would show people without mentions. Only the view reads them,
    through :func:`tui.snapshot.mentions_of` and its neighbours."""
    found = dashboard_lines(
        r"\.mentions\b|(?<!def )(?<![.\w])(mentions_of|mention_groups|mentions_in)\("
    )
    assert [line.split(":")[0] for line in found] == ["view.py"] * len(found)
    assert [line.split(": ", 1)[1] for line in found] == [
        "for pid, spans in mention_groups(self.corpus):",
        "return {person.id for person, _ in mentions_in(self.corpus, article_ids)}",
        "return mentions_in(self.corpus, article_ids)",
        "for pid, spans in mention_groups(self.corpus):",
        "sorted(mentions_of(self.corpus, person_id), key=lambda m: key(m.article_id, m.start)),",
    ]


SAMPLE = Corpus(
    articles=[
        Article(
            id="a", path="a.txt", text="Maria Lind met Jon Berg on Monday, the mayor. A Lind spoke."
        )
    ],
    people=[
        Person(
            id="p1",
            name="Maria Lind",
            aliases=["Lind"],
            roles=[Role(article_id="a", start=35, end=44, text="the mayor", title="mayor")],
            mentions=[Span(article_id="a", start=0, end=10, text="Maria Lind")],
            evidence=[MergeEvidence(rule="same-name", names=["Maria Lind", "Maria Lind"])],
            ambiguous=[Span(article_id="a", start=48, end=52, text="Lind")],
        ),
        Person(
            id="p2",
            name="Jon Berg",
            mentions=[Span(article_id="a", start=15, end=23, text="Jon Berg")],
        ),
    ],
).model_dump_json()


def test_a_pages_mentions_note_their_sentences_so_its_companions_read_no_text_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Measured with the sentences noted, the mentions leave the people seen with the
    person no text to read again (each article's text decompressed once for both, twice
    before: more articles than the texts kept decoded); the rows are the same, and the
    rows made keep none of the page build's sentences."""
    import gc
    import weakref

    from fixtures.person_corpus import crowded_corpus

    import tui.texts
    from tui.app.person_rows import WITH, Sentences, section

    corpus = crowded_corpus()
    articles = {m.article_id for m in corpus.people[0].mentions}
    assert len(articles) > 2 * tui.texts.KEPT
    decoded = [0]
    plain = tui.texts._decoded

    def counted(body: bytes) -> str:
        decoded[0] += 1
        return plain(body)

    monkeypatch.setattr(tui.texts, "_decoded", counted)
    made, reads = {}, {}
    for noting in (False, True):
        view = CorpusView.build(lean(corpus, tmp_path / f"{noting}.sqlite"))
        found = Sentences(view)
        decoded[0] = 0
        made[noting] = [section(view, "p0", n, found, noting) for n in (1, WITH)]
        reads[noting] = decoded[0]
        kept = weakref.ref(found)
        del found
        gc.collect()
        assert kept() is None
    assert made[True] == made[False]
    companions = len(made[True][1].rows)
    assert reads[False] >= 2 * len(articles)
    assert len(articles) <= reads[True] <= len(articles) + companions
