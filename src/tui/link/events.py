"""Events: each dated expression with its sentence, trigger, people and figures; grouped.

An event is anchored by every time expression whose value is a calendar point (DATE or
TIME with a resolvable value; durations, sets and vague references are never placed on the
timeline). Its trigger is the verb or noun the expression modifies in the dependency parse.
Reports of the same event in several articles (same value, and shared people or key terms)
share a ``group`` id; every report is kept.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from tui import nlp
from tui.extract.timex_calendar import MONTHS, WEEKDAYS, timeline_key, value_bounds
from tui.models import Article, Event, Figure, Range, Span, TimeExpr

__all__ = ["build_events", "event_sort_key", "group_events", "timeline_key"]

# Verbs that report speech rather than name what happened: weak evidence of sameness.
REPORTING = frozenset(
    {
        "say",
        "said",
        "says",
        "tell",
        "told",
        "add",
        "added",
        "note",
        "noted",
        "state",
        "stated",
        "report",
        "reported",
        "announce",
        "announced",
        "according",
        "quote",
        "quoted",
        "cite",
        "cited",
        "claim",
        "claimed",
        "write",
        "wrote",
    }
)
TIME_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
TIME_WORDS |= {
    "day",
    "week",
    "month",
    "year",
    "quarter",
    "today",
    "yesterday",
    "tomorrow",
    "decade",
    "century",
    "time",
    "morning",
    "evening",
    "night",
    "weekend",
    "ago",
    "last",
    "next",
}
MIN_SHARED_TERMS = 2

# Key terms of each built event, for grouping (events carry only ids and spans).
_TERMS: dict[tuple[str, str, int], frozenset[str]] = {}
_TERMS_LIMIT = 200_000


def placeable(timex: TimeExpr) -> bool:
    """Whether a time expression can be put on the timeline as a date."""
    if timex.type not in ("DATE", "TIME") or timex.value is None:
        return False
    return value_bounds(timex.value) is not None


def build_events(
    article: Article,
    timexes: list[TimeExpr],
    mentions: list[tuple[Span, str]],
    figures: list[Figure],
) -> list[Event]:
    """One event per placeable time expression of ``article``, dated by it.

    ``mentions`` pairs each person mention in the article with its global person id;
    ``figures`` may hold the whole corpus (only this article's are used).
    """
    dated = [t for t in timexes if placeable(t)]
    if not dated:
        return []
    doc = _parse(article.content_text())
    sentences: list[tuple[int, int]] = (
        [(s.start_char, s.end_char) for s in doc.sents] if doc is not None else []
    )
    own_figures = [f for f in figures if f.article_id == article.id]
    timex_chars = [(t.start, t.end) for t in timexes]
    events: list[Event] = []
    meta = _metadata_range(article)
    for timex in dated:
        if meta is not None and timex.start < meta[1] and meta[0] < timex.end:
            continue
        start, end = _sentence_of(timex, sentences, article.text)
        if _is_dateline(article.text[start:end], timex, article.text):
            continue
        trigger = _trigger(doc, timex, article) if doc is not None else None
        people = sorted({pid for span, pid in mentions if start <= span.start < end})
        figs = [f.id for f in own_figures if start <= f.start < end]
        event = Event(
            id=f"evt-{article.id}-{len(events) + 1}",
            article_id=article.id,
            when=timex,
            sentence=Range(start=start, end=end),
            trigger=trigger,
            people=people,
            figures=figs,
        )
        if len(_TERMS) > _TERMS_LIMIT:
            _TERMS.clear()
        _TERMS[_term_key(event)] = _key_terms(doc, start, end, timex_chars)
        events.append(event)
    return events


def event_sort_key(event: Event) -> tuple[tuple[int, int, int, int], str, int]:
    """Timeline order: by value (granularity-aware), then article, then position."""
    return (timeline_key(event.when.value), event.article_id, event.when.start)


def group_events(events: list[Event]) -> list[Event]:
    """Events in timeline order; reports of one event across articles share ``group``.

    Two events are the same when their values are equal and they share a person, or
    share at least two key terms (content words of the sentence other than
    reporting verbs and time words). Groups are only assigned when they span two or more articles.
    """
    ordered = sorted(events, key=event_sort_key)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_value: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(ordered):
        if event.when.value is not None:
            by_value[event.when.value].append(i)
    for members in by_value.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if _same_event(ordered[a], ordered[b]):
                    parent[find(a)] = find(b)

    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ordered)):
        components[find(i)].append(i)
    group_of: dict[int, str] = {}
    count = 0
    for i in range(len(ordered)):
        root = find(i)
        if root in group_of:
            continue
        members = components[root]
        if len({ordered[m].article_id for m in members}) < 2:
            continue
        count += 1
        group_of[root] = f"grp-{count}"
    return [
        event.model_copy(update={"group": group_of.get(find(i))}) for i, event in enumerate(ordered)
    ]


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


def _is_dateline(sentence: str, timex: TimeExpr, text: str) -> bool:
    """A place-and-date line or lead ("CARACAS, October 28 (Wire) -"), not a report."""
    lead_start = len(text) - len(text.lstrip())
    if (
        timex.start - lead_start < DATELINE_WINDOW
        and _DATELINE_LEAD.search(text[max(0, timex.start - 45) : timex.start])
        and _DATELINE_TAIL.match(text, timex.end)
    ):
        return True
    rest = sentence.replace(timex.text, " ", 1)
    words = re.findall(r"[A-Za-z]{2,}", rest)
    return len(words) <= 2 and sentence.count(" ") < 12


def _parse(text: str) -> Doc | None:
    try:
        return nlp.parse(text)
    except Exception:  # events still get their sentence window without a parse
        return None


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


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if not t.is_space]


def _trigger(doc: Doc, timex: TimeExpr, article: Article) -> Span | None:
    """The verb (or event noun) the expression attaches to in the dependency parse.

    Walks up from the expression: the first verb wins; a noun wins when the date modifies
    it ("the July summit", "the summit in July") unless that noun is a clause's subject or
    an apposition (then the parse went astray and the nearest verb of the sentence is used).
    """
    toks = _tokens(doc, timex.start, timex.end)
    if not toks:
        return None
    inside = {t.i for t in toks}
    tok = next((t for t in toks if t.head.i not in inside), toks[0])
    fallback: Token | None = None
    for _ in range(10):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.i in inside:
            continue
        if tok.pos_ == "VERB":
            return _token_span(article, tok)
        if tok.pos_ == "NOUN":
            if tok.dep_ in ("nsubj", "nsubjpass", "appos", "ROOT"):
                fallback = tok
                break
            return _token_span(article, tok)
    if tok.pos_ in ("VERB", "AUX") and tok.i not in inside and tok.dep_ != "appos":
        return _token_span(article, tok)
    verbs = [t for t in toks[0].sent if t.pos_ == "VERB" and t.i not in inside]
    if not verbs:
        return None if fallback is None else _token_span(article, fallback)
    nearest = min(verbs, key=lambda t: min(abs(t.i - i) for i in inside))
    return _token_span(article, nearest)


def _token_span(article: Article, tok: Token) -> Span:
    return article.span(tok.idx, tok.idx + len(tok.text))


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _key_terms(
    doc: Doc | None,
    start: int,
    end: int,
    timex_chars: Iterable[tuple[int, int]],
) -> frozenset[str]:
    if doc is None:
        return frozenset()
    spans = [(s, e) for s, e in timex_chars if s < end and e > start]
    terms: set[str] = set()
    for tok in _tokens(doc, start, end):
        if tok.pos_ not in ("NOUN", "PROPN", "VERB") or tok.is_stop:
            continue
        low = tok.lower_
        if low in TIME_WORDS or low in REPORTING or not re.search(r"[a-z]", low):
            continue
        if any(s <= tok.idx < e for s, e in spans):
            continue
        terms.add(_stem(low))
    return frozenset(terms)


def _term_key(event: Event) -> tuple[str, str, int]:
    return (event.article_id, event.id, event.when.start)


def _same_event(a: Event, b: Event) -> bool:
    if a.when.value != b.when.value:
        return False
    if a.article_id == b.article_id and a.id == b.id:
        return True
    if set(a.people) & set(b.people):
        return True
    ta = _TERMS.get(_term_key(a), frozenset())
    tb = _TERMS.get(_term_key(b), frozenset())
    return len(ta & tb) >= MIN_SHARED_TERMS
