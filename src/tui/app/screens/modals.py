"""Modal screens of the dashboard."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.app.panes.record_list import RecordList
from tui.app.panes.record_table import RecordTable
from tui.app.screens.modal import Modal
from tui.safetext import visible

HelpSection = tuple[str, Sequence[tuple[str, str]]]


class HelpScreen(Modal[None]):
    """Every binding: the focused pane's first, then the global ones, then the rest."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll_down", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="help.up"),
    ]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "esc closes"
            for title, rows in self.sections:
                table = Table(
                    title=Text(title, style="bold"),
                    title_justify="left",
                    show_header=False,
                    box=None,
                    padding=(0, 2, 0, 0),
                    expand=True,
                )
                table.add_column("key", style="bold", no_wrap=True, min_width=12)
                table.add_column("action", ratio=1)
                for key, action in rows:
                    table.add_row(Text(key), Text(action))
                yield Static(table, classes="help-section")

    def on_screen_resume(self) -> None:
        # Kept between openings (the app installs it): each opening starts at the top.
        self.query_one("#help-body", VerticalScroll).scroll_home(animate=False)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)


class ChoiceScreen(Modal[str | None]):
    """Pick one of a list (articles, outlet filters); Enter picks, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="choice.cancel"),
    ]

    def __init__(self, title: str, choices: Sequence[tuple[str, Text]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-body") as body:
            body.border_title = self.title_text
            body.border_subtitle = "enter picks · esc cancels"
            # A virtual table: 10,000 articles are 10,000 rows it never builds or measures
            # (an OptionList measures every option when it opens).
            yield RecordTable[str](id="choice-list", show_header=False)

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        """The choices into the table (a subclass may fill its own way)."""
        table: RecordTable[str] = self.query_one(RecordTable)
        table.add_column("", key="choice")
        rows = [(key, (label,)) for key, label in self.choices]
        table.set_rows(rows, [max((label.cell_len for _, label in self.choices), default=0)])
        table.focus()

    def on_record_table_selected(self, event: RecordTable.Selected[str]) -> None:
        event.stop()
        self.dismiss(event.key)

    def on_record_table_highlighted(self, event: RecordTable.Highlighted[str]) -> None:
        event.stop()

    def action_cancel(self) -> None:
        self.dismiss(None)


class WarningsScreen(Modal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,w", "close", "Close", id="warnings.close"),
    ]

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(id="warnings-body") as body:
            body.border_title = f"Warnings ({len(self.lines)})"
            body.border_subtitle = "esc closes"
            yield RecordList(*[Text(visible(line)) for line in self.lines] or [Text("none")])

    def action_close(self) -> None:
        self.dismiss(None)


class MessageScreen(Screen[None]):
    """A fatal input problem, said plainly: what failed and what to do."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape,enter", "quit_app", "Quit", id="message.quit"),
    ]

    def __init__(self, title: str, message: str, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="message-body") as body:
            body.border_title = self.title_text
            yield Static(Text(visible(self.message), style="bold"), id="message-text")
            yield Static(Text(self.hint), id="message-hint")
        yield Footer()

    def action_quit_app(self) -> None:
        self.app.exit(return_code=1)
