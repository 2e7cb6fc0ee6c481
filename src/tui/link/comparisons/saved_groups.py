"""The groups of figures (:class:`.reuse.CompareMemo`'s, per group key) as the store keeps
them for the next process.

Within one group key the groups depend on that key's entries alone, in corpus order
(:func:`.grouping.group_keyed`: each entry's key, place, story and sentence names and its
figure). A load saves, per folder (the store's ``link_state`` table, under the linker
version), the articles it grouped, in order, each with its content hash and a digest of its
keyed entries, and per key the entries' references (article, entry) and its groups (the
positions of their members among the key's entries, the opener first). The next process
reads it back and takes a key's groups from it, instead of grouping the key again, when the
key's entries are the saved ones: the same articles in the same order, each with the same
entries at the same places, and each article as the saved state knew it — its content hash
unchanged (same content, same linker version: the same figures and keyed entries), or, for
an article whose content changed (or that the analyst re-dated), keyed entries of the same
digest (an edit that leaves its figures, their names and their sentences' names as they
were). Any other key is grouped again, as a full run groups it.

The row also keeps each keyed group's judgment (its comparisons, with the members they were
made of and a digest of what judging read beyond the figures: each member's independent
source, whether the corpus has copies, and the outlet and publication day of each member's
article and of each source), and per article a digest of its figures' sentences. A group
takes its judgment from the row (:meth:`SavedGroups.judgment`) when its members are the
saved ones, figure for figure, each of an article that is *steady* — of the saved content
hash, or of the saved keyed digest and sentences digest (the figures, their names and the
sentences around them as they were) — and that digest is the saved one; any other group is
judged again, as a full run judges it. The numbering of comparisons runs as before. Nothing
is kept in module state.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from tui.link.comparisons.grouping import Keyed
from tui.records.models import Comparison, Figure

FORMAT = 2
"""The layout of a saved row (within one linker version it never changes)."""

Key = tuple[str, ...]
Grouped = list[tuple[Keyed, list[Figure]]]
Members = tuple[tuple[str, int], ...]
"""A group's members, each as its article and its place among the article's entries."""

_COMPARISONS = TypeAdapter(list[Comparison])


def context(
    copies: bool,
    who: Sequence[str],
    members: Sequence[Figure],
    sources: Mapping[str, str],
    published: Mapping[str, str],
) -> str:
    """What judging a group reads beyond its figures and their sentences, hashed: whether
    the corpus has copies, each member's independent source (``who``), and the outlet and
    publication day of each member's article and of each source."""
    named = sorted({f.article_id for f in members} | set(who))
    row = [copies, list(who), [[n, sources.get(n), published.get(n)] for n in named]]
    return hashlib.sha256(json.dumps(row, separators=(",", ":")).encode()).hexdigest()[:32]


def sentences_digest(sentences: Sequence[str]) -> str:
    """An article's figures' sentences (in entry order), hashed."""
    return hashlib.sha256("\x1f".join(sentences).encode()).hexdigest()[:32]


def digest(entries: Sequence[Keyed]) -> str:
    """What grouping reads of one article's keyed entries, hashed: each entry's key, place,
    names and sentence names, and its figure's every field."""
    rows = [
        [
            list(e.key) if e.key is not None else None,
            e.place,
            sorted(e.names),
            sorted(e.context),
            e.figure.model_dump_json(),
        ]
        for e in entries
    ]
    return hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()[:32]


@dataclass
class _Article:
    """One article as the saved row knew it."""

    hash: str
    """Its content hash ("" when it was not as the store keeps it)."""
    digest: str
    """:func:`digest` of its keyed entries."""
    sentences: str
    """:func:`sentences_digest` of its figures' sentences."""


