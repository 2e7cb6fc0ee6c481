"""Figures that measure the same thing, compared across and within articles.

Grouping key (see README "Figures and comparisons"):

* counts: the counted noun's head, singularized and mapped through :data:`SYNONYMS`
  ("seventeen accords" and "17 agreements" both count ``agreement``);
* money, percentages and measures: the kind, the unit (currency; "percentage points"), whether
  it is a change or a level, and the measure's content words, singularized, with generic
  modifiers ("bilateral", "total", "annual") dropped and synonyms mapped ("trade turnover" and
  "bilateral trade" both measure ``trade``). Without a measure such figures are never grouped.

Inside a group, figures with the same period are compared (``agree`` when their value
intervals overlap given the qualifiers, else ``conflict``); when the group spans two or more
periods an ``evolution`` comparison lists the figures in period order.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.extract.figures.lemmas import noun_lemma
from tui.extract.timex_calendar import MONTH_NAMES
from tui.gcpolicy import gc_paused
from tui.models import Article, Comparison, ComparisonStatus, Figure, Range, TimeExpr

#: Word-level synonyms: every key measures the same thing as its value.
SYNONYMS: dict[str, str] = {
    "accord": "agreement",
    "deal": "agreement",
    "treaty": "agreement",
    "pact": "agreement",
    "memorandum": "agreement",
    "memoranda": "agreement",
    "contract": "agreement",
    "turnover": "trade",
    "commerce": "trade",
    "delegate": "participant",
    "attendee": "participant",
    "participant": "participant",
    "firm": "company",
    "enterprise": "company",
    "business": "company",
    "corporation": "company",
    "venture": "venture",
    "fatality": "death",
    "casualty": "casualty",
    "worker": "employee",
    "staff": "employee",
    "job": "job",
    "visitor": "tourist",
    "investment": "investment",
    "fdi": "investment",
    "gdp": "gdp",
    "output": "output",
    "shipment": "export",
    "outflow": "outflow",
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
}
#: Modifiers that do not change what is measured ("bilateral trade" is trade).
GENERIC = frozenset(
    [
        "bilateral",
        "mutual",
        "total",
        "overall",
        "annual",
        "yearly",
        "new",
        "more",
        "other",
        "additional",
        "some",
        "several",
        "various",
        "different",
        "separate",
        "cumulative",
        "combined",
        "entire",
        "whole",
        "current",
        "last",
        "latest",
        "recent",
        "record",
        "about",
        "nearly",
        "roughly",
        "estimated",
        "approximately",
        "over",
        "reported",
        "official",
        "their",
        "its",
        "our",
        "total",
        "goods",
        "commodity",
    ]
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "and",
        "or",
        "with",
        "from",
        "between",
    ]
)
_CHANGE_WORDS = frozenset(
    ["increase", "rise", "growth", "gain", "jump", "drop", "fall", "decline", "decrease"]
)


def _word_key(word: str) -> str | None:
    w = word.lower().strip(".,'’\"()")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if not w or w in _STOP or w in GENERIC or not any(c.isalpha() for c in w):
        return None
    lemma = SYNONYMS.get(w) or SYNONYMS.get(noun_lemma(w)) or noun_lemma(w)
    return lemma


@lru_cache(maxsize=65536)
def measure_key(measure: str | None) -> frozenset[str] | None:
    """The content words of a measure, normalized; None when nothing is left."""
    if not measure:
        return None
    words = {k for w in re.split(r"[\s\-/]+", measure) if (k := _word_key(w))}
    return frozenset(words) or None


@lru_cache(maxsize=65536)
def split_measure(measure: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """(common words, names) of a measure: names are capitalized words after the first
    ("Trade between China and Kazakhstan" -> {"trade"}, {"china", "kazakhstan"})."""
    words: set[str] = set()
    names: set[str] = set()
    for i, raw in enumerate(re.split(r"[\s/]+", measure or "")):
        for part in raw.split("-"):
            key = _word_key(part)
            if key is None:
                continue
            stripped = part.strip(".,'’\"()")
            is_name = stripped[:1].isupper() and (i > 0 or stripped.isupper())
            (names if is_name else words).add(key)
    return frozenset(words), frozenset(names)


_PREPOSITIONS = frozenset(
    ["of", "to", "from", "between", "in", "with", "for", "by", "on", "among", "at"]
)
_TRANSPARENT = frozenset(
    ["value", "volume", "amount", "level", "total", "figure", "size", "sum", "share"]
)


@lru_cache(maxsize=65536)
def measure_head(measure: str | None) -> str | None:
    """The measured noun: the last word before the first preposition, looking through
    "value/volume/amount of" ("value of goods trade" -> "trade"); synonyms mapped."""
    words = [w for w in re.split(r"[\s/]+", measure or "") if w]
    chunks: list[list[str]] = [[]]
    for w in words:
        if w.lower() in _PREPOSITIONS:
            chunks.append([w.lower()])
        else:
            chunks[-1].append(w)
    head: str | None = None
    for n, chunk in enumerate(chunks):
        body = chunk[1:] if n > 0 else chunk
        keys = [k for w in body for part in w.split("-") if (k := _word_key(part))]
        if not keys:
            continue
        if head is None or (head in _TRANSPARENT and chunk[0] == "of"):
            head = keys[-1]
            if head not in _TRANSPARENT:
                break
        else:
            break
    return head


def unit_key(unit: str | None) -> str | None:
    """The counted noun's head, normalized ("cooperation agreements" -> "agreement")."""
    if not unit:
        return None
    words = unit.split()
    return _word_key(words[-1]) if words else None


