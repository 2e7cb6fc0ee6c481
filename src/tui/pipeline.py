"""From articles to a linked :class:`Corpus`: extract each article, then link across them."""

from __future__ import annotations

import datetime as dt
import os
import zlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui import nlp, snapshot
from tui.corrections import Corrections, load_corrections
from tui.first_look import snapshot_key
from tui.gcpolicy import gc_paused, gc_resumed
from tui.ingest.files import InputError, Warn, list_files
from tui.link.comparisons import (
    SavedGroups,
    SavedKeyed,
    SavedPassages,
    SavedPeriods,
    attach_periods,
    compare_figures,
)
from tui.link.copies import detect_copies, with_copies
from tui.link.events import BuiltEvent, TimeValues, build_events, group_events
from tui.link.incremental import Linker
from tui.link.people import link_people
from tui.link.provenance import linked_corpus
from tui.link.saved_copies import SavedPairs
from tui.link.sources import Sources
from tui.loader import Loaded, Runner, dated, extract_article, load
from tui.nlp import parse_article
from tui.records.extraction import ArticleExtraction
from tui.records.models import (
    Article,
    Comparison,
    Corpus,
    Figure,
    Published,
    Range,
    Span,
    TimeExpr,
)
from tui.safetext import visible
from tui.store import Store, linker_version

Progress = Callable[[int, int, str], None]
Preview = Callable[[Corpus, int], None]
"""Receives a first look at the corpus (its newest articles) and the full article count."""


def build_corpus(
    articles: Sequence[Article],
    progress: Progress | None = None,
    corrections: Corrections | None = None,
) -> Corpus:
    """Date (from the analyst's file, else from its own evidence when it states no date),
    run every extractor on every article and link the results."""
    extractions: dict[str, ArticleExtraction] = {}
    pipeline = nlp.load()
    done: list[Article] = []
    for i, article in enumerate(articles):
        parsed = dated(parse_article(_analyst_dated(article, corrections), pipeline))
        done.append(parsed.article)
        extractions[article.id] = extract_article(parsed)
        if progress is not None:
            progress(i + 1, len(articles), article.id)
    return link(done, extractions, corrections=corrections)


def _analyst_dated(article: Article, corrections: Corrections | None) -> Article:
    """``article`` with the publication date the analyst set, if any."""
    date = corrections.date_of(article.id) if corrections is not None else None
    if date is None:
        return article
    published = Published(date=date, how="analyst", detail="set in the corrections file")
    return article.model_copy(update={"published": published})


def _redate(loaded: Loaded, corrections: Corrections | None) -> None:
    """Articles the analyst dated, parsed and extracted again so that every relative
    expression is anchored on that date (the cached extraction keeps the file's own)."""
    if corrections is None or not corrections.dates:
        return
    for i, article in enumerate(loaded.articles):
        new = _analyst_dated(article, corrections)
        if new is article or new.published == article.published:
            continue
        loaded.articles[i] = new
        loaded.hashes.pop(new.id, None)  # no longer what the store keeps for its content
        with gc_resumed():  # a parse leaves garbage cycles behind (see gcpolicy)
            loaded.extractions[new.id] = extract_article(parse_article(new, nlp.load()))
        loaded.extracted += 1


