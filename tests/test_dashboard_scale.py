"""The dashboard's indexes, caches, virtual table and debounced search give the same
answers as the straightforward scans they replace."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import unicodedata
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text
from test_app import active_screen, drive, ids, settle
from textual.fuzzy import Matcher
from textual.widgets import Static

from tui.app import NewsdashApp
from tui.app.format import break_long_lines, clean, displayable, sentence_around
from tui.app.palette import (
    LIMIT,
    PaletteIndex,
    PaletteIndexes,
    Section,
    Stopped,
    first_entries,
    palette_index,
    palette_sections,
)
from tui.app.panes import base
from tui.app.panes import people as people_pane
from tui.app.panes.entry_list import EntryList
from tui.app.panes.figures import FiguresPane
from tui.app.panes.people import PeoplePane, role_summary
from tui.app.panes.record_table import RecordTable
from tui.app.panes.timeline import TimelinePane
from tui.app.records import RecordKey, RecordKind
from tui.app.screens.modals import ChoiceScreen
from tui.app.screens.triage import Choices, FilterChoiceScreen
from tui.app.view import ArticleFilter, CorpusView
from tui.records.models import (
    Article,
    Corpus,
    Event,
    Figure,
    Person,
    Published,
    Range,
    Role,
    Span,
    TimeExpr,
)

MakeApp = Callable[..., NewsdashApp]


# -- pure helpers ------------------------------------------------------------------------


def _clean_reference(text: str) -> str:
    out = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if unicodedata.category(ch) != "Cf"
    )
    return " ".join(out.split())


def _displayable_reference(text: str) -> str:
    return "".join(
        ch if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") else " "
        for ch in text
    )


TRICKY = st.text(
    alphabet=st.sampled_from(
        list("ab Z9.,\t\n\r\x00\x1b\x7f\x85\xa0\xad\u200b\u2028\u2029\u3000\ufeffé€")
    ),
    max_size=40,
)


@given(TRICKY)
def test_clean_fast_paths_match_the_character_by_character_rule(text: str) -> None:
    assert clean(text) == _clean_reference(text)


@given(TRICKY)
def test_displayable_fast_path_matches_the_character_by_character_rule(text: str) -> None:
    assert displayable(text) == _displayable_reference(text)


def test_break_long_lines_leaves_short_lines_and_still_breaks_long_ones() -> None:
    short = "word " * 100 + "\n" + "word " * 100
    assert break_long_lines(short, limit=600) == short
    long = "word " * 400
    broken = break_long_lines(long, limit=600)
    assert len(broken) == len(long) and "\n" in broken
    assert max(len(line) for line in broken.split("\n")) <= 600


# -- the corpus index --------------------------------------------------------------------


def _multi_corpus() -> Corpus:
    """Two articles; one figure listed by two events, one listed by none, one event of
    an article the corpus lacks (the view drops it)."""
    text = "On 3 May 2021 about 40 people left. Later, in June 2021, 55 more followed. "
    articles = [
        Article(
            id=a,
            path=f"{a}.txt",
            source=f"Outlet {a}",
            published=Published(date=dt.date(2021, 6, i + 1), how="header"),
            text=text,
        )
        for i, a in enumerate(("x", "y"))
    ]
    figures = []
    for a in ("x", "y"):
        for number in ("40", "55"):
            start = text.index(number)
            figures.append(
                Figure(
                    id=f"{a}-{number}",
                    article_id=a,
                    start=start,
                    end=start + 2,
                    text=number,
                    value=int(number),
                    kind="count",
                )
            )
    first = Range(start=0, end=text.index("Later") - 1)
    second = Range(start=text.index("Later"), end=len(text) - 1)

    def when(a: str, phrase: str, value: str) -> TimeExpr:
        start = text.index(phrase)
        return TimeExpr(
            article_id=a, start=start, end=start + len(phrase), text=phrase, value=value
        )

    events = [
        Event(
            id="x1",
            article_id="x",
            when=when("x", "3 May 2021", "2021-05-03"),
            sentence=first,
            figures=["x-40"],
            people=["p1"],
        ),
        Event(
            id="x2",
            article_id="x",
            when=when("x", "June 2021", "2021-06"),
            sentence=second,
            figures=["x-40", "x-55"],
            people=["p1", "p2"],
        ),
        Event(
            id="y1",
            article_id="y",
            when=when("y", "June 2021", "2021-06"),
            sentence=second,
            figures=["y-55"],
            people=["p2"],
        ),
    ]
    return Corpus(articles=articles, events=events, figures=figures)


def test_sentence_of_figure_is_the_first_listing_events_sentence_else_around() -> None:
    corpus = _multi_corpus()
    view = CorpusView.build(corpus)
    for figure in corpus.figures:
        scanned = next(
            (
                (e.sentence.start, e.sentence.end)
                for e in corpus.events
                if figure.id in e.figures and e.article_id == figure.article_id
            ),
            None,
        )
        assert view.sentence_of_figure.get(figure.id) == scanned
    # y-40 is listed by no event: the pane falls back to the sentence around it.
    assert "y-40" not in view.sentence_of_figure
    pane = FiguresPane()
    pane.set_reactive(FiguresPane.view, view)
    y40 = view.figures["y-40"]
    text = view.articles["y"].text
    assert pane._sentence(y40) == sentence_around(text, y40.start, y40.end)
    assert pane._sentence(view.figures["x-40"]) == view.sentence_of_figure["x-40"]


def test_filtered_events_and_figures_keep_the_unfiltered_order() -> None:
    view = CorpusView.build(_multi_corpus())
    only_x = ArticleFilter("x", frozenset({"x"}))
    for person in (None, "p1", "p2", "nobody"):
        for articles in (None, only_x):
            events = view.events_for(person, articles)
            expected = [
                e
                for e in view.sorted_events
                if (person is None or person in e.people)
                and (articles is None or e.article_id in articles.article_ids)
            ]
            assert list(events) == expected
            assert set(view.event_ids_for(person, articles)) == {e.id for e in expected}
            allowed = (
                set(view.figures) if person is None else view.figures_of_person.get(person, set())
            )
            figures = [
                f
                for f in view.corpus.figures
                if f.id in allowed and (articles is None or f.article_id in articles.article_ids)
            ]
            assert list(view.figures_for(person, articles)) == figures
            assert set(view.figure_ids_for(person, articles)) == {f.id for f in figures}


def test_person_mentions_are_sorted_once_and_reused(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    person = corpus.people[0]
    first = view.person_mentions(person.id)
    assert first == sorted(
        person.mentions, key=lambda m: (view.article_sort_key(m.article_id), m.start)
    )
    assert view.person_mentions(person.id) is first
    assert view.articles_of_person[person.id] == len({m.article_id for m in person.mentions})


def test_sorted_mentions_hold_columns_and_give_the_same_spans(corpus: Corpus) -> None:
    """A person's mentions kept as columns: every span, slice and column read back is the
    one sorted, and each article id is the view's own string (not a copy per mention)."""
    from tui.app.view import SortedMentions

    view = CorpusView.build(corpus)
    person = max(corpus.people, key=lambda p: len(p.mentions))
    spans = sorted(person.mentions, key=lambda m: (view.article_sort_key(m.article_id), m.start))
    kept = view.person_mentions(person.id)
    assert isinstance(kept, SortedMentions) and len(kept) == len(spans) > 2
    assert [kept[i] for i in range(len(kept))] == spans == list(kept)
    assert kept[1:3] == spans[1:3] and kept[-1] == spans[-1]
    assert list(kept.article_ids()) == [m.article_id for m in spans]
    assert list(kept.places()) == [(m.article_id, m.start) for m in spans]
    assert [kept.where(i) for i in range(len(kept))] == [
        (m.article_id, m.start, m.end) for m in spans
    ]
    assert kept.forms() == list(dict.fromkeys(m.text for m in spans))
    assert all(kept[i].article_id is view.articles[m.article_id].id for i, m in enumerate(spans))
    assert kept != spans[:-1] and SortedMentions(()) == []


