"""Find article files under a path and turn each into an :class:`Article`.

Fatal problems (missing path, nothing to load) raise :class:`InputError` with a one-line
message; a problem with one file of many is reported through ``warn`` and the rest loads.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.errors import InputError
from tui.ingest.align import main_lines
from tui.ingest.boilerplate import dominant_script, find_boilerplate, lines_with_offsets
from tui.ingest.dates import parse_date_string
from tui.ingest.decode import Undecodable, clean_text, decode_bytes, strip_escapes
from tui.ingest.html import HtmlRejected, html_to_page
from tui.ingest.metadata import extract_metadata
from tui.ingest.webpage import PageDate, WebPage, read_web_page
from tui.records.models import Article, Range
from tui.safetext import visible

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
    other fields come from an HTML page's own metadata."""

    path: Path
    text: str
    boilerplate: list[Range]
    encoding: str
    kind: str
    content: str
    page_title: str | None = None
    page_date: PageDate | None = None
    site_name: str | None = None
    url: str | None = None
    updated: dt.date | None = None
    author: str | None = None


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
        decoded = decode_bytes(data, markup=file_kind(path) == "html")
    except Undecodable as exc:
        raise SkipFile(str(exc)) from exc

    kind = file_kind(path)
    if kind == "html":
        return _read_page(path, decoded.text, decoded.encoding, warn)
    text = clean_text(decoded.text)
    if not text.strip():
        raise SkipFile("no text (only whitespace or markup)")
    boilerplate = find_boilerplate(text, web_page=False)
    content = _content(path, text, boilerplate, warn)
    title = _markdown_title(text, boilerplate) if kind == "markdown" else None
    return ReadFile(path, text, boilerplate, decoded.encoding, kind, content, title)


def _content(path: Path, text: str, boilerplate: list[Range], warn: Warn) -> str:
    content = Article(id="", path="", text=text, boilerplate=boilerplate).content_text()
    if not content.strip():
        warn(f"{path}: only boilerplate (navigation and widget lines), nothing to extract")
    return content


_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters lxml refuses in a document (a stray NUL among them)."""


def _read_page(path: Path, markup: str, encoding: str, warn: Warn) -> ReadFile:
    """A web page: its visible text shipped whole, everything but the article (as
    trafilatura finds it, aligned onto that text) marked boilerplate, and its metadata."""
    try:
        page = html_to_page(markup)
    except HtmlRejected as exc:
        raise SkipFile("HTML that the parser cannot read") from exc
    text = clean_text(page.text)
    if not text.strip():
        raise SkipFile("no text (only whitespace or markup)")
    web = read_web_page(_XML_UNSAFE.sub("", strip_escapes(markup)), text)
    lines = lines_with_offsets(text)
    chrome = [i for i, ctx in enumerate(page.blocks) if ctx != "body"]
    if len(lines) != len(page.blocks):
        chrome = []
    boilerplate = _page_boilerplate(text, lines, web, set(chrome))
    if boilerplate is None:
        # trafilatura found no article: our own rules, furniture first.
        boilerplate = find_boilerplate(text, chrome)
        if not _has_content(text, boilerplate):
            boilerplate = find_boilerplate(text, chrome, web_page=False)
    foreign = _foreign_language(web.main_text or text, web.language)
    if foreign:
        warn(
            f"{path}: written in {foreign}; the extractors read English only and may find "
            "nothing in it (the article is kept)"
        )
    content = _content(path, text, boilerplate, warn)
    date = web.published
    if not web.parsed and page.published is not None:
        # The libraries could not read the page at all: its date meta tag, read by us.
        parsed = parse_date_string(page.published)
        date = PageDate(parsed, "meta", "page metadata") if parsed is not None else None
    return ReadFile(
        path,
        text,
        boilerplate,
        encoding,
        "html",
        content,
        page_title=web.title or page.title,
        page_date=date,
        site_name=web.site_name or page.site_name,
        url=web.url,
        updated=web.updated,
        author=web.author,
    )


def _page_boilerplate(
    text: str, lines: list[tuple[int, int]], web: WebPage, chrome: set[int]
) -> list[Range] | None:
    """Every line outside the article trafilatura found, or None when it found none.

    Lines in ``nav``/``footer``/``aside`` (``chrome``) are never article: on a short page
    trafilatura keeps the whole body, menus included."""
    if web.main_text is None:
        return None
    article = main_lines(lines, text, web.main_text) - chrome
    if not article:
        return None
    outside = [Range(start=s, end=e) for i, (s, e) in enumerate(lines) if i not in article]
    inside = {s for i, (s, _) in enumerate(lines) if i in article}
    # Interface strings inside the article's lines ("Share", a trailing "Read more").
    # The article's script is its own, not the page's (a big English menu around a
    # Chinese article).
    script = dominant_script(web.main_text)
    extra = [
        r
        for r in find_boilerplate(text, web_page=False, script=script)
        if _line_start(r, lines) in inside
    ]
    return sorted(outside + extra, key=lambda r: r.start)


def _line_start(rng: Range, lines: list[tuple[int, int]]) -> int:
    """The start of the line ``rng`` begins in (-1 when in none)."""
    i = bisect_right(lines, (rng.start, len(lines) + rng.start)) - 1
    return lines[i][0] if i >= 0 and rng.start < lines[i][1] else -1


def _has_content(text: str, boilerplate: list[Range]) -> bool:
    return bool(Article(id="", path="", text=text, boilerplate=boilerplate).content_text().strip())


_SCRIPT_NAMES = {"CJK": "Chinese or Japanese", "HANGUL": "Korean", "HIRAGANA": "Japanese"}


def _foreign_language(text: str, language: str | None) -> str | None:
    """A name for the page's language when it is not English, else None."""
    script = dominant_script(text)
    if script != "LATIN":
        return f"{_SCRIPT_NAMES.get(script, script.title())} script"
    if language and not language.lower().startswith("en"):
        return f"another language (lang={visible(language)[:20]})"
    return None


def finish_article(read: ReadFile, article_id: str) -> Article:
    """The :class:`Article` of a read file, with its metadata (an article that states no
    date is dated from its own evidence later, by :func:`tui.extract.pubdate.dated`, which
    needs its parse)."""
    meta = extract_metadata(
        read.text,
        read.content,
        read.boilerplate,
        page_date=read.page_date,
        page_title=read.page_title,
        site_name=read.site_name,
        file_name=read.path.name,
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
        url=read.url,
        updated=read.updated,
        author=read.author,
        site_name=read.site_name,
    )


def read_article(
    path: Path,
    article_id: str,
    warn: Warn,
    max_bytes: int = MAX_BYTES,
    data: bytes | None = None,
) -> Article:
    """One file as an Article (for callers that extract nothing; the loader reads, parses,
    finishes and dates in batches instead)."""
    return finish_article(read_file(path, warn, max_bytes, data), article_id)


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
