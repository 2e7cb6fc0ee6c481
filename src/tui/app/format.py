"""Plain-text formatting for the dashboard: dates at their granularity, figures, outlets.

Pure functions of the records (no Textual), so they are unit-tested directly and shared by
every pane, the command palette and the copy action.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import lru_cache

from tui.records.models import Article, Comparison, Figure, TimeExpr
from tui.records.timevalue import display_value, timeline_key, year_unknown

INFERRED_MARK = "~"
"""Before a date the article did not state (inferred from its own evidence)."""

_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "RUB": "₽"}


@lru_cache(maxsize=4096)
def timex_label(value: str | None, mod: str | None = None) -> str:
    """A TIMEX3 value shown at its own granularity: a month is never shown as its 1st.
    (Kept for the last few thousand values: a corpus's events repeat a few dates, and the
    Timeline labels every event of a fill.)"""
    if not value:
        return "undated"
    return display_value(value, mod)


def timex_sort_key(value: str | None) -> tuple[int, int, int, int, str]:
    """The timeline's order (coarser periods first, year-unknown values after dated ones,
    unplaceable values last), with the value itself as a stable tie-break."""
    return (*timeline_key(value), value or "")


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


#: Hundredths read as money ("31 cents" is USD 0.31): the unit is not repeated in the label.
_SUBUNITS = frozenset(["cents", "cent", "pence", "penny"])


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``, ``21st``, ``80th``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


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
    if figure.kind == "ordinal" and figure.value is not None and figure.value == int(figure.value):
        amount = ordinal(int(figure.value))  # "80th anniversary", never "80 anniversary"
    if figure.currency:
        sign = _CURRENCY_SIGNS.get(figure.currency.upper())
        amount = f"{sign}{amount}" if sign else f"{figure.currency} {amount}"
    if (
        figure.unit
        and figure.kind != "percent"
        and not (figure.kind == "money" and figure.unit in _SUBUNITS)
    ):
        amount = f"{amount} {figure.unit}"  # "31 cents" is shown as $0.31
    if figure.change:
        amount = f"Δ {amount}"
    if figure.qualifier:
        amount = f"{figure.qualifier} {amount}"
    return amount


# Never colour alone: every status has its own glyph and word.
STATUS_MARK = {"agree": "= agree", "conflict": "≠ CONFLICT", "evolution": "→ changes"}


def measure_with_period(measure: str, period: str) -> str:
    """A measure and the label of its period in brackets, never brackets inside brackets: a
    period label's own note becomes a clause ("trade (14 Mar, year unknown)", not "(14 Mar
    (year unknown))")."""
    flat = re.sub(r"\s*\(([^()]*)\)\s*$", r", \1", period) if period.endswith(")") else period
    return f"{measure} ({flat})" if measure else f"({flat})"


def status_mark(comparison: Comparison) -> str:
    """The status in words with its glyph; an uncertain judgement says so ("possible")."""
    mark = STATUS_MARK[comparison.status]
    if comparison.certain:
        return mark
    glyph, word = mark.split(" ", 1)
    return f"{glyph}? possible {word}"


def outlet(article: Article) -> str:
    """The outlet name, or the file name when the outlet is unknown."""
    return clean(article.source) if article.source else article.id


def published_label(article: Article) -> str:
    """The publication date; an inferred one marked ``~`` and shown at its granularity (a
    day, a month, a year or a first…last day range)."""
    p = article.published
    if p.how == "inferred" and p.earliest is not None and p.latest is not None:
        lo, hi = p.earliest, p.latest
        if lo == hi:
            shown = lo.isoformat()
        elif (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
            shown = str(lo.year)
        elif (
            (lo.year, lo.month) == (hi.year, hi.month)
            and lo.day == 1
            and hi.day == (calendar.monthrange(hi.year, hi.month)[1])
        ):
            shown = f"{lo.year}-{lo.month:02d}"
        else:
            shown = f"{lo.isoformat()}…{hi.isoformat()}"
        return INFERRED_MARK + shown
    return p.date.isoformat() if p.date is not None else "undated"


def on_inferred_date(article: Article, when: TimeExpr) -> bool:
    """Whether ``when`` got its date from the article's inferred publication date: a
    calendar value its own words give no year for ("yesterday", "March 3")."""
    if article.published.how != "inferred" or article.published.date is None:
        return False
    value = when.value
    if not value or not value[:1].isdigit() or year_unknown(value):
        return False
    return re.search(r"\d{4}|'\d\d\b", when.text) is None


def article_label(article: Article) -> str:
    """``outlet · date · title`` for switchers and the palette (``id`` when nothing else)."""
    parts = [outlet(article)] if article.source else []
    parts.append(published_label(article))
    if article.title:
        parts.append(clean(article.title))
    if not article.source and not article.title:
        parts.insert(0, article.id)
    return " · ".join(parts)


_ASCII_CONTROLS = {c: " " for c in (*range(32), 127)}


def clean(text: str) -> str:
    """One display line: whitespace runs collapsed, control characters removed."""
    # Fast paths, same result: a printable string has no control, format or line/paragraph
    # separator character; ASCII has no format character and its controls become spaces.
    if text.isprintable():
        return " ".join(text.split())
    if text.isascii():
        return " ".join(text.translate(_ASCII_CONTROLS).split())
    out = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if unicodedata.category(ch) != "Cf"
    )
    return " ".join(out.split())


OPENING_MARKS = "\"“'‘«„"
"""Marks a statement may open with: words that carry their own are not marked again."""


def quoted(words: str, kind: str = "direct") -> str:
    """A statement's words as the dashboard shows them: in quotation marks, unless they
    carry their own or are reported speech (an indirect statement is the reporter's
    wording: marks would make it a quote). The one rule for the detail line and the
    person's page."""
    if kind == "indirect" or (words and words[0] in OPENING_MARKS):
        return words
    return f"“{words}”"


def shorten(text: str, width: int) -> str:
    text = clean(text)
    return text if len(text) <= width else text[: max(0, width - 1)].rstrip() + "…"


_ASCII_CONTROLS_BUT_NEWLINE = {c: " " for c in (*range(10), *range(11, 32), 127)}


def displayable(text: str) -> str:
    """The article text with every control or line-separator character except ``\\n``
    replaced by a space, so it is safe to put on a terminal and keeps every offset."""
    if text.isascii():  # same result, without a Unicode lookup per character
        return text.translate(_ASCII_CONTROLS_BUT_NEWLINE)
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
    article. Where a line reaches ``limit`` characters its last space in the second half of
    that stretch becomes the newline, and the next line starts after it; lines without any
    space there are left as they are (the next stretch starts at that character). Each
    line is found with ``str.find`` and each cut with ``str.rfind``: a 200 KB article on
    one line takes well under a millisecond (a walk character by character took ~50 ms).
    """
    if len(text) <= limit or max(map(len, text.split("\n"))) <= limit:
        return text
    cuts: list[int] = []
    n = len(text)
    start = 0
    while start < n:
        end = text.find("\n", start)
        if end == -1:
            end = n
        line_start = start
        while line_start + limit < end:
            at = line_start + limit
            cut = text.rfind(" ", line_start + limit // 2, at + 1)
            if cut > line_start:
                cuts.append(cut)
                line_start = cut + 1
            else:
                line_start = at
        start = end + 1
    if not cuts:
        return text
    pieces: list[str] = []
    previous = 0
    for cut in cuts:
        pieces.append(text[previous:cut])
        previous = cut + 1
    pieces.append(text[previous:])
    return "\n".join(pieces)
