"""Normalizers of calendar dates: days, months, month and day ranges, weeks, weekdays,
holidays and clock times.

Each is a :data:`~tui.extract.timex.base.Normalizer` named in the table of
:mod:`tui.extract.timex.rules`. A year the text leaves out comes from the publication date
and the clause's tense (:mod:`tui.extract.timex.direction`); without a publication date the
value keeps the parts the text names and an unknown year ("XXXX-05-07").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from dateutil import parser as dateutil_parser
from dateutil.easter import easter

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
    Direction,
    choose_year,
    day_value,
    enclosing_period,
    month_value,
    nth_weekday,
    resolve_weekday,
    safe_date,
    week_value,
    weekday_with_day_of_month,
)
from tui.extract.timex.direction import direction_of
from tui.extract.timex.lexicon import (
    EASTER_OFFSETS,
    FIXED_HOLIDAYS,
    NEAREST_CLOSE_DAYS,
    NTH,
    NTH_WEEKDAY_HOLIDAYS,
    ORDINALS,
    POD,
    TELLING_VERBS_PAST,
    TENSE_REACH_DAYS,
    TENSELESS_HEADS,
)
from tui.extract.timex.patterns import WD_FULL
from tui.records.timevalue import MONTHS, UNKNOWN_YEAR, WEEKDAYS, year_unknown

if TYPE_CHECKING:
    from spacy.tokens import Token


def iso(cand: Cand, ctx: Context) -> Norm:
    """ "2021-06-12" (the pattern's filter checked that the day exists)."""
    g = match_of(cand).groupdict()
    return Norm(
        day_value(dt.date(int(g["y"]), int(g["m"]), int(g["d"]))),
        how="ISO 8601 date",
    )


def numeric(cand: Cand, ctx: Context) -> Norm:
    """ "12.06.2021", "12/25/2020": day first unless the article writes dates US-style."""
    g = match_of(cand).groupdict()
    a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
    if a <= 12 and b <= 12 and a != b:
        if ctx.month_first:
            day = safe_date(y, a, b)
            how = "numeric date, month first (ambiguous; the article writes dates US-style)"
        else:
            day = safe_date(y, b, a)
            how = "numeric date, day first (ambiguous order; international convention)"
    else:
        day = safe_date(y, b, a)
        how = "numeric date, day first"
        if day is None:
            day = safe_date(y, a, b)
            how = "numeric date, month first (the second number is over 12)"
    if day is None:
        return Norm(None, how="no such day")
    return Norm(day_value(day), how=how)


def day_month_year(cand: Cand, ctx: Context) -> Norm:
    """ "12 June 2021", "June 12, 2021"."""
    g = match_of(cand).groupdict()
    try:
        parsed = dateutil_parser.parse(
            f"{g['d']} {g['mon'].rstrip('.')} {g['y']}", default=dt.datetime(2000, 1, 1)
        ).date()
    except ValueError as exc:
        # dateutil's ParserError (a ValueError): the month has no such day, as in
        # "September 31, 1996". A legitimate outcome: the expression has no value.
        return Norm(None, how=f"could not normalize: {exc}")
    return Norm(day_value(parsed), how="absolute date (dateutil)")


def month_day(cand: Cand, ctx: Context) -> Norm:
    """ "12 June", "June 12": the year from the publication date and tense."""
    g = match_of(cand).groupdict()
    return _month_day(cand, ctx, MONTHS[g["mon"].lower().rstrip(".")], int(g["d"]))


def day_range(cand: Cand, ctx: Context) -> Norm:
    """ "12-14 June", "June 12 to 14, 2024": the enclosing month, with both days."""
    g = match_of(cand).groupdict()
    month = MONTHS[g["mon"].lower().rstrip(".")]
    d1, d2 = int(g["d"]), int(g["d2"])
    if d2 <= d1 or d2 > 31:
        return Norm(None, how="day range out of order")
    if g.get("y"):
        y = int(g["y"])
        how = "day range with explicit year"
    else:
        first = _month_day(cand, ctx, month, d1)
        if first.value is None:
            return first
        if first.value.startswith(UNKNOWN_YEAR):
            return Norm(
                f"{UNKNOWN_YEAR}-{month:02d}",
                begin=first.value,
                end_value=f"{UNKNOWN_YEAR}-{month:02d}-{d2:02d}",
                how=f"day range; {YEAR_UNKNOWN}; value is the enclosing month",
                inferred_year=True,
            )
        y = int(first.value[:4])
        how = "day range; " + first.how
    begin, end = safe_date(y, month, d1), safe_date(y, month, d2)
    if begin is None or end is None:
        return Norm(None, how="invalid day range")
    return Norm(
        month_value(y, month),
        begin=day_value(begin),
        end_value=day_value(end),
        how=f"{how}; value is the enclosing month",
    )


def month_year(cand: Cand, ctx: Context) -> Norm:
    """ "November 2023"."""
    g = match_of(cand).groupdict()
    return Norm(
        month_value(int(g["y"]), MONTHS[g["mon"].lower().rstrip(".")]), how="month and year"
    )


def month_of_rel_year(cand: Cand, ctx: Context) -> Norm:
    """ "March of last year", "June next year"."""
    g = match_of(cand).groupdict()
    anchor = ctx.anchor
    month = MONTHS[g["mon"].lower()]
    if anchor is None:
        return _month_year_unknown(month, f"month of '{g['rel'].lower()} year'")
    delta = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
    return Norm(
        month_value(anchor.year + delta, month),
        how=f"month of '{g['rel'].lower()} year' from publication date {anchor}",
    )


def rel_month(cand: Cand, ctx: Context) -> Norm:
    """ "last March", "next June", "this May"."""
    g = match_of(cand).groupdict()
    anchor = ctx.anchor
    month = MONTHS[g["mon"].lower()]
    rel = g["rel"].lower()
    if anchor is None:
        return _month_year_unknown(month, f"'{rel}' month")
    if rel == "this":
        direction, why = direction_of(ctx, cand)
        y = choose_year(anchor, month, None, direction)
        return Norm(month_value(y, month), how=f"'this' month; {why}; anchor {anchor}")
    dirn: Direction = "past" if rel in ("last", "past") else "future"
    y = choose_year(anchor, month, None, dirn, strict=True)
    return Norm(
        month_value(y, month),
        how=f"'{rel}' month: the {dirn} one from publication date {anchor}",
    )


def bare_month(cand: Cand, ctx: Context) -> Norm:
    """A bare month name ("in March"): the year from the publication date and tense."""
    g = match_of(cand).groupdict()
    return _month_only(cand, ctx, MONTHS[g["mon"].lower()])


def week_number(cand: Cand, ctx: Context) -> Norm:
    """ "week 23", "week 5 of 2021": an ISO week."""
    g = match_of(cand).groupdict()
    anchor = ctx.anchor
    week = int(g["w"])
    if g.get("y"):
        year = int(g["y"] or 0)
        how = "week number of an explicit year"
    elif anchor is not None:
        year = anchor.year
        how = f"week number in the year of publication date {anchor}"
    elif 1 <= week <= 53:
        return Norm(f"{UNKNOWN_YEAR}-W{week:02d}", how=f"week number; {YEAR_UNKNOWN}")
    else:
        return Norm(None, how="no such week")
    if not 1 <= week <= dt.date(year, 12, 28).isocalendar().week:
        return Norm(None, how="no such week")
    return Norm(f"{year:04d}-W{week:02d}", how=how)


def week_of(cand: Cand, ctx: Context) -> Norm:
    """ "the week of March 4": the ISO week holding that day."""
    g = match_of(cand).groupdict()
    month = MONTHS[g["mon"].lower().rstrip(".")]
    if g.get("y"):
        day = safe_date(int(g["y"] or 0), month, int(g["d"]))
        how = "the week of an explicit date"
    else:
        inner = _month_day(cand, ctx, month, int(g["d"]))
        if year_unknown(inner.value):
            # An ISO week number depends on the year: keep the day's month only.
            return Norm(
                f"{UNKNOWN_YEAR}-{month:02d}", how=f"the week of a month-day; {YEAR_UNKNOWN}"
            )
        day = dt.date.fromisoformat(inner.value) if inner.value else None
        how = "the week of " + inner.how
    if day is None:
        return Norm(None, how=how)
    return Norm(week_value(day), how=how)


def month_range(cand: Cand, ctx: Context) -> Norm:
    """ "March-May", "the June–August quarter": the enclosing quarter, half or year."""
    m = cand.match
    assert m is not None
    m1 = MONTHS[m["mon"].lower().rstrip(".")]
    m2 = MONTHS[m["mon2"].lower().rstrip(".")]
    if m["y"]:
        y2 = int(m["y"])
        how = "month range with explicit year"
    else:
        first = _month_only(cand, ctx, m1)
        if first.value is None:
            return first
        if first.value.startswith(UNKNOWN_YEAR):
            begin, end = f"{UNKNOWN_YEAR}-{m1:02d}", f"{UNKNOWN_YEAR}-{m2:02d}"
            exact = enclosing_period(2004, m1, 2004, m2) if m1 <= m2 else ""
            value = UNKNOWN_YEAR + exact[4:] if re.search(r"-[QH]\d$", exact) else begin
            return Norm(
                value,
                begin=begin,
                end_value=end,
                how=f"month range; {YEAR_UNKNOWN}; value is "
                + ("the enclosing period" if value != begin else "the start"),
                inferred_year=True,
            )
        y2 = int(first.value[:4]) + (1 if m2 < m1 else 0)
        how = "month range; " + first.how
    y1 = y2 - 1 if m2 < m1 else y2
    value = enclosing_period(y1, m1, y2, m2)
    return Norm(
        value,
        begin=month_value(y1, m1),
        end_value=month_value(y2, m2),
        how=f"{how}; value is the enclosing period",
        inferred_year=not m["y"],
    )


def _holiday_date(name: str, year: int) -> dt.date | None:
    if name in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[name]
        return safe_date(year, month, day)
    if name in EASTER_OFFSETS:
        sunday: dt.date = easter(year)
        return sunday + dt.timedelta(days=EASTER_OFFSETS[name])
    if name in NTH_WEEKDAY_HOLIDAYS:
        month, weekday, nth = NTH_WEEKDAY_HOLIDAYS[name]
        if nth == 0:  # the Tuesday after the first Monday: the first Tuesday after the 1st
            return nth_weekday(
                year, month, weekday, 1 if dt.date(year, month, 1).weekday() != weekday else 2
            )
        return nth_weekday(year, month, weekday, nth)
    return None


def holiday(cand: Cand, ctx: Context) -> Norm:
    """ "Christmas", "Easter Monday 2024", "last Thanksgiving": fixed, Easter-based or
    nth-weekday days ("last"/"next" set the direction)."""
    m = cand.match
    assert m is not None
    name = " ".join(m["hol"].lower().replace("’", "'").split())
    if m["y"]:
        day = _holiday_date(name, int(m["y"]))
        how = f"{name} of an explicit year"
    else:
        if ctx.anchor is None:
            if name in FIXED_HOLIDAYS:
                month, dom = FIXED_HOLIDAYS[name]
                return Norm(f"{UNKNOWN_YEAR}-{month:02d}-{dom:02d}", how=f"{name}; {YEAR_UNKNOWN}")
            return Norm(None, how=f"{name} (its date moves with the year); {NO_ANCHOR}")
        anchor = ctx.anchor
        direction, why = direction_of(ctx, cand)
        rel = (m["hrel"] or "").lower()
        if rel in ("last", "next"):
            direction = "past" if rel == "last" else "future"
            why = f"'{rel}'"
        options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                   if (d := _holiday_date(name, y)) is not None]  # fmt: skip
        nearest = min(options, key=lambda d: abs((d - anchor).days))
        if direction == "past":
            pool = [d for d in options if d <= anchor] or options
            day = max(pool)
            if (anchor - day).days > 183 and abs((nearest - anchor).days) <= 7:
                # "as Easter week began" six days before Easter: the tense of a beginning
                # never sends a holiday a year back past one days away
                day, why = nearest, why + "; the nearest (days away, not a year back)"
        elif direction == "future":
            pool = [d for d in options if d >= anchor] or options
            day = min(pool)
        else:
            day = min(options, key=lambda d: abs((d - anchor).days))
        how = f"{name}; year from publication date {anchor}; {why}"
    if day is None:
        return Norm(None, how=f"no date for {name}")
    if name.endswith(" week"):
        return Norm(week_value(day), how=f"the week of {how}")
    return Norm(day_value(day), how=how)


