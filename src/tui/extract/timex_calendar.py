"""Calendar arithmetic for TIMEX3 values: resolving partial dates and ordering values.

Pure functions over :mod:`datetime`; no text handling here. :func:`timeline_key` is the sort
key the timeline (and the dashboard) use for TIMEX3 value strings of any granularity.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

Direction = Literal["past", "future"] | None

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
# First month of each season (northern hemisphere, as TimeML assumes).
SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PART_OF_DAY_HOUR: dict[str, int] = {"MO": 8, "MI": 12, "AF": 14, "EV": 18, "NI": 21}


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


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


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})|T(MO|MI|AF|EV|NI))?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def value_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a TIMEX3 date value covers (``None`` if not a calendar point)."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            ny, nm = add_months(y, mo, 1)
            return dt.date(y, mo, 1), dt.date(ny, nm, 1) - dt.timedelta(days=1)
        if m := _WEEK.match(value):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if value.endswith("-WE"):
                return start + dt.timedelta(days=5), start + dt.timedelta(days=6)
            return start, start + dt.timedelta(days=6)
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            ny, nm = add_months(y, 3 * q - 2, 3)
            return dt.date(y, 3 * q - 2, 1), dt.date(ny, nm, 1) - dt.timedelta(days=1)
        if m := _HALF.match(value):
            y, h = int(m[1]), int(m[2])
            ny, nm = add_months(y, 6 * h - 5, 6)
            return dt.date(y, 6 * h - 5, 1), dt.date(ny, nm, 1) - dt.timedelta(days=1)
        if m := _SEASON.match(value):
            y, start_month = int(m[1]), SEASON_START[m[2]]
            ny, nm = add_months(y, start_month, 3)
            return dt.date(y, start_month, 1), dt.date(ny, nm, 1) - dt.timedelta(days=1)
        if m := _YEAR.match(value):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31)
        if m := _CENTURY.match(value):
            y = int(m[1]) * 100
            return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31)
    except ValueError:
        return None
    return None


UNKNOWN_YEAR = "XXXX"
# A leap year with 53 ISO weeks stands in for an unknown one when checking and ordering
# "XXXX-…" values (so 29 February and week 53 are valid); it never appears in a value.
_STAND_IN_YEAR = "2004"
_DAY_TAIL = re.compile(r"^T(?:\d{2}:\d{2}|MO|MI|AF|EV|NI)$")
_UNDATED = re.compile(r"^XXXX-(?:\d{2}(?:-\d{2})?|Q[1-4]|H[12]|SP|SU|FA|WI|W\d{2}(?:-WE)?)$")


def year_unknown(value: str | None) -> bool:
    """Whether ``value`` is a calendar value with an unknown year ("XXXX-05-07", "XXXX-07").

    TimeML writes the parts of a date the text leaves open as X. Such values name a real
    month, day, quarter, half, season or week, so they can be placed on a timeline (in a
    "year unknown" section), but never compared with dated values.
    """
    if value is None:
        return False
    m = _UNDATED.match(value[:10] if _DAY_TAIL.match(value[10:]) else value)
    if m is None:
        return False
    return value_bounds(_STAND_IN_YEAR + value[4:]) is not None


def placeable_value(value: str | None) -> bool:
    """Whether a DATE/TIME value can go on the timeline (dated, or year unknown)."""
    return value_bounds(value) is not None or year_unknown(value)


def timeline_key(value: str | None) -> tuple[int, int, int, int]:
    """Sort key for TIMEX3 values: by start, wider periods first, unplaceable values last.

    A month sorts before its days, a year before its months, a quarter before its first
    month; time-of-day values sort after their day. Values with an unknown year
    ("XXXX-05-07", "XXXX-07") sort after every dated value, among themselves by month and
    day (the "year unknown" section); values that are not calendar points sort last.
    Usable by any layer (no text needed).
    """
    if value is None:
        return (2, 0, 0, 0)
    section = 0
    bounds = value_bounds(value)
    if bounds is None and year_unknown(value):
        section = 1
        value = _STAND_IN_YEAR + value[4:]
        bounds = value_bounds(value)
    if bounds is None:
        return (2, 0, 0, 0)
    start, end = bounds
    minutes = 0
    if m := _DAY.match(value):
        if m[4] is not None:
            minutes = 1 + int(m[4]) * 60 + int(m[5])
        elif m[6] is not None:
            minutes = 1 + PART_OF_DAY_HOUR[m[6]] * 60
    width = (end - start).days
    return (section, start.toordinal(), -width, minutes)


# --------------------------------------------------------------------------- display

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
PART_OF_DAY_NAMES = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MOD_WORDS = {
    "START": "start of",
    "MID": "mid",
    "END": "end of",
    "EARLY": "early",
    "LATE": "late",
    "BEFORE": "before",
    "AFTER": "after",
    "APPROX": "about",
}
REF_WORDS = {"PAST_REF": "the past", "PRESENT_REF": "the present", "FUTURE_REF": "the future"}
DURATION_UNITS = {
    "Y": "year",
    "M": "month",
    "W": "week",
    "D": "day",
    "DE": "decade",
    "CE": "century",
    "Q": "quarter",
}
TIME_DURATION_UNITS = {"H": "hour", "M": "minute", "S": "second"}
UNRESOLVED = "date unresolved"

_X_PERIOD = re.compile(r"^(\d{4}|XXXX)-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_X_WEEK = re.compile(r"^(\d{4}|XXXX)-W(\d{2})(-WE)?$")
_X_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})(?:T(\d{2}:\d{2})|T(MO|MI|AF|EV|NI))?$")
_X_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d{2})$")
_DURATION = re.compile(r"^P(T?)(\d+(?:\.\d+)?|X)(DE|CE|[YMWDQHS])$")
_SET_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])$")


def display_value(value: str | None, mod: str | None = None, *, type: str | None = None) -> str:
    """A TIMEX3 value as a reader would write it, at the value's own granularity.

    "2025-10-28" → "28 Oct 2025", "2024-10" → "Oct 2024", "2024-Q3" → "Q3 2024",
    "2021-W23" → "week 23, 2021", "XXXX-05-07" → "7 May (year unknown)",
    "XXXX-07" → "July (year unknown)"; a ``mod`` is put in front ("early Mar 2024",
    "end of Jan 2025", "mid-2023"). Durations and reference values get plain words
    ("2 years", "the past"); with ``type="SET"`` recurring values read "every …". Anything
    else is returned unchanged. Never raises.
    """
    if not value:
        return UNRESOLVED
    text = _display_set(value) if type == "SET" else None
    if text is None:
        text = _display_plain(value)
    prefix = MOD_WORDS.get(mod or "")
    if prefix is None:
        return text
    if prefix == "mid" and text[:1].isdigit():
        return f"mid-{text}"
    if prefix.endswith(" of") and (text.endswith("century") or _DECADE.match(value)):
        return f"{prefix} the {text}"
    return f"{prefix} {text}"


def _display_set(value: str) -> str | None:
    """A recurring (SET) value: "every year", "every 6 months", "every May"."""
    if m := _SET_WEEKDAY.match(value):
        return f"every {WEEKDAY_NAMES[int(m[1]) - 1]}"
    if value == "XXXX-WXX-WE":
        return "every weekend"
    if m := re.fullmatch(r"XXXX-(\d{2})", value):
        month = int(m[1])
        return f"every {MONTH_NAMES[month - 1]}" if 1 <= month <= 12 else None
    if m := re.fullmatch(r"XXXX-(SP|SU|FA|WI)", value):
        return f"every {SEASON_NAMES[m[1]]}"
    if m := re.fullmatch(r"T(MO|MI|AF|EV|NI)", value):
        return f"every {PART_OF_DAY_NAMES[m[1]]}"
    if m := _DURATION.match(value):
        if m[2] in ("1", "X"):
            name = (TIME_DURATION_UNITS if m[1] else DURATION_UNITS).get(m[3])
            return f"every {name}" if name else None
        return f"every {_display_duration(m[1] == 'T', m[2], m[3])}"
    return None


def _display_plain(value: str) -> str:
    if value in REF_WORDS:
        return REF_WORDS[value]
    if m := _SET_WEEKDAY.match(value):
        return f"every {WEEKDAY_NAMES[int(m[1]) - 1]}"
    if m := _DURATION.match(value):
        return _display_duration(m[1] == "T", m[2], m[3])
    unknown = value.startswith(UNKNOWN_YEAR)
    if not (placeable_value(value) or (unknown and _X_MONTH.match(value))):
        return value
    year = value[:4]
    suffix = " (year unknown)" if unknown else f" {year}"
    if m := _X_DAY.match(value):
        month = MONTH_NAMES[int(m[2]) - 1][:3]
        shown = f"{int(m[3])} {month}{suffix}"
        if m[4]:
            shown += f" {m[4]}"
        elif m[5]:
            shown += f" {PART_OF_DAY_NAMES[m[5]]}"
        return shown
    if m := _X_MONTH.match(value):
        name = MONTH_NAMES[int(m[2]) - 1]
        return f"{name if unknown else name[:3]}{suffix}"
    if m := _X_WEEK.match(value):
        week = f"{'weekend of ' if m[3] else ''}week {int(m[2])}"
        return f"{week} (year unknown)" if unknown else f"{week}, {year}"
    if m := _X_PERIOD.match(value):
        part = SEASON_NAMES.get(m[2], m[2])
        return f"{part}{suffix}"
    if _YEAR.match(value):
        return value
    if _DECADE.match(value):
        return f"{value}0s"
    if _CENTURY.match(value):
        return f"{_ordinal(int(value) + 1)} century"
    return value


def _display_duration(time_part: bool, amount: str, unit: str) -> str:
    name = (TIME_DURATION_UNITS if time_part else DURATION_UNITS).get(unit)
    if name is None:
        return f"P{'T' if time_part else ''}{amount}{unit}"
    plural = "centuries" if name == "century" else f"{name}s"
    if amount == "X":
        return plural
    return f"{amount} {name if amount == '1' else plural}"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"