def group_key(fig: Figure, projection: bool = False) -> tuple[str, ...] | None:
    """What must be equal for two figures to measure the same thing; None: not comparable.

    Counts: the counted noun's head. Other kinds: kind, currency or unit, and a measure
    (whose words are matched separately, see :func:`compatible_measures`). Changes never group
    with levels, nor projections ("expected to reach") with reported values.
    """
    if fig.kind == "ordinal" or (fig.value is None and fig.low is None):
        return None
    direction = "change" if fig.change else "level"
    mood = "projection" if projection else "reported"
    if fig.kind == "count":
        head = unit_key(fig.unit)
        if head is None:
            return None
        return ("count", head, direction, mood)
    if measure_key(fig.measure) is None:
        return None
    return (fig.kind, fig.currency or fig.unit or "", direction, mood)


def compatible_measures(a: Figure, b: Figure) -> bool:
    """Whether ``a`` and ``b`` (same :func:`group_key`) measure the same thing.

    Counts: always (the counted noun decided). Other kinds: the measured noun
    (:func:`measure_head`) must be the same, and the measures' common words and
    their names (capitalized words) must each be contained one in the other — outlets phrase
    one measure differently ("bilateral trade", "trade between China and Kazakhstan"). Within
    one article the words must be equal, unless the two figures are for different periods:
    an article naming two values for one period under different wordings ("exports",
    "import and export value") is naming two measures.
    """
    if a.kind == "count":
        return True
    nested = measures_nest(a.measure, b.measure)
    if a.article_id == b.article_id and split_measure(a.measure) != split_measure(b.measure):
        return nested and a.period is not None and b.period is not None and a.period != b.period
    return nested


@lru_cache(maxsize=65536)
def measures_nest(a: str | None, b: str | None) -> bool:
    """Same measured noun, and words and names each contained one in the other."""
    if measure_key(a) is None or measure_key(b) is None:
        return False
    if measure_head(a) != measure_head(b):
        return False
    wa, na = split_measure(a)
    wb, nb = split_measure(b)
    return (wa <= wb or wb <= wa) and (na <= nb or nb <= na)