_SHARED_PLURAL_POD = re.compile(
    rf"\s+(?:and|or)\s+(?:{WD_FULL})\s+(?P<pod>morning|afternoon|evening|night)s\b",
    re.IGNORECASE,
)


def weekday(cand: Cand, ctx: Context) -> Norm:
    """ "on Monday", "last Friday", "Sunday (12)": the day near the publication date."""
    m = cand.match
    assert m is not None
    wd = WEEKDAYS[m["wd"].lower()]
    if m["pl"]:
        return Norm(f"XXXX-WXX-{wd + 1}", type="SET", how="plural weekday: every such day")
    shared = _SHARED_PLURAL_POD.match(ctx.text, cand.end) if not m["pod"] else None
    if m["podpl"] or shared is not None:
        # "Tuesday nights", "on Monday and Tuesday nights": every such part of such a day
        pod_word = (m["podpl"] and m["pod"]) or (shared and shared["pod"]) or ""
        return Norm(
            f"XXXX-WXX-{wd + 1}T{POD[pod_word.lower()]}",
            type="SET",
            how="plural part of a weekday: every such part of such a day",
        )
    if ctx.anchor is None:
        if m["dom"]:
            return Norm(
                None,
                how=f"weekday with day of month ({int(m['dom'])}); month and year unknown:"
                " the article has no publication date",
            )
        return Norm(None, how=f"weekday; {NO_ANCHOR}")
    a = ctx.anchor
    rel = (m["rel"] or "").lower()
    pod = POD.get((m["pod"] or "").lower())
    day: dt.date | None = None
    how = ""
    if m["dom"]:
        dom = int(m["dom"])
        day = weekday_with_day_of_month(a, wd, dom)
        if day is not None:
            how = f"weekday with day of month ({dom}): nearest such date to publication date {a}"
            gap = abs((day - a).days)
            if gap > 7:
                how += f" ({gap} days away: check the publication date)"
    ref_day = re.match(r"\d{4}-\d{2}-\d{2}", ctx.reference_value or "") is not None
    if day is None and rel in ("previous", "following") and ctx.reference is not None and ref_day:
        # "from the previous Friday": counted from the day the story is at
        ref = ctx.reference
        day = resolve_weekday(ref, wd, "past" if rel == "previous" else "future", strict=True)
        how = f"'{rel}' weekday: counted from the previous date in the text ({ref})"
    if day is None:
        if rel in ("last", "past", "previous"):
            day = resolve_weekday(a, wd, "past", strict=True)
            how = f"'{rel}' weekday: the one before publication date {a}"
        elif rel in ("next", "coming", "following"):
            day = resolve_weekday(a, wd, "future", strict=True)
            how = f"'{rel}' weekday: the one after publication date {a}"
        else:
            direction, why = direction_of(ctx, cand)
            if why.startswith("modal"):
                # "could not be reached Wednesday": a modal says little about which week
                direction, why = None, why + ", so the nearest such day"
            if direction is None and not why.startswith("modal") and _owns_a_thing(cand, ctx):
                # "a premium over Thursday's closing price": the day owns a thing that
                # exists (a price, a ruling, a close), so a day already past
                direction, why = "past", "a weekday owning its noun (a thing already there)"
            if rel == "this" and direction is None:
                monday = a - dt.timedelta(days=a.weekday())
                day = monday + dt.timedelta(days=wd)
                how = f"'this' weekday: same week as publication date {a}; {why}"
            else:
                day = resolve_weekday(a, wd, direction)
                label = {"past": "latest on or before", "future": "next on or after"}.get(
                    direction or "", "nearest to"
                )
                how = f"weekday: {label} publication date {a}; {why}"
    if pod is not None:
        return Norm(f"{day_value(day)}T{pod}", type="TIME", how=how)
    return Norm(day_value(day), how=how)


