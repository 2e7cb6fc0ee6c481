"""Agree, conflict or evolution: each group's figures judged by their values and periods.

A figure's value is an interval given its qualifier ("more than 120" -> [120, inf), "about 50"
-> [45, 55]); figures of one period agree when their intervals share a point. A group that
spans two or more periods also gets an ``evolution`` listing its figures in period order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.link.comparisons.prose import ValuePhrases, detail, label
from tui.link.copies import Sources
from tui.records.models import Comparison, ComparisonStatus, Figure


@dataclass(frozen=True)
class Interval:
    """The values a figure allows given its qualifier (closed, with rounding slack)."""

    low: float
    high: float


ROUNDING = 0.005
_APPROX = 0.10


def interval(fig: Figure) -> Interval:
    """``fig``'s value as an interval: "more than 120" -> [120, inf), "about 50" -> [45, 55]."""
    if fig.low is not None and fig.high is not None:
        low, high = float(fig.low), float(fig.high)
    else:
        low = high = float(fig.value or 0)
    q = fig.qualifier
    if q in ("more than", "over", "at least"):
        high = float("inf")
    elif q in ("less than", "up to"):
        low = 0.0
    elif q == "nearly":
        low = low * (1 - _APPROX)
    elif q == "about":
        low, high = low * (1 - _APPROX), high * (1 + _APPROX)
    return Interval(low * (1 - ROUNDING), high * (1 + ROUNDING))


def consistent(figs: Iterable[Figure]) -> bool:
    """Whether one value can satisfy every figure (their intervals share a point)."""
    ivs = [interval(f) for f in figs]
    return max(i.low for i in ivs) <= min(i.high for i in ivs)


def judge_groups(
    groups: list[list[Figure]],
    sources: dict[str, str],
    phrases: ValuePhrases,
    independent: Sources | None = None,
) -> list[Comparison]:
    """The comparisons of ``groups`` (of two or more figures), numbered in order; ``sources``
    maps article ids to outlets, ``phrases`` is the run's memo of value phrases,
    ``independent`` names each figure's independent source (copies of one story are one).

    A figure in a passage reprinted from another article is not judged when that article
    has figures of its own in the comparison (else the first such reprint stands for it):
    a copy's figure neither confirms nor contradicts its original's, and copies of one
    story alone make no comparison. Every figure is still listed."""
    out: list[Comparison] = []
    if independent is None:
        independent = Sources(())

    def source_of(fig: Figure) -> str:
        return independent.of(fig.article_id, fig.start)

    def emit(status: ComparisonStatus, figs: list[Figure], certain: bool = True) -> None:
        out.append(
            Comparison(
                id=f"cmp-{len(out) + 1}",
                measure=label(figs[0]),
                figures=[f.id for f in figs],
                status=status,
                detail=detail(status, figs, sources, phrases, certain=certain),
                certain=certain,
                independent=len({source_of(f) for f in figs}),
            )
        )

    def judge(figs: list[Figure]) -> None:
        """agree/conflict for figures of one period (or of unknown periods): a conflict is
        certain only when figures with a known, shared period already disagree. Reprinted
        figures are judged only when their source has none of its own here."""
        judged = _unreprinted(figs, source_of) if independent else figs
        if len(judged) < 2:  # copies of one story
            return
        if consistent(judged):
            emit("agree", figs)
            return
        dated = [f for f in judged if f.period is not None]
        emit("conflict", figs, certain=len(dated) >= 2 and not consistent(dated))

    for figs in groups:
        if len(figs) < 2:
            continue
        periods: dict[str | None, list[Figure]] = {}
        for fig in figs:
            periods.setdefault(fig.period, []).append(fig)
        known = [p for p in periods if p is not None]
        if len(known) <= 1:
            judge(figs)
            continue
        for period in [*sorted(known), None]:
            same = periods.get(period, [])
            if len(same) >= 2:
                judge(same)
        dated = [f for p in sorted(known) for f in periods[p]]
        emit("evolution", dated)
    return out


def _unreprinted(figs: list[Figure], source_of: Callable[[Figure], str]) -> list[Figure]:
    """``figs`` without reprints: a figure whose source is another article is kept only when
    no figure of that source is here, and then only the first for each source."""
    own = [f for f in figs if source_of(f) == f.article_id]
    present = {f.article_id for f in own}
    stand_ins: dict[str, Figure] = {}
    for fig in figs:
        source = source_of(fig)
        if source != fig.article_id and source not in present:
            stand_ins.setdefault(source, fig)
    chosen = {id(f) for f in own} | {id(f) for f in stand_ins.values()}
    return [f for f in figs if id(f) in chosen]
