"""Pilot tests: press keys, assert what is selected, filtered and highlighted."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input

from tui.app import NewsdashApp, run
from tui.app.panes.entry_list import EntryList
from tui.app.panes.figures import FiguresPane
from tui.app.panes.people import PeoplePane
from tui.app.panes.source import SourcePane, SourceView
from tui.app.panes.timeline import TimelinePane
from tui.app.records import RecordKey, RecordKind
from tui.app.screens.modals import HelpScreen, MessageScreen, WarningsScreen
from tui.app.screens.person import PersonScreen
from tui.records.models import Corpus, Published

MakeApp = Callable[..., NewsdashApp]


def drive(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test on a fresh event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


def ids(keys: Sequence[RecordKey]) -> list[str]:
    """The record ids of a pane's row keys."""
    return [key.record_id for key in keys]


def fig(figure_id: str, under: str | None = None) -> RecordKey:
    return RecordKey(RecordKind.FIGURE, figure_id, under)


def cmp(comparison_id: str) -> RecordKey:
    return RecordKey(RecordKind.COMPARISON, comparison_id)


def active_screen(app: NewsdashApp) -> Screen[object]:
    """``app.screen``, read afresh: mypy would keep an ``isinstance`` narrowing of
    ``app.screen`` across the key presses that change it."""
    return app.screen


def chosen_person(app: NewsdashApp) -> str | None:
    """``app.person_filter``, read afresh (mypy keeps an ``==`` narrowing of it)."""
    return app.person_filter


async def settle(app: NewsdashApp, pilot: Any) -> None:
    """Until the workers are done, those a worker's result starts included (a person's page
    shows its rows, then the panes under it refill in workers of their own)."""
    await pilot.pause()
    for round_ in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if round_ and all(worker.is_finished for worker in app.workers):
            return


