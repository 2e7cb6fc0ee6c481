"""Writers for the export contract: JSON (one document) and CSV (one file per record type).

Writes are atomic (a temporary sibling, then a rename) and never replace an existing file or
folder unless ``force`` is given.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tui.records.models import Corpus
from tui.snapshot import LeanCorpus, events_of, figures_of, quotes_of, timexes_of
from tui.userstate import Bookmark


class OutputError(Exception):
    """The output cannot be written as asked (one-line message)."""


BOOKMARK_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": "The analyst's starred records of this folder (only when there are any).",
    "items": {
        "type": "object",
        "properties": {
            "kind": {"type": "string"},
            "article_id": {"type": "string"},
            "start": {"type": "integer"},
            "end": {"type": "integer"},
            "text": {"type": "string"},
            "note": {"type": "string"},
        },
        "required": ["kind", "article_id", "start", "end", "text", "note"],
    },
}


def schema() -> dict[str, Any]:
    """The JSON Schema of the export, generated from the models (and the added, optional
    ``bookmarks`` field)."""
    generated = Corpus.model_json_schema(mode="serialization")
    generated.setdefault("properties", {})["bookmarks"] = BOOKMARK_SCHEMA
    return generated


def to_json(corpus: Corpus, bookmarks: Sequence[Bookmark] = ()) -> str:
    """The export; ``bookmarks`` adds a top-level ``bookmarks`` list (absent when there are
    none, so an export without bookmarks is unchanged)."""
    data = corpus.model_dump(mode="json")
    if isinstance(corpus, LeanCorpus):  # read without its texts (the dashboard's): whole
        boilerplate = corpus.saved_boilerplate
        for article in data["articles"]:
            article["text"] = corpus.texts.text(article["id"])
            if boilerplate is not None:  # and its boilerplate
                ranges = boilerplate.boilerplate(article["id"])
                article["boilerplate"] = [r.model_dump(mode="json") for r in ranges]
        if corpus.saved_quotes is not None:  # and its statements
            data["quotes"] = [q.model_dump(mode="json") for q in quotes_of(corpus)]
        if corpus.saved_events is not None:  # and its events
            data["events"] = [e.model_dump(mode="json") for e in events_of(corpus)]
        if corpus.saved_figures is not None:  # and its figures
            data["figures"] = [f.model_dump(mode="json") for f in figures_of(corpus)]
        if corpus.saved_timexes is not None:  # and its time expressions
            data["timexes"] = [t.model_dump(mode="json") for t in timexes_of(corpus)]
        if corpus.saved_mentions is not None:  # and its people's mentions, in their order
            people = data["people"]
            for place, mention in corpus.saved_mentions.all_mentions():
                people[place]["mentions"].append(mention.model_dump(mode="json"))
        if corpus.saved_roles is not None:  # and every statement of their roles
            people = data["people"]
            for person in people:
                person["roles"] = []
            for place, role in corpus.saved_roles.all_roles():
                people[place]["roles"].append(role.model_dump(mode="json"))
    if bookmarks:
        data["bookmarks"] = [b.exported() for b in bookmarks]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Cell starts a spreadsheet reads as a formula (OWASP "CSV injection")."""


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def formula_safe(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet will not run as a formula: a leading ``'``
    (OWASP's advice) unless it is a plain number such as ``-5``."""
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _cell(value: Any) -> Any:
    """A CSV cell: lists and objects as JSON; strings made :func:`formula_safe`."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return formula_safe(value)
    return value


def _rows(corpus: Corpus) -> Iterator[tuple[str, list[str], Iterable[dict[str, Any]]]]:
    data = corpus.model_dump(mode="json")
    yield (
        "articles",
        ["id", "path", "title", "source", "published_date", "published_how", "published_start",
         "published_end", "encoding", "chars", "boilerplate", "url", "updated", "author",
         "site_name", "published_earliest", "published_latest"],
        (
            {
                "id": a["id"], "path": a["path"], "title": a["title"], "source": a["source"],
                "published_date": a["published"]["date"], "published_how": a["published"]["how"],
                "published_start": a["published"]["start"], "published_end": a["published"]["end"],
                "encoding": a["encoding"], "chars": len(a["text"]), "boilerplate": a["boilerplate"],
                "url": a["url"], "updated": a["updated"], "author": a["author"],
                "site_name": a["site_name"],
                "published_earliest": a["published"]["earliest"],
                "published_latest": a["published"]["latest"],
            }
            for a in data["articles"]
        ),
    )  # fmt: skip
    yield (
        "people",
        ["id", "name", "aliases", "roles", "mentions", "evidence"],
        ({k: p[k] for k in ("id", "name", "aliases", "roles", "mentions", "evidence")}
         for p in data["people"]),
    )  # fmt: skip
    yield (
        "mentions",
        ["person_id", "article_id", "start", "end", "text"],
        ({"person_id": p["id"], **m} for p in data["people"] for m in p["mentions"]),
    )
    yield (
        "roles",
        ["person_id", "title", "org", "article_id", "start", "end", "text"],
        ({"person_id": p["id"], **r} for p in data["people"] for r in p["roles"]),
    )
    yield (
        "quotes",
        [
            "id",
            "person_id",
            "kind",
            "article_id",
            "start",
            "end",
            "text",
            "speaker_kind",
            "speaker",
            "cue",
            "quoted",
        ],
        data["quotes"],
    )
    yield (
        "events",
        ["id", "article_id", "when_value", "when_type", "when_mod", "when_text", "when_start",
         "when_end", "when_how", "sentence_start", "sentence_end", "people", "figures", "group"],
        (
            {
                "id": e["id"], "article_id": e["article_id"], "when_value": e["when"]["value"],
                "when_type": e["when"]["type"], "when_mod": e["when"]["mod"],
                "when_text": e["when"]["text"], "when_start": e["when"]["start"],
                "when_end": e["when"]["end"], "when_how": e["when"]["how"],
                "sentence_start": e["sentence"]["start"], "sentence_end": e["sentence"]["end"],
                "people": e["people"], "figures": e["figures"], "group": e["group"],
            }
            for e in data["events"]
        ),
    )  # fmt: skip
    yield (
        "figures",
        ["id", "article_id", "value", "kind", "unit", "currency", "qualifier", "measure",
         "change", "period", "low", "high", "text", "start", "end", "subject", "predicate",
         "per", "restates", "direction"],
        data["figures"],
    )  # fmt: skip
    yield (
        "comparisons",
        [
            "id",
            "measure",
            "figures",
            "status",
            "certain",
            "detail",
            "independent",
            "subject",
            "predicate",
            "periods",
            "values",
            "reason",
            "reprinted",
        ],
        data["comparisons"],
    )
    yield (
        "timexes",
        ["article_id", "start", "end", "text", "value", "type", "mod", "begin", "end_value", "how"],
        data["timexes"],
    )


def csv_files(corpus: Corpus) -> dict[str, str]:
    """File name -> CSV text, one file per record type."""
    out: dict[str, str] = {}
    for name, columns, rows in _rows(corpus):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        out[f"{name}.csv"] = buffer.getvalue()
    return out


def _regular_or_missing(path: Path) -> None:
    """Refuse to replace anything but a regular file (a device, a pipe, a socket)."""
    try:
        info = path.stat()
    except OSError:
        return
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path}: not a regular file; exports write only regular files")


def write_file(path: Path, content: str, force: bool = False) -> None:
    """Write ``content`` to ``path`` atomically; refuse to replace it unless ``force``."""
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists (use --force to replace it)")
    _regular_or_missing(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{folder}: no such folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(content)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


CSV_NAMES = tuple(f"{name}.csv" for name, _, _ in _rows(Corpus()))
"""The only files a CSV export writes, and the only ones ``force`` may replace."""


def write_csv_dir(path: Path, corpus: Corpus, force: bool = False) -> list[Path]:
    """Write one CSV per record type into the folder ``path``.

    A new folder is created whole (written aside, then renamed into place). An existing one
    is written into only with ``force`` and only when it holds nothing but a previous CSV
    export's files: each of those is replaced atomically, nothing else is ever removed."""
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists (use --force to replace it)")
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: is a file, not a folder")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{parent}: no such folder")
    if path.is_dir():
        _only_our_csv_files(path)
    files = csv_files(corpus)
    if path.is_dir():
        for name, content in files.items():
            write_file(path / name, content, force=True)
        return [path / name for name in files]
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=parent))
        try:
            for name, content in files.items():
                fd = os.open(tmp / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                    handle.write(content)  # article text: readable by the user only
            tmp.rename(path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return [path / name for name in files]


def _only_our_csv_files(folder: Path) -> None:
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError as exc:
        raise OutputError(f"{folder}: cannot read ({exc.strerror or exc})") from exc
    others = [n for n in names if n not in CSV_NAMES]
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise OutputError(
            f"{folder}: holds files a CSV export did not write ({shown}); "
            "--force replaces only its own CSV files: choose a new or empty folder"
        )


def check_output(output: Path, inputs: Path) -> None:
    """Refuse an output that is the input, holds it, or would replace one of its articles."""
    from tui.ingest.files import SUFFIXES

    out = output.resolve()
    src = inputs.resolve()
    if out == src or src.is_relative_to(out):
        raise OutputError(f"{output}: is the input {inputs}; write the export somewhere else")
    if src.is_dir() and out.is_relative_to(src) and out.suffix.lower() in SUFFIXES:
        raise OutputError(
            f"{output}: would be read as an article of {inputs}; "
            "use another name or write it outside the input folder"
        )
