"""Each figure's period: the time expression of its clause or sentence that dates it.

Reads only the article text, its time expressions and the parser's sentence ranges kept by the
extraction, so linking a corpus re-opened from the store never loads spaCy.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence

from tui.records.models import Article, Figure, Range, TimeExpr

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


_QUARTER_WORD = re.compile(r"\b(first|second|third|fourth)[- ]quarter\b", re.IGNORECASE)
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_YEAR = re.compile(r"\d{4}")


def measure_period(measure: str | None, found: str | None, published: dt.date | None) -> str | None:
    """The period a figure's measure names, else ``found``: "first-quarter net profit" is
    for the first quarter — of the year given (``found`` "2024" -> "2024-Q1"), else the
    latest first quarter begun by publication — whatever day the sentence also names ("…
    reported on Thursday a first-quarter profit of …": the day is when it was said)."""
    m = _QUARTER_WORD.search(measure or "")
    if m is None:
        return found
    quarter = _QUARTERS[m.group(1).lower()]
    if found is not None and _YEAR.fullmatch(found):
        return f"{found}-Q{quarter}"
    if (
        found is not None
        and not _DAY_VALUE.fullmatch(found)
        and not re.fullmatch(r"\d{4}-\d{2}", found)
    ):
        return found  # a quarter, a half, an interval the sentence names itself
    if published is None:
        return found
    year = published.year if 3 * quarter - 2 <= published.month else published.year - 1
    return f"{year}-Q{quarter}"


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


def floating_period(timex: TimeExpr) -> str | None:
    """The window of a duration anchored at the moment of writing in an article whose
    publication date is unknown: stated, but its end is not known. "the past year" ->
    "P1Y/XXXX-XX", "the next five years" -> "XXXX-XX/P5Y", "the past two weeks" ->
    "P2W/XXXX-XX-XX" (ISO 8601 duration/end, TIMEX3's X for the unknown digits). Such a
    period is never a calendar year's ("in 2021"): see :func:`floating`. None for durations
    not anchored at the moment of writing."""
    if timex.type != "DURATION" or not timex.value:
        return None
    back = _ANCHORED_BACK.match(timex.text) is not None
    if not back and _ANCHORED_ON.match(timex.text) is None:
        return None
    m = _DURATION_VALUE.fullmatch(timex.value)
    if m is None or int(m.group(1)) == 0:
        return None
    here = "XXXX-XX" if m.group(2) in "YM" else "XXXX-XX-XX"
    return f"{timex.value}/{here}" if back else f"{here}/{timex.value}"


def floating(period: str | None) -> bool:
    """Whether ``period`` is a window stated but not fixed in time ("P1Y/XXXX-XX": the past
    year of an undated article, :func:`floating_period`). Dates of no known year ("XXXX-07")
    are not: in one article they share a year and make evolutions as before."""
    return period is not None and "/" in period and "X" in period


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


#: What may sit between a figure and a date that is its own: "46 percent on August 1",
#: "$557 million in 2015", "12,000 as of March". A date written right after a value dates
#: it, even when another date ends just before it ("from $362 million in 2014 to $557
#: million in 2015": each value its year).
_RIGHT_AFTER = re.compile(r"\s*(?:(?:on|in|at|during|for|as\s+of)\s+)?", re.IGNORECASE)


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
        elif published is None and (window := floating_period(t)) is not None:
            usable.append((t, window))  # "over the past year", publication date unknown
    if not figures:
        return figures
    if not usable:
        return [
            fig
            if (p := measure_period(fig.measure, None, published)) is None
            else fig.model_copy(update={"period": p})
            for fig in figures
        ]
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
            if timex.start >= fig.end and _RIGHT_AFTER.fullmatch(text, fig.end, timex.start):
                rank = (-1, distance)  # "from 40 percent on July 14 to 46 percent on Aug. 1"
            if best is None or rank < (best[0], best[1]):
                best = (rank[0], rank[1], value)
        period = measure_period(fig.measure, best[2] if best else None, published)
        out.append(fig if period is None else fig.model_copy(update={"period": period}))
    return out
