"""The person's page: its rows (pure builders, no Textual) and the page driven by keys."""

from __future__ import annotations

import hashlib
import re
import threading
from bisect import bisect_right
from collections import Counter
from typing import Any

import pytest
from fixtures.person_corpus import (
    ANALYST,
    CROWD,
    HOSTILE_NAME,
    LONG_NAME,
    LONG_ROLE,
    OUTLETS,
    PARTNER,
    SURNAME,
    crowded_corpus,
    hostile_person_corpus,
    messy_corpus,
)
from hypothesis import given
from hypothesis import strategies as st
from test_app import MakeApp, active_screen, drive, settle
from textual.screen import Screen
from textual.widget import Widget

from tui.app import NewsdashApp
from tui.app.panes.base import FilteredPane
from tui.app.panes.entry_list import EntryList
from tui.app.panes.figures import FiguresPane
from tui.app.panes.people import PeoplePane
from tui.app.panes.record_table import KeyedRows
from tui.app.panes.source import SourcePane, SourceView
from tui.app.panes.timeline import TimelinePane
from tui.app.person_rows import (
    MadeRows,
    PageRow,
    companions,
    kwic,
    mentions,
    names,
    sections,
    statements,
    timeline,
    widest_cells,
)
from tui.app.records import RecordKey, RecordKind
from tui.app.screens.modals import HelpScreen
from tui.app.screens.person import (
    FLEX_SHARE,
    LAYOUTS,
    LaidRows,
    PersonScreen,
    cell,
    column_widths,
    lay_out,
)
from tui.app.view import CorpusView, Selection
from tui.records.models import Span

# -- the rows -----------------------------------------------------------------------------


def test_kwic_keeps_whole_words_and_marks_cuts() -> None:
    text = "one two three four five six seven Varga eight nine ten eleven twelve thirteen"
    at = text.index("Varga")
    left, word, right = kwic(text, at, at + 5, words=3)
    assert (left, word, right) == ("…five six seven", "Varga", "eight nine ten…")
    left, word, right = kwic("Varga said.", 0, 5)
    assert (left, word, right) == ("", "Varga", "said.")


def test_kwic_is_one_clean_line() -> None:
    text = "before\n\x1b[31m line\tbreak Name after\x07 the\nbell"
    at = text.index("Name")
    left, word, right = kwic(text, at, at + 4)
    assert "\n" not in left + right and "\x1b" not in left and "\x07" not in right
    assert word == "Name"


def test_sentences_are_found_once_per_article_and_keep_titles_whole() -> None:
    from tui.app.person_rows import Sentences
    from tui.records.models import Article, Corpus

    text = "Mr. Brandt met Dr. J. Smith in Oslo. Then Varga spoke!\nNew line here."
    view = CorpusView.build(Corpus(articles=[Article(id="a", path="a.txt", text=text)]))
    found = Sentences(view)
    smith = text.index("Smith")
    assert found.index("a", 0) == found.index("a", smith) != found.index("a", text.index("Varga"))
    assert found.around("a", smith, smith + 5) == (0, text.index(" Then"))
    start = text.index("New")
    assert found.around("a", start, start + 3) == (start, len(text))


SENTENCE_END_AS_FIRST_WRITTEN = re.compile(
    r"\n|[!?](?=\s)|\.(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bJr\.)"
    r"(?<!\bSr\.)(?<!\b[A-Z]\.)(?=\s)"
)
"""The stretches' ends as an alternation (what the page used before the faster pattern)."""


@given(
    st.text(alphabet=st.sampled_from(list("MrsDtJSZAaé_3 .!?\n\t\xa0\u2003\u2028")), max_size=30)
)
def test_sentence_ends_are_those_of_the_rule_as_first_written(text: str) -> None:
    from tui.app.person_rows import _SENTENCE_END

    def ends(pattern: re.Pattern[str]) -> list[int]:
        return [m.end() for m in pattern.finditer(text)]

    assert ends(_SENTENCE_END) == ends(SENTENCE_END_AS_FIRST_WRITTEN)


def test_sentence_ends_of_the_fixtures_articles_are_those_of_the_rule_as_first_written() -> None:
    from tui.app.person_rows import _SENTENCE_END

    texts = [a.text for a in [*messy_corpus().articles, *hostile_person_corpus().articles]]
    texts.append("Mr. Brandt met Dr. J. Smith, Mrs. Ek and St. Ives Jr. in Oslo. Why? Now!\nOk")
    for text in texts:
        found = [m.end() for m in _SENTENCE_END.finditer(text)]
        assert found == [m.end() for m in SENTENCE_END_AS_FIRST_WRITTEN.finditer(text)]


