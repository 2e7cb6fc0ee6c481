"""Finding an article's time expressions: every pattern's matches, filtered, the longest
kept where they overlap, extended by a part-of-period prefix, completed by spaCy's DATE/TIME
entities, then read in text order.

Reading in text order matters: each dated value becomes the reference that the next
relative expression ("the following day", "a year later") counts from.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import TYPE_CHECKING

from tui.docindex import entities
from tui.extract.timex.accept import accept
from tui.extract.timex.base import PERIOD_VALUE, Cand, Context, Norm
from tui.extract.timex.eventdates import date_by_events, note_event_date
from tui.extract.timex.lexicon import TIME_NOUNS
from tui.extract.timex.patterns import PART_PREFIX
from tui.extract.timex.prefilter import Found, folded, may_match, scan, starts
from tui.extract.timex.ranges import combine_ranges
from tui.extract.timex.rules import NEEDS, OPENINGS, PATTERNS, PRIORITY, normalize
from tui.records.timevalue import value_bounds, year_unknown

if TYPE_CHECKING:
    from spacy.tokens import Span


def find_candidates(ctx: Context) -> list[tuple[Cand, Norm]]:
    """Every time expression of ``ctx``'s article with its reading, in text order."""
    raw: list[Cand] = []
    for kind, m in pattern_matches(ctx):
        cand = Cand(m.start(), m.end(), kind, m)
        if accept(cand, ctx):
            raw.append(cand)
    raw.sort(key=lambda c: (-(c.end - c.start), PRIORITY[c.kind], c.start))
    chosen: list[Cand] = []
    taken_starts: list[int] = []  # sorted, non-overlapping intervals
    taken_ends: list[int] = []
    for cand in raw:
        i = bisect.bisect_left(taken_starts, cand.end)
        if i > 0 and taken_ends[i - 1] > cand.start:
            continue
        chosen.append(cand)
        taken_starts.insert(i, cand.start)
        taken_ends.insert(i, cand.end)
    chosen.sort(key=lambda c: c.start)
    for cand in chosen:
        _extend_part(cand, ctx, chosen)
    ctx.month_first = _numeric_order_is_month_first(chosen)
    chosen.extend(_spacy_only(ctx, chosen))
    chosen.sort(key=lambda c: c.start)

    results: list[tuple[Cand, Norm]] = []
    for cand in chosen:
        norm = normalize(cand, ctx)
        results.append((cand, norm))
        note_event_date(cand, norm, ctx)
        bounds = value_bounds(norm.value) if norm.type in ("DATE", "TIME") else None
        if _compares_back(cand):
            pass  # "up from $4m a year earlier": the comparison never becomes the reference
        elif bounds is not None and norm.value is not None and not norm.value.startswith("XXXX"):
            ctx.reference = bounds[0]
            ctx.reference_value = norm.value
            if PERIOD_VALUE.fullmatch(norm.value) and cand.kind not in COMPARED_KINDS:
                ctx.stretch = None  # "Third-quarter sales fell": the quarter is compared again
            if PERIOD_VALUE.fullmatch(norm.value) and (
                (
                    cand.kind not in COMPARED_KINDS
                    and (ctx.reported_period is None or _has_ended(cand, bounds[1], ctx))
                    and not _looks_back(cand, norm.value, ctx)
                )
                or (cand.kind == "the_period" and ctx.reported_period is None)
            ):
                ctx.reported_period = norm.value
        elif norm.type == "DURATION" and _year_to_date(cand, norm.value, ctx):
            ctx.stretch = norm.value
        elif norm.type in ("DATE", "TIME") and year_unknown(norm.value):
            # The narrative moved to a date of unknown year: "a year later" after it cannot
            # be dated from an older reference; "the following day" stays year-unknown.
            ctx.reference = None
            ctx.reference_value = norm.value
    return _approximated(
        combine_ranges(_day_next_to_a_date(date_by_events(results, ctx), ctx), ctx), ctx
    )


_AROUND = re.compile(r"\baround[ \t]+$", re.IGNORECASE)
_REFS = frozenset(("PAST_REF", "PRESENT_REF", "FUTURE_REF"))


