"""Messages the panes send up to the app; the app owns the one reactive selection."""

from __future__ import annotations

from textual.message import Message

from tui.app.conflict_rows import ConflictSpot
from tui.app.date_rows import DateSpot
from tui.app.person_rows import PageSpot
from tui.app.view import Selection
from tui.triage import Change

Spot = PageSpot | ConflictSpot | DateSpot
"""Where on a page (a person's, the conflict view, a date's) a row was chosen from."""


class RecordSelected(Message):
    """A pane chose a record: it becomes the app's selection and shows in Source."""

    def __init__(self, selection: Selection) -> None:
        super().__init__()
        self.selection = selection


class RecordHighlighted(Message):
    """The cursor moved onto a record (arrow keys): Source follows without filtering."""

    def __init__(self, selection: Selection) -> None:
        super().__init__()
        self.selection = selection

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RecordHighlighted)


class PersonChosen(Message):
    """A person was chosen (Enter in People, or the palette): filter timeline and figures."""

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id


class PersonPageRequested(Message):
    """Open a person's page (a row of another person's page asked for it)."""

    def __init__(self, person_id: str) -> None:
        super().__init__()
        self.person_id = person_id


class PageFilled(Message):
    """A person's page shows its rows: the panes under it may refill now (they waited so
    that the page's rows came first)."""


class SourceRequested(Message):
    """A row of a page (a person's, the conflict view, a date's) was chosen: show its span
    in Source; Esc there comes back to the page at ``back``."""

    def __init__(self, selection: Selection, back: Spot) -> None:
        super().__init__()
        self.selection = selection
        self.back = back


class CorrectionRequested(Message):
    """A screen asks for a triage (split an alias on a person's page): the app writes it
    to the corrections file and re-links."""

    def __init__(self, change: Change, said: str) -> None:
        super().__init__()
        self.change = change
        self.said = said


class SearchApplied(Message):
    """A pane applied a (debounced) search: the chips show it."""


class LoadProgress(Message):
    def __init__(self, done: int, total: int, name: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.name = name

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgress)
