"""The newsdash dashboard: four linked panes over one reactive selection.

This module holds the layout, the reactive state and the message handlers; what the app
does is in the mixins it is built from: loading.py (the load worker), triaging.py (keys that
write the corrections file), frequency.py (F), jumps.py (records named by their key),
pickers.py, keyhelp.py, searching.py and copying.py, all over dashboard.py (the state they
share, the top bar and the detail line).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import WorkerFailed

from tui.app.bookmarking import Bookmarking
from tui.app.commands import RecordCommands
from tui.app.config import load_keymap
from tui.app.copying import Copying
from tui.app.exporting import Exporting
from tui.app.format import clean
from tui.app.frequency import Frequencies
from tui.app.keyhelp import KeyHelp
from tui.app.keyline import KeyLine
from tui.app.loading import SAVED_SHOWN, Loader
from tui.app.messages import (
    CorrectionRequested,
    LoadProgress,
    PageFilled,
    PersonChosen,
    PersonPageRequested,
    RecordHighlighted,
    RecordSelected,
    SearchApplied,
    SourceRequested,
)
from tui.app.palette import PaletteIndexes
from tui.app.panes.base import FilteredPane, Pane
from tui.app.panes.entry_list import EntryList
from tui.app.panes.figures import FiguresPane
from tui.app.panes.people import PeoplePane
from tui.app.panes.record_list import RecordList
from tui.app.panes.record_table import RecordTable
from tui.app.panes.source import SourcePane, SourceView
from tui.app.panes.timeline import TimelinePane
from tui.app.pickers import Pickers
from tui.app.records import RecordKind
from tui.app.screens.bookmarks import BookmarksScreen, NoteScreen
from tui.app.screens.conflict import ConflictScreen
from tui.app.screens.date import DateCache, DateScreen
from tui.app.screens.export import ExportScreen
from tui.app.screens.frequency import FrequencyScreen
from tui.app.screens.fulltext import FullTextScreen
from tui.app.screens.modals import ChoiceScreen, HelpScreen, MessageScreen, WarningsScreen
from tui.app.screens.pages import PAGES
from tui.app.screens.person import PageCache, PersonScreen
from tui.app.screens.triage import ArticleDateScreen, CorrectionsScreen, FilterChoiceScreen
from tui.app.searching import PaneSearch, SearchInput
from tui.app.themes import DEFAULT_THEME, THEMES
from tui.app.threads import FreshContextExecutor
from tui.app.triaging import Triaging
from tui.app.view import ArticleFilter, CorpusView, Selection
from tui.gcpolicy import freeze_loaded
from tui.records.models import Corpus
from tui.texts import UnreadableSaved

SHOWS_IN_SOURCE = frozenset({RecordKind.EVENT, RecordKind.FIGURE, RecordKind.COMPARISON})
"""Kinds whose choice (enter) moves the focus to Source, where the record's span is."""