def _owns_a_thing(cand: Cand, ctx: Context) -> bool:
    """Whether a weekday is the possessor of the noun after it ("Thursday's closing
    price", "Friday's ruling")."""
    if not re.match(r"['’]s\s+\w", ctx.text[cand.end : cand.end + 4]):
        return False
    tok = ctx.token_at(cand.start)
    return tok is not None and tok.dep_ == "poss" and tok.head.pos_ == "NOUN"


def nth_weekday_in_month(cand: Cand, ctx: Context) -> Norm:
    """ "the first Saturday in July", "the last Monday of May 2024"."""
    m = cand.match
    assert m is not None
    ord_ = m["ord"].lower()
    nth = NTH.get(ord_) or ORDINALS[ord_]
    wd = WEEKDAYS[m["wd"].lower()]
    month = MONTHS[m["mon"].lower().rstrip(".")]
    rule = f"the {ord_} {m['wd'].capitalize()} of the month"
    if m["y"]:
        year = int(m["y"])
        how = f"{rule}; explicit year"
    elif ctx.anchor is None:
        return Norm(
            f"{UNKNOWN_YEAR}-{month:02d}",
            how=f"{rule} (its day depends on the year, so the month only); {YEAR_UNKNOWN}",
        )
    else:
        direction, why = direction_of(ctx, cand)
        year = choose_year(ctx.anchor, month, None, direction)
        how = f"{rule}; year from publication date {ctx.anchor}; {why}"
    day = nth_weekday(year, month, wd, nth)
    if day is None:
        return Norm(None, how=f"{rule}: no such day in {month_value(year, month)}")
    return Norm(day_value(day), how=how)