def link(
    articles: Sequence[Article],
    extractions: dict[str, ArticleExtraction],
    corrections: Corrections | None = None,
    saved: SavedKeyed | None = None,
    pairs: SavedPairs | None = None,
    periods: SavedPeriods | None = None,
    grouped: SavedGroups | None = None,
    passages: SavedPassages | None = None,
    *,
    release: bool = False,
    checked: Collection[str] = (),
) -> Corpus:
    """Cross-article linking over per-article extractions. ``saved``: articles' keyed
    figures read back from the store, filled with those keyed in this run; ``pairs``: copy
    detection's pair measures read back, and this run's; ``periods``: figures' periods read
    back, and this run's; ``grouped``: the groups of figures read back, and this run's;
    ``passages``: figures' passage keys read back, and this run's (the corpus is the same
    without); ``checked``: articles whose records an earlier run checked against their
    texts, with this content and this code (:mod:`tui.link.provenance`: their spans are not
    compared again).

    ``release``: the caller hands ``extractions`` over. Each article's extraction is taken
    out of the dict once its events are built (the corpus keeps its time expressions), and
    the dict is left empty: what only the extractions held (people as each article saw them,
    sentences, anchors, fingerprints, figures before their periods) is freed before events
    are grouped and figures compared, instead of after the corpus is built and saved. The
    corpus is the same."""
    with gc_paused():  # tens of thousands of records survive: collections find nothing
        # Copies first: the articles carry their copy fields, and counts read them.
        found = detect_copies(
            articles,
            {a.id: extractions[a.id].fingerprint for a in articles},
            pairs.start() if pairs is not None else None,
        )
        articles = with_copies(articles, found)
        people, quotes, index = link_people(
            {k: v.people for k, v in extractions.items()}, corrections=corrections
        )
        attach = periods.attach if periods is not None else _attach
        figures = [
            f
            for a in articles
            for f in attach(
                a,
                extractions[a.id].figures,
                extractions[a.id].timexes,
                extractions[a.id].sentences,
            )
        ]
        figures_of: dict[str, list[Figure]] = {}
        for figure in figures:
            figures_of.setdefault(figure.article_id, []).append(figure)
        events: list[BuiltEvent] = []
        timexes: list[TimeExpr] = []
        values = TimeValues()  # value checks shared by every article of this run
        ex: ArticleExtraction | None = None
        for article in articles:
            ex = extractions.pop(article.id) if release else extractions[article.id]
            timexes.extend(ex.timexes)
            mentions: list[tuple[Span, str]] = [
                (m, index[(article.id, p.key)]) for p in ex.people.persons for m in p.mentions
            ]
            events.extend(
                build_events(
                    article,
                    ex.timexes,
                    mentions,
                    figures_of.get(article.id, []),
                    sentences=ex.sentences,
                    anchors=ex.anchors,
                    values=values,
                )
            )
        ex = None  # the last article's, freed too
        if release:
            extractions.clear()  # any extraction of no article linked here
        grouped_events = group_events(events, values)
        del events  # the events as built (their terms, the copies grouping replaced)
        return linked_corpus(
            articles=list(articles),
            people=people,
            quotes=quotes,
            events=grouped_events,
            figures=figures,
            comparisons=_kept(
                compare_figures(
                    figures,
                    list(articles),
                    Sources(articles),
                    saved=saved,
                    grouped=grouped,
                    passages=passages,
                ),
                figures,
                corrections,
            ),
            timexes=timexes,
            checked=checked,
        )


def _attach(
    article: Article, figures: list[Figure], timexes: list[TimeExpr], sentences: Sequence[Range]
) -> list[Figure]:
    return attach_periods(article, figures, timexes, sentences=sentences)


def _by_article(store: Store, loaded: Loaded, kind: str) -> dict[str, str]:
    """The rows of ``kind`` the store keeps for the loaded articles, by article id."""
    rows = store.derived(kind, loaded.hashes.values())
    return {aid: rows[h] for aid, h in loaded.hashes.items() if h in rows}


def _saved_keyed(store: Store | None, loaded: Loaded) -> SavedKeyed | None:
    """The keyed figures the store keeps for the loaded articles (None without a store)."""
    return None if store is None else SavedKeyed(_by_article(store, loaded, "keyed"))


def _saved_periods(store: Store | None, loaded: Loaded) -> SavedPeriods | None:
    """The figures' periods the store keeps for the loaded articles (None without a store)."""
    return None if store is None else SavedPeriods(_by_article(store, loaded, "periods"))


def _saved_passages(store: Store | None, loaded: Loaded) -> SavedPassages | None:
    """The figures' passage keys the store keeps for the loaded articles (None without a
    store)."""
    return None if store is None else SavedPassages(_by_article(store, loaded, "passages"))


def _saved_pairs(store: Store | None, loaded: Loaded) -> SavedPairs | None:
    """The copy pairs the store keeps for the loaded articles (None without a store)."""
    if store is None:
        return None
    return SavedPairs(loaded.hashes, store.derived("copies", loaded.hashes.values()))


CHECKED = "checked"
"""The store's ``derived`` kind marking a content whose records a linking run checked
against its text (:mod:`tui.link.provenance`); under the linker version, as every derived
row, so a change of the extraction or linking code drops every mark."""


def _checked(store: Store | None, loaded: Loaded) -> set[str]:
    """The articles read back from the store whose content a linking run of this code has
    checked (an article extracted or dated again in this load is checked again)."""
    if store is None or not loaded.read:
        return set()
    read = {aid: h for aid, h in loaded.hashes.items() if aid in loaded.read}
    marks = store.derived(CHECKED, read.values())
    return {aid for aid, h in read.items() if h in marks}


