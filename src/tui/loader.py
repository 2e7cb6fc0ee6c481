"""Load a folder into articles and per-article extractions: cached, incremental, parallel.

Each file is identified by its content hash. With a :class:`~tui.store.Store`, a file whose
size and mtime are unchanged is not read again, a file whose content is already known is not
parsed again, and only new or changed files are extracted — in a process pool when
``jobs > 1``. Results are in discovery order whatever the pool does, so parallel runs give
exactly the single-process result. A :class:`Runner` extracts the batches elsewhere instead
(:mod:`tui.distributed`: on a Dask cluster); this process still reads the files and alone
writes the store.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tui import nlp
from tui.gcpolicy import freeze_worker, gc_paused, gc_resumed
from tui.ingest.dates import file_name_key
from tui.ingest.files import (
    MAX_BYTES,
    InputError,
    ReadFile,
    SkipFile,
    file_kind,
    finish_article,
    list_files,
    read_bytes,
    read_file,
)
from tui.nlp import ParsedArticle
from tui.records.extraction import ArticleExtraction
from tui.records.models import Article
from tui.safetext import visible
from tui.store import FileState, Store, content_hash

Warn = Callable[[str], None]
Progress = Callable[[int, int, str], None]
Each = Callable[[Article, ArticleExtraction], None]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - platforms without affinity
        return max(1, os.cpu_count() or 1)


@dataclass
class Loaded:
    articles: list[Article] = field(default_factory=list)
    extractions: dict[str, ArticleExtraction] = field(default_factory=dict)
    skipped: int = 0
    reused: int = 0
    extracted: int = 0
    hashes: dict[str, str] = field(default_factory=dict)
    """Each article's content hash (:func:`tui.store.content_hash`), with a store."""
    read: set[str] = field(default_factory=set)
    """The articles whose extraction was read back from the store (not extracted here)."""


@dataclass(frozen=True)
class Job:
    path: Path
    article_id: str
    data: bytes


@dataclass(frozen=True)
class Done:
    article: Article | None
    extraction: ArticleExtraction | None
    warnings: list[str]
    error: str | None = None


BATCH = 16
"""Files parsed together (``nlp.pipe``); batches are the same with any number of jobs."""

READ_BATCH = 500
"""Files whose stored extractions are fetched in one query (:meth:`tui.store.Store.rows`)."""


class Runner(Protocol):
    """Extracts batches of files elsewhere than this process and its pool (on a Dask
    cluster: :class:`tui.distributed.DaskRunner`)."""

    def run(self, batches: list[list[Job]]) -> Generator[tuple[int, list[Done]]]:
        """Each batch's index and its :func:`extract_batch` result as each finishes, in any
        order, every batch exactly once."""
        ...


class Resolved:
    """Files' resolved paths, as :meth:`pathlib.Path.resolve` gives them (a symlink is its
    target), with each folder resolved once: resolving a path checks every component of it
    (``os.path.realpath``: a system call and some Python each), for 10,000 files in a few
    folders 0.23 s against 0.10 s. A file that is itself a symlink is resolved whole. One
    load's (folders can change between loads)."""

    def __init__(self) -> None:
        self._folders: dict[Path, str] = {}

    def __call__(self, file: Path) -> str:
        folder = self._folders.get(file.parent)
        if folder is None:
            folder = self._folders[file.parent] = os.path.realpath(file.parent)
        path = os.path.join(folder, file.name)
        if os.path.islink(path):
            return file.resolve().as_posix()
        return Path(path).as_posix()


def extract_article(parsed: ParsedArticle) -> ArticleExtraction:
    """:func:`tui.extract.article.extract_article`, imported when a file is first extracted:
    the extractors' modules (their rule tables, ~0.25 s of CPU to import) are not needed by a
    load that reads every file's extraction from the store."""
    from tui.extract.article import extract_article as extract

    return extract(parsed)


def dated(parsed: ParsedArticle) -> ParsedArticle:
    """:func:`tui.extract.pubdate.dated`, imported when a file is first extracted (as
    :func:`extract_article`)."""
    from tui.extract.pubdate import dated as date

    return date(parsed)


