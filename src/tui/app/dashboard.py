"""What every part of the dashboard shares: its state, typed once, and the lines it redraws.

:class:`NewsdashApp` (app.py) makes the view, the selection and the filters reactive and
sets the rest in ``__init__``; the parts it is built from (loading, jumps, pickers, key
help, pane search, copy) are mixins of :class:`Dashboard` that read and write that state.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.app.conflict_rows import ConflictSpot
from tui.app.date_rows import DateSpot, EventDays
from tui.app.detail import describe
from tui.app.format import shorten
from tui.app.messages import Spot
from tui.app.palette import PaletteIndexes
from tui.app.panes.base import Pane
from tui.app.screens.date import DateCache
from tui.app.screens.person import PageCache
from tui.app.view import ArticleFilter, CorpusView, Selection
from tui.search import StoreSearch


class Dashboard(App[int]):
    """The dashboard's state and its top bar and detail line."""

    # Reactive in NewsdashApp: the panes get them by data_bind.
    view: CorpusView | None
    selection: Selection | None
    person_filter: str | None
    article_filter: ArticleFilter | None

    path: Path | None
    store_path: Path | None
    read_only: bool
    warnings: list[str]
    keymap: dict[str, str]
    mention_index: int
    search_target: str | None
    """The id of the pane the search box is typing into."""
    status_text: str
    """What the top bar says instead of the corpus counts (loading progress)."""
    previewing: bool
    """Part of the corpus is shown while the rest is read."""
    article_search: tuple[CorpusView, StoreSearch, dict[str, str]] | None
    """The full-text search over the shown view, and its articles' labels."""
    last_fulltext: str
    ui_ready: bool
    """Mounted: the lines below may be drawn."""
    page_back: Spot | None
    """The page a row was shown in Source from: Esc goes back to it."""
    date_pages: DateCache
    """The rows of the date pages opened last (Esc back reopens one at once)."""
    date_index: EventDays | None
    """The days each event's date covers, for the view shown (read on first use)."""
    person_pages: PageCache
    """The rows of the person's pages opened last (Esc back reopens one at once)."""
    palette_indexes: PaletteIndexes
    """The command palette's entries for the view shown (built on first use, in a thread)."""

    kept_screens: dict[str, tuple[Hashable, Screen[Any]]]
    """Screens kept between openings (installed), by name, with what they were built from."""

    def push_kept(
        self,
        name: str,
        key: Hashable,
        make: Callable[[], Screen[Any]],
        callback: Callable[[Any], None] | None = None,
    ) -> None:
        """Push the screen ``name``, kept mounted between openings (``install_screen``): it
        is built again only when ``key`` — what it shows — changed. Opening a kept screen
        again composes, styles and measures nothing (the help screen's ~90 rows of keys were
        measured three times per opening); Textual resumes and repaints it."""
        kept = self.kept_screens.get(name)
        if kept is not None and kept[0] == key:
            self.push_screen(name, callback)
            return
        if kept is not None:
            old = kept[1]
            if old in self.screen_stack:  # shown already (under another screen): a new one
                self.push_screen(make(), callback)
                return
            self.uninstall_screen(name)
            del self.kept_screens[name]
            old.remove()
        screen = make()
        self.install_screen(screen, name)
        self.kept_screens[name] = (key, screen)
        self.push_screen(name, callback)

    def focused_pane(self) -> Pane | None:
        node: Widget | None = self.focused
        while node is not None:
            if isinstance(node, Pane):
                return node
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return None

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
                f"  {len(c.articles)} art · {len(c.people)} people · {view.event_total} dates"
                f" · {view.figure_total} figures"
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
        back = self.page_back
        if isinstance(back, ConflictSpot):
            chips.append(" esc: back to the conflict view ", style="bold")
            chips.append(" ")
        elif isinstance(back, DateSpot):
            chips.append(f" esc: back to {shorten(back.label, 24)} ", style="bold")
            chips.append(" ")
        elif back is not None and view is not None and back.person_id in view.people:
            name = shorten(view.people[back.person_id].name, 24)
            chips.append(f" esc: back to {name}'s page ", style="bold")
            chips.append(" ")
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
        if chips.plain and back is None:
            chips.append("esc clears", style="dim")
        self.query_one("#chips", Static).update(chips)

    def refresh_detail(self) -> None:
        if not self.ui_ready:
            return
        # One fixed-height line: a new text never needs a screen-wide layout.
        self.query_one("#detail", Static).update(describe(self.view, self.selection), layout=False)