@drive
async def test_startup_lists_everything(make_app: MakeApp, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        people = app.query_one(PeoplePane)
        assert [p.id for p in people.visible_people()] == ["per-varga", "per-brandt", "per-raman"]
        assert len(app.query_one(TimelinePane).row_keys()) == len(corpus.events)
        keys = app.query_one(FiguresPane).row_keys()
        assert [k for k in keys if k.kind is RecordKind.COMPARISON] == [
            cmp("cmp-stranded"),
            cmp("cmp-cost"),
        ]
        assert sum(k.kind is RecordKind.FIGURE for k in keys) == len(corpus.figures)
        assert app.query_one(SourcePane).article_id == "wire"
        assert app.focused is not None and app.focused.id == "people-list"


@drive
async def test_timeline_is_chronological_and_groups_stay_together(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        events = ids(app.query_one(TimelinePane).row_keys())
        assert events[0] == "ev-b1"  # after 2019
        strike = [events.index(e) for e in ("ev-w2", "ev-t1", "ev-b2")]
        assert sorted(strike) == list(range(min(strike), min(strike) + 3))
        assert events.index("ev-r1") < events.index("ev-w2")  # H1 2021 starts before May 2021


@drive
async def test_arrow_in_people_shows_first_mention(make_app: MakeApp, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("down")
        await settle(app, pilot)
        assert app.selection is not None and app.selection.record_id == "per-brandt"
        first = next(p for p in corpus.people if p.id == "per-brandt").mentions[0]
        assert app.query_one(SourcePane).highlighted == (first.article_id, first.start, first.end)


@drive
async def test_enter_on_person_filters_timeline_and_figures(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert isinstance(active_screen(app), PersonScreen)  # the person's page opens
        await pilot.press("escape")  # back to the dashboard, the person chosen
        await settle(app, pilot)
        assert app.person_filter == "per-brandt"
        assert set(ids(app.query_one(TimelinePane).row_keys())) == {"ev-w3", "ev-t2", "ev-b2"}
        assert app.query_one(FiguresPane).row_keys() == []
        chips = str(app.query_one("#chips").render())
        assert "person: Tomas Brandt" in chips
        await pilot.press("escape")
        await settle(app, pilot)
        assert chosen_person(app) is None
        assert len(app.query_one(TimelinePane).row_keys()) == 10
        assert "person:" not in str(app.query_one("#chips").render())


@drive
async def test_person_filter_keeps_whole_comparison(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # Elena Varga
        await settle(app, pilot)
        keys = app.query_one(FiguresPane).row_keys()
        assert keys[:4] == [cmp("cmp-stranded"), fig("fig-w1"), fig("fig-t1"), fig("fig-b1")]
        assert fig("fig-r1") not in keys
        assert "ev-r1" not in ids(app.query_one(TimelinePane).row_keys())


@drive
async def test_event_selection_highlights_its_time_expression(
    make_app: MakeApp, corpus: Corpus
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "timeline-table"
        # Enter opens the event's date page, on the event's row; Enter there: Source.
        await pilot.press("down", "enter")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        event_id = app.query_one(TimelinePane).row_keys()[1].record_id
        event = next(e for e in corpus.events if e.id == event_id)
        assert app.selection is not None and app.selection.record_id == event_id
        source = app.query_one(SourcePane)
        assert source.highlighted == (event.article_id, event.when.start, event.when.end)
        assert isinstance(app.focused, SourceView)
        view = app.query_one(SourceView)
        line = view.line_of(event.when.start)
        styled = view.get_line(line)
        col = event.when.start - view.line_start(line)
        style = styled.get_style_at_offset(app.console, col)
        assert style.bold and style.reverse


@drive
async def test_figure_comparison_row(make_app: MakeApp, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        await pilot.press("down", "up")
        await settle(app, pilot)
        assert app.selection is not None
        assert app.selection.key == cmp("cmp-stranded")
        detail = str(app.query_one("#detail").render())
        assert "CONFLICT" in detail and "1,500 containers" in detail
        await pilot.press("down")
        await settle(app, pilot)
        fig = next(f for f in corpus.figures if f.id == "fig-w1")
        assert app.query_one(SourcePane).highlighted == (fig.article_id, fig.start, fig.end)


@drive
async def test_uncertain_conflict_says_possible(make_app: MakeApp, corpus: Corpus) -> None:
    comparisons = [c.model_copy(update={"certain": False}) for c in corpus.comparisons]
    app = make_app(corpus=corpus.model_copy(update={"comparisons": comparisons}))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        await pilot.press("down", "up")
        await settle(app, pilot)
        assert app.selection is not None
        assert app.selection.kind is RecordKind.COMPARISON
        detail = str(app.query_one("#detail").render())
        assert "≠? possible CONFLICT" in detail


@drive
async def test_next_and_previous_mention_cross_articles(make_app: MakeApp, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "escape")  # choose Elena Varga (her page, then back)
        seen = []
        for _ in range(4):
            await pilot.press("n")
            await settle(app, pilot)
            seen.append(app.query_one(SourcePane).highlighted)
        varga = next(p for p in corpus.people if p.id == "per-varga")
        assert set(seen) == {(m.article_id, m.start, m.end) for m in varga.mentions}
        assert {s[0] for s in seen if s} == {"wire", "translated", "blog"}
        await pilot.press("n")
        await settle(app, pilot)
        assert app.query_one(SourcePane).highlighted == seen[0]  # wraps around
        await pilot.press("p")
        await settle(app, pilot)
        assert app.query_one(SourcePane).highlighted == seen[-1]


@drive
async def test_incremental_search_in_focused_pane(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "slash", "w", "a", "l", "k")
        await settle(app, pilot)
        assert ids(app.query_one(TimelinePane).row_keys()) == ["ev-b2"]
        assert len(app.query_one(PeoplePane).visible_people()) == 3  # other panes unaffected
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.focused is not None and app.focused.id == "timeline-table"
        assert app.query_one(TimelinePane).search == "walk"
        await pilot.press("escape")
        await settle(app, pilot)
        assert len(app.query_one(TimelinePane).row_keys()) == 10


@drive
async def test_filter_by_outlet(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("f", "down", "enter")  # first entry after "all": outlet Newswire
        await settle(app, pilot)
        assert app.article_filter is not None
        assert app.article_filter.article_ids == {"wire", "brief"}
        events = ids(app.query_one(TimelinePane).row_keys())
        assert events and all(e.startswith(("ev-w", "ev-r")) for e in events)
        people = [p.id for p in app.query_one(PeoplePane).visible_people()]
        assert people == ["per-varga", "per-brandt", "per-raman"]


@drive
async def test_article_switcher_and_brackets(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "down", "down", "enter")
        await settle(app, pilot)
        # sorted by date, undated last: wire, translated, brief, blog
        assert app.query_one(SourcePane).article_id == "brief"
        assert isinstance(app.focused, SourceView)
        await pilot.press("right_square_bracket")  # corpus order: ..., blog, brief -> wire
        await settle(app, pilot)
        assert app.query_one(SourcePane).article_id == "wire"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(app, pilot)
        assert app.query_one(SourcePane).article_id == "blog"


@drive
async def test_help_lists_focused_pane_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        sections = app.help_sections()
        assert sections[0][0] == "People (focused)"
        assert ("s", "Sort") in sections[0][1]
        everywhere = dict(sections[1][1])
        assert everywhere["?"] == "Help" and everywhere["q"] == "Quit"
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(active_screen(app), HelpScreen)


@drive
async def test_copy_sends_text_and_citation(make_app: MakeApp, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "down", "c")
        await settle(app, pilot)
        assert app.selection is not None
        copied = app.clipboard
        event = next(e for e in corpus.events if e.id == app.selection.record_id)
        assert f"“{event.when.text}”" in copied
        assert f"chars {event.when.start}–{event.when.end}" in copied
        assert "Sentence:" in copied


@drive
async def test_keymap_file_remaps_bindings(make_app: MakeApp, _isolated_config: Path) -> None:
    (_isolated_config / "keymap.toml").write_text(
        '[keymap]\n"people.sort" = "o"\n"bogus.id" = "x"\n', encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        people = app.query_one(PeoplePane)
        await pilot.press("s")
        assert people.sort_by == "mentions"
        await pilot.press("o")
        assert people.sort_by == "name"
        assert any("bogus.id" in w for w in app.warnings)
        assert ("o", "Sort") in app.help_sections()[0][1]


@drive
async def test_article_text_is_never_markup(corpus: Corpus, make_app: MakeApp) -> None:
    from fixtures.dashboard_corpus import hostile_corpus

    app = make_app(corpus=hostile_corpus())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        people = app.query_one(PeoplePane)
        assert people.visible_people()[0].name == "[bold]Mallory[/bold] \x1b[31m"
        prompt = app.query_one("#people-list", EntryList).entry_text(0)
        assert "[bold]Mallory[/bold]" in prompt.plain
        drawn = app.query_one("#people-list", EntryList).render_line(0).text
        assert "[bold]Mallory[/bold]" in drawn and "\x1b" not in drawn
        text = app.query_one(SourceView).text
        assert "\x1b" not in text and "[link=" in text


@drive
async def test_read_only_has_no_screenshot_command(make_app: MakeApp) -> None:
    app = make_app(read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles and not any("screenshot" in t.casefold() for t in titles)
        assert app.deliver_screenshot() is None


@drive
async def test_bad_folder_shows_message(tmp_path: Path) -> None:
    app = NewsdashApp(path=tmp_path / "missing", theme="newsdash")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MessageScreen)
        assert "no such file or folder" in app.screen.message
        await pilot.press("q")
    assert app.return_code == 1


@drive
async def test_real_folder_through_pipeline(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(
        "LONDON (Wire) - Finance minister Anna Keller said on Monday the budget grew 4%.\n",
        encoding="utf-8",
    )
    (tmp_path / "two.txt").write_text(
        "Anna Keller, the finance minister, defended the budget in parliament.\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    app = NewsdashApp(path=tmp_path, theme="newsdash")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.view is not None
        assert {a.id for a in app.view.corpus.articles} == {"one", "two"}
        assert app.query_one(SourcePane).article_id in {"one", "two"}
        status = str(app.query_one("#status").render())
        assert "loading" not in status
        assert any("empty.txt" in w for w in app.warnings)
        assert "1 warning (w)" in status
        await pilot.press("w")
        await settle(app, pilot)
        assert isinstance(app.screen, WarningsScreen)


def test_run_rejects_unknown_theme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, theme="no-such-theme") == 2
    assert "unknown theme" in capsys.readouterr().err


def test_every_binding_has_an_id() -> None:
    from textual.binding import Binding
    from textual.dom import DOMNode

    from tui.app.panes.record_list import RecordList
    from tui.app.panes.record_table import RecordTable
    from tui.app.panes.source import SourcePane as SP
    from tui.app.screens import modals
    from tui.app.searching import SearchInput

    owners: list[type[DOMNode]] = [NewsdashApp, PeoplePane, TimelinePane, FiguresPane, SP]
    owners += [SourceView]
    owners += [RecordList, EntryList, RecordTable, SearchInput, modals.HelpScreen]
    owners += [modals.ChoiceScreen]
    for owner in owners:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding) and binding.id, (owner, binding)
    assert len(NewsdashApp.binding_ids()) > 30


@drive
async def test_search_in_source_highlights_first_match(make_app: MakeApp, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("4", "slash", *"quays")
        await settle(app, pilot)
        wire = corpus.article("wire")
        at = wire.text.index("quays")
        assert app.query_one(SourcePane).highlighted == ("wire", at, at + len("quays"))
        await pilot.press("enter", "c")
        assert app.clipboard.startswith("“quays”")
        assert f"chars {at}–{at + 5}" in app.clipboard


@drive
async def test_footer_hides_record_actions_until_loaded(tmp_path: Path) -> None:
    app = NewsdashApp(path=tmp_path / "missing", theme="newsdash")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.check_action("copy", ()) is False
        assert app.check_action("help", ()) is True


@drive
async def test_palette_jumps_to_person_and_figure(make_app: MakeApp, corpus: Corpus) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"person: priya")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.person_filter == "per-raman"
        await pilot.press("ctrl+p", *"figure: 4.1bn")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        fig = next(f for f in corpus.figures if f.id == "fig-t2")
        assert chosen_person(app) is None  # the figure was hidden by the person filter
        assert app.query_one(SourcePane).highlighted == (fig.article_id, fig.start, fig.end)
        assert app.focused is not None and app.focused.id == "figures-table"


@drive
async def test_person_detail_shows_quotes_and_merge_evidence(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        prompt = app.query_one("#people-list", EntryList).entry_text(0)
        assert "1 quote" in prompt.plain
        await pilot.press("j", "k")
        await settle(app, pilot)
        detail = str(app.query_one("#detail").render())
        assert "merged by surname: Elena Varga, Varga" in detail


@drive
async def test_figure_in_two_comparisons_is_listed_under_both(
    make_app: MakeApp, corpus: Corpus
) -> None:
    from tui.records.models import Comparison

    first = next(c for c in corpus.comparisons if c.id == "cmp-stranded")
    other = next(f for f in corpus.figures if f.id not in first.figures)
    extra = Comparison(
        id="cmp-extra",
        measure="shared member",
        figures=[first.figures[0], other.id],
        status="agree",
    )
    app = make_app(corpus=corpus.model_copy(update={"comparisons": [*corpus.comparisons, extra]}))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        pane = app.query_one(FiguresPane)
        keys = pane.row_keys()
        assert len(keys) == len(set(keys))
        repeated = fig(first.figures[0], under="cmp-extra")
        assert fig(first.figures[0]) in keys and repeated in keys
        selection = pane.selection_for(repeated)
        assert selection is not None and selection.record_id == first.figures[0]
        assert pane.border_title == f"Figures ({len(corpus.figures)})"


@drive
async def test_find_in_all_articles_opens_the_article_with_the_words_highlighted(
    make_app: MakeApp, corpus: Corpus
) -> None:
    from tui.app.screens.fulltext import FullTextScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FullTextScreen)
        await pilot.press(*"dockworkers")
        for _ in range(40):  # the query runs after a short pause in typing
            await pilot.pause(0.05)
            if app.screen.hits:
                break
        assert {h.article_id for h in app.screen.hits} == {"translated", "blog"}
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), FullTextScreen)
        source = app.query_one(SourcePane)
        picked = source.article_id
        assert picked in {"translated", "blog"}
        assert source.highlighted is not None
        _, start, end = source.highlighted
        assert corpus.article(picked).text[start:end].casefold() == "dockworkers"
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FullTextScreen)
        assert app.screen.query_one("#fulltext-input", Input).value == "dockworkers"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(active_screen(app), FullTextScreen)


@drive
async def test_web_page_shows_its_url_and_dims_its_furniture(tmp_path: Path) -> None:
    """A saved web page: Source's header carries the page's URL; the page around the
    article (cookie banner, menus, teasers, comments) is boilerplate, dimmed, and no record
    points into it."""
    import shutil

    web = Path(__file__).parent / "fixtures" / "web"
    shutil.copy(web / "full.html", tmp_path / "full.html")
    app = NewsdashApp(path=tmp_path, theme="newsdash")
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot)
        assert app.query_one(SourcePane).article_id == "full"
        header = str(app.query_one("#source-header").render())
        assert "The Coastal Ledger · 2023-03-14 · Harbour workers end strike" in header
        assert "https://www.coastal-ledger.example/business/harbour-workers-end-strike" in header
        assert app.view is not None
        article = app.view.articles["full"]
        source = app.query_one(SourceView)
        banner = article.text.index("We use cookies")
        assert any(r.start == banner for r in article.boilerplate)
        assert source.text[banner:].startswith("We use cookies")
        line = source.get_line(source.text[:banner].count("\n"))
        assert line.spans and all(span.style and "dim" in str(span.style) for span in line.spans)


@drive
async def test_timeline_marks_dates_anchored_on_an_inferred_publication_date(
    make_app: MakeApp, corpus: Corpus
) -> None:
    """An article dated from its own evidence: its "on Tuesday" sorts with the others and
    is marked ~; its "May 2021" (a year of its own) is not; the detail line says why."""
    import datetime as dt

    from tui.app.detail import describe
    from tui.app.panes.record_table import RecordTable
    from tui.app.view import CorpusView, Selection

    day = dt.date(2021, 6, 12)
    inferred = Published(
        date=day, how="inferred", earliest=day, latest=day, detail="on or after 2021-06-12 (…)"
    )
    articles = [
        a.model_copy(update={"published": inferred}) if a.id == "wire" else a
        for a in corpus.articles
    ]
    changed = corpus.model_copy(update={"articles": articles})
    app = make_app(corpus=changed)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        pane = app.query_one(TimelinePane)
        table = pane.query_one("#timeline-table", RecordTable)
        rows = {k.record_id: table.row_text(i) for i, k in enumerate(pane.row_keys())}
        assert rows["ev-w1"].startswith("~")
        assert not rows["ev-w2"].lstrip("└ ").startswith("~")
        order = ids(pane.row_keys())
        assert order.index("ev-r1") < order.index("ev-w2") < order.index("ev-w1")
    view = CorpusView.build(changed)
    when = view.events["ev-w1"].when
    key = RecordKey(RecordKind.EVENT, "ev-w1")
    line = describe(view, Selection(key, "wire", when.start, when.end)).plain
    assert "inferred: on or after 2021-06-12" in line
    assert "inferred" not in describe(CorpusView.build(corpus), Selection(key, "wire", 0, 0)).plain


@drive
async def test_the_figures_of_many_comparisons_are_built_in_a_worker_keys_answered_meanwhile(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``COMPARED_ON_THE_LOOP`` compared figures the Figures pane builds its rows (every
    comparison's members read and measured) in its refill worker, unfiltered too: it says
    ``filling…`` and keys are answered meanwhile (at 100,000 articles a key waited 28 s)."""
    import threading

    from tui.app.panes import figures

    monkeypatch.setattr(figures, "COMPARED_ON_THE_LOOP", 0)  # every corpus is large here
    release = threading.Event()
    threads: list[bool] = []
    build = figures.FigureRows.build

    def held(self: figures.FigureRows, person: Any, articles: Any, search: str) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(10)
        return build(self, person, articles, search)

    monkeypatch.setattr(figures.FigureRows, "build", held)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(FiguresPane)
        for _ in range(40):
            await pilot.pause(0.05)
            if pane.border_subtitle == "filling…":
                break
        assert pane.border_subtitle == "filling…" and not pane.row_keys()
        people = app.query_one(PeoplePane)
        await pilot.press("1", "down")  # keys answered while the worker builds
        await pilot.pause()
        assert app.focused is not None and people in app.focused.ancestors_with_self
        assert app.selection is not None
        release.set()
        await settle(app, pilot)
        assert pane.row_keys() and pane.border_subtitle != "filling…"
    assert threads and not any(threads)  # never on the event loop


@drive
async def test_a_search_of_a_large_corpus_is_filtered_in_a_worker_keys_answered_meanwhile(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``SEARCHED_IN_WORKER`` rows a pane's search scans the texts in its refill
    worker: the rows shown stay, the pane says ``searching…`` and keys are answered, then
    the filtered rows replace them."""
    import threading

    from tui.app.panes import base
    from tui.app.panes.timeline import TimelineRows

    monkeypatch.setattr(base, "SEARCHED_IN_WORKER", 0)  # every corpus is large here
    release = threading.Event()
    threads: list[bool] = []
    rows = TimelineRows.rows

    def held(self: TimelineRows, person: Any, articles: Any, search: str) -> Any:
        if search:
            threads.append(threading.current_thread() is threading.main_thread())
            release.wait(10)
        return rows(self, person, articles, search)

    monkeypatch.setattr(TimelineRows, "rows", held)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        timeline = app.query_one(TimelinePane)
        await pilot.press("2", "slash", "w", "a", "l", "k", "enter")
        for _ in range(20):
            await pilot.pause(0.05)
            if timeline.border_subtitle == "searching…":
                break
        assert timeline.border_subtitle == "searching…"
        assert len(timeline.row_keys()) == 10  # the rows shown stay while it searches
        await pilot.press("down")
        await pilot.pause()
        assert timeline.table().cursor_row == 1  # a key answered meanwhile
        release.set()
        await settle(app, pilot)
        assert ids(timeline.row_keys()) == ["ev-b2"]
        assert timeline.border_subtitle == ""
    assert threads and not any(threads)  # never on the event loop
