"""Normalizers of periods named by the calendar: years, year ranges, fiscal years,
quarters, halves, seasons, decades and centuries, and parts of a year.

Each is a :data:`~tui.extract.timex.base.Normalizer` named in the table of
:mod:`tui.extract.timex.rules`. "of this year", "of the same year" are read by
:func:`_year_ctx` from the publication date or the previous date in the text.
"""

from __future__ import annotations

import datetime as dt
import re

from tui.extract.timex.base import (
    NO_ANCHOR,
    YEAR_UNKNOWN,
    Cand,
    Context,
    Norm,
    match_of,
    word_before,
)
from tui.extract.timex.calendar import (
    choose_year,
    enclosing_period,
    month_value,
    quarter_of,
    safe_date,
    shift,
)
from tui.extract.timex.direction import direction_of
from tui.extract.timex.lexicon import (
    NUMBER_WORDS,
    ORDINALS,
    PART_MODS,
    SEASONS,
    as_number,
    unit_name,
)
from tui.records.timevalue import MONTHS, SEASON_START, UNKNOWN_YEAR


def year(cand: Cand, ctx: Context) -> Norm:
    """ "2017" (the pattern's filter decided it is a year, not a count)."""
    g = match_of(cand).groupdict()
    return Norm(g["y"], how="year")