def test_sentences_kept_for_the_last_articles_are_the_same() -> None:
    from tui.app.person_rows import Sentences

    view = CorpusView.build(messy_corpus())
    every, last = Sentences(view), Sentences(view, keep=1)
    for article_id, text in [(a.id, a.text) for a in view.corpus.articles] * 2:
        for offset in range(0, len(text), 7):
            assert last.around(article_id, offset, offset + 1) == every.around(
                article_id, offset, offset + 1
            )
            assert len(last._starts) == 1
    assert len(every._starts) == len(view.corpus.articles) > 1


def test_statements_are_every_quote_in_reading_order() -> None:
    view = CorpusView.build(messy_corpus())
    rows = statements(view, "per-main")
    assert len(rows) == 2 * len(OUTLETS)
    assert [r.cells[1] for r in rows[::2]] == OUTLETS  # articles by date
    assert {r.cells[2] for r in rows} == {"direct", "indirect"}
    assert {(r.cells[2], r.cells[3]) for r in rows} == {("direct", "said"), ("indirect", "added")}
    assert "added, indirect" in rows[1].full
    # Reported speech is never dressed as a quote; a direct quote is in its marks.
    for row in rows:
        words = row.cells[4]
        quoted = f"“{words}”" in row.full or (words[:1] in '"“' and words in row.full)
        assert quoted == (row.cells[2] == "direct"), row.full
    assert all(r.target.kind is RecordKind.QUOTE for r in rows)
    assert statements(view, "per-partner") == []


def test_mentions_index_the_mention_list() -> None:
    view = CorpusView.build(messy_corpus())
    rows = mentions(view, "per-main")
    ordered = view.person_mentions("per-main")
    assert [(r.target.start, r.target.index) for r in rows] == [
        (m.start, i) for i, m in enumerate(ordered)
    ]
    assert rows[0].cells[1] == LONG_NAME and rows[1].cells[1] == SURNAME
    assert rows[0].cells[0].endswith(LONG_ROLE.split()[-1])  # the words just before
    assert rows[0].cells[3:] == (OUTLETS[0], "2024-03-01")


def test_companions_rank_shared_sentences_first() -> None:
    view = CorpusView.build(messy_corpus())
    found = companions(view, "per-main")
    assert [c.person.name for c in found] == [PARTNER, ANALYST]
    assert (found[0].sentences, found[0].articles) == (len(OUTLETS), len(OUTLETS))
    assert (found[1].sentences, found[1].articles) == (0, len(OUTLETS))


def test_companion_rows_are_the_companions_found() -> None:
    """The With rows, made from the columns kept of the companions: each one's name,
    counts, first shared mention and its sentence."""
    from tui.app.person_rows import companion_rows

    view = CorpusView.build(messy_corpus())
    found = companions(view, "per-main")
    rows = companion_rows(view, "per-main")
    assert len(rows) == len(found) == 2
    for row, c in zip(rows, found, strict=True):
        assert row.cells[:3] == (c.person.name, str(c.sentences), str(c.articles))
        assert row.target.record_id == c.person.id
        assert (row.target.article_id, row.target.start, row.target.end) == (
            c.first.article_id,
            c.first.start,
            c.first.end,
        )
        assert row.target.context == c.context
        text = view.text(c.first.article_id)
        assert row.full.endswith(text[c.context[0] : c.context[1]].strip())


def companions_as_first_written(view: CorpusView, person_id: str) -> list[tuple[object, ...]]:
    """The people seen with the person, found the plain way (the rule of
    :func:`~tui.app.person_rows.companions` over every person's own mentions, each sentence
    found by :data:`SENTENCE_END_AS_FIRST_WRITTEN`, each mention ranked by its article's
    sort key)."""

    def stretch(span: Span) -> tuple[str, int]:
        text = view.text(span.article_id)
        ends = [0, *(m.end() for m in SENTENCE_END_AS_FIRST_WRITTEN.finditer(text))]
        return span.article_id, bisect_right(ends, span.start) - 1

    mine = list(view.person_mentions(person_id))
    together = {stretch(m) for m in mine}
    articles = {m.article_id for m in mine}
    out = []
    for person in view.corpus.people:
        found = [m for m in person.mentions if m.article_id in articles]
        if person.id == person_id or not found:
            continue
        first = min(
            found,
            key=lambda m: (
                stretch(m) not in together,
                view.article_sort_key(m.article_id),
                m.start,
            ),
        )
        shared = {stretch(m) for m in found} & together
        articles_shared = {m.article_id for m in found}
        out.append((person.id, len(shared), len(articles_shared), first, person.name))
    out.sort(key=lambda c: (-c[1], -c[2], str(c[4]).casefold()))
    return [c[:4] for c in out]