_PROJECTION = re.compile(
    r"\b(?:will|would|could|(?-i:may)|might|shall|should|'ll|expects?|expected|expecting|forecasts?|"
    r"forecast(?:ed|ing)|projects?|projected|plans?|planned|planning|targets?|targeted|aims?|"
    r"aimed|intends?|set to|likely|hopes?|seeks?|goal|outlook)\b",
    re.IGNORECASE,
)
_SENT_END = re.compile(r"[.!?](?=\s)|\n")
# Capitalized words inside a sentence (after a word or comma), and all-caps words of 3+ letters
# (datelines): sentence-initial capitals say nothing about the story. Written to start with the
# capital (the context is checked behind it), so that the regex engine skips ahead to capitals;
# it matches what "(?<=[\w,;:)] )[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b|\b[A-Z]{3,}\b" matches.
_CAPITALIZED = re.compile(
    r"[A-Z](?:(?<=[\w,;:)] [A-Z])[a-z]+(?:-[A-Z][a-z]+)?\b|(?<=\b[A-Z])[A-Z]{2,}\b)"
)
_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "Or",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Here",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "Your",
        "As",
        "By",
        "To",
        "Of",
        "From",
        "With",
        "After",
        "Before",
        "When",
        "While",
        "If",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "Prof",
        "President",
        "Minister",
        "Prime",
        "Deputy",
        "Chief",
        "Officials",
        "Analysts",
        *MONTH_NAMES,
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "So",
        "What",
        "Whatever",
        "Also",
        "Meanwhile",
        "However",
        "According",
        "Read",
        "More",
        "Share",
        "Photo",
        "File",
        "US",
        "UK",
        "EU",
        "UN",
        "AM",
        "PM",
    ]
)


def _sentence_ends(text: str) -> list[int]:
    return [m.start() for m in _SENT_END.finditer(text)]


def _sentence(article: Article, fig: Figure, ends: list[int] | None = None) -> str:
    """The sentence (or line) around ``fig``; ``ends`` caches :func:`_sentence_ends`."""
    text = article.text
    if ends is None:
        ends = _sentence_ends(text)
    i = bisect_left(ends, fig.start)
    start = ends[i - 1] + 1 if i > 0 else 0
    j = bisect_left(ends, fig.end)
    return text[start : ends[j] if j < len(ends) else len(text)]


def is_projection(article: Article, fig: Figure, ends: list[int] | None = None) -> bool:
    """Whether ``fig``'s sentence reports a forecast, plan or expectation."""
    return _PROJECTION.search(_sentence(article, fig, ends)) is not None


def story_words(article: Article) -> frozenset[str]:
    """Capitalized words that name things (places, organisations, people) in ``article``."""
    return frozenset(
        w.lower()
        for w in _CAPITALIZED.findall(article.content_text())
        if w not in _NOT_NAMES and w.title() not in _NOT_NAMES
    )


@dataclass(frozen=True)
class Interval:
    """The values a figure allows given its qualifier (closed, with rounding slack)."""

    low: float
    high: float


_ROUNDING = 0.005
_APPROX = 0.10


def interval(fig: Figure) -> Interval:
    """``fig``'s value as an interval: "more than 120" -> [120, inf), "about 50" -> [45, 55]."""
    if fig.low is not None and fig.high is not None:
        low, high = float(fig.low), float(fig.high)
    else:
        low = high = float(fig.value or 0)
    q = fig.qualifier
    if q in ("more than", "over", "at least"):
        high = float("inf")
    elif q in ("less than", "up to"):
        low = 0.0
    elif q == "nearly":
        low = low * (1 - _APPROX)
    elif q == "about":
        low, high = low * (1 - _APPROX), high * (1 + _APPROX)
    return Interval(low * (1 - _ROUNDING), high * (1 + _ROUNDING))


def consistent(figs: Iterable[Figure]) -> bool:
    """Whether one value can satisfy every figure (their intervals share a point)."""
    ivs = [interval(f) for f in figs]
    return max(i.low for i in ivs) <= min(i.high for i in ivs)


def _label(fig: Figure) -> str:
    if fig.kind == "count":
        return fig.unit or "count"
    parts = [fig.measure or fig.kind]
    if fig.change:
        parts.append("change")
    if fig.currency:
        parts.append(fig.currency)
    elif fig.kind == "percent":
        parts.append(fig.unit or "%")
    return " · ".join(parts)


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
#: Figures a detail line cites before "and N more" (it must fit a status bar).
_MAX_CITED = 4


def _number(value: float) -> str:
    """A value as an analyst reads it: 82500000 -> "82.5 million", 12500 -> "12,500"."""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{_plain(value / scale)} {word}"
    return _plain(value)


