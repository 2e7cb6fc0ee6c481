"""The words of a comparison: its label, and the one-line detail a status bar shows (the
judgement, the values as an analyst writes them, each figure with its outlet and period)."""

from __future__ import annotations

import math

from tui.link.memo import Memo
from tui.records.models import ComparisonStatus, Figure

_Fields = tuple[float | None, float | None, float | None, str, str | None, str | None, str | None]
"""The fields a value phrase reads: low, high, value, kind, unit, currency, qualifier."""


def label(fig: Figure) -> str:
    """What a comparison of figures like ``fig`` is about: "delegates", "trade · USD"."""
    if fig.kind == "count":
        return fig.unit or "count"
    if fig.kind == "other" and not fig.measure and fig.unit and fig.per:
        return f"{fig.unit} per {fig.per}"  # "points per game"
    parts = [fig.measure or fig.kind]
    if fig.change:
        parts.append("change")
    if fig.currency:
        parts.append(fig.currency)
    elif fig.kind == "percent":
        parts.append(fig.unit or "%")
    return " · ".join(parts)


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
#: Figures a detail line cites before "and N more" (it must fit a status bar).
_MAX_CITED = 4


def _number(value: float) -> str:
    """A value as an analyst reads it: 82500000 -> "82.5 million", 12500 -> "12,500"."""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{_plain(value / scale)} {word}"
    return _plain(value)


def _plain(value: float) -> str:
    """Thousands separators, no exponent, no trailing zeros: 12345.5 -> "12,345.5"."""
    if not math.isfinite(value):
        return str(value)
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _fields(fig: Figure) -> _Fields:
    return (fig.low, fig.high, fig.value, fig.kind, fig.unit, fig.currency, fig.qualifier)


def value_phrase(fig: Figure) -> str:
    """The value ``fig`` states, normalized: "more than 300", "USD 82.5 million", "50%"."""
    return _phrase_of(_fields(fig))


class ValuePhrases:
    """:func:`value_phrase`, computed once per distinct value in one run (detail lines repeat
    figures' values)."""

    def __init__(self) -> None:
        self._phrases: Memo[_Fields, str] = Memo(_phrase_of)

    def __call__(self, fig: Figure) -> str:
        fields = (fig.low, fig.high, fig.value, fig.kind, fig.unit, fig.currency, fig.qualifier)
        if 0 in fields[:3]:  # 0.0 and -0.0 are one key but read apart ("-0")
            return _phrase_of(fields)
        return self._phrases[fields]


def _phrase_of(fields: _Fields) -> str:
    """:func:`value_phrase` of a figure's fields."""
    low, high, value, kind, unit, currency, qualifier = fields
    if low is not None and high is not None:
        amount = f"{_number(float(low))}–{_number(float(high))}"
    else:
        amount = _number(float(value or 0))
    if kind == "percent":
        amount += " points" if unit and "point" in unit else "%"
    elif currency:
        amount = f"{currency} {amount}"
    return f"{qualifier} {amount}" if qualifier else amount


def _where(fig: Figure, sources: dict[str, str]) -> str:
    outlet = sources.get(fig.article_id)
    who = f"{outlet}, {fig.article_id}" if outlet else fig.article_id
    return f"{who}, {fig.period or 'period unknown'}"


def _cite(fig: Figure, sources: dict[str, str]) -> str:
    text = " ".join(fig.text.split())
    return f'"{text}" [{_where(fig, sources)}]'


def _values(figs: list[Figure], phrases: ValuePhrases) -> str:
    """The distinct values of ``figs`` in order, joined with "vs"."""
    return " vs ".join(dict.fromkeys(phrases(f) for f in figs))


def detail(
    status: ComparisonStatus,
    figs: list[Figure],
    sources: dict[str, str],
    phrases: ValuePhrases,
    *,
    certain: bool = True,
    subject: str | None = None,
    why: str | None = None,
    doubt: str | None = None,
) -> str:
    """One line for a status bar: the judgement, the values, and each figure with its outlet
    (``sources``: article id -> outlet), article and period ("period unknown" when none was
    found). ``phrases`` is the run's :class:`ValuePhrases`; ``doubt`` says why a possible
    conflict whose periods are known may be of two events."""
    reason = why
    joiner = " → " if status == "evolution" else "; "
    cites = joiner.join(_cite(f, sources) for f in figs[:_MAX_CITED])
    more = f" and {len(figs) - _MAX_CITED} more" if len(figs) > _MAX_CITED else ""
    articles = len({f.article_id for f in figs})
    scope = f"{articles} articles" if articles > 1 else "one article"
    values = _values(figs, phrases)
    periods = sorted({f.period for f in figs if f.period})
    first = figs[0]
    rate = first.kind == "other" and not first.measure and first.unit and first.per
    what = " ".join(
        (
            (first.unit if first.kind == "count" else first.measure)
            or (label(first) if rate else first.kind)
        ).split()
    )
    if first.change and first.kind != "count":
        what = f"change in {what}"
    if first.kind == "count" and first.predicate:
        what = f"{what} {first.predicate}"
    if subject:
        what = f"{what} ({subject.replace('; ', ', ')})"
    on = f" on {what}" if what else ""
    if status == "agree":
        amounts = {(f.value, f.low, f.high) for f in figs}
        if len(amounts) > 1:
            why = f"Agree{on} ({scope}): {values} differ but are consistent given their qualifiers"
        elif " vs " in values:
            why = f"Agree{on} ({scope}): the same figure with different qualifiers ({values})"
        else:
            why = f"Agree{on} ({scope}): all report {values}"
    elif status == "conflict":
        unknown = sorted({f.article_id for f in figs if not f.period})
        if certain:
            when = f" for {periods[0]}" if len(periods) == 1 else ""
            why = f"Conflict{on}{when} ({scope}): {values}"
        else:
            why = (
                f"Possible conflict{on} ({scope}): {values}; period unknown for "
                f"{', '.join(unknown)}, so it could be an evolution"
            )
            if not unknown and doubt:
                why = (
                    f"Possible conflict{on} ({scope}): {values}; {doubt}, so they may be two events"
                )
            elif not unknown:
                why = (
                    f"Possible conflict{on} ({scope}): {values}; a tally reported on "
                    "different days may have been updated in between"
                )
        if why_not := (reason or ""):
            why = f"{why} — {why_not}"
    else:
        steps = " → ".join(phrases(f) for f in figs[:_MAX_CITED])
        why = f"Evolution{on} {' → '.join(periods)} ({scope}): {steps}"
    return f"{why}. Sources: {cites}{more}"