def clock(cand: Cand, ctx: Context) -> Norm:
    """ "10 a.m.", "14:30", "noon": minutes only; :mod:`~tui.extract.timex.ranges` dates it."""
    m = cand.match
    assert m is not None
    g = m.groupdict()
    if g.get("w"):
        word = (g["w"] or "").lower()
        hh, mi = (12, 0)
        if word == "midnight":
            # "expires at midnight Friday" is the end of Friday: TimeML (and AP style) write
            # it T24:00 on that day; "from midnight to 6 a.m." starts a stretch at 00:00
            starts = re.search(
                r"\b(?:from|between)\s+$", ctx.text[max(0, cand.start - 12) : cand.start]
            )
            hh, mi = (0, 0) if starts else (24, 0)
    else:
        hh = int(g["h"] or 0)
        mi = int(g.get("mi") or 0)
        ap = (g.get("ap") or "").lower().replace(".", "")
        if g.get("ampod"):  # "4 in the morning", "8 in the evening"
            ap = "am" if (g.get("ampod") or "").lower() == "morning" else "pm"
        if ap == "pm" and hh < 12:
            hh += 12
        elif ap == "am" and hh == 12:
            hh = 0
    zone = (g.get("tz") or "").upper()
    return Norm(
        None,
        type="TIME",
        how=f"clock time {hh:02d}:{mi:02d}"
        + (f" {zone}" if zone else "")
        + "; its day is taken from a neighbouring date if any",
        minutes=hh * 60 + mi,
        zulu=zone in ("GMT", "UTC"),
    )