def _approximated(results: list[tuple[Cand, Norm]], ctx: Context) -> list[tuple[Cand, Norm]]:
    """ "around Nov. 1", "around 7:15 p.m.", "around year end": the approximator is part of
    the expression, `mod` APPROX (TimeML). Not "get around Wednesday's ruling" (the day
    owns a noun: "around" governs the noun, not the day)."""
    out: list[tuple[Cand, Norm]] = []
    last_end = 0
    for cand, norm in results:
        window = ctx.text[max(last_end, cand.start - 12) : cand.start]
        around = _AROUND.search(window)
        if (
            around is not None
            and norm.type in ("DATE", "TIME")
            and norm.value is not None
            and norm.value not in _REFS
            and not re.match(r"['’]s\b", ctx.text[cand.end : cand.end + 3])
        ):
            start = cand.start - (len(window) - around.start())
            cand = Cand(start, cand.end, cand.kind, cand.match, cand.part, cand.source)
            norm.mod = norm.mod or "APPROX"
            norm.how = f"'around': approximate (mod {norm.mod}); {norm.how}"
        out.append((cand, norm))
        last_end = cand.end
    return out


_DAY_BEFORE = re.compile(r"the\s+day\s+(before|after)", re.IGNORECASE)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day_next_to_a_date(results: list[tuple[Cand, Norm]], ctx: Context) -> list[tuple[Cand, Norm]]:
    """ "the day before" next to a date counts from that date, not from the story's last
    one: "The day before last Tuesday's hearing" is one expression, the Monday (TimeML);
    "Oct. 12, the day before the plunge" restates Oct. 12 in apposition."""
    out: list[tuple[Cand, Norm]] = []
    skip = -1
    for i, (cand, norm) in enumerate(results):
        if i == skip:
            continue
        m = _DAY_BEFORE.fullmatch(ctx.text, cand.start, cand.end)
        if cand.kind != "narrative_day" or m is None:
            out.append((cand, norm))
            continue
        nxt = results[i + 1] if i + 1 < len(results) else None
        if (
            nxt is not None
            and not ctx.text[cand.end : nxt[0].start].strip()
            and nxt[1].value is not None
            and _DAY_VALUE.match(nxt[1].value)
        ):
            day = dt.date.fromisoformat(nxt[1].value[:10])
            day += dt.timedelta(days=-1 if m.group(1).lower() == "before" else 1)
            merged = Cand(cand.start, nxt[0].end, cand.kind, cand.match, cand.part, cand.source)
            how = f"'{m.group(0).lower()}' the date after it ({nxt[1].value[:10]})"
            out.append((merged, Norm(day.isoformat(), how=how)))
            skip = i + 1
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and re.fullmatch(r"\s*,\s*", ctx.text[prev[0].end : cand.start])
            and prev[1].value is not None
            and _DAY_VALUE.fullmatch(prev[1].value)
        ):
            # "Oct. 12, the day before the plunge": the day it stands in apposition to
            how = f"'{m.group(0).lower()}' in apposition to {prev[1].value}: that day"
            out.append((cand, Norm(prev[1].value, how=how)))
            continue
        out.append((cand, norm))
    return out


_ENDED = re.compile(r"\s*,?\s*(?:which\s+)?end(?:ed|ing)\b", re.IGNORECASE)


def _has_ended(cand: Cand, last_day: dt.date, ctx: Context) -> bool:
    """Whether a named quarter or half can replace the period a company reports on: results
    are reported for a period that has ended ("fourth-quarter results are expected" in November
    leaves the third quarter the one reported on); a fiscal "fourth quarter ended Sept. 30"
    says so itself, whatever calendar quarter its label names."""
    if ctx.anchor is None or last_day < ctx.anchor:
        return True
    return _ENDED.match(ctx.text, cand.end) is not None


_STRETCH = re.compile(r"P(?:[1-9]|1[01])M")
_STRETCH_WORDS = re.compile(
    r"\b(?:the|its)\s+(?:(?:first|latest)\s+)?[\w-]+\s+months$", re.IGNORECASE
)


def _year_to_date(cand: Cand, value: str | None, ctx: Context) -> bool:
    """Whether a duration of months is a company's stretch of its year so far, reported like
    a quarter: "In the nine months", "for the first six months", "its latest nine months"
    (never "for nine months", "the past six months")."""
    if value is None or not _STRETCH.fullmatch(value):
        return False
    words = " ".join(ctx.text[max(0, cand.start - 16) : cand.end].split())
    return _STRETCH_WORDS.search(words) is not None


