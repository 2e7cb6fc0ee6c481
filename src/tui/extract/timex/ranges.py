"""Ranges and clock times: the step after every candidate has its own reading.

Two dates joined by "to", "until" or a dash after "from"/"between" ("from March 2 to April
5, 2024") make a range with a begin and an end (the start may take its year from the end).
As in TimeML, a range stays two expressions, one per end, each with its own value and both
carrying the range's ``begin`` and ``end_value``; so do a day range ("April 24 and 25",
"12-14 June") and a year range ("2009-2010", "1957-58") found by one pattern. A clock time
("at 10 a.m.") takes its day from a date in its sentence or just before.
"""

from __future__ import annotations

import re

from tui.extract.timex.base import YEAR_UNKNOWN, Cand, Context, Norm
from tui.extract.timex.calendar import day_value, enclosing_period, month_value, safe_date
from tui.records.timevalue import MONTHS, UNKNOWN_YEAR, timeline_key, value_bounds, year_unknown

CLOCK_LOOKBACK = 400  # characters back to look for the day of a clock time
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|until|till|through|thru|and)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)


def combine_ranges(items: list[tuple[Cand, Norm]], ctx: Context) -> list[tuple[Cand, Norm]]:
    """``items`` (in text order) with joined dates merged into ranges and clock times dated."""
    out: list[tuple[Cand, Norm]] = []
    i = 0
    while i < len(items):
        cand, norm = items[i]
        on_day = _clock_on_day(items, i, ctx)
        if on_day is not None:
            out.append(on_day)
            i += 2
            continue
        if norm.type == "TIME" and norm.value is None and norm.minutes is not None:
            norm = _attach_clock(cand, norm, items, ctx)
        if cand.kind in _ONE_MATCH_RANGES and norm.begin and norm.end_value:
            out.extend(_split_match(cand, norm, ctx))
            i += 1
            continue
        if i + 1 < len(items):
            nxt, nnorm = items[i + 1]
            between = ctx.text[cand.end : nxt.start]
            opener = _RANGE_OPEN.search(ctx.text[max(0, cand.start - 12) : cand.start])
            joined = _RANGE_JOIN.match(between) is not None
            dash = between.strip() in ("-", "–", "—")
            if (
                joined
                and (opener is not None or dash)
                and norm.type == "DATE"
                and nnorm.type == "DATE"
                and norm.begin is None
                and nnorm.begin is None
                and "\n" not in between
            ):
                merged = _merge(cand, norm, nxt, nnorm, ctx)
                if merged is not None:
                    out.extend(_ends(cand, nxt, merged[1]))
                    i += 2
                    continue
        out.append((cand, norm))
        i += 1
    return out


_ONE_MATCH_RANGES = frozenset({"md_range", "dm_range", "year_range"})
_VALUE_NOTE = re.compile(r"; value is [^;()]*")  # a merged range's value: each end has its own
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)?", re.IGNORECASE)


def _ends(a: Cand, b: Cand, rng: Norm) -> list[tuple[Cand, Norm]]:
    """The two ends of range ``rng`` as TimeML writes them: one expression each, with its own
    value, both carrying the range's begin and end."""
    out = []
    for cand, value, which in ((a, rng.begin, "start"), (b, rng.end_value, "end")):
        how = f"{which} of a " + _VALUE_NOTE.sub("", rng.how)
        out.append((cand, Norm(value, begin=rng.begin, end_value=rng.end_value, how=how)))
    return out


