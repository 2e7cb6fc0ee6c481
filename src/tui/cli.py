"""Command line: ``newsdash [open] PATH``, ``export``, ``schema`` and ``summary``.

Errors are one line on stderr and a non-zero exit code; a traceback only with ``--debug``.
Exit codes: 0 ok, 1 input or output problem, 2 usage, 70 internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
import sys
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.errors import InputError
from tui.safetext import visible

if TYPE_CHECKING:
    from rich.console import Console

    from tui.distributed import DaskRunner
    from tui.loader import Runner
    from tui.pipeline import LinkState, Preview, Progress
    from tui.records.models import Corpus
    from tui.snapshot import ArticleTexts
    from tui.store import Store

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
COMMANDS = ("export", "schema", "summary", "open", "index")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"newsdash: error: {message} (see newsdash --help)\n")
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser = _Parser(
        prog="newsdash",
        description="Structured, linked records from a folder of news articles.",
        epilog="With no command, newsdash PATH opens the dashboard (prints a summary when "
        "standard output is not a terminal).",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"newsdash {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def source(p: argparse.ArgumentParser, read_only: bool = True) -> None:
        p.add_argument(
            "path", type=Path, help="a folder of articles (searched recursively) or a file"
        )
        p.add_argument(
            "--store", type=Path, default=None,
            help="the SQLite store of extracted records (default: the user cache folder)",
        )  # fmt: skip
        p.add_argument("--no-store", action="store_true", help="work in memory, cache nothing")
        p.add_argument(
            "--follow-symlinks", action="store_true",
            help="follow symlinks that lead out of the folder (skipped by default)",
        )  # fmt: skip
        p.add_argument(
            "--jobs", type=int, default=None,
            help="processes for extraction (default: the cores available)",
        )  # fmt: skip
        if read_only:
            p.add_argument(
                "--read-only", action="store_true",
                help="write nothing anywhere (an existing store is opened read-only)",
            )  # fmt: skip

    op = sub.add_parser("open", parents=[common], help="open the dashboard (the default command)")
    source(op)
    op.add_argument("--theme", default=None, help="dashboard theme (e.g. newsdash-high-contrast)")
    op.add_argument(
        "--fresh", action="store_true",
        help="do not reopen where the last session on this folder was",
    )  # fmt: skip

    ex = sub.add_parser("export", parents=[common], help="write every record as JSON or CSV")
    source(ex)
    ex.add_argument(
        "-o", "--output", type=Path, default=None,
        help="JSON file (default: standard output), or the folder for CSV",
    )  # fmt: skip
    ex.add_argument("--format", choices=("json", "csv"), default="json")
    ex.add_argument("--force", action="store_true", help="replace an existing output")
    ex.add_argument(
        "--no-bookmarks", action="store_true",
        help="leave out the folder's bookmarks (JSON: the top-level 'bookmarks' list)",
    )  # fmt: skip

    sm = sub.add_parser("summary", parents=[common], help="print what was found, per article")
    source(sm)
    sm.add_argument(
        "--format", choices=("table", "tsv", "csv", "json"), default=None,
        help="counts, top people and outlets in this format (default: one line per article)",
    )  # fmt: skip

    ix = sub.add_parser("index", parents=[common], help="build or update the store, with progress")
    source(ix, read_only=False)
    ix.add_argument(
        "--dask", default=None, metavar="ADDRESS",
        help="extract on this Dask scheduler's workers, e.g. tcp://host:8786 (default: "
        "$NEWSDASH_DASK; needs the 'dask' extra)",
    )  # fmt: skip

    sub.add_parser("schema", parents=[common], help="print the JSON Schema of the export")
    return parser


def _warn(message: str) -> None:
    sys.stderr.write(f"newsdash: warning: {visible(message)}\n")


def _new_store_notice(args: argparse.Namespace) -> str | None:
    """The line that names a store about to be made (article text is sensitive: say where
    it goes and how not to keep it); None when nothing new will be written."""
    from tui.store import default_path

    if args.no_store or getattr(args, "read_only", False) or not args.path.exists():
        return None
    path: Path = args.store if args.store is not None else default_path()
    if path.exists():
        return None
    return (
        f"{path}: new store of extracted articles and their full text, readable only "
        "by you (--no-store keeps nothing, --read-only writes nothing)"
    )


def _store(
    args: argparse.Namespace, warn: Callable[[str], None] = _warn, *, announce: bool = True
) -> Store | None:
    """The store ``args`` name; ``announce``: warn first if it is new (False: the caller
    already said so)."""
    from tui.store import Store, StoreError, default_path

    if args.no_store:
        return None
    path = args.store if args.store is not None else default_path()
    read_only = bool(getattr(args, "read_only", False))
    if not args.path.exists():  # no store is made for a typo
        raise InputError(f"{args.path}: no such file or folder")
    notice = _new_store_notice(args) if announce else None
    if notice is not None:
        warn(notice)
    try:
        return Store(path, read_only=read_only, warn=warn)
    except StoreError as exc:
        raise InputError(str(exc)) from exc
    except (OSError, sqlite3.Error) as exc:
        if read_only:
            return None
        warn(f"{path}: store unavailable, working in memory ({exc})")
        return None


def _check_jobs(args: argparse.Namespace) -> None:
    """A --jobs below 1 is refused (the default, the cores available, never is)."""
    if args.jobs is not None and args.jobs < 1:
        raise InputError(f"--jobs {args.jobs}: must be at least 1")


def _jobs(args: argparse.Namespace) -> int:
    """--jobs, defaulting to the cores available."""
    from tui.loader import default_jobs

    _check_jobs(args)
    jobs: int = args.jobs if args.jobs is not None else default_jobs()
    return jobs


def _load(
    args: argparse.Namespace,
    progress: Progress | None = None,
    *,
    must_store: bool = False,
    runner: Runner | None = None,
) -> tuple[Corpus, list[str]]:
    """The linked corpus and the warnings said while loading it. ``must_store``: a store
    that could not be opened or failed mid-run is a fatal error (``index``), not a cache
    to go on without. ``runner``: new files are extracted there (a Dask cluster)."""
    from tui.pipeline import load_corpus

    warnings: list[str] = []

    def warn(message: str) -> None:
        warnings.append(message)
        _warn(message)

    jobs = _jobs(args)
    store = _store(args, warn)
    try:
        corpus = load_corpus(
            args.path, warn, progress, store=store, jobs=jobs,
            follow_symlinks=args.follow_symlinks, runner=runner,
        )  # fmt: skip
    finally:
        if store is not None:
            store.close()
    if must_store and store is None and not args.no_store:
        raise InputError("nothing was stored: the store could not be opened (see above)")
    if must_store and store is not None and store.failure is not None:
        raise InputError(f"not everything was stored: {store.failure}")
    return corpus, warnings


def _loaded_line(corpus: Corpus, warnings: list[str]) -> str:
    """ "5 articles loaded, 2 skipped: a.txt (empty file), b.txt (binary file)"."""
    skipped = [w.split(": skipped, ", 1) for w in warnings if ": skipped, " in w]
    count = len(corpus.articles)
    line = f"{count} article{'' if count == 1 else 's'} loaded, {len(skipped)} skipped"
    if skipped:
        names = [f"{Path(path).name} ({reason})" for path, reason in skipped[:3]]
        more = f", and {len(skipped) - 3} more" if len(skipped) > 3 else ""
        line += ": " + ", ".join(names) + more
    return line


def _summary(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tui.snapshot import mention_groups

    corpus, warnings = _load(args)
    fmt = getattr(args, "format", None)
    if fmt is not None:
        return _summary_counts(corpus, fmt)
    table = Table(title=Text(f"newsdash: {visible(str(args.path))}"), expand=False)
    for column in ("article", "source", "published", "how", "title", "people", "events", "figures"):
        table.add_column(column, no_wrap=column != "title", overflow="ellipsis")
    # Counted once per record, not per article: a 10,000-article summary stays linear.
    people: dict[str, set[str]] = defaultdict(set)
    for person_id, spans in mention_groups(corpus):
        for article_id, *_ in spans:
            people[article_id].add(person_id)
    events = Counter(e.article_id for e in corpus.events)
    figures = Counter(f.article_id for f in corpus.figures)
    for article in corpus.articles:
        table.add_row(
            Text(article.id),
            Text(article.source or "-"),
            Text(article.published.date.isoformat() if article.published.date else "-"),
            Text(article.published.how),
            Text((article.title or "-")[:60]),
            str(len(people[article.id])),
            str(events[article.id]),
            str(figures[article.id]),
        )
    console = Console(highlight=False, markup=False, emoji=False)
    # Rich exits with status 1 when the reader goes away (``summary | head``); raise
    # instead, so that run() stops quietly as it does for every other command.
    console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign]
    console.print(table)
    console.print(
        Text(
            f"{visible(_loaded_line(corpus, warnings))}; "
            f"{len(corpus.people)} people, {len(corpus.quotes)} quotes, "
            f"{len(corpus.events)} events, {len(corpus.figures)} figures, "
            f"{len(corpus.comparisons)} comparisons"
        )
    )
    return 0


def _summary_counts(corpus: Corpus, fmt: str) -> int:
    """``summary --format``: counts, the people mentioned most and the outlets; tsv, csv
    and json are plain text for a pipe, ``table`` is drawn (without colour when standard
    output is not a terminal)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tui.export_view import (
        SUMMARY_FORMATS,
        SUMMARY_HEADER,
        summary_counts,
        summary_text,
        table_rows,
    )

    counts = summary_counts(corpus)
    for text_format in SUMMARY_FORMATS:
        if text_format == fmt and text_format != "table":
            sys.stdout.write(summary_text(counts, text_format))
            return 0
    table = Table(expand=False)
    for column in SUMMARY_HEADER:
        table.add_column(column, no_wrap=column != "name", overflow="ellipsis")
    for row in table_rows(counts):
        table.add_row(*(Text(cell) for cell in row))
    console = Console(highlight=False, markup=False, emoji=False)
    console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign]
    console.print(table)
    return 0