def test_companions_of_a_person_in_many_articles_are_those_found_the_plain_way() -> None:
    view = CorpusView.build(crowded_corpus())
    found = [(c.person.id, c.sentences, c.articles, c.first) for c in companions(view, "p0")]
    assert found == companions_as_first_written(view, "p0")
    assert len(found) == len(CROWD) - 1 and len({c[1] for c in found}) > 1


def test_the_timelines_widths_measure_each_events_own_cells(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Measured an article at a time, the Timeline's columns measure every row's cells (each
    event's sentence from its own article), no more, no fewer: the widths of the rows."""
    import tui.app.person_rows

    view = CorpusView.build(crowded_corpus())
    rows = timeline(view, "p0")
    cells = Counter(text for row in rows for text in row.cells)
    assert isinstance(rows, MadeRows) and rows.measured is not None
    assert rows.measured() == widest_cells(list(rows), 3)
    measured: list[str] = []

    def measure(text: str) -> int:
        measured.append(text)
        return len(text)

    monkeypatch.setattr(tui.app.person_rows, "cell_len", measure)
    rows.measured()
    assert Counter(measured) == cells and len(rows) == 2 * len(view.articles)


def page_digest(view: CorpusView, person_id: str) -> str:
    """Every section of the person's page (title, columns, widest cells, each row's cells,
    target and full text) as one digest."""
    digest = hashlib.sha256()
    for section in sections(view, person_id):
        rows = [(r.cells, r.target, r.full) for r in section.rows]
        digest.update(repr((section.title, section.columns, section.widest, rows)).encode())
    return digest.hexdigest()


CROWDED_PAGES = {
    "p0": "73af9db569f3e4e929e09b592909c32513a56e485bbc708aca855da9cc705a41",
    "p3": "6b1a7ed058109921385653fc2cd767b23ec8495fecd596fb93907cbd76329f38",
}
"""The digests of :func:`page_digest` for :func:`crowded_corpus`'s people, as the page's
rows were made before they were made faster (issue 21: the sentences found by one set of
characters, the companions ranked by their articles' places, the texts read once an
article): a change of any row of any section fails here."""


def test_the_pages_of_people_in_many_articles_are_the_rows_made_before() -> None:
    view = CorpusView.build(crowded_corpus())
    assert {p: page_digest(view, p) for p in CROWDED_PAGES} == CROWDED_PAGES


def test_names_list_aliases_then_evidence() -> None:
    view = CorpusView.build(messy_corpus())
    rows = names(view, "per-main")
    assert [r.cells[0] for r in rows] == ["name", "alias", "evidence"]
    assert rows[1].cells[1:3] == (SURNAME, f"{2 * len(OUTLETS)}×")
    assert "surname-in-article" in rows[2].cells[1]
    assert rows[2].target.article_id == "a0"


def test_every_section_has_a_layout_and_a_target_per_row() -> None:
    view = CorpusView.build(messy_corpus())
    built = sections(view, "per-main")
    assert [s.title for s in built] == list(LAYOUTS)
    for section in built:
        assert section.rows, section.title
        for row in section.rows:
            assert len(row.cells) == len(section.columns) == len(LAYOUTS[section.title])
            text = view.articles[row.target.article_id].text
            assert 0 <= row.target.start < row.target.end <= len(text)


def test_long_names_and_roles_keep_their_width() -> None:
    view = CorpusView.build(messy_corpus())
    built = {s.title: s for s in sections(view, "per-main")}
    roles = built["Roles"]
    widths = column_widths(roles.rows, LAYOUTS["Roles"], 158)
    assert widths[0] == len("deputy director-general, European Commission")
    widths = column_widths(built["With"].rows, LAYOUTS["With"], 78)
    assert widths[0] == len(PARTNER)


def test_statement_words_get_the_room_at_80_columns() -> None:
    view = CorpusView.build(messy_corpus())
    rows = statements(view, "per-main")
    layout = LAYOUTS["Statements"]
    words = max(len(r.cells[-1]) for r in rows)
    assert words > 40  # long enough to need the room
    widths = column_widths(rows, layout, 78, FLEX_SHARE)  # the page at 80×24
    assert widths[-1] >= 2 * 16  # was 16: the date, outlet and cue took the rest
    assert sum(widths) + 2 * len(layout) <= 78  # every column on screen, none scrolled
    assert widths[0] == 10  # a date is never cut
    cue = max(len(r.cells[3]) for r in rows)
    assert widths[1] == 8 and widths[3] == min(cue, 10)  # the outlet gave way, to its floor
    assert column_widths(rows, layout, 78)[-1] < widths[-1]  # the share is what gives it
    wide = column_widths(rows, layout, 158, FLEX_SHARE)
    assert wide[-1] == words  # with room, every statement whole


def test_laid_out_rows_make_each_rows_cells_when_drawn_as_they_were_made_before() -> None:
    """A section's rows laid out for a width are the cells each column's rule makes, every
    row keyed by its index; a row's cells are made only when it is read."""
    view = CorpusView.build(messy_corpus())
    for section in sections(view, "per-main"):
        layout = LAYOUTS[section.title]
        for room in (78, 158):
            rows, widths = lay_out(section, room)
            assert widths == column_widths(section.rows, layout, room, FLEX_SHARE)
            assert isinstance(rows, KeyedRows) and len(rows) == len(section.rows)
            assert not rows._drawn  # nothing made yet
            eager = [
                (i, tuple(cell(t, c, w) for t, c, w in zip(r.cells, layout, widths, strict=True)))
                for i, r in enumerate(section.rows)
            ]
            assert list(rows) == eager
            assert rows.keys == list(range(len(eager))) and rows.index_of(len(eager)) is None


def test_made_rows_make_a_window_at_a_time_and_keep_only_the_last() -> None:
    made: list[tuple[int, int]] = []

    def make(start: int, stop: int) -> list[PageRow]:
        made.append((start, stop))
        return [
            PageRow((str(i),), Selection(RecordKey(RecordKind.ARTICLE, "a"), "a", i, i + 1))
            for i in range(start, stop)
        ]

    window = MadeRows.WINDOW
    rows = MadeRows(3 * window + 5, make)
    assert not made and len(rows) == 3 * window + 5  # nothing made until asked
    assert rows[window + 1].cells == (str(window + 1),)
    assert made == [(window, 2 * window)]
    assert rows[window + 2].cells == (str(window + 2),) and len(made) == 1  # the same window
    assert rows[-1].cells == (str(3 * window + 4),) and made[-1] == (3 * window, 3 * window + 5)
    rows[0]
    assert len(rows._windows) == MadeRows.KEPT  # the oldest let go
    assert sorted(rows._windows) == [0, 3]
    made.clear()
    assert [r.cells[0] for r in rows] == [str(i) for i in range(len(rows))]
    assert len(made) == 4 and sorted(rows._windows) == [0, 3]  # a pass keeps nothing
    assert rows[2:5] == [rows[2], rows[3], rows[4]] and rows == list(rows)
    assert rows != list(rows)[:-1]
    with pytest.raises(IndexError):
        rows[len(rows)]


def test_sections_made_by_window_are_the_rows_made_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows of two rows: every row, its cells and span, the same as one window holding
    them all; the widest cells measured as over the rows themselves."""
    view = CorpusView.build(messy_corpus())
    whole = [(s.title, list(s.rows)) for s in sections(view, "per-main")]
    monkeypatch.setattr(MadeRows, "WINDOW", 2)
    built = sections(CorpusView.build(messy_corpus()), "per-main")
    assert [(s.title, [s.rows[i] for i in range(len(s.rows))]) for s in built] == whole
    for section in built:
        assert section.widest == widest_cells(list(section.rows), len(section.columns))
        if isinstance(section.rows, MadeRows):
            assert len(section.rows._windows) <= MadeRows.KEPT


def test_a_kept_page_keeps_no_row_it_did_not_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows made to measure a page's columns are let go: a page kept for Esc back from
    Source holds what its rows are made from, not the rows (~760 MB for the busiest
    person of 100,000 articles)."""
    import gc

    from tui.app.screens.person import PageCache

    def alive() -> int:  # rows another test left alive (a frozen app's) counted too
        gc.collect()
        return sum(isinstance(o, PageRow) for o in gc.get_objects())

    monkeypatch.setattr(MadeRows, "WINDOW", 2)
    view = CorpusView.build(messy_corpus())
    before = alive()
    cache = PageCache()
    built, laid = cache.get(view, "per-main", 100)
    assert sum(len(s.rows) for s in built) > 20
    eager = len(names(view, "per-main"))  # the names' few rows are made whole
    assert alive() - before <= eager
    rows, _ = laid[1]  # the mentions, drawn: a window made and kept
    assert isinstance(rows, LaidRows)
    rows.make(3)
    assert alive() - before <= eager + 2


# -- the page -----------------------------------------------------------------------------


def focused(app: NewsdashApp) -> Widget | None:
    """``app.focused``, read afresh (mypy keeps an ``isinstance`` narrowing of it)."""
    return app.focused


def page(app: object) -> PersonScreen:
    screen = active_screen(app)  # type: ignore[arg-type]
    assert isinstance(screen, PersonScreen)
    return screen


@drive
async def test_enter_opens_the_page_and_rows_go_to_source(make_app: MakeApp) -> None:
    corpus = messy_corpus()
    app = make_app(corpus=corpus)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        people = app.query_one(PeoplePane)
        assert people.visible_people()[0].id == "per-main"
        await pilot.press("enter")
        await settle(app, pilot)
        shown = page(app)
        assert shown.person_id == "per-main"
        name = str(shown.query_one("#page-name").render())
        assert LONG_NAME in name
        bar = str(shown.query_one("#page-sections").render())
        assert f"1 Statements ({2 * len(OUTLETS)})" in bar and "5 With (2)" in bar
        # Statements: every quote, direct and indirect.
        rows = shown.shown_rows()
        assert len(rows) == 2 * len(OUTLETS)
        assert "We will not reopen the terminals" in rows[0]
        # Mentions as keyword-in-context, by number key.
        await pilot.press("2")
        assert shown.shown is not None and shown.shown.title == "Mentions"
        assert f"| {LONG_NAME} |" in shown.shown_rows()[0]
        # Tab steps to the next section: the people seen with her, most shared first.
        await pilot.press("tab", "tab", "tab")
        assert shown.shown.title == "With"
        assert [r.split(" | ")[0] for r in shown.shown_rows()] == [PARTNER, ANALYST]

        # Back to the statements; the third one, Enter: Source shows its span.
        await pilot.press("1", "j", "j", "enter")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), PersonScreen)
        quote = sorted(
            (q for q in corpus.quotes if q.person_id == "per-main"),
            key=lambda q: (q.article_id, q.start),
        )[2]
        assert app.query_one(SourcePane).highlighted == (quote.article_id, quote.start, quote.end)
        assert app.selection is not None and app.selection.kind is RecordKind.QUOTE
        assert isinstance(focused(app), SourceView)
        assert "back to" in str(app.query_one("#chips").render())
        assert "direct statement" in str(app.query_one("#detail").render())

        # Esc: the page again, on the same section and row.
        await pilot.press("escape")
        await settle(app, pilot)
        back = page(app)
        assert back.shown is not None and back.shown.title == "Statements"
        assert back._table(0).cursor_row == 2
        # Esc: the dashboard, the person chosen and selected in People.
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), PersonScreen)
        assert app.person_filter == "per-main"
        assert app.selection is not None and app.selection.record_id == "per-main"
        people_list = focused(app)
        assert isinstance(people_list, EntryList) and people_list.cursor == 0
        assert "back to" not in str(app.query_one("#chips").render())


