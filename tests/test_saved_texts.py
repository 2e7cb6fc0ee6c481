"""The articles' texts saved beside the store (``tui.texts``): read back exactly, one
article at a time, only for the corpus they were saved with; a saved corpus read without
its texts (``snapshot.unpack``, ``load_corpus``) keeps every other field; and the dashboard
saving them, then showing the same sentences and articles from them, read-only."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from test_app import drive, settle
from test_saved_tables import dashboard, listing, saves_done, shown
from test_snapshot import write

from tui import snapshot, texts
from tui.app import NewsdashApp
from tui.app.panes.source import SourceView
from tui.records.models import Corpus
from tui.snapshot import LeanCorpus, text_of
from tui.texts import SavedTexts, save_texts

TEXTS = [
    ("a1", "Plain text.\nTwo lines."),
    ("a2", "Curly “quotes” and an emoji 📈 beyond the first plane, é and ß."),
    ("a3", "A lone surrogate \udc80 kept as it is."),
    ("a4", "x" * 100_000),
]


def test_texts_read_back_exactly_and_only_for_their_stamp(tmp_path: Path) -> None:
    path = tmp_path / "tables" / "t-texts.sqlite"
    save_texts(path, "stamp-1", TEXTS)
    found = SavedTexts.open(path, "stamp-1")
    assert found is not None
    for article_id, text in reversed(TEXTS):  # each read on its own, then kept
        assert found.text(article_id) == text
    for article_id, text in TEXTS:
        assert found.text(article_id) == text
    with pytest.raises(KeyError):
        found.text("a5")
    found.close()
    assert SavedTexts.open(path, "stamp-2") is None  # another corpus's texts
    assert SavedTexts.open(tmp_path / "none.sqlite", "stamp-1") is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the articles: the user's only
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_only_recent_texts_are_kept_decoded(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    many = [(f"a{i}", f"text {i}") for i in range(texts.KEPT * 3)]
    save_texts(path, "s", many)
    found = SavedTexts.open(path, "s")
    assert found is not None
    assert [found.text(a) for a, _ in many] == [t for _, t in many]
    assert list(found._kept) == [a for a, _ in many[-texts.KEPT :]]


def test_a_damaged_file_is_not_opened_and_a_failed_save_leaves_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.sqlite"
    path.write_bytes(b"not a database" * 100)
    assert SavedTexts.open(path, "s") is None
    save_texts(path, "s", TEXTS[:1])
    before = path.read_bytes()

    def failing() -> list[tuple[str, str]]:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        save_texts(path, "s2", iter([("a1", "new"), *failing()]))
    assert path.read_bytes() == before  # the old file whole, no partial beside it
    assert [p.name for p in tmp_path.iterdir()] == ["t.sqlite"]


def test_reading_texts_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite"
    save_texts(path, "s", TEXTS)
    before = listing(tmp_path)
    found = SavedTexts.open(path, "s")
    assert found is not None
    assert found.text("a2") == TEXTS[1][1]
    found.close()
    assert listing(tmp_path) == before


class Texts:
    """An article-text source of a corpus, counting what it is asked."""

    def __init__(self, corpus: Corpus) -> None:
        self.texts = {a.id: a.text for a in corpus.articles}
        self.asked: list[str] = []

    def text(self, article_id: str) -> str:
        self.asked.append(article_id)
        return self.texts[article_id]


def test_a_corpus_unpacked_without_its_texts_reads_them_from_its_source(
    tmp_path: Path,
) -> None:
    from tui.pipeline import load_corpus

    folder = tmp_path / "news"
    write(folder, 3)
    corpus = load_corpus(folder, lambda m: None)
    source = Texts(corpus)
    lean = snapshot.unpack(snapshot.pack(corpus), source)
    assert isinstance(lean, LeanCorpus) and lean.texts is source
    assert all(a.text == "" for a in lean.articles)
    assert [text_of(lean, a) for a in lean.articles] == [a.text for a in corpus.articles]
    assert source.asked == [a.id for a in corpus.articles]
    assert not isinstance(snapshot.unpack(snapshot.pack(corpus)), LeanCorpus)
    # Everything but the texts is the corpus as saved.
    for article in corpus.articles:
        article.text = ""
    assert lean.model_dump() == corpus.model_dump()
    copied = lean.model_copy()  # a copy's articles still hold no text
    assert isinstance(copied, LeanCorpus) and copied.texts is source


def test_load_corpus_reads_the_saved_corpus_without_texts_only_when_they_are_elsewhere(
    tmp_path: Path,
) -> None:
    from tui.pipeline import load_corpus
    from tui.store import Store

    folder = tmp_path / "news"
    write(folder, 3)
    asked: list[str] = []
    with Store(tmp_path / "s.sqlite") as store:
        first = load_corpus(folder, lambda m: None, store=store)
        source = Texts(first)

        def elsewhere(stamp: str) -> Texts | None:
            asked.append(stamp)
            return source

        lean = load_corpus(folder, lambda m: None, store=store, texts=elsewhere)
        assert asked == [first.stamp] and isinstance(lean, LeanCorpus) and lean.texts is source
        assert [text_of(lean, a) for a in lean.articles] == [a.text for a in first.articles]
        whole = load_corpus(folder, lambda m: None, store=store, texts=lambda stamp: None)
        assert not isinstance(whole, LeanCorpus) and whole.articles == first.articles


async def seen(app: NewsdashApp) -> tuple[bool, list[tuple[str, str]]]:
    """Whether the whole corpus shown reads its texts elsewhere, and, for the first rows
    of the Timeline, the article Source shows and the row's citation (its sentence)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.view is not None
        elsewhere = isinstance(app.view.corpus, LeanCorpus)
        if elsewhere:
            assert all(a.text == "" for a in app.view.corpus.articles)
        await pilot.press("2")  # the Timeline
        shown = []
        for _ in range(4):
            await pilot.press("down")
            await settle(app, pilot)
            assert app.selection is not None
            shown.append((app.query_one(SourceView).text, app.citation(app.selection)))
    saves_done()
    return elsewhere, shown


