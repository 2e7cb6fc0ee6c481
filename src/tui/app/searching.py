"""The search box: a search typed into the focused pane, kept (enter) or cleared (esc)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.app.dashboard import Dashboard
from tui.app.panes.base import Pane
from tui.app.panes.source import SourcePane


class SearchInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel search", id="search.cancel"),
        Binding("down", "step(1)", "Next match (Source)", show=False, id="search.next_match"),
        Binding("up", "step(-1)", "Prev match (Source)", show=False, id="search.prev_match"),
    ]

    def action_cancel(self) -> None:
        app = self.app
        if isinstance(app, PaneSearch):
            app.end_search(keep=False)

    def action_step(self, step: int) -> None:
        app = self.app
        if isinstance(app, PaneSearch):
            app.step_match(step)


class PaneSearch(Dashboard):
    """Opens the search box on the focused pane (``/``) and closes it. While it is open,
    the app hands what is typed to the pane (``search_target``)."""

    def action_search(self) -> None:
        pane = self.focused_pane()
        if pane is None:
            return
        self.search_target = pane.id
        search = self.query_one(SearchInput)
        search.value = pane.search
        search.display = True
        search.focus()

    def step_match(self, step: int) -> None:
        """While searching Source: the next or previous match (the search applied now)."""
        target = self.search_target
        if target is None:
            return
        pane = self.query_one(f"#{target}", Pane)
        if not isinstance(pane, SourcePane):
            return
        pane.apply_search(self.query_one(SearchInput).value)
        if not pane.step_match(step):
            self.bell()

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
