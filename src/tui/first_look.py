"""The first look at a folder: the head of the corpus its last load saved, read from the
store before anything of the folder is.

A module of its own, light to import: the dashboard's load worker reads the head with it
and hands it to the panes before it imports the extraction and linking code
(:mod:`tui.pipeline`, ~0.3 s of imports that would otherwise come first, sharing the
interpreter with the dashboard starting)."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

from tui import snapshot
from tui.corrections import Corrections, load_corrections
from tui.gcpolicy import gc_paused
from tui.records.models import Corpus
from tui.safetext import visible
from tui.snapshot import ArticleTexts
from tui.store import Store, linker_version


def snapshot_key(corrections: Corrections | None, follow_symlinks: bool) -> str:
    """What a saved corpus is keyed by: the linking code, the corrections and the options."""
    options = repr(corrections) + ("\0follow-symlinks" if follow_symlinks else "")
    return snapshot.key_of(linker_version(), options)


def _key_now(path: Path, follow_symlinks: bool) -> str | None:
    """The key a corpus saved for ``path`` must have to be its corpus now (the folder's
    corrections as they are); None when the corrections file is malformed (then
    :func:`tui.pipeline.load_corpus` says what is wrong with it)."""
    try:
        corrections = load_corrections(path if path.is_dir() else path.parent)
    except ValueError:
        return None
    return snapshot_key(corrections, follow_symlinks)


def saved_head(
    path: Path, store: Store, *, follow_symlinks: bool = False
) -> tuple[Corpus, int] | None:
    """The head of the corpus the last load of ``path`` saved (its newest articles) and
    that corpus's article count, read before anything of the folder is: a first look at a
    big folder in well under a second, where checking that none of its 100,000 files
    changed takes seconds (more on a network file system). None when there is no saved
    corpus for the folder, it was made by other code or corrections, or the head is the
    whole corpus (then reading the whole is as fast). The folder may have changed since:
    :func:`tui.pipeline.load_corpus` then says what it is now."""
    want = _key_now(path, follow_symlinks)
    saved = store.saved_head(visible(str(path.resolve()))) if want is not None else None
    if saved is None:
        return None
    key, articles, head = saved
    if key != want or articles <= snapshot.HEAD_ARTICLES:
        return None
    try:
        with gc_paused():
            return snapshot.unpack(head), articles
    except (ValueError, zlib.error):
        return None


def saved_corpus(
    path: Path,
    store: Store,
    texts: Callable[[str], ArticleTexts | None],
    *,
    follow_symlinks: bool = False,
) -> Corpus | None:
    """The whole corpus the last load of ``path`` saved, read without its articles' texts
    (a :class:`tui.snapshot.LeanCorpus` reading each from the file ``texts`` gives for its
    stamp: what a dashboard session saved beside the store), before the folder's files are
    checked. The dashboard shows it while they are (seconds at 100,000 files) and, when the
    folder changed, while the changed files are extracted and the corpus linked again
    (minutes at 100,000 articles): every record the last session showed, each in its
    sentence as it was then, instead of the newest few hundred. When nothing changed,
    :func:`tui.pipeline.load_corpus` returns this very corpus (``shown``) without reading
    it again.

    None when there is no saved corpus for the folder, it was made by other code or
    corrections, no texts file was saved for it, or it cannot be read."""
    want = _key_now(path, follow_symlinks)
    saved = store.snapshot(visible(str(path.resolve()))) if want is not None else None
    if saved is None or not saved.stamp or saved.key != want:
        return None
    elsewhere = texts(saved.stamp)
    if elsewhere is None:
        return None
    try:
        with gc_paused():
            return saved.full_corpus(elsewhere)
    except (ValueError, zlib.error):
        close = getattr(elsewhere, "close", None)
        if close is not None:
            close()
        return None
