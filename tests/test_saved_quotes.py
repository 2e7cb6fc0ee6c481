"""The statements saved with the articles' texts beside the store (``tui.texts``): read back
by id, by person, counted and as spans exactly as the corpus holds them; a saved corpus read
without them (``snapshot.unpack``) answers every question the dashboard asks of its
statements — the view's counts and underlines, the detail line, a person's page, the
export — as the corpus with them does."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from tui import snapshot
from tui.app.person_rows import statements
from tui.app.view import CorpusView
from tui.export import to_json
from tui.export_view import summary_counts
from tui.pipeline import load_corpus
from tui.records.models import Corpus, Quote
from tui.snapshot import (
    LeanCorpus,
    quote_count,
    quote_of,
    quotes_of,
    quotes_per_person,
    record_spans,
    spans_by_article,
)
from tui.texts import SavedTexts, UnreadableSaved, save_texts

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    found = load_corpus(SEEDS, lambda *args: None)
    assert len({q.person_id for q in found.quotes if q.person_id}) > 3  # several speakers
    return found


def saved(corpus: Corpus, path: Path) -> SavedTexts:
    texts = ((a.id, a.text) for a in corpus.articles)
    save_texts(
        path, "s", texts, corpus.quotes, corpus.events, corpus.figures, corpus.people,
        corpus.timexes, ((a.id, a.boilerplate) for a in corpus.articles),
        spans_by_article(record_spans(corpus)).items(),
    )  # fmt: skip
    found = SavedTexts.open(path, "s")
    assert found is not None
    return found


def opened_after(corpus: Corpus, path: Path, statement: str) -> SavedTexts | None:
    """The texts file of ``corpus`` saved at ``path``, changed by ``statement`` (another
    layout, a table dropped), opened again: None when it is not opened."""
    saved(corpus, path).close()
    db = sqlite3.connect(path)
    db.execute(statement)
    db.commit()
    db.close()
    return SavedTexts.open(path, "s")


def test_statements_read_back_by_id_person_count_and_span(corpus: Corpus, tmp_path: Path) -> None:
    found = saved(corpus, tmp_path / "t.sqlite")
    assert found.quotes() == corpus.quotes
    people = {q.person_id for q in corpus.quotes} | {None, "nobody"}
    for person in people - {None}:
        assert found.quotes(person) == [q for q in corpus.quotes if q.person_id == person]
    assert all(found.quote(q.id) == q for q in corpus.quotes)
    assert found.quote("nobody") is None
    assert found.quote_count() == len(corpus.quotes)
    assert found.quotes_per_person() == dict(
        Counter(q.person_id for q in corpus.quotes if q.person_id)
    )
    assert found.quote_spans() == [(q.article_id, q.start, q.end) for q in corpus.quotes]


def test_statements_are_read_by_place_and_their_places_from_columns(
    corpus: Corpus, tmp_path: Path
) -> None:
    """What a person's page keeps of their statements (places, articles, starts) and reads
    a window at a time: the statements at the places asked, in the order asked."""
    found = saved(corpus, tmp_path / "t.sqlite")
    for person_id in {q.person_id for q in corpus.quotes if q.person_id}:
        assert found.quote_places(person_id) == [
            (pos, q.article_id, q.start)
            for pos, q in enumerate(corpus.quotes)
            if q.person_id == person_id
        ]
    every = list(range(len(corpus.quotes)))
    asked = every[::-1] + every[:2]  # backwards, and two asked twice
    assert found.quotes_at(asked) == [corpus.quotes[pos] for pos in asked]
    assert found.quotes_at([]) == []
    with pytest.raises(UnreadableSaved):
        found.quotes_at([len(corpus.quotes)])


def test_of_two_statements_with_one_id_the_later_is_read(tmp_path: Path) -> None:
    """As a dict of the corpus's statements by id holds them."""
    first = Quote(id="q1", article_id="a", start=0, end=3, text="abc", person_id="p1")
    later = first.model_copy(update={"start": 4, "end": 7, "text": "def"})
    save_texts(tmp_path / "t.sqlite", "s", [("a", "abc def")], [first, later])
    found = SavedTexts.open(tmp_path / "t.sqlite", "s")
    assert found is not None
    assert found.quote("q1") == later == {q.id: q for q in (first, later)}["q1"]
    assert found.quotes("p1") == [first, later]


def test_a_file_of_texts_only_is_not_opened(corpus: Corpus, tmp_path: Path) -> None:
    """A file of the first layout (texts, no statements) is another's: the corpus is then
    read with its statements, never without them and nowhere to read them."""
    assert opened_after(corpus, tmp_path / "t.sqlite", "UPDATE saved SET format = 1") is None


def test_a_corpus_read_without_its_statements_answers_as_the_corpus(
    corpus: Corpus, tmp_path: Path
) -> None:
    found = saved(corpus, tmp_path / "t.sqlite")
    lean = snapshot.unpack(snapshot.pack(corpus), found)
    assert isinstance(lean, LeanCorpus) and lean.saved_quotes is found
    assert lean.quotes == []  # not held: read from the file
    assert quotes_of(lean) == quotes_of(corpus) == corpus.quotes
    some = corpus.quotes[len(corpus.quotes) // 2]
    assert quote_of(lean, some.id) == quote_of(corpus, some.id) == some
    assert quote_count(lean) == quote_count(corpus) == len(corpus.quotes)
    assert quotes_per_person(lean) == quotes_per_person(corpus)
    # The export is the same, byte for byte, statements and texts included.
    assert to_json(lean) == to_json(corpus)
    assert to_json(lean.model_copy()) == to_json(corpus)  # a copy reads them too


def test_the_view_of_a_corpus_read_without_its_statements_is_the_same(
    corpus: Corpus, tmp_path: Path
) -> None:
    full = CorpusView.build(corpus)
    lean = CorpusView.build(snapshot.unpack(snapshot.pack(corpus), saved(corpus, tmp_path / "t")))
    assert lean.quotes_of_person == full.quotes_of_person
    # Source underlines the statements read from the file.
    assert all(lean.spans_of(a.id) == full.spans_of(a.id) for a in corpus.articles)
    assert any(
        (q.start, q.end) in lean.spans_of(q.article_id) for q in corpus.quotes if q.end > q.start
    )
    for quote in corpus.quotes:
        assert lean.quote(quote.id) == full.quote(quote.id) == quote
    # A person's page lists the same statements, in the same order, with the same words.
    for person in full.quotes_of_person:
        assert statements(lean, person) == statements(full, person)
    assert summary_counts(lean.corpus) == summary_counts(corpus)  # the summary's counts


def test_the_dashboard_reads_statements_only_through_the_snapshots_readers() -> None:
    """``quotes_of`` and its neighbours are the one way: a corpus read without its
    statements has an empty ``quotes`` list, which code reading it would show as a person
    who said nothing."""
    from test_saved_texts import dashboard_lines

    assert dashboard_lines(r"\.quotes\b(?!_)") == []