@drive
async def test_a_big_page_shows_its_first_section_while_the_others_are_made(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person in thousands of articles: the page shows the section it opens on as soon
    as that one is made, the others say they are being read, and when they come the
    reader stays where they went (the section and the row)."""
    from tui.app.screens import person as person_screen

    monkeypatch.setattr(PersonScreen, "FIRST_SECTION_FROM", 0)  # every page is big here
    release = threading.Event()
    made_all = sections

    def slow_sections(*args: Any, **kwargs: Any) -> Any:
        assert release.wait(30)
        return made_all(*args, **kwargs)

    monkeypatch.setattr(person_screen, "sections", slow_sections)
    app = make_app(corpus=messy_corpus())
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        for _ in range(1000):  # the first section, while the rest wait
            await pilot.pause(0.01)
            opened = active_screen(app)
            if isinstance(opened, PersonScreen) and opened.shown_rows():
                break
        shown = page(app)
        assert shown.shown is not None and shown.shown.title == "Statements"
        assert "We will not reopen the terminals" in shown.shown_rows()[0]
        bar = str(shown.query_one("#page-sections").render())
        assert f"1 Statements ({2 * len(OUTLETS)})" in bar and "2 Mentions (…)" in bar
        await pilot.press("j")
        await pilot.press("2")  # a section not made yet
        assert shown.shown is not None and shown.shown.title == "Mentions"
        assert shown.shown_rows() == []
        assert "reading…" in str(shown.query_one("#page-full").render())
        release.set()
        await settle(app, pilot)
        # Every section made: the reader is still on Mentions, now with its rows.
        assert shown.shown is not None and shown.shown.title == "Mentions"
        assert f"| {LONG_NAME} |" in shown.shown_rows()[0]
        bar = str(shown.query_one("#page-sections").render())
        assert "…" not in bar and "5 With (2)" in bar
        await pilot.press("1")  # the first section kept its row
        assert shown._table(0).cursor_row == 1
        assert shown.sections == sections(shown.view, "per-main")  # as a page made at once


@drive
async def test_a_mention_row_shows_that_mention(make_app: MakeApp) -> None:
    corpus = messy_corpus()
    app = make_app(corpus=corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("2", "j", "enter")
        await settle(app, pilot)
        view = app.view
        assert view is not None
        second = view.person_mentions("per-main")[1]
        assert app.query_one(SourcePane).highlighted == (
            second.article_id,
            second.start,
            second.end,
        )
        assert app.selection is not None and app.selection.index == 1  # n/p go on from it


@drive
async def test_o_opens_a_companion_page_and_esc_comes_back(make_app: MakeApp) -> None:
    app = make_app(corpus=messy_corpus())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("5", "o")
        await settle(app, pilot)
        assert page(app).person_id == "per-partner"
        assert PARTNER in str(page(app).query_one("#page-name").render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert page(app).person_id == "per-main"


@drive
async def test_palette_opens_a_page(make_app: MakeApp) -> None:
    app = make_app(corpus=messy_corpus())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"page: li wei")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert page(app).person_id == "per-analyst"


@drive
async def test_markup_in_names_and_quotes_is_shown_as_written(make_app: MakeApp) -> None:
    app = make_app(corpus=hostile_person_corpus(), read_only=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        shown = page(app)
        name = str(shown.query_one("#page-name").render())
        assert "[bold]Eve[/]" in name and "\x1b" not in name
        rows = shown.shown_rows()
        assert "[/] stop [bold]now[/bold]" in rows[0] and "\x1b" not in rows[0]
        assert "[i]Wire[/i]" in rows[0]
        await pilot.press("2")
        assert all("\x1b" not in r for r in shown.shown_rows())
        assert HOSTILE_NAME.replace("\x1b", " ").split()[0] in shown.shown_rows()[0]
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.query_one(SourcePane).highlighted == ("hostile", 0, len(HOSTILE_NAME))


@drive
async def test_help_on_the_page_lists_its_keys_first(make_app: MakeApp) -> None:
    app = make_app(corpus=messy_corpus())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.check_action("mention", (1,)) is False  # the dashboard's keys wait
        sections = app.help_sections()
        title, rows = sections[0]
        assert title == "Person's page (shown)"
        keys = dict(rows)
        assert keys["5"].startswith("With") and keys["o"] == "Open person"
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(active_screen(app), HelpScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert page(app).person_id == "per-main"


@drive
async def test_a_resize_lays_the_page_out_again(make_app: MakeApp) -> None:
    app = make_app(corpus=messy_corpus())
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "2")
        await settle(app, pilot)
        wide = page(app)._table(1)._widths
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        narrow = page(app)._table(1)._widths
        assert sum(narrow) < sum(wide)
        assert narrow[1] >= len(SURNAME)  # the mention column keeps a surname whole
        await pilot.press("6")
        roles = page(app)._table(5)._widths
        assert roles[0] == len("deputy director-general, European Commission")


def test_page_cache_keeps_the_last_pages_of_the_shown_corpus() -> None:
    from tui.app.screens.person import PageCache

    corpus = messy_corpus()
    view = CorpusView.build(corpus)
    cache = PageCache()
    built, laid = cache.get(view, "per-main", 100)
    again, laid_again = cache.get(view, "per-main", 100)
    assert again is built and laid_again is laid  # Esc back from Source: nothing rebuilt
    wider, laid_wider = cache.get(view, "per-main", 150)
    assert wider is built and laid_wider is not laid  # a new width: laid out again
    other = CorpusView.build(corpus)
    assert cache.get(other, "per-main", 150)[0] is not built  # another corpus: built anew


def test_page_cache_counts_a_pages_header_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.app.screens.person as person_screen
    from tui.app.person_rows import header

    view = CorpusView.build(messy_corpus())
    counted: list[str] = []

    def counting(view: CorpusView, person_id: str) -> tuple[str, str]:
        counted.append(person_id)
        return header(view, person_id)

    monkeypatch.setattr(person_screen, "header", counting)
    cache = person_screen.PageCache()
    built, counts, _ = cache.page(view, "per-main", 100)
    assert counts == header(view, "per-main")[1]
    again, counts_again, _ = cache.page(view, "per-main", 150)  # Esc back, a new width
    assert again is built and counts_again == counts
    assert counted == ["per-main"]  # the outlets of the mentions counted at the first opening
    assert cache.get(view, "per-main", 150)[0] is built


def test_ambiguous_mentions_come_last_and_marked() -> None:
    corpus = messy_corpus()
    main = next(p for p in corpus.people if p.id == "per-main")
    first = main.mentions[0]
    article = next(a for a in corpus.articles if a.id == first.article_id)
    shared = Span.of(article.id, article.text, first.start, first.end)
    corpus = corpus.model_copy(
        update={
            "people": [
                p.model_copy(update={"ambiguous": [shared]}) if p.id == "per-main" else p
                for p in corpus.people
            ]
        }
    )
    rows = mentions(CorpusView.build(corpus), "per-main")
    assert len(rows) == len(main.mentions) + 1
    assert rows[-1].cells[1] == f"{first.text} (?)"
    assert rows[-1].full.startswith("ambiguous")
    assert rows[-1].target.kind is RecordKind.ARTICLE
    assert (rows[-1].target.start, rows[-1].target.end) == (first.start, first.end)


def shown_ids(pane: FilteredPane[Any, Any], kind: RecordKind) -> set[str]:
    return {key.record_id for key in pane.row_keys() if key.kind is kind}


def person_rows_shown(app: NewsdashApp, person_id: str) -> bool:
    """Timeline and Figures show exactly the person's rows."""
    view = app.view
    assert view is not None
    timeline, figures = app.query_one(TimelinePane), app.query_one(FiguresPane)
    # Figures also lists the other members of a comparison one of theirs is in.
    return (
        shown_ids(timeline, RecordKind.EVENT) == view.event_ids_for(person_id, None)
        and figures.person_filter == person_id
        and figures.row_keys() == [key for key, _ in figures.rows()]
        and shown_ids(figures, RecordKind.FIGURE) >= view.figure_ids_for(person_id, None)
        and not timeline.filling
        and not figures.filling
    )


@drive
async def test_panes_under_a_screen_wait_and_never_show_stale_rows(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        timeline, figures = app.query_one(TimelinePane), app.query_one(FiguresPane)
        view = app.view
        assert view is not None
        assert timeline.table().row_count > len(view.event_ids_for("per-raman", None)) > 0
        assert figures.table().row_count > len(view.figure_ids_for("per-raman", None)) > 0
        assert timeline.histogram_text()
        app.push_screen(Screen[None]())
        await settle(app, pilot)
        app.person_filter = "per-raman"
        await settle(app, pilot)
        # Covered: nothing rebuilt, and no rows, count or histogram of the old filter.
        for pane in (timeline, figures):
            assert pane.filling
            assert pane.table().row_count == 0
            assert pane.border_subtitle == "filling…"
            assert pane.border_title == pane.PANE_TITLE
        assert timeline.histogram_text() == ""
        app.pop_screen()
        await settle(app, pilot)
        assert person_rows_shown(app, "per-raman")
        assert timeline.border_subtitle == "" and timeline.histogram_text()


@drive
async def test_the_panes_fill_under_the_page_once_its_rows_are_shown(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert page(app).shown is not None  # the page's rows, then the panes under it
        assert person_rows_shown(app, "per-varga")
        await pilot.press("escape")
        await settle(app, pilot)
        assert person_rows_shown(app, "per-varga")
        assert app.selection is not None and app.selection.record_id == "per-varga"
        # Enter on another person and Esc at once, before their page has its rows: the
        # panes show that person's rows, not the first one's.
        await pilot.press("escape", "down")
        await settle(app, pilot)
        other = app.query_one(PeoplePane).visible_people()[1].id
        await pilot.press("enter", "escape")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), PersonScreen)
        assert app.person_filter == other
        assert person_rows_shown(app, other)


def still_filling(pane: FilteredPane[Any, Any]) -> bool:
    """``pane.filling``, read afresh (mypy keeps a narrowing of it)."""
    return pane.filling


def table_shown(pane: FilteredPane[Any, Any]) -> list[str]:
    table = pane.table()
    return [table.row_text(i) for i in range(table.row_count)]


@drive
async def test_the_refill_under_the_page_runs_in_a_worker_and_keys_are_answered(
    make_app: MakeApp,
) -> None:
    app = make_app(corpus=messy_corpus())
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        timeline, figures = app.query_one(TimelinePane), app.query_one(FiguresPane)
        release = threading.Event()
        threads: list[int] = []

        def held(pane: Any) -> Any:
            build = pane.build

            def build_held(wanted: Any) -> Any:
                threads.append(threading.get_ident())
                release.wait(timeout=10)  # never on the event loop: it would hang
                return build(wanted)

            return build_held

        timeline.build, figures.build = held(timeline), held(figures)  # type: ignore[method-assign]
        await pilot.press("enter")
        for _ in range(200):  # the page's rows, then the refill starts under it
            if len(threads) == 2:
                break
            await pilot.pause(0.01)
        assert len(threads) == 2 and threading.get_ident() not in threads
        # Named in a few words: Textual's default names a worker by the repr of its
        # arguments, here the whole corpus (seconds on the event loop at 10,000 articles).
        refills = [w for w in app.workers if w.group == "refill"]
        assert len(refills) == 2 and all(len(w.description) < 40 for w in refills)
        shown = page(app)
        assert shown.person_id == "per-main" and shown.shown_rows()
        assert timeline.filling and figures.filling
        assert timeline.table().row_count == figures.table().row_count == 0
        # Keys pressed while the rows are built are answered at once: the cursor moves,
        # another section shows.
        before = shown.cursor_target()
        await pilot.press("j")
        assert shown.cursor_target() != before and shown._table(0).cursor_row == 1
        await pilot.press("2")
        assert shown.shown is not None and shown.shown.title == "Mentions"
        assert timeline.filling  # still building
        release.set()
        await settle(app, pilot)
        assert person_rows_shown(app, "per-main")
        assert timeline.border_subtitle == "" and timeline.histogram_text()
        # The same rows, counts and histogram as a rebuild on the event loop with nothing
        # kept (the builders dropped, so every row is built again).
        refilled = [
            (table_shown(p), p.border_title, p.table().cursor_row) for p in (timeline, figures)
        ]
        histogram = timeline.histogram_text()
        del timeline.build, figures.build
        for pane in (timeline, figures):
            pane._builder = None
            pane.rebuild()
        await settle(app, pilot)
        rebuilt = [
            (table_shown(p), p.border_title, p.table().cursor_row) for p in (timeline, figures)
        ]
        assert refilled == rebuilt and refilled[0][0] and refilled[1][0]
        assert timeline.histogram_text() == histogram


@drive
async def test_filters_changed_during_a_refill_win_over_its_rows(make_app: MakeApp) -> None:
    app = make_app(corpus=messy_corpus())
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        timeline = app.query_one(TimelinePane)
        release = threading.Event()
        started = threading.Event()
        build = timeline.build

        def build_held(wanted: Any) -> Any:
            if threading.current_thread() is not threading.main_thread():
                started.set()
                release.wait(timeout=10)
            return build(wanted)

        timeline.build = build_held  # type: ignore[method-assign]
        await pilot.press("enter")
        for _ in range(200):
            if started.is_set():
                break
            await pilot.pause(0.01)
        assert started.is_set() and timeline.filling
        # Esc twice: the page closes and the person filter is cleared while the worker
        # still builds the person's rows; the unfiltered rows are shown, and stay.
        await pilot.press("escape", "escape")
        assert app.person_filter is None
        release.set()
        await settle(app, pilot)
        view = app.view
        assert view is not None
        assert not still_filling(timeline)
        assert timeline.table().row_count == len(view.events)


@drive
async def test_rows_built_for_an_old_width_are_never_shown(make_app: MakeApp) -> None:
    app = make_app(corpus=messy_corpus())
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        timeline = app.query_one(TimelinePane)
        release = threading.Event()
        started = threading.Event()
        widths: list[int] = []
        build = timeline.build

        def build_held(wanted: Any) -> Any:
            if threading.current_thread() is not threading.main_thread():
                widths.append(wanted.width)
                started.set()
                release.wait(timeout=10)
            return build(wanted)

        timeline.build = build_held  # type: ignore[method-assign]
        await pilot.press("enter")
        for _ in range(200):
            if started.is_set():
                break
            await pilot.pause(0.01)
        assert started.is_set()
        # A narrower terminal while the worker builds rows cut for the old width: they
        # are dropped, and the rows come from a build for the new width.
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        release.set()
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert timeline.size.width != widths[0]
        assert person_rows_shown(app, "per-main")
        builder = timeline.row_builder()
        assert builder is not None and builder.width == timeline.size.width
        shown = table_shown(timeline)
        del timeline.build
        timeline._builder = None
        timeline.rebuild()
        await settle(app, pilot)
        assert table_shown(timeline) == shown