def _month_day(cand: Cand, ctx: Context, month: int, day: int) -> Norm:
    if ctx.anchor is None:
        value = f"{UNKNOWN_YEAR}-{month:02d}-{day:02d}"
        if not year_unknown(value):
            return Norm(None, how="no such day")
        return Norm(value, how=f"month-day; {YEAR_UNKNOWN}", inferred_year=True)
    anchor = ctx.anchor
    named = _named_weekday(cand)
    if named is not None:
        days = (safe_date(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1))
        fits = [d for d in days if d is not None and d.weekday() == named]
        if fits:
            named_day = min(fits, key=lambda d: abs((d - anchor).days))
            return Norm(
                day_value(named_day),
                how=f"month-day with its weekday: the year near publication date {anchor}"
                " in which that day is that weekday",
                inferred_year=True,
            )
    head = word_before(ctx.text, cand.start)
    if head == "of" and word_before(ctx.text, cand.start - 3) == "record":
        head = "record"
    if head in TENSELESS_HEADS:
        direction: Direction = None
        why = f"'{head}' carries no tense: the nearest such day"
    else:
        direction, why = direction_of(ctx, cand)
    y = choose_year(anchor, month, day, direction)
    found = safe_date(y, month, day)
    if found is None:
        return Norm(None, how="no such day")
    # A past-tense clause often names a coming deadline ("extended the offer to Nov. 20");
    # a future one never names a past day. "the year ended March 31" is past by its own word.
    capped = direction == "past" and head not in ("ended", "closed")
    if capped and abs((found - anchor).days) > TENSE_REACH_DAYS:
        nearest = safe_date(choose_year(anchor, month, day, None), month, day)
        if nearest is not None and abs((nearest - anchor).days) <= NEAREST_CLOSE_DAYS:
            found = nearest
            why += "; tense alone never moves a day six months away: the nearest"
    return Norm(
        day_value(found),
        how=f"month-day; year from publication date {anchor}; {why}",
        inferred_year=True,
    )