def _saved_groups(store: Store | None, root: str, loaded: Loaded) -> SavedGroups | None:
    """The groups of figures the store keeps for the folder (None without a store)."""
    if store is None:
        return None
    return SavedGroups(loaded.hashes, store.link_state(root, "groups"))


def _save_derived(
    store: Store | None,
    loaded: Loaded,
    saved: SavedKeyed | None,
    pairs: SavedPairs | None,
    periods: SavedPeriods | None,
    passages: SavedPassages | None = None,
    checked: Collection[str] = (),
) -> None:
    """Save what this run derived of each article that the store did not have: keyed
    figures, copy pairs, figures' periods and passage keys, by content hash; and a mark for
    each content the run checked against its text that had none (``checked``: those with
    one)."""
    if store is None:
        return
    hashes = loaded.hashes
    for kind, made in (
        ("keyed", saved.made if saved is not None else {}),
        ("periods", periods.made if periods is not None else {}),
        ("passages", passages.made if passages is not None else {}),
    ):
        if made:
            store.put_derived(
                kind, {hashes[aid]: data for aid, data in made.items() if aid in hashes}
            )
    if pairs is not None:
        store.put_derived("copies", pairs.changed())
    store.put_derived(CHECKED, {h: "1" for aid, h in hashes.items() if aid not in checked})


def _kept(
    comparisons: list[Comparison], figures: list[Figure], corrections: Corrections | None
) -> list[Comparison]:
    if corrections is None:
        return comparisons
    return corrections.keep_comparisons(comparisons, figures)


@dataclass
class LinkState:
    """What a load keeps so that the next load of the same folder, in this process, reads
    and re-links only what changed (:class:`tui.link.incremental.Linker`): the folder as it
    was read and its articles and extractions. Its owner (the dashboard keeps one per
    folder) passes it to :func:`load_corpus`; nothing is kept in module state."""

    linker: Linker = field(default_factory=Linker)
    key: str = ""
    """The folder, the code and the options it was linked with (not the corrections)."""
    entries: dict[str, snapshot.ManifestEntry] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    extractions: dict[str, ArticleExtraction] = field(default_factory=dict)
    dates: dict[str, dt.date] = field(default_factory=dict)
    """The analyst's publication dates the articles were extracted with."""
    incremental: bool = False
    """Whether the last load was incremental."""

    def remember(
        self,
        key: str,
        entries: list[snapshot.ManifestEntry],
        articles: Sequence[Article],
        extractions: dict[str, ArticleExtraction],
        corrections: Corrections | None,
    ) -> None:
        self.key = key
        self.entries = {e[0]: e for e in entries}
        self.articles = {a.id: a for a in articles}
        self.extractions = {a.id: extractions[a.id] for a in articles}
        self.dates = dict(corrections.dates) if corrections is not None else {}

    def changed(
        self,
        files: list[tuple[Path, str]],
        entries: list[snapshot.ManifestEntry],
        corrections: Corrections | None,
    ) -> list[tuple[Path, str]]:
        """The files to read again: new, changed (size or mtime), skipped last time, or
        given another publication date by the analyst."""
        dates = dict(corrections.dates) if corrections is not None else {}
        out: list[tuple[Path, str]] = []
        for (file, aid), entry in zip(files, entries, strict=True):
            old = self.entries.get(entry[0])
            if (
                old is None
                or old[1:3] != entry[1:3]
                or entry[1] < 0
                or aid not in self.articles
                or dates.get(aid) != self.dates.get(aid)
            ):
                out.append((file, aid))
        return out