def _export(args: argparse.Namespace) -> int:
    from tui.export import check_output, to_json, write_csv_dir, write_file
    from tui.userstate import Bookmark, load_bookmarks

    output: Path | None = args.output
    if args.format == "csv" and output is None:
        sys.stderr.write("newsdash: error: CSV export needs -o FOLDER\n")
        return EXIT_USAGE
    if output is not None and output.exists() and not args.force:
        sys.stderr.write(f"newsdash: error: {output}: already exists (use --force to replace it)\n")
        return EXIT_INPUT
    if output is not None and str(output) != "-":
        check_output(output, args.path)  # before the (long) load, so a refusal is immediate
    corpus, warnings = _load(args)
    sys.stderr.write(f"newsdash: {visible(_loaded_line(corpus, warnings))}\n")
    bookmarks: list[Bookmark] = []
    if args.format == "json" and not args.no_bookmarks:
        try:
            bookmarks = load_bookmarks(args.path)
        except ValueError as exc:
            _warn(f"bookmarks left out: {exc}")
    if args.format == "csv":
        assert output is not None
        files = write_csv_dir(output, corpus, force=args.force)
        sys.stderr.write(f"newsdash: wrote {len(files)} CSV files to {visible(str(output))}\n")
    elif output is None or str(output) == "-":
        sys.stdout.write(to_json(corpus, bookmarks))
    else:
        write_file(output, to_json(corpus, bookmarks), force=args.force)
        sys.stderr.write(f"newsdash: wrote {visible(str(output))}\n")
    return 0


