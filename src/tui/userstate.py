"""Where the analyst was, and what they starred: per folder, in the user's state folder.

Two things are kept for each corpus folder, in one small JSON file named by a hash of the
folder's resolved path (``<state dir>/folders/<hash>.json``, mode 0600, in a 0700 folder,
written atomically):

- ``state``, the :class:`FolderState` the dashboard saves on quit and restores after the
  folder loads: the chosen person, the outlet/article filter, each pane's search, the
  shown record and the focused pane;
- ``bookmarks``, the :class:`Bookmark` list: a star on a record with a short note, keyed by
  its kind, article id and character offsets (stable across runs, unlike record ids).

The state folder is ``platformdirs.user_state_dir("newsdash")``, or the one named by
``NEWSDASH_STATE_DIR``. It is not the corpus folder: that may be shared, synced or
read-only, and a star is the analyst's own. Reading never writes; a damaged file reads as
empty state (:func:`load_state`) or raises a one-line ValueError (:func:`load_bookmarks`),
and is never overwritten by a bookmark write. No Textual here (data layer).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from platformdirs import user_state_dir
from pydantic import BaseModel, ConfigDict, ValidationError

from tui.triage import write_atomic

ENV_STATE_DIR = "NEWSDASH_STATE_DIR"
FORMAT = 1


class FolderState(BaseModel):
    """Where the dashboard was on a folder (every field optional: absent → not restored)."""

    model_config = ConfigDict(extra="ignore")

    person: str | None = None
    """The chosen person's name (ids are renumbered when linking changes; names are not)."""
    article_filter: str | None = None
    """The outlet/article filter's label."""
    searches: dict[str, str] = {}
    """Each pane's search (pane id → text)."""
    pane: str | None = None
    """The focused pane's id."""
    kind: str | None = None
    """The shown record: its kind, id and span."""
    record_id: str | None = None
    article_id: str | None = None
    start: int = 0
    end: int = 0


class Bookmark(BaseModel):
    """A starred record: its span (the key), what it was, and the analyst's note."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    kind: str
    article_id: str
    start: int
    end: int
    text: str
    """The span's text, ``article.text[start:end]`` when it was starred."""
    note: str = ""
    label: str = ""
    """How the dashboard named the record (a person's name, a figure's value)."""
    record_id: str = ""
    """The record's id when it was starred (ids may change when linking does; the span is
    the key)."""

    @property
    def key(self) -> tuple[str, str, int, int]:
        return (self.kind, self.article_id, self.start, self.end)

    def exported(self) -> dict[str, Any]:
        """The fields of the JSON export's ``bookmarks`` (tui.export)."""
        return {
            "kind": self.kind,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "note": self.note,
        }


def state_dir() -> Path:
    override = os.environ.get(ENV_STATE_DIR)
    return Path(override) if override else Path(user_state_dir("newsdash"))


def folder_file(folder: Path, directory: Path | None = None) -> Path:
    """The state file of corpus ``folder`` (a file: its folder's)."""
    resolved = folder.resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return (directory or state_dir()) / "folders" / f"{digest}.json"


def _read(path: Path) -> dict[str, Any]:
    """The file's object ({} when there is none); ValueError (one line) when damaged."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path.name}: cannot read: {exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path.name}: not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: not a JSON object")
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def load_state(folder: Path, directory: Path | None = None) -> FolderState | None:
    """The state saved for ``folder`` (None: none, or unreadable)."""
    try:
        data = _read(folder_file(folder, directory)).get("state")
        return FolderState.model_validate(data) if isinstance(data, dict) else None
    except (ValueError, ValidationError):
        return None


def save_state(folder: Path, state: FolderState, directory: Path | None = None) -> None:
    """Save ``state`` for ``folder``, keeping its bookmarks (OSError/ValueError on failure)."""
    path = folder_file(folder, directory)
    data = _read(path)
    data.update(format=FORMAT, folder=str(folder.resolve()), state=state.model_dump())
    _write(path, data)


def load_bookmarks(folder: Path, directory: Path | None = None) -> list[Bookmark]:
    """The folder's bookmarks in the order they were made; ValueError when damaged."""
    path = folder_file(folder, directory)
    items = _read(path).get("bookmarks", [])
    if not isinstance(items, list):
        raise ValueError(f"{path.name}: bookmarks must be a list")
    try:
        return [Bookmark.model_validate(item) for item in items]
    except ValidationError as exc:
        first = (str(exc).splitlines() or [""])[0]
        raise ValueError(f"{path.name}: a bookmark is malformed: {first}") from exc


def save_bookmarks(folder: Path, bookmarks: list[Bookmark], directory: Path | None = None) -> None:
    path = folder_file(folder, directory)
    data = _read(path)
    data.update(
        format=FORMAT,
        folder=str(folder.resolve()),
        bookmarks=[b.model_dump() for b in bookmarks],
    )
    _write(path, data)


def add_bookmark(folder: Path, bookmark: Bookmark, directory: Path | None = None) -> list[Bookmark]:
    """Star ``bookmark`` (a record starred again gets the new note, in its old place)."""
    marks = load_bookmarks(folder, directory)
    for i, old in enumerate(marks):
        if old.key == bookmark.key:
            marks[i] = bookmark
            break
    else:
        marks.append(bookmark)
    save_bookmarks(folder, marks, directory)
    return marks


def remove_bookmark(
    folder: Path, key: tuple[str, str, int, int], directory: Path | None = None
) -> list[Bookmark]:
    marks = [b for b in load_bookmarks(folder, directory) if b.key != key]
    save_bookmarks(folder, marks, directory)
    return marks
