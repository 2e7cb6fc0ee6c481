"""Each article's records' spans saved in the texts file beside the store
(``TEXTS_FORMAT`` 9): the index of a corpus read from it reads an article's spans (what
Source underlines) by one query instead of gathering every span of the corpus into
arrays, and answers as the index of the corpus holding its records."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.dashboard_corpus import build_corpus
from test_saved_quotes import opened_after, saved

from tui.app.view import CorpusView, SavedSpanMap
from tui.pipeline import load_corpus
from tui.records.models import Corpus
from tui.snapshot import LeanCorpus, pack, record_spans, spans_by_article, unpack
from tui.texts import SavedTexts, UnreadableSaved

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module", params=["seeds", "dashboard"])
def corpus(request: pytest.FixtureRequest) -> Corpus:
    return load_corpus(SEEDS, lambda *args: None) if request.param == "seeds" else build_corpus()


def test_the_file_gives_back_each_articles_spans(corpus: Corpus, tmp_path: Path) -> None:
    found = saved(corpus, tmp_path / "t.sqlite")
    gathered = spans_by_article(record_spans(corpus))
    assert gathered and set(found.span_articles()) == set(gathered)
    for article in corpus.articles:
        flat = found.article_spans(article.id)
        expected = gathered.get(article.id)
        assert flat == expected  # the same values, in the same smallest item
        assert (flat is None) is (expected is None)
        if flat is not None and expected is not None:
            assert flat.typecode == expected.typecode
    assert found.article_spans("nowhere") is None


def test_the_index_of_a_saved_corpus_reads_each_articles_spans_from_the_file(
    corpus: Corpus, tmp_path: Path
) -> None:
    read = unpack(pack(corpus), saved(corpus, tmp_path / "t.sqlite"))
    assert isinstance(read, LeanCorpus) and read.saved_spans is not None
    full, other = CorpusView.build(corpus), CorpusView.build(read)
    assert isinstance(other.spans_by_article, SavedSpanMap)
    assert set(other.spans_by_article) == set(full.spans_by_article)
    assert len(other.spans_by_article) == len(full.spans_by_article)
    for article in corpus.articles:
        assert other.spans_of(article.id) == full.spans_of(article.id)
    assert other.spans_of("nowhere") == [] == full.spans_of("nowhere")


def test_an_unreadable_file_is_never_taken_for_no_spans(tmp_path: Path) -> None:
    corpus = build_corpus()
    read = unpack(pack(corpus), saved(corpus, tmp_path / "t.sqlite"))
    view = CorpusView.build(read)
    files = read.saved_spans if isinstance(read, LeanCorpus) else None
    assert isinstance(files, SavedTexts)
    files._db.close()
    with pytest.raises(UnreadableSaved):
        view.spans_of(corpus.articles[0].id)


def test_a_file_of_the_previous_layout_is_not_opened(tmp_path: Path) -> None:
    corpus = build_corpus()
    assert opened_after(corpus, tmp_path / "t.sqlite", "UPDATE saved SET format = 8") is None


def test_a_file_without_the_spans_table_is_not_opened(tmp_path: Path) -> None:
    corpus = build_corpus()
    assert opened_after(corpus, tmp_path / "t.sqlite", "DROP TABLE spans") is None
