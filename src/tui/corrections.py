"""The analyst's corrections file: merge, split or reject people by name.

It is a TOML file in the corpus folder, ``newsdash.toml`` (or ``corrections.toml``), read
with the standard library and never written here (the dashboard's triage keys write it,
:mod:`tui.triage`). Its ``[people]`` table::

    [people]
    reject = ["Read More", "Gazprom Neft"]   # not people: dropped with their mentions
    split = ["J. Smith"]                     # this form's mentions become their own person

    [[people.merge]]                         # these names are one person
    names = ["Ana Costa", "A. Costa-Lima"]
    name = "Ana Costa-Lima"                  # optional: the name to display

and its ``[articles]`` table, an article's publication date set by the analyst (keyed by
article id; a TOML date or an ISO ``"YYYY-MM-DD"`` string). It replaces whatever date the
article gave or was inferred, and every relative expression of the article ("yesterday",
"March 3") is anchored on it::

    [articles]
    "2024-06-budget" = 2024-06-05

and its ``[comparisons]`` table, comparisons that are not the same fact (dropped), each by
its figures' spans (:func:`comparison_key`)::

    [comparisons]
    dismiss = ["a1:120-131 + b7:88-97"]

Names compare with case and accents folded. A malformed file raises :class:`ValueError`
with a one-line message naming the file and the problem.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.extract.folding import fold
from tui.records.models import Comparison, Figure

CORRECTIONS_FILES = ("newsdash.toml", "corrections.toml")


@dataclass(frozen=True)
class MergeRule:
    """Names the analyst says are one person, with an optional display name."""

    names: tuple[str, ...]
    name: str | None = None


@dataclass(frozen=True)
class Corrections:
    """People corrections and article dates from the analyst's file."""

    merge: tuple[MergeRule, ...] = ()
    split: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    source: str = ""
    dates: tuple[tuple[str, dt.date], ...] = ()
    """(article id, publication date) from ``[articles]``, in file order."""
    dismiss: tuple[str, ...] = ()
    """Comparisons that are not the same fact, by :func:`comparison_key`."""
    _reject_keys: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    _split_keys: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_reject_keys", frozenset(fold(n) for n in self.reject))
        object.__setattr__(self, "_split_keys", frozenset(fold(n) for n in self.split))

    def rejects(self, name: str) -> bool:
        return fold(name) in self._reject_keys

    def splits(self, name: str) -> bool:
        return fold(name) in self._split_keys

    def date_of(self, article_id: str) -> dt.date | None:
        """The publication date the analyst set for ``article_id`` (None when unset)."""
        return dict(self.dates).get(article_id)

    def keep_comparisons(
        self, comparisons: Sequence[Comparison], figures: Sequence[Figure]
    ) -> list[Comparison]:
        """The comparisons the analyst did not dismiss."""
        if not self.dismiss:
            return list(comparisons)
        dismissed = set(self.dismiss)
        by_id = {f.id: f for f in figures}
        return [
            c
            for c in comparisons
            if comparison_key(by_id[f] for f in c.figures if f in by_id) not in dismissed
        ]


def comparison_key(figures: Iterable[Figure]) -> str:
    """A comparison named by its figures' spans, stable across runs while its articles and
    members are unchanged: ``article_id:start-end`` of each figure, sorted, joined by " + ".
    A comparison that gains or loses a member has a new key (it is shown again)."""
    return " + ".join(sorted({f"{f.article_id}:{f.start}-{f.end}" for f in figures}))


def _names(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def parse_corrections(data: dict[str, Any], source: str = "") -> Corrections:
    """Corrections from an already-parsed TOML document (raises ValueError when malformed)."""
    people = data.get("people", {})
    if not isinstance(people, dict):
        raise ValueError("[people] must be a table")
    unknown = sorted(set(people) - {"merge", "split", "reject"})
    if unknown:
        raise ValueError(f"unknown key people.{unknown[0]} (expected merge, split, reject)")
    merges: list[MergeRule] = []
    raw_merges = people.get("merge", [])
    if not isinstance(raw_merges, list):
        raise ValueError("people.merge must be an array of tables ([[people.merge]])")
    for i, entry in enumerate(raw_merges):
        where = f"people.merge[{i}]"
        if not isinstance(entry, dict):
            raise ValueError(f"{where} must be a table with 'names'")
        extra = sorted(set(entry) - {"names", "name"})
        if extra:
            raise ValueError(f"unknown key {where}.{extra[0]} (expected names, name)")
        names = _names(entry.get("names"), f"{where}.names")
        if len(names) < 2:
            raise ValueError(f"{where}.names needs at least two names")
        display = entry.get("name")
        if display is not None and (not isinstance(display, str) or not display.strip()):
            raise ValueError(f"{where}.name must be a non-empty string")
        merges.append(MergeRule(names, display.strip() if display else None))
    split = _names(people.get("split", []), "people.split")
    reject = _names(people.get("reject", []), "people.reject")
    dates = _dates(data.get("articles", {}))
    return Corrections(tuple(merges), split, reject, source, dates, _dismissals(data))


def _dismissals(data: dict[str, Any]) -> tuple[str, ...]:
    comparisons = data.get("comparisons", {})
    if not isinstance(comparisons, dict):
        raise ValueError("[comparisons] must be a table")
    unknown = sorted(set(comparisons) - {"dismiss"})
    if unknown:
        raise ValueError(f"unknown key comparisons.{unknown[0]} (expected dismiss)")
    return _names(comparisons.get("dismiss", []), "comparisons.dismiss")


def _dates(articles: Any) -> tuple[tuple[str, dt.date], ...]:
    if not isinstance(articles, dict):
        raise ValueError("[articles] must be a table of article id = date")
    out: list[tuple[str, dt.date]] = []
    for article_id, value in articles.items():
        where = f"articles.{article_id}"
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f"{where} must be a date (YYYY-MM-DD)") from None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ValueError(f"{where} must be a date (YYYY-MM-DD)")
        out.append((article_id, value))
    return tuple(out)


def corrections_path(folder: Path) -> Path | None:
    """The corrections file of a corpus folder, if it has one."""
    if not folder.is_dir():
        return None
    for name in CORRECTIONS_FILES:
        path = folder / name
        if path.is_file():
            return path
    return None


def load_corrections(folder: Path) -> Corrections | None:
    """Read the corrections file of ``folder`` (None when there is none; never writes)."""
    path = corrections_path(folder)
    if path is None:
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path.name}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path.name}: invalid TOML: {exc}") from exc
    try:
        return parse_corrections(data, str(path))
    except ValueError as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
