"""Plain-text formatting for the dashboard: dates at their granularity, figures, outlets.

Pure functions of the records (no Textual), so they are unit-tested directly and shared by
every pane, the command palette and the copy action.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from tui.models import Article, Figure, TimeExpr

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X?$")

_SEASONS = {"SP": ("spring", 3), "SU": ("summer", 6), "FA": ("autumn", 9), "WI": ("winter", 12)}
_MODS = {
    "START": "start of",
    "MID": "mid",
    "END": "end of",
    "EARLY": "early",
    "LATE": "late",
    "BEFORE": "before",
    "AFTER": "after",
    "APPROX": "about",
}
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "RUB": "₽"}


def timex_label(value: str | None, mod: str | None = None) -> str:
    """A TIMEX3 value shown at its own granularity: a month is never shown as its 1st."""
    if not value:
        return "undated"
    label = _plain_timex(value)
    prefix = _MODS.get(mod or "")
    return f"{prefix} {label}" if prefix else label


def _plain_timex(value: str) -> str:
    if m := _DAY.match(value):
        year, month, day = (int(g) for g in m.groups())
        if 1 <= month <= 12:
            return f"{day} {calendar.month_abbr[month]} {year}"
    if m := _MONTH.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return f"{calendar.month_abbr[month]} {year}"
    if _YEAR.match(value):
        return value
    if m := _QUARTER.match(value):
        return f"Q{m.group(2)} {m.group(1)}"
    if m := _HALF.match(value):
        return f"H{m.group(2)} {m.group(1)}"
    if m := _WEEK.match(value):
        return f"week {int(m.group(2))} {m.group(1)}"
    if m := _SEASON.match(value):
        return f"{_SEASONS[m.group(2)][0]} {m.group(1)}"
    if m := _DECADE.match(value):
        return f"{m.group(1)}0s"
    return value


def timex_sort_key(value: str | None) -> tuple[int, int, int, int, str]:
    """Sort key: chronological by the start of the period, coarser periods first.

    Unparseable or missing values sort after every dated one, by their text.
    """
    if not value:
        return (1, 0, 0, 0, "")
    if m := _DAY.match(value):
        return (0, int(m.group(1)), int(m.group(2)) * 40 + int(m.group(3)), 3, value)
    if m := _MONTH.match(value):
        return (0, int(m.group(1)), int(m.group(2)) * 40, 2, value)
    if _YEAR.match(value):
        return (0, int(value), 0, 0, value)
    if m := _QUARTER.match(value):
        return (0, int(m.group(1)), ((int(m.group(2)) - 1) * 3 + 1) * 40, 1, value)
    if m := _HALF.match(value):
        return (0, int(m.group(1)), ((int(m.group(2)) - 1) * 6 + 1) * 40, 1, value)
    if m := _WEEK.match(value):
        year, week = int(m.group(1)), int(m.group(2))
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            return (1, 0, 0, 0, value)
        return (0, monday.year, monday.month * 40 + monday.day, 2, value)
    if m := _SEASON.match(value):
        return (0, int(m.group(1)), _SEASONS[m.group(2)][1] * 40, 1, value)
    if m := _DECADE.match(value):
        return (0, int(m.group(1)) * 10, 0, -1, value)
    return (1, 0, 0, 0, value)


def humanize_number(value: float) -> str:
    """``3200000000`` → ``3.2bn``, ``4500000`` → ``4.5m``, ``12500`` → ``12,500``."""
    sign = "-" if value < 0 else ""
    size = abs(value)
    for limit, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if size >= limit:
            scaled = f"{size / limit:.2f}".rstrip("0").rstrip(".")
            return f"{sign}{scaled}{suffix}"
    if float(size).is_integer():
        return f"{sign}{int(size):,}"
    return f"{sign}{size:,.2f}".rstrip("0").rstrip(".")


def figure_label(figure: Figure) -> str:
    """Value with qualifier, currency and unit, e.g. ``more than €3.2bn`` or ``12.5%``."""
    if figure.low is not None and figure.high is not None:
        amount = f"{humanize_number(figure.low)}–{humanize_number(figure.high)}"
    elif figure.value is not None:
        amount = humanize_number(figure.value)
    else:
        amount = clean(figure.text)
    if figure.kind == "percent":
        amount = f"{amount}%"
    if figure.currency:
        sign = _CURRENCY_SIGNS.get(figure.currency.upper())
        amount = f"{sign}{amount}" if sign else f"{figure.currency} {amount}"
    if figure.unit and figure.kind != "percent":
        amount = f"{amount} {figure.unit}"
    if figure.change:
        amount = f"Δ {amount}"
    if figure.qualifier:
        amount = f"{figure.qualifier} {amount}"
    return amount


def outlet(article: Article) -> str:
    """The outlet name, or the file name when the outlet is unknown."""
    return clean(article.source) if article.source else article.id


def published_label(article: Article) -> str:
    date = article.published.date
    return date.isoformat() if date is not None else "undated"


def article_label(article: Article) -> str:
    """``outlet · date · title`` for switchers and the palette (``id`` when nothing else)."""
    parts = [outlet(article)] if article.source else []
    parts.append(published_label(article))
    if article.title:
        parts.append(clean(article.title))
    if not article.source and not article.title:
        parts.insert(0, article.id)
    return " · ".join(parts)


def clean(text: str) -> str:
    """One display line: whitespace runs collapsed, control characters removed."""
    out = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if unicodedata.category(ch) != "Cf"
    )
    return " ".join(out.split())


def shorten(text: str, width: int) -> str:
    text = clean(text)
    return text if len(text) <= width else text[: max(0, width - 1)].rstrip() + "…"


def displayable(text: str) -> str:
    """The article text with every control or line-separator character except ``\\n``
    replaced by a space, so it is safe to put on a terminal and keeps every offset."""
    return "".join(
        ch if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") else " "
        for ch in text
    )


def timex_of(when: TimeExpr) -> str:
    return timex_label(when.value, when.mod)


_TERMINATORS = ".!?\n"


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence-like stretch of ``text`` around ``[start, end)``: from after the previous
    terminator (. ! ? or newline followed by whitespace) to the next one, trimmed."""
    left = start
    while left > 0:
        ch = text[left - 1]
        if ch == "\n" or (ch in _TERMINATORS and left < len(text) and text[left].isspace()):
            break
        left -= 1
    right = max(end, start)
    while right < len(text):
        ch = text[right]
        if ch == "\n":
            break
        right += 1
        if ch in ".!?" and (right >= len(text) or text[right].isspace()):
            break
    while left < start and text[left].isspace():
        left += 1
    return left, right


def break_long_lines(text: str, limit: int = 1500) -> str:
    """Turn a space into a newline wherever a line would run past ``limit`` characters.

    Same length, same offsets: the Source pane re-wraps every rendered row of a line, so a
    whole article on one line (common in scraped HTML) would make each row cost the whole
    article. Lines without any space in the window are left as they are.
    """
    if len(text) <= limit:
        return text
    chars = list(text)
    line_start = 0
    i = 0
    n = len(chars)
    while i < n:
        if chars[i] == "\n":
            line_start = i + 1
        elif i - line_start >= limit:
            cut = text.rfind(" ", line_start + limit // 2, i + 1)
            if cut > line_start:
                chars[cut] = "\n"
                line_start = cut + 1
            else:
                line_start = i
        i += 1
    return "".join(chars)