def _plain(value: float) -> str:
    """Thousands separators, no exponent, no trailing zeros: 12345.5 -> "12,345.5"."""
    if not math.isfinite(value):
        return str(value)
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def value_phrase(fig: Figure) -> str:
    """The value ``fig`` states, normalized: "more than 300", "USD 82.5 million", "50%"."""
    fields = (fig.low, fig.high, fig.value, fig.kind, fig.unit, fig.currency, fig.qualifier)
    if 0 in fields[:3]:  # 0.0 and -0.0 are one cache key but read apart ("-0")
        return _phrase_of(*fields)
    return _value_phrase(*fields)


def _phrase_of(
    low: float | None,
    high: float | None,
    value: float | None,
    kind: str,
    unit: str | None,
    currency: str | None,
    qualifier: str | None,
) -> str:
    """:func:`value_phrase` of a figure's fields (a detail line repeats figures' values)."""
    if low is not None and high is not None:
        amount = f"{_number(float(low))}–{_number(float(high))}"
    else:
        amount = _number(float(value or 0))
    if kind == "percent":
        amount += " points" if unit and "point" in unit else "%"
    elif currency:
        amount = f"{currency} {amount}"
    return f"{qualifier} {amount}" if qualifier else amount


_value_phrase = lru_cache(maxsize=1 << 14)(_phrase_of)  # detail lines repeat figures' values


def _where(fig: Figure, sources: dict[str, str]) -> str:
    outlet = sources.get(fig.article_id)
    who = f"{outlet}, {fig.article_id}" if outlet else fig.article_id
    return f"{who}, {fig.period or 'period unknown'}"


def _cite(fig: Figure, sources: dict[str, str]) -> str:
    text = " ".join(fig.text.split())
    return f'"{text}" [{_where(fig, sources)}]'


def _values(figs: list[Figure]) -> str:
    """The distinct values of ``figs`` in order, joined with "vs"."""
    return " vs ".join(dict.fromkeys(value_phrase(f) for f in figs))


def _detail(
    status: ComparisonStatus,
    figs: list[Figure],
    sources: dict[str, str],
    *,
    certain: bool = True,
) -> str:
    """One line for a status bar: the judgement, the values, and each figure with its outlet,
    article and period ("period unknown" when none was found)."""
    joiner = " → " if status == "evolution" else "; "
    cites = joiner.join(_cite(f, sources) for f in figs[:_MAX_CITED])
    more = f" and {len(figs) - _MAX_CITED} more" if len(figs) > _MAX_CITED else ""
    articles = len({f.article_id for f in figs})
    scope = f"{articles} articles" if articles > 1 else "one article"
    values = _values(figs)
    periods = sorted({f.period for f in figs if f.period})
    first = figs[0]
    what = " ".join(
        ((first.unit if first.kind == "count" else first.measure) or first.kind).split()
    )
    if first.change and first.kind != "count":
        what = f"change in {what}"
    on = f" on {what}" if what else ""
    if status == "agree":
        amounts = {(f.value, f.low, f.high) for f in figs}
        if len(amounts) > 1:
            why = f"Agree{on} ({scope}): {values} differ but are consistent given their qualifiers"
        elif " vs " in values:
            why = f"Agree{on} ({scope}): the same figure with different qualifiers ({values})"
        else:
            why = f"Agree{on} ({scope}): all report {values}"
    elif status == "conflict":
        unknown = sorted({f.article_id for f in figs if not f.period})
        if certain:
            when = f" for {periods[0]}" if len(periods) == 1 else ""
            why = f"Conflict{on}{when} ({scope}): {values}"
        else:
            why = (
                f"Possible conflict{on} ({scope}): {values}; period unknown for "
                f"{', '.join(unknown)}, so it could be an evolution"
            )
    else:
        steps = " → ".join(value_phrase(f) for f in figs[:_MAX_CITED])
        why = f"Evolution{on} {' → '.join(periods)} ({scope}): {steps}"
    return f"{why}. Sources: {cites}{more}"


