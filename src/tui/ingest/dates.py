"""Date phrases as news metadata writes them (headers, datelines, bylines)."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"

# Each pattern names its groups: y (year), m (month name or number), d (day).
DATE_PATTERNS = [
    re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0?[1-9]|1[0-2])-(?P<d>[0-3]?\d)\b"),
    re.compile(rf"\b(?P<y>{_YEAR})/(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-3]?\d)\b"),
    re.compile(rf"\b{_WEEKDAY}(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b", re.I),
    re.compile(
        rf"\b{_WEEKDAY}(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b", re.I
    ),
    re.compile(rf"\b(?P<d>[0-3]?\d)\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{_YEAR})\b"),
]
PARTIAL_PATTERNS = [
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?!\s*,?\s*{_YEAR})"),
    re.compile(rf"\b(?P<d>{_DAY})\s+(?P<m>{_MONTH})\b(?!\s*,?\s*{_YEAR})"),
]
YEAR = re.compile(rf"\b{_YEAR}\b")


def month_number(token: str) -> int | None:
    token = token.strip(". ").lower()
    if token.isdigit():
        return int(token)
    return MONTHS.get(token)


def make_date(year: int, month: str | int, day: str) -> dt.date | None:
    """A real calendar date, or None when the parts do not form one."""
    m = month if isinstance(month, int) else month_number(month)
    digits = re.match(r"\d+", day)
    if m is None or digits is None:
        return None
    try:
        return dt.date(year, m, int(digits.group()))
    except ValueError:
        return None


def find_full_dates(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[dt.date, int, int]]:
    """Fully specified dates (day, month and year) in ``text[start:end]`` with offsets."""
    stop = len(text) if end is None else end
    found: dict[tuple[int, int], dt.date] = {}
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text, start, stop):
            if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in found):
                continue
            date = make_date(int(m["y"]), m["m"], m["d"])
            if date is not None:
                found[(m.start(), m.end())] = date
    return sorted(((d, s, e) for (s, e), d in found.items()), key=lambda t: t[1])


def parse_date_string(value: str) -> dt.date | None:
    """An isolated date string (ISO timestamp, "June 5, 2024", "5 June 2024" …)."""
    value = value.strip()
    iso = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if iso:
        return make_date(int(iso[1]), int(iso[2]), iso[3])
    dates = find_full_dates(value)
    return dates[0][0] if dates else None


# A full date in a file name, as saving tools and wire services write them: 2016-03-01,
# 2016_03_01, 2016.03.01, or 20160301 (an eight-digit run, as in wire-story ids). Digits on
# either side would make it part of a longer number, so they rule a match out.
_NAME_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?:(?P<sep>[-_.])(?P<m1>\d\d)(?P=sep)(?P<d1>\d\d)"
    r"|(?P<m2>\d\d)(?P<d2>\d\d))(?!\d)"
)


def _name_dates(name: str) -> list[tuple[re.Match[str], dt.date]]:
    """Each run of ``name`` that writes a real calendar date, with that date."""
    return [
        (m, date)
        for m in _NAME_DATE.finditer(name)
        if (date := make_date(int(m["y"]), int(m["m1"] or m["m2"]), m["d1"] or m["d2"]))
    ]


def file_name_date(name: str) -> dt.date | None:
    """The one calendar date a file name states ("2016-03-01_story.txt", "APW20160301.txt"),
    or None when it states none, or two different ones (nothing to choose between)."""
    found = {date for _, date in _name_dates(name)}
    return found.pop() if len(found) == 1 else None


_NAME_OUTLET = re.compile(r"[A-Za-z][A-Za-z0-9&-]{1,23}")


def file_name_outlet(name: str) -> str | None:
    """The outlet a dated file name leads with, as scrapers and archives name their files
    (``outlet_2016-03-01_slug.txt``, ``wash-post_…``, ``APW19980807.0261``): the one word
    before the file name's date, when something follows the date (a slug or a story number).
    None otherwise ("story-2016-03-01.txt" leads with a slug, not an outlet)."""
    stem = name.rsplit(".", 1)[0] if "." in name[-6:] else name
    dated = _name_dates(stem)
    if not dated or file_name_date(name) is None:
        return None
    match = dated[0][0]
    lead = stem[: match.start()].rstrip("_ .-")
    tail = stem[match.end() :].strip("_ .-")
    if not tail or not _NAME_OUTLET.fullmatch(lead):
        return None
    return lead


def file_name_key(name: str) -> str:
    """What a file name tells the extraction — its date and outlet — as the store's cache
    key mixes it in ("" when it tells nothing)."""
    date = file_name_date(name)
    if date is None:
        return ""
    outlet = file_name_outlet(name)
    return date.isoformat() + (f" {outlet}" if outlet else "")