def extract_batch(jobs: list[Job]) -> list[Done]:
    """Read a batch of files, parse their texts at once, then finish and extract each (runs
    in a worker process when there is a pool, or on a Dask worker). Each article is parsed
    exactly once: the parse that may date it (:func:`~tui.extract.pubdate.dated`, for an
    article that states no date) is the one every extractor is handed."""
    read: list[tuple[ReadFile | None, list[str], str | None]] = []
    for job in jobs:
        warnings: list[str] = []
        try:
            read.append((read_file(job.path, warnings.append, data=job.data), warnings, None))
        except SkipFile as exc:
            read.append((None, warnings, str(exc)))
        except Exception as exc:  # as below: this file's warning, not the folder's
            read.append((None, warnings, f"could not be read ({_one_line(exc)})"))
    texts = [r.content for r, _, _ in read if r is not None]
    docs = iter(nlp.parse_texts(texts, nlp.load()))
    done: list[Done] = []
    for job, (r, w, error) in zip(jobs, read, strict=True):
        if r is None:
            done.append(Done(None, None, w, error))
            continue
        doc = next(docs)
        try:
            parsed = dated(ParsedArticle.of(finish_article(r, job.article_id), doc))
            article = parsed.article
            extraction = extract_article(parsed)
        except Exception as exc:
            # The folder's other files still load; the warning names the file and the error
            # so it can be reported. (Tests call the extractors directly, where it raises.)
            done.append(Done(None, None, w, f"extraction failed ({_one_line(exc)})"))
            continue
        done.append(Done(article, extraction, w))
    return done


def _one_line(exc: Exception) -> str:
    """ "RuntimeError: its first line", for a warning about one file."""
    first = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}: {first}"