def test_each_article_s_spans_are_its_records_distinct_spans_in_order(corpus: Corpus) -> None:
    """What Source underlines: every record's own span of the article (none empty), each
    once, in order, read back from the view's flat arrays."""
    view = CorpusView.build(corpus)
    for article in corpus.articles:
        expected = sorted(
            {
                (s.start, s.end)
                for s in corpus.spans()
                if s.article_id == article.id and s.end > s.start
            }
        )
        assert view.spans_of(article.id) == expected
    assert view.spans_of("no-such-article") == []
    assert any(view.spans_of(a.id) for a in corpus.articles)


# -- command palette ---------------------------------------------------------------------


def test_palette_offers_every_fuzzy_match_when_there_are_few(corpus: Corpus) -> None:
    index = palette_index(CorpusView.build(corpus))
    texts = [entry.text for entry in index.entries()]
    assert len(texts) == len(index) > 20
    for query in ("cont", "may", "2021", "vrg", "port s", "zzz", "e"):
        matcher = Matcher(query)
        expected = [t for t in texts if matcher.match(t) > 0][:LIMIT]
        got = [entry.text for entry in index.candidates(query)]
        assert sorted(got) == sorted(expected), query


def _titles_index(titles: list[str]) -> PaletteIndex:
    section = Section(titles, str, lambda t: "", lambda t: RecordKey(RecordKind.ARTICLE, t))
    return PaletteIndex([section])


def test_palette_candidates_are_bounded_and_put_substring_matches_first() -> None:
    found = _titles_index(_many_titles()).candidates("ab")
    assert len(found) == LIMIT
    contiguous = [r for r in found if "ab" in r.text.lower()]
    assert found[: len(contiguous)] == contiguous
    assert all(Matcher("ab").match(r.text) > 0 for r in found)


