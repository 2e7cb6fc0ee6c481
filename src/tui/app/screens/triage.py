"""Screens of triage: the corrections file listed (``C``), a picker that filters as you type
(merge into…), and the article date input (``D``)."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import ClassVar, overload

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui.app.format import shorten
from tui.app.panes.record_table import KeyedRows, RecordTable
from tui.app.screens.modal import Modal
from tui.app.screens.modals import ChoiceScreen
from tui.app.threads import short_switches
from tui.safetext import visible
from tui.triage import LABELS, Entry, read_entries


def entry_row(entry: Entry, described: str) -> tuple[Text, Text]:
    """An entry's cells: what kind of correction, and what it names (made printable)."""
    return (
        Text(LABELS[entry.kind], style="bold", no_wrap=True),
        Text(shorten(visible(described), 120), no_wrap=True),
    )


class CorrectionsScreen(Modal[None]):
    """Every correction in the folder's file; ``u`` undoes the one under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,C", "close", "Close", id="corrections.close"),
        Binding("u", "undo", "Undo this", id="corrections.undo"),
    ]

    def __init__(
        self,
        path: Path | None,
        remove: Callable[[Entry], bool],
        describe: Callable[[Entry], str] = Entry.describe,
    ) -> None:
        super().__init__()
        self.path = path
        self.undo_entry = remove
        self.describe = describe
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="corrections-body") as body:
            name = visible(self.path.name) if self.path is not None else "no corpus folder"
            body.border_title = Text(f"Corrections · {name}")  # a file name: never markup
            body.border_subtitle = "u undoes · esc closes"
            yield Static("", id="corrections-status")
            yield RecordTable[int](id="corrections-list")

    def on_mount(self) -> None:
        table: RecordTable[int] = self.query_one(RecordTable)
        table.add_column("Correction", key="kind")
        table.add_column("Names", key="what", flex=True)
        self.reload()
        table.focus()

    def reload(self, cursor: int = 0) -> None:
        status = self.query_one("#corrections-status", Static)
        try:
            self.entries = read_entries(self.path) if self.path is not None else []
        except ValueError as exc:
            self.entries = []
            status.update(Text(visible(str(exc)), style="bold"))
        else:
            n = len(self.entries)
            status.update(
                Text(
                    f"{n} correction{'s' if n != 1 else ''}, applied each time the folder is linked"
                    if n
                    else "none yet: x (not a person / not the same fact), M (merge into…), "
                    "D (article date) on the dashboard, s on an alias of a person's page",
                    style="dim",
                )
            )
        rows = [(i, entry_row(e, self.describe(e))) for i, e in enumerate(self.entries)]
        widths = [max((r[1][n].cell_len for r in rows), default=0) for n in (0, 1)]
        self.query_one(RecordTable).set_rows(rows, widths, cursor)

    def on_record_table_highlighted(self, event: RecordTable.Highlighted[int]) -> None:
        event.stop()

    def on_record_table_selected(self, event: RecordTable.Selected[int]) -> None:
        event.stop()

    def action_undo(self) -> None:
        table: RecordTable[int] = self.query_one(RecordTable)
        index = table.cursor_row
        if not 0 <= index < len(self.entries):
            self.app.bell()
            return
        if self.undo_entry(self.entries[index]):
            self.reload(index)

    def action_close(self) -> None:
        self.dismiss(None)


class Choices(Sequence[tuple[str, Text]]):
    """A picker's list, ready to filter: each choice's key, its label (made when a row is
    drawn or read), the label folded and its width, and each choice's group (its outlet).
    Made once per corpus for the article and outlet pickers (:mod:`tui.app.pickers`), in a
    worker when the corpus is big. A label is made again when asked for: the article
    picker's 100,000 labels (``Text``), their rows and outlets kept for the session were
    80 MB of objects at 100,000 articles (``tracemalloc``); a choice now keeps its key, its
    folded label and its width."""

    def __init__(
        self,
        keys: Sequence[str],
        label: Callable[[int], Text],
        folded: list[str],
        widths: Sequence[int],
        groups: Mapping[str, str],
    ) -> None:
        self.keys = keys
        self.label = label
        """Choice ``i``'s label, made now (the same each time)."""
        self.folded = folded
        self.widths = widths
        self.groups = groups

    @classmethod
    def of(
        cls, items: Sequence[tuple[str, Text]], groups: Mapping[str, str] | None = None
    ) -> Choices:
        """Choices of labels made before (kept)."""
        return cls(
            [key for key, _ in items],
            lambda i: items[i][1],
            [t.plain.casefold() for _, t in items],
            [t.cell_len for _, t in items],
            groups or {},
        )

    @classmethod
    def made(
        cls,
        keys: Sequence[str],
        label: Callable[[int], Text],
        groups: Mapping[str, str] | None = None,
    ) -> Choices:
        """Choices whose labels ``label`` makes: each made here once to fold and measure it,
        then let go."""
        folded: list[str] = []
        widths = array("I")
        for i in range(len(keys)):
            text = label(i)
            folded.append(text.plain.casefold())
            widths.append(text.cell_len)
        return cls(keys, label, folded, widths, groups or {})

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, index: int) -> tuple[str, Text]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[str, Text]]: ...

    def __getitem__(self, index: int | slice) -> tuple[str, Text] | Sequence[tuple[str, Text]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.keys[index], self.label(index)

    def rows(self, picked: Sequence[int] | None = None) -> ChoiceRows:
        """The choices ``picked`` (every one when None) as a table's rows, made when drawn."""
        return ChoiceRows(self, picked)


class ChoiceRows(KeyedRows[str]):
    """Some of a picker's choices as rows, each row's label made when it is drawn."""

    def __init__(self, choices: Choices, picked: Sequence[int] | None) -> None:
        super().__init__()
        self.choices = choices
        self.picked = picked
        self._keys: Sequence[str] | None = None

    def __len__(self) -> int:
        return len(self.choices) if self.picked is None else len(self.picked)

    def _choice(self, index: int) -> int:
        return index if self.picked is None else self.picked[index]

    def make(self, index: int) -> tuple[str, tuple[Text]]:
        at = self._choice(index)
        return self.choices.keys[at], (self.choices.label(at),)

    def key(self, index: int) -> str:
        return self.choices.keys[self._choice(index)]

    @property
    def keys(self) -> Sequence[str]:
        if self._keys is None:
            keys = self.choices.keys
            self._keys = keys if self.picked is None else [keys[i] for i in self.picked]
        return self._keys


class FilterChoiceScreen(ChoiceScreen):
    """Pick one of a list by typing part of it: the list keeps the rows that contain what is
    typed (case-insensitive); ↑/↓ move, Enter picks, Esc cancels. With ``type_first`` the
    filter has the keys from the start (the merge picker); otherwise the list has them (j/k,
    g/G) and ``/`` starts filtering (the article and outlet pickers). ``groups`` names each
    choice's group (its outlet): the line above the list counts the matches per group.

    ``choices`` may be :class:`Choices` made before, or what makes them: then they are made
    in a thread worker while the picker, up at once, says ``reading…`` (keys are answered
    meanwhile; the list fills when they are made)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
        Binding("slash", "filter", "Filter", id="pick.filter"),
        Binding("down", "move(1)", "Down", show=False, id="pick.down"),
        Binding("up", "move(-1)", "Up", show=False, id="pick.up"),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[tuple[str, Text]] | Choices | Callable[[], Choices],
        *,
        type_first: bool = True,
        groups: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(title, [])
        self.type_first = type_first
        self.groups = groups or {}
        self._choices: Choices | None = None
        """The choices, once in hand (a list given is made :class:`Choices` when shown)."""
        self._make: Callable[[], Choices] | None = None
        """What makes the choices in a worker (None once they are in hand)."""
        if isinstance(choices, Choices):
            self._take(choices)
        elif callable(choices):
            self._make = choices
        else:
            self.choices = choices

    def _take(self, choices: Choices) -> None:
        self.choices = choices
        self.groups = choices.groups
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-body") as body:
            body.border_title = Text(self.title_text)  # names a person: never markup
            body.border_subtitle = (
                "type to filter · enter picks · esc cancels"
                if self.type_first
                else "/ filters · enter picks · esc cancels"
            )
            yield Input(placeholder="type part of a name", id="pick-input")
            yield Static("", id="pick-count")
            yield RecordTable[str](id="pick-list", show_header=False)

    def fill(self) -> None:
        table: RecordTable[str] = self.query_one(RecordTable)
        table.add_column("", key="choice")
        if self._make is None:
            self.show("")
        else:
            self.query_one("#pick-count", Static).update(Text("reading…", style="dim"))
            self._make_choices(self._make)
        if self.type_first:
            table.can_focus = False
            self.query_one(Input).focus()
        else:
            self.query_one(Input).display = False
            table.focus()

    # A description of its own: Textual's default is the repr of the arguments.
    @work(thread=True, exclusive=True, group="choices", description="choices")
    def _make_choices(self, make: Callable[[], Choices]) -> None:
        with short_switches():
            choices = make()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._made, choices)

    def _made(self, choices: Choices) -> None:
        if not self.is_mounted:
            return
        self._make = None
        self._take(choices)
        self.show(self.query_one(Input).value)

    def show(self, typed: str) -> None:
        if self._make is not None:  # the choices are being made: shown when they are
            return
        needle = typed.strip().casefold()
        choices = self._choices
        if choices is None:  # once: each keystroke then compares plain strings
            choices = self._choices = Choices.of(self.choices, self.groups)
        if not needle:
            rows = choices.rows()
            width = max(choices.widths, default=0)
        else:
            picked = [i for i, folded in enumerate(choices.folded) if needle in folded]
            rows = choices.rows(picked)
            width = max((choices.widths[i] for i in picked), default=0)
        self.query_one(RecordTable).set_rows(rows, [width])
        shown = f"{len(rows):,} of {len(self.choices):,}" if needle else f"{len(rows):,}"
        line = Text(shown, style="dim", no_wrap=True, overflow="ellipsis")
        if self.groups and needle:
            counts = Counter(self.groups[k] for k in rows.keys if k in self.groups)
            line.append(" · " if counts else "", style="dim")
            line.append(
                " · ".join(f"{visible(g)} {n}" for g, n in counts.most_common()), style="dim"
            )
        self.query_one("#pick-count", Static).update(line)

    def matching(self) -> list[str]:
        """The keys of the rows shown (what the filter left)."""
        table: RecordTable[str] = self.query_one(RecordTable)
        return list(table.row_keys)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        table: RecordTable[str] = self.query_one(RecordTable)
        if table.row_count == 0:
            self.app.bell()
            return
        self.dismiss(table.row_keys[table.cursor_row])

    def action_filter(self) -> None:
        search = self.query_one(Input)
        search.display = True
        search.focus()

    def action_move(self, step: int) -> None:
        table: RecordTable[str] = self.query_one(RecordTable)
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()


class ArticleDateScreen(Modal[str | None]):
    """An article's date as YYYY-MM-DD, checked before it is accepted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="date.cancel"),
    ]

    def __init__(self, title: str, value: str, check: Callable[[str], str]) -> None:
        super().__init__()
        self.title_text = title
        self.initial = value
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="date-body") as body:
            body.border_title = Text(self.title_text)  # names a file: never markup
            body.border_subtitle = "enter sets · esc cancels"
            yield Input(value=self.initial, placeholder="YYYY-MM-DD", id="date-input")
            yield Static(Text("the date this article was published", style="dim"), id="date-note")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.dismiss(self.check(event.value))
        except ValueError as exc:
            self.query_one("#date-note", Static).update(Text(str(exc), style="bold"))

    def action_cancel(self) -> None:
        self.dismiss(None)
