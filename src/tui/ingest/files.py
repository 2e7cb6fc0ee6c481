"""Find article files under a path and turn each into an :class:`Article`.

Fatal problems (missing path, nothing to load) raise :class:`InputError` with a one-line
message; a problem with one file of many is reported through ``warn`` and the rest loads.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bs4.exceptions import ParserRejectedMarkup

from tui.errors import InputError
from tui.ingest.boilerplate import find_boilerplate, lines_with_offsets
from tui.ingest.dates import parse_date_string
from tui.ingest.decode import Undecodable, clean_text, decode_bytes
from tui.ingest.html import html_to_page
from tui.ingest.metadata import ParseContent, extract_metadata
from tui.records.models import Article, Range
from tui.safetext import visible

if TYPE_CHECKING:
    from spacy.tokens import Doc

Warn = Callable[[str], None]

__all__ = ["InputError", "SkipFile", "list_files", "load_articles", "read_article"]

SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
MAX_BYTES = 20 * 1024 * 1024
"""Files larger than this are skipped with a warning (bounded time and memory)."""


class SkipFile(Exception):
    """One file cannot be loaded; the message is the one-line reason."""


def discover(root: Path, warn: Warn, follow_symlinks: bool = False) -> Iterator[Path]:
    """Supported files under ``root`` in a stable order, following directory symlinks once.

    Hidden files and folders (names starting with a dot) are ignored; symlink loops and
    unreadable folders are reported and skipped. A symlink is followed only when it points
    inside ``root`` (a link to ``/etc/passwd`` or to ``/`` is skipped with a warning) unless
    ``follow_symlinks``. Iterative, so any depth of tree works.
    """
    inside = root.resolve()
    seen: set[tuple[int, int]] = set()
    stack: list[Path] = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
        except OSError as exc:
            warn(f"{folder}: skipped, cannot read folder ({exc.strerror or exc})")
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            warn(f"{folder}: skipped, symlink loop (folder already visited)")
            continue
        seen.add(key)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            warn(f"{folder}: skipped, cannot list folder ({exc.strerror or exc})")
            continue
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if not follow_symlinks and entry.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(inside):
                    warn(
                        f"{path}: skipped, a symlink out of the folder (to {target}); "
                        "--follow-symlinks follows it"
                    )
                    continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as exc:
                warn(f"{path}: skipped ({exc.strerror or exc})")
                continue
            if is_dir:
                subfolders.append(path)
            elif is_file and path.suffix.lower() in SUFFIXES:
                yield path
            elif entry.is_symlink() and not path.exists():
                warn(f"{path}: skipped, broken symlink")
        stack.extend(reversed(subfolders))


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, unless it is too large or unreadable (:class:`SkipFile`)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(f"larger than {max_bytes // (1024 * 1024)} MB ({size} bytes)")
        return path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot read ({exc.strerror or exc})") from exc


def file_kind(path: Path) -> str:
    """How a file is read, from its suffix: ``text``, ``markdown`` or ``html``."""
    return SUFFIXES.get(path.suffix.lower(), "text")


@dataclass(frozen=True)
class ReadFile:
    """A file decoded and cleaned, before its metadata: what the parse is made of.

    ``content`` is the text with boilerplate blanked (:meth:`Article.content_text`); the
    ``page_*`` fields come from an HTML page's own metadata."""

    path: Path
    text: str
    boilerplate: list[Range]
    encoding: str
    kind: str
    content: str
    page_title: str | None = None
    page_date: dt.date | None = None
    site_name: str | None = None