def test_palette_matches_stay_within_one_entry() -> None:
    """The index is one string: a query's letters never match across two entries, an
    entry is offered once however often it matches, and a match at an entry's first or
    last character finds it."""
    index = _titles_index(["Alpha budget", "zeta", "Budget of beta", "gamma", "xy"])
    assert [e.text for e in index.candidates("budget")] == ["Alpha budget", "Budget of beta"]
    assert [e.text for e in index.candidates("az")] == []  # "alph(a)" then "(z)eta"
    assert [e.text for e in index.candidates("xy")] == ["xy"]
    assert [e.text for e in index.candidates("ga")] == ["gamma", "Budget of beta"]
    assert [e.key.record_id for e in index.candidates("beta")] == ["Budget of beta"]
    assert _titles_index([]).candidates("a") == []


def _many_titles() -> list[str]:
    return [f"article {i}: a{'x' * (i % 3)}b report" for i in range(5 * LIMIT)]


# -- the virtual table and the panes -----------------------------------------------------


def _big_corpus(n: int) -> Corpus:
    text = "On 4 March 2022 officials said about 1,250 workers joined the strike. "
    articles, events, figures = [], [], []
    for i in range(n):
        aid = f"a{i:04d}"
        articles.append(
            Article(
                id=aid,
                path=f"{aid}.txt",
                source=f"Outlet {i % 7}",
                published=Published(date=dt.date(2022, 3, 1 + i % 28), how="header"),
                text=text,
            )
        )
        d0 = text.index("4 March 2022")
        f0 = text.index("about 1,250")
        figures.append(
            Figure(
                id=f"f{i}",
                article_id=aid,
                start=f0,
                end=f0 + 11,
                text="about 1,250",
                value=1250,
                kind="count",
                qualifier="about",
            )
        )
        events.append(
            Event(
                id=f"e{i}",
                article_id=aid,
                when=TimeExpr(
                    article_id=aid, start=d0, end=d0 + 12, text="4 March 2022", value="2022-03-04"
                ),
                sentence=Range(start=0, end=len(text) - 1),
                figures=[f"f{i}"],
            )
        )
    return Corpus(articles=articles, events=events, figures=figures)


@drive
async def test_virtual_table_moves_like_a_data_table(make_app: MakeApp) -> None:
    app = make_app(corpus=_big_corpus(300))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        timeline = app.query_one(TimelinePane)
        table = app.query_one("#timeline-table", RecordTable)
        keys = ids(timeline.row_keys())
        assert len(keys) == 300 == table.row_count
        await pilot.press("2", "G")
        await settle(app, pilot)
        assert table.cursor_row == 299 and app.selection is not None
        assert app.selection.record_id == keys[-1]
        page = table.scrollable_content_region.height - 1
        assert table.scroll_y == table.max_scroll_y  # the last row is on screen
        await pilot.press("g", "pagedown")
        await settle(app, pilot)
        assert table.cursor_row == page
        assert table.scroll_y <= table.cursor_row < table.scroll_y + page
        await pilot.press("down", "up", "up")
        await settle(app, pilot)
        assert table.cursor_row == page - 1
        assert app.selection is not None and app.selection.record_id == keys[page - 1]