@drive
async def test_the_dashboard_saves_the_texts_and_the_next_session_reads_them(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    paths = write(folder, 4)
    store = tmp_path / "store.sqlite"
    elsewhere, first = await seen(dashboard(folder, store))
    assert not elsewhere and len({source for source, _ in first}) > 1
    tables = store.with_name(store.name + ".tables")
    (saved,) = tables.glob("*-texts.sqlite")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600

    before = listing(tmp_path)
    assert await seen(dashboard(folder, store, read_only=True)) == (True, first)
    assert listing(tmp_path) == before  # read from the file, nothing written

    saved.unlink()  # no texts saved: the corpus is read with them, as before
    assert await seen(dashboard(folder, store, read_only=True)) == (False, first)

    os.utime(paths[0], ns=(1, 1))  # the folder changed: a new corpus, its texts saved anew
    assert (await seen(dashboard(folder, store)))[0] is False
    assert len(list(tables.glob("*-texts.sqlite"))) == 1
    assert (await seen(dashboard(folder, store, read_only=True)))[0] is True


def test_the_export_of_a_corpus_read_without_its_texts_holds_them(tmp_path: Path) -> None:
    from tui.export import to_json
    from tui.pipeline import load_corpus

    folder = tmp_path / "news"
    write(folder, 3)
    corpus = load_corpus(folder, lambda m: None)
    lean = snapshot.unpack(snapshot.pack(corpus), Texts(corpus))
    assert to_json(lean) == to_json(corpus)


def test_the_dashboard_reads_an_article_text_only_through_the_view() -> None:
    """``CorpusView.text`` is the one way: an article read without its text has an empty
    one, which code reading ``article.text`` would show as a blank sentence."""
    direct = r"\b(article|articles\[[^\]]*\]|articles\.get\([^)]*\))\.text\b"
    assert dashboard_lines(direct) == []


def dashboard_lines(pattern: str) -> list[str]:
    """The lines of ``src/tui/app`` that ``pattern`` finds (file:line: text)."""
    import re

    app = Path(__file__).resolve().parent.parent / "src" / "tui" / "app"
    found = re.compile(pattern)
    return [
        f"{path.relative_to(app)}:{number}: {line.strip()}"
        for path in sorted(app.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if found.search(line)
    ]


@drive
async def test_index_saves_what_the_first_dashboard_opens_even_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``newsdash index`` saves the dashboard's tables, palette and texts for the corpus it saved,
    so that a ``--read-only`` dashboard (which never saves) opens them from the start."""
    from tui import cli

    folder = tmp_path / "news"
    write(folder, 4)
    store = tmp_path / "store.sqlite"
    argv = ["index", str(folder), "--store", str(store), "--jobs", "1"]
    assert cli.run(argv) == 0
    assert "dashboard tables saved" in capsys.readouterr().err
    tables = store.with_name(store.name + ".tables")
    kinds = sorted(p.name.split("-", 1)[1] for p in tables.iterdir())
    assert kinds == ["figures.sqlite", "palette.sqlite", "texts.sqlite", "timeline.sqlite"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in tables.iterdir())

    before = listing(tmp_path)
    rows = await shown(dashboard(folder, store, read_only=True))
    assert rows[2] is True  # the tables opened from their files
    elsewhere, first = await seen(dashboard(folder, store, read_only=True))
    assert elsewhere and listing(tmp_path) == before

    saved = listing(tables)
    assert cli.run(argv) == 0  # unchanged: nothing made or written again
    assert "dashboard tables saved" not in capsys.readouterr().err
    assert listing(tables) == saved

    for file in tables.iterdir():  # the same screens from the records in memory
        file.unlink()
    assert await seen(dashboard(folder, store, read_only=True)) == (False, first)


def test_rows_of_many_articles_read_each_articles_text_once() -> None:
    """The palette's index, a date's page and a person's timeline list sentences in the
    Timeline's order, which jumps from article to article: a corpus read without its texts
    reads each article's text once for them (the file keeps only the last few decoded),
    and they are the rows the corpus with its texts makes."""
    from collections import Counter

    from tui.app.date_rows import EventDays, date_rows
    from tui.app.palette import palette_index
    from tui.app.person_rows import timeline
    from tui.app.view import CorpusView
    from tui.pipeline import load_corpus

    seeds = Path(__file__).resolve().parent.parent / "seeds"  # dates of five articles
    corpus = load_corpus(seeds, lambda m: None)
    source = Texts(corpus)
    full = CorpusView.build(corpus)
    lean = CorpusView.build(snapshot.unpack(snapshot.pack(corpus), source))
    spans = [(e.article_id, e.sentence.start, e.sentence.end) for e in full.sorted_events]
    assert len({a for a, _, _ in spans}) > 1
    source.asked.clear()
    assert lean.slices(spans) == [full.text(a)[s:e] for a, s, e in spans]
    assert sorted(source.asked) == sorted(set(source.asked))  # each article once

    def once(make: Callable[[CorpusView], object]) -> None:
        source.asked.clear()
        assert make(lean) == make(full)
        assert max(Counter(source.asked).values(), default=1) == 1, make

    once(lambda view: palette_index(view).haystack)
    days = EventDays(full)
    span = Counter(d for e in full.sorted_events if (d := days.of(e))).most_common(1)[0][0]
    once(
        lambda view: date_rows(view, EventDays(view).facts_within(view.sorted_events.facts(), span))
    )
    busiest = max(full.events_of_person_sorted, key=lambda p: len(full.events_of_person_sorted[p]))
    once(lambda view: timeline(view, busiest))


@pytest.mark.parametrize(
    "keys", [("2", "down", "down", "down"), ("enter",)], ids=["source", "page"]
)
@drive
async def test_a_text_its_file_no_longer_gives_ends_the_session_with_one_line(
    tmp_path: Path, keys: tuple[str, ...]
) -> None:
    """A texts file that fails under an open session (a disk error; here its connection
    closed) ends the dashboard with exit code 1 and one line naming the file and what to do,
    never a traceback and never an empty text shown as the article: met on the event loop
    (Source showing an article) or in a worker (a person's page built)."""
    from tui.texts import UnreadableSaved

    folder = tmp_path / "news"
    write(folder, 4)
    store = tmp_path / "store.sqlite"
    assert not (await seen(dashboard(folder, store)))[0]  # the first session saves the file
    app = dashboard(folder, store, read_only=True)
    with pytest.raises(UnreadableSaved) as raised:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            assert app.view is not None and isinstance(app.view.corpus, LeanCorpus)
            broken = app.view.corpus.texts
            assert isinstance(broken, SavedTexts)
            path = broken.path
            broken._db.close()  # every read from now on fails, as on a disk error
            broken._kept.clear()
            for key in keys:
                await pilot.press(key)
                await settle(app, pilot)
    assert app.return_code == 1
    message = str(raised.value)
    assert "cannot be read from" in message and str(path) in message
    assert "\n" not in message and "Traceback" not in message
    # What Textual prints on exit: the exception's own line, not its traceback.
    assert raised.value.__rich__().plain == f"newsdash: error: {message}"
