"""``e``: the focused view written as CSV or Markdown with citations.

The view is the page shown (a conflict, a date, a person's shown section — their
statements first) or the focused pane (the Timeline or Figures as filtered); its rows come
from :mod:`tui.app.view_export` and the modal (:class:`ExportScreen`) writes them.
``--read-only`` refuses in one line and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from tui.app.dashboard import Dashboard
from tui.app.panes.base import FilteredPane, Pane
from tui.app.records import RecordKind
from tui.app.screens.bookmarks import BookmarksScreen
from tui.app.screens.conflict import ConflictScreen
from tui.app.screens.date import DateScreen
from tui.app.screens.export import ExportScreen
from tui.app.screens.person import PersonScreen
from tui.app.view_export import figures_table, page_table, timeline_table
from tui.export_view import ViewTable
from tui.safetext import visible


class Exporting(Dashboard):
    """The export of the focused view."""

    export_folder: Path | None = None
    """Where the modal suggests a file (None: the current folder)."""

    def view_to_export(self) -> tuple[str, Callable[[], ViewTable], int] | None:
        """A name for what the focused view shows, how to build its rows with citations
        (later, in a worker: the rows shown now) and how many rows it has. None: nothing to
        export here, as in People or Source."""
        view = self.view
        if view is None:
            return None
        screen = self.screen
        if isinstance(screen, BookmarksScreen):
            marks = screen.export_table()
            return "bookmarks", lambda: marks, len(marks.rows)
        if isinstance(screen, ConflictScreen):
            table = screen.export_table()
            return (table.title, lambda: table, len(table.rows)) if table is not None else None
        if isinstance(screen, DateScreen):
            return f"date {screen.spot.label}", screen.export_table, len(screen.rows)
        if isinstance(screen, PersonScreen):
            section = screen.shown
            if section is None:
                return None
            name = view.people[screen.person_id].name if screen.person_id in view.people else ""
            title = f"{name}: {section.title}"
            build = partial(page_table, view, title, section.columns, section.rows)
            return title, build, len(section.rows)
        pane = self.focused_pane()
        if not isinstance(pane, FilteredPane) or pane.id not in ("timeline", "figures"):
            return None
        notes = self._filter_notes(pane)
        keys = list(pane.row_keys())
        if pane.id == "timeline":
            build = partial(timeline_table, view, keys, len(view.events), notes)
            return "timeline", build, len(keys)
        figures = [k for k in keys if k.kind is RecordKind.FIGURE]
        return "figures", partial(figures_table, view, figures, notes), len(figures)

    def _filter_notes(self, pane: Pane) -> list[str]:
        """The filters the rows went through, as the export's notes."""
        view = self.view
        notes = []
        if self.person_filter is not None and view is not None:
            person = view.people.get(self.person_filter)
            notes.append(f"person: {person.name if person else self.person_filter}")
        if self.article_filter is not None:
            notes.append(self.article_filter.label)
        if pane.search:
            notes.append(f"search: {pane.search}")
        return notes

    def action_export_view(self) -> None:
        if self.read_only:
            self.notify("read-only: nothing is exported (no file is written)", severity="warning")
            return
        found = self.view_to_export()
        if found is None:
            self.notify("nothing to export here: Timeline, Figures or a page exports")
            return
        name, build, rows = found
        self.push_screen(ExportScreen(name, build, rows, self.export_folder), self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"exported to {visible(str(path))}")
