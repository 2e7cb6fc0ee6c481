"""Normalizers of expressions counted from a reference: the publication date ("yesterday",
"last week", "three years ago", "the weekend") or the previous date in the text ("two days
later", "the following month").

Each is a :data:`~tui.extract.timex.base.Normalizer` named in the table of
:mod:`tui.extract.timex.rules`. Without a publication date these stay unresolved; counted
from a previous date of unknown year they keep the unknown year when every year agrees.
"""

from __future__ import annotations

import datetime as dt
import re

from tui.extract.timex.base import (
    NO_ANCHOR,
    PERIOD_VALUE,
    YEAR_UNKNOWN,
    Cand,
    Context,
    Norm,
    match_of,
)
from tui.extract.timex.calendar import (
    day_value,
    resolve_weekday,
    shift,
    shift_exact,
    shift_year_unknown,
    week_value,
)
from tui.extract.timex.direction import direction_of
from tui.extract.timex.lexicon import POD, SEASONS, UNIT_CODES, as_number, unit_name
from tui.records.models import TimexMod
from tui.records.timevalue import SEASON_START, year_unknown


def rel_unit(cand: Cand, ctx: Context) -> Norm:
    """ "last week", "next summer", "the following month", "the past year" (a duration: the
    twelve months to publication, which figures' periods read as a rolling year)."""
    m = cand.match
    assert m is not None
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    if rel == "past":
        code = UNIT_CODES.get(unit)
        if code is not None:
            return Norm(f"P1{code}", type="DURATION", how=f"'the past {unit}' is a duration")
    if rel in ("following", "previous", "same"):
        ref = ctx.reference
        if ref is None:
            return Norm(None, how="relative to an earlier date in the text, none found")
        delta = {"following": 1, "previous": -1, "same": 0}[rel]
        return _rel_value(ref, delta, unit, f"'{rel} {unit}' from the previous date in the text")
    if ctx.anchor is None:
        return Norm(None, how=NO_ANCHOR)
    if rel == "past":
        # "this past spring", "over the past weekend": the last one before publication
        if unit in SEASONS:
            return _past_season(ctx.anchor, SEASONS[unit])
        return _rel_value(ctx.anchor, -1, unit, f"'past {unit}': the last one before publication")
    delta = {"last": -1, "next": 1, "coming": 1, "this": 0, "current": 0}[rel]
    return _rel_value(ctx.anchor, delta, unit, f"'{rel} {unit}' from publication date")


def _past_season(anchor: dt.date, code: str) -> Norm:
    """The last season ``code`` that ended before ``anchor`` (named by its starting year)."""
    start_month = SEASON_START[code]
    for year in (anchor.year, anchor.year - 1, anchor.year - 2):
        end_y, end_m = (year + 1, 3) if start_month + 3 > 12 else (year, start_month + 3)
        if dt.date(end_y, end_m, 1) <= anchor:
            return Norm(f"{year:04d}-{code}", how=f"the last {code} season ended before {anchor}")
    return Norm(None, how="no such season")  # pragma: no cover - one of the three has ended


def _rel_value(ref: dt.date, delta: int, unit: str, how: str) -> Norm:
    how = f"{how} {ref}"
    if unit == "weekend":
        sat = resolve_weekday(ref, 5, "future" if delta >= 0 else "past")
        if delta == 0 and ref.weekday() == 6:
            sat = ref - dt.timedelta(days=1)
        if delta > 0 and sat - ref < dt.timedelta(days=1):
            sat += dt.timedelta(days=7)
        return Norm(f"{week_value(sat)}-WE", how=how)
    if unit in SEASONS:
        code = SEASONS[unit]
        start_month = SEASON_START[code]
        y = ref.year
        # Season instances named by the year they start in.
        this_start = dt.date(y if not (code == "WI" and ref.month < 3) else y - 1, start_month, 1)
        y0 = this_start.year
        if delta < 0:
            y0 -= 1
        elif delta > 0 and this_start <= ref:
            y0 += 1
        return Norm(f"{y0:04d}-{code}", how=how)
    return Norm(shift(ref, delta, unit), how=how)


