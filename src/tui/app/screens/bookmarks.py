"""Screens of bookmarks: the note of a star (``b``) and the bookmarks listed (``B``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.app.format import outlet, published_label, sentence_around, shorten
from tui.app.panes.record_table import RecordTable
from tui.app.screens.modal import Modal
from tui.app.view import CorpusView, Selection
from tui.app.view_export import citation
from tui.export_view import ViewRow, ViewTable
from tui.safetext import visible
from tui.userstate import Bookmark

NOTE_LIMIT = 200
"""The longest note (characters): a short note, one line."""


class NoteScreen(Modal[str | None]):
    """The note of a new star: Enter keeps it (empty is fine), Esc stars nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, title: str, note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.initial = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-body") as body:
            body.border_title = Text(self.title_text)  # names a record: never markup
            body.border_subtitle = "enter stars · esc cancels"
            yield Input(
                value=self.initial,
                placeholder="a short note (optional)",
                max_length=NOTE_LIMIT,
                id="note-input",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(" ".join(event.value.split()))

    def action_cancel(self) -> None:
        self.dismiss(None)


def bookmark_row(view: CorpusView | None, mark: Bookmark) -> tuple[Text, Text, Text, Text]:
    """A bookmark's cells: kind, what it is, the note, and its article's outlet and date
    (every text made printable: labels and notes come from articles and the user)."""
    article = view.articles.get(mark.article_id) if view is not None else None
    where = (
        f"{outlet(article)} · {published_label(article)}"
        if article is not None
        else f"{mark.article_id} (not in the folder)"
    )
    return (
        Text(mark.kind, style="bold", no_wrap=True),
        Text(shorten(visible(mark.label or mark.text), 30), no_wrap=True),
        Text(shorten(visible(where), 26), style="dim", no_wrap=True),
        Text(shorten(visible(mark.note), 60), style="italic", no_wrap=True),
    )


def full_line(mark: Bookmark) -> Text:
    """The line under the list: the whole note and the starred words."""
    text = Text()
    if mark.note:
        text.append(visible(mark.note), style="italic")
        text.append(" — ")
    text.append(f"“{shorten(visible(mark.text), 300)}”")
    return text


class BookmarksScreen(Modal[Bookmark | None]):
    """Every bookmark of the folder: Enter shows it in Source, ``d`` deletes it, ``e``
    exports the list, Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,B", "close", "Close", id="bookmarks.close"),
        Binding("d", "delete", "Delete", id="bookmarks.delete"),
        Binding("e", "app.export_view", "Export", id="bookmarks.export"),
    ]

    def __init__(
        self,
        view: CorpusView | None,
        read: Callable[[], list[Bookmark]],
        delete: Callable[[Bookmark], bool],
        where: str,
    ) -> None:
        super().__init__()
        self.view = view
        self.read = read
        self.delete = delete
        self.where = where
        self.marks: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-body") as body:
            body.border_title = Text(f"Bookmarks · {visible(self.where)}")
            body.border_subtitle = "enter shows in Source · d deletes · e exports · esc closes"
            yield Static("", id="bookmarks-status")
            yield RecordTable[int](id="bookmarks-list")
            yield Static("", id="bookmarks-full")

    def on_mount(self) -> None:
        table: RecordTable[int] = self.query_one(RecordTable)
        for label, key in (("Kind", "kind"), ("Record", "what"), ("Outlet · date", "where")):
            table.add_column(label, key=key)
        table.add_column("Note", key="note", flex=True)
        self.reload()
        table.focus()

    def reload(self, cursor: int = 0) -> None:
        status = self.query_one("#bookmarks-status", Static)
        try:
            self.marks = self.read()
        except ValueError as exc:
            self.marks = []
            status.update(Text(visible(str(exc)), style="bold"))
        else:
            n = len(self.marks)
            status.update(
                Text(
                    f"{n} bookmark{'s' if n != 1 else ''}"
                    if n
                    else "none yet: b on a person, date, figure, comparison or statement stars it",
                    style="dim",
                )
            )
        rows = [(i, bookmark_row(self.view, m)) for i, m in enumerate(self.marks)]
        widths = [max((r[1][n].cell_len for r in rows), default=0) for n in range(4)]
        cursor = min(cursor, max(0, len(rows) - 1))
        self.query_one(RecordTable).set_rows(rows, widths, cursor)
        self._show_full(cursor)

    def _show_full(self, index: int) -> None:
        line = full_line(self.marks[index]) if 0 <= index < len(self.marks) else Text()
        # Two fixed lines: a new text never needs the screen laid out again.
        self.query_one("#bookmarks-full", Static).update(line, layout=False)

    def shown_rows(self) -> list[str]:
        """The rows as plain text (for tests)."""
        table: RecordTable[int] = self.query_one(RecordTable)
        return [table.row_text(i) for i in range(table.row_count)]

    def export_table(self) -> ViewTable:
        """The bookmarks listed, as an export: kind, record, note, each with its citation
        (bookmarks whose article is no longer in the folder are left out)."""
        rows = []
        view = self.view
        for mark in self.marks:
            if view is None or mark.article_id not in view.articles:
                continue
            text = view.text(mark.article_id)
            if len(text) < mark.end:
                continue
            context = sentence_around(text, mark.start, mark.end)
            target = Selection.article(mark.article_id, mark.start, mark.end)
            cite = citation(view, replace(target, context=context))
            rows.append(ViewRow((mark.kind, mark.label, mark.note), cite))
        return ViewTable("bookmarks", ("kind", "record", "note"), rows)

    def on_record_table_highlighted(self, event: RecordTable.Highlighted[int]) -> None:
        event.stop()
        self._show_full(event.key)

    def on_record_table_selected(self, event: RecordTable.Selected[int]) -> None:
        event.stop()
        if 0 <= event.key < len(self.marks):
            self.dismiss(self.marks[event.key])

    def action_delete(self) -> None:
        table: RecordTable[int] = self.query_one(RecordTable)
        index = table.cursor_row
        if not 0 <= index < len(self.marks):
            self.app.bell()
            return
        if self.delete(self.marks[index]):
            self.reload(index)

    def action_close(self) -> None:
        self.dismiss(None)