def load(
    path: Path,
    warn: Warn,
    progress: Progress | None = None,
    *,
    store: Store | None = None,
    jobs: int = 1,
    max_bytes: int = MAX_BYTES,
    files: list[tuple[Path, str]] | None = None,
    each: Each | None = None,
    runner: Runner | None = None,
    folder: list[tuple[Path, str]] | None = None,
) -> Loaded:
    """Articles and extractions for every supported file under ``path``.

    ``files`` is what :func:`~tui.ingest.files.list_files` found, when the caller has
    already looked; ``each`` receives every article and extraction as soon as it is ready
    (cached ones first, then new ones as they are extracted); ``runner`` extracts the new
    files instead of this process and its pool (``jobs`` is then unused). ``folder``: every
    file of the folder when ``files`` are only the changed ones (the store forgets files
    missing from ``folder``, and no readable article among ``files`` is then no error)."""
    if files is None:
        files = list_files(path, warn)
    root = visible(str(path.resolve()))
    result = Loaded()
    slots: list[tuple[Article, ArticleExtraction] | None] = [None] * len(files)
    todo: list[tuple[int, Job, FileState]] = []
    done = 0

    def tick(name: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(files), name)

    def keep(i: int, job: Job, state: FileState, outcome: Done) -> None:
        """One extracted file: counted, handed on and stored, in its own short transaction
        (an interrupted run leaves every finished file stored and nothing half-written)."""
        for message in outcome.warnings:
            warn(message)
        tick(job.article_id)
        if outcome.article is None or outcome.extraction is None:
            result.skipped += 1
            warn(f"{job.path}: skipped, {outcome.error}")
            return
        slots[i] = (outcome.article, outcome.extraction)
        result.extracted += 1
        if store is not None:
            result.hashes[job.article_id] = state.hash
        if each is not None:
            each(outcome.article, outcome.extraction)
        if store is not None:
            store.put(
                root,
                keys[i],
                state,
                outcome.article,
                outcome.extraction,
            )

    states = store.file_states(root) if store is not None else {}
    # Each file's path as the store keys it (resolved: a symlink is its target), worked out
    # once: resolving is a system call per path component (0.3 s for 10,000 files).
    keys: list[str] = []
    resolved = Resolved()
    # Reading 10,000 cached extractions makes ~150,000 records that all survive: the
    # collector's full passes over them find nothing (they took 4 of 6 s; see gcpolicy).
    with gc_paused():
        for begin in range(0, len(files), READ_BATCH):
            # the window's files checked first, then the rows of those unchanged fetched in
            # one query (a query each cost twice as much), then each file in order as before
            window: list[tuple[int, Path, str, str, os.stat_result | OSError]] = []
            unchanged: list[str] = []
            for i in range(begin, min(begin + READ_BATCH, len(files))):
                file, article_id = files[i]
                rel = visible(resolved(file))
                keys.append(rel)
                try:
                    info: os.stat_result | OSError = file.stat()
                except OSError as exc:
                    info = exc
                window.append((i, file, article_id, rel, info))
                known = states.get(rel)
                if (
                    known is not None
                    and not isinstance(info, OSError)
                    and (known.size, known.mtime_ns) == (info.st_size, info.st_mtime_ns)
                ):
                    unchanged.append(known.hash)
            rows = store.rows(unchanged) if store is not None and unchanged else {}
            for i, file, article_id, rel, info in window:
                if isinstance(info, OSError):
                    result.skipped += 1
                    warn(f"{file}: skipped, cannot read ({info.strerror or info})")
                    tick(article_id)
                    continue
                cached = None
                known = states.get(rel)
                if known is not None and (known.size, known.mtime_ns) == (
                    info.st_size,
                    info.st_mtime_ns,
                ):
                    assert store is not None
                    cached = store.get(known.hash, warn, rows, article_id)
                    if cached is not None:
                        result.hashes[article_id] = known.hash
                        result.read.add(article_id)
                if cached is None:
                    try:
                        data = read_bytes(file, max_bytes)
                    except SkipFile as exc:
                        result.skipped += 1
                        warn(f"{file}: skipped, {exc}")
                        tick(article_id)
                        continue
                    state = FileState(
                        info.st_size,
                        info.st_mtime_ns,
                        content_hash(data, file_kind(file), file_name_key(file.name)),
                    )
                    if store is not None:
                        cached = store.get(state.hash, warn, article_id=article_id)
                        if cached is not None:
                            store.remember(root, rel, state)
                            result.hashes[article_id] = state.hash
                            result.read.add(article_id)
                    if cached is None:
                        todo.append((i, Job(file, article_id, data), state))
                        continue
                article, extraction = cached
                article = article.model_copy(update={"id": article_id, "path": visible(str(file))})
                slots[i] = (article, extraction)
                result.reused += 1
                tick(article_id)
                if each is not None:
                    each(article, extraction)

    if todo and progress is not None:
        progress(done, len(files), "")  # extraction starts: "" names no file yet
    batches = [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
    jobs_of = [[job for _, job, _ in batch] for batch in batches]
    if todo:
        # Extraction runs with the collector on, even inside a caller's pause
        # (:func:`tui.pipeline.load_corpus` pauses it from this read to the saved snapshot):
        # a parse leaves garbage cycles behind. With nothing to extract it stays as it is.
        with gc_resumed():
            finished = runner.run(jobs_of) if runner is not None else _run(jobs_of, jobs)
            with closing(finished):  # Ctrl-C or an error here stops the workers at once
                for index, outcomes in finished:
                    for (i, job, state), outcome in zip(batches[index], outcomes, strict=True):
                        keep(i, job, state, outcome)

    if store is not None:
        live = keys if folder is None else [visible(resolved(f)) for f, _ in folder]
        store.forget_missing(root, live)
    for slot in slots:
        if slot is not None:
            result.articles.append(slot[0])
            result.extractions[slot[0].id] = slot[1]
    if not result.articles and folder is None:
        raise InputError(f"{path}: no readable articles ({result.skipped} file(s) skipped)")
    return result


POOL_MIN_FILES_PER_JOB = 32
"""A worker process pays ~1-2 s to import spaCy and load the model: below this many new files
per job, extracting in this process is faster."""


def _run(batches: list[list[Job]], jobs: int) -> Generator[tuple[int, list[Done]]]:
    """Extract in order, batch by batch; a process pool when there is enough work for more
    than one core."""
    if jobs <= 1 or sum(map(len, batches)) < POOL_MIN_FILES_PER_JOB * jobs:
        for index, batch in enumerate(batches):
            yield index, extract_batch(batch)
        return
    context = multiprocessing.get_context("spawn")
    with _sigint_ignored():  # inherited by the workers from their first instruction
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=_worker_start,
            initargs=(os.getpid(),),
        )
        results = pool.map(extract_batch, batches)  # submits every batch: workers start here
    try:
        yield from enumerate(results)
    except BaseException:  # Ctrl-C, an error, or the caller stopped reading: stop at once
        _stop(pool)
        raise
    pool.shutdown(wait=True)


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl-C ignored by the worker processes started inside this block, and held back (not
    lost) in this one.

    A disposition of "ignore" survives exec, so the workers start with Ctrl-C ignored and
    Python installs no KeyboardInterrupt handler in them: a Ctrl-C while a worker is still
    importing cannot print its traceback. Here the signal is blocked as well; Linux keeps a
    blocked signal pending even while it is ignored, so it is delivered, as
    KeyboardInterrupt, once the usual handler is back. Only the main thread gets Ctrl-C;
    elsewhere (the dashboard loads in a thread) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now: waiting would join workers still busy with (or blocked on)
    batches nobody will read, which is how a second Ctrl-C used to hang."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)


def _worker_start(parent: int) -> None:
    """In each worker: Ctrl-C is the parent's to handle (it ends the workers), and a worker
    never outlives its parent (pid ``parent``), even one killed with SIGKILL (no orphans
    holding ~250 MB each)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # no prctl here: the watcher below still works
            pass

    def watch() -> None:  # also covers a parent that died before this worker started
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="newsdash-parent-watch", daemon=True).start()
    # The model, loaded here rather than by the first batch, and the imports are the
    # worker's for its life: frozen, the collector's passes skip them (see gcpolicy).
    with suppress(Exception):  # the first batch loads it again, and reports the error
        nlp.load()
    freeze_worker()


PR_SET_PDEATHSIG = 1
"""Linux prctl option: the signal a process gets when its parent dies."""
