"""One view of the dashboard as a file: rows with citations, written as CSV or Markdown.

The dashboard hands over what the focused view shows (the filtered Timeline, Figures, a
person's statements, a conflict) as a :class:`ViewTable`: the view's own columns, and for
every row the citation of its span — outlet, date, path, character offsets, the span and its
sentence. This module only turns that into text and writes it; it knows nothing of the
dashboard (no Textual) and is unit-tested on its own. It also holds the corpus summary
``newsdash summary --format`` prints (:func:`summary_counts`, :func:`summary_text`).

Cells are plain one-line strings: article text is untrusted, so a CSV cell a spreadsheet
would run as a formula gets a leading ``'`` (as :mod:`tui.export` does) and a Markdown cell
has its ``|``, backslashes and markup characters escaped, so a sentence can neither break
the table nor become a link or an image.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tui.export import OutputError, formula_safe
from tui.records.models import Corpus
from tui.safetext import visible
from tui.snapshot import event_count, figure_count, mention_groups, quote_count

ViewFormat = Literal["csv", "md"]
FORMATS: tuple[ViewFormat, ...] = ("csv", "md")

CITATION_COLUMNS = ("outlet", "date", "path", "start", "end", "span", "sentence")
"""The columns every exported row ends with: where its span is, and its sentence."""


@dataclass(frozen=True)
class Citation:
    """Where a row's span is: the article's outlet, publication date and path, the span's
    character offsets in the article text and its words, and the sentence around it."""

    outlet: str
    date: str
    path: str
    start: int
    end: int
    span: str
    sentence: str

    def cells(self) -> tuple[str, ...]:
        return (
            self.outlet,
            self.date,
            self.path,
            str(self.start),
            str(self.end),
            self.span,
            self.sentence,
        )


@dataclass(frozen=True)
class ViewRow:
    """A row as the view shows it (``cells``, one per column) and its citation."""

    cells: tuple[str, ...]
    citation: Citation


@dataclass(frozen=True)
class ViewTable:
    """What a view shows: a title, notes (the filter, a conflict's evidence), its columns
    and its rows."""

    title: str
    columns: tuple[str, ...]
    rows: list[ViewRow] = field(default_factory=list)
    notes: tuple[str, ...] = ()


def _one_line(text: str) -> str:
    """One visible line: whitespace runs collapsed, any other control character escaped."""
    return visible(" ".join(text.split()))


def _csv_cell(text: str) -> str:
    return formula_safe(_one_line(text))


def to_csv(table: ViewTable) -> str:
    """The rows as CSV: the view's columns, then :data:`CITATION_COLUMNS`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_csv_cell(c) for c in (*table.columns, *CITATION_COLUMNS)])
    for row in table.rows:
        writer.writerow([_csv_cell(c) for c in (*row.cells, *row.citation.cells())])
    return buffer.getvalue()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str) -> str:
    """One line of plain text, safe in a Markdown table cell: no markup, no link, no
    image, no HTML, no column break."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _one_line(text))


def to_markdown(table: ViewTable) -> str:
    """The rows as a Markdown table (the view's columns and ``source``), each row's
    citation as a numbered footnote under it: outlet, date, path, offsets, sentence."""
    lines = [f"# {md_escape(table.title)}", ""]
    lines += [f"{md_escape(note)}  " for note in table.notes]
    if table.notes:
        lines.append("")
    header = (*table.columns, "source")
    lines.append("| " + " | ".join(md_escape(c) for c in header) + " |")
    lines.append("|" + "---|" * len(header))
    for n, row in enumerate(table.rows, start=1):
        cells = [md_escape(c) for c in row.cells]
        lines.append("| " + " | ".join([*cells, f"[^{n}]"]) + " |")
    if table.rows:
        lines.append("")
    for n, row in enumerate(table.rows, start=1):
        c = row.citation
        lines.append(
            f"[^{n}]: {md_escape(c.outlet)}, {md_escape(c.date)}, `{_code(c.path)}`, "
            f"chars {c.start}–{c.end}: “{md_escape(c.sentence)}”"
        )
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    """Text for a code span: one line, without the backticks that would end it."""
    return _one_line(text).replace("`", "'")


def render(table: ViewTable, fmt: ViewFormat) -> str:
    return to_csv(table) if fmt == "csv" else to_markdown(table)


def default_name(title: str, fmt: ViewFormat, folder: Path) -> Path:
    """``folder/<title as a slug>.<fmt>``, numbered (``-2``, ``-3`` …) past files that exist."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60] or "view"
    path = folder / f"{slug}.{fmt}"
    n = 2
    while path.exists():
        path = folder / f"{slug}-{n}.{fmt}"
        n += 1
    return path


def write_view(path: Path, content: str, *, replace: bool = False) -> None:
    """Write ``content`` to the new file ``path`` (readable by the user only: it quotes
    article text). An existing file is replaced only with ``replace`` and only when it is a
    regular file; any failure is an :class:`OutputError` with a one-line message."""
    if path.is_dir():
        raise OutputError(f"{visible(str(path))}: is a folder, not a file")
    if path.exists() and not replace:
        raise OutputError(f"{visible(str(path))}: already exists")
    if path.exists() and not path.is_file():
        raise OutputError(f"{visible(str(path))}: not a regular file")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{visible(str(folder))}: no such folder")
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(content)
            if replace:
                os.replace(tmp, path)
            else:
                os.link(tmp, path)  # fails if the file appeared meanwhile: never clobbered
                tmp.unlink()
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except FileExistsError as exc:
        raise OutputError(f"{visible(str(path))}: already exists") from exc
    except OSError as exc:
        raise OutputError(f"{visible(str(path))}: cannot write ({exc.strerror or exc})") from exc


# -- the corpus summary -------------------------------------------------------------------

SummaryFormat = Literal["table", "tsv", "csv", "json"]
SUMMARY_FORMATS: tuple[SummaryFormat, ...] = ("table", "tsv", "csv", "json")
TOP_PEOPLE = 10


def summary_counts(corpus: Corpus, top: int = TOP_PEOPLE) -> dict[str, object]:
    """What a folder holds: counts of each kind of record (conflicts among the
    comparisons), the people mentioned most (mentions, articles) and the articles per
    outlet, most first."""
    # Each person's mentions and articles, counted a person at a time (from columns when
    # the corpus reads its people's mentions from a file).
    counted = {
        pid: (len(spans), len({span[0] for span in spans})) for pid, spans in mention_groups(corpus)
    }
    people = sorted(
        corpus.people,
        key=lambda p: (-counted.get(p.id, (0, 0))[0], p.name.casefold(), p.id),
    )[:top]
    outlets = Counter(a.source or "(unknown)" for a in corpus.articles)
    return {
        "articles": len(corpus.articles),
        "people": len(corpus.people),
        "statements": quote_count(corpus),
        "events": event_count(corpus),
        "figures": figure_count(corpus),
        "comparisons": len(corpus.comparisons),
        "conflicts": sum(1 for c in corpus.comparisons if c.status == "conflict"),
        "top_people": [
            {
                "name": p.name,
                "mentions": counted.get(p.id, (0, 0))[0],
                "articles": counted.get(p.id, (0, 0))[1],
            }
            for p in people
        ],
        "outlets": [
            {"outlet": name, "articles": n}
            for name, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        ],
    }


COUNT_KEYS = ("articles", "people", "statements", "events", "figures", "comparisons", "conflicts")


def summary_rows(counts: dict[str, object]) -> list[tuple[str, str, str, str]]:
    """The summary as ``(section, name, value, articles)`` rows: one table for tsv/csv."""
    rows: list[tuple[str, str, str, str]] = [
        ("count", key, str(counts[key]), "") for key in COUNT_KEYS
    ]
    people = counts["top_people"]
    outlets = counts["outlets"]
    assert isinstance(people, list) and isinstance(outlets, list)
    rows += [("person", str(p["name"]), str(p["mentions"]), str(p["articles"])) for p in people]
    rows += [("outlet", str(o["outlet"]), str(o["articles"]), "") for o in outlets]
    return rows


SUMMARY_HEADER = ("section", "name", "value", "articles")


def summary_text(counts: dict[str, object], fmt: SummaryFormat) -> str:
    """The summary as JSON, TSV or CSV (the ``table`` format is drawn by the CLI). Names
    come from the articles: each is one visible line (no control character reaches a
    terminal or breaks a row)."""
    if fmt == "json":
        return json.dumps(counts, ensure_ascii=False, indent=1) + "\n"
    rows = [SUMMARY_HEADER, *summary_rows(counts)]
    if fmt == "tsv":
        return "".join(
            "\t".join(_one_line(cell).replace("\t", " ") for cell in row) + "\n" for row in rows
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue()


def table_rows(counts: dict[str, object]) -> list[tuple[str, str, str, str]]:
    """The rows the ``table`` format draws (the same as tsv/csv, names on one line)."""
    return [
        (_one_line(a), _one_line(b), _one_line(c), _one_line(d))
        for a, b, c, d in summary_rows(counts)
    ]