def the_unit(cand: Cand, ctx: Context) -> Norm:
    """ "the end of the year": the current year (month, week …) at publication."""
    g = match_of(cand).groupdict()
    anchor = ctx.anchor
    if anchor is None:
        return Norm(None, how=f"'the {g['unit']}'; {NO_ANCHOR}")
    unit = g["unit"].lower()
    return Norm(shift(anchor, 0, unit), how=f"'the {unit}': the current one at {anchor}")


def year_earlier(cand: Cand, ctx: Context) -> Norm:
    """ "year-earlier", "the year-ago quarter": the compared period a year before — the
    quarter or half the text reports on, a year back; with none, the year before
    publication."""
    period = ctx.reported_period
    if ctx.stretch is not None and (period is not None or ctx.anchor is not None):
        words = ctx.text[cand.start : cand.end].lower()
        if words.endswith("period") or _MONTHS_AFTER.match(ctx.text, cand.end):
            # "In the year-earlier period" after "In the nine months": that stretch, a
            # duration with no calendar value of its own (TimeML)
            return Norm(ctx.stretch, type="DURATION", how="the stretch of the year compared")
        return _year_before_stretch(ctx, 1)
    if period is not None:
        return Norm(
            f"{int(period[:4]) - 1:04d}{period[4:]}",
            how=f"a year before the period the text reports on ({period})",
        )
    if (unresolved := _anchor_needed(ctx)) is not None:
        return unresolved
    assert ctx.anchor is not None
    return Norm(f"{ctx.anchor.year - 1:04d}", how=f"the year before publication ({ctx.anchor})")


_MONTHS_AFTER = re.compile(r"\s+[\w-]+\s+months\b", re.IGNORECASE)


def _year_before_stretch(ctx: Context, amount: int) -> Norm:
    """ "compared with $5m a year earlier" after "In the nine months": the year before
    (a stretch of months from the year's start has no value of its own; TimeML gives the
    year)."""
    period = ctx.reported_period
    year = int(period[:4]) if period is not None else ctx.anchor.year if ctx.anchor else 0
    return Norm(
        f"{year - amount:04d}",
        how=f"{amount} year(s) before the {ctx.stretch} stretch of {year} just reported",
    )


def full_year(cand: Cand, ctx: Context) -> Norm:
    """ "the full year": the year of the period the text reports on (else of publication)."""
    if ctx.reported_period is not None:
        year = ctx.reported_period[:4]
        return Norm(year, how=f"the year of the period the text reports on ({ctx.reported_period})")
    if (unresolved := _anchor_needed(ctx)) is not None:
        return unresolved
    assert ctx.anchor is not None
    return Norm(f"{ctx.anchor.year:04d}", how=f"the year of publication ({ctx.anchor})")


