"""Calendar arithmetic the normalizers use to resolve partial dates into TIMEX3 values.

Pure functions over :mod:`datetime`; no text handling here. Choosing a year for a month or
day from the publication date and the clause's direction, the date of a weekday or of the
nth weekday of a month, moving a date by whole units. What a finished value means and how it
sorts is :mod:`tui.records.timevalue`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from tui.records.timevalue import add_months

Direction = Literal["past", "future"] | None


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def choose_year(
    anchor: dt.date, month: int, day: int | None, direction: Direction, *, strict: bool = False
) -> int:
    """The year of ``month`` (and ``day``) relative to ``anchor``.

    ``past``: the latest such date not after the anchor (before it when ``strict``);
    ``future``: the earliest not before it (after it when ``strict``); no direction: the
    nearest, preferring the anchor's own year on ties.
    """
    probe_day = day if day is not None else 1
    last_day = day if day is not None else 31

    def first(year: int) -> dt.date:
        return safe_date(year, month, probe_day) or dt.date(year, month, 28)

    def last(year: int) -> dt.date:
        for d in (last_day, 30, 29, 28):
            found = safe_date(year, month, d)
            if found is not None:
                return found
        return dt.date(year, month, 28)

    year = anchor.year
    if direction == "past":
        begins = first(year)
        if begins > anchor or (strict and (last(year) >= anchor)):
            return year - 1
        return year
    if direction == "future":
        ends = last(year)
        if ends < anchor or (strict and first(year) <= anchor):
            return year + 1
        return year
    best = year
    best_gap: int | None = None
    for cand in (year, year - 1, year + 1):
        lo, hi = first(cand), last(cand)
        gap = 0 if lo <= anchor <= hi else min(abs((lo - anchor).days), abs((hi - anchor).days))
        if best_gap is None or gap < best_gap:
            best, best_gap = cand, gap
    return best


def resolve_weekday(
    anchor: dt.date, weekday: int, direction: Direction, *, strict: bool = False
) -> dt.date:
    """The date of ``weekday`` near ``anchor`` (same rules as :func:`choose_year`)."""
    back = (anchor.weekday() - weekday) % 7
    fwd = (weekday - anchor.weekday()) % 7
    if direction == "past":
        if strict and back == 0:
            back = 7
        return anchor - dt.timedelta(days=back)
    if direction == "future":
        if strict and fwd == 0:
            fwd = 7
        return anchor + dt.timedelta(days=fwd)
    if back <= fwd:
        return anchor - dt.timedelta(days=back)
    return anchor + dt.timedelta(days=fwd)


def weekday_with_day_of_month(
    anchor: dt.date, weekday: int, day_of_month: int, window: int = 200
) -> dt.date | None:
    """The date nearest ``anchor`` that is both ``weekday`` and day ``day_of_month``."""
    for gap in range(window + 1):
        for sign in (-1, 1):
            cand = anchor + dt.timedelta(days=sign * gap)
            if cand.weekday() == weekday and cand.day == day_of_month:
                return cand
    return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    """The ``nth`` ``weekday`` of a month (``nth`` -1: the last one); None if there is none."""
    if nth < 0:
        ny, nm = add_months(year, month, 1)
        last = dt.date(ny, nm, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def shift_year_unknown(value: str, days: int = 0, months: int = 0) -> str | None:
    """A year-unknown day or month ("XXXX-06-12") moved by days or months, when the result
    is the same in every year (moving across the end of February depends on leap years).
    """
    if m := re.fullmatch(r"XXXX-(\d{2})-(\d{2})", value):
        results = set()
        for year in (2003, 2004):
            start = safe_date(year, int(m[1]), int(m[2]))
            if start is None:
                return None
            y, mo = add_months(year, start.month, months)
            moved = safe_date(y, mo, start.day)
            if moved is None:
                return None
            results.add((moved + dt.timedelta(days=days)).strftime("%m-%d"))
        return f"XXXX-{results.pop()}" if len(results) == 1 else None
    if (m := re.fullmatch(r"XXXX-(\d{2})", value)) and not days:
        _, mo = add_months(2004, int(m[1]), months)
        return f"XXXX-{mo:02d}"
    return None


def shift(anchor: dt.date, amount: int, unit: str) -> str:
    """``anchor`` moved by ``amount`` units, at that unit's granularity."""
    if unit == "day":
        return day_value(anchor + dt.timedelta(days=amount))
    if unit == "week":
        return week_value(anchor + dt.timedelta(weeks=amount))
    if unit == "month":
        y, m = add_months(anchor.year, anchor.month, amount)
        return month_value(y, m)
    if unit == "quarter":
        y, m = add_months(anchor.year, anchor.month, 3 * amount)
        return f"{y:04d}-Q{quarter_of(m)}"
    if unit == "half":
        y, m = add_months(anchor.year, anchor.month, 6 * amount)
        return f"{y:04d}-H{1 if m <= 6 else 2}"
    if unit == "decade":
        return f"{(anchor.year + 10 * amount) // 10:03d}"
    if unit == "century":
        return f"{(anchor.year + 100 * amount) // 100:02d}"
    return f"{anchor.year + amount:04d}"


def shift_exact(anchor: dt.date, amount: int, unit: str) -> str:
    """``anchor`` moved by ``amount`` units (days and weeks to the day, as :func:`shift`)."""
    if unit == "day":
        return day_value(anchor + dt.timedelta(days=amount))
    if unit == "week":
        return week_value(anchor + dt.timedelta(weeks=amount))
    return shift(anchor, amount, unit)


def enclosing_period(y1: int, m1: int, y2: int, m2: int) -> str:
    """The TIMEX3 value of the months m1..m2: a quarter or half when they are exactly one."""
    if y1 != y2:
        return month_value(y1, m1)
    if m1 == m2:
        return month_value(y1, m1)
    if m1 in (1, 4, 7, 10) and m2 == m1 + 2:
        return f"{y1:04d}-Q{quarter_of(m1)}"
    if m1 in (1, 7) and m2 == m1 + 5:
        return f"{y1:04d}-H{1 if m1 == 1 else 2}"
    return f"{y1:04d}"
