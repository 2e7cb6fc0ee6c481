"""Normalizers of amounts of time: durations ("three years"), recurring sets ("every
week", "twice a year", "on Mondays"), and the DATE/TIME entities spaCy finds that no pattern
covers ("several years", "recent months").

Each is a :data:`~tui.extract.timex.base.Normalizer`; :mod:`tui.extract.timex.rules` names
the pattern kinds that use them and sends spaCy-only candidates to :func:`vague`.
"""

from __future__ import annotations

import re

from tui.extract.timex.base import Cand, Context, Norm, match_of, word_after, word_before
from tui.extract.timex.calendar import shift_exact
from tui.extract.timex.direction import direction_of
from tui.extract.timex.lexicon import POD, SEASONS, TIME_UNITS, UNIT_CODES, as_number, unit_name
from tui.records.models import TimexMod
from tui.records.timevalue import MONTHS, WEEKDAYS


def duration(cand: Cand, ctx: Context) -> Norm:
    """ "three years", "about a month"; "in two weeks" in a future clause is a date."""
    m = cand.match
    assert m is not None
    amount = as_number(m["n"])
    unit = unit_name(m["unit"])
    amount_s = "X" if amount < 0 else str(amount)
    if unit in TIME_UNITS:
        value = f"PT{amount_s}{TIME_UNITS[unit]}"
    elif unit == "quarter" and amount >= 0:
        value = f"P{amount * 3}M"
    else:
        value = f"P{amount_s}{UNIT_CODES.get(unit, 'Y')}"
    prev = word_before(ctx.text, cand.start)
    # "in a quarter that produced a loss": a period the clause describes, not a shift
    described = word_after(ctx.text, cand.end) in ("that", "which", "when", "where")
    shift = prev == "in" and not m.groupdict().get("pre") and not described
    if shift and ctx.anchor is not None and amount > 0:
        direction, why = direction_of(ctx, cand)
        if direction == "future" and unit in UNIT_CODES:
            return Norm(
                shift_exact(ctx.anchor, amount, unit),
                how=f"'in {amount} {unit}(s)' after publication date {ctx.anchor}; {why}",
            )
    qual = " ".join((m.groupdict().get("qual") or "").lower().split())
    mod: TimexMod | None = "APPROX" if qual in ("about", "around", "roughly", "some") else None
    how = f"duration of {amount_s} {unit}(s)" + (f" ('{qual}')" if qual else "")
    return Norm(value, type="DURATION", mod=mod, how=how)


def every_n(cand: Cand, ctx: Context) -> Norm:
    """ "every three months", "each 2 weeks"."""
    g = match_of(cand).groupdict()
    amount = as_number(g["n"] or "")
    unit = unit_name(g["unit"] or "")
    shown = "X" if amount < 0 else str(amount)
    if unit in TIME_UNITS:
        value = f"PT{shown}{TIME_UNITS[unit]}"
    else:
        value = f"P{shown}{UNIT_CODES.get(unit, 'Y')}"
    return Norm(value, type="SET", how=f"recurring every {shown} {unit}(s)")


def recurring(cand: Cand, ctx: Context) -> Norm:
    """ "every week", "each Monday", "weekends", "annually", "twice a year"."""
    g: dict[str, str | None] = match_of(cand).groupdict()
    unit = (g.get("unit") or g.get("adv") or "").lower()
    adv_units = {
        "annually": "year",
        "yearly": "year",
        "monthly": "month",
        "weekly": "week",
        "daily": "day",
        "hourly": "hour",
        "quarterly": "quarter",
        "annum": "year",
    }
    unit = adv_units.get(unit, unit)
    if unit.endswith("s") and unit[:-1] in ("weekend", "morning", "evening", "night"):
        unit = unit[:-1]
    step = 2 if g.get("other") else 1
    if unit in WEEKDAYS:
        return Norm(f"XXXX-WXX-{WEEKDAYS[unit] + 1}", type="SET", how="every weekday")
    if unit in MONTHS:
        return Norm(f"XXXX-{MONTHS[unit]:02d}", type="SET", how="every month named")
    if unit in POD:
        return Norm(f"T{POD[unit]}", type="SET", how="every part of day")
    if unit in SEASONS:
        return Norm(f"XXXX-{SEASONS[unit]}", type="SET", how="every season")
    if unit == "weekend":
        return Norm("XXXX-WXX-WE", type="SET", how="every weekend")
    if unit == "hour":
        return Norm(f"PT{step}H", type="SET", how="every hour")
    if unit == "quarter":
        return Norm(f"P{3 * step}M", type="SET", how="every quarter")
    code = UNIT_CODES.get(unit, "Y")
    return Norm(f"P{step}{code}", type="SET", how=f"recurring every {step} {unit}(s)")


