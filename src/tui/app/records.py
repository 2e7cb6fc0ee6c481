"""What the dashboard's panes, messages, palette and jumps call a record: its kind and its key.

The bottom module of the app (no Textual, no other app module): a new kind of record starts
here with one :class:`RecordKind` member.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


class RecordKind(Enum):
    """The kinds of record the dashboard shows and selects."""

    PERSON = "person"
    MENTION = "mention"  # one mention of a person (n/p steps through them)
    EVENT = "event"
    FIGURE = "figure"
    COMPARISON = "comparison"
    ARTICLE = "article"
    MATCH = "match"  # a search match shown in Source (what c copies)
    QUOTE = "quote"  # a statement, chosen on a person's page


@dataclass(frozen=True, slots=True)
class RecordKey:
    """One record, as a row of a pane and a palette entry name it.

    ``under`` is the comparison a figure's row is listed under when the figure was already
    shown under another one (a figure can be compared with several): it keeps the rows'
    keys unique and is None everywhere else.
    """

    kind: RecordKind
    record_id: str
    under: str | None = None


def key_index(keys: Sequence[RecordKey], key: RecordKey | None) -> int | None:
    """Where ``key`` is in ``keys`` (None when it is not there).

    Tables hold tens of thousands of keys: the ids are compared first, as plain strings."""
    if key is None:
        return None
    ids = [k.record_id for k in keys]
    start = 0
    while True:
        try:
            index = ids.index(key.record_id, start)
        except ValueError:
            return None
        if keys[index] == key:
            return index
        start = index + 1