def the_period(cand: Cand, ctx: Context) -> Norm:
    """ "the quarter", "the latest period": definite, no number — the period the text
    reports on, the last quarter or half it named outright (TimeML)."""
    period = ctx.reported_period
    if period is not None:
        return Norm(period, how=f"the period the text reports on ({period})")
    words = " ".join(ctx.text[cand.start : cand.end].lower().split())
    if ctx.anchor is not None and ("latest" in words or "most recent" in words):
        # "revenue in the latest quarter" with no quarter named: the last one finished
        # before publication, the one a company reports on (results follow its end).
        anchor = ctx.anchor
        index = (anchor.year * 4 + (anchor.month - 1) // 3) - 1
        year, quarter = divmod(index, 4)
        return Norm(
            f"{year:04d}-Q{quarter + 1}",
            how=f"'{words}': the last quarter finished before publication ({anchor})",
        )
    return Norm(None, how="'the quarter/period' with no period named before it")


def weekend(cand: Cand, ctx: Context) -> Norm:
    """ "over the weekend": the weekend near the publication date that the tense allows."""
    anchor = ctx.anchor
    if anchor is None:
        return Norm(None, how=f"weekend; {NO_ANCHOR}")
    direction, why = direction_of(ctx, cand)
    if anchor.weekday() >= 5:
        sat = anchor - dt.timedelta(days=anchor.weekday() - 5)
    else:
        sat = resolve_weekday(anchor, 5, direction or "past")
    return Norm(f"{week_value(sat)}-WE", how=f"weekend near publication date {anchor}; {why}")


def earlier_this(cand: Cand, ctx: Context) -> Norm:
    """ "earlier this year", "later next month"."""
    g = match_of(cand).groupdict()
    anchor = ctx.anchor
    if (unresolved := _anchor_needed(ctx)) is not None:
        return unresolved
    assert anchor is not None
    delta = {"this": 0, "next": 1, "last": -1}[g["rel"].lower()]
    unit = g["unit"].lower()
    return Norm(
        shift(anchor, delta, unit),
        how=f"'{g['eo'].lower()} {g['rel'].lower()} {unit}' from publication date {anchor}",
    )


def ago(cand: Cand, ctx: Context) -> Norm:
    """ "three years ago", "a few weeks ago" (a vague amount: the past)."""
    g = match_of(cand).groupdict()
    anchor = ctx.anchor
    if (unresolved := _anchor_needed(ctx)) is not None:
        return unresolved
    assert anchor is not None
    amount = as_number(g["n"])
    unit = unit_name(g["unit"])
    if amount < 0:
        return Norm("PAST_REF", how=f"vague amount of time ago (anchor {anchor})")
    period = ctx.reported_period or ""
    previous = ctx.reference_value or ""
    if unit == "year" and ctx.stretch is not None and (period or ctx.anchor is not None):
        return _year_before_stretch(ctx, amount)
    if unit == "year" and period and PERIOD_VALUE.fullmatch(previous):
        # "profit rose to $5m from $4m a year ago" after "the third quarter": the compared
        # period a year before, at its granularity (TimeML; a quarterly report's habit).
        return Norm(
            f"{int(period[:4]) - amount:04d}{period[4:]}",
            how=f"{amount} year(s) before the period just reported ({period}), at its granularity",
        )
    qual = " ".join((g.get("qual") or "").lower().split())
    if not qual and g.get("post"):  # "a week or so ago": counted back by the first amount
        qual = "or " + g["post"].lower()
    mods: dict[str, TimexMod] = {
        "more than": "BEFORE",
        "just over": "BEFORE",
        "or more": "BEFORE",
        "less than": "AFTER",
    }
    return Norm(
        shift_exact(anchor, -amount, unit),
        mod=mods.get(qual, "APPROX") if qual else None,
        how=f"{amount} {unit}(s) before publication date {anchor}"
        + (f" ('{qual}': the date is still the one counted back)" if qual else ""),
    )


def narrative(cand: Cand, ctx: Context) -> Norm:
    """ "two days later", "a year earlier": counted from the previous date in the text."""
    m = match_of(cand)
    g = m.groupdict()
    amount = as_number(g["n"])
    unit = unit_name(g["unit"])
    ref = ctx.reference
    sign = 1 if g["dir"].lower() == "later" else -1
    if ref is None and amount >= 0 and year_unknown(ctx.reference_value):
        return _shift_year_unknown(
            ctx.reference_value or "", sign * amount, unit, f"{m.group(0).lower()}"
        )
    if ref is None or amount < 0:
        return Norm(None, how="relative to an earlier date in the text, none found")
    ref_value = ctx.reference_value or ""
    if (
        unit == "year"
        and sign < 0
        and ctx.stretch is not None
        and PERIOD_VALUE.fullmatch(ref_value)
    ):
        return _year_before_stretch(ctx, amount)
    if unit == "year" and re.fullmatch(r"\d{4}-(?:Q[1-4]|H[12]|\d{2}|SP|SU|FA|WI)", ref_value):
        shifted = f"{int(ref_value[:4]) + sign * amount:04d}{ref_value[4:]}"
        return Norm(
            shifted,
            how=f"{amount} year(s) {g['dir'].lower()} than the previous date in the text"
            f" ({ref_value}), at its granularity",
        )
    return Norm(
        shift_exact(ref, sign * amount, unit),
        how=f"{amount} {unit}(s) {g['dir'].lower()} than the previous date in the text ({ref})",
    )


def part_of_day(cand: Cand, ctx: Context) -> Norm:
    """ "mid-afternoon", "in the morning", "mid-morning yesterday": that part (TimeML TMO,
    TAF, TEV) of the day named with it, else of the last day the text named, else of the
    publication date."""
    g = match_of(cand).groupdict()
    pod = POD[(g["pod"] or "").lower()]
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1}
    reference = ctx.reference_value or ""
    if g.get("dw") and ctx.anchor is not None:
        day = ctx.anchor + dt.timedelta(days=offsets[(g["dw"] or "").lower()])
        how = f"part of '{(g['dw'] or '').lower()}' from publication date {ctx.anchor}"
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T.*)?", reference) and ctx.reference is not None:
        day = ctx.reference
        how = f"part of the last day named in the text ({day})"
    elif ctx.anchor is not None:
        day = ctx.anchor
        how = f"part of the day of publication ({day})"
    else:
        return Norm(None, type="TIME", how=NO_ANCHOR)
    return Norm(f"{day_value(day)}T{pod}", type="TIME", how=how)