def _named_weekday(cand: Cand) -> int | None:
    """The weekday written with a month-day ("Saturday, April 25"), if any."""
    if cand.match is None or "wdp" not in cand.match.groupdict() or not cand.match["wdp"]:
        return None
    return WEEKDAYS.get(cand.match["wdp"].lower().rstrip("."))


def _month_only(cand: Cand, ctx: Context, month: int) -> Norm:
    if ctx.anchor is None:
        return _month_year_unknown(month, "month")
    anchor = ctx.anchor
    direction, why = direction_of(ctx, cand)
    tok = ctx.token_at(cand.start)
    if (
        tok is not None
        and tok.dep_ in ("compound", "nmod")
        and tok.head.pos_ == "NOUN"
        and not why.startswith("future tense")
    ):
        # "under a June agreement", "the October attack": a month naming a thing that
        # happened, unless a "will" sends the clause ahead ("the June meeting will …")
        direction, why = "past", f"a month naming the {tok.head.text} (an event already told)"
    y = choose_year(anchor, month, None, direction)
    if direction == "past" and _months_apart(anchor, y, month) > 6 and not _dates_past_verb(tok):
        near = choose_year(anchor, month, None, None)
        if _months_apart(anchor, near, month) <= 2:
            y = near
            why += "; tense alone never moves a month six months away: the nearest"
    return Norm(
        month_value(y, month),
        how=f"month; year from publication date {anchor}; {why}",
        inferred_year=True,
    )


def _dates_past_verb(tok: Token | None) -> bool:
    """ "the firm changed its year in December": "in <month>" on a verb in the simple past
    dates that verb, a thing done; the six-month cap is for a month hanging on a noun or an
    infinitive ("a cutback in its supply in September", "agreed to buy it in January"),
    or after a verb of telling or planning, which may still be ahead."""
    if tok is None or tok.head.dep_ != "prep" or tok.head.lower_ not in ("in", "during"):
        return False
    verb = tok.head.head
    if verb.tag_ != "VBD" or verb.lower_ in TELLING_VERBS_PAST:
        return False  # "told refiners of a cut in supplies in November": the cut may be ahead
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _months_apart(anchor: dt.date, year: int, month: int) -> int:
    return abs((year - anchor.year) * 12 + month - anchor.month)


def _month_year_unknown(month: int, rule: str) -> Norm:
    """A named month whose year the text leaves to the (missing) publication date."""
    return Norm(
        f"{UNKNOWN_YEAR}-{month:02d}",
        how=f"{rule}; {YEAR_UNKNOWN}",
        inferred_year=True,
        month=month,
    )
