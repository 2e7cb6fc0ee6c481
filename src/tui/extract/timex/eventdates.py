"""Expressions dated by an event the text has already dated: "in the weeks before the
shooting", "10 days before the murder", "shot to death at 10 p.m.".

News tells an event once with its date ("the Oct. 23 slaying", "was shot to death last
Oct. 23", "killed last fall") and later names it by its word alone. While the expressions
are read in text order, :func:`note_event_date` keeps the last date each kind of event
(:data:`~tui.extract.timex.lexicon.EVENT_KINDS`: a killing, an attack, a crash …) was told
with; :func:`date_by_events` then dates, from those:

- "the days/weeks/months before (after) <event>": the event's month (TimeML marks the unit
  word; a season or a month when that is all the text says);
- "N days/weeks before (after) <event>": that many days from the event's day (a DATE, no
  longer a duration);
- a clock time with no day in its sentence, told on a verb of a dated event ("was shot to
  death at 10 p.m."): that time on the event's day.

An expression whose event is not dated is left as it was (the unit words are dropped).
"""

from __future__ import annotations

import datetime as dt
import re

from tui.extract.timex.base import Cand, Context, Norm
from tui.extract.timex.lexicon import EVENT_KINDS

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLACEABLE = re.compile(r"\d{4}-(?:\d{2}(?:-\d{2})?|SP|SU|FA|WI)")
_AFTER_SPAN = re.compile(r"\s+(before|after|leading\s+up\s+to|preceding|following)\s", re.I)
_COUNTED = re.compile(r"P(\d+)([DW])")


def note_event_date(cand: Cand, norm: Norm, ctx: Context) -> None:
    """Remember ``norm``'s value as the date of the event the expression is told with: the
    noun it names ("the Oct. 23 slaying") or the verb it hangs on ("killed last fall")."""
    if norm.type != "DATE" or norm.value is None or not _PLACEABLE.fullmatch(norm.value):
        return
    toks = ctx.tokens(cand.start, cand.end)
    if not toks:
        return
    inside = {t.i for t in toks}
    tok = next((t for t in toks if t.head.i not in inside), toks[0])
    for _ in range(5):
        head = tok.head
        if head.i == tok.i:
            return
        kind = EVENT_KINDS.get(head.lower_)
        if kind is not None:
            ctx.event_dates[kind] = norm.value
            return
        if head.pos_ in ("VERB", "AUX"):
            return  # the date hangs on a verb of no dated kind
        tok = head


def _event_after(ctx: Context, pos: int) -> str | None:
    """The date of the event named in the few words after ``pos`` ("the shooting",
    "Slepian was killed"), if the text dated that kind of event before."""
    for tok in ctx.tokens(pos, min(len(ctx.text), pos + 60))[:6]:
        kind = EVENT_KINDS.get(tok.lower_)
        if kind is not None:
            return ctx.event_dates.get(kind)
        if tok.text in (".", ";", "?", "!"):
            return None
    return None


def date_by_events(results: list[tuple[Cand, Norm]], ctx: Context) -> list[tuple[Cand, Norm]]:
    """``results`` with the expressions counted from a dated event dated (see the module)."""
    if not ctx.event_dates:
        return [(c, n) for c, n in results if c.kind != "event_span"]
    counted: list[tuple[Cand, Norm]] = []
    for cand, norm in results:
        if cand.kind == "event_span":
            dated = _span_before_event(cand, ctx)
            if dated is not None:
                counted.append((cand, dated))
            continue
        if norm.type == "DURATION" and norm.value is not None:
            norm = _count_from_event(cand, norm.value, ctx) or norm
        counted.append((cand, norm))
    # clock times last: a day counted from the event in their sentence dates them instead
    out: list[tuple[Cand, Norm]] = []
    for cand, norm in counted:
        if norm.type == "TIME" and norm.value is None and norm.minutes is not None:
            norm = _clock_on_event(cand, norm, counted, ctx) or norm
        out.append((cand, norm))
    return out


def _span_before_event(cand: Cand, ctx: Context) -> Norm | None:
    m = _AFTER_SPAN.match(ctx.text, cand.end)
    value = _event_after(ctx, m.end()) if m is not None else None
    if m is None or value is None:
        return None
    period = value[:7] if _DAY.fullmatch(value) else value
    unit = ctx.text[cand.start : cand.end].lower()
    return Norm(period, how=f"the {unit} {m.group(1).lower()} an event the text dated ({value})")


def _count_from_event(cand: Cand, value: str, ctx: Context) -> Norm | None:
    counted = _COUNTED.fullmatch(value)
    m = _AFTER_SPAN.match(ctx.text, cand.end)
    if counted is None or m is None or m.group(1).lower() not in ("before", "after"):
        return None
    event = _event_after(ctx, m.end())
    if event is None or not _DAY.fullmatch(event):
        return None
    days = int(counted.group(1)) * (7 if counted.group(2) == "W" else 1)
    sign = -1 if m.group(1).lower() == "before" else 1
    day = dt.date.fromisoformat(event) + dt.timedelta(days=sign * days)
    return Norm(
        day.isoformat(), how=f"{days} day(s) {m.group(1).lower()} an event the text dated ({event})"
    )


def _clock_on_event(
    cand: Cand, norm: Norm, results: list[tuple[Cand, Norm]], ctx: Context
) -> Norm | None:
    tok = ctx.token_at(cand.start)
    if tok is None:
        return None
    sent = tok.sent
    if any(
        sent.start_char <= other.start < sent.end_char
        and other is not cand
        and n.value is not None
        and _DAY.match(n.value) is not None
        for other, n in results
    ):
        return None  # a day in the sentence: the clock time is dated from it
    head = tok
    for _ in range(4):
        head = head.head
        kind = EVENT_KINDS.get(head.lower_)
        if kind is not None:
            event = ctx.event_dates.get(kind)
            if event is None or not _DAY.fullmatch(event):
                return None
            hh, mi = divmod(norm.minutes or 0, 60)
            return Norm(
                f"{event}T{hh:02d}:{mi:02d}" + ("Z" if norm.zulu else ""),
                type="TIME",
                how=f"clock time on the day of the event it is told with ({event})",
            )
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            return None
    return None