def _repeatable(fig: Figure) -> bool:
    """A money/percent/measure figure whose sentence names no measure (a headline, a recap)."""
    return fig.kind in ("money", "percent", "other") and fig.value is not None and not fig.measure


def _same_figure(a: Figure, b: Figure) -> bool:
    return (
        a.article_id == b.article_id
        and a.kind == b.kind
        and a.currency == b.currency
        and a.unit == b.unit
        and a.value is not None
        and b.value is not None
        and abs(float(a.value) - float(b.value)) <= _ROUNDING * abs(float(b.value))
    )


def _place_repeats(orphans: list[Figure], groups: list[list[Figure]]) -> None:
    """Within one article, a figure without a measure that repeats a value exactly (headline
    and body, lead and recap) joins the group of that value, or pairs with its twin."""
    if not orphans:
        return
    wanted = {f.article_id for f in orphans}
    index: dict[str, list[tuple[Figure, list[Figure]]]] = {}
    for group in groups:
        for member in group:
            if member.article_id in wanted:
                index.setdefault(member.article_id, []).append((member, group))
    for fig in orphans:
        mates = index.setdefault(fig.article_id, [])
        home = next((g for m, g in mates if _same_figure(fig, m)), None)
        if home is None:
            home = [fig]
            groups.append(home)
        else:
            home.append(fig)
        mates.append((fig, home))


class _Group:
    """Figures judged to measure one thing, with what joining them requires at hand."""

    def __init__(self) -> None:
        self.members: list[Figure] = []
        self.names: set[str] = set()  # the story: names of its articles
        self.articles: set[str] = set()
        self.measures: set[str | None] = set()
        self.wordings: dict[frozenset[str] | None, int] = {}
        self.by_article: dict[str, list[Figure]] = {}
        self.position = 0  # among the groups of its key

    def fits(self, fig: Figure, names: frozenset[str]) -> bool:
        """Same story (shares a name with the group's articles) and compatible measures."""
        if fig.article_id not in self.articles and not names & self.names:
            return False
        if fig.kind != "count" and not all(measures_nest(fig.measure, m) for m in self.measures):
            return False
        return all(compatible_measures(fig, m) for m in self.by_article.get(fig.article_id, []))

    def add(self, fig: Figure, names: frozenset[str]) -> None:
        self.members.append(fig)
        self.names |= names
        self.articles.add(fig.article_id)
        self.measures.add(fig.measure)
        wording = measure_key(fig.measure)
        self.wordings[wording] = self.wordings.get(wording, 0) + 1
        self.by_article.setdefault(fig.article_id, []).append(fig)


class _KeyGroups:
    """The groups of one group key, indexed by their story names and articles.

    A figure can only join a group of its own article or one sharing a name with it, so with
    many groups (many stories reporting the same kind of figure) only those are checked.
    """

    SCAN = 16  # up to this many groups, checking each is cheaper than the index

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.by_name: dict[str, list[int]] = {}
        self.by_article: dict[str, list[int]] = {}

    def candidates(self, fig: Figure, names: frozenset[str]) -> list[_Group]:
        """``[g for g in self.groups if g.fits(fig, names)]``, in the same order."""
        if len(self.groups) <= self.SCAN:
            return [g for g in self.groups if g.fits(fig, names)]
        found = set(self.by_article.get(fig.article_id, ()))
        for name in names:
            found.update(self.by_name.get(name, ()))
        return [self.groups[i] for i in sorted(found) if self.groups[i].fits(fig, names)]

    def new_group(self) -> _Group:
        group = _Group()
        group.position = len(self.groups)
        self.groups.append(group)
        return group

    def add(self, group: _Group, fig: Figure, names: frozenset[str]) -> None:
        if fig.article_id not in group.articles:
            self.by_article.setdefault(fig.article_id, []).append(group.position)
        for name in names - group.names:
            self.by_name.setdefault(name, []).append(group.position)
        group.add(fig, names)


