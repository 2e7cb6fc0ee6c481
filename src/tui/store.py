"""An embedded SQLite store of articles and their extractions (no UI imports).

Records are keyed by the file's content hash and the extractor version, so re-running on a
folder re-extracts only new or changed files. A ``files`` table remembers each path's size,
mtime and hash so an unchanged file is not even read again. Article text is indexed with FTS5
for the dashboard's search. ``read_only`` opens an existing store with ``mode=ro`` (or works
in memory when there is none) and never writes anything anywhere.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import platformdirs

from tui import tiers
from tui.records.extraction import ArticleExtraction
from tui.records.models import Article
from tui.snapshot import Snapshot

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    hash TEXT NOT NULL, version TEXT NOT NULL, article TEXT NOT NULL, extraction TEXT NOT NULL,
    checksum TEXT, PRIMARY KEY (hash, version)
);
CREATE TABLE IF NOT EXISTS files (
    root TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL, PRIMARY KEY (root, path)
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(hash UNINDEXED, text);
CREATE TABLE IF NOT EXISTS fts_rows (hash TEXT PRIMARY KEY, row INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS snapshots (
    root TEXT PRIMARY KEY, key TEXT NOT NULL, meta TEXT NOT NULL, head BLOB NOT NULL,
    full BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS derived (
    hash TEXT NOT NULL, version TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
    checksum TEXT NOT NULL, PRIMARY KEY (hash, version, kind)
);
CREATE TABLE IF NOT EXISTS link_state (
    root TEXT NOT NULL, version TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
    checksum TEXT NOT NULL, PRIMARY KEY (root, version, kind)
);
"""


def default_path() -> Path:
    return Path(platformdirs.user_cache_dir("newsdash")) / "store.sqlite"


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """The version cached extractions are stored under (see :mod:`tui.tiers`): editing the
    CLI, the linkers or the dashboard does not force every article to be re-extracted."""
    return tiers.extraction_version()


@lru_cache(maxsize=1)
def linker_version() -> str:
    """The version a saved linked corpus (see :mod:`tui.snapshot`) is stored under."""
    return tiers.linking_version()