def _dashboard_loader(
    args: argparse.Namespace,
) -> Callable[[Path, Callable[[str], None], Progress, Preview], Corpus]:
    """What the dashboard's load worker calls: the head of the corpus saved for the folder
    shown first, if any (before its files are checked: seconds at 100,000 files), then
    the folder loaded (the saved corpus when nothing changed). The extraction and linking
    code is imported there, in the worker, after the head is shown: not before the
    dashboard's first frame, nor while the panes draw the head (~0.3 s)."""
    states: list[LinkState] = []  # one for every load: a re-link reads only what it touches

    def loader(
        path: Path, warn: Callable[[str], None], progress: Progress, preview: Preview
    ) -> Corpus:
        from tui.first_look import saved_corpus, saved_head

        # Opened in the load worker's thread, which uses it; a new one was announced before.
        store = _store(args, warn, announce=False)
        try:
            head = whole = texts = None
            if store is not None:
                texts = _saved_texts(args, path)
                follow = args.follow_symlinks
                head = saved_head(path, store, follow_symlinks=follow)
                if head is not None:
                    preview(*head)  # before the folder is listed: the saved head stays
                # Then the whole corpus last saved, before the folder's files are checked
                # and, if they changed, linked again: the one returned when none did.
                whole = saved_corpus(path, store, texts, follow_symlinks=follow)
                if whole is not None:
                    preview(whole, len(whole.articles))
            from tui.pipeline import LinkState, load_corpus  # after the first look

            if not states:
                states.append(LinkState())
            return load_corpus(
                path, warn, progress, store=store, jobs=_jobs(args),
                preview=preview if head is None and whole is None else None,
                follow_symlinks=args.follow_symlinks, state=states[0], texts=texts,
                shown=whole,
            )  # fmt: skip
        finally:
            if store is not None:
                store.close()

    return loader