@gc_paused()
def compare_figures(figures: list[Figure], articles: list[Article]) -> list[Comparison]:
    """Comparisons between figures that measure the same thing (groups of two or more)."""
    order = {a.id: i for i, a in enumerate(articles)}
    ordered = sorted(
        enumerate(figures), key=lambda p: (order.get(p[1].article_id, len(order)), p[0])
    )
    by_id = {a.id: a for a in articles}
    names: dict[str, frozenset[str]] = {}

    def names_of(aid: str) -> frozenset[str]:
        if aid not in names:
            art = by_id.get(aid)
            names[aid] = story_words(art) if art is not None else frozenset()
        return names[aid]

    keyed: dict[tuple[str, ...], _KeyGroups] = {}
    groups: list[list[Figure]] = []
    orphans: list[Figure] = []
    sentence_ends: dict[str, list[int]] = {}
    projection: dict[tuple[str, int, int], bool] = {}  # per sentence: figures share them

    def projected(article: Article, fig: Figure) -> bool:
        ends = sentence_ends.get(article.id)
        if ends is None:
            ends = sentence_ends[article.id] = _sentence_ends(article.text)
        key = (article.id, bisect_left(ends, fig.start), bisect_left(ends, fig.end))
        if key not in projection:
            projection[key] = is_projection(article, fig, ends)
        return projection[key]

    for _, fig in ordered:
        article = by_id.get(fig.article_id)
        key = group_key(fig, article is not None and projected(article, fig))
        if key is None:
            if _repeatable(fig):
                orphans.append(fig)
            continue
        mine = names_of(fig.article_id)
        same_key = keyed.setdefault(key, _KeyGroups())
        candidates = same_key.candidates(fig, mine)
        if candidates:
            best = max(candidates, key=lambda g: g.wordings.get(measure_key(fig.measure), 0))
        else:
            best = same_key.new_group()
            groups.append(best.members)
        same_key.add(best, fig, mine)
    _place_repeats(orphans, groups)
    out: list[Comparison] = []

    sources = {a.id: a.source for a in articles if a.source}

    def emit(status: ComparisonStatus, figs: list[Figure], certain: bool = True) -> None:
        out.append(
            Comparison(
                id=f"cmp-{len(out) + 1}",
                measure=_label(figs[0]),
                figures=[f.id for f in figs],
                status=status,
                detail=_detail(status, figs, sources, certain=certain),
                certain=certain,
            )
        )

    def judge(figs: list[Figure]) -> None:
        """agree/conflict for figures of one period (or of unknown periods): a conflict is
        certain only when figures with a known, shared period already disagree."""
        if consistent(figs):
            emit("agree", figs)
            return
        dated = [f for f in figs if f.period is not None]
        emit("conflict", figs, certain=len(dated) >= 2 and not consistent(dated))

    for figs in groups:
        if len(figs) < 2:
            continue
        periods: dict[str | None, list[Figure]] = {}
        for fig in figs:
            periods.setdefault(fig.period, []).append(fig)
        known = [p for p in periods if p is not None]
        if len(known) <= 1:
            judge(figs)
            continue
        for period in [*sorted(known), None]:
            same = periods.get(period, [])
            if len(same) >= 2:
                judge(same)
        dated = [f for p in sorted(known) for f in periods[p]]
        emit("evolution", dated)
    return out


_REPORTING = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "announced",
        "reported",
        "stated",
        "added",
        "noted",
        "explained",
        "wrote",
        "claimed",
        "declared",
        "confirmed",
        "showed",
    ]
)


# Clause breaks inside a sentence: semicolons, colons, commas, dashes and brackets.
_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s|\s[–—-]\s|—|[()]")
# Sentence ends when the extraction's sentence boundaries are not given.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘'(])|\n+")
_REPORTING_WORD = re.compile(r"\b(?:" + "|".join(sorted(_REPORTING)) + r")\b", re.IGNORECASE)