def year_range(cand: Cand, ctx: Context) -> Norm:
    """ "2019-2021", "2019/20": the first year, with both ends."""
    g = match_of(cand).groupdict()
    y = int(g["y"])
    y2s = g["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y // 100) * 100 + int(y2s)
    return Norm(f"{y:04d}", begin=f"{y:04d}", end_value=f"{y2:04d}", how="year range")


def fiscal_year(cand: Cand, ctx: Context) -> Norm:
    """ "FY2024", "fiscal 23": the calendar year named."""
    g = match_of(cand).groupdict()
    ys = g["y"]
    y = int(ys) if len(ys) == 4 else 2000 + int(ys)
    return Norm(f"{y:04d}", how="fiscal year (value is the calendar year named)")


def first_n(cand: Cand, ctx: Context) -> Norm:
    """ "the first six months of 2023": the enclosing quarter, half or year."""
    g = match_of(cand).groupdict()
    year, how = _year_ctx(g, ctx)
    if year is None:
        return Norm(None, how=how)
    n = as_number(g["n"])
    unit = unit_name(g["unit"])
    months = n * (3 if unit == "quarter" else 1)
    if unit == "week" or not 1 <= months <= 12:
        return Norm(f"{year:04d}", how=f"part of year {year}; {how}")
    from_start = g["ord"].lower() == "first"
    lo, hi = (1, months) if from_start else (13 - months, 12)
    return Norm(
        enclosing_period(year, lo, year, hi),
        begin=month_value(year, lo),
        end_value=month_value(year, hi),
        how=f"{g['ord'].lower()} {n} {unit}s of {year}; {how}",
    )


def same_period(cand: Cand, ctx: Context) -> Norm:
    """ "the same period last year": the previous date's period, in the year named."""
    g = match_of(cand).groupdict()
    year, how = _year_ctx(g, ctx)
    if year is None:
        return Norm(None, how=how)
    ref_value = ctx.reference_value or ""
    if re.fullmatch(r"\d{4}-(?:Q[1-4]|H[12]|\d{2}|SP|SU|FA|WI|W\d{2})", ref_value):
        return Norm(
            f"{year:04d}{ref_value[4:]}",
            how=f"the period of the previous date in the text ({ref_value}) in {year}; {how}",
        )
    return Norm(f"{year:04d}", how=f"same period in {year}; {how}")


def year_part(cand: Cand, ctx: Context) -> Norm:
    """ "mid-year", "year-end": the publication year with a mod."""
    m = match_of(cand)
    g = m.groupdict()
    anchor = ctx.anchor
    if anchor is None:
        return Norm(None, how=f"part of the current year; {NO_ANCHOR}")
    part = (g.get("p1") or "end").lower()
    if part == "end" and word_before(ctx.text, cand.start) == "since":
        # "the percentage change is since year-end": the last year's end, a point passed
        return Norm(
            f"{anchor.year - 1:04d}-12-31",
            how=f"'since {m.group(0)}': the end of the year before publication ({anchor})",
        )
    mod = PART_MODS[part]
    return Norm(
        f"{anchor.year:04d}", mod=mod, how=f"'{m.group(0)}' of the publication year {anchor}"
    )


def season(cand: Cand, ctx: Context) -> Norm:
    """A bare season ("in the summer"): the year from the publication date and tense."""
    g = match_of(cand).groupdict()
    anchor = ctx.anchor
    code = SEASONS[g["season"].lower()]
    if anchor is None:
        return Norm(f"{UNKNOWN_YEAR}-{code}", how=f"season; {YEAR_UNKNOWN}")
    direction, why = direction_of(ctx, cand)
    y = choose_year(anchor, SEASON_START[code], None, direction)
    if code == "WI" and anchor.month <= 2 and direction != "future":
        y = min(y, anchor.year - 1)
    return Norm(f"{y:04d}-{code}", how=f"season; year from publication date {anchor}; {why}")


def season_year(cand: Cand, ctx: Context) -> Norm:
    """ "the summer of 2018"."""
    g = match_of(cand).groupdict()
    code = SEASONS[g["season"].lower()]
    return Norm(f"{g['y']}-{code}", how="season and year")


def decade(cand: Cand, ctx: Context) -> Norm:
    """ "the 1990s", "the '80s", "the nineties" (without a century: 19xx)."""
    g = match_of(cand).groupdict()
    if g.get("dw"):
        tens = NUMBER_WORDS[(g["dw"] or "").lower().replace("ies", "y")] // 10
        return Norm(f"19{tens}", how="decade in words, read as 19xx")
    if g.get("c"):
        return Norm(f"{g['c']}{g['dd']}", how="decade")
    return Norm(f"19{g['d2']}", how="decade written with two digits, read as 19xx")


def century(cand: Cand, ctx: Context) -> Norm:
    """ "the 19th century", "the twenty-first century"."""
    g = match_of(cand).groupdict()
    ords = {
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
        "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
        "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
        "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
        "twenty-first": 21,
    }  # fmt: skip
    o = g["ord"].lower()
    num = ords.get(o) or int(re.sub(r"\D", "", o) or 0)
    if not 1 <= num <= 30:
        return Norm(None, how="century out of range")
    return Norm(f"{num - 1:02d}", how="century")


def year_period(cand: Cand, ctx: Context) -> Norm:
    """ "the 1988 third quarter", "the 1988 period", "this year's third quarter": a quarter
    (or half) of the year named; without an ordinal, the kind of period the text reports on
    ("the 1988 period" after "the third quarter" is 1988-Q3), else the year."""
    g = match_of(cand).groupdict()
    if g.get("y"):
        year, how = int(g["y"] or 0), "explicit year"
    else:
        if ctx.anchor is None:
            return Norm(None, how=NO_ANCHOR)
        delta = {"last": -1, "this": 0, "next": 1}[(g["rel"] or "").lower()]
        year = ctx.anchor.year + delta
        how = f"'{(g['rel'] or '').lower()} year's' from publication date {ctx.anchor}"
    unit = (g["unit"] or "").lower()
    if g.get("ord"):
        n = ORDINALS[(g["ord"] or "").lower()]
        if unit == "half":
            return Norm(f"{year:04d}-H{n}", how=f"half of {year}; {how}")
        return Norm(f"{year:04d}-Q{n}", how=f"quarter of {year}; {how}")
    period = ctx.reported_period
    if period is not None and (unit == "period" or unit[0].upper() == period[5]):
        return Norm(
            f"{year:04d}{period[4:]}",
            how=f"the period the text reports on ({period}) in {year}; {how}",
        )
    return Norm(f"{year:04d}", how=f"a period of {year}, which one the text does not say")


def quarter_ended(cand: Cand, ctx: Context) -> Norm:
    """ "the quarter ended Sept. 30": the quarter the text already named, else the calendar
    quarter holding most of the three months that end on that day ("the quarter ended July
    31" is the second quarter)."""
    g = match_of(cand).groupdict()
    month, day = MONTHS[(g["mon"] or "").lower().rstrip(".")], int(g["d"] or 0)
    period = ctx.reported_period
    if period is not None and "-Q" in period:
        # a quarter the text already named ("the fiscal first quarter"): a company's own
        # fiscal count is the one its report uses
        return Norm(
            period, how=f"the quarter the text reports on ({period}), ended {g['mon']} {day}"
        )
    if ctx.anchor is None:
        return Norm(None, how=NO_ANCHOR)
    year = choose_year(ctx.anchor, month, day, "past")
    end = safe_date(year, month, day)
    if end is None:
        return Norm(None, how="no such day")
    middle = end - dt.timedelta(days=45)
    return Norm(
        f"{middle.year:04d}-Q{quarter_of(middle.month)}",
        how=f"the quarter ended {end}: the calendar quarter holding most of it",
    )


def fiscal_rel(cand: Cand, ctx: Context) -> Norm:
    """ "the fiscal year", "the current fiscal year", "the latest fiscal year", "next
    fiscal year": the year named by the publication date (the latest: the one before)."""
    g = match_of(cand).groupdict()
    if ctx.anchor is None:
        return Norm(None, how=NO_ANCHOR)
    word = (g.get("which") or g.get("rel") or "this").strip().lower()
    delta = {"latest": -1, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}
    year = ctx.anchor.year + delta.get(word, 0)
    return Norm(
        f"{year:04d}",
        how=f"'{word}' fiscal year from publication date {ctx.anchor} (value: the calendar year)",
    )


def year_words(cand: Cand, ctx: Context) -> Norm:
    """ "nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand"."""
    g = match_of(cand).groupdict()
    words = re.findall(r"[a-z]+", (g["yw"] or "").lower())
    if words[0] == "two":  # two thousand (and) N
        year = 2000 + sum(NUMBER_WORDS.get(w, 0) for w in words[2:] if w != "and")
    else:  # nineteen (hundred) (and) N
        rest = [w for w in words[1:] if w not in ("hundred", "and")]
        year = 1900 + sum(NUMBER_WORDS.get(w, 0) for w in rest)
    if g.get("mon"):
        return Norm(month_value(year, MONTHS[(g["mon"] or "").lower()]), how="month, year in words")
    if g.get("season"):
        code = SEASONS[(g["season"] or "").lower()]
        return Norm(f"{year:04d}-{code}", how="season, year in words")
    return Norm(f"{year:04d}", how="year in words")


def quarter(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    assert m is not None
    g = m.groupdict()
    if g.get("q"):
        q = int(g["q"] or 0)
    else:
        ord_ = (g["ord"] or "").lower()
        if ord_ == "last" and not g.get("the") and not g.get("of"):
            if ctx.anchor is None:
                return Norm(None, how=NO_ANCHOR)
            return Norm(
                shift(ctx.anchor, -1, "quarter"),
                how=f"the quarter before publication date {ctx.anchor}",
            )
        q = ORDINALS[ord_]
    year, how = _year_ctx(g, ctx)
    if year is None:
        if ctx.anchor is None:
            return Norm(f"{UNKNOWN_YEAR}-Q{q}", how=f"quarter; {YEAR_UNKNOWN}")
        direction, why = direction_of(ctx, cand)
        cur_q = quarter_of(ctx.anchor.month)
        year = ctx.anchor.year
        just_ended = q == (cur_q - 1 or 4)
        if direction == "future" and just_ended:
            # "expects to report third-quarter earnings" in October: results come after
            # their quarter, so the future tense points at the quarter just ended, not at
            # the same quarter next year (the nearest-date rule).
            year = year if q < cur_q else year - 1
            why = f"{why}; the quarter just ended"
        elif direction == "past" and q > cur_q:
            year -= 1
        elif direction == "future" and q < cur_q:
            year += 1
        how = f"quarter; year from publication date {ctx.anchor}; {why}"
    return Norm(f"{year:04d}-Q{q}", how=how)


def half(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    assert m is not None
    g = m.groupdict()
    ord_ = (g.get("ord") or "").lower()
    h = int(g["h"]) if g.get("h") else 2 if ord_ == "last" else ORDINALS[ord_]
    year, how = _year_ctx(g, ctx)
    if year is None:
        if ctx.anchor is None:
            return Norm(f"{UNKNOWN_YEAR}-H{h}", how=f"half-year; {YEAR_UNKNOWN}")
        year = ctx.anchor.year
        how = f"half-year; year of publication date {ctx.anchor}"
    return Norm(f"{year:04d}-H{h}", how=how)


def _year_ctx(g: dict[str, str | None], ctx: Context) -> tuple[int | None, str]:
    if g.get("y"):
        return int(g["y"] or 0), "explicit year"
    if g.get("yy"):
        return 2000 + int(g["yy"] or 0), "two-digit year"
    phrase = (g.get("ctx") or "").lower()
    if not phrase:
        return None, "no year"
    if any(w in phrase for w in ("that", "same", "following", "previous")):
        ref = ctx.reference
        if ref is None:
            return None, f"'{phrase}' refers to an earlier date in the text; none found"
        delta = 1 if "following" in phrase else -1 if "previous" in phrase else 0
        return ref.year + delta, f"'{phrase}' from the previous date in the text ({ref})"
    if ctx.anchor is None:
        return None, NO_ANCHOR
    if "last" in phrase or "past" in phrase:
        return ctx.anchor.year - 1, f"'{phrase}' from publication date {ctx.anchor}"
    if "next" in phrase:
        return ctx.anchor.year + 1, f"'{phrase}' from publication date {ctx.anchor}"
    return ctx.anchor.year, f"'{phrase}' from publication date {ctx.anchor}"
