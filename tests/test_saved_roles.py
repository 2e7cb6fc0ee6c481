"""The people's roles saved in the texts file beside the store (``TEXTS_FORMAT`` 7): a corpus
read with each person's distinct roles once (title and organisation, as first stated) reads
every statement of them from the file, exports and underlines them as the corpus holding
them does, and the dashboard shows the same summaries (People, the detail line, a person's
companions) and the same Roles section on a person's page: on the seeds' real people, the
dashboard's test corpus, and a person whose role is stated many times over."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.dashboard_corpus import build_corpus
from test_saved_mentions import SAMPLE, as_read
from test_saved_quotes import opened_after, saved
from test_saved_texts import dashboard_lines

from tui.app.view import CorpusView
from tui.export import to_json
from tui.pipeline import load_corpus
from tui.records.models import Article, Corpus, Person, Role, Span
from tui.snapshot import LeanCorpus, pack, record_spans, roles_of, unpack
from tui.texts import SavedTexts, UnreadableSaved

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def lean(corpus: Corpus, path: Path) -> LeanCorpus:
    read = unpack(pack(corpus), saved(corpus, path))
    assert isinstance(read, LeanCorpus) and read.saved_roles is not None
    return read


def restated() -> Corpus:
    """One person whose role is stated in every sentence, in three spellings of two
    titles, with and without an organisation; another with none."""
    text = (
        "The mayor, Ana Ruiz, spoke. Mayor Ruiz left. The Mayor returned. "
        "Ruiz, mayor of Porto, said no. The deputy mayor Ruiz agreed. Jon Berg nodded."
    )

    def role(words: str, title: str, org: str | None = None, after: int = 0) -> Role:
        start = text.index(words, after)
        return Role(
            article_id="a", start=start, end=start + len(words), text=words, title=title, org=org
        )

    def mention(words: str) -> Span:
        return Span.of("a", text, text.index(words), text.index(words) + len(words))

    roles = [
        role("The mayor", "mayor"),
        role("Mayor", "Mayor"),
        role("Mayor", "Mayor", after=text.index("The Mayor")),
        role("mayor of Porto", "mayor", "Porto"),
        role("deputy mayor", "deputy mayor"),
        role("mayor", "mayor", after=text.index("deputy")),
    ]
    ruiz = Person(
        id="p1", name="Ana Ruiz", aliases=["Ruiz"], roles=roles, mentions=[mention("Ana Ruiz")]
    )
    berg = Person(id="p2", name="Jon Berg", mentions=[mention("Jon Berg")])
    return Corpus(articles=[Article(id="a", path="a.txt", text=text)], people=[ruiz, berg])


@pytest.fixture(scope="module", params=["seeds", "dashboard", "restated"])
def corpus(request: pytest.FixtureRequest) -> Corpus:
    if request.param == "seeds":
        found = load_corpus(SEEDS, lambda *args: None)
    else:
        found = build_corpus() if request.param == "dashboard" else restated()
    assert any(len(p.roles) > 1 for p in found.people)
    return found


def test_the_file_gives_back_every_role_by_person_and_order(corpus: Corpus, tmp_path: Path) -> None:
    found = saved(corpus, tmp_path / "t.sqlite")
    people = corpus.people
    for person in people:
        assert found.roles(person.id) == person.roles
    assert found.roles("nobody") == []
    everything = [(place, r) for place, p in enumerate(people) for r in p.roles]
    assert list(found.all_roles()) == everything
    assert list(found.role_spans()) == [(r.article_id, r.start, r.end) for _, r in everything]
    distinct = {place: as_read(p).roles for place, p in enumerate(people) if p.roles}
    assert found.first_roles() == distinct


def test_a_corpus_read_with_each_role_once_answers_and_exports_as_the_corpus(
    corpus: Corpus, tmp_path: Path
) -> None:
    read = lean(corpus, tmp_path / "t.sqlite")
    assert read.people == [as_read(p) for p in corpus.people]
    for person in corpus.people:
        assert roles_of(read, person.id) == roles_of(corpus, person.id) == person.roles
    assert roles_of(read, "nobody") == roles_of(corpus, "nobody") == []
    assert sorted(record_spans(read)) == sorted(record_spans(corpus))  # each role once
    assert to_json(read) == to_json(corpus)
    assert to_json(read.model_copy()) == to_json(corpus)


def test_what_the_dashboard_shows_of_the_roles_is_the_same_from_the_file(
    corpus: Corpus, tmp_path: Path
) -> None:
    """People's entries and search, the detail line's summary, every section of each
    person's page (the Roles section lists every statement; companions list the roles of
    each), and Source's underlines."""
    from tui.app.panes.people import PeoplePane, prompt_parts, role_summary
    from tui.app.person_rows import roles, sections

    read = lean(corpus, tmp_path / "t.sqlite")
    full, other = CorpusView.build(corpus), CorpusView.build(read)
    for person, kept in zip(corpus.people, read.people, strict=True):
        assert role_summary(kept, 99) == role_summary(person, 99)
        assert role_summary(kept) == role_summary(person)
        for chosen in (False, True):
            assert prompt_parts(other, kept, 60, chosen) == prompt_parts(full, person, 60, chosen)
        assert sections(other, person.id) == sections(full, person.id)
        rows = roles(other, person.id)
        assert len(rows) == len(person.roles)
        assert list(rows) == list(roles(full, person.id))
    for article in corpus.articles:
        assert other.spans_of(article.id) == full.spans_of(article.id)
    titles = {r.title.casefold() for p in corpus.people for r in p.roles}
    for needle in sorted(titles)[:5]:
        shown = []
        for view in (full, other):
            pane = PeoplePane()
            pane.set_reactive(PeoplePane.view, view)
            pane.set_reactive(PeoplePane.search, needle)
            shown.append([p.id for p in pane.visible_people()])
        assert shown[0] == shown[1] and shown[0]


