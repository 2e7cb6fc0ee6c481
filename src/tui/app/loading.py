"""Loading a folder in a worker thread, showing a preview of it first, then the whole."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from tui.app.dashboard import Dashboard
from tui.app.messages import LoadProgress
from tui.app.palette import palette_lines, saved_palette
from tui.app.panes.figures import FigureSource
from tui.app.panes.timeline import TimelineSource
from tui.app.screens.modals import MessageScreen, WarningsScreen
from tui.app.view import CorpusView, carry_person, carry_selection
from tui.errors import InputError
from tui.gcpolicy import gc_paused, release_free_memory
from tui.paged import FigureTable, SavedTables, TimelineTable
from tui.records.models import Corpus
from tui.safetext import visible
from tui.snapshot import LeanCorpus
from tui.store import Store

if TYPE_CHECKING:
    from tui.pipeline import LinkState

Loader = Callable[
    [Path, Callable[[str], None], Callable[[int, int, str], None], Callable[[Corpus, int], None]],
    Corpus,
]
"""Loads a folder in the load worker: (path, warn, progress, preview) -> Corpus. ``preview``
may be called first with part of the corpus (its newest articles) and the full article
count, so the panes fill while the rest is read."""

SAVED_SHOWN = "the corpus as last saved"
"""What the status line says while the whole corpus a previous session saved is shown and
the folder is read again (and, if it changed, linked again)."""

PROGRESS_EVERY = 0.1
"""Seconds at least between two progress lines the load worker posts (the first, the start
of extraction and the last are always posted)."""

PREVIEW_WAIT = 2.0
"""Seconds the load worker waits for a preview to be drawn before reading the rest."""


class Loading(Dashboard):
    """The load worker and the hand-over of what it read to the UI thread. The worker never
    touches a widget: it posts progress and calls back on the UI thread."""

    loader: Loader | None
    """What reads the folder; None: the pipeline's ``load_corpus``."""
    link_state: LinkState | None = None
    """What the last load kept, so that a re-link after a correction reads and links only
    what it touches (made by the first load; used only by the load worker)."""
    LIGHTENED_AFTER = 1.0
    """Seconds from a lighter corpus shown until the memory of the one it replaced is given
    back (the panes let it go as they rebuild their rows)."""
    LIGHTEN_FROM = 2_000
    """Articles from which a session that saved its files reads its corpus back without
    what they hold (:meth:`save_and_lighten`): below, its records in memory are tens of MB,
    not worth reading and indexing the corpus again for."""

    @work(thread=True, exclusive=True, group="load")
    def load(self, path: Path, relink: bool = False) -> None:
        """Read the folder; ``relink``: again, after the corrections file changed (no
        preview: the panes keep the whole corpus until the re-linked one replaces it)."""
        warnings: list[str] = []

        said = [-PROGRESS_EVERY]  # when the last progress was posted (monotonic seconds)

        def progress(done: int, total: int, name: str) -> None:
            # A file at a time is up to thousands a second (cached extractions): each
            # posted and shown made the status line and what it overlaps render again,
            # 340,000 strips and 5 million objects in cycles over a re-link's reads at
            # 100,000 files, left for a collector the load keeps paused. The start of
            # extraction ("" names no file) and the last file are always said.
            now = time.monotonic()
            if name and done < total and now - said[0] < PROGRESS_EVERY:
                return
            said[0] = now
            self.post_message(LoadProgress(done, total, name))

        shown: list[CorpusView] = []  # the last preview's view

        def preview(part: Corpus, total: int) -> None:
            if relink:
                return
            # Indexed here, in the worker: the UI thread only swaps the view in. Reading
            # the rest waits (up to PREVIEW_WAIT) until the preview is on screen, so the
            # two do not share the interpreter while the first records are drawn. A saved
            # corpus shown whole (stamped) opens the tables saved for it.
            view = indexed(part, self.saved_tables(path, part))
            shown[:] = [view]
            painted = threading.Event()
            self.call_from_thread(self.previewed, view, total, painted)
            painted.wait(PREVIEW_WAIT)

        try:
            if self.loader is not None:
                corpus = self.loader(path, warnings.append, progress, preview)
            else:
                from tui.pipeline import LinkState, load_corpus

                if self.link_state is None:
                    self.link_state = LinkState()
                corpus = load_corpus(
                    path, warnings.append, progress, preview=preview, state=self.link_state
                )
            saved = self.saved_tables(path, corpus)
            if shown and shown[0].corpus is corpus:
                view = shown[0]  # the saved corpus shown while the folder was checked
                # what checking it read and let go (the folder's listing, the saved
                # manifest: ~0.5 GB at 100,000 files) given back, as indexing does
                release_free_memory()
            else:
                shown.clear()  # let go before the corpus is indexed
                view = indexed(corpus, saved)
        except InputError as error:
            self.call_from_thread(self.show_input_error, str(error))
            return
        except Exception as error:  # never a traceback on the analyst's screen
            first = (str(error).splitlines() or [""])[0]
            message = f"internal error while loading: {type(error).__name__}: {first}"
            self.call_from_thread(self.show_input_error, message)
            return
        self.call_from_thread(self.loaded, view, [] if relink else warnings)
        if saved is not None and saved.writable:
            # A daemon thread: quitting never waits for it (a half-written file is never
            # read, and the next save removes it).
            threading.Thread(
                target=self.save_and_lighten,
                args=(view, saved),
                name="save-tables",
                daemon=True,
            ).start()

    def saved_tables(self, path: Path, corpus: Corpus) -> SavedTables | None:
        """Where the tables of ``corpus`` are saved between sessions, when it is the corpus
        saved in the store for ``path`` (and there is a store)."""
        if self.store_path is None or corpus.stamp is None:
            return None
        return SavedTables.of_folder(self.store_path, path, corpus.stamp, not self.read_only)

    def save_tables(self, view: CorpusView, saved: SavedTables) -> bool:
        """Save the tables made for ``view`` (not those opened from the files), with their
        search index, and its articles' texts, for the next session on the same corpus
        (which then reads the corpus without its texts: see :mod:`tui.texts`; seconds at
        100,000 articles, the dashboard in use meanwhile). A failure is one warning (and
        False)."""
        try:
            save_view(view, saved)
        except Exception as error:  # a cache: any failure is one warning, not a traceback
            first = (str(error).splitlines() or [""])[0]
            message = f"{saved.folder}: the panes' tables were not saved ({first})"
            self.warnings.append(visible(message))  # whether or not the app still runs
            return False
        finally:
            release_free_memory()  # the rows and texts it made to write
        return True

    def save_and_lighten(self, view: CorpusView, saved: SavedTables) -> None:
        """Save ``view``'s tables and texts (:meth:`save_tables`); then, when its corpus
        holds what the files now hold (a session that made them), read that corpus back
        from the store without it, as the next session will, index it and show it instead
        (:meth:`lightened`): the session goes on with the memory of a session that opened
        the files (100,000 articles: GBs of records in memory down to hundreds of MB).
        Nothing is shown differently: the same corpus, its records read when drawn."""
        if not self.save_tables(view, saved) or isinstance(view.corpus, LeanCorpus):
            return
        if self.store_path is None or len(view.corpus.articles) < self.LIGHTEN_FROM:
            return
        reader = replace(saved, writable=False)
        lean = read_back(self.store_path, reader, view.corpus)
        if lean is None:
            return
        try:
            lighter = indexed(lean, reader)
            del lean, view  # this thread's: the panes' are let go as they show the new one
            self.call_from_thread(self.lightened, lighter)
        except Exception:  # the app quit meanwhile, or a file went away:
            return  # the session keeps the corpus it shows
        # What the corpus in memory held, given back once the panes have let it go (they
        # rebuild their rows on the next refreshes): unreachable cycles of it collected
        # first, before anything freezes them.
        time.sleep(self.LIGHTENED_AFTER)
        gc.collect()
        release_free_memory()

    def lightened(self, lean: CorpusView) -> None:
        """Show ``lean`` (the corpus shown, read back from the store without what the
        saved files hold) instead, unless another corpus has been shown since (a re-link
        after a correction: its stamp differs). Selection, filters and search are the same
        records' in both."""
        shown = self.view
        if shown is None or self.previewing or shown.corpus.stamp != lean.corpus.stamp:
            return
        self.view = lean

    def previewed(
        self, view: CorpusView, total: int, painted: threading.Event | None = None
    ) -> None:
        """Show part of the corpus (the newest articles of a saved corpus, or the first ones
        extracted), or the whole corpus a previous session saved, while the folder is still
        being read; ``painted`` is set once the panes have drawn it (their rebuild runs
        after the next refresh, the paint after it)."""
        self.previewing = True
        shown = len(view.corpus.articles)
        if view.corpus.stamp is not None:  # the whole corpus a previous session saved
            self.status_text = f"{SAVED_SHOWN} · checking the folder for changes…"
        else:
            self.status_text = f"{shown} of {total} articles shown · loading the rest…"
        self.view = view
        if painted is not None:
            self.call_after_refresh(lambda: self.call_after_refresh(painted.set))

    def loaded(self, view: CorpusView, warnings: list[str]) -> None:
        self.warnings.extend(warnings)
        self.previewing = False
        self.status_text = ""
        old = self.view
        if old is not None and old is not view:
            # Choices made in a preview carry over: by name for people (a preview linked on
            # its own numbers them differently), by label for outlet filters (the whole
            # corpus has more of the outlet's articles).
            self.person_filter = carry_person(old, view, self.person_filter)
            self.selection = carry_selection(old, view, self.selection)
            if self.article_filter is not None:
                label = self.article_filter.label
                same = [f for f in view.outlet_filters() if f.label == label]
                self.article_filter = same[0] if same else None
        self.view = view
        self.refresh_status()

    def show_input_error(self, message: str) -> None:
        self.push_screen(
            MessageScreen(
                "Cannot open the articles",
                message,
                "newsdash reads article files (.txt, .html, …) from a folder, or one file. "
                "Check the path, then run newsdash again. Press q to quit.",
            )
        )

    def action_warnings(self) -> None:
        """List the warnings: files loading skipped, keymap entries that were not used."""
        lines = tuple(self.warnings)
        self.push_kept("warnings", lines, lambda: WarningsScreen(lines))


