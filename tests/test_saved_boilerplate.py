"""The articles' boilerplate ranges saved in the texts file beside the store
(``TEXTS_FORMAT`` 8): a corpus read without them (each article's ``boilerplate`` empty)
reads an article's from the file, exports them as the corpus holding them does, and Source
dims the same furniture of a web page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fixtures.dashboard_corpus import build_corpus
from test_app import drive, settle
from test_saved_quotes import opened_after, saved
from test_saved_texts import dashboard_lines

from tui.app import NewsdashApp
from tui.app.panes.source import SourcePane, SourceView
from tui.app.view import CorpusView
from tui.export import to_json
from tui.pipeline import load_corpus
from tui.records.models import Corpus
from tui.snapshot import LeanCorpus, boilerplate_of, pack, unpack
from tui.texts import SavedTexts, UnreadableSaved

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WEB = Path(__file__).resolve().parent / "fixtures" / "web"


def lean(corpus: Corpus, path: Path) -> LeanCorpus:
    read = unpack(pack(corpus), saved(corpus, path))
    assert isinstance(read, LeanCorpus) and read.saved_boilerplate is not None
    assert all(a.boilerplate == [] for a in read.articles)  # not held: read from the file
    return read


@pytest.fixture(scope="module", params=["seeds", "dashboard"])
def corpus(request: pytest.FixtureRequest) -> Corpus:
    found = load_corpus(SEEDS, lambda *args: None) if request.param == "seeds" else build_corpus()
    assert any(a.boilerplate for a in found.articles)
    assert any(not a.boilerplate for a in found.articles)
    return found


def test_the_file_gives_back_each_articles_boilerplate(corpus: Corpus, tmp_path: Path) -> None:
    found = saved(corpus, tmp_path / "t.sqlite")
    for article in corpus.articles:
        assert found.boilerplate(article.id) == article.boilerplate
    assert found.boilerplate("nowhere") == []


def test_a_corpus_read_without_its_boilerplate_answers_and_exports_as_the_corpus(
    corpus: Corpus, tmp_path: Path
) -> None:
    read = lean(corpus, tmp_path / "t.sqlite")
    full, other = CorpusView.build(corpus), CorpusView.build(read)
    for article, kept in zip(corpus.articles, read.articles, strict=True):
        assert boilerplate_of(read, kept) == boilerplate_of(corpus, article) == article.boilerplate
        assert other.boilerplate(article.id) == full.boilerplate(article.id)
        assert kept.model_copy(
            update={"boilerplate": article.boilerplate, "text": article.text}
        ) == (article)
    assert to_json(read) == to_json(corpus)
    assert to_json(read.model_copy()) == to_json(corpus)


def test_an_unreadable_file_is_never_taken_for_no_boilerplate(tmp_path: Path) -> None:
    corpus = build_corpus()
    read = lean(corpus, tmp_path / "t.sqlite")
    files = read.saved_boilerplate
    assert isinstance(files, SavedTexts)
    files._db.close()
    dimmed = next(
        a for a in read.articles if any(b.boilerplate for b in corpus.articles if b.id == a.id)
    )
    with pytest.raises(UnreadableSaved):
        boilerplate_of(read, dimmed)
    with pytest.raises(UnreadableSaved):
        to_json(read)


def test_a_file_of_the_previous_layout_is_not_opened(tmp_path: Path) -> None:
    corpus = build_corpus()
    assert opened_after(corpus, tmp_path / "t.sqlite", "UPDATE saved SET format = 7") is None


def test_a_file_without_the_boilerplate_table_is_not_opened(tmp_path: Path) -> None:
    corpus = build_corpus()
    assert opened_after(corpus, tmp_path / "t.sqlite", "DROP TABLE boilerplate") is None


def test_the_dashboard_reads_boilerplate_only_through_the_view() -> None:
    """Each article's ``boilerplate`` of a corpus read without it is empty: Source reading
    it would dim nothing. Only the view reads it, through
    :func:`tui.snapshot.boilerplate_of`."""
    found = dashboard_lines(r"\.boilerplate\b(?!\()|(?<!def )(?<![.\w])boilerplate_of\(")
    assert [line.split(": ", 1)[1] for line in found] == [
        "return boilerplate_of(self.corpus, self.articles[article_id])",
    ]


@drive
async def test_source_dims_a_saved_web_pages_furniture(tmp_path: Path) -> None:
    """A web page's cookie banner is dimmed in Source when the corpus reads its
    boilerplate from the file, as when the page's article holds it."""
    shutil.copy(WEB / "full.html", tmp_path / "full.html")
    corpus = load_corpus(tmp_path, lambda *args: None)
    read = lean(corpus, tmp_path / "t.sqlite")
    text = corpus.articles[0].text
    banner = text.index("We use cookies")
    assert any(r.start == banner for r in corpus.articles[0].boilerplate)
    app = NewsdashApp(corpus=read, theme="newsdash")
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot)
        assert app.query_one(SourcePane).article_id == "full"
        source = app.query_one(SourceView)
        assert source.text[banner:].startswith("We use cookies")
        line = source.get_line(source.text[:banner].count("\n"))
        assert line.spans and all(span.style and "dim" in str(span.style) for span in line.spans)