def test_search_is_applied_once_typing_pauses(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long pause, so that a slow machine cannot apply the search between keys.
    monkeypatch.setattr(base, "SEARCH_DEBOUNCE", 0.6)
    asyncio.run(_search_is_applied_once_typing_pauses(make_app))


async def _search_is_applied_once_typing_pauses(make_app: MakeApp) -> None:
    app = make_app(corpus=_big_corpus(50))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        timeline = app.query_one(TimelinePane)
        await pilot.press("2", "slash", *"outlet 3")
        # The keystrokes are shown at once, the rows follow after the pause.
        assert app.query_one("#search").value == "outlet 3"  # type: ignore[attr-defined]
        assert timeline.search == "" and len(timeline.row_keys()) == 50
        await settle(app, pilot)  # waits for the debounce worker
        assert timeline.search == "outlet 3"
        expected = [f"e{i}" for i in range(50) if i % 7 == 3]
        assert sorted(ids(timeline.row_keys())) == sorted(expected)
        await pilot.press("escape")
        await settle(app, pilot)
        assert timeline.search == "" and len(timeline.row_keys()) == 50


def test_enter_applies_a_search_still_waiting(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "SEARCH_DEBOUNCE", 30.0)
    asyncio.run(_enter_applies_a_search_still_waiting(make_app))


async def _enter_applies_a_search_still_waiting(make_app: MakeApp) -> None:
    app = make_app(corpus=_big_corpus(50))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        timeline = app.query_one(TimelinePane)
        await pilot.press("2", "slash", *"outlet 5")
        assert timeline.search == ""
        await pilot.press("enter")
        assert timeline.search == "outlet 5"
        await settle(app, pilot)
        assert len(timeline.row_keys()) == len([i for i in range(50) if i % 7 == 5])


@drive
async def test_choosing_a_person_marks_only_that_person(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        people = app.query_one(PeoplePane)
        option_list: EntryList[str] = people.query_one("#people-list", EntryList)

        def marked() -> list[str]:
            return [
                option_list.entries.keys[i]
                for i in range(option_list.entry_count)
                if option_list.entry_text(i).plain.startswith("▶")
            ]

        def drawn() -> list[str]:
            """The lines on screen with the mark (only the changed entries are drawn
            again: the others keep their rendered lines)."""
            lines = [option_list.render_line(y).text for y in range(option_list.size.height)]
            return [line.strip() for line in lines if line.lstrip().startswith("▶")]

        def name_of(person_id: str | None) -> str:
            view = app.view
            assert view is not None and person_id is not None
            return view.people[person_id].name

        # Enter chooses the person and opens their page; Esc comes back to People.
        await pilot.press("down", "down", "enter", "escape")
        await settle(app, pilot)
        chosen = app.person_filter
        assert chosen is not None and marked() == [chosen]
        assert len(drawn()) == 1 and name_of(chosen) in drawn()[0]
        await pilot.press("up", "up", "enter", "escape")
        await settle(app, pilot)
        assert app.person_filter != chosen and marked() == [app.person_filter]
        assert len(drawn()) == 1 and name_of(app.person_filter) in drawn()[0]
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.person_filter is None and marked() == [] and drawn() == []


@drive
async def test_article_picker_is_a_virtual_table(make_app: MakeApp) -> None:
    app = make_app(corpus=_big_corpus(400))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen)
        table = app.screen.query_one(RecordTable)
        assert table.row_count == 400 and table.has_focus
        await pilot.press("G")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), ChoiceScreen)
        view = app.view
        assert view is not None
        last = sorted(view.corpus.articles, key=lambda a: view.article_sort_key(a.id))[-1]
        assert app.selection is not None and app.selection.article_id == last.id


def test_palette_shows_its_first_entries_without_an_index(corpus: Corpus) -> None:
    view = CorpusView.build(corpus)
    index = palette_index(view)
    for count in (1, 5, LIMIT):
        assert first_entries(palette_sections(view), count) == index.entries(count)
    kinds = {entry.key.kind for entry in index.entries()}
    assert {RecordKind.PERSON, RecordKind.EVENT, RecordKind.FIGURE, RecordKind.ARTICLE} <= kinds


def test_palette_index_is_built_once_per_view_and_dropped_with_it(corpus: Corpus) -> None:
    async def scenario() -> None:
        indexes = PaletteIndexes()
        view = CorpusView.build(corpus)
        assert indexes.ready(view) is None
        first, again = await asyncio.gather(indexes.get(view), indexes.get(view))
        assert first is not None and first is again is indexes.ready(view)
        other = CorpusView.build(corpus)
        rebuilt = await indexes.get(other)
        assert rebuilt is not None and rebuilt is not first and indexes.ready(view) is None
        assert [e.text for e in rebuilt.entries()] == [e.text for e in first.entries()]

    asyncio.run(scenario())