def _saved_texts(args: argparse.Namespace, path: Path) -> Callable[[str], ArticleTexts | None]:
    """Where the dashboard finds the texts of the corpus saved for ``path``: the file a
    previous session saved beside the store's tables for the same corpus (see
    :mod:`tui.texts`), opened read-only; then the corpus is read without them."""

    def texts(stamp: str) -> ArticleTexts | None:
        from tui.paged import SavedTables
        from tui.store import default_path

        store = args.store if args.store is not None else default_path()
        return SavedTables.of_folder(store, path, stamp, False).texts()

    return texts


def _open(args: argparse.Namespace) -> int:
    """The dashboard on a terminal; the summary when standard output is not one."""
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        return _summary(args)
    from tui.app import run as run_dashboard

    _check_jobs(args)  # before the dashboard covers the terminal
    if args.jobs is None or args.jobs > 1:
        # Start multiprocessing's helper process now: inside the dashboard, standard error is
        # captured and has no file descriptor for it to inherit.
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()

    loader = _dashboard_loader(args)

    from tui.store import default_path

    store = None if args.no_store else (args.store or default_path())
    notice = _new_store_notice(args)
    if notice is not None:  # on the terminal before the dashboard covers it
        _warn(notice)
    return run_dashboard(
        args.path, read_only=args.read_only, theme=args.theme, loader=loader, store=store,
        restore=not args.fresh, remember=not args.no_store,
    )  # fmt: skip


DASK_EXTRA = "--dask needs the 'dask' extra: pip install 'newsdash[dask]'"


def _dask(args: argparse.Namespace) -> DaskRunner | None:
    """A connection to the scheduler named by ``--dask`` or ``$NEWSDASH_DASK``, if any."""
    address: str | None = args.dask if args.dask is not None else os.environ.get("NEWSDASH_DASK")
    if not address:
        return None
    try:
        from tui.distributed import DaskRunner
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in {"dask", "distributed"}:
            raise InputError(DASK_EXTRA) from exc
        raise
    return DaskRunner(address)


