"""RecordList: an OptionList that moves like the tables (j/k/g/G): People, find-in-all, warnings."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class RecordList(OptionList):
    """An OptionList with j/k/g/G (scales: one line per record, no widget per row)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First row", show=False, id="list.first"),
        Binding("G", "last", "Last row", show=False, id="list.last"),
    ]
