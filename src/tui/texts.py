"""The articles' texts saved beside the store, read one article at a time.

A dashboard that opens a saved corpus does not need every article's text in memory: it
shows one article in Source and a few sentences around the records on screen. A writable
session saves the texts of the corpus it shows into a file beside its tables (see
:class:`tui.paged.SavedTables`), each compressed on its own; the next session on the same
corpus reads the corpus without its texts (:func:`tui.snapshot.unpack`) and each text from
that file when it is asked for (:class:`tui.snapshot.LeanCorpus`). At 100,000
articles the texts are about a fifth of the records' memory.

The file is stamped like the tables (the saved corpus and the dashboard's code), opened
read-only and ``immutable`` (it is only ever replaced whole, by a rename), and private to
the user: it holds the articles.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

TEXTS_FORMAT = 1
"""The layout of a texts file: raised when it changes, so a file of another is never read."""

KEPT = 16
"""Texts kept decoded (the last asked for): Source, its sentences and a page's rows ask for
the same few articles many times over."""

_SCHEMA = """
CREATE TABLE texts (id TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE saved (stamp TEXT NOT NULL, format INTEGER NOT NULL);
"""


class SavedTexts:
    """The texts of one saved corpus's articles, read from their file by article id.
    Safe to use from several threads (the dashboard's panes build rows in workers)."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self.path = path
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, str] = OrderedDict()

    @classmethod
    def open(cls, path: Path, stamp: str) -> SavedTexts | None:
        """The texts saved at ``path`` for ``stamp``; None when there are none, or
        another's, or the file is unreadable."""
        db = open_stamped(path, (stamp, TEXTS_FORMAT), ("SELECT id, body FROM texts LIMIT 1",))
        return None if db is None else cls(db, path)

    def text(self, article_id: str) -> str:
        """The article's text; KeyError when the file has none for ``article_id``, or
        cannot be read any more (the caller's records then have no text to point into:
        never shown as an empty one)."""
        with self._lock:
            kept = self._kept.get(article_id)
            if kept is not None:
                self._kept.move_to_end(article_id)
                return kept
            try:
                row = self._db.execute(
                    "SELECT body FROM texts WHERE id = ?", (article_id,)
                ).fetchone()
                text = None if row is None else _decoded(row[0])
            except (sqlite3.Error, zlib.error, UnicodeDecodeError) as exc:
                raise KeyError(f"{article_id}: its text cannot be read ({exc})") from exc
            if text is None:
                raise KeyError(article_id)
            self._kept[article_id] = text
            if len(self._kept) > KEPT:
                self._kept.popitem(last=False)
            return text

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_stamped(
    path: Path, stamped: tuple[str, int], probes: tuple[str, ...]
) -> sqlite3.Connection | None:
    """A file saved beside the store (texts, a pane's table), opened read-only when its one
    ``saved`` row is ``stamped`` (the stamp and the file's layout) and every query of
    ``probes`` runs; None when there is no file, or another's, or an unreadable one.

    ``immutable``: such a file is only ever replaced whole (a rename), never written."""
    if not path.is_file():
        return None
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        found = db.execute("SELECT stamp, format FROM saved").fetchall()
        for probe in probes:
            db.execute(probe).fetchall()
    except sqlite3.Error:
        found = []
    if found != [stamped]:
        db.close()
        return None
    return db


def save_texts(path: Path, stamp: str, texts: Iterable[tuple[str, str]]) -> None:
    """Write ``texts`` (article id, text) to ``path`` stamped with ``stamp``: beside it
    first, then renamed over it, so a reader sees the old file or the new, never half of
    one; the file is private to the user, its folder too if it is new. OSError or
    sqlite3.Error when it cannot be written (nothing is left behind)."""
    with replaced_whole(path) as partial:
        out = sqlite3.connect(partial, isolation_level=None)
        try:
            out.execute("PRAGMA journal_mode = OFF")  # a new file, renamed only when whole
            out.executescript(_SCHEMA)
            out.execute("BEGIN")
            out.executemany(
                "INSERT INTO texts VALUES (?, ?)",
                ((aid, _encoded(text)) for aid, text in texts),
            )
            out.execute("INSERT INTO saved VALUES (?, ?)", (stamp, TEXTS_FORMAT))
            out.execute("COMMIT")
        finally:
            out.close()


@contextmanager
def replaced_whole(path: Path) -> Iterator[Path]:
    """A new empty file beside ``path``, private to the user (its folder too, if new), to
    write in the block: renamed over ``path`` when the block ends, so a reader sees the old
    file or the new, never half of one; removed when the block fails."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.partial")
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _encoded(text: str) -> bytes:
    # ``surrogatepass``: a text holding a lone surrogate is kept as it is, not refused.
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def _decoded(body: bytes) -> str:
    return zlib.decompress(body).decode("utf-8", "surrogatepass")