def _split_match(cand: Cand, norm: Norm, ctx: Context) -> list[tuple[Cand, Norm]]:
    """A range one pattern found ("April 24 and 25", "12-14 June", "1957-58") as its ends:
    the first runs from the match's start to its first day (or year), the second from the
    second day (or year) to the match's end."""
    m = cand.match
    assert m is not None
    first_group, second_group = ("y", "y2") if cand.kind == "year_range" else ("d", "d2")
    first_end = m.end(first_group)
    if cand.kind != "year_range":
        suffix = _ORDINAL_SUFFIX.match(ctx.text, first_end)
        first_end = suffix.end() if suffix is not None else first_end
    first_start = cand.start if cand.kind == "md_range" else m.start(first_group)
    a = Cand(first_start, first_end, cand.kind, m, source=cand.source)
    b = Cand(m.start(second_group), cand.end, cand.kind, m, source=cand.source)
    rng = Norm(norm.value, begin=norm.begin, end_value=norm.end_value, how=norm.how)
    rng.how = f"range from {norm.begin} to {norm.end_value} ({norm.how})"
    return _ends(a, b, rng)


def _merge(a: Cand, an: Norm, b: Cand, bn: Norm, ctx: Context) -> tuple[Cand, Norm] | None:
    if an.value is None or bn.value is None:
        return None
    if year_unknown(an.value) and year_unknown(bn.value):
        return _merge_year_unknown(a, an, b, bn)
    a_value = an.value
    if an.inferred_year and not bn.inferred_year and a.match is not None and a.kind == "m":
        b_bounds = value_bounds(bn.value)
        month = MONTHS[a.match["mon"].lower()]
        if b_bounds is not None:
            year = b_bounds[1].year
            if month > b_bounds[1].month and len(bn.value) > 4:
                year -= 1
            a_value = month_value(year, month)
    elif an.inferred_year and not bn.inferred_year and a.kind in ("md", "dm") and a.match:
        # "from March 2 to April 5, 2024": the end's year dates the start too.
        b_bounds = value_bounds(bn.value)
        month, dom = MONTHS[a.match["mon"].lower().rstrip(".")], int(a.match["d"])
        if b_bounds is not None and len(bn.value) >= 7:
            end = b_bounds[1]
            year = end.year - (1 if (month, dom) > (end.month, end.day) else 0)
            start = safe_date(year, month, dom)
            a_value = day_value(start) if start is not None else a_value
    ab, bb = value_bounds(a_value), value_bounds(bn.value)
    if ab is None or bb is None or ab[0] > bb[1]:
        return None
    value = a_value
    if ab[0].year == bb[1].year:
        if len(a_value) >= 7 and len(bn.value) >= 7:
            value = enclosing_period(ab[0].year, ab[0].month, bb[1].year, bb[1].month)
        else:
            value = f"{ab[0].year:04d}"
    cand = Cand(a.start, b.end, "range", None)
    enclosing = "the period enclosing both" if value != a_value else "the start"
    how = f"range from {a_value} to {bn.value}; value is {enclosing}"
    if a_value != an.value:
        how += " (start: its year from the end of the range)"
    elif an.how:
        how += f" (start: {an.how})"
    return cand, Norm(value, begin=a_value, end_value=bn.value, how=how)


def _merge_year_unknown(a: Cand, an: Norm, b: Cand, bn: Norm) -> tuple[Cand, Norm] | None:
    """ "from May 7 to May 9" without a year: a range of XXXX values, in calendar order."""
    a_value, b_value = an.value or "", bn.value or ""
    if timeline_key(a_value) > timeline_key(b_value):
        return None  # "from November to February" may cross a year we cannot know
    value = a_value
    days = re.compile(r"XXXX-(\d{2})-\d{2}$")
    da, db = days.match(a_value), days.match(b_value)
    if da is not None and db is not None and da[1] == db[1]:
        value = f"{UNKNOWN_YEAR}-{da[1]}"
    cand = Cand(a.start, b.end, "range", None)
    enclosing = "the enclosing month" if value != a_value else "the start"
    return cand, Norm(
        value,
        begin=a_value,
        end_value=b_value,
        how=f"range from {a_value} to {b_value}; {YEAR_UNKNOWN}; value is {enclosing}",
    )