def _looks_back(cand: Cand, value: str, ctx: Context) -> bool:
    """Whether a quarter or half named after the period a company reports on is only a look
    back at an earlier one of the same kind ("After a flat second quarter, ..." in a
    third-quarter report, "up from the second quarter"): it is told as background, and the
    report's "year-earlier period" and "a year ago" still count from the reported period.
    A period that says it ended ("the second quarter ended Oct. 31") is a report itself."""
    period = ctx.reported_period
    if period is None or period[4:6] != value[4:6] or value >= period:
        return False
    return _ENDED.match(ctx.text, cand.end) is None


_MATCHES = "newsdash_timex_matches"


def pattern_matches(ctx: Context) -> list[tuple[str, re.Match[str]]]:
    """Every non-empty match of every pattern in ``ctx.text``, pattern by pattern in table
    order. Scanning the text with all the patterns is most of the time of finding
    expressions, and an undated article is read twice (once to date it, then with its
    date), so the matches are kept with the parse (``Doc.user_data``, as the token index
    is): they depend on the text alone, and every use makes its own candidates from them.
    A pattern whose required words the text lacks is not scanned
    (:mod:`~tui.extract.timex.prefilter`): it has no match there."""
    user_data = ctx.doc.user_data
    cached = user_data.get(_MATCHES)
    if isinstance(cached, tuple) and cached[0] is PATTERNS and cached[1] == ctx.text:
        matches: list[tuple[str, re.Match[str]]] = cached[2]
        return matches
    matches = scan_patterns(ctx.text)
    user_data[_MATCHES] = (PATTERNS, ctx.text, matches)
    return matches


SCAN_COST = 4
"""A pattern that may start at more than one position of the text in this many is scanned
whole (``finditer``); else it is tried only there, one ``Pattern.match`` call from Python
each (on 200 PolNeAR articles any value from 1 to 8 took the same time). Both give the same
matches: this only chooses the faster."""


def scan_patterns(text: str) -> list[tuple[str, re.Match[str]]]:
    """The matches of :func:`pattern_matches` in ``text``. A pattern whose required words
    the text lacks is not scanned; the others are tried only at the positions where a match
    of theirs may start (:func:`~tui.extract.timex.prefilter.starts`: where the text holds
    one of the strings it opens with), which gives the very matches of ``finditer``'s try at
    every position (:func:`~tui.extract.timex.prefilter.scan`) at about a quarter of the
    time on real news. The opening strings' positions are found once per text."""
    seen = folded(text)
    found: Found = {}
    matches: list[tuple[str, re.Match[str]]] = []
    for (kind, rx), need, opens in zip(PATTERNS, NEEDS, OPENINGS, strict=True):
        if not may_match(need, seen):
            continue
        places = None if opens is None else starts(opens, text, seen, found)
        if places is None or len(places) * SCAN_COST > len(text):
            matches.extend((kind, m) for m in rx.finditer(text) if m.end() > m.start())
        else:
            matches.extend((kind, m) for m in scan(rx, text, places))
    return matches


COMPARED_KINDS = frozenset(
    {"ago", "narrative", "year_earlier", "the_period", "full_year", "year_period"}
)
"""Kinds whose value is counted from the reported period: they never become it."""


def _compares_back(cand: Cand) -> bool:
    """ "a year earlier", "a year ago", "year-earlier": a figure compared with the same period
    before, as business news writes it; a second "a year earlier" counts from the same period again,
    never from the first comparison."""
    if cand.kind == "year_earlier":
        return True
    if cand.kind == "ago" and cand.match is not None:
        return cand.match["unit"].lower().startswith("year")
    return (
        cand.kind == "narrative"
        and cand.match is not None
        and (cand.match["dir"].lower() == "earlier")
    )


def _numeric_order_is_month_first(chosen: list[Cand]) -> bool:
    """Whether the article writes numeric dates month first (US style).

    Evidence is a numeric date whose second field exceeds 12 ("12/25/2020"); one whose
    first field exceeds 12 is day-first evidence. Without evidence: day first.
    """
    day_first = month_first = 0
    for cand in chosen:
        if cand.kind != "num" or cand.match is None:
            continue
        a, b = int(cand.match["a"]), int(cand.match["b"])
        day_first += a > 12 >= b
        month_first += b > 12 >= a
    return month_first > 0 and day_first == 0


