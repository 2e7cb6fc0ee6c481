"""Events: each dated expression with its sentence, trigger, people and figures; grouped.

An event is anchored by every time expression whose value is a calendar point (DATE or
TIME with a resolvable value; durations, sets and vague references are never placed on the
timeline). Its trigger is the verb or noun the expression modifies in the dependency parse.
Reports of the same event in several articles (same value, and shared people or key terms)
share a ``group`` id; every report is kept. :func:`build_events` returns each event with its
key terms (:class:`BuiltEvent`), which :func:`group_events` compares.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from tui.link.memo import Memo
from tui.link.unvalidated import record, text_range, text_span
from tui.records.extraction import EventAnchor
from tui.records.models import Article, Event, Figure, Range, Span, TimeExpr
from tui.records.timevalue import placeable, placeable_value, timeline_key

__all__ = [
    "BuiltEvent",
    "Draft",
    "TimeValues",
    "build_events",
    "event_sort_key",
    "group_events",
    "placeable",
    "shared_term_links",
    "timeline_key",
]

MIN_SHARED_TERMS = 2


class Draft(NamedTuple):
    """An event's fields but its group, which grouping the whole corpus gives it: the
    :class:`~tui.records.models.Event` record is made once, with its group
    (:func:`group_events`), rather than made here and copied there (68,693 events at 10,000
    articles, 67,908 of them in a group)."""

    id: str
    article_id: str
    when: TimeExpr
    sentence: Range
    trigger: Span | None
    people: list[str]
    figures: list[str]

    @classmethod
    def of(cls, event: Event) -> Draft:
        """The draft of an event (its group left out)."""
        return cls(event.id, event.article_id, event.when, event.sentence, event.trigger,
                   event.people, event.figures)  # fmt: skip

    def made(self, group: str | None = None) -> Event:
        """The event record; its group given only when it has one (as the copy that set it
        gave it: the same record, given the same field names). Made as ``Event(...)`` makes
        it, without validating again what is validated already (:mod:`tui.link.unvalidated`:
        a draft's fields are records and ids)."""
        fields = {
            "id": self.id,
            "article_id": self.article_id,
            "when": self.when,
            "sentence": self.sentence,
            "trigger": self.trigger,
            "people": list(self.people),
            "figures": list(self.figures),
            "group": group,
        }
        return record(Event, fields, set(_GIVEN if group is None else _GROUPED))


_GIVEN = ("id", "article_id", "when", "sentence", "trigger", "people", "figures")
"""The names a :class:`Draft` gives its event (:meth:`Draft.made`)."""
_GROUPED = (*_GIVEN, "group")


class BuiltEvent(NamedTuple):
    """An event as built from its article (its :class:`Draft`), with the key terms grouping
    compares (content words of the date's clause; events themselves carry only ids and
    spans)."""

    draft: Draft
    terms: frozenset[str]

    @property
    def event(self) -> Event:
        """The event record, without a group (made on each call)."""
        return self.draft.made()


class TimeValues:
    """Whether a TIMEX3 value can be placed, and its timeline key, computed once per distinct
    value for one linking run (a corpus has few distinct values; every event asks)."""

    def __init__(self) -> None:
        self.placeable = Memo(placeable_value).__getitem__
        self.timeline_key = Memo(timeline_key).__getitem__

    def placeable_timex(self, timex: TimeExpr) -> bool:
        """:func:`placeable`, with the value check memoized."""
        return (
            timex.type in ("DATE", "TIME")
            and timex.value is not None
            and self.placeable(timex.value)
        )

    def sort_key(self, event: Event | Draft) -> tuple[tuple[int, int, int, int], str, int]:
        """:func:`event_sort_key`, with the timeline key memoized."""
        return (self.timeline_key(event.when.value), event.article_id, event.when.start)


def build_events(
    article: Article,
    timexes: list[TimeExpr],
    mentions: list[tuple[Span, str]],
    figures: list[Figure],
    *,
    sentences: Sequence[Range],
    anchors: Sequence[EventAnchor],
    values: TimeValues | None = None,
) -> list[BuiltEvent]:
    """One event per placeable time expression of ``article``, dated by it, with its key terms.

    ``mentions`` pairs each person mention in the article with its global person id;
    ``figures`` may hold the whole corpus (only this article's are used). ``sentences``
    (the parser's sentence ranges) and ``anchors`` (the event anchors computed at extraction
    time) are what the extraction kept: no parse is needed. ``values`` is the linking run's
    memo of value checks (a fresh one when not given).
    """
    if values is None:
        values = TimeValues()
    dated = [t for t in timexes if values.placeable_timex(t)]
    if not dated:
        return []
    sents = sorted((r.start, r.end) for r in sentences)
    by_offsets = {(a.start, a.end): a for a in anchors}
    own_figures = [f for f in figures if f.article_id == article.id]
    events: list[BuiltEvent] = []
    meta = _metadata_range(article)
    lead_start = len(article.text) - len(article.text.lstrip())
    for timex in dated:
        if meta is not None and timex.start < meta[1] and meta[0] < timex.end:
            continue
        start, end = _sentence_of(timex, sents, article.text)
        if _is_dateline(article.text[start:end], timex, article.text, lead_start):
            continue
        anchor = by_offsets.get((timex.start, timex.end))
        trigger = None
        if anchor is not None and anchor.trigger is not None:
            trigger = text_span(article.id, article.text, anchor.trigger.start,
                                anchor.trigger.end)  # fmt: skip
        people = sorted({pid for span, pid in mentions if start <= span.start < end})
        figs = [f.id for f in own_figures if start <= f.start < end]
        draft = Draft(
            f"evt-{article.id}-{len(events) + 1}",
            article.id,
            timex,
            text_range(start, end),
            trigger,
            people,
            figs,
        )
        terms = frozenset(anchor.terms) if anchor is not None else frozenset()
        events.append(BuiltEvent(draft, terms))
    return events


def event_sort_key(event: Event) -> tuple[tuple[int, int, int, int], str, int]:
    """Timeline order: by value (granularity-aware), then article, then position."""
    return (timeline_key(event.when.value), event.article_id, event.when.start)


def group_events(built: Sequence[BuiltEvent], values: TimeValues | None = None) -> list[Event]:
    """Events in timeline order; reports of one event across articles share ``group``.

    Two events are the same when their values are equal and they share a person, or
    share at least two key terms (content words of the sentence other than
    reporting verbs and time words). Groups are only assigned when they span two or more articles.
    ``values`` is the linking run's memo of value checks (a fresh one when not given).
    """
    if values is None:
        values = TimeValues()
    sort_key = values.sort_key
    ordered_built = sorted(built, key=lambda b: sort_key(b.draft))
    ordered = [b.draft for b in ordered_built]
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[ri] = rj

    by_value: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(ordered):
        if event.when.value is not None:
            by_value[event.when.value].append(i)
    for members in by_value.values():
        # Sharing a person joins directly (one pass).
        first_with: dict[str, int] = {}
        for i in members:
            for person in ordered[i].people:
                j = first_with.setdefault(person, i)
                if j != i:
                    join(i, j)
        term_sets = [ordered_built[i].terms for i in members]
        for a, b in shared_term_links(term_sets, MIN_SHARED_TERMS):
            join(members[a], members[b])

    group_of: dict[int, str] = {}
    articles_of: dict[int, set[str]] = defaultdict(set)
    for i, event in enumerate(ordered):
        articles_of[find(i)].add(event.article_id)
    count = 0
    for i in range(len(ordered)):
        root = find(i)
        if root in group_of or len(articles_of[root]) < 2:
            continue
        count += 1
        group_of[root] = f"grp-{count}"
    return [draft.made(group_of.get(find(i))) for i, draft in enumerate(ordered)]


# An item with more terms than this many subsets of the threshold size is compared through
# the term index instead (a long garbage "sentence" must not explode the subset count).
_SUBSET_LIMIT = 300


def shared_term_links(
    term_sets: Sequence[frozenset[str]], min_shared: int = MIN_SHARED_TERMS
) -> list[tuple[int, int]]:
    """Index pairs whose transitive closure joins exactly the items sharing ``min_shared`` terms.

    Every returned pair shares at least ``min_shared`` terms, and every such pair ends up
    connected through the returned ones. Two items share ``min_shared`` terms exactly when
    they share some ``min_shared``-subset of terms, so each item is indexed by each of its
    (sorted) subsets and joined to the first item with that subset: linear in the items, where
    counting shared terms through one posting list per term is quadratic in the items that a
    common term has. Items with very many terms are instead counted through the term postings.
    """
    links: list[tuple[int, int]] = []
    first_with: dict[tuple[str, ...], int] = {}
    wide: list[int] = []
    for i, terms in enumerate(term_sets):
        if len(terms) < min_shared:
            continue
        if math.comb(len(terms), min_shared) > _SUBSET_LIMIT:
            wide.append(i)
            continue
        firsts = {
            first_with.setdefault(subset, i)
            for subset in itertools.combinations(sorted(terms), min_shared)
        }
        firsts.discard(i)
        links.extend((j, i) for j in firsts)
    if not wide:
        return links
    # the term postings only the wide items read: made when there is one (rarely)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, terms in enumerate(term_sets):
        if len(terms) >= min_shared:
            for term in terms:
                postings[term].append(i)
    for i in wide:
        shared: dict[int, int] = defaultdict(int)
        for term in term_sets[i]:
            for j in postings[term]:
                shared[j] += 1
        links.extend((i, j) for j, count in shared.items() if j != i and count >= min_shared)
    return links


# --------------------------------------------------------------------------- helpers


def _metadata_range(article: Article) -> tuple[int, int] | None:
    """The publication-date evidence span (a header or dateline is not an event)."""
    pub = article.published
    if pub.start is None or pub.end is None:
        return None
    return pub.start, pub.end


_DATELINE_LEAD = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Za-z .'’-]{1,40},[ \t]*$")
_DATELINE_TAIL = re.compile(r"[ \t]*(?:\(|/|-|–|—|\.|:)")
DATELINE_WINDOW = 400  # datelines open an article: only its first characters are checked


_WORD = re.compile(r"[A-Za-z]{2,}")


def _is_dateline(sentence: str, timex: TimeExpr, text: str, lead_start: int = -1) -> bool:
    """A place-and-date line or lead ("CARACAS, October 28 (Wire) -"), not a report.

    ``lead_start`` is where the article's text starts after leading blanks (computed once
    per article by the caller; derived here when not given)."""
    if lead_start < 0:
        lead_start = len(text) - len(text.lstrip())
    if (
        timex.start - lead_start < DATELINE_WINDOW
        and _DATELINE_LEAD.search(text[max(0, timex.start - 45) : timex.start])
        and _DATELINE_TAIL.match(text, timex.end)
    ):
        return True
    # A line that is only a date with at most a place or a header label: "MOSCOW, May 3."
    rest = sentence.replace(timex.text, " ", 1)
    words = []
    for match in _WORD.finditer(rest):  # more than two words: a report, stop looking
        words.append(match.group())
        if len(words) > 2:
            return False
    labels = ("date", "updated", "published", "posted", "on")
    return len(words) <= 2 and all(w[0].isupper() or w.lower() in labels for w in words)


def _sentence_of(timex: TimeExpr, sentences: list[tuple[int, int]], text: str) -> tuple[int, int]:
    i = bisect.bisect_right(sentences, (timex.start, len(text) + 1)) - 1
    if i >= 0:
        s, e = sentences[i]
        if s <= timex.start < e:
            return s, max(e, min(timex.end, len(text)))
    # Without a parse: the line around the expression.
    s = text.rfind("\n", 0, timex.start) + 1
    e = text.find("\n", timex.end)
    return s, (len(text) if e < 0 else e)