def indexed(corpus: Corpus, saved: SavedTables | None = None) -> CorpusView:
    """The dashboard's index of ``corpus`` with the Timeline's and Figures' tables made (or
    opened from ``saved``, when a previous session saved them for this corpus, with the
    palette's entries) and every person's first mention found (in the load worker: at
    10,000 articles they take ~2 s, which the panes' first fill and the first moves in
    People would otherwise spend on the event loop)."""
    view = CorpusView.build(corpus)
    TimelineSource.of(view).table(saved)
    FigureSource.of(view).table(saved)
    saved_palette(view, saved)
    view.index_first_mentions()
    # What reading and indexing let go (the saved corpus's packed lines, the index's
    # scratch) is given back to the system, not kept resident (290 MB at 100,000).
    release_free_memory()
    return view


def save_view(view: CorpusView, saved: SavedTables) -> None:
    """Save ``view``'s tables that were made (not opened from their files) and the
    palette's entries (unless opened from theirs), then its articles' texts: last, so that
    a session finding the texts finds the others too. OSError or sqlite3.Error when a file
    cannot be written."""
    for table in (TimelineSource.of(view).table(saved), FigureSource.of(view).table(saved)):
        if not table.indexed:
            saved.save(table)
    if saved_palette(view, saved) is None:
        saved.save_search(palette_lines(view))
    saved.save_texts(view.corpus, view.spans_by_article)  # the index gathered its spans