def deictic(cand: Cand, ctx: Context) -> Norm:
    """ "today", "yesterday morning", "tonight", "the day after tomorrow"."""
    word: str = match_of(cand)["w"]
    w = " ".join(word.lower().split())
    if w in ("today", "tomorrow") and _generic_day(cand, ctx):
        # "today's youth", "the cities of tomorrow": the present age or the future, no day
        ref = "PRESENT_REF" if w == "today" else "FUTURE_REF"
        return Norm(ref, how=f"'{w}' of an age, not a day (TimeML {ref})")
    if ctx.anchor is None:
        return Norm(None, how=NO_ANCHOR)
    a = ctx.anchor
    offsets = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "last night": -1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    first = w.split()[0]
    if w in offsets:
        delta = offsets[w]
    elif first in offsets:
        delta = offsets[first]
    else:
        delta = 0
    day = a + dt.timedelta(days=delta)
    pod = next((POD[x] for x in w.split() if x in POD), None)
    how = f"'{w}' from publication date {a}"
    if pod is not None:
        return Norm(f"{day_value(day)}T{pod}", type="TIME", how=how)
    return Norm(day_value(day), how=how)


_GENERIC_AFTER_POSSESSIVE = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:world|youth|society|generations?|young|children|kids|teenagers"
    r"|families|culture|standards)\b",
    re.IGNORECASE,
)
_OF_AN_AGE = re.compile(r"\b(?:\w+s|people|world|youth|generation)\s+of\s+$", re.IGNORECASE)
"""A plural (or a people, a world) "of today/tomorrow": "the leaders of tomorrow"."""


def _generic_day(cand: Cand, ctx: Context) -> bool:
    """ "today's youth", "in today's world", "the people of tomorrow": the day names an age."""
    text = ctx.text
    if _GENERIC_AFTER_POSSESSIVE.match(text, cand.end):
        return True
    of = _OF_AN_AGE.search(text[max(0, cand.start - 30) : cand.start])
    return of is not None and re.match(r"\s*(?:[,.;:!?'\"”’)]|--|$)", text[cand.end :]) is not None


def narrative_day(cand: Cand, ctx: Context) -> Norm:
    """ "the next day", "the previous week", "the day before"."""
    phrase: str = match_of(cand)["w"]
    p = " ".join(phrase.lower().split())
    ref = ctx.reference
    words = p.split()
    if words[-1] in ("before", "after"):
        delta = -1 if words[-1] == "before" else 1
        unit = words[1]
        if unit != "day" and ref is not None:
            return _at_reference(ctx, unit, delta, f"'{p}'")
    else:
        delta = {"next": 1, "following": 1, "previous": -1, "same": 0}[words[1]]
        unit = words[2]
    if unit in POD:
        # "the next morning": that part of the day after the story's day (TimeML `TMO`)
        ref_value = ctx.reference_value or ""
        if ref is None or not re.match(_GRAIN["day"], ref_value):
            return Norm(None, type="TIME", how=f"'{p}': no day named before it in the text")
        day = shift_exact(ref, delta, "day")
        return Norm(
            f"{day}T{POD[unit]}",
            type="TIME",
            how=f"'{p}': that part of the day {_MOVES[delta]}the previous date in the text"
            f" ({ref_value})",
        )
    if ref is None and year_unknown(ctx.reference_value):
        return _shift_year_unknown(ctx.reference_value or "", delta, unit, f"'{p}'")
    if ref is None:
        return Norm(None, how="relative to an earlier date in the text, none found")
    return Norm(
        shift_exact(ref, delta, unit), how=f"'{p}' after the previous date in the text ({ref})"
    )


_GRAIN = {
    "year": r"\d{4}",
    "month": r"\d{4}-\d{2}",
    "week": r"\d{4}-(?:W\d{2}|\d{2}-\d{2})",
    "day": r"\d{4}-\d{2}-\d{2}",
}