def load_corpus(
    path: Path,
    warn: Warn,
    progress: Progress | None = None,
    *,
    store: Store | None = None,
    jobs: int = 1,
    corrections: Corrections | None = None,
    preview: Preview | None = None,
    follow_symlinks: bool = False,
    runner: Runner | None = None,
    state: LinkState | None = None,
    texts: Callable[[str], snapshot.ArticleTexts | None] | None = None,
    shown: Corpus | None = None,
) -> Corpus:
    """Load every article under ``path`` and build the linked corpus.

    Symlinks that lead out of the folder are skipped with a warning unless
    ``follow_symlinks``.

    Raises :class:`tui.ingest.InputError` (one-line message) when nothing can be loaded;
    per-file problems go to ``warn`` and the rest loads. With a ``store``, unchanged files
    are not extracted again, and when nothing in the folder changed the linked corpus saved
    by the last load is returned without reading any article (see :mod:`tui.snapshot`);
    ``preview`` then first receives its head (the newest articles) and the number of
    articles in the whole corpus. What linking derives from one article's content alone
    (figures' periods, keyed figures, copy-pair measures) is read back from the store and
    saved for the next load (the store's ``derived`` table): the corpus is the same.
    ``jobs > 1`` extracts new files in a process pool, a ``runner`` elsewhere (a Dask
    cluster, :mod:`tui.distributed`). The analyst's corrections file in the folder (see
    :mod:`tui.corrections`) is applied unless ``corrections`` is given; a malformed one is a
    fatal :class:`InputError`.

    When the folder must be loaded and has more than :data:`tui.snapshot.HEAD_ARTICLES`
    files, ``preview`` receives the first that many articles ready, linked on their own
    (their people ids may differ from the whole corpus's; events and figures keep theirs).

    With a ``state`` that a previous load of this folder filled, only the files added or
    changed since are read, and linking re-examines only what they (and a change of the
    corrections) touch; the corpus is the one a full load gives. The state is then updated.

    When the saved corpus is returned and ``texts`` gives, for its stamp, somewhere its
    articles' texts are kept (the dashboard's file beside the store), it is read without
    them: it reads each from there (a :class:`tui.snapshot.LeanCorpus`). When ``shown``
    is that saved corpus already read (the dashboard showed it while the folder was
    checked: :func:`tui.first_look.saved_corpus`), it is returned as it is, not read again.
    """
    saved_corrections = corrections is None
    if corrections is None and path.exists():
        folder = path if path.is_dir() else path.parent
        try:
            corrections = load_corrections(folder)
        except ValueError as exc:
            raise InputError(f"{folder}: {exc}") from exc
    files = list_files(path, warn, follow_symlinks)
    root = visible(str(path.resolve()))
    wanted = store is not None or state is not None
    entries = snapshot.manifest(f for f, _ in files) if wanted else []
    key = snapshot_key(corrections, follow_symlinks)
    state_key = snapshot.key_of(linker_version(), root + ("\0follow" if follow_symlinks else ""))
    if store is not None and saved_corrections:
        saved = store.snapshot(root)
        # The folder typed as when it was saved, or spelled another way (relative and
        # absolute, another working directory): the same files, the paths re-spelled.
        matched = saved is not None and saved.matches(key, entries)
        spelling = None
        if saved is not None and not matched and path.is_dir():
            spelled = "" if os.fspath(path) == "." else os.path.join(os.fspath(path), "")
            spelling = saved.respelled(key, entries, spelled)
        if saved is not None and (matched or spelling is not None):
            if matched and shown is not None and shown.stamp == saved.stamp:
                elsewhere = None  # the saved corpus is the one shown: not read again
            else:
                shown = None
                elsewhere = texts(saved.stamp) if texts is not None and saved.stamp else None
            corpus = _from_snapshot(saved, warn, progress, preview, elsewhere, spelling, shown)
            if corpus is not None:
                return corpus
        del saved  # a stale snapshot's packed corpus: not kept through the load
    # From the read of cached extractions to the saved snapshot, one pause of the cyclic
    # collector (see gcpolicy): every record read, linked and packed survives, so its passes
    # find nothing; switched back on between the stages it walked them all again (about
    # 1.3 s at 10,000 articles). Extraction inside it runs with the collector on.
    with gc_paused():
        warnings: list[str] = []

        def record(message: str) -> None:
            warnings.append(message)
            warn(message)

        early: list[tuple[Article, ArticleExtraction]] = []

        def each(article: Article, extraction: ArticleExtraction) -> None:
            # A first look while a big folder loads: the first articles ready, linked alone.
            if preview is None or len(files) <= snapshot.HEAD_ARTICLES:
                return
            if len(early) < snapshot.HEAD_ARTICLES:
                early.append((article, extraction))
                if len(early) == snapshot.HEAD_ARTICLES:
                    part = link(
                        [a for a, _ in early], {a.id: x for a, x in early}, corrections=corrections
                    )
                    preview(part, len(files))

        if state is not None and state.linker.linked and state.key == state_key:
            todo = state.changed(files, entries, corrections)
            loaded = load(
                path, record, progress, store=store, jobs=jobs, files=todo, runner=runner,
                folder=files,
            )  # fmt: skip
            _redate(loaded, corrections)
            fresh = {a.id: (a, loaded.extractions[a.id]) for a in loaded.articles}
            reread = {aid for _, aid in todo}
            articles: list[Article] = []
            extractions: dict[str, ArticleExtraction] = {}
            for _, aid in files:
                if aid in fresh:
                    article, extractions[aid] = fresh[aid]
                elif aid in state.articles and aid not in reread:
                    article, extractions[aid] = state.articles[aid], state.extractions[aid]
                else:
                    continue
                articles.append(article)
            if not articles:
                raise InputError(f"{path}: no readable articles")
            gone = set(state.articles) - {a.id for a in articles}
            if loaded.extracted:
                nlp.release()
            keyed, pairs = _saved_keyed(store, loaded), None  # pairs: only a whole link's
            periods, passages = _saved_periods(store, loaded), _saved_passages(store, loaded)
            checked = _checked(store, loaded)
            corpus = state.linker.link(
                articles, extractions, corrections, changed=reread | gone, saved=keyed,
                periods=periods, passages=passages, checked=checked,
            )  # fmt: skip
            state.remember(state_key, entries, articles, extractions, corrections)
            state.incremental = True
        else:
            loaded = load(
                path,
                record,
                progress,
                store=store,
                jobs=jobs,
                files=files,
                each=each,
                runner=runner,
            )
            _redate(loaded, corrections)
            early.clear()
            if loaded.extracted:
                nlp.release()
            keyed, pairs = _saved_keyed(store, loaded), _saved_pairs(store, loaded)
            periods, passages = _saved_periods(store, loaded), _saved_passages(store, loaded)
            grouped = _saved_groups(store, root, loaded)
            checked = _checked(store, loaded)
            if state is None:
                corpus = link(
                    loaded.articles, loaded.extractions, corrections=corrections, saved=keyed,
                    pairs=pairs, periods=periods, grouped=grouped, passages=passages,
                    release=True,  # nothing else holds them: freed as linking goes
                    checked=checked,
                )  # fmt: skip
            else:
                state.linker = Linker()
                corpus = state.linker.link(
                    loaded.articles, loaded.extractions, corrections, saved=keyed, pairs=pairs,
                    periods=periods, grouped=grouped, passages=passages, checked=checked,
                )  # fmt: skip
                state.remember(state_key, entries, loaded.articles, loaded.extractions, corrections)
                state.incremental = False
            if store is not None and grouped is not None and grouped.made is not None:
                store.put_link_state(root, "groups", grouped.made)
        _save_derived(store, loaded, keyed, pairs, periods, passages, checked)
        del loaded  # the extractions are linked: let them go before the snapshot is written
        if store is not None and store.writable and saved_corrections:
            # the head and the packed lines copy the corpus's records: still paused
            kept = {a.path for a in corpus.articles}
            written = snapshot.Snapshot(
                key,
                entries,
                [
                    e[0]
                    for (f, _), e in zip(files, entries, strict=True)
                    if visible(str(f)) not in kept
                ],
                warnings,
                len(corpus.articles),
                snapshot.pack(snapshot.head(corpus)),
                snapshot.pack(corpus),
            )
            if store.put_snapshot(root, written):
                corpus.stamped(written.stamp)
        return corpus