def _index(args: argparse.Namespace) -> int:
    with contextlib.ExitStack() as stack:
        runner = _dask(args)
        if runner is not None:
            stack.enter_context(runner)
        return _index_with(args, runner)


def _index_with(args: argparse.Namespace, runner: DaskRunner | None) -> int:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True, highlight=False, markup=False)
    columns = (
        TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
        TimeRemainingColumn(),
    )  # fmt: skip
    started = time.perf_counter()
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("index", total=None, rate="")

        def progress(done: int, total: int, name: str) -> None:
            elapsed = max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=done, total=total, rate=f"{done / elapsed:.1f} files/s")

        corpus, warnings = _load(args, progress, must_store=True, runner=runner)
    elapsed = time.perf_counter() - started
    where = f" on {runner.threads()} Dask worker threads" if runner is not None else ""
    console.print(
        f"{visible(_loaded_line(corpus, warnings))}; indexed in {elapsed:.1f} s{where}; "
        f"{len(corpus.people)} people, {len(corpus.events)} events, {len(corpus.figures)} figures"
    )
    _save_for_dashboard(args, corpus, console)
    return 0


def _save_for_dashboard(args: argparse.Namespace, corpus: Corpus, console: Console) -> None:
    """The dashboard's tables and the articles' texts for the corpus just saved, beside
    the store, so that the first dashboard on the folder (``--read-only`` too) opens them
    instead of holding the texts and making the tables. A failure is one warning: they are
    a cache, and the index itself is whole."""
    if corpus.stamp is None or args.no_store:
        return
    from tui.app.loading import save_for_dashboard
    from tui.paged import SavedTables
    from tui.store import default_path

    started = time.perf_counter()
    store = args.store if args.store is not None else default_path()
    saved = SavedTables.of_folder(store, args.path, corpus.stamp, True)
    try:
        made = save_for_dashboard(corpus, saved)
    except Exception as error:  # a cache: any failure is one warning, not a traceback
        first = (str(error).splitlines() or [""])[0]
        _warn(visible(f"{saved.folder}: the dashboard's tables were not saved ({first})"))
        return
    if made:
        console.print(f"dashboard tables saved in {time.perf_counter() - started:.1f} s")


def _with_default_command(argv: list[str]) -> list[str]:
    """``newsdash PATH [options]`` means ``newsdash open PATH [options]``."""
    positionals = [a for a in argv if not a.startswith("-")]
    if positionals and positionals[0] not in COMMANDS:
        return ["open", *argv]
    return argv


def run(argv: Sequence[str]) -> int:
    argv = _with_default_command(list(argv))
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return EXIT_USAGE
    from tui.export import OutputError

    try:
        if args.command == "schema":
            sys.stdout.write(json.dumps(_schema(), indent=1) + "\n")
            return 0
        if args.command == "export":
            return _export(args)
        if args.command == "summary":
            return _summary(args)
        if args.command == "index":
            return _index(args)
        return _open(args)
    except (InputError, OutputError) as exc:
        sys.stderr.write(f"newsdash: error: {visible(str(exc))}\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("newsdash: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``newsdash summary | head``): stop quietly, as standard
        # tools do, and keep the interpreter's final flush from complaining.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        if getattr(args, "debug", False):
            traceback.print_exc()
        else:
            first = str(exc).splitlines()[0] if str(exc) else ""
            sys.stderr.write(
                f"newsdash: internal error: {type(exc).__name__}: {first} (run with --debug)\n"
            )
        return EXIT_INTERNAL


def _raise_broken_pipe() -> None:
    raise BrokenPipeError


def _schema() -> dict[str, object]:
    from tui.export import schema

    return schema()


def main() -> int:
    code = run(sys.argv[1:])
    if code == EXIT_INTERRUPTED:
        # Interrupted: leave now. Exit handlers would join the extraction pool's manager
        # thread, which a second Ctrl-C could find still waiting on workers already ended.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