class NewsdashApp(
    Triaging, Frequencies, Bookmarking, Pickers, KeyHelp, PaneSearch, Copying, Exporting
):
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
        Binding("z", "maximize_pane", "Maximise", id="app.maximize"),
        Binding("n", "mention(1)", "Next mention", show=False, id="app.next_mention"),
        Binding("p", "mention(-1)", "Prev mention", show=False, id="app.prev_mention"),
        Binding("c", "copy", "Copy", show=False, id="app.copy"),
        Binding("e", "export_view", "Export", show=False, id="app.export"),
        Binding("escape", "clear_filters", "Clear", id="app.clear"),
        Binding("w", "warnings", "Warnings", show=False, id="app.warnings"),
        Binding("F", "frequency", "Frequency table", show=False, id="app.frequency"),
        Binding(
            "x",
            "triage_reject",
            "Not a person / not the same fact",
            show=False,
            id="app.reject",
        ),
        Binding("M", "triage_merge", "Merge person into…", show=False, id="app.merge"),
        Binding("D", "triage_date", "Set article date", show=False, id="app.date"),
        Binding("C", "corrections", "Corrections", show=False, id="app.corrections"),
        Binding("ctrl+z", "undo_correction", "Undo triage", show=False, id="app.undo"),
        Binding("b", "bookmark", "Bookmark", show=False, id="app.bookmark"),
        Binding("B", "bookmarks", "Bookmarks", show=False, id="app.bookmarks"),
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
        restore: bool = True,
        remember: bool = True,
    ) -> None:
        super().__init__()
        self.restore_place = restore
        self.remember_place = remember
        self.place_restored = False
        self.loader = loader
        self.store_path = store
        for custom in THEMES:
            self.register_theme(custom)
        self.theme = theme or DEFAULT_THEME
        self._corpus = corpus
        self.path = path
        self.read_only = read_only
        self.load_user_keymap = load_user_keymap
        self.warnings = []
        self.keymap = {}
        self.mention_index = -1
        self.search_target = None
        self.status_text = "loading…" if corpus is None else ""
        self.previewing = False
        self.article_search = None
        self.last_fulltext = ""
        self.ui_ready = False
        self.page_back = None
        self.date_index = None
        self.date_pages = DateCache()
        self._unreadable = False
        """A file beside the store failed to give a text: the session is ending."""
        self.person_pages = PageCache()
        self.palette_indexes = PaletteIndexes()
        self.last_change = None
        self.kept_screens = {}

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
        yield KeyLine()

    def _handle_exception(self, error: Exception) -> None:
        """A file beside the store that no longer gives a text or a statement ends the
        session with its one line (:class:`~tui.texts.UnreadableSaved`, exit code 1), also
        when a worker met it; every other error as Textual ends on one (its traceback)."""
        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, UnreadableSaved):
            if self._unreadable:
                return  # one line is enough: another worker met the same file
            self._unreadable = True
            error = cause  # Textual prints its ``__rich__``, not a traceback
        super()._handle_exception(error)

    def on_mount(self) -> None:
        FreshContextExecutor.install()  # before any thread worker runs
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
            EntryList,
            RecordTable,
            SearchInput,
            HelpScreen,
            FullTextScreen,
            ChoiceScreen,
            WarningsScreen,
            MessageScreen,
            PersonScreen,
            CorrectionsScreen,
            FrequencyScreen,
            FilterChoiceScreen,
            ArticleDateScreen,
            ConflictScreen,
            DateScreen,
            ExportScreen,
            NoteScreen,
            BookmarksScreen,
        ):
            for binding in owner.BINDINGS:
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
        return ids

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
            "frequency",
            "triage_reject",
            "triage_merge",
            "triage_date",
            "corrections",
            "undo_correction",
        }
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Record actions are hidden from the footer until a corpus is loaded."""
        if action in self.NEEDS_CORPUS and self.view is None:
            return None if action == "clear_filters" else False
        # On a person's page the page's own keys apply; the dashboard's wait under it.
        return not (action in self.NEEDS_CORPUS and isinstance(self.screen, PAGES))

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

    # -- the place on the folder ----------------------------------------------------------

    def loaded(self, view: CorpusView, warnings: list[str]) -> None:
        super().loaded(view, warnings)
        # Once the panes hold the whole folder: where the analyst was on it last time.
        self.call_after_refresh(self.restore_saved_place)

    async def action_quit(self) -> None:
        self.save_place()
        self.palette_indexes.close()
        await super().action_quit()

    # -- reactive state -------------------------------------------------------------------

    def watch_view(self, old: CorpusView | None, new: CorpusView | None) -> None:
        if old is not None and old is not new:
            old.let_go()  # before the freeze below: nothing of it stays frozen in a cycle
        # A large corpus is millions of long-lived objects; without this every full garbage
        # collection (triggered by the allocations of rendering) rescans them all, which
        # costs hundreds of ms in the middle of a key press.
        freeze_loaded()
        self.refresh_status()
        self.refresh_detail()
        self.refresh_bindings()

    def watch_selection(self) -> None:
        self.refresh_detail()
        self.place_changed()

    def watch_person_filter(self) -> None:
        self.refresh_chips()
        self.place_changed()

    def watch_article_filter(self) -> None:
        self.refresh_chips()
        self.place_changed()

    # -- message handlers -----------------------------------------------------------------

    def on_load_progress(self, message: LoadProgress) -> None:
        if self.previewing and self.view is not None and self.view.corpus.stamp is not None:
            # the whole corpus a previous session saved, while the folder is read again
            self.status_text = (
                f"{SAVED_SHOWN} · re-reading the folder: {message.done}/{message.total}…"
            )
        elif self.previewing and self.view is not None:
            shown = len(self.view.corpus.articles)
            self.status_text = (
                f"{shown} of {message.total} articles shown · loading {message.done}/"
                f"{message.total}…"
            )
        elif not message.name:  # extraction is starting: the parser loads first
            self.status_text = (
                f"loading {message.done}/{message.total}: starting the language parser…"
            )
        else:
            self.status_text = f"loading {message.done}/{message.total}: {clean(message.name)}"
        self.refresh_status()

    @on(RecordHighlighted)
    def _on_highlighted(self, message: RecordHighlighted) -> None:
        self.selection = message.selection

    @on(RecordSelected)
    def _on_selected(self, message: RecordSelected) -> None:
        self.selection = message.selection
        if self.drill_in(message.selection):
            return
        if message.selection.kind in SHOWS_IN_SOURCE:
            self.query_one(SourceView).focus()

    @on(PersonChosen)
    def _on_person_chosen(self, message: PersonChosen) -> None:
        # The page first: the panes filtered under it wait for its rows (FilteredPane).
        self.open_person_page(message.person_id)
        self.choose_person(message.person_id)

    @on(PageFilled)
    def _on_page_filled(self) -> None:
        for pane in self.screen_stack[0].query(FilteredPane):
            pane.refill()

    @on(PersonPageRequested)
    def _on_page_requested(self, message: PersonPageRequested) -> None:
        self.open_person_page(message.person_id)

    @on(SourceRequested)
    def _on_source_requested(self, message: SourceRequested) -> None:
        self.show_from_page(message.selection, message.back)

    @on(CorrectionRequested)
    def _on_correction(self, message: CorrectionRequested) -> None:
        self.write_correction(message.change, message.said)

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

    # -- actions on the layout ------------------------------------------------------------

    def action_clear_filters(self) -> None:
        """Esc: restore a maximised pane, else back to the page a row was shown from, else
        clear the filters."""
        if self.screen.maximized is not None:
            self.restore_panes()
            return
        if self.back_to_page():
            return
        self.person_filter = None
        self.article_filter = None
        for pane in self.query(Pane):
            pane.apply_search("")
        self.refresh_chips()

    def restore_panes(self) -> None:
        """Put a maximised pane back among the four. Its size changes, but a restore does
        not always send it a Resize (seen in a real terminal, not under Pilot), so each pane
        is asked to follow its width once the layout has been redone."""
        self.screen.minimize()

        def refit() -> None:
            for pane in self.query(Pane):
                pane.refit()

        self.call_after_refresh(refit)

    def action_maximize_pane(self) -> None:
        """z: the focused pane fills the screen; z (or esc) again restores the four."""
        if self.screen.maximized is not None:
            self.restore_panes()
            return
        pane = self.focused_pane()
        if pane is not None:
            self.screen.maximize(pane, container=False)

    def action_focus_pane(self, pane_id: str) -> None:
        self.query_one(f"#{pane_id}", Pane).focus_records()