def _year_note(day: str) -> str:
    return f"; {YEAR_UNKNOWN}" if day.startswith(UNKNOWN_YEAR) else ""


_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-\d{2}-\d{2}")
_CLOCK_DAY_GAP = re.compile(r"[ \t]*,?[ \t]*")  # never across a line break


def _is_clock(norm: Norm) -> bool:
    return norm.type == "TIME" and norm.value is None and norm.minutes is not None


def _clock_value(day: str, norm: Norm) -> str:
    hh, mi = divmod(norm.minutes or 0, 60)
    return f"{day}T{hh:02d}:{mi:02d}" + ("Z" if norm.zulu else "")


def _clock_on_day(items: list[tuple[Cand, Norm]], i: int, ctx: Context) -> tuple[Cand, Norm] | None:
    """A clock time written against its day, in either order ("10 p.m. Wednesday", "noon
    Thursday", "5 p.m. EST, Nov. 9", "Friday 9:30 a.m."): one expression, the time on that
    day (TimeML)."""
    if i + 1 >= len(items):
        return None
    (a, an), (b, bn) = items[i], items[i + 1]
    if not _CLOCK_DAY_GAP.fullmatch(ctx.text[a.end : b.start]):
        return None
    if _is_clock(an) and bn.type == "DATE" and bn.value and _DAY_VALUE.fullmatch(bn.value):
        clock, day, day_how = an, bn.value, bn.how
    elif _is_clock(bn) and an.type == "DATE" and an.value and _DAY_VALUE.fullmatch(an.value):
        clock, day, day_how = bn, an.value, an.how
    else:
        return None
    cand = Cand(a.start, b.end, "clock_day", None)
    how = f"clock time on the day written with it ({day}: {day_how})" + _year_note(day)
    return cand, Norm(_clock_value(day, clock), type="TIME", how=how)


def _attach_clock(cand: Cand, norm: Norm, items: list[tuple[Cand, Norm]], ctx: Context) -> Norm:
    minutes = norm.minutes or 0
    hh, mi = divmod(minutes, 60)
    sent: tuple[int, int] = (max(0, cand.start - 80), cand.end + 80)
    tok = ctx.token_at(cand.start)
    if tok is not None:
        sent = (tok.sent.start_char, tok.sent.end_char)
    best: tuple[int, str] | None = None
    for other, on in items:
        if other is cand or on.value is None or not sent[0] <= other.start < sent[1]:
            continue
        day = on.value[:10]
        if re.fullmatch(r"(?:\d{4}|XXXX)-\d{2}-\d{2}", day):
            gap = abs(other.start - cand.start)
            if best is None or gap < best[0]:
                best = (gap, day)
    sentence_dated = any(
        other is not cand and on.type == "DATE" and sent[0] <= other.start < sent[1]
        for other, on in items
    )
    if best is None and sentence_dated:
        return Norm(
            None,
            type="TIME",
            how=f"clock time {hh:02d}:{mi:02d}; the date in its sentence is not a single day",
        )
    if best is None:
        before = [
            (cand.start - other.end, on.value[:10])
            for other, on in items
            if on.value is not None
            and other.end <= cand.start
            and cand.start - other.end <= CLOCK_LOOKBACK
            and re.fullmatch(r"(?:\d{4}|XXXX)-\d{2}-\d{2}", on.value[:10])
        ]
        if before:
            _, day = min(before)
            return Norm(
                _clock_value(day, norm),
                type="TIME",
                how=f"clock time {hh:02d}:{mi:02d} on {day} (the last day mentioned before it)"
                + _year_note(day),
            )
        return Norm(
            None, type="TIME", how=f"clock time {hh:02d}:{mi:02d} with no day mentioned near it"
        )
    return Norm(
        _clock_value(best[1], norm),
        type="TIME",
        how=f"clock time {hh:02d}:{mi:02d} on {best[1]} (date in the same sentence)"
        + _year_note(best[1]),
    )
