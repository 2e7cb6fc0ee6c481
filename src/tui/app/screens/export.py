"""The export modal: the focused view as CSV or Markdown with citations, to a file.

The rows and their citations are built when Enter writes them, in a worker (the whole
Timeline is 70,000 rows at 10,000 articles): the modal opens at once, and a Python thread
building rows meanwhile would slow the typing of the file name.

It asks for the format (``tab`` switches CSV and Markdown) and the
path (a new file in the current folder by default), and writes with
:func:`tui.export_view.write_view`: an existing file is replaced only after a second Enter
that the modal asks for. Refusals and failures are one line in the modal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from tui.app.screens.modal import Modal
from tui.export import OutputError
from tui.export_view import FORMATS, ViewFormat, ViewTable, default_name, render, write_view
from tui.safetext import visible

FORMAT_NAMES: dict[ViewFormat, str] = {"csv": "CSV", "md": "Markdown"}


class ExportScreen(Modal[Path | None]):
    """Write ``table`` to a file; dismissed with the path written (None when cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("tab", "next_format", "CSV / Markdown", id="export.format"),
    ]

    def __init__(
        self,
        name: str,
        build: Callable[[], ViewTable],
        rows: int,
        folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.name_hint = name
        self.build = build
        self.rows = rows
        self.writing = False
        self.folder = folder or Path.cwd()
        self.format: ViewFormat = "csv"
        self.suggested = default_name(name, self.format, self.folder)
        self.confirm: Path | None = None
        """A path that exists and that a second Enter replaces."""

    def compose(self) -> ComposeResult:
        with Vertical(id="export-body") as body:
            body.border_title = f"Export: {visible(self.name_hint)}"
            body.border_subtitle = "enter writes · tab: CSV or Markdown · esc cancels"
            yield Static("", id="export-format")
            yield Input(value=str(self.suggested), id="export-path")
            yield Static("", id="export-status")

    def on_mount(self) -> None:
        self._draw_format()
        n = self.rows
        self._status(
            f"{n} row{'' if n == 1 else 's'}, each with outlet, date, path, offsets and sentence"
        )
        self.query_one(Input).focus()

    def _draw_format(self) -> None:
        text = Text("format: ")
        for fmt in FORMATS:
            chosen = fmt == self.format
            text.append(f" {FORMAT_NAMES[fmt]} ", style="bold reverse" if chosen else "dim")
            text.append(" ")
        self.query_one("#export-format", Static).update(text)

    def _status(self, message: str, *, bold: bool = False) -> None:
        self.query_one("#export-status", Static).update(
            Text(message, style="bold" if bold else "dim", no_wrap=True, overflow="ellipsis")
        )

    def action_next_format(self) -> None:
        self.format = FORMATS[(FORMATS.index(self.format) + 1) % len(FORMATS)]
        path_input = self.query_one(Input)
        if path_input.value == str(self.suggested):  # not edited: follow the format
            self.suggested = default_name(self.name_hint, self.format, self.folder)
            path_input.value = str(self.suggested)
        self.confirm = None
        self._draw_format()

    def on_input_changed(self) -> None:
        self.confirm = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.writing:
            self._status("writing…")
            return
        raw = event.value.strip()
        if not raw:
            self._status("type a file name", bold=True)
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        replace = self.confirm == path
        if path.exists() and not path.is_dir() and not replace:
            self.confirm = path
            self._status(f"{visible(str(path))} exists: enter again to replace it", bold=True)
            return
        self.writing = True
        self._status(f"writing {visible(str(path))}…")
        self.write(path, replace)

    @work(thread=True, exclusive=True, group="export-write")
    def write(self, path: Path, replace: bool) -> Path | str:
        """The file written (``path``), or why it could not be: the screen closes, or says
        so, once the worker has finished (:meth:`on_worker_state_changed`). Closing it from
        the worker raced the worker's own end: the screen's workers are cancelled when it
        closes."""
        try:
            write_view(path, render(self.build(), self.format), replace=replace)
        except OutputError as exc:
            return str(exc)
        return path

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export-write" or event.state is not WorkerState.SUCCESS:
            return
        result = event.worker.result
        if isinstance(result, Path):
            self.dismiss(result)
        else:
            self._failed(str(result))

    def _failed(self, message: str) -> None:
        self.writing = False
        self.confirm = None
        self._status(message, bold=True)

    def action_cancel(self) -> None:
        self.dismiss(None)
