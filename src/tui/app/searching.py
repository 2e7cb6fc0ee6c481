"""The search box: a search typed into the focused pane, kept (enter) or cleared (esc)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.app.dashboard import Dashboard
from tui.app.panes.base import Pane


class SearchInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel search", id="search.cancel"),
    ]

    def action_cancel(self) -> None:
        app = self.app
        if isinstance(app, PaneSearch):
            app.end_search(keep=False)


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