def read_file(
    path: Path, warn: Warn, max_bytes: int = MAX_BYTES, data: bytes | None = None
) -> ReadFile:
    """One file (or its already-read ``data``) decoded and cleaned; :class:`SkipFile` if it
    can't be."""
    if data is None:
        data = read_bytes(path, max_bytes)
    if not data.strip():
        raise SkipFile("empty file")
    try:
        decoded = decode_bytes(data)
    except Undecodable as exc:
        raise SkipFile(str(exc)) from exc

    kind = file_kind(path)
    page_title = page_date = site_name = None
    chrome: list[int] = []
    raw = decoded.text
    if kind == "html":
        try:
            page = html_to_page(raw)
        except ParserRejectedMarkup as exc:
            raise SkipFile("HTML that the parser cannot read") from exc
        raw = page.text
        page_title, site_name = page.title, page.site_name
        page_date = parse_date_string(page.published) if page.published else None
    text = clean_text(raw)
    if not text.strip():
        raise SkipFile("no text (only whitespace or markup)")
    if kind == "html":
        chrome = [i for i, ctx in enumerate(page.blocks) if ctx != "body"]
        if len(lines_with_offsets(text)) != len(page.blocks):
            chrome = []
    boilerplate = find_boilerplate(text, chrome)
    content = Article(id="", path="", text=text, boilerplate=boilerplate).content_text()
    if not content.strip():
        warn(f"{path}: only boilerplate (navigation and widget lines), nothing to extract")
    if kind == "markdown" and page_title is None:
        page_title = _markdown_title(text, boilerplate)
    return ReadFile(
        path, text, boilerplate, decoded.encoding, kind, content, page_title, page_date, site_name
    )


def finish_article(read: ReadFile, article_id: str, parse: ParseContent) -> Article:
    """The :class:`Article` of a read file, with its metadata.

    ``parse`` gives the parse of ``read.content``; it is called only when the publication
    date must be inferred from the text's tenses (see :mod:`tui.ingest.metadata`), so the
    loader hands in the parse it already made for the extractors."""
    meta = extract_metadata(
        read.text,
        read.content,
        read.boilerplate,
        parse,
        page_date=read.page_date,
        page_title=read.page_title,
        site_name=read.site_name,
    )
    return Article(
        id=article_id,
        path=visible(str(read.path)),
        title=meta.title,
        source=meta.source,
        published=meta.published,
        text=read.text,
        boilerplate=read.boilerplate,
        encoding=read.encoding,
    )


def read_article(
    path: Path,
    article_id: str,
    warn: Warn,
    max_bytes: int = MAX_BYTES,
    data: bytes | None = None,
) -> Article:
    """One file as an Article, parsing it only if its date must be inferred (for callers
    that extract nothing; the loader reads, parses and finishes in batches instead)."""
    read = read_file(path, warn, max_bytes, data)

    def parse() -> Doc:
        from tui import nlp

        return nlp.load()(read.content)

    return finish_article(read, article_id, parse)


def _markdown_title(text: str, boilerplate: list[Range]) -> str | None:
    for s, e in lines_with_offsets(text):
        if any(r.start <= s < r.end for r in boilerplate):
            continue
        line = text[s:e]
        if line.startswith("#"):
            return line.lstrip("#").strip() or None
        return None
    return None


def _article_ids(files: list[Path], root: Path) -> list[str]:
    """File stems, made unique with their folder where two files share a stem."""
    stems = [p.stem for p in files]
    counts = Counter(stems)
    folder = root.is_dir()
    ids: list[str] = []
    for path, stem in zip(files, stems, strict=True):
        if counts[stem] > 1 and folder:
            ids.append(visible(path.relative_to(root).with_suffix("").as_posix()))
        else:
            ids.append(visible(stem))
    return ids


def list_files(path: Path, warn: Warn, follow_symlinks: bool = False) -> list[tuple[Path, str]]:
    """(file, article id) for every supported file under ``path``; :class:`InputError` if none.

    Symlinks leading out of the folder are skipped unless ``follow_symlinks``."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(
            discover(path, warn, follow_symlinks), key=lambda p: p.relative_to(path).as_posix()
        )
        if not files:
            kinds = ", ".join(sorted(SUFFIXES))
            raise InputError(f"{path}: no articles found (looked for {kinds})")
    else:
        raise InputError(f"{path}: not a regular file or folder")
    return list(zip(files, _article_ids(files, path), strict=True))


def load_articles(path: Path, warn: Warn, max_bytes: int = MAX_BYTES) -> list[Article]:
    """Every supported article under ``path`` (a folder, recursively, or one file)."""
    articles: list[Article] = []
    skipped = 0
    for file, article_id in list_files(path, warn):
        try:
            articles.append(read_article(file, article_id, warn, max_bytes))
        except SkipFile as exc:
            skipped += 1
            warn(f"{file}: skipped, {exc}")
    if not articles:
        raise InputError(f"{path}: no readable articles ({skipped} file(s) skipped)")
    return articles