@dataclass
class SavedGroups:
    """One run's saved groups: read back (``data``, the row the store keeps for the folder;
    ``hashes``, each article's content hash when it is exactly as the store keeps it) and
    the row to save after the run (:attr:`made`, None when the saved one is still right)."""

    hashes: Mapping[str, str]
    data: str | None = None
    made: str | None = None
    restored: int = 0
    """Keys whose groups were read back rather than grouped."""
    rejudged: int = 0
    """Keyed groups judged in this run rather than read back (:meth:`keep`)."""
    _articles: dict[str, _Article] = field(default_factory=dict)
    _order: list[str] = field(default_factory=list)
    _keys: dict[Key, tuple[list[int], list[list[int]]]] = field(default_factory=dict)
    _judged: dict[Members, tuple[str, str]] = field(default_factory=dict)
    _same: set[str] = field(default_factory=set)
    _steady: set[str] = field(default_factory=set)
    _digests: dict[str, str] = field(default_factory=dict)
    _sentences: dict[str, str] = field(default_factory=dict)
    _keep: list[tuple[Members, str, str]] = field(default_factory=list)

    def prepare(
        self,
        order: Sequence[str],
        entries: Mapping[str, Sequence[Keyed]],
        sentences: Callable[[str], Sequence[str]],
    ) -> None:
        """Read the saved row and find which of this run's articles (``order``, with their
        keyed ``entries``; ``sentences``: an article's figures' sentences, in entry order)
        are as it knew them."""
        self._articles, self._order, self._keys, self._judged = {}, [], {}, {}
        self._same, self._steady, self._digests, self._sentences = set(), set(), {}, {}
        self._keep, self.restored, self.rejudged = [], 0, 0
        if self.data is not None:
            self._decode(self.data)
        for aid in order:
            known = self._articles.get(aid)
            if known is None:
                continue
            mine = self.hashes.get(aid)
            if mine is not None and mine == known.hash:
                self._same.add(aid)
                self._steady.add(aid)
                self._digests[aid] = known.digest
                self._sentences[aid] = known.sentences
                continue
            self._digests[aid] = digest(entries[aid])
            if self._digests[aid] == known.digest:
                self._same.add(aid)
                self._sentences[aid] = sentences_digest(sentences(aid))
                if self._sentences[aid] == known.sentences:
                    self._steady.add(aid)

    def _decode(self, data: str) -> None:
        try:
            saved = json.loads(data)
            if saved["format"] != FORMAT:
                return
            articles: dict[str, _Article] = {}
            order: list[str] = []
            for aid, content, entries, said in saved["articles"]:
                articles[str(aid)] = _Article(str(content), str(entries), str(said))
                order.append(str(aid))
            keys: dict[Key, tuple[list[int], list[list[int]]]] = {}
            for key, refs, groups in saved["keys"]:
                keys[tuple(str(k) for k in key)] = (
                    [int(r) for r in refs],
                    [[int(p) for p in g] for g in groups],
                )
            judged: dict[Members, tuple[str, str]] = {}
            for refs, made_of, comparisons in saved["judged"]:
                members = tuple(
                    (order[int(a)], int(j)) for a, j in zip(refs[::2], refs[1::2], strict=True)
                )
                judged[members] = (str(made_of), str(comparisons))
        except (ValueError, KeyError, TypeError, IndexError):
            return
        self._articles, self._order, self._keys, self._judged = articles, order, keys, judged

    def groups(
        self, key: Key, entries: Sequence[Keyed], where: Mapping[int, tuple[str, int]]
    ) -> Grouped | None:
        """The saved groups of ``key`` for this run's ``entries`` of it (``where``: each
        entry's article and place among its article's entries, by ``id``), or None when
        they were not saved for these very entries."""
        saved = self._keys.get(key)
        if saved is None:
            return None
        refs, groups = saved
        if len(refs) != 2 * len(entries):
            return None
        order, same = self._order, self._same
        for n, entry in enumerate(entries):
            aid, j = where[id(entry)]
            a = refs[2 * n]
            if aid not in same or not 0 <= a < len(order) or order[a] != aid:
                return None
            if refs[2 * n + 1] != j:
                return None
        placed = 0
        out: Grouped = []
        for group in groups:
            if not group or not all(0 <= p < len(entries) for p in group):
                return None
            placed += len(group)
            out.append((entries[group[0]], [entries[p].figure for p in group]))
        if placed != len(entries) or len({p for g in groups for p in g}) != placed:
            return None
        self.restored += 1
        return out

    def judgment(self, members: Members, made_of: str) -> list[Comparison] | None:
        """The saved comparisons of a group of these ``members``, when it was judged from
        the same figures of steady articles and the same :func:`context` (``made_of``),
        else None; either way the group's judgment is kept for the row to save."""
        saved = self._judged.get(members)
        if saved is None or saved[0] != made_of:
            return None
        steady = self._steady
        if not all(aid in steady for aid, _ in members):
            return None
        try:
            found = _COMPARISONS.validate_json(saved[1])
        except ValidationError:
            return None
        self._keep.append((members, made_of, saved[1]))
        return found

    def keep(
        self, members: Members, made_of: str, comparisons: list[Comparison], judged: bool = True
    ) -> None:
        """Keep a group's judgment, made in this run (``judged``) or kept from the last one
        in the same process, for the row to save."""
        self.rejudged += judged
        self._keep.append((members, made_of, _COMPARISONS.dump_json(comparisons).decode()))

    def save(
        self,
        order: Sequence[str],
        entries: Mapping[str, Sequence[Keyed]],
        by_key: Mapping[Key, Sequence[Keyed]],
        groups: Mapping[Key, Grouped],
        sentences: Callable[[str], Sequence[str]],
    ) -> None:
        """Make :attr:`made`, the row of this run's articles (``order``, with their keyed
        ``entries``; ``sentences`` as for :meth:`prepare`), each key's entries and groups
        and each judgment kept; left None when every key and judgment was read back from a
        row of the same articles, unchanged."""
        if (
            self.data is not None
            and self.restored == len(groups)
            and self.rejudged == 0
            and list(order) == self._order
            and all(self.hashes.get(a) == self._articles[a].hash for a in order)
        ):
            return
        articles: list[list[Any]] = []
        where: dict[int, tuple[int, int]] = {}
        index: dict[str, int] = {}
        for n, aid in enumerate(order):
            mine = entries[aid]
            known = self._digests.get(aid)
            said = self._sentences.get(aid) or sentences_digest(sentences(aid))
            articles.append([aid, self.hashes.get(aid, ""), known or digest(mine), said])
            index[aid] = n
            for j, entry in enumerate(mine):
                where[id(entry)] = (n, j)
        keys: list[list[Any]] = []
        for key, grouped in groups.items():
            refs: list[int] = []
            position: dict[int, int] = {}
            for p, entry in enumerate(by_key[key]):
                refs.extend(where[id(entry)])
                position[id(entry.figure)] = p
            keys.append([list(key), refs, [[position[id(f)] for f in figs] for _, figs in grouped]])
        judged = [
            [[x for aid, j in members for x in (index[aid], j)], made_of, comparisons]
            for members, made_of, comparisons in self._keep
            if all(aid in index for aid, _ in members)
        ]
        self.made = json.dumps(
            {"format": FORMAT, "articles": articles, "keys": keys, "judged": judged},
            separators=(",", ":"),
        )
