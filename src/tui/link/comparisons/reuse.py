"""Comparisons run again only for the group keys a change touches.

A figure only ever joins a group of its own :func:`.grouping.group_key`, and which group it
joins depends on the figures of that key before it (in corpus order) and on its own
article (story names, sentence, headline): :func:`.grouping.keyed_figures` reads one article,
:func:`.grouping.group_keyed` one key. A :class:`CompareMemo` keeps, from run to run, each
article's keyed figures and each key's groups and judgments; the next run

- keys again only the articles that are new, changed (the article record is not equal, or its
  figures are not the very objects of the last run) or gone, and groups again only the keys
  their figures have or had (the *touched* keys);
- places the figures without a measure (repeats of a value in their article) again over all
  groups, as a full run does (cheap: within one article);
- judges a group again unless its members are the very figures of the last run's group at
  its place (or, in a touched key, of the last run's group opened by the same figure, when
  none of their articles was keyed again), each has the same independent source (copies and
  sentences printed elsewhere change it) and whether the corpus has copies at all is
  unchanged;
- numbers the comparisons over the whole corpus, in group order, as a full run does.

The articles must come in the same relative order as the last run's (else everything is
compared again). The result equals :func:`tui.link.comparisons.compare_figures` without a
memo, comparison for comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.link.comparisons.grouping import Keyed, group_keyed, keyed_figures, place_repeats
from tui.link.comparisons.judge import judge_groups
from tui.link.comparisons.measures import MeasureMemo
from tui.link.comparisons.prose import ValuePhrases
from tui.link.comparisons.repeats import passage_keys, repeated_sources
from tui.link.comparisons.saved import SavedKeyed, SavedPassages
from tui.link.comparisons.saved_groups import Members, SavedGroups, context
from tui.link.comparisons.story import sentences_of
from tui.link.sources import Sources
from tui.records.models import Article, Comparison, Figure

Key = tuple[str, ...]


@dataclass
class _Seen:
    """One article as the last run keyed it."""

    article: Article
    figures: list[Figure]
    entries: list[Keyed]
    passages: list[str | None] | None = None
    """Its figures' passage keys (:func:`.repeats.passage_keys`), once worked out."""


@dataclass
class _Judged:
    """One group's judgment as the last run made it."""

    members: list[Figure]
    sources: tuple[str, ...]
    copies: bool
    comparisons: list[Comparison]


@dataclass
class _KeyState:
    groups: list[tuple[Keyed, list[Figure]]]
    judged: dict[int, _Judged] = field(default_factory=dict)
    """By the group's place among the key's groups."""
    before: dict[int, _Judged] = field(default_factory=dict)
    """A key grouped again: the last run's judgments, by the id of each group's first
    figure (a group the change left as it was keeps its judgment; alive while this run's
    state holds them)."""


@dataclass
class CompareStats:
    """What the last run re-examined."""

    keys: int = 0
    regrouped: int = 0
    """Group keys whose figures were grouped again (the others' groups were reused)."""
    judged: int = 0
    """Groups judged again."""
    kept: int = 0
    """Groups whose judgment was reused."""
    restored: int = 0
    """Groups whose judgment was read back from the store (:mod:`.saved_groups`)."""