def vague(cand: Cand, ctx: Context) -> Norm:
    """A spaCy DATE/TIME entity no pattern covers: a duration, a reference, or unresolved."""
    words = ctx.text[cand.start : cand.end].lower()
    single = re.fullmatch(r"(?:a|an|one)\s+(?:fiscal\s+)?(year|month|week|day|decade|hour)", words)
    if re.fullmatch(r"(?:a|an|one)\s+weekend", words):
        return Norm("P1WE", type="DURATION", how="a weekend's length (spaCy DATE entity)")
    if re.fullmatch(r"(?:(?:a|the)\s+)?quarter[- ]century", words):
        # "its quarter-century low", "in a quarter-century": 25 years measured back
        return Norm("P25Y", type="DURATION", how="a quarter-century: 25 years (spaCy DATE entity)")
    if single is not None:
        unit = unit_name(single.group(1))
        value = f"PT1{TIME_UNITS[unit]}" if unit in TIME_UNITS else f"P1{UNIT_CODES[unit]}"
        return Norm(value, type="DURATION", how="duration of one unit (spaCy DATE entity)")
    bare = re.fullmatch(
        r"(?:many\s+|several\s+|some\s+)?(years|months|weeks|days|decades|hours)", words
    )
    if bare is not None:
        unit = unit_name(bare.group(1))
        code = f"T{TIME_UNITS[unit]}" if unit in TIME_UNITS else UNIT_CODES[unit]
        return Norm(
            f"P{code[:1] if code.startswith('T') else ''}X{code.lstrip('T')}",
            type="DURATION",
            how="unquantified duration (spaCy DATE entity)",
        )
    if re.search(r"\b(recent|past few|last few|earlier)\b", words):
        return Norm("PAST_REF", how="vague past reference (spaCy DATE entity)")
    if re.search(r"\b(coming|next few|upcoming|future)\b", words):
        return Norm("FUTURE_REF", how="vague future reference (spaCy DATE entity)")
    if re.search(r"\b(now|currently|present)\b", words):
        return Norm("PRESENT_REF", how="present reference (spaCy DATE entity)")
    stretch = _stretch(words)
    if stretch is not None:
        return stretch
    return Norm(None, how="found by spaCy as a DATE/TIME entity; no normalization rule applies")


_COUNTED_UNITS = r"(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)"
_COUNTED = re.compile(
    r"(?:(?:more\s+than|less\s+than|fewer\s+than|nearly|almost|about|over|some|just|only)\s+)?"
    r"(?:the\s+(?:first|last|final|early|next)\s+(?:(?:few|several|couple\s+of)\s+)?"
    r"|(?:hundreds|thousands|dozens|scores)\s+of\s+(?:\w+\s+)?"
    r"|(?:a\s+)?(?:few|couple\s+of)\s+"
    r"|(?P<n>[a-z]+(?:-[a-z]+)?|\d+)\s+(?:(?:hundred|thousand)\s+)?(?:[a-z]+\s+)?)" + _COUNTED_UNITS
)
_WHOLE = re.compile(
    r"(?:all|the\s+whole|the\s+entire)\s+(?P<unit>day|week|night|month|year)"
    r"|(?:as\s+long\s+as|up\s+to|at\s+least|at\s+most|more\s+than|less\s+than)\s+"
    r"(?:a|an|one)\s+(?P<unit2>year|month|week|day|decade|hour)"
)


def _stretch(words: str) -> Norm | None:
    """ "hundreds of years", "eight trading days", "the first hours", "all day", "as long as a
    month": spaCy's DATE entities that measure a stretch of time are durations (TimeML), not
    dates with a value missing."""
    counted = _COUNTED.fullmatch(words)
    amount = as_number(counted["n"]) if counted is not None and counted["n"] else -1
    if counted is not None and (amount > 0 or not counted["n"]):
        unit = unit_name(counted["unit"])
        shown = str(amount) if amount > 0 and not re.search(r"hundred|thousand", words) else "X"
        return Norm(
            _span_value(shown, unit), type="DURATION", how="a stretch of time (spaCy DATE entity)"
        )
    whole = _WHOLE.fullmatch(words)
    if whole is not None:
        unit = whole["unit"] or whole["unit2"]
        unit = "day" if unit == "night" else unit
        return Norm(
            _span_value("1", unit), type="DURATION", how="a whole unit of time (spaCy DATE entity)"
        )
    return None


def _span_value(amount: str, unit: str) -> str:
    """The TIMEX3 duration of ``amount`` (a count or ``X``) ``unit``s: ``P8D``, ``PTXH``."""
    if unit in TIME_UNITS:
        return f"PT{amount}{TIME_UNITS[unit]}"
    return f"P{amount}{UNIT_CODES[unit]}"