_BOUNDARY_BEFORE = re.compile(
    r"\b(?:since|until|till|through|thru|before|after|from|than|versus|vs\.?|against|"
    r"compared\s+(?:to|with)|as\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_BASELINE = re.compile(r"(?:the\s+)?same\s+(?:period|time|month|quarter|week)\b", re.IGNORECASE)


_BOUNDARY_INSIDE = re.compile(r"(?:since|until|till|before|after|as\s+of)\b", re.IGNORECASE)


def _is_boundary(text: str, timex: TimeExpr) -> bool:
    """A time expression that bounds or baselines a figure rather than dating it: "since
    2019", "until 2030", "compared with the same period in 2023", "than in 2022" — whether
    the bounding word precedes the expression or the timeline included it ("until 2030")."""
    before = text[max(0, timex.start - 30) : timex.start]
    return bool(
        _BOUNDARY_BEFORE.search(before)
        or _BASELINE.match(timex.text)
        or _BOUNDARY_INSIDE.match(timex.text)
    )


_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A duration that runs back from (or on from) the moment of writing: "the past year",
# "the last 12 months", "the previous three years", "the next five years".
_LEAD_IN = r"(?:(?:over|in|during|for|within|throughout)\s+)?(?:the\s+)?"
_ANCHORED_BACK = re.compile(_LEAD_IN + r"(?:past|last|previous|preceding)\b", re.IGNORECASE)
_ANCHORED_ON = re.compile(_LEAD_IN + r"(?:next|coming)\b", re.IGNORECASE)
_DURATION_VALUE = re.compile(r"P(\d{1,3})([YMWD])")
# Breaks that end a clause with its own predicate ("— 17 of them were signed in May and …"),
# unlike the commas that set off an adverbial ("In 2024, trade rose").
_STRONG_BREAK = re.compile(r";\s|\s[–—-]\s|[()]|—")
_WORDS = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
#: Words an adverbial clause may have besides its date ("In 2024", "during the first half").
_ADVERBIAL_MAX_WORDS = 3


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after ``day``'s month (negative: before)."""
    index = day.year * 12 + (day.month - 1) + months
    return index // 12, index % 12 + 1


def anchored_period(timex: TimeExpr, published: dt.date | None) -> str | None:
    """The ISO 8601 interval a duration anchored at publication covers, or None.

    "the past year" in an article of 2025-05-08 -> "2024-05/2025-05"; "the last 12 months"
    the same; "the past week" -> "2025-05-01/2025-05-08"; "the next five years" ->
    "2025-05/2030-05". Years and months give month precision (two outlets writing "the past
    year" in the same month report the same period), weeks and days give day precision.
    Durations not anchored at the moment of writing ("three years", "a decade-long") give None.
    """
    if published is None or timex.type != "DURATION" or not timex.value:
        return None
    back = _ANCHORED_BACK.match(timex.text) is not None
    if not back and _ANCHORED_ON.match(timex.text) is None:
        return None
    m = _DURATION_VALUE.fullmatch(timex.value)
    if m is None:
        return None
    n, unit = int(m.group(1)), m.group(2)
    if n == 0:
        return None
    sign = -1 if back else 1
    if unit in "YM":
        months = n * 12 if unit == "Y" else n
        year, month = _shift_months(published, sign * months)
        if not 1 <= year <= 9999:
            return None
        other = f"{year:04d}-{month:02d}"
        here = f"{published.year:04d}-{published.month:02d}"
    else:
        days = n * 7 if unit == "W" else n
        try:
            other = (published + dt.timedelta(days=sign * days)).isoformat()
        except OverflowError:
            return None
        here = published.isoformat()
    return f"{other}/{here}" if back else f"{here}/{other}"


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def attach_periods(
    article: Article,
    figures: list[Figure],
    timexes: list[TimeExpr],
    *,
    sentences: Sequence[Range] | None = None,
) -> list[Figure]:
    """Figures with ``period`` set from a time expression in the same clause, else sentence.

    Dates with a value count; durations only when anchored at the moment of writing ("over
    the past year", "in the last 12 months") and the article has a publication date: they give
    the interval they cover (:func:`anchored_period`). Not counted: other durations, times
    of day, sets such as "every year", the vague PRESENT_REF/PAST_REF/FUTURE_REF, bounds and
    baselines ("since 2019", "until 2030", "compared with the same period in 2023"), one that
    overlaps the figure (a duration figure "three years"), and one in another clause that
    reports who said it ("..., the ministry said on Tuesday"). The nearest one in the same
    clause wins; otherwise the nearest one in the same sentence that is not a single day (a
    dateline "MOSCOW, June 4 -" or an event date is not a period) and that does not sit
    beyond a semicolon, dash or bracket in a clause with words of its own ("… 350 accords
    — 17 of them were signed in March 2023 …": the date is those 17's). Clauses are the
    stretches of a sentence between commas, semicolons, colons, dashes and brackets.
    ``sentences`` (the parser's boundaries, kept by the extraction) is used when given;
    otherwise sentences are split on end punctuation and line breaks. No parse is needed,
    so linking a corpus re-opened from the store never loads spaCy.
    """
    text = article.text
    published = article.published.date
    usable: list[tuple[TimeExpr, str]] = []
    for t in timexes:
        if t.article_id != article.id or _is_boundary(text, t):
            continue
        if t.type == "DATE" and t.value and not t.value.endswith("_REF"):
            usable.append((t, t.value))
        elif (anchored := anchored_period(t, published)) is not None:
            usable.append((t, anchored))
    if not figures or not usable:
        return figures
    bounds = [(r.start, r.end) for r in sentences] if sentences else _sentence_bounds(text)
    starts = [s for s, _ in bounds]

    def sentence_of(pos: int) -> int:
        i = bisect_left(starts, pos + 1) - 1
        return i if i >= 0 and pos < bounds[i][1] else -1

    clause_cuts: dict[int, list[int]] = {}  # per sentence, computed once

    def clause_of(sent: int, pos: int) -> tuple[int, int]:
        """(start, end) of the clause of ``pos`` inside sentence ``sent``."""
        s, e = bounds[sent]
        cuts = clause_cuts.get(sent)
        if cuts is None:
            cuts = clause_cuts[sent] = [m.start() for m in _CLAUSE_BREAK.finditer(text, s, e)]
        i = bisect_left(cuts, pos + 1)
        return (cuts[i - 1] if i > 0 else s, cuts[i] if i < len(cuts) else e)

    reporting: dict[tuple[int, int], bool] = {}  # per clause, computed once

    def reports(clause: tuple[int, int]) -> bool:
        if clause not in reporting:
            found = _REPORTING_WORD.search(text, clause[0], clause[1])
            reporting[clause] = found is not None
        return reporting[clause]

    # Only a time expression in the figure's sentence can give its period: each sentence's
    # expressions, in their order (the first of equally near ones wins).
    in_sentence: dict[int, list[tuple[TimeExpr, str]]] = {}
    for timex, value in usable:
        in_sentence.setdefault(sentence_of(timex.start), []).append((timex, value))

    def adverbial(clause: tuple[int, int], timex: TimeExpr) -> bool:
        """Whether ``clause`` is little more than ``timex`` ("In 2024", "during 2023")."""
        rest = text[clause[0] : timex.start] + " " + text[timex.end : clause[1]]
        return len(_WORDS.findall(rest)) <= _ADVERBIAL_MAX_WORDS

    out: list[Figure] = []
    for fig in figures:
        sent = sentence_of(fig.start)
        if sent < 0:
            out.append(fig)
            continue
        clause = clause_of(sent, fig.start)
        best: tuple[int, int, str] | None = None
        for timex, value in in_sentence.get(sent, []):
            if timex.start < fig.end and fig.start < timex.end:
                continue
            t_clause = clause_of(sent, timex.start)
            same = t_clause == clause
            if not same:
                if reports(t_clause):
                    continue  # "..., the ministry said on Tuesday": when it was said
                if _DAY_VALUE.match(timex.value or ""):
                    continue  # a day in another clause: a dateline or an event, not a period
                lo, hi = min(fig.end, timex.end), max(fig.start, timex.start)
                if _STRONG_BREAK.search(text, lo, hi) and not adverbial(t_clause, timex):
                    continue  # another predicate's date, beyond a dash or semicolon
            distance = timex.start - fig.end if timex.start >= fig.end else fig.start - timex.end
            rank = (0 if same else 1, distance)
            if best is None or rank < (best[0], best[1]):
                best = (rank[0], rank[1], value)
        out.append(fig if best is None else fig.model_copy(update={"period": best[2]}))
    return out