def _from_snapshot(
    saved: snapshot.Snapshot,
    warn: Warn,
    progress: Progress | None,
    preview: Preview | None,
    texts: snapshot.ArticleTexts | None = None,
    spelling: tuple[str, str] | None = None,
    shown: Corpus | None = None,
) -> Corpus | None:
    """The saved corpus (None when it cannot be read: the caller then loads afresh);
    ``spelling``: saved with the folder spelled the first way, read for the second (see
    :meth:`tui.snapshot.Snapshot.respelled`); ``shown``: that corpus, already read."""

    def spelled(corpus: Corpus) -> Corpus:
        return snapshot.respell(corpus, *spelling) if spelling is not None else corpus

    if shown is not None:
        corpus = shown
    else:
        try:
            if preview is not None and saved.articles > snapshot.HEAD_ARTICLES:
                with gc_paused():
                    head = spelled(saved.head_corpus())
                preview(head, saved.articles)
            with gc_paused():
                corpus = spelled(saved.full_corpus(texts))
        except (ValueError, zlib.error):
            return None
    warnings = saved.warnings if spelling is None else saved.respelled_warnings(*spelling)
    for message in warnings:
        warn(message)
    if progress is not None:
        progress(saved.articles, saved.articles, "saved corpus")
    return corpus