def test_a_role_stated_many_times_is_summarised_once_and_listed_every_time(
    tmp_path: Path,
) -> None:
    from tui.app.panes.people import role_summary
    from tui.app.person_rows import roles

    corpus = restated()
    read = lean(corpus, tmp_path / "t.sqlite")
    kept = read.people[0]
    assert [(r.title, r.org) for r in kept.roles] == [
        ("mayor", None),
        ("Mayor", None),
        ("mayor", "Porto"),
        ("deputy mayor", None),
    ]
    assert role_summary(kept) == "mayor; mayor, Porto +1"
    rows = roles(CorpusView.build(read), "p1")
    assert [row.cells[0] for row in rows] == [
        "mayor",
        "Mayor",
        "Mayor",
        "mayor, Porto",
        "deputy mayor",
        "mayor",
    ]


def test_two_people_with_one_id_read_as_the_dict_of_people_holds_them(tmp_path: Path) -> None:
    corpus = restated()
    twin = corpus.people[0].model_copy(update={"roles": corpus.people[0].roles[3:]})
    corpus = corpus.model_copy(update={"people": [*corpus.people, twin]})
    read = lean(corpus, tmp_path / "t.sqlite")
    assert roles_of(read, "p1") == roles_of(corpus, "p1") == twin.roles
    assert to_json(read) == to_json(corpus)


def test_an_unreadable_file_is_never_taken_for_no_roles(tmp_path: Path) -> None:
    corpus = restated()
    read = lean(corpus, tmp_path / "t.sqlite")
    files = read.saved_roles
    assert isinstance(files, SavedTexts)
    files._db.close()
    with pytest.raises(UnreadableSaved):
        roles_of(read, "p1")
    with pytest.raises(UnreadableSaved):
        to_json(read)
    with pytest.raises(UnreadableSaved):
        unpack(pack(corpus), files)


def test_a_file_of_the_previous_layout_is_not_opened(tmp_path: Path) -> None:
    sample = Corpus.model_validate_json(SAMPLE)
    assert opened_after(sample, tmp_path / "t.sqlite", "UPDATE saved SET format = 6") is None


def test_a_file_without_the_roles_table_is_not_opened(tmp_path: Path) -> None:
    sample = Corpus.model_validate_json(SAMPLE)
    assert opened_after(sample, tmp_path / "t.sqlite", "DROP TABLE roles") is None


def test_the_dashboard_reads_every_role_only_through_roles_of() -> None:
    """A person of a corpus read from the file holds each distinct role once: what the
    dashboard summarises (People, the detail line, companions) reads ``person.roles``;
    whatever lists every statement must read :func:`tui.snapshot.roles_of`."""
    found = dashboard_lines(r"\.roles\b|(?<!def )(?<![.\w])roles_of\(")
    assert [line.split(": ", 1)[1] for line in found] == [
        "for role in person.roles:",
        "stated = [r for r in roles_of(view.corpus, person_id) if r.article_id in view.articles]",
        'clean(r.title if not r.org else f"{r.title}, {r.org}") for r in person.roles',
    ]
