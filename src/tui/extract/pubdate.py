"""The publication date of an article that states none, from its own evidence.

Called only when no header, dateline or page metadata dated the article
(``published.how == "none"``). Each piece of evidence is a constraint on the publication
day; they are intersected and the answer is the narrowest one they support: a day, a range
of days (a month or a year is such a range) or nothing. Never a guess: with no lower *and*
upper bound the article stays undated, and contradicting evidence leaves it undated too.

The rules, each with its words in ``detail``:

- **tense of a dated event**: an explicit date (with its year) attached as an adverbial to a
  verb told in the past happened before publication (published on or after its first day);
  one attached to a verb with ``will``/``shall`` or a present-tense plan ("is scheduled to")
  is still to come (published on or before its last day). A date hanging on a noun ("the
  June 3 summit was postponed") or after "until", "by", "before"… says nothing;
- **deictic years tied to explicit ones**: a month told with a deictic year ("March this
  year", "June last year", "this March") and the same month with an explicit year elsewhere
  ("March 2023"), one year only → this year is that year (last year + 1, next year - 1);
- **weekday with day of month** ("this Thursday (12)", "Thursday, March 12", "Thursday the
  12th"): news names a weekday only within the week around publication, so the publication
  day is within six days of a day that is that weekday and day of month (after it when told
  in the past, before it when still to come) — days the other constraints leave open;
- a **dateline month-day without a year** (``how: none`` with its span) fixes the month and
  day once a year range is known;
- **a deictic day named in apposition** ("yesterday, March 4, 2031", "today (Tuesday)",
  "tomorrow, 6 March", "three days ago, on 2 March 2031"): a full date is the publication
  day shifted by as many days (one for yesterday, none for today); a month-day or a weekday
  fixes the publication day's month-day or weekday;
- **a deictic year stated with its number** ("this year (2031)", "last year, 2030,",
  "2032 (next year)") → this year is that year.

Text inside quotation marks gives no deictic evidence: a quote may be older than the
article ("'today' in a speech given yesterday").

Pure: the inputs are the :class:`~tui.nlp.ParsedArticle`; nothing is kept between calls.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tui.extract.timex import extract_timexes
from tui.extract.timex.lexicon import FUTURE_AUX, FUTURE_GOVERNORS, as_number
from tui.ingest.dates import MONTHS, PARTIAL_PATTERNS, find_full_dates
from tui.nlp import ParsedArticle
from tui.records.models import Article, Published, TimeExpr
from tui.records.timevalue import WEEKDAYS, value_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Tense = Literal["past", "future"]

WINDOW = 6
"""Days between a named weekday and the publication day, at most (same week)."""
MAX_SPAN_DAYS = 3 * 366
"""Weekday constraints are only resolved on ranges up to this wide (about three years)."""

_EXPLICIT_YEAR = re.compile(r"\b(?:1[89]|2[01])\d\d\b")
_EXPLICIT_VALUE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")
_MONTH_WORD = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY_WORD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY_NUM = r"(?:[12]\d|3[01]|0?[1-9])"
_DEICTIC = re.compile(
    rf"\b(?P<m1>{_MONTH_WORD})\s+(?:of\s+)?(?P<w1>this|last|next)\s+year\b"
    rf"|\b(?P<w2>this)\s+(?P<m2>{_MONTH_WORD})(?!\s+\d)",
)
_SHIFT = {"this": 0, "last": -1, "next": 1}
_YEAR_NUM = r"(?:1[89]|2[01])\d\d"
_STATED_YEAR = [
    # "this year (2031)", "last year, 2030, was …"
    re.compile(
        rf"\b(?P<w>[Tt]his|[Ll]ast|[Nn]ext)\s+year\s*(?:\(\s*(?P<y1>{_YEAR_NUM})\s*\)"
        rf"|,\s+(?P<y2>{_YEAR_NUM}),(?!\d))"
    ),
    # "2032 (next year)"
    re.compile(rf"\b(?P<y>{_YEAR_NUM})\s*\(\s*(?P<w>this|last|next)\s+year\s*\)"),
]
_DAY_WORD = re.compile(
    r"\b(?P<x>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]he day before yesterday"
    r"|[Tt]he day after tomorrow|(?P<n>[1-9]|[12]\d|30|[a-z]+(?:-[a-z]+)?) days ago)\b"
)
_DAY_SHIFT = {
    "yesterday": 1, "today": 0, "tomorrow": -1, "the day before yesterday": 2,
    "the day after tomorrow": -2,
}  # fmt: skip
"""Days from the day a deictic word names to the publication day."""
_APPOSITION = re.compile(r"(?:\s*\(\s*|,\s*)(?:on\s+)?")
"""Between a deictic word and the date it names: a bracket or a comma, never a bare space
("announced yesterday 5 May would be a holiday")."""
_WEEKDAY_ONLY = re.compile(rf"(?P<w>{_WEEKDAY_WORD})\s*(?:\)|,(?!\s*{_WEEKDAY_WORD}))")
_WEEKDAY_PREFIX = re.compile(rf"(?P<w>{_WEEKDAY_WORD}),?\s+")
_DAY_WORD_AFTER = re.compile(r"\s*\(\s*(?P<x>yesterday|today|tomorrow)\s*\)", re.I)
_APPOSITION_END = re.compile(r"\s*[),.;]")
"""After the date a deictic word names: the apposition closes ("today, 12 March, the …"),
unlike a subject ("today, 12 March is a holiday")."""
_QUOTES = re.compile("[\"\u201c\u201d]|``|''")
_WEEKDAY_DAY = [
    # "Thursday (12)", "this Thursday (12th)"
    re.compile(rf"\b(?P<w>{_WEEKDAY_WORD})\s*\((?P<d>{_DAY_NUM})(?:st|nd|rd|th)?\)"),
    # "Thursday the 12th", "Thursday, 12th"
    re.compile(rf"\b(?P<w>{_WEEKDAY_WORD}),?\s+(?:the\s+)?(?P<d>{_DAY_NUM})(?:st|nd|rd|th)\b"),
    # "Thursday, March 12" (no year after it)
    re.compile(
        rf"\b(?P<w>{_WEEKDAY_WORD}),?\s+(?P<m>{_MONTH_WORD})\s+(?P<d>{_DAY_NUM})"
        rf"(?:st|nd|rd|th)?\b(?!,?\s*\d)"
    ),
    # "Thursday, 12 March", "Thursday 12 March" (no year after it)
    re.compile(
        rf"\b(?P<w>{_WEEKDAY_WORD}),?\s+(?P<d>{_DAY_NUM})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<m>{_MONTH_WORD})\b(?!,?\s*\d)"
    ),
    # "March 12 (Thursday)"
    re.compile(
        rf"\b(?P<m>{_MONTH_WORD})\s+(?P<d>{_DAY_NUM})(?:st|nd|rd|th)?\s*\((?P<w>{_WEEKDAY_WORD})\)"
    ),
]
_PAST_PREPS = frozenset({"in", "on", "at", "during", "since", "around", "about", "circa"})
"""Prepositions after which a date told in the past is when the event happened ("landed on
June 1"): not "until", "by", "to", "for", "from" ("was postponed to June 9", "was extended
from 2030" may name a day still to come)."""
_FUTURE_PREPS = frozenset(
    {"in", "on", "at", "during", "around", "about", "for", "by", "until", "till", "through",
     "before", "within"}
)  # fmt: skip
"""Prepositions after which a date still to come bounds the publication from above ("will
open on June 3", "will stay shut until 2031"): not "after", "since", "from"."""
_SCHEDULED = FUTURE_GOVERNORS | {
    "open", "opens", "begin", "begins", "start", "starts", "expire", "expires", "resume",
    "resumes", "close", "closes",
}  # fmt: skip
"""Verbs whose present tense with a date tells a schedule ("the fair opens on June 3")."""
_PAST_AUX = frozenset({"has", "have", "had", "was", "were", "'s", "'ve", "'d"})
_MODALS = frozenset({"would", "could", "should", "might", "may", "must", "can", "'d"})


@dataclass(frozen=True)
class Bound:
    """One constraint: the publication day lies in ``[earliest, latest]`` (None: open)."""

    earliest: dt.date | None
    latest: dt.date | None
    words: str


@dataclass(frozen=True)
class WeekdayDay:
    """A weekday told with its day of month (and month, when given)."""

    weekday: int
    day: int
    month: int | None
    tense: Tense | None
    text: str


@dataclass(frozen=True)
class DayFilter:
    """The publication day, ``shift`` days after the day a deictic word names, has that
    day's month and day (when given) and weekday (when given)."""

    month: int | None
    day: int | None
    weekday: int | None
    shift: int
    text: str

    def keeps(self, day: dt.date) -> bool:
        named = day - dt.timedelta(days=self.shift)
        if self.month is not None and (named.month, named.day) != (self.month, self.day):
            return False
        return self.weekday is None or named.weekday() == self.weekday


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _governor(doc: Doc, start: int, end: int) -> tuple[Token, str] | None:
    """The verb a date at ``[start, end)`` modifies as an adverbial, and the preposition
    between them ("" for none), else None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    prep = ""
    if head.dep_ == "pobj":
        if head.head.dep_ != "prep":
            return None
        head = head.head
        prep = head.lower_
    elif head.dep_ not in ("npadvmod", "tmod", "obl"):
        return None
    verb = head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == head.i:
        return None
    return verb, prep


def _tense(verb: Token) -> Tense | None:
    """``past`` for a verb told in the past, ``future`` for one still to come, else None."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX:
        return "future"
    if aux & _MODALS:
        return None
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and aux & _PAST_AUX:
        return "past"
    present = verb.tag_ in ("VBZ", "VBP") or (
        verb.tag_ == "VBN"
        and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    )
    if present and verb.lower_ in _SCHEDULED:
        return "future"  # "opens on June 3", "is scheduled for June 3"
    if verb.tag_ == "VB" and "to" in aux:
        # "is scheduled to open", "plans to sign": a present-tense plan
        governor = verb.head
        if verb.dep_ == "xcomp" and governor.i != verb.i and _tense(governor) == "future":
            return "future"  # "will continue to be … through 2031"
        if governor.lower_ in FUTURE_GOVERNORS and governor.i != verb.i:
            tags = {c.tag_ for c in governor.children if c.dep_ in ("aux", "auxpass")}
            if governor.tag_ in ("VBZ", "VBP") or tags & {"VBZ", "VBP"}:
                return "future"
    return None


def _tense_at(doc: Doc, start: int, end: int) -> Tense | None:
    """The tense of the event a date at ``[start, end)`` dates, when the date says when it
    happened (past) or is to happen (future)."""
    found = _governor(doc, start, end)
    if found is None:
        return None
    verb, prep = found
    tense = _tense(verb)
    plan = verb.lower_ in FUTURE_GOVERNORS
    if tense == "past" and (plan or (prep and prep not in _PAST_PREPS)):
        return None  # "was scheduled for June 3", "was expected on June 3": a plan
    if tense == "future" and prep and prep not in _FUTURE_PREPS:
        return None
    return tense


def _quoted(text: str) -> str:
    return "'" + " ".join(text.split())[:60] + "'"


def _event_bounds(doc: Doc, timexes: list[TimeExpr]) -> list[Bound]:
    """Lower bounds from dated events told in the past, upper ones from those to come."""
    out: list[Bound] = []
    for t in timexes:
        if t.type != "DATE" or t.value is None or not _EXPLICIT_VALUE.match(t.value):
            continue
        if not _EXPLICIT_YEAR.search(t.text) or t.mod is not None:
            continue
        bounds = value_bounds(t.value)
        if bounds is None:
            continue
        tense = _tense_at(doc, t.start, t.end)
        if tense == "past":
            words = f"on or after {bounds[0]} ({_quoted(t.text)}, past)"
            out.append(Bound(bounds[0], None, words))
        elif tense == "future":
            words = f"on or before {bounds[1]} ({_quoted(t.text)}, to come)"
            out.append(Bound(None, bounds[1], words))
    return out


def _year_ties(text: str, timexes: list[TimeExpr]) -> list[tuple[int, str]]:
    """Publication years from deictic years tied by month to explicit ones."""
    explicit: dict[int, set[int]] = {}
    where: dict[tuple[int, int], str] = {}
    for t in timexes:
        if t.value is None or not re.match(r"^\d{4}-\d\d", t.value):
            continue
        if not _EXPLICIT_YEAR.search(t.text):
            continue
        year, month = int(t.value[:4]), int(t.value[5:7])
        explicit.setdefault(month, set()).add(year)
        where.setdefault((month, year), t.text)
    out: list[tuple[int, str]] = []
    for m in _DEICTIC.finditer(text):
        month = _month(m["m1"] or m["m2"])
        shift = _SHIFT[(m["w1"] or m["w2"]).lower()]
        years = explicit.get(month, set())
        if len(years) != 1:
            continue
        [year] = years
        deictic = "this year" if shift == 0 else ("last year" if shift < 0 else "next year")
        words = f"{deictic} = {year} from {_quoted(where[(month, year)])} … {_quoted(m.group())}"
        out.append((year - shift, words))
    return out


def _weekday_days(text: str, doc: Doc) -> list[WeekdayDay]:
    found: dict[int, WeekdayDay] = {}
    for pattern in _WEEKDAY_DAY:
        for m in pattern.finditer(text):
            if m.start() in found:
                continue
            month = _month(m["m"]) if "m" in pattern.groupindex else None
            found[m.start()] = WeekdayDay(
                WEEKDAYS[m["w"].lower()],
                int(m["d"]),
                month,
                _tense_at(doc, m.start(), m.end()),
                m.group(),
            )
    return [found[k] for k in sorted(found)]


def _days(lo: dt.date, hi: dt.date) -> list[dt.date]:
    return [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]


def _fits(day: dt.date, c: WeekdayDay) -> bool:
    """Whether ``day`` can be the publication day of an article naming ``c``."""
    before = 0 if c.tense == "future" else WINDOW  # event this many days before publication
    after = 0 if c.tense == "past" else WINDOW  # event this many days after it
    for offset in range(-before, after + 1):
        event = day + dt.timedelta(days=offset)
        if (event.weekday(), event.day) == (c.weekday, c.day) and c.month in (None, event.month):
            return True
    return False


def _dateline_day(article: Article) -> tuple[int, int] | None:
    """Month and day of a dateline that gave no year (metadata left its span)."""
    p = article.published
    if p.how != "none" or p.start is None or p.end is None:
        return None
    m = re.search(rf"(?P<m>{_MONTH_WORD})\s+(?P<d>{_DAY_NUM})\b", article.text[p.start : p.end])
    m = m or re.search(rf"(?P<d>{_DAY_NUM})\s+(?P<m>{_MONTH_WORD})", article.text[p.start : p.end])
    if m is None:
        return None
    return _month(m["m"]), int(m["d"])


def _quoted_at(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside quotation marks in its paragraph."""
    start = text.rfind("\n\n", 0, pos) + 1
    marks = _QUOTES.findall(text, start, pos)
    straight = sum(1 for q in marks if q == '"')
    opening = sum(1 for q in marks if q in ("\u201c", "``"))
    closing = sum(1 for q in marks if q in ("\u201d", "''"))
    return straight % 2 == 1 or opening > closing


def _stated_years(text: str) -> list[tuple[int, str]]:
    """Publication years from deictic years stated with their number ("this year (2031)")."""
    out: list[tuple[int, str]] = []
    for pattern in _STATED_YEAR:
        for m in pattern.finditer(text):
            if _quoted_at(text, m.start()):
                continue
            groups = m.groupdict()
            year = int(groups.get("y") or groups.get("y1") or groups.get("y2") or 0)
            shift = _SHIFT[m["w"].lower()]
            deictic = f"{m['w'].lower()} year"
            out.append((year - shift, f"{deictic} = {year} from {_quoted(m.group())}"))
    return out


def _day_words(text: str) -> tuple[list[Bound], list[DayFilter]]:
    """Evidence from "yesterday", "today", "tomorrow" and "N days ago" named with a date or
    a weekday: a full date is a bound of one day; a month-day or weekday filters the days."""
    bounds: list[Bound] = []
    filters: list[DayFilter] = []
    for m in _DAY_WORD.finditer(text):
        if _quoted_at(text, m.start()):
            continue
        shift = as_number(m["n"]) if m["n"] else _DAY_SHIFT[m["x"].lower()]
        if m["n"] and not 0 < shift <= 30:
            continue  # "several days ago", "many days ago": no day
        sep = _APPOSITION.match(text, m.end())
        if sep is None:
            continue
        at = sep.end()
        full = find_full_dates(text, at, min(len(text), at + 40))
        if full and full[0][1] == at and _APPOSITION_END.match(text, full[0][2]):
            date, s, e = full[0]
            named = date + dt.timedelta(days=shift)
            stated = _WEEKDAY_PREFIX.match(text, s)
            if stated and WEEKDAYS[stated["w"].lower()] != date.weekday():
                continue  # a weekday the date is not: a slip, no evidence
            words = f"{m['x'].lower()} is {date} ({_quoted(text[m.start() : e])})"
            bounds.append(Bound(named, named, words))
            continue
        weekday: int | None = None
        start = at
        prefix = _WEEKDAY_PREFIX.match(text, at)
        if prefix:
            weekday, start = WEEKDAYS[prefix["w"].lower()], prefix.end()
        partial = None
        for pattern in PARTIAL_PATTERNS:
            partial = pattern.match(text, start)
            if partial:
                break
        if partial is not None and _APPOSITION_END.match(text, partial.end()):
            day = int(re.sub(r"\D", "", partial["d"]))
            month = _month(partial["m"])
            filters.append(DayFilter(month, day, weekday, shift, text[m.start() : partial.end()]))
            continue
        only = _WEEKDAY_ONLY.match(text, at)
        if only:
            day_name = WEEKDAYS[only["w"].lower()]
            filters.append(DayFilter(None, None, day_name, shift, text[m.start() : only.end()]))
    for m in re.finditer(rf"\b(?P<w>{_WEEKDAY_WORD})", text):
        after = _DAY_WORD_AFTER.match(text, m.end())
        if after is None or _quoted_at(text, m.start()):
            continue
        shift = _DAY_SHIFT[after["x"].lower()]
        day_name = WEEKDAYS[m["w"].lower()]
        filters.append(DayFilter(None, None, day_name, shift, text[m.start() : after.end()]))
    return bounds, filters


def infer_published(parsed: ParsedArticle) -> Published:
    """The narrowest publication date or range the article's own evidence supports."""
    article = parsed.article
    text, doc = parsed.text, parsed.doc
    timexes = extract_timexes(parsed) if article.published.date is None else []
    bounds = _event_bounds(doc, timexes)
    for year, tie in [*_year_ties(text, timexes), *_stated_years(text)]:
        bounds.append(Bound(dt.date(year, 1, 1), dt.date(year, 12, 31), tie))
    days_named, filters = _day_words(text)
    bounds.extend(days_named)
    lows = [b for b in bounds if b.earliest is not None]
    highs = [b for b in bounds if b.latest is not None]
    if not lows or not highs:
        return _undated(article, bounds)
    low = max(lows, key=lambda b: b.earliest or dt.date.min)
    high = min(highs, key=lambda b: b.latest or dt.date.max)
    assert low.earliest is not None and high.latest is not None
    lo, hi = low.earliest, high.latest
    words = [low.words] if low is high else [low.words, high.words]
    if lo > hi:
        return Published(
            how="none", detail=f"evidence contradicts itself: {low.words}; {high.words}"
        )
    if (hi - lo).days <= MAX_SPAN_DAYS:
        days = _days(lo, hi)
        dateline = _dateline_day(article)
        if dateline is not None:
            days = [d for d in days if (d.month, d.day) == dateline]
            words.append(f"the dateline's day {_quoted(article.published.text or '')}")
            if not days:
                return Published(
                    how="none", detail=f"evidence contradicts itself: {'; '.join(words)}"
                )
        for f in filters:
            kept = [d for d in days if f.keeps(d)]
            if not kept:
                return Published(
                    how="none",
                    detail=f"evidence contradicts itself: {'; '.join(words)}; {_quoted(f.text)}",
                )
            if len(kept) < len(days):
                words.append(f"the day of {_quoted(f.text)}")
            days = kept
        for c in _weekday_days(text, doc):
            kept = [d for d in days if _fits(d, c)]
            if not kept:
                return Published(
                    how="none",
                    detail=f"evidence contradicts itself: {'; '.join(words)}; {_quoted(c.text)}",
                )
            if len(kept) < len(days):
                side = {"past": "after", "future": "before", None: "around"}[c.tense]
                words.append(f"within {WINDOW} days {side} {_quoted(c.text)}")
            days = kept
        lo, hi = days[0], days[-1]
    return Published(
        date=lo if lo == hi else None,
        how="inferred",
        detail="; ".join(words),
        earliest=lo,
        latest=hi,
    )


def _undated(article: Article, bounds: list[Bound]) -> Published:
    if not bounds:
        detail = article.published.detail or "no evidence of the publication date in the text"
        return article.published.model_copy(update={"detail": detail})
    side = "no upper bound" if any(b.earliest for b in bounds) else "no lower bound"
    # the tightest first: the latest lower bound, or the earliest upper one
    bounds = sorted(bounds, key=lambda b: -(b.earliest or b.latest or dt.date.min).toordinal())
    if side == "no lower bound":
        bounds.reverse()
    evidence = "; ".join(b.words for b in bounds[:3])
    return article.published.model_copy(update={"detail": f"{side}: {evidence}"})


def dated(parsed: ParsedArticle) -> ParsedArticle:
    """``parsed`` with its article dated from internal evidence when nothing else dated it
    (unchanged otherwise)."""
    article = parsed.article
    if article.published.date is not None or article.published.how != "none":
        return parsed
    published = infer_published(parsed)
    if published == article.published:
        return parsed
    article = article.model_copy(update={"published": published})
    return ParsedArticle(article, parsed.text, parsed.doc, parsed.index)
