"""The TIMEX3 value algebra: what a value string means, how values sort, how they read.

Pure functions over value strings ("2024-06-05", "2024-Q3", "XXXX-05-07", "P2Y") and
:mod:`datetime`; no text handling and no extractor here, so every layer may use them:
:func:`value_bounds` (the days a value covers), :func:`year_unknown` and
:func:`placeable_value` (can it go on the timeline), :func:`timeline_key` (the sort key the
timeline and the dashboard use) and :func:`display_value` (how a reader would write it).
Resolving a value from text (choosing a year from tense) is the extractor's
(:mod:`tui.extract.timex.calendar`).
"""

from __future__ import annotations

import datetime as dt
import re

from tui.records.models import TimeExpr

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

# First month of each season (northern hemisphere, as TimeML assumes).
SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PART_OF_DAY_HOUR: dict[str, int] = {"MO": 8, "MI": 12, "AF": 14, "EV": 18, "NI": 21}


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


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
    "WE": "weekend",
    "Q": "quarter",
}
TIME_DURATION_UNITS = {"H": "hour", "M": "minute", "S": "second"}
UNRESOLVED = "date unresolved"

_X_PERIOD = re.compile(r"^(\d{4}|XXXX)-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_X_WEEK = re.compile(r"^(\d{4}|XXXX)-W(\d{2})(-WE)?$")
_X_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})(?:T(\d{2}:\d{2})|T(MO|MI|AF|EV|NI))?$")
_X_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d{2})$")
_DURATION = re.compile(r"^P(T?)(\d+(?:\.\d+)?|X)(DE|CE|WE|[YMWDQHS])$")
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


_UNKNOWN_ONLY = re.compile(r"^X{4}(?:-XX){0,2}$")


def _display_interval(value: str) -> str | None:
    """An ISO 8601 interval as comparisons write a figure's period: duration/end ("P1Y/2024-06"
    → "year to Jun 2024"; end unknown, "P1Y/XXXX-XX" → "past year") or start/duration
    ("2024-06/P5Y" → "5 years from Jun 2024"; start unknown → "next 5 years"). None when
    ``value`` is not such an interval."""
    first, _, second = value.partition("/")
    if m := _DURATION.match(first):
        span = _display_duration(m[1] == "T", m[2], m[3]).removeprefix("1 ")
        if _UNKNOWN_ONLY.match(second):
            return f"past {span}"
        return f"{span} to {_display_plain(second)}" if placeable_value(second) else None
    if m := _DURATION.match(second):
        span = _display_duration(m[1] == "T", m[2], m[3]).removeprefix("1 ")
        if _UNKNOWN_ONLY.match(first):
            return f"next {span}"
        return f"{span} from {_display_plain(first)}" if placeable_value(first) else None
    return None


def _display_plain(value: str) -> str:
    if "/" in value:
        return _display_interval(value) or value
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


def placeable(timex: TimeExpr) -> bool:
    """Whether a time expression can be put on the timeline as a date.

    Dated calendar values and values with an unknown year ("XXXX-05-07") are; durations,
    sets, reference values and unresolved expressions are not.
    """
    if timex.type not in ("DATE", "TIME") or timex.value is None:
        return False
    return placeable_value(timex.value)