_MOVES = {-1: "before ", 0: "of ", 1: "after "}


def _at_reference(ctx: Context, unit: str, delta: int, phrase: str) -> Norm:
    """The ``unit`` of the date the story is at (the previous date in the text), moved by
    ``delta``; no value when that date is coarser than the unit ("that day" after a year)."""
    ref, ref_value = ctx.reference, ctx.reference_value or ""
    if ref is None or not re.match(_GRAIN[unit], ref_value):
        return Norm(None, how=f"{phrase}: no {unit} named before it in the text")
    return Norm(
        shift_exact(ref, delta, unit),
        how=f"{phrase}: the {unit} {_MOVES[delta]}the previous date in the text ({ref_value})",
    )


def that_unit(cand: Cand, ctx: Context) -> Norm:
    """ "later that year", "that same day": the unit of the date the story is at (TimeML
    anaphora); "later in the day" — of the story's date when it names that unit, else of
    publication."""
    m = match_of(cand)
    unit = m["unit"].lower()
    phrase = " ".join(m.group(0).lower().split())
    if " in the " in phrase:
        ref_value = ctx.reference_value or ""
        if ctx.reference is None or not re.match(_GRAIN[unit], ref_value):
            if ctx.anchor is None:
                return Norm(None, how=f"'{phrase}'; {NO_ANCHOR}")
            return Norm(shift(ctx.anchor, 0, unit), how=f"'{phrase}': the {unit} of publication")
    return _at_reference(ctx, unit, 0, f"'{phrase}'")


def nth_day(cand: Cand, ctx: Context) -> Norm:
    """ "the eighth day of the strike": the day it is told on — publication in the present
    tense ("today is the eighth day of …"), the story's day in the past (TimeML)."""
    direction, why = direction_of(ctx, cand)
    said = " ".join(match_of(cand).group(0).lower().split())
    if direction is None and ctx.anchor is not None:
        return Norm(day_value(ctx.anchor), how=f"'{said}' told in the present ({why}): publication")
    return _at_reference(ctx, "day", 0, f"'{said}' ({why})")


def now(cand: Cand, ctx: Context) -> Norm:
    """ "now", "right now": TimeML's PRESENT_REF."""
    return Norm("PRESENT_REF", how="'now': the present (TimeML PRESENT_REF)")


def present_ref(cand: Cand, ctx: Context) -> Norm:
    """ "currently", "nowadays", "these days": the present, with no date (TimeML)."""
    return Norm("PRESENT_REF", how=f"'{_said(cand)}': the present (TimeML PRESENT_REF)")


def past_ref(cand: Cand, ctx: Context) -> Norm:
    """ "recently", "(in) the past": an undated past."""
    return Norm("PAST_REF", how=f"'{_said(cand)}': an undated past (TimeML PAST_REF)")


def future_ref(cand: Cand, ctx: Context) -> Norm:
    """ "(in) the future", "(in) the near future": an undated future."""
    return Norm("FUTURE_REF", how=f"'{_said(cand)}': an undated future (TimeML FUTURE_REF)")


def by_event(cand: Cand, ctx: Context) -> Norm:
    """ "the weeks before the shooting": dated from the event once all expressions are read
    (:func:`tui.extract.timex.eventdates.date_by_events`)."""
    return Norm(None, how="the days/weeks before an event: dated from the event's date")


def _said(cand: Cand) -> str:
    return " ".join(cand.match.group(0).lower().split()) if cand.match is not None else ""


def _anchor_needed(ctx: Context) -> Norm | None:
    if ctx.anchor is None:
        return Norm(None, how=NO_ANCHOR)
    return None


def _shift_year_unknown(ref_value: str, amount: int, unit: str, phrase: str) -> Norm:
    """A day or month counted from a previous date whose year is unknown."""
    moved = None
    if unit == "day":
        moved = shift_year_unknown(ref_value, days=amount)
    elif unit == "month":
        moved = shift_year_unknown(ref_value, months=amount)
    if moved is None:
        return Norm(
            None,
            how=f"{phrase} from the previous date in the text ({ref_value}); "
            "its year is unknown, so the result cannot be placed",
        )
    return Norm(
        moved, how=f"{phrase} from the previous date in the text ({ref_value}); {YEAR_UNKNOWN}"
    )
