"""Writing the analyst's corrections file: what the dashboard's triage keys record.

Each triage is one or more :class:`Entry` added to (or removed from) the corrections file of
the corpus folder (``newsdash.toml``, or ``corrections.toml`` when only that one exists; a
new file is ``newsdash.toml``, mode 0600). The file is edited with ``tomlkit``, so its
comments, order and every other table are kept; the edited text is checked with the same
reader the loader uses (:func:`tui.corrections.parse_corrections`) before anything is
written, and written atomically (a temporary sibling, then a rename). The tables::

    [people]
    reject = ["Read More"]            # x on a person: not a person (its name and aliases)
    split = ["J. Smith"]              # s on an alias row of a person's page

    [[people.merge]]                  # M: merge into…
    names = ["Ana Costa", "A. Costa-Lima"]

    [comparisons]
    dismiss = ["a1:120-131 + b7:88-97"]   # x on a comparison (tui.corrections.comparison_key)

    [articles]
    "oslo-budget" = "2024-05-03"      # D: this article's date (by article id)

Every change is a :class:`Change` that :func:`undo` reverts. No Textual here (data layer).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import tomlkit
from tomlkit.items import AoT, Array, Table

from tui.corrections import CORRECTIONS_FILES, corrections_path, parse_corrections

Kind = Literal["reject", "split", "merge", "dismiss", "date"]

_LISTS: dict[str, tuple[str, str]] = {
    "reject": ("people", "reject"),
    "split": ("people", "split"),
    "dismiss": ("comparisons", "dismiss"),
}

LABELS: dict[str, str] = {
    "reject": "not a person",
    "split": "split alias",
    "merge": "same person",
    "dismiss": "not the same fact",
    "date": "article date",
}


@dataclass(frozen=True)
class Entry:
    """One line of the corrections file: a rejected name, a split form, a merge (its
    ``names``, ``value`` the display name or ""), a dismissed comparison key, or an article's
    date (``value`` the article id, ``names`` its one ISO date)."""

    kind: Kind
    value: str
    names: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.kind == "merge":
            shown = " = ".join(self.names)
            return f"{shown} (as {self.value})" if self.value else shown
        if self.kind == "date":
            return f"{self.value} → {self.names[0] if self.names else '?'}"
        return self.value


@dataclass(frozen=True)
class Change:
    """What one triage did to the file: entries added and entries removed."""

    added: tuple[Entry, ...] = ()
    removed: tuple[Entry, ...] = ()

    def inverse(self) -> Change:
        return Change(self.removed, self.added)


def target(folder: Path) -> Path:
    """The corrections file triage writes in ``folder`` (the existing one, else a new
    ``newsdash.toml``)."""
    return corrections_path(folder) or folder / CORRECTIONS_FILES[0]


def iso_date(text: str) -> str:
    """``YYYY-MM-DD`` checked as a calendar date (raises ValueError with a one-line reason)."""
    text = text.strip()
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"{text!r} is not a date as YYYY-MM-DD") from None


def read_entries(path: Path) -> list[Entry]:
    """Every entry of the file, table by table in file order (an empty list: no file)."""
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    corrections = parse_corrections(data, str(path))
    entries = [Entry("reject", n) for n in corrections.reject]
    entries += [Entry("split", n) for n in corrections.split]
    entries += [Entry("merge", m.name or "", m.names) for m in corrections.merge]
    entries += [Entry("dismiss", k) for k in corrections.dismiss]
    articles = data.get("articles", {})
    if isinstance(articles, dict):
        entries += [Entry("date", k, (str(v),)) for k, v in articles.items()]
    return entries


def apply(path: Path, change: Change) -> Change:
    """Remove ``change.removed`` from the file and add ``change.added``, keeping the rest of
    the file (comments and other tables too); returns the change. Raises ValueError when the
    file cannot be read or the result would be malformed, OSError when it cannot be
    written; the file is then left as it was."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        doc = tomlkit.parse(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path.name}: cannot read: {exc}") from exc
    except tomlkit.exceptions.TOMLKitError as exc:
        raise ValueError(f"{path.name}: invalid TOML: {exc}") from exc
    for entry in change.removed:
        _remove(doc, entry)
    for entry in change.added:
        _add(doc, entry)
    new_text = tomlkit.dumps(doc)
    try:
        parse_corrections(tomllib.loads(new_text), str(path))
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    write_atomic(path, new_text)
    return change


def undo(path: Path, change: Change) -> Change:
    """Revert ``change``; returns the change that did it."""
    return apply(path, change.inverse())


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary sibling and a rename: a reader sees
    the old file or the new one, never a part. A new file is made 0600 (article notes are
    sensitive); an existing one keeps its mode."""
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o600
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- editing the document -----------------------------------------------------------------


def _table(doc: Any, name: str) -> Any:
    if name not in doc:
        doc[name] = tomlkit.table()
    table = doc[name]
    if not isinstance(table, dict):
        raise ValueError(f"[{name}] must be a table")
    return table


def _array(table: Any, key: str) -> Array:
    if key not in table:
        table[key] = tomlkit.array()
    array = table[key]
    if not isinstance(array, Array):
        raise ValueError(f"{key} must be a list")
    return array


def _add(doc: Any, entry: Entry) -> None:
    if entry.kind in _LISTS:
        name, key = _LISTS[entry.kind]
        array = _array(_table(doc, name), key)
        if entry.value not in [str(v) for v in array]:
            array.append(entry.value)
    elif entry.kind == "merge":
        people = _table(doc, "people")
        if "merge" not in people:
            people["merge"] = tomlkit.aot()
        rules = people["merge"]
        if not isinstance(rules, (AoT, Array)):
            raise ValueError("people.merge must be an array of tables ([[people.merge]])")
        # As the file writes them: [[people.merge]] tables, or inline ones in an array.
        rule = tomlkit.table() if isinstance(rules, AoT) else tomlkit.inline_table()
        rule["names"] = list(entry.names)
        if entry.value:
            rule["name"] = entry.value
        rules.append(rule)
    else:
        _table(doc, "articles")[entry.value] = iso_date(entry.names[0])


def _remove(doc: Any, entry: Entry) -> None:
    if entry.kind in _LISTS:
        name, key = _LISTS[entry.kind]
        table = doc.get(name)
        array = table.get(key) if isinstance(table, dict) else None
        if isinstance(array, Array):
            for i in reversed(range(len(array))):
                if str(array[i]) == entry.value:
                    del array[i]
    elif entry.kind == "merge":
        people = doc.get("people")
        rules = people.get("merge") if isinstance(people, dict) else None
        if isinstance(rules, (AoT, Array)):
            for i in reversed(range(len(rules))):
                rule = rules[i]
                if (
                    tuple(str(n) for n in rule.get("names", ())) == entry.names
                    and str(rule.get("name", "")) == entry.value
                ):
                    del rules[i]
                    break
    else:
        articles = doc.get("articles")
        if isinstance(articles, (dict, Table)) and entry.value in articles:
            del articles[entry.value]