class CompareMemo:
    """What comparing found, kept by its owner for the next run (see the module)."""

    def __init__(self) -> None:
        self._seen: dict[str, _Seen] = {}
        self._keys: dict[Key, _KeyState] = {}
        self._order: list[str] = []
        self.stats = CompareStats()

    def compare(
        self,
        figures: list[Figure],
        articles: Sequence[Article],
        independent: Sources,
        saved: SavedKeyed | None = None,
        grouped: SavedGroups | None = None,
        passages: SavedPassages | None = None,
    ) -> list[Comparison]:
        """:func:`tui.link.comparisons.compare_figures` of ``figures``, reusing what the
        last run found for the keys no change touches (and, for an article keyed again, its
        keyed figures as ``saved`` in the store, when they are; for a key this memo has not
        grouped, its groups as ``grouped`` in the store, when they were saved for the same
        entries, :mod:`.saved_groups`, which is then given this run's to save; each
        article's passage keys as ``passages`` in the store, when they are)."""
        measures = MeasureMemo()
        ids = [a.id for a in articles]
        known, now = set(self._seen), set(ids)
        if [i for i in ids if i in known] != [i for i in self._order if i in now]:
            self._seen, self._keys = {}, {}  # reordered: compare everything again
        by_id = {a.id: a for a in articles}
        mine: dict[str, list[Figure]] = {}
        for fig in figures:
            mine.setdefault(fig.article_id, []).append(fig)
        touched: set[Key] = set()
        rekeyed: set[str] = set()  # articles keyed again (new, changed)
        seen: dict[str, _Seen] = {}
        for article in articles:
            figs = mine.get(article.id, [])
            old = self._seen.get(article.id)
            if (
                old is not None
                and len(old.figures) == len(figs)
                and all(a is b for a, b in zip(old.figures, figs, strict=True))
                and old.article == article
            ):
                seen[article.id] = old
                continue
            if old is not None:
                touched.update(e.key for e in old.entries if e.key is not None)
            entries = (
                saved.keyed(article, list(enumerate(figs)), measures)
                if saved is not None
                else keyed_figures(article, list(enumerate(figs)), measures)
            )
            touched.update(e.key for e in entries if e.key is not None)
            seen[article.id] = _Seen(article, figs, entries)
            rekeyed.add(article.id)
        for aid, old in self._seen.items():
            if aid not in seen:  # deleted
                touched.update(e.key for e in old.entries if e.key is not None)
        sentence_of = sentences_of(by_id)

        def sentences(aid: str) -> list[str]:
            return [sentence_of(e.figure) for e in seen[aid].entries]

        if grouped is not None:
            grouped.prepare(ids, {aid: s.entries for aid, s in seen.items()}, sentences)

        # every key's entries in corpus order; groups of untouched keys are reused
        by_key: dict[Key, list[Keyed]] = {}
        orphans: list[Figure] = []
        rank: dict[int, tuple[int, int]] = {}
        where: dict[int, tuple[str, int]] = {}  # an entry's article and place among its own
        for n, article in enumerate(articles):
            for j, entry in enumerate(seen[article.id].entries):
                if entry.key is None:
                    orphans.append(entry.figure)
                else:
                    by_key.setdefault(entry.key, []).append(entry)
                rank[id(entry)] = (n, entry.place)
                where[id(entry)] = (article.id, j)
        states: dict[Key, _KeyState] = {}
        regrouped = 0
        for key, entries in by_key.items():
            state = self._keys.get(key)
            if state is None or key in touched:
                last_run = state.judged.values() if state is not None else ()
                restored = grouped.groups(key, entries, where) if grouped is not None else None
                if restored is None:
                    restored = group_keyed(entries, measures)
                    regrouped += 1
                state = _KeyState(restored)
                state.before = {id(j.members[0]): j for j in last_run}
            states[key] = state
        opened = [
            (rank[id(opener)], key, place, members)
            for key, state in states.items()
            for place, (opener, members) in enumerate(state.groups)
        ]
        opened.sort(key=lambda g: g[0])
        groups = [list(members) for *_, members in opened]  # repeats join copies
        place_repeats(groups, orphans, by_id)

        sources = {a.id: a.source for a in articles if a.source}
        published = {a.id: a.published.date.isoformat() for a in articles if a.published.date}

        def keys_of(article: Article, figs: list[Figure]) -> list[str | None]:
            """An article's passage keys: kept from the last run when it saw the same
            article with the same figures, else read back or worked out (and kept)."""
            kept = seen.get(article.id)
            same = kept is not None and _same(kept.figures, figs)
            if kept is not None and same and kept.passages is not None:
                return kept.passages
            keys = (passages.keys if passages is not None else passage_keys)(article, figs)
            if kept is not None and same:
                kept.passages = keys
            return keys

        repeated = repeated_sources(figures, articles, independent, keys_of)
        copies = bool(independent) or bool(repeated)
        phrases = ValuePhrases()
        placed = {
            id(e.figure): (aid, j) for aid, s in seen.items() for j, e in enumerate(s.entries)
        }

        def source_of(fig: Figure) -> str:
            return repeated.get(fig.id) or independent.of(fig.article_id, fig.start)

        out: list[Comparison] = []
        judged = kept = read_back = 0
        for n, members in enumerate(groups):
            if len(members) < 2:
                continue
            who = tuple(source_of(f) for f in members)
            if n < len(opened):
                _, key, place, _ = opened[n]
                judgments = states[key].judged
            else:  # repeats paired with one another: no key, judged every run
                place, judgments = n, {}
            last = judgments.get(place)
            if last is None and n < len(opened) and not rekeyed & {f.article_id for f in members}:
                # a key grouped again: a group whose articles are as they were, and whose
                # members are the same figures, keeps its judgment
                last = states[key].before.get(id(members[0]))
            # a key's group as the store saved it (a first run given ``grouped``): its
            # judgment read back when its figures, their sentences and what else judging
            # reads are as they were (:meth:`.saved_groups.SavedGroups.judgment`)
            refs = _refs(members, placed) if grouped is not None and n < len(opened) else None
            made_of = context(copies, who, members, sources, published) if refs else ""
            if (
                last is None
                or last.copies != copies
                or last.sources != who
                or len(last.members) != len(members)
                or not all(a is b for a, b in zip(last.members, members, strict=True))
            ):
                found = grouped.judgment(refs, made_of) if grouped is not None and refs else None
                if found is None:
                    found = judge_groups(
                        [members], sources, phrases, independent, published, repeated, sentence_of
                    )
                    judged += 1
                    if grouped is not None and refs:
                        grouped.keep(refs, made_of, found)
                else:
                    read_back += 1
                last = judgments[place] = _Judged(members, who, copies, found)
            else:
                if grouped is not None and refs:
                    grouped.keep(refs, made_of, last.comparisons, judged=False)
                judgments[place] = last
                kept += 1
            for cmp in last.comparisons:
                cid = f"cmp-{len(out) + 1}"
                out.append(cmp if cmp.id == cid else cmp.model_copy(update={"id": cid}))
        if grouped is not None:
            grouped.save(
                ids,
                {aid: s.entries for aid, s in seen.items()},
                by_key,
                {key: state.groups for key, state in states.items()},
                sentences,
            )
        for state in states.values():
            state.before = {}
        self._seen, self._keys, self._order = seen, states, ids
        self.stats = CompareStats(len(states), regrouped, judged, kept, read_back)
        return out


def _same(mine: list[Figure], figs: list[Figure]) -> bool:
    """Whether two lists hold the same figure records (the same objects, in order)."""
    return len(mine) == len(figs) and all(a is b for a, b in zip(mine, figs, strict=True))


def _refs(members: list[Figure], placed: dict[int, tuple[str, int]]) -> Members | None:
    """A group's members as their articles and places among their entries (None when one
    is not among this run's entries)."""
    refs = [placed.get(id(f)) for f in members]
    return tuple(r for r in refs if r is not None) if None not in refs else None