def _extend_part(cand: Cand, ctx: Context, chosen: list[Cand]) -> None:
    eligible = {"m", "my", "m_rel_year", "rel_m", "year", "rel_unit", "decade", "century"}
    eligible |= {"season_year", "quarter", "fiscal", "the_unit"}
    days = {"deictic", "weekday"}  # "late yesterday", "early Friday": early or late only
    if cand.kind not in eligible | days:
        return
    window = ctx.text[max(0, cand.start - 40) : cand.start]
    pm = PART_PREFIX.search(window)
    if pm is None:
        return
    if cand.kind in days and (pm.group("part") or "").lower() not in ("early", "late"):
        return
    group = "part" if pm.group("part") else "part2"
    new_start = cand.start - (len(window) - pm.start(group))
    if any(o is not cand and o.start < cand.start and o.end > new_start for o in chosen):
        return
    cand.part = " ".join(pm.group(group).lower().split())
    cand.start = new_start
    lead = window[: pm.start(group)]
    the = re.search(r"\bthe\s+$", lead, re.IGNORECASE)
    if cand.kind in ("decade", "century") and the is not None:
        # "the late 1970s" as "the 1970s": the article stays with its decade
        cand.start -= len(lead) - the.start()


def _spacy_only(ctx: Context, chosen: list[Cand]) -> list[Cand]:
    """DATE/TIME entities no pattern covers, kept (unresolved) when they name a period."""
    extra: list[Cand] = []
    starts = [c.start for c in chosen]  # chosen is sorted and non-overlapping
    for ent in entities(ctx.doc):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        i = bisect.bisect_left(starts, ent.end_char) - 1
        if i >= 0 and chosen[i].end > ent.start_char:
            continue
        words = {t.lower_ for t in ent}
        if not words & TIME_NOUNS:
            continue
        if re.fullmatch(r"(?:the|that|this|a|an)\s+\w+", ent.text.strip().lower()) and not (
            re.match(r"(?:a|an)\s", ent.text.strip().lower())
        ):
            continue  # "the year", "that day": a reference with nothing to normalize
        if re.fullmatch(r"(?:his|her|its|their|my|our|your)\s+\w+", ent.text.strip().lower()):
            continue  # "his day in court", "her year abroad": a stretch of a life, no date
        if ent[-1].pos_ == "ADP":
            continue  # "the night of" before a date the patterns took: a fragment
        if re.search(r"\bold\b|-old\b|\bage[sd]?\b", ent.text, re.I):
            continue
        if _scored_century(ent) or _day_part_as_name(ent):
            continue
        if re.search(r"\b(?:year|quarter|month|week|day)-to\b", ent.text, re.IGNORECASE):
            continue  # "quarter-to-quarter", "day-to-day", "year-to-date": no time
        start, end = _trim_ent(ent)
        if end > start:
            extra.append(Cand(start, end, "vague", None, source="spacy"))
    return extra


_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})


def _day_part_as_name(ent: Span) -> bool:
    """ "the morning talk show", "Good evening": a part of the day naming a programme or
    greeting someone, not a time."""
    toks = [t for t in ent if not t.is_punct]
    if len(toks) != 1 or toks[0].lower_ not in _DAY_PARTS:
        return False
    tok = toks[0]
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i:
        return True
    return tok.i > 0 and ent.doc[tok.i - 1].lower_ == "good"


_SCORING_VERBS = frozenset(
    {"score", "scores", "scored", "scoring", "make", "makes", "made", "making", "hit", "hits"}
    | {"reach", "reached", "reaches", "brought", "notch", "notched", "smashed", "struck"}
)  # the parse carries no lemmas


def _scored_century(ent: Span) -> bool:
    """ "scored a century", "his maiden century": a hundred runs in cricket, not a time."""
    words = ent.text.lower().split()
    if not words or words[-1] != "century" or len(words) > 3:
        return False
    head = ent.root.head
    return (ent.root.dep_ == "dobj" and head.lower_ in _SCORING_VERBS) or (
        ent.root.i + 1 < len(ent.doc) and ent.doc[ent.root.i + 1].lower_ in ("off", "runs")
    )


def _trim_ent(ent: Span) -> tuple[int, int]:
    toks = list(ent)
    while toks and toks[0].lower_ in ("in", "on", "since", "for", "during", "over"):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return 0, 0
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)
