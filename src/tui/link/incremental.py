"""Incremental linking: after a change, re-link only what the change touches.

A :class:`Linker` links a corpus exactly as :func:`tui.pipeline.link` does and keeps, for the
next run, what each article contributed and what each group of people resolved to. Told
which articles were added, changed or deleted (and given the analyst's corrections, which it
compares with the previous run's), the next run re-examines only:

- **people**: the *components* of local people that share a key — a surname (folded and
  transliterated), a full name or the name a double surname shortens to, a local person, an
  analyst's merge (:func:`unit_keys`). No rule of :mod:`tui.link.people` joins two units that
  share no key, and each rule looks at units in corpus order, so clustering one component
  alone gives it exactly what clustering the whole corpus gives it. A component whose units
  all come from untouched articles keeps its clusters and person records; the others are
  clustered again. An article is touched by a correction when one of its names, forms or
  mentions is among the names the correction adds or removes.
- **per article**: figure periods, and events (rebuilt when the article, its copy links or
  the person ids of its people changed).
- **copies**: the pairs of articles copy detection compared on their texts (each pair's
  measure depends on its two texts alone, :class:`tui.link.copies.CopyMemo`): after a change
  only the pairs with a changed, added or deleted article are compared again; the index is
  replayed over the whole corpus from the kept measures (fingerprints only, no text read),
  so every decision that depends on the order of originals is taken again as a full run
  takes it.

- **comparisons**: the group keys of figures (:func:`tui.link.comparisons.grouping.group_key`;
  a figure never joins a group of another key) that a changed, added or deleted article's
  figures have or had are grouped and judged again; the other keys keep their groups and
  judgments (:class:`tui.link.comparisons.CompareMemo`), and all are numbered again in
  corpus order. Reused as they are when no article changed (after a correction; copy
  detection too).

Event grouping and the numbering of people, quotes, groups and comparisons run over
the whole corpus: their keys are global (ids are numbered in corpus order; originals are
found in publication order); docs/performance.md has what each stage costs. The result is
the corpus a full re-link gives, record for record (a property test on
random edit sequences compares the two exports).

The state lives in the :class:`Linker` object, which its owner passes in explicitly (the
dashboard keeps one per folder); nothing is kept in module state.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tui.corrections import Corrections
from tui.gcpolicy import gc_paused
from tui.link.comparisons import (
    CompareMemo,
    SavedGroups,
    SavedKeyed,
    SavedPassages,
    SavedPeriods,
    attach_periods,
    compare_figures,
)
from tui.link.copies import CopyLink, CopyMemo, detect_copies, with_copies
from tui.link.events import BuiltEvent, TimeValues, build_events, group_events
from tui.link.people import (
    Group,
    PersonIndex,
    _cluster,
    _display,
    _groups,
    _NameMemo,
    _person,
    _Unit,
    _units,
    quotes_of,
)
from tui.link.provenance import linked_corpus
from tui.link.saved_copies import SavedPairs
from tui.link.sources import Sources
from tui.records.extraction import ArticleExtraction, PeopleResult
from tui.records.models import Article, Comparison, Corpus, Figure, Person, Span

UnitId = tuple[str, int]
"""A local person's unit: (article id, its place among the article's units)."""


@dataclass
class _Part:
    """What one article contributes, kept from run to run while the article is unchanged."""

    extraction: ArticleExtraction
    people: PeopleResult
    """Its people after the corrections (a copy of the extraction's when they apply)."""
    units: list[_Unit]
    keys: list[list[tuple[str, ...]]]
    """Each unit's :func:`unit_keys`."""
    names: frozenset[str]
    """Folded names, forms and mention texts: what a correction must name to touch it."""
    copies: list[CopyLink] | None = None
    linked: Article | None = None
    figures: list[Figure] = field(default_factory=list)
    pids: tuple[str, ...] | None = None
    events: list[BuiltEvent] = field(default_factory=list)


@dataclass(frozen=True)
class _Cluster:
    members: tuple[UnitId, ...]
    person: Person


@dataclass
class RelinkStats:
    """What the last run re-examined (for tests and benchmarks)."""

    articles: int = 0
    fresh: int = 0
    """Articles added or changed, or touched by a correction."""
    components: int = 0
    reclustered: int = 0
    """Components of people clustered again (the rest were reused)."""
    rebuilt: int = 0
    """Articles whose periods and events were built again."""
    renamed: int = 0
    """Articles whose events only had their people's ids renumbered."""
    measured: int = 0
    """Pairs of articles copy detection compared on their texts (a changed one in each)."""
    reused: int = 0
    """Pairs whose comparison was reused from an earlier run (both articles unchanged)."""
    keys: int = 0
    """Group keys of figures (:func:`tui.link.comparisons.grouping.group_key`)."""
    regrouped: int = 0
    """Keys whose figures were grouped again (a changed article's figures have or had it)."""
    judged: int = 0
    """Groups of figures judged again (the others' comparisons were reused)."""
    kept: int = 0
    """Groups whose comparisons were reused from an earlier run."""
    restored: int = 0
    """Groups whose comparisons were read back from the store (a first run given them)."""
    checked: int = 0
    """Articles whose spans were not compared with their texts again: checked by the last
    run (not re-read since) or, with this content, by an earlier process
    (:mod:`tui.link.provenance`)."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Time per stage."""


class _Lap:
    """Seconds since the last lap, per stage name."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into = into
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.into[stage] = round(now - self.last, 3)
        self.last = now


class Linker:
    """Links a corpus and keeps what the next, incremental, run reuses (see the module)."""

    def __init__(self) -> None:
        self._parts: dict[str, _Part] = {}
        self._components: dict[tuple[UnitId, ...], list[_Cluster]] = {}
        self._corrections: Corrections | None = None
        self._found: dict[str, list[CopyLink]] | None = None
        self._memo = CopyMemo()
        self._compared: list[Comparison] | None = None
        self._comparing = CompareMemo()
        self._verified: set[str] = set()
        """The articles whose spans the last run's corpus checked (or knew checked)."""
        self.linked = False
        """Whether a run happened (the next one may be incremental)."""
        self.stats = RelinkStats()

    def forget(self) -> None:
        """Drop what was kept: the next run links everything."""
        self._parts, self._components, self._corrections = {}, {}, None
        self._found, self._compared = None, None
        self._memo = CopyMemo()
        self._comparing = CompareMemo()
        self._verified = set()
        self.linked = False

    def link(
        self,
        articles: Sequence[Article],
        extractions: Mapping[str, ArticleExtraction],
        corrections: Corrections | None = None,
        changed: Collection[str] | None = None,
        saved: SavedKeyed | None = None,
        pairs: SavedPairs | None = None,
        periods: SavedPeriods | None = None,
        grouped: SavedGroups | None = None,
        passages: SavedPassages | None = None,
        checked: Collection[str] = (),
    ) -> Corpus:
        """The linked corpus of ``articles`` (in order) and their ``extractions``.

        ``changed``: the ids of articles added, changed or deleted since the last run
        (None: everything, as on a first run). Articles and extractions of other ids must be
        those of the last run. ``saved``: articles' keyed figures read back from the store
        (:mod:`tui.link.comparisons.saved`), filled with those keyed in this run; ``pairs``:
        copy detection's pair measures read back (:mod:`tui.link.saved_copies`), used when
        this run compares every article (a first run, or ``changed`` None); ``periods``:
        figures' periods read back, filled with those attached in this run; ``grouped``: the
        groups of figures read back (:mod:`tui.link.comparisons.saved_groups`), used when
        this run compares every key anew (as ``pairs``), given this run's to save;
        ``passages``: figures' passage keys read back, filled with those made in this run;
        ``checked``: articles whose records an earlier process checked against their texts,
        with this content and this code (:mod:`tui.link.provenance`: the store's marks)."""
        with gc_paused():
            try:
                return self._link(
                    articles,
                    extractions,
                    corrections,
                    changed,
                    saved,
                    pairs,
                    periods,
                    grouped,
                    passages,
                    checked,
                )
            except BaseException:
                self.forget()  # half updated: the next run links everything
                raise

    def _link(
        self,
        articles: Sequence[Article],
        extractions: Mapping[str, ArticleExtraction],
        corrections: Corrections | None,
        changed: Collection[str] | None,
        saved: SavedKeyed | None,
        pairs: SavedPairs | None,
        periods: SavedPeriods | None,
        grouped: SavedGroups | None,
        passages: SavedPassages | None = None,
        checked: Collection[str] = (),
    ) -> Corpus:
        memo = _NameMemo()
        touched = _touched_names(self._corrections, corrections, memo) if self.linked else None
        fresh: set[str] = set()
        parts: dict[str, _Part] = {}
        for aid, extraction in extractions.items():
            old = self._parts.get(aid)
            if (
                old is not None
                and changed is not None
                and aid not in changed
                and touched is not None
                and not touched & old.names
            ):
                parts[aid] = old
                continue
            result = extraction.people
            if corrections is not None:
                result = result.model_copy(deep=True)  # linking drops rejected names from it
            units = _units({aid: result}, corrections, memo)
            keys = [list(unit_keys(u, corrections, memo)) for u in units]
            parts[aid] = _Part(extraction, result, units, keys, _names(extraction.people, memo))
            fresh.add(aid)
        self.stats = RelinkStats(articles=len(parts), fresh=len(fresh))
        lap = _Lap(self.stats.seconds)
        lap("units")

        # copies: the index is replayed over the whole corpus (the order of originals is
        # global) from the pairs measured before, so only pairs with a changed article are
        # compared on their texts; reused whole when no article changed (a correction)
        same_articles = changed is not None and not changed and self.linked
        if same_articles and self._found is not None:
            found = self._found
            self.stats.reused = len(self._memo.pairs)
        else:
            if changed is None or not self.linked:
                self._memo = pairs.start() if pairs is not None else CopyMemo()
            else:
                self._memo.forget(changed)
            found = detect_copies(
                articles,
                {a.id: parts[a.id].extraction.fingerprint for a in articles},
                self._memo,
            )
            self.stats.measured, self.stats.reused = self._memo.measured, self._memo.reused
        linked = with_copies(articles, found)
        redo: set[str] = set()
        for article in linked:
            part = parts[article.id]
            mine = found.get(article.id, [])
            if article.id in fresh or part.linked is None or part.copies != mine:
                part.copies, part.linked = mine, article
                redo.add(article.id)
        lap("copies")
        persons, index = self._people(parts, fresh, corrections, memo)
        lap("people")
        quotes = quotes_of({aid: part.people for aid, part in parts.items()}, index)
        lap("quotes")

        values = TimeValues()
        figures: list[Figure] = []
        for article in linked:
            part = parts[article.id]
            if article.id in redo:
                ex = part.extraction
                if periods is not None:
                    part.figures = periods.attach(article, ex.figures, ex.timexes, ex.sentences)
                else:
                    part.figures = attach_periods(
                        article, ex.figures, ex.timexes, sentences=ex.sentences
                    )
            figures.extend(part.figures)
        built: list[BuiltEvent] = []
        renamed = 0
        for article in linked:
            part = parts[article.id]
            pids = tuple(index[(article.id, p.key)] for p in part.people.persons)
            if part.pids == pids and article.id not in redo:
                pass
            elif article.id not in redo and (rename := _renaming(part.pids, pids)) is not None:
                # only the people's ids moved (numbering): the events are renamed, not rebuilt
                part.events = [_renamed(b, rename) for b in part.events]
                part.pids = pids
                renamed += 1
            else:
                redo.add(article.id)
                ex = part.extraction
                mentions: list[tuple[Span, str]] = [
                    (m, pid)
                    for p, pid in zip(part.people.persons, pids, strict=True)
                    for m in p.mentions
                ]
                part.events = build_events(
                    article,
                    ex.timexes,
                    mentions,
                    part.figures,
                    sentences=ex.sentences,
                    anchors=ex.anchors,
                    values=values,
                )
                part.pids = pids
            built.extend(part.events)
        self.stats.rebuilt = len(redo)
        self.stats.renamed = renamed
        lap("periods and events")
        events = group_events(built, values)
        lap("event groups")
        # the same articles have the same figures, so the same comparisons
        if same_articles and self._compared is not None:
            compared = self._compared
            self.stats.keys = self._comparing.stats.keys
        else:
            whole = changed is None or not self.linked
            if whole:
                self._comparing = CompareMemo()
            compared = compare_figures(
                figures,
                list(linked),
                Sources(linked),
                self._comparing,
                saved,
                grouped if whole else None,
                passages,
            )
            done = self._comparing.stats
            self.stats.keys, self.stats.regrouped = done.keys, done.regrouped
            self.stats.judged, self.stats.kept = done.judged, done.kept
            self.stats.restored = done.restored
        comparisons = compared
        if corrections is not None:
            comparisons = corrections.keep_comparisons(compared, figures)
        lap("comparisons")
        # an article this Linker did not re-read has the records the last corpus checked
        known = (self._verified - fresh).union(checked) if self.linked else set(checked)
        known.intersection_update(parts)
        corpus = linked_corpus(
            articles=list(linked),
            people=persons,
            quotes=quotes,
            events=events,
            figures=figures,
            comparisons=comparisons,
            timexes=[t for a in linked for t in parts[a.id].extraction.timexes],
            checked=known,
        )
        self.stats.checked = len(known)
        self._verified = set(parts)
        lap("corpus")
        self._parts = parts
        self._corrections = corrections
        self._found, self._compared = found, compared
        self.linked = True
        return corpus

    def _people(
        self,
        parts: dict[str, _Part],
        fresh: set[str],
        corrections: Corrections | None,
        memo: _NameMemo,
    ) -> tuple[list[Person], PersonIndex]:
        """Every person, numbered as a full run numbers them, and the key index; components
        of untouched articles are reused."""
        units: list[_Unit] = []
        keys: list[list[tuple[str, ...]]] = []
        ids: list[UnitId] = []
        for aid, part in parts.items():
            units.extend(part.units)
            keys.extend(part.keys)
            ids.extend((aid, j) for j in range(len(part.units)))
        components = _components(keys)
        display = _display(corrections, memo)
        kept: dict[tuple[UnitId, ...], list[_Cluster]] = {}
        placed: list[tuple[int, _Cluster]] = []
        reclustered = 0
        for members in components:
            key = tuple(ids[i] for i in members)
            clusters = self._components.get(key)
            if clusters is None or any(aid in fresh for aid, _ in key):
                reclustered += 1
                mine = [units[i] for i in members]
                groups: list[Group] = _groups(_cluster(mine, corrections, memo))
                clusters = [
                    _Cluster(
                        tuple(key[m] for m in group),
                        _person("", [mine[m] for m in group], merges, display, memo),
                    )
                    for group, merges in groups
                ]
            kept[key] = clusters
            first = {uid: i for uid, i in zip(key, members, strict=True)}
            placed.extend((first[c.members[0]], c) for c in clusters)
        self._components = kept
        self.stats.components = len(components)
        self.stats.reclustered = reclustered
        placed.sort(key=lambda p: p[0])
        people: list[Person] = []
        index: PersonIndex = {}
        for n, (_, cluster) in enumerate(placed, start=1):
            pid = f"per-{n}"
            person = cluster.person
            if person.id != pid:
                person = person.model_copy(update={"id": pid})
            people.append(person)
            for aid, j in cluster.members:
                index.setdefault((aid, parts[aid].units[j].key), pid)
        return people, index


def _renaming(old: tuple[str, ...] | None, new: tuple[str, ...]) -> dict[str, str] | None:
    """Old person id to new for one article's people, when each old id has one new id
    (else None: people who were one are now two, and events must be built again)."""
    if old is None or len(old) != len(new):
        return None
    rename: dict[str, str] = {}
    for a, b in zip(old, new, strict=True):
        if rename.setdefault(a, b) != b:
            return None
    return rename


def _renamed(built: BuiltEvent, rename: dict[str, str]) -> BuiltEvent:
    """``built`` with its people's ids renamed (sorted as :func:`build_events` sorts them)."""
    people = sorted({rename[p] for p in built.draft.people})
    if people == built.draft.people:
        return built
    return BuiltEvent(built.draft._replace(people=people), built.terms)


def unit_keys(
    unit: _Unit, corrections: Corrections | None, memo: _NameMemo
) -> Iterable[tuple[str, ...]]:
    """Keys two units share whenever some rule of :mod:`tui.link.people` may join them (the
    clusters of units that share no key, directly or through others, never meet)."""
    yield ("local", unit.article_id, unit.key)
    parts = unit.parts
    if parts.surname or (not parts.given and parts.last):
        yield ("surname", memo.translit_key(parts.last.split("-")[0]))
    if parts.given:
        words = (*parts.given, *parts.surname)
        yield ("words", *words)
        if len(words) >= 3:
            yield ("words", *words[:-1])
    if corrections is not None:
        folded = {memo.fold(unit.name), *(memo.fold(f) for f in unit.forms)}
        for n, merge in enumerate(corrections.merge):
            if any(memo.fold(name) in folded for name in merge.names):
                yield ("merge", str(n))


def _components(keys: list[list[tuple[str, ...]]]) -> list[list[int]]:
    """The units in closed groups (``keys``: each unit's :func:`unit_keys`), each in corpus
    order, the groups in order of their first unit."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, ...], int] = {}
    for i, mine in enumerate(keys):
        for key in mine:
            j = first.setdefault(key, i)
            if j != i:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(keys)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _names(people: PeopleResult, memo: _NameMemo) -> frozenset[str]:
    """Every folded name a correction could name to change what this article's people link
    to: names, forms, mentions and ambiguous mentions."""
    out: set[str] = set()
    for local in people.persons:
        out.add(memo.fold(local.name))
        out.update(memo.fold(f) for f in local.forms)
        out.update(memo.fold(m.text) for m in local.mentions)
        out.update(memo.fold(m.text) for m in local.ambiguous)
    return frozenset(out)


def _touched_names(
    old: Corrections | None, new: Corrections | None, memo: _NameMemo
) -> frozenset[str]:
    """The folded names whose treatment differs between two corrections files."""
    a = old if old is not None else Corrections()
    b = new if new is not None else Corrections()
    names: set[str] = set(a.reject) ^ set(b.reject)
    names |= set(a.split) ^ set(b.split)
    if a.merge != b.merge or (a.merge and a.source != b.source):
        # few, and their order matters (evidence, display names): all of them are touched
        for merge in (*a.merge, *b.merge):
            names.update(merge.names)
    return frozenset(memo.fold(n) for n in names)


__all__ = ["Linker", "RelinkStats", "unit_keys"]
