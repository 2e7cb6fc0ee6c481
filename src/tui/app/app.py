"""The newsdash dashboard: four linked panes over one reactive selection."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from tui.app.commands import RecordCommands
from tui.app.config import load_keymap
from tui.app.format import (
    article_label,
    clean,
    figure_label,
    outlet,
    published_label,
    sentence_around,
    shorten,
    timex_of,
)
from tui.app.messages import (
    LoadProgress,
    PersonChosen,
    RecordHighlighted,
    RecordSelected,
    SearchApplied,
)
from tui.app.panes.base import Pane
from tui.app.panes.figures import FiguresPane, status_mark
from tui.app.panes.people import PeoplePane, role_summary
from tui.app.panes.record_list import RecordList
from tui.app.panes.record_table import RecordTable
from tui.app.panes.source import SourcePane, SourceView
from tui.app.panes.timeline import TimelinePane
from tui.app.records import RecordKey, RecordKind
from tui.app.screens.fulltext import FullTextScreen
from tui.app.screens.modals import (
    ChoiceScreen,
    HelpScreen,
    HelpSection,
    MessageScreen,
    WarningsScreen,
)
from tui.app.view import ArticleFilter, CorpusView, Selection, carry_person, carry_selection
from tui.errors import InputError
from tui.gcpolicy import freeze_loaded
from tui.models import Corpus
from tui.search import StoreSearch

Loader = Callable[
    [Path, Callable[[str], None], Callable[[int, int, str], None], Callable[[Corpus, int], None]],
    Corpus,
]
"""Loads a folder in the load worker: (path, warn, progress, preview) -> Corpus. ``preview``
may be called first with part of the corpus (its newest articles) and the full article
count, so the panes fill while the rest is read."""

DEFAULT_THEME = "newsdash"

PREVIEW_WAIT = 2.0
"""Seconds the load worker waits for a preview to be drawn before reading the rest."""

THEMES = [
    Theme(
        name="newsdash",
        primary="#5fafd7",
        secondary="#87afaf",
        accent="#ffaf5f",
        warning="#ffd75f",
        error="#ff5f5f",
        success="#87d787",
        foreground="#e4e4e4",
        background="#1c1c1c",
        surface="#262626",
        panel="#303030",
        dark=True,
    ),
    Theme(
        name="newsdash-high-contrast",
        primary="#ffff00",
        secondary="#00ffff",
        accent="#ffff00",
        warning="#ffff00",
        error="#ff0000",
        success="#00ff00",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#000000",
        dark=True,
        luminosity_spread=0.0,
        text_alpha=1.0,
    ),
]

PANE_ORDER = ("people", "timeline", "figures", "source")


class SearchInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel search", id="search.cancel"),
    ]

    def action_cancel(self) -> None:
        app = self.app
        if isinstance(app, NewsdashApp):
            app.end_search(keep=False)


class NewsdashApp(App[int]):
    """Browse a corpus: People, Timeline, Figures and Source, linked by one selection."""

    CSS_PATH = "app.tcss"
    TITLE = "newsdash"
    COMMANDS = App.COMMANDS | {RecordCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("f", "filter", "Filter", id="app.filter"),
        Binding("ctrl+f", "fulltext", "Find in all", id="app.fulltext"),
        Binding("a", "articles", "Articles", show=False, id="app.articles"),
        Binding("n", "mention(1)", "Mention", id="app.next_mention"),
        Binding("p", "mention(-1)", "Prev mention", show=False, id="app.prev_mention"),
        Binding("c", "copy", "Copy", id="app.copy"),
        Binding("escape", "clear_filters", "Clear", id="app.clear"),
        Binding("w", "warnings", "Warnings", show=False, id="app.warnings"),
        Binding("1", "focus_pane('people')", "People", show=False, id="app.focus_people"),
        Binding("2", "focus_pane('timeline')", "Timeline", show=False, id="app.focus_timeline"),
        Binding("3", "focus_pane('figures')", "Figures", show=False, id="app.focus_figures"),
        Binding("4", "focus_pane('source')", "Source", show=False, id="app.focus_source"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    # The app draws none of these itself (the panes get them by data_bind): repainting the
    # whole screen on every change would cost a full render per key press.
    view: reactive[CorpusView | None] = reactive(None, repaint=False)
    selection: reactive[Selection | None] = reactive(None, repaint=False)
    person_filter: reactive[str | None] = reactive(None, repaint=False)
    article_filter: reactive[ArticleFilter | None] = reactive(None, repaint=False)

    def __init__(
        self,
        corpus: Corpus | None = None,
        *,
        path: Path | None = None,
        read_only: bool = False,
        theme: str | None = None,
        load_user_keymap: bool = True,
        loader: Loader | None = None,
        store: Path | None = None,
    ) -> None:
        super().__init__()
        self.loader = loader
        self.store_path = store
        for custom in THEMES:
            self.register_theme(custom)
        self.theme = theme or DEFAULT_THEME
        self._corpus = corpus
        self.path = path
        self.read_only = read_only
        self.load_user_keymap = load_user_keymap
        self.warnings: list[str] = []
        self.keymap: dict[str, str] = {}
        self.mention_index = -1
        self.search_target: str | None = None
        self.status_text = "loading…" if corpus is None else ""
        self.previewing = False
        self.article_search: tuple[CorpusView, StoreSearch, dict[str, str]] | None = None
        self.last_fulltext = ""
        self.ui_ready = False

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(Text("newsdash", style="bold"), id="status")
            yield Static("", id="chips")
        with Grid(id="panes"):
            binds = (
                NewsdashApp.view,
                NewsdashApp.person_filter,
                NewsdashApp.article_filter,
                NewsdashApp.selection,
            )
            yield PeoplePane(id="people").data_bind(*binds)
            yield TimelinePane(id="timeline").data_bind(*binds)
            yield FiguresPane(id="figures").data_bind(*binds)
            yield SourcePane(id="source").data_bind(*binds)
        yield Static("", id="detail")
        yield SearchInput(placeholder="search this pane (enter keeps, esc clears)", id="search")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.ui_ready = True
        if self.load_user_keymap:
            keymap, problems = load_keymap(self.binding_ids())
            self.keymap = keymap
            self.warnings.extend(problems)
            if keymap:
                self.set_keymap(keymap)
        self.query_one("#people-list").focus()
        if self._corpus is not None:
            self.view = CorpusView.build(self._corpus)
        elif self.path is not None:
            self.load(self.path)
        self.refresh_status()
        self.refresh_detail()

    @classmethod
    def binding_ids(cls) -> set[str]:
        """Every binding id the dashboard defines (what keymap.toml may remap)."""
        ids: set[str] = set()
        for owner in (
            cls,
            PeoplePane,
            TimelinePane,
            FiguresPane,
            SourcePane,
            SourceView,
            RecordList,
            RecordTable,
            SearchInput,
            HelpScreen,
            FullTextScreen,
            ChoiceScreen,
            WarningsScreen,
            MessageScreen,
        ):
            for binding in owner.BINDINGS:
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
        return ids

    # -- loading --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load(self, path: Path) -> None:
        from tui.pipeline import load_corpus

        warnings: list[str] = []

        def progress(done: int, total: int, name: str) -> None:
            self.post_message(LoadProgress(done, total, name))

        def preview(part: Corpus, total: int) -> None:
            # Indexed here, in the worker: the UI thread only swaps the view in. Reading
            # the rest waits (up to PREVIEW_WAIT) until the preview is on screen, so the
            # two do not share the interpreter while the first records are drawn.
            painted = threading.Event()
            self.call_from_thread(self.previewed, CorpusView.build(part), total, painted)
            painted.wait(PREVIEW_WAIT)

        try:
            if self.loader is not None:
                corpus = self.loader(path, warnings.append, progress, preview)
            else:
                corpus = load_corpus(path, warnings.append, progress, preview=preview)
            view = CorpusView.build(corpus)
        except InputError as error:
            self.call_from_thread(self.show_input_error, str(error))
            return
        except Exception as error:  # never a traceback on the analyst's screen
            first = (str(error).splitlines() or [""])[0]
            message = f"internal error while loading: {type(error).__name__}: {first}"
            self.call_from_thread(self.show_input_error, message)
            return
        self.call_from_thread(self.loaded, view, warnings)

    def on_load_progress(self, message: LoadProgress) -> None:
        if self.previewing and self.view is not None:
            shown = len(self.view.corpus.articles)
            self.status_text = (
                f"{shown} of {message.total} articles shown · loading {message.done}/"
                f"{message.total}…"
            )
        else:
            self.status_text = f"loading {message.done}/{message.total}: {clean(message.name)}"
        self.refresh_status()

    def previewed(
        self, view: CorpusView, total: int, painted: threading.Event | None = None
    ) -> None:
        """Show part of the corpus (the newest articles of a saved corpus, or the first ones
        extracted) while the whole of it is still being read; ``painted`` is set once the
        panes have drawn it (their rebuild runs after the next refresh, the paint after it)."""
        self.previewing = True
        shown = len(view.corpus.articles)
        self.status_text = f"{shown} of {total} articles shown · loading the rest…"
        self.view = view
        if painted is not None:
            self.call_after_refresh(lambda: self.call_after_refresh(painted.set))

    def loaded(self, view: CorpusView, warnings: list[str]) -> None:
        self.warnings.extend(warnings)
        self.previewing = False
        self.status_text = ""
        old = self.view
        if old is not None and old is not view:
            # Choices made in a preview carry over: by name for people (a preview linked on
            # its own numbers them differently), by label for outlet filters (the whole
            # corpus has more of the outlet's articles).
            self.person_filter = carry_person(old, view, self.person_filter)
            self.selection = carry_selection(old, view, self.selection)
            if self.article_filter is not None:
                label = self.article_filter.label
                same = [f for f in view.outlet_filters() if f.label == label]
                self.article_filter = same[0] if same else None
        self.view = view
        self.refresh_status()

    def show_input_error(self, message: str) -> None:
        self.push_screen(
            MessageScreen(
                "Cannot open the articles",
                message,
                "newsdash reads article files (.txt, .html, …) from a folder, or one file. "
                "Check the path, then run newsdash again. Press q to quit.",
            )
        )

    NEEDS_CORPUS = frozenset(
        {
            "search",
            "fulltext",
            "filter",
            "articles",
            "mention",
            "copy",
            "clear_filters",
            "focus_pane",
        }
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Record actions are hidden from the footer until a corpus is loaded."""
        if action in self.NEEDS_CORPUS and self.view is None:
            return None if action == "clear_filters" else False
        return True

    # -- read-only ------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> list[SystemCommand]:
        commands = list(super().get_system_commands(screen))
        if self.read_only:
            commands = [c for c in commands if "screenshot" not in c.title.casefold()]
        return commands

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        if self.read_only:
            self.notify("read-only: screenshots are not saved", severity="warning")
            return None
        return super().deliver_screenshot(filename, path, time_format)

    # -- status, chips, detail ------------------------------------------------------------

    def watch_view(self) -> None:
        # A large corpus is millions of long-lived objects; without this every full garbage
        # collection (triggered by the allocations of rendering) rescans them all, which
        # costs hundreds of ms in the middle of a key press.
        freeze_loaded()
        self.refresh_status()
        self.refresh_detail()
        self.refresh_bindings()

    def watch_selection(self) -> None:
        self.refresh_detail()

    def watch_person_filter(self) -> None:
        self.refresh_chips()

    def watch_article_filter(self) -> None:
        self.refresh_chips()

    def refresh_status(self) -> None:
        if not self.ui_ready:
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("newsdash", style="bold")
        view = self.view
        if self.status_text:
            text.append(f"  {self.status_text}")
        elif view is not None:
            c = view.corpus
            text.append(
                f"  {len(c.articles)} art · {len(c.people)} people · {len(c.events)} dates"
                f" · {len(c.figures)} figures"
            )
        if self.warnings:
            n = len(self.warnings)
            text.append(f"  ⚠ {n} warning{'s' if n != 1 else ''} (w)", style="bold")
        if self.read_only:
            text.append("  [read-only]", style="italic")
        self.query_one("#status", Static).update(text)

    def refresh_chips(self) -> None:
        if not self.ui_ready:
            return
        chips = Text(no_wrap=True, overflow="ellipsis", justify="right")
        view = self.view
        if self.person_filter is not None and view is not None:
            person = view.people.get(self.person_filter)
            name = shorten(person.name, 30) if person is not None else self.person_filter
            chips.append(f" person: {name} ✕ ", style="bold reverse")
            chips.append(" ")
        if self.article_filter is not None:
            chips.append(f" {shorten(self.article_filter.label, 40)} ✕ ", style="bold reverse")
            chips.append(" ")
        for pane in self.query(Pane):
            if pane.search:
                chips.append(f" /{shorten(pane.search, 20)} in {pane.PANE_TITLE} ", style="reverse")
                chips.append(" ")
        if chips.plain:
            chips.append("esc clears", style="dim")
        self.query_one("#chips", Static).update(chips)

    def refresh_detail(self) -> None:
        if not self.ui_ready:
            return
        # One fixed-height line: a new text never needs a screen-wide layout.
        self.query_one("#detail", Static).update(self.describe(self.selection), layout=False)

    def describe(self, selection: Selection | None) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        view = self.view
        if selection is None or view is None or selection.article_id not in view.articles:
            text.append("↑↓ move · enter select · tab next pane · ? help", style="dim")
            return text
        records: dict[RecordKind, Mapping[str, object]] = {
            RecordKind.PERSON: view.people,
            RecordKind.MENTION: view.people,
            RecordKind.EVENT: view.events,
            RecordKind.FIGURE: view.figures,
            RecordKind.COMPARISON: view.comparisons,
        }
        known = records.get(selection.kind)
        if known is not None and selection.record_id not in known:
            selection = Selection.article(selection.article_id)
        if selection.kind in (RecordKind.PERSON, RecordKind.MENTION):
            person = view.people[selection.record_id]
            text.append(clean(person.name), style="bold")
            roles = role_summary(person, 4)
            if roles:
                text.append(f" — {roles}")
            if person.aliases:
                text.append(" — aka " + ", ".join(shorten(a, 30) for a in person.aliases))
            if selection.kind is RecordKind.MENTION:
                total = len(person.mentions)
                text.append(f" — mention {selection.index + 1}/{total} (n/p)", style="italic")
            for evidence in person.evidence[:2]:
                merged = ", ".join(shorten(n, 24) for n in evidence.names[:3])
                text.append(f" — merged by {clean(evidence.rule)}: {merged}", style="dim")
        elif selection.kind is RecordKind.EVENT:
            event = view.events[selection.record_id]
            label = timex_of(event.when)
            text.append(label, style="bold")
            if event.when.value and event.when.value != label:
                text.append(f" ({event.when.value})")
            text.append(f" “{clean(event.when.text)}”", style="italic")
            names = [clean(view.people[p].name) for p in event.people if p in view.people]
            if names:
                text.append(" — " + ", ".join(names))
            text.append(f" — {view.outlet_of(event.article_id)}")
        elif selection.kind is RecordKind.FIGURE:
            figure = view.figures[selection.record_id]
            text.append(figure_label(figure), style="bold")
            text.append(f" {figure.kind}")
            if figure.measure:
                text.append(f" — {clean(figure.measure)}")
            if figure.period:
                text.append(f" — {clean(figure.period)}")
            cmp_id = view.comparison_of_figure.get(figure.id)
            if cmp_id is not None:
                comparison = view.comparisons[cmp_id]
                text.append(f" — {status_mark(comparison)}", style="bold")
                others = [
                    self.figure_with_outlet(f)
                    for f in comparison.figures
                    if f in view.figures and f != figure.id
                ]
                if others:
                    text.append(" with " + ", ".join(others))
        elif selection.kind is RecordKind.COMPARISON:
            comparison = view.comparisons[selection.record_id]
            text.append(status_mark(comparison), style="bold reverse")
            text.append(f" {clean(comparison.measure)}", style="bold")
            values = [self.figure_with_outlet(f) for f in comparison.figures if f in view.figures]
            text.append(" — " + " vs ".join(values))
            if comparison.detail:
                text.append(f" — {clean(comparison.detail)}")
        else:
            article = view.articles[selection.article_id]
            text.append(article_label(article), style="bold")
            text.append(f" — {article.path}")
        return text

    def figure_with_outlet(self, figure_id: str) -> str:
        view = self.view
        assert view is not None
        figure = view.figures[figure_id]
        return f"{figure_label(figure)} ({view.outlet_of(figure.article_id)})"

    # -- selection flow -------------------------------------------------------------------

    @on(RecordHighlighted)
    def _on_highlighted(self, message: RecordHighlighted) -> None:
        self.selection = message.selection

    @on(RecordSelected)
    def _on_selected(self, message: RecordSelected) -> None:
        self.selection = message.selection
        if message.selection.kind in (RecordKind.EVENT, RecordKind.FIGURE, RecordKind.COMPARISON):
            self.query_one(SourceView).focus()

    @on(PersonChosen)
    def _on_person_chosen(self, message: PersonChosen) -> None:
        self.choose_person(message.person_id)

    def choose_person(self, person_id: str) -> None:
        self.person_filter = person_id
        self.mention_index = -1
        selection = self.query_one(PeoplePane).selection_for(
            RecordKey(RecordKind.PERSON, person_id)
        )
        if selection is not None:
            self.selection = selection

    def action_clear_filters(self) -> None:
        self.person_filter = None
        self.article_filter = None
        for pane in self.query(Pane):
            pane.apply_search("")
        self.refresh_chips()

    def action_mention(self, step: int) -> None:
        view = self.view
        if view is None:
            return
        person_id = self.person_filter
        if (
            person_id is None
            and self.selection is not None
            and self.selection.kind in (RecordKind.PERSON, RecordKind.MENTION)
        ):
            person_id = self.selection.record_id
        if person_id is None:
            self.bell()
            return
        mentions = view.person_mentions(person_id)
        if not mentions:
            return
        if self.selection is not None and self.selection.kind is RecordKind.MENTION:
            index = (self.selection.index + step) % len(mentions)
        else:
            index = 0 if step > 0 else len(mentions) - 1
        m = mentions[index]
        key = RecordKey(RecordKind.MENTION, person_id)
        self.selection = Selection(key, m.article_id, m.start, m.end, index)

    def action_focus_pane(self, pane_id: str) -> None:
        self.query_one(f"#{pane_id}", Pane).focus_records()

    # -- jumps (palette) ------------------------------------------------------------------

    def jump_to(self, key: RecordKey) -> None:
        """Show the record ``key`` in its pane (clearing what hides it) and select it."""
        jumps: dict[RecordKind, Callable[[RecordKey], None]] = {
            RecordKind.PERSON: self.jump_to_person,
            RecordKind.EVENT: self.jump_to_event,
            RecordKind.FIGURE: self.jump_to_figure,
            RecordKind.COMPARISON: self.jump_to_figure,
            RecordKind.ARTICLE: self.jump_to_article,
        }
        jumps[key.kind](key)

    def jump_to_person(self, key: RecordKey) -> None:
        person_id = key.record_id
        people = self.query_one(PeoplePane)
        if self.article_filter is not None:
            self.article_filter = None
        people.search = ""
        self.choose_person(person_id)
        people.focus_records()
        self.call_after_refresh(people.reveal, key)

    def jump_to_event(self, key: RecordKey) -> None:
        event_id = key.record_id
        timeline = self.query_one(TimelinePane)
        view = self.view
        if view is None:
            return
        if event_id not in view.event_ids_for(self.person_filter, self.article_filter):
            self.person_filter = None
            self.article_filter = None
        timeline.search = ""
        selection = timeline.selection_for(key)
        if selection is not None:
            self.selection = selection
        timeline.focus_records()

        def reveal() -> None:
            timeline.reveal(key)

        self.call_after_refresh(reveal)

    def jump_to_figure(self, key: RecordKey) -> None:
        """A figure, or a comparison (a comparison's row is shown whatever the filters)."""
        figures = self.query_one(FiguresPane)
        view = self.view
        if view is None:
            return
        if key.kind is RecordKind.FIGURE and key.record_id not in view.figure_ids_for(
            self.person_filter, self.article_filter
        ):
            self.person_filter = None
            self.article_filter = None
        figures.search = ""
        selection = figures.selection_for(key)
        if selection is not None:
            self.selection = selection
        figures.focus_records()

        def reveal() -> None:
            figures.reveal(key)

        self.call_after_refresh(reveal)

    def jump_to_article(self, key: RecordKey) -> None:
        self.selection = Selection.article(key.record_id)
        self.query_one(SourceView).focus()

    # -- screens --------------------------------------------------------------------------

    def focused_pane(self) -> Pane | None:
        node: Widget | None = self.focused
        while node is not None:
            if isinstance(node, Pane):
                return node
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return None

    def key_label(self, binding: Binding) -> str:
        keys = self.keymap.get(binding.id or "", binding.key)
        return ", ".join(
            self.get_key_display(Binding(k.strip(), binding.action)) for k in keys.split(",")
        )

    def help_sections(self) -> list[HelpSection]:
        def rows(*owners: type[object]) -> list[tuple[str, str]]:
            out: list[tuple[str, str]] = []
            for owner in owners:
                for b in getattr(owner, "BINDINGS", []):
                    if isinstance(b, Binding):
                        out.append((self.key_label(b), b.description or b.action))
            return out

        moves = [("↑ ↓, pgup, pgdn", "move")]
        table = [*rows(RecordTable), *moves, ("enter", "show in Source (and focus it)")]
        per_pane: dict[str, list[tuple[str, str]]] = {
            "people": [
                *rows(PeoplePane, RecordList),
                *moves,
                ("enter", "filter Timeline and Figures to this person"),
            ],
            "timeline": table,
            "figures": table,
            "source": rows(SourcePane, SourceView),
        }
        focused = self.focused_pane()
        order = list(PANE_ORDER)
        sections: list[HelpSection] = []
        if focused is not None and focused.id in per_pane:
            order.remove(focused.id)
            sections.append((f"{focused.PANE_TITLE} (focused)", per_pane[focused.id]))
        global_rows = [
            *rows(NewsdashApp),
            ("tab, shift+tab", "next / previous pane"),
            ("ctrl+p", "command palette: jump to a person, date, figure, article"),
        ]
        sections.append(("Everywhere", global_rows))
        for pane_id in order:
            sections.append((pane_id.title(), per_pane[pane_id]))
        return sections

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections()))

    def action_warnings(self) -> None:
        self.push_screen(WarningsScreen(self.warnings))

    def action_articles(self) -> None:
        view = self.view
        if view is None:
            return
        choices = [
            (a.id, Text(shorten(article_label(a), 100)))
            for a in sorted(view.corpus.articles, key=lambda a: view.article_sort_key(a.id))
        ]

        def picked(article_id: str | None) -> None:
            if article_id is not None:
                self.jump_to_article(RecordKey(RecordKind.ARTICLE, article_id))

        self.push_screen(ChoiceScreen("Show article", choices), picked)

    def action_fulltext(self) -> None:
        """Search every article's text (FTS5 in the store); Enter opens the article in
        Source with the words highlighted."""
        view = self.view
        if view is None:
            return
        if self.article_search is None or self.article_search[0] is not view:
            root = self.path if self.path is not None else Path.cwd()
            store = self.store_path if self.path is not None else None
            labels = {a.id: article_label(a) for a in view.corpus.articles}
            self.article_search = (view, StoreSearch(store, root, view.corpus.articles), labels)

        def picked(result: tuple[str, str] | None) -> None:
            if result is None or self.view is None or result[0] not in self.view.articles:
                return
            article_id, query = result
            self.last_fulltext = query
            self.jump_to_article(RecordKey(RecordKind.ARTICLE, article_id))
            text = self.view.articles[article_id].text.casefold()
            words = sorted(query.split(), key=len, reverse=True)
            needle = query.strip() if query.strip().casefold() in text else ""
            needle = needle or next((w for w in words if w.casefold() in text), "")
            source = self.query_one(SourcePane)
            source.search = needle
            self.refresh_chips()

        _, backend, labels = self.article_search
        self.push_screen(FullTextScreen(backend, labels, self.last_fulltext), picked)

    def action_filter(self) -> None:
        view = self.view
        if view is None:
            return
        filters = view.outlet_filters()
        choices = [("all", Text("all articles (no filter)", style="italic"))]
        choices += [(str(i), Text(shorten(f.label, 100))) for i, f in enumerate(filters)]

        def picked(key: str | None) -> None:
            if key is None:
                return
            self.article_filter = None if key == "all" else filters[int(key)]

        self.push_screen(ChoiceScreen("Filter by outlet or article", choices), picked)

    # -- search ---------------------------------------------------------------------------

    def action_search(self) -> None:
        pane = self.focused_pane()
        if pane is None:
            return
        self.search_target = pane.id
        search = self.query_one(SearchInput)
        search.value = pane.search
        search.display = True
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self.search_target is None:
            return
        self.query_one(f"#{self.search_target}", Pane).type_search(event.value)

    def on_search_applied(self, message: SearchApplied) -> None:
        self.refresh_chips()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.end_search(keep=True)

    def end_search(self, *, keep: bool) -> None:
        search = self.query_one(SearchInput)
        target = self.search_target
        self.search_target = None
        search.display = False
        if target is not None:
            pane = self.query_one(f"#{target}", Pane)
            pane.apply_search(search.value if keep else "")
            pane.focus_records()
        self.refresh_chips()

    # -- copy -----------------------------------------------------------------------------

    def citation(self, selection: Selection) -> str:
        view = self.view
        assert view is not None
        article = view.articles[selection.article_id]
        where = f"{outlet(article)}, {published_label(article)}, {article.path}"
        if selection.kind is RecordKind.ARTICLE:
            return f"{article_label(article)}\n— {article.path}"
        quoted = clean(article.text[selection.start : selection.end])
        start, end = selection.context or sentence_around(
            article.text, selection.start, selection.end
        )
        sentence = clean(article.text[start:end])
        return (
            f"“{quoted}”\n— {where}, chars {selection.start}–{selection.end}\n"
            f"Sentence: “{sentence}”"
        )

    def action_copy(self) -> None:
        selection = self.selection
        source = self.query_one(SourcePane)
        if source.search and source.highlighted is not None:
            # A search match shown in Source is what the user is looking at: copy it.
            article_id, start, end = source.highlighted
            selection = Selection(RecordKey(RecordKind.MATCH, article_id), article_id, start, end)
        if selection is None or self.view is None:
            self.notify("nothing selected to copy", severity="warning")
            return
        self.copy_to_clipboard(self.citation(selection))
        self.notify("citation sent to terminal clipboard (OSC 52)")
