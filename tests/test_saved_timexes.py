"""The time expressions saved in the texts file beside the store, and a corpus read without
them (``tui.texts``, ``tui.snapshot.timexes_of``): the dashboard underlines them from their
columns and reads them only for an export. At 100,000 articles they were half of what a
corpus read without the rest held (364 MB)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_saved_figures import lean
from test_saved_quotes import opened_after, saved

from tui.app.view import CorpusView
from tui.export import to_json
from tui.pipeline import load_corpus
from tui.records.models import Article, Corpus, TimeExpr
from tui.snapshot import (
    LeanCorpus,
    pack,
    record_spans,
    timexes_of,
    unpack,
)
from tui.texts import SavedTexts, UnreadableSaved

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The seeds' real time expressions (the dashboard's hand-built corpus has none)."""
    found = load_corpus(SEEDS, lambda *args: None)
    assert len(found.timexes) > 5
    return found


def test_the_file_gives_back_every_time_expression_and_its_span(
    corpus: Corpus, tmp_path: Path
) -> None:
    found = saved(corpus, tmp_path / "t.sqlite")
    assert found.timex_count() == len(corpus.timexes)
    assert list(found.all_timexes()) == corpus.timexes
    assert list(found.timex_spans()) == [(t.article_id, t.start, t.end) for t in corpus.timexes]


def test_a_corpus_read_without_its_time_expressions_answers_and_exports_as_the_corpus(
    corpus: Corpus, tmp_path: Path
) -> None:
    read = lean(corpus, tmp_path / "t.sqlite")
    assert read.timexes == []  # not held: read from the file
    assert isinstance(read.saved_timexes, SavedTexts)
    assert list(timexes_of(read)) == list(timexes_of(corpus)) == corpus.timexes
    assert read.saved_timexes.timex_count() == len(corpus.timexes)
    assert sorted(record_spans(read)) == sorted(record_spans(corpus))
    assert to_json(read) == to_json(corpus)
    assert to_json(read.model_copy()) == to_json(corpus)


def test_source_underlines_the_same_spans_from_the_file(corpus: Corpus, tmp_path: Path) -> None:
    full = CorpusView.build(corpus)
    other = CorpusView.build(lean(corpus, tmp_path / "t.sqlite"))
    for article in corpus.articles:
        assert list(other.spans_of(article.id)) == list(full.spans_of(article.id))
    timexes = {(t.article_id, t.start, t.end) for t in corpus.timexes}
    underlined = {
        (article.id, start, end)
        for article in corpus.articles
        for start, end in other.spans_of(article.id)
    }
    assert timexes <= underlined


def test_a_texts_file_without_them_holds_none_and_a_lean_corpus_keeps_its_own(
    corpus: Corpus,
) -> None:
    """A reader that holds the texts but not the time expressions (another kind of
    ``ArticleTexts``): the corpus is read with them, as before."""

    class TextsOnly:
        def __init__(self, corpus: Corpus) -> None:
            self.texts = {a.id: a.text for a in corpus.articles}

        def text(self, article_id: str) -> str:
            return self.texts[article_id]

    read = unpack(pack(corpus), TextsOnly(corpus))
    assert isinstance(read, LeanCorpus) and read.saved_timexes is None
    assert read.timexes == corpus.timexes
    assert list(timexes_of(read)) == corpus.timexes


def test_an_unreadable_file_is_never_taken_for_no_time_expressions(
    corpus: Corpus, tmp_path: Path
) -> None:
    read = lean(corpus, tmp_path / "t.sqlite")
    files = read.saved_timexes
    assert isinstance(files, SavedTexts)
    files._db.close()
    with pytest.raises(UnreadableSaved):
        list(timexes_of(read))
    with pytest.raises(UnreadableSaved):
        list(record_spans(read))


def test_a_file_of_the_previous_layout_or_without_the_table_is_not_opened(
    tmp_path: Path,
) -> None:
    sample = Corpus(
        articles=[Article(id="a", path="a.txt", text="Talks resumed on Monday.")],
        timexes=[TimeExpr(article_id="a", start=17, end=23, text="Monday", value="2024-03-04")],
    )
    assert opened_after(sample, tmp_path / "a.sqlite", "UPDATE saved SET format = 5") is None
    assert opened_after(sample, tmp_path / "b.sqlite", "DROP TABLE timexes") is None
    assert opened_after(sample, tmp_path / "c.sqlite", "SELECT 1") is not None