def content_hash(data: bytes, kind: str = "text", name_key: str = "") -> str:
    """The cache key of a file's bytes read as ``kind`` (``text``, ``markdown``, ``html``),
    under a name telling ``name_key`` (:func:`tui.ingest.dates.file_name_key`: its date and
    outlet, "" for nothing).

    The same bytes read as another kind give another article (an HTML page saved as
    ``.txt`` keeps its tags), so the kind is part of the key; so is what a file name tells,
    which dates an article whose text states no date and names an outlet it does not (the
    same text under a name of another day is another article's date, and its relative
    dates resolve differently). Plain text under a name that tells nothing keeps the bare
    SHA-256 of its bytes."""
    digest = hashlib.sha256()
    if kind != "text":
        digest.update(kind.encode() + b"\0")
    if name_key:
        digest.update(b"name:" + name_key.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


_FIRST_ID = re.compile(r'\{"article_id":"((?:[^"\\]|\\.)*)"')
"""The start of an extraction's JSON as pydantic writes it: its article id, escaped."""

_DETAIL = re.compile(r'"detail":"((?:[^"\\]|\\.)*)"')
"""A ``detail`` field of the JSON (merge evidence), its value escaped."""


def reid_json(data: str, article_id: str) -> str | None:
    """The JSON of an :class:`ArticleExtraction` (as :meth:`~pydantic.BaseModel.model_dump_json`
    writes it: the store's rows) rewritten as if made for ``article_id``: decoded, it is
    :meth:`ArticleExtraction.for_article` of the record, without decoding, dumping and
    walking it first (a file whose content the store knows under another name: a copy, a
    rename; reading 100,000 copied articles took 79.7 s of CPU that way, 40.7 s so). The
    fields ``for_article`` rewrites are rewritten here, in the text: a string is escaped
    character by character, so an id's escaped form is found, as a key's whole value or its
    start, exactly where the record holds it, and never inside another string (whose quotes
    are escaped). None when the JSON does not start with its
    article id (the caller then re-identifies the decoded record). Here, not beside
    ``for_article``: :mod:`tui.records` is part of the extraction's version, and a change
    there would extract every store's articles again."""
    found = _FIRST_ID.match(data)
    if found is None:
        return None
    old = found.group(1)
    new = json.dumps(article_id, ensure_ascii=False)[1:-1]
    if old == new:
        return data
    data = (
        data.replace(f'"article_id":"{old}"', f'"article_id":"{new}"')
        .replace(f'"key":"{old}:', f'"key":"{new}:')
        .replace(f'"person_key":"{old}:', f'"person_key":"{new}:')
        .replace(f'"id":"fig-{old}-', f'"id":"fig-{new}-')
    )
    ending = f" article {old}"

    def detail(match: re.Match[str]) -> str:
        value = match.group(1)
        if not value.endswith(ending):
            return match.group(0)
        return f'"detail":"{value[: len(value) - len(old)]}{new}"'

    return _DETAIL.sub(detail, data)


@dataclass(frozen=True)
class FileState:
    size: int
    mtime_ns: int
    hash: str


APPLICATION_ID = 0x6E647368
"""``PRAGMA application_id`` of a newsdash store ("ndsh"): another program's database is
never taken for one."""
USER_VERSION = 1
OUR_TABLES = frozenset({"docs", "files", "snapshots", "fts", "derived", "link_state"})
SLICE = 1 << 20
"""Bytes of a saved corpus written into its blob at a time (:meth:`Store.put_snapshot`)."""
DERIVED_BATCH = 500
"""Content hashes per query of :meth:`Store.derived` (SQLite's bound parameters are capped)."""
BUSY_TIMEOUT_S = 30.0
"""How long a writer waits for another session's write to finish (writes are short)."""


Row = tuple[str, str, str]
"""A stored extraction undecoded: the article's JSON, the extraction's, their checksum."""


class StoreError(Exception):
    """The store cannot be used as asked (one line naming the store and what to do)."""


def _checksum(article: str, extraction: str) -> str:
    return hashlib.sha256(f"{article}\0{extraction}".encode()).hexdigest()


def _claim(db: sqlite3.Connection, path: Path) -> None:
    """Mark ``db`` as ours when it is empty or an older newsdash store; refuse anything else
    before changing a byte of it."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        _check_version(db, path)
        return
    tables = {
        str(name).partition("_")[0] if str(name).startswith("fts_") else str(name)
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    }
    if app_id != 0 or not tables <= OUR_TABLES:
        foreign = ", ".join(sorted(tables - OUR_TABLES)[:3]) or f"application id {app_id:#x}"
        raise StoreError(
            f"{path}: not a newsdash store ({foreign}); left untouched — give --store a new "
            "file, or use --no-store"
        )
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {USER_VERSION}")


def _check_version(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a newsdash store written by a newer newsdash (a higher ``user_version``): its
    tables may mean something this version would misread, so it is left as it is."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > USER_VERSION:
        raise StoreError(
            f"{path}: a store of a newer newsdash (store version {version}, this one reads "
            f"up to {USER_VERSION}); left untouched — upgrade newsdash, give --store a new "
            "file, or use --no-store"
        )


def _private_file(path: Path) -> None:
    """Create the store's folder (0700) and file (0600) before SQLite does: they hold the
    full text of every article. An existing file keeps the mode its owner gave it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing: ``immutable`` (no lock or side files) while no
    other session has the store open; through the live session's WAL (``mode=ro``, using
    its existing ``-wal``/``-shm`` files, creating none) while one does, so reads never see
    a half-written page ("database disk image is malformed")."""
    live = all(path.with_name(path.name + s).exists() for s in ("-wal", "-shm"))
    mode = "mode=ro" if live else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)


class Store:
    """Cached articles and extractions, one SQLite file (or memory)."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        read_only: bool = False,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.read_only = read_only
        self.path = path
        self.damaged = 0
        """Cached records found corrupt (checksum mismatch) and treated as misses."""
        self.failure: str | None = None
        """Why the store stopped being used mid-run (disk full, corrupt pages, ...), if it did:
        the run goes on without it, as the store is only a cache."""
        self._warn = warn
        if path is None:
            self._db = sqlite3.connect(":memory:")
        elif read_only:
            if path.exists():
                self._db = _open_read_only(path)
                try:
                    ours = self._db.execute("PRAGMA application_id").fetchone()[0]
                except sqlite3.DatabaseError:
                    ours = None  # unreadable: each read fails into :meth:`_fail`, as before
                if ours == APPLICATION_ID:
                    try:
                        _check_version(self._db, path)
                    except StoreError:
                        self._db.close()
                        raise
            else:
                self._db = sqlite3.connect(":memory:")
                self.path = None
        else:
            _private_file(path)
            self._db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
            try:
                _claim(self._db, path)
            except sqlite3.DatabaseError as exc:
                self._db.close()
                raise StoreError(
                    f"{path}: not a newsdash store ({exc}); left untouched — give --store a "
                    "new file, or use --no-store"
                ) from exc
            except StoreError:
                self._db.close()
                raise
            self._db.execute("PRAGMA journal_mode=WAL")
            # A cache: after a crash the last files are extracted again, never corrupted.
            self._db.execute("PRAGMA synchronous=NORMAL")
        if self.path is None or not read_only:
            mapped = self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'fts_rows'"
            ).fetchone()
            self._db.executescript(SCHEMA)
            if mapped is None:  # a store from before the map: its texts' rows, found once
                with self._db:
                    self._db.execute(
                        "INSERT OR IGNORE INTO fts_rows SELECT hash, rowid FROM fts ORDER BY rowid"
                    )
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(docs)")}
            if "checksum" not in columns:  # a store from before checksums
                self._db.execute("ALTER TABLE docs ADD COLUMN checksum TEXT")
        self.version = extractor_version()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def writable(self) -> bool:
        return (not self.read_only or self.path is None) and self.failure is None

    def _fail(self, exc: sqlite3.Error) -> None:
        """Stop using the store for the rest of the run, saying so once."""
        if self.failure is not None:
            return
        where = self.path if self.path is not None else "the in-memory store"
        self.failure = (
            f"{where}: the store failed ({exc}); going on without it — free disk space or "
            f"delete the store to rebuild it, or use --no-store"
        )
        if self._warn is not None:
            self._warn(self.failure)

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """Run a block against the database; a failure stops the store (:meth:`_fail`)
        instead of the run."""
        try:
            yield
        except sqlite3.Error as exc:
            self._fail(exc)

    def file_state(self, root: str, path: str) -> FileState | None:
        row = None
        if self.failure is None:
            with self._guarded():
                row = self._db.execute(
                    "SELECT size, mtime_ns, hash FROM files WHERE root = ? AND path = ?",
                    (root, path),
                ).fetchone()
        return FileState(*row) if row else None

    def file_states(self, root: str) -> dict[str, FileState]:
        """:meth:`file_state` of every file remembered under folder ``root``, by path: one
        query for a folder of 10,000 files instead of one each."""
        rows: list[tuple[str, int, int, str]] = []
        if self.failure is None:
            with self._guarded():
                rows = self._db.execute(
                    "SELECT path, size, mtime_ns, hash FROM files WHERE root = ?", (root,)
                ).fetchall()
        return {str(path): FileState(size, mtime, digest) for path, size, mtime, digest in rows}

    def get(
        self,
        digest: str,
        warn: Callable[[str], None] | None = None,
        rows: Mapping[str, Row] | None = None,
        article_id: str | None = None,
    ) -> tuple[Article, ArticleExtraction] | None:
        """The cached article and extraction of content ``digest``, or None. A record whose
        bytes no longer match its checksum (or that no longer parses) is a miss: ``warn``
        hears of it, and the caller extracts the file again, which replaces the record.
        ``rows``: what :meth:`rows` fetched for a batch of contents including this one (a
        content absent there is a miss), instead of a query of its own. ``article_id``: the
        extraction as if made for that article
        (:meth:`~tui.records.extraction.ArticleExtraction.for_article`), rewritten before it
        is decoded (:func:`reid_json`) when the store knows the content under another
        name."""
        if self.failure is not None:
            return None
        if rows is not None:
            row = rows.get(digest)
        else:
            fetched = self.rows([digest])
            row = fetched.get(digest)
        if row is None:
            return None
        article, extraction, checksum = row
        try:
            if checksum != _checksum(article, extraction):
                raise ValueError("checksum mismatch")
            if article_id is not None:
                extraction = reid_json(extraction, article_id) or extraction
            made = ArticleExtraction.model_validate_json(extraction)
            if article_id is not None:
                made = made.for_article(article_id)  # itself, unless not rewritten above
            return Article.model_validate_json(article), made
        except ValueError:
            self.damaged += 1
            if warn is not None:
                where = self.path if self.path is not None else "the store"
                warn(f"{where}: a cached record is damaged, extracting its file again")
            if self.writable:
                with self._guarded(), self._db:
                    self._db.execute(
                        "DELETE FROM docs WHERE hash = ? AND version = ?", (digest, self.version)
                    )
            return None

    def rows(self, digests: Iterable[str]) -> dict[str, Row]:
        """The stored rows (article, extraction, checksum) of these contents under this
        store's extractor version, by content hash, undecoded (:meth:`get` decodes and
        checks each), in queries of :data:`DERIVED_BATCH` contents: a query per content cost
        0.23 s at 10,000 articles, 0.11 s so. Nothing after a failure, or from a read-only
        store from before checksums (every content is then a miss)."""
        wanted = list(dict.fromkeys(digests))
        out: dict[str, Row] = {}
        if self.failure is not None:
            return out
        try:
            for i in range(0, len(wanted), DERIVED_BATCH):
                part = wanted[i : i + DERIVED_BATCH]
                for digest, article, extraction, checksum in self._db.execute(
                    "SELECT hash, article, extraction, checksum FROM docs WHERE version = ? "
                    f"AND hash IN ({','.join('?' * len(part))})",
                    (self.version, *part),
                ).fetchall():
                    out[str(digest)] = (str(article), str(extraction), str(checksum))
        except sqlite3.OperationalError as exc:
            if self.read_only and "no such column" in str(exc):
                return {}  # a read-only store from before checksums: every file is a miss
            self._fail(exc)
            return {}
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        return out

    def put(
        self,
        root: str,
        path: str,
        state: FileState,
        article: Article,
        extraction: ArticleExtraction,
    ) -> None:
        if not self.writable:
            return
        with self._guarded(), self._db:
            exists = self._db.execute(
                "SELECT 1 FROM docs WHERE hash = ? AND version = ?", (state.hash, self.version)
            ).fetchone()
            if not exists:
                article_json = article.model_dump_json()
                extraction_json = extraction.model_dump_json()
                self._index_text(state.hash, article.text)  # before ``docs`` has this row
                self._db.execute(
                    "INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
                    (state.hash, self.version, article_json, extraction_json,
                     _checksum(article_json, extraction_json)),
                )  # fmt: skip
            self._remember(root, path, state)

    def _index_text(self, digest: str, text: str) -> None:
        """The text of content ``digest`` in the full-text index, in place of any it had
        (inside the caller's transaction). Its row is found through ``fts_rows``: FTS5 has
        no index on the hash, and ``DELETE FROM fts WHERE hash = ?`` read every row — 36 ms
        a file at 52,000 articles, the parent's work growing with the store while a cold
        index ran. A content the map does not name but ``docs`` knows (a row another
        newsdash wrote), or whose mapped row is not its own, is looked for as before."""
        db = self._db
        mapped = db.execute("SELECT row FROM fts_rows WHERE hash = ?", (digest,)).fetchone()
        gone = 0
        if mapped is not None:
            gone = db.execute(
                "DELETE FROM fts WHERE rowid = ? AND hash = ?", (mapped[0], digest)
            ).rowcount
        if not gone and (
            mapped is not None
            or db.execute("SELECT 1 FROM docs WHERE hash = ? LIMIT 1", (digest,)).fetchone()
        ):
            db.execute("DELETE FROM fts WHERE hash = ?", (digest,))
        row = db.execute("INSERT INTO fts VALUES (?, ?)", (digest, text)).lastrowid
        db.execute("INSERT OR REPLACE INTO fts_rows VALUES (?, ?)", (digest, row))

    def remember(self, root: str, path: str, state: FileState) -> None:
        """Note that ``path`` under ``root`` holds content ``state.hash`` (its own short
        transaction: a session never holds the store's write lock between files)."""
        if not self.writable:
            return
        with self._guarded(), self._db:
            self._remember(root, path, state)

    def _remember(self, root: str, path: str, state: FileState) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (root, path, state.size, state.mtime_ns, state.hash),
        )

    def forget_missing(self, root: str, live_paths: Iterable[str]) -> int:
        """Drop what the store knows of files under ``root`` that are gone; returns the count."""
        if not self.writable:
            return 0
        live = set(live_paths)
        removed = 0
        with self._guarded():
            gone = [
                (root, p)
                for (p,) in self._db.execute("SELECT path FROM files WHERE root = ?", (root,))
                if p not in live
            ]
            with self._db:
                self._db.executemany("DELETE FROM files WHERE root = ? AND path = ?", gone)
                self._db.execute(
                    "DELETE FROM docs WHERE version != ? OR hash NOT IN (SELECT hash FROM files)",
                    (self.version,),
                )
                self._db.execute("DELETE FROM fts WHERE hash NOT IN (SELECT hash FROM docs)")
                self._db.execute("DELETE FROM fts_rows WHERE hash NOT IN (SELECT hash FROM docs)")
                self._db.execute(
                    "DELETE FROM derived WHERE version != ? "
                    "OR hash NOT IN (SELECT hash FROM files)",
                    (linker_version(),),
                )
                self._db.execute("DELETE FROM link_state WHERE version != ?", (linker_version(),))
            removed = len(gone)
        return removed

    def derived(self, kind: str, digests: Iterable[str]) -> dict[str, str]:
        """What linking derived of ``kind`` from each of these contents and saved
        (:meth:`put_derived`), by content hash, under today's linker version: other
        versions' rows are misses, and so is a row whose bytes no longer match its checksum
        (linking derives it again). Nothing (every content a miss) from a store without the
        table (read-only and older) or after a failure."""
        wanted = list(dict.fromkeys(digests))
        out: dict[str, str] = {}
        if self.failure is not None or not wanted:
            return out
        version = linker_version()
        try:
            for i in range(0, len(wanted), DERIVED_BATCH):
                part = wanted[i : i + DERIVED_BATCH]
                rows = self._db.execute(
                    "SELECT hash, data, checksum FROM derived WHERE version = ? AND kind = ? "
                    f"AND hash IN ({','.join('?' * len(part))})",
                    (version, kind, *part),
                ).fetchall()
                for digest, data, checksum in rows:
                    if hashlib.sha256(str(data).encode()).hexdigest() == checksum:
                        out[str(digest)] = str(data)
        except sqlite3.OperationalError as exc:
            if self.read_only and "no such table" in str(exc):
                return {}  # a read-only store from before this table
            self._fail(exc)
            return {}
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        return out

    def put_derived(self, kind: str, rows: Mapping[str, str]) -> None:
        """Save, by content hash, what linking derived of ``kind`` from each content (its
        JSON), under today's linker version, in one transaction. Read back by
        :meth:`derived`; dropped with its file (:meth:`forget_missing`)."""
        if not self.writable or not rows:
            return
        version = linker_version()
        with self._guarded(), self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO derived VALUES (?, ?, ?, ?, ?)",
                [
                    (digest, version, kind, data, hashlib.sha256(data.encode()).hexdigest())
                    for digest, data in rows.items()
                ],
            )

    def link_state(self, root: str, kind: str) -> str | None:
        """What linking saved of ``kind`` for the folder ``root`` (:meth:`put_link_state`),
        under today's linker version; None when there is none, when its bytes no longer match
        its checksum, from a read-only store without the table, or after a failure."""
        if self.failure is not None:
            return None
        try:
            row = self._db.execute(
                "SELECT data, checksum FROM link_state WHERE root = ? AND version = ? AND kind = ?",
                (root, linker_version(), kind),
            ).fetchone()
        except sqlite3.OperationalError as exc:
            if self.read_only and "no such table" in str(exc):
                return None  # a read-only store from before this table
            self._fail(exc)
            return None
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        if row is None or hashlib.sha256(str(row[0]).encode()).hexdigest() != row[1]:
            return None
        return str(row[0])

    def put_link_state(self, root: str, kind: str, data: str) -> None:
        """Save what linking found of ``kind`` for the folder ``root`` (its JSON), under
        today's linker version (other versions' rows go with :meth:`forget_missing`)."""
        if not self.writable:
            return
        with self._guarded(), self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO link_state VALUES (?, ?, ?, ?, ?)",
                (root, linker_version(), kind, data, hashlib.sha256(data.encode()).hexdigest()),
            )

    def search(self, query: str, limit: int = 200) -> list[tuple[str, str]]:
        """(content hash, snippet) of articles matching ``query`` (FTS5 syntax, phrase-safe)."""
        phrase = '"' + query.replace('"', '""') + '"'
        try:
            rows = self._db.execute(
                "SELECT hash, snippet(fts, 1, '', '', ' … ', 12) FROM fts WHERE fts MATCH ? "
                "LIMIT ?",
                (phrase, limit),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [(h, s) for h, s in rows]

    def knows_folder(self, root: str) -> bool:
        """Has this store indexed files under ``root``?"""
        try:
            row = self._db.execute("SELECT 1 FROM files WHERE root = ? LIMIT 1", (root,))
            return row.fetchone() is not None
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return False
            raise

    def search_folder(
        self, root: str, expression: str, limit: int, words: int = 12
    ) -> list[tuple[str, str]]:
        """(path, snippet) of the files under ``root`` whose text matches the FTS5
        ``expression``, best first (bm25); [] when the expression is not valid FTS5."""
        try:
            rows = self._db.execute(
                "SELECT files.path, snippet(fts, 1, '', '', ' … ', ?) FROM fts "
                "JOIN files ON files.hash = fts.hash "
                "WHERE fts MATCH ? AND files.root = ? ORDER BY rank LIMIT ?",
                (words, expression, root, limit),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [(str(p), str(s)) for p, s in rows]

    def snapshot(self, root: str) -> Snapshot | None:
        """The linked corpus saved for the folder ``root``, if any."""
        try:
            row = self._db.execute(
                "SELECT key, meta, head, full FROM snapshots WHERE root = ?", (root,)
            ).fetchone()
        except sqlite3.OperationalError as exc:
            if self.read_only and "no such table" in str(exc):
                return None  # a read-only store from before snapshots
            self._fail(exc)
            return None
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        if row is None:
            return None
        try:
            return Snapshot.parse(str(row[0]), str(row[1]), bytes(row[2]), bytes(row[3]))
        except ValueError:
            return None

    def saved_head(self, root: str) -> tuple[str, int, bytes] | None:
        """The key, article count and head of the corpus saved for ``root`` — without
        reading its whole corpus nor its manifest (hundreds of MB at 100,000 articles)."""
        try:
            row = self._db.execute(
                "SELECT key, json_extract(meta, '$.articles'), head FROM snapshots WHERE root = ?",
                (root,),
            ).fetchone()
        except sqlite3.Error:
            return None  # no snapshot table yet, or a store that cannot say: no first look
        if row is None or not isinstance(row[1], int):
            return None
        return str(row[0]), row[1], bytes(row[2])

    def put_snapshot(self, root: str, snapshot: Snapshot) -> bool:
        """Save ``snapshot`` as the folder's corpus; whether it was saved."""
        if not self.writable:
            return False
        saved = False
        with self._guarded():
            with self._db:
                # The packed corpus written in slices into a blob of its size: bound as a
                # parameter, SQLite copies it whole first (at 100,000 articles ~140 MB more
                # at the peak of an index).
                row = self._db.execute(
                    "INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?, ?, zeroblob(?))",
                    (root, snapshot.key, snapshot.meta(), snapshot.head, len(snapshot.full)),
                ).lastrowid
                assert row is not None
                with self._db.blobopen("snapshots", "full", row) as blob:
                    full = memoryview(snapshot.full)
                    for start in range(0, len(full), SLICE):
                        blob.write(full[start : start + SLICE])
            saved = True  # committed
        return saved

    def stats(self) -> dict[str, int]:
        docs = self._db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
        files = self._db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
        return {"docs": int(docs), "files": int(files)}