def save_for_dashboard(corpus: Corpus, saved: SavedTables) -> bool:
    """Make and save the dashboard's tables and the texts of ``corpus`` (the corpus just
    saved in the store: what ``newsdash index`` does, so that the first dashboard session,
    a ``--read-only`` one too, opens them); False when they were saved already. The texts
    are written last, but their version is not the tables' (a change to the dashboard's
    code leaves them), so each file is looked for."""
    if all_saved(saved):
        return False
    save_view(CorpusView.build(corpus), saved)
    return True


def all_saved(saved: SavedTables) -> bool:
    """Whether every file the dashboard saves for the corpus of ``saved`` is there, made by
    this code: both tables, the palette's entries and the texts."""
    opened = [saved.open(FigureTable), saved.open(TimelineTable), saved.search(), saved.texts()]
    for found in opened:
        if found is not None:
            found.close()
    return all(found is not None for found in opened)


def read_back(store: Path, saved: SavedTables, shown: Corpus) -> Corpus | None:
    """The corpus ``shown`` read back from ``store`` without what the texts file of
    ``saved`` holds (a :class:`tui.snapshot.LeanCorpus`, as the next session on the folder
    reads it); None when the store no longer holds that corpus (another session linked the
    folder again), when it was read with its folder spelled another way (its articles'
    paths differ), or when the store or the file cannot be read."""
    texts = saved.texts()
    if texts is None:
        return None
    try:
        with Store(store, read_only=True) as opened:
            found = opened.snapshot(saved.root)
        if found is None or found.stamp != shown.stamp:
            texts.close()
            return None
        with gc_paused():
            lean = found.full_corpus(texts)
    except Exception:  # a cache: the session keeps the corpus it shows
        texts.close()
        return None
    if [a.path for a in lean.articles] != [a.path for a in shown.articles]:
        texts.close()
        return None
    return lean