def test_a_stopped_palette_build_ends_at_once_and_quitting_never_waits_for_it(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from tui.app import palette

    stop = threading.Event()
    stop.set()
    with pytest.raises(Stopped):
        palette_index(CorpusView.build(corpus), stop)

    # A build that has begun and waits: what quitting in the middle of one meets.
    begun, release = threading.Event(), threading.Event()
    made: list[int] = []

    def text(i: int) -> str:
        begun.set()
        release.wait(5)
        made.append(i)
        return f"entry {i}"

    slow = Section(range(100_000), text, str, lambda i: RecordKey(RecordKind.ARTICLE, str(i)))
    monkeypatch.setattr(palette, "palette_sections", lambda view: [slow])

    async def scenario() -> None:
        indexes = PaletteIndexes()
        view = CorpusView.build(corpus)
        indexes.start(view)
        assert await asyncio.to_thread(begun.wait, 5)
        builders = [t for t in threading.enumerate() if t.name == "palette-index"]
        assert builders and all(t.daemon for t in builders)  # exit never joins them
        indexes.close()  # what quitting does
        release.set()
        assert await indexes.get(view) is None  # stopped: a search shows no hits
        assert len(made) <= palette.STOP_CHECK  # at the next look at the flag

    asyncio.run(scenario())


def count_prompts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the people whose People entry is made (measured or drawn), in order."""
    drawn: list[str] = []
    parts = people_pane.prompt_parts

    def counted(view: CorpusView, person: Person, room: int, chosen: bool) -> list[tuple[str, str]]:
        drawn.append(person.id)
        return parts(view, person, room, chosen)

    monkeypatch.setattr(people_pane, "prompt_parts", counted)
    return drawn


def crowd(count: int) -> Corpus:
    """One article naming ``count`` people, each once (real news names ~4 people an
    article, most of them once: a folder of 10,000 articles links tens of thousands)."""
    parts: list[str] = []
    people: list[Person] = []
    at = 0
    for i in range(count):
        name = f"Ana {chr(65 + i % 26)}. Person{i:05d}"
        people.append(
            Person(
                id=f"p{i}",
                name=name,
                mentions=[Span(article_id="crowd", start=at, end=at + len(name), text=name)],
            )
        )
        parts.append(name + ". ")
        at += len(name) + 2
    article = Article(id="crowd", path="crowd.txt", source="Wire", text="".join(parts))
    return Corpus(articles=[article], people=people)


@drive
async def test_people_sorts_and_searches_thousands_drawing_only_what_is_on_screen(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each person is measured once per width; a sort or a search draws only the entries
    on screen (an OptionList drew and measured all 51,000 people for each: 9.7 s)."""
    drawn = count_prompts(monkeypatch)
    count = 3_000
    app = make_app(corpus=crowd(count))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        people = app.query_one(PeoplePane)
        listing: EntryList[str] = people.query_one("#people-list", EntryList)
        assert people.border_title == f"People ({count})"
        assert count <= len(drawn) < count + 40  # measured once, plus those on screen
        drawn.clear()
        await pilot.press("s")  # by name
        await settle(app, pilot)
        assert people.sort_by == "name" and len(drawn) < 40
        names = [app.view.people[key].name for key in listing.entries.keys]  # type: ignore[union-attr]
        assert names == sorted(names, key=str.casefold)
        assert listing.cursor == 0 and "Ana A. Person00000" in listing.render_line(0).text
        drawn.clear()
        await pilot.press("G")
        await settle(app, pilot)
        last = listing.size.height - 1
        assert listing.current_key == listing.entries.keys[-1]
        assert "Ana Z. Person02989" in " ".join(
            listing.render_line(y).text for y in range(last - 1, last + 1)
        )
        assert len(drawn) < 40
        drawn.clear()
        await pilot.press("slash", *"person0299", "enter")
        await settle(app, pilot)
        # Each search the debounce applied while typing drew a screenful (under load, one
        # per keystroke: 11 keys), never the 3,000 people.
        assert people.border_title == "People (10)" and len(drawn) < 11 * 40
        assert set(listing.entries.keys) == {f"p{i}" for i in range(2990, 3000)}
        assert listing.current_key == "p2990"  # by name: "Ana A." before "Ana B."


@drive
async def test_people_search_and_sort_give_what_scanning_every_person_gives(
    make_app: MakeApp, corpus: Corpus
) -> None:
    """The orders sorted once and the searched text folded once answer as testing each
    person with ``Pane.matches`` and sorting the result does."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        people = app.query_one(PeoplePane)
        view = app.view
        assert view is not None
        for sort_by in ("name", "mentions", "name"):
            people.sort_by = sort_by
            for search in ("", "a", "VARGA", "chief", "port", "union", "zz", "e v"):
                people.search = search
                expected = [
                    p
                    for p in corpus.people
                    if people.matches(p.name, *p.aliases, role_summary(p, 99))
                ]
                if sort_by == "name":
                    expected.sort(key=lambda p: (clean(p.name).casefold(), p.id))
                else:
                    expected.sort(key=lambda p: (-len(p.mentions), clean(p.name).casefold(), p.id))
                assert people.visible_people() == expected, (sort_by, search)
                if search == "port":
                    assert expected  # the search is not vacuous


@drive
async def test_people_maximised_and_back_measures_each_width_once(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = count_prompts(monkeypatch)
    app = make_app(corpus=crowd(2_000))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        people = app.query_one(PeoplePane)
        narrow = people.size.width

        def maximized() -> object:
            return app.screen.maximized

        for rounds in range(2):
            drawn.clear()
            await pilot.press("z")
            await settle(app, pilot)
            assert maximized() is people and people.size.width > narrow
            await pilot.press("escape")
            await settle(app, pilot)
            assert maximized() is None and people.size.width == narrow
            if rounds == 0:
                assert len(drawn) >= 2_000  # the wide pane's heights measured
            else:
                assert len(drawn) < 200  # both widths' kept: only what is on screen drawn


def varied_crowd(count: int) -> Corpus:
    """:func:`crowd` with entries of one to three lines: every third person has roles
    (some long), every fifth aliases, every seventh more mentions."""
    corpus = crowd(count)
    people: list[Person] = []
    for i, person in enumerate(corpus.people):
        span = person.mentions[0]
        roles = (
            [Role(**span.model_dump(), title="chief negotiator " * (1 + i % 4), org="Union")]
            if i % 3 == 0
            else []
        )
        aliases = [f"Alias {i}", f"A. P. {i}"] if i % 5 == 0 else []
        mentions = person.mentions * (1 + i % 7)
        people.append(
            person.model_copy(update={"roles": roles, "aliases": aliases, "mentions": mentions})
        )
    return corpus.model_copy(update={"people": people})


async def people_shown(make_app: MakeApp, corpus: Corpus) -> list[tuple[object, ...]]:
    """What People shows at the start, maximised, back, sorted by name and at its end: the
    title, the entries' keys and first lines, and the lines on screen."""
    app = make_app(corpus=corpus)
    shown: list[tuple[object, ...]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        people = app.query_one(PeoplePane)
        listing: EntryList[str] = people.query_one("#people-list", EntryList)
        for keys in ((), ("1", "z"), ("escape",), ("s",), ("G",)):
            if keys:
                await pilot.press(*keys)
                await settle(app, pilot)
            lines = [listing.render_line(y).text for y in range(listing.size.height)]
            entries = listing.entries
            shown.append(
                (people.border_title, people.border_subtitle, entries.keys, entries.starts, lines)
            )
    return shown


@drive
async def test_people_measured_in_a_worker_shows_what_measuring_on_the_event_loop_shows(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond ``INLINE_PEOPLE`` the heights at a new width are measured in a thread worker:
    the pane then shows the same entries, of the same heights, drawn the same, at the
    start, maximised, back, sorted and at its end."""
    import threading

    corpus = varied_crowd(1_200)
    threads: list[bool] = []
    measure = people_pane.measure_heights

    def watched(
        view: CorpusView, width: int, chosen: str | None, stopped: Callable[[], bool] | None = None
    ) -> dict[str, int] | None:
        threads.append(threading.current_thread() is threading.main_thread())
        return measure(view, width, chosen, stopped)

    monkeypatch.setattr(people_pane, "measure_heights", watched)
    monkeypatch.setattr(people_pane, "INLINE_PEOPLE", 10**9)
    on_the_loop = await people_shown(make_app, corpus)
    assert threads == [True, True]  # two widths measured, on the event loop
    threads.clear()
    monkeypatch.setattr(people_pane, "INLINE_PEOPLE", 100)
    in_a_worker = await people_shown(make_app, corpus)
    assert threads == [False, False]  # the same two, in a worker
    assert in_a_worker == on_the_loop
    starts = on_the_loop[0][3]
    assert isinstance(starts, list)
    assert {b - a for a, b in itertools.pairwise(starts)} == {1, 2}  # not all alike


@drive
async def test_keys_are_answered_while_people_are_measured_in_a_worker(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the worker measures, People says ``filling…`` and keys are answered; then it
    shows every person, the cursor on the first."""
    import threading

    begun, release = threading.Event(), threading.Event()
    measure = people_pane.measure_heights

    def held(
        view: CorpusView, width: int, chosen: str | None, stopped: Callable[[], bool] | None = None
    ) -> dict[str, int] | None:
        begun.set()
        release.wait(10)
        return measure(view, width, chosen, stopped)

    monkeypatch.setattr(people_pane, "measure_heights", held)
    monkeypatch.setattr(people_pane, "INLINE_PEOPLE", 100)
    corpus = varied_crowd(300)
    app = make_app(corpus=corpus)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            assert await asyncio.to_thread(begun.wait, 5)
            await pilot.pause()
            people = app.query_one(PeoplePane)
            listing: EntryList[str] = people.query_one("#people-list", EntryList)
            assert people.border_subtitle == "filling…" and not listing.entries.keys
            await pilot.press("1", "s", "s")  # a sort asked for twice meanwhile
            await pilot.pause()
            assert people.sort_by == "mentions" and not listing.entries.keys
            release.set()
            await settle(app, pilot)
            assert people.border_title == "People (300)"
            assert people.border_subtitle == "by mentions"
            assert [p.id for p in people.visible_people()] == listing.entries.keys
            assert listing.current_key == listing.entries.keys[0]
    finally:
        release.set()


async def pickers_shown(make_app: MakeApp) -> list[tuple[object, ...]]:
    """The article and outlet pickers, each opened twice: their rows' keys, the lines on
    screen and the count line, as opened and with ``/`` and a letter typed."""
    app = make_app()
    shown: list[tuple[object, ...]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for key in ("a", "f", "a", "f"):
            for typed in ((), ("slash", "w")):
                if not typed:
                    await pilot.press(key)
                else:
                    await pilot.press(*typed)
                await settle(app, pilot)
                screen = app.screen
                assert isinstance(screen, FilterChoiceScreen)
                table: RecordTable[str] = screen.query_one(RecordTable)
                lines = [table.render_line(y).text for y in range(table.size.height)]
                count = str(screen.query_one("#pick-count", Static).render())
                shown.append((screen.matching(), lines, count))
            await pilot.press("escape")
            await settle(app, pilot)
    return shown


@drive
async def test_pickers_made_in_a_worker_list_what_they_list_made_at_once(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond ``INLINE_ARTICLES`` the article and outlet pickers' lists are made in a
    worker: the pickers show the same rows and counts; either way each list is made once
    per corpus (the second opening makes none), and a label after only when drawn."""
    import threading

    from tui.app import pickers

    made: list[tuple[int, bool]] = []
    make = Choices.made.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Choices], keys: Sequence[str], *args: object) -> Choices:
        made.append((len(keys), threading.current_thread() is threading.main_thread()))
        return make(cls, keys, *args)  # type: ignore[no-any-return]

    monkeypatch.setattr(Choices, "made", classmethod(counted))
    monkeypatch.setattr(pickers, "INLINE_ARTICLES", 10**9)
    at_once = await pickers_shown(make_app)
    articles = len(at_once[0][0])  # type: ignore[arg-type]
    filters = len(at_once[2][0])  # type: ignore[arg-type]
    assert made == [(articles, True), (filters, True)] and articles > 2
    made.clear()
    monkeypatch.setattr(pickers, "INLINE_ARTICLES", 0)
    in_a_worker = await pickers_shown(make_app)
    assert made == [(articles, False), (filters, False)]
    assert in_a_worker == at_once
    assert at_once[1][2] != at_once[0][2]  # the letter typed filtered


@drive
async def test_keys_are_answered_while_a_picker_list_is_made(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the article picker's list is made in its worker, the picker says ``reading…``
    and Esc closes it; the list made is kept for the next opening."""
    import threading

    from tui.app import pickers

    begun, release = threading.Event(), threading.Event()
    articles = pickers.PickerLists.articles

    def held(lists: pickers.PickerLists) -> Choices:
        if threading.current_thread() is not threading.main_thread():
            begun.set()
            release.wait(10)
        return articles(lists)

    monkeypatch.setattr(pickers.PickerLists, "articles", held)
    monkeypatch.setattr(pickers, "INLINE_ARTICLES", 0)
    app = make_app()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("a")
            assert await asyncio.to_thread(begun.wait, 5)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, FilterChoiceScreen) and not screen.matching()
            assert str(screen.query_one("#pick-count", Static).render()) == "reading…"
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, FilterChoiceScreen)
            release.set()
            await settle(app, pilot)
            await pilot.press("a")  # the list kept: shown at once
            await pilot.pause()
            picker = app.screen
            assert isinstance(picker, FilterChoiceScreen)
            assert len(picker.matching()) == len(app.view.corpus.articles)  # type: ignore[union-attr]
    finally:
        release.set()


# -- the Timeline's column widths ---------------------------------------------------------


def _varied_corpus() -> Corpus:
    """Events whose sentences run from a few words to several lines, short ones first (a
    fill must measure sentences until one fills the room), in outlets of all lengths."""
    articles, events = [], []
    for i in range(24):
        aid = f"v{i:02d}"
        words = " ".join(["negotiators met again"] * (1 + (i * 7) % 11))
        text = f"On 2 March 2023 {words} in the capital. "
        start = text.index("2 March 2023")
        articles.append(
            Article(
                id=aid,
                path=f"{aid}.txt",
                source="Outlet " + "x" * (i % 19),
                published=Published(date=dt.date(2023, 3, 3), how="header"),
                text=text,
            )
        )
        events.append(
            Event(
                id=f"ev{i}",
                article_id=aid,
                when=TimeExpr(
                    article_id=aid,
                    start=start,
                    end=start + 12,
                    text="2 March 2023",
                    value=f"2023-03-{1 + i % 3:02d}",
                ),
                sentence=Range(start=0, end=len(text) - 1),
                group=f"g{i % 5}" if i % 2 else None,
            )
        )
    return Corpus(articles=articles, events=events)


@pytest.mark.parametrize("width", [30, 64, 110, 220])
def test_timeline_widths_are_those_of_every_cell_though_not_every_sentence_is_measured(
    corpus: Corpus, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fill stops measuring sentences once one fills the room a snippet is cut to (the
    first look's Timeline made all 2,100 snippets of the saved head to measure them), and
    the widths are still the widest cells, as measuring every row gives."""
    from tui.app.date_rows import EventDays
    from tui.app.panes import timeline
    from tui.app.panes.timeline import DATE_NOTE_ROOM, TimelineRows, TimelineSource

    made: list[str] = []
    snippet = TimelineRows.snippet

    def counting(self: TimelineRows, event: Event, width: int = 90) -> Text:
        made.append(event.id)
        return snippet(self, event, width)

    monkeypatch.setattr(timeline.TimelineRows, "snippet", counting)
    for c in (corpus, _multi_corpus(), _big_corpus(40), _varied_corpus()):
        view = CorpusView.build(c)
        rows = TimelineRows(view, width, TimelineSource(view, EventDays(view)))
        for search in ("", "2023", "said", "capital", "zzz"):
            built = rows.rows(None, None, search)
            made.clear()
            widths = rows.measure(built)
            measured = len(made)
            drawn = [cells for _, cells in built]  # every row made, as a full scan would
            expected = [max((row[i].cell_len for row in drawn), default=0) for i in range(3)]
            expected[0] = min(expected[0], rows.date_room() + DATE_NOTE_ROOM)
            assert widths == expected, (width, search)
            if expected[1] >= rows.snippet_room() and len(built) > 1:
                assert measured < len(built)  # the rest known not to be wider


def test_timeline_widths_of_a_long_list_bound_every_row_beyond_those_measured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the rows a fill measures one by one, the Date and Outlet columns are as wide as
    the list's widest labels say (no row's outlet or plain date label is cut), and the
    sentences take their room."""
    from tui.app.date_rows import EventDays
    from tui.app.panes import timeline
    from tui.app.panes.timeline import DATE_NOTE_ROOM, TimelineRows, TimelineSource

    monkeypatch.setattr(timeline, "EXACT_ROWS", 5)
    view = CorpusView.build(_varied_corpus())
    for width in (64, 160):
        rows = TimelineRows(view, width, TimelineSource(view, EventDays(view)))
        built = rows.rows(None, None, "")
        widths = rows.measure(built)
        drawn = [cells for _, cells in built]
        assert widths[2] == max(row[2].cell_len for row in drawn)
        plain = max(row[0].cell_len for row in drawn if row[0].plain.startswith("└ "))
        assert plain <= widths[0] <= rows.date_room() + DATE_NOTE_ROOM
        assert widths[1] == rows.snippet_room()


@pytest.mark.parametrize("width", [30, 64, 110, 220])
def test_figures_widths_measured_from_the_texts_are_those_of_the_cells(
    corpus: Corpus, width: int
) -> None:
    """Figures' rows are measured from their cells' texts, not by making the cells: the
    widths are those every row's cells give."""
    from tui.app.panes.figures import FigureRows, FigureSource

    for c in (corpus, _multi_corpus(), _big_corpus(40)):
        view = CorpusView.build(c)
        rows = FigureRows(view, width, FigureSource(view))
        for search in ("", "1,250", "40", "zzz"):
            built, widths = rows.build(None, None, search)
            drawn = [cells for _, cells in built]
            expected = [max((row[i].cell_len for row in drawn), default=0) for i in range(5)]
            assert widths == expected, (width, search)


@pytest.mark.parametrize("width", [30, 64, 110, 220])
def test_figures_widths_of_a_long_list_are_its_widest_labels_cut_to_their_room(
    corpus: Corpus, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the figures a fill measures one by one, the list's widest labels cut to their
    columns' room give the widths: those of every row's cells (ASCII labels)."""
    from tui.app.panes import figures
    from tui.app.panes.figures import FigureRows, FigureSource

    monkeypatch.setattr(figures, "EXACT_ROWS", 3)
    for c in (corpus, _multi_corpus(), _big_corpus(40)):
        view = CorpusView.build(c)
        rows = FigureRows(view, width, FigureSource(view))
        for search in ("", "1,250", "zzz"):
            built, widths = rows.build(None, None, search)
            drawn = [cells for _, cells in built]
            expected = [max((row[i].cell_len for row in drawn), default=0) for i in range(5)]
            assert widths == expected, (width, search)


@pytest.mark.parametrize("width", [24, 38, 60, 120])
def test_people_heights_counted_without_the_entries_are_the_entries_lines(
    corpus: Corpus, width: int
) -> None:
    """People measures every person once per width by counting their entry's lines
    without making the entry: the same count as the entry drawn, chosen or not."""
    from textual.geometry import Size

    class Sized(PeoplePane):
        @property
        def size(self) -> Size:
            return Size(width, 20)

    for c in (corpus, crowd(40), _multi_corpus()):
        view = CorpusView.build(c)
        pane = Sized()
        for chosen in (None, *(p.id for p in c.people[:3])):
            pane.set_reactive(PeoplePane.person_filter, chosen)
            heights = people_pane.measure_heights(view, width, chosen)
            assert heights is not None
            for person in c.people:
                drawn = pane._prompt(view, person).plain.count("\n") + 1
                assert heights[person.id] == drawn, (width, person.name)


def test_mentions_in_reading_order_by_the_articles_rank_are_those_by_their_date_labels(
    corpus: Corpus,
) -> None:
    """A person's mentions are ordered by their article's rank in reading order (read once
    per view), as they were by the article's date label and id made per mention: the same
    order and the same first mention, for every person, in whole corpora and in a head."""
    from tui.snapshot import restrict

    head = restrict(corpus, {a.id for a in corpus.articles[:2]})
    for c in (corpus, crowd(40), _multi_corpus(), head):
        view = CorpusView.build(c)
        view.index_first_mentions()  # as the load worker does
        labels = {a.id: view.article_sort_key(a.id) for a in c.articles}
        for person in c.people:
            expected = sorted(person.mentions, key=lambda m: (labels[m.article_id], m.start))
            assert view.first_mention(person.id) == (expected[0] if expected else None)
            assert view.person_mentions(person.id) == expected
