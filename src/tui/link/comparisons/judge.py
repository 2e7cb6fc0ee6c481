"""Agree, conflict or evolution: each group's figures judged by their values and periods.

A figure's value is an interval given its qualifier ("more than 120" -> [120, inf), "about 50"
-> [45, 55]); figures of one period agree when their intervals share a point. A group that
spans two or more periods also gets an ``evolution`` listing its figures in period order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.link.comparisons.periods import floating
from tui.link.comparisons.prose import ValuePhrases, detail, label
from tui.link.comparisons.story import other_event
from tui.link.sources import Sources
from tui.records.models import Comparison, ComparisonStatus, Figure
from tui.records.timevalue import value_bounds


@dataclass(frozen=True)
class Interval:
    """The values a figure allows given its qualifier (closed, with rounding slack)."""

    low: float
    high: float


ROUNDING = 0.005
_EXACT_BELOW = 10_000
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
    if fig.kind == "count" and _exact(fig):
        return Interval(low, high)  # "257 people" and "258 people" are not one count rounded
    return Interval(low * (1 - ROUNDING), high * (1 + ROUNDING))


def _exact(fig: Figure) -> bool:
    """A small whole count written out in full ("257"), which no rounding can move."""
    return isinstance(fig.value, int) and abs(fig.value) < _EXACT_BELOW


def consistent(figs: Iterable[Figure]) -> bool:
    """Whether one value can satisfy every figure (their intervals share a point)."""
    ivs = [interval(f) for f in figs]
    return max(i.low for i in ivs) <= min(i.high for i in ivs)


def judge_groups(
    groups: list[list[Figure]],
    sources: dict[str, str],
    phrases: ValuePhrases,
    independent: Sources | None = None,
    published: dict[str, str] | None = None,
    repeated: dict[str, str] | None = None,
    sentence_of: Callable[[Figure], str] | None = None,
) -> list[Comparison]:
    """The comparisons of ``groups`` (of two or more figures), numbered in order; ``sources``
    maps article ids to outlets, ``phrases`` is the run's memo of value phrases,
    ``independent`` names each figure's independent source (copies of one story are one),
    ``published`` maps article ids to publication dates (ISO; unknown when missing),
    ``repeated`` maps the ids of figures whose words another article prints too to their
    one source (:func:`.repeats.repeated_sources`), ``sentence_of`` gives a figure's
    sentence (a conflict between sentences that may tell of two events is not certain).

    A figure in a passage reprinted from another article is not judged when that article
    has figures of its own in the comparison (else the first such reprint stands for it):
    a copy's figure neither confirms nor contradicts its original's, and copies of one
    story alone make no comparison. Every figure is still listed."""
    out: list[Comparison] = []
    if published is None:
        published = {}
    if independent is None:
        independent = Sources(())
    if repeated is None:
        repeated = {}
    copies = bool(independent) or bool(repeated)

    def source_of(fig: Figure) -> str:
        return repeated.get(fig.id) or independent.of(fig.article_id, fig.start)

    def emit(
        status: ComparisonStatus,
        figs: list[Figure],
        certain: bool = True,
        apart: tuple[Figure, Figure] | None = None,
        doubt: str | None = None,
    ) -> None:
        subject = owner(figs)
        reprinted = [f.id for f in figs if source_of(f) != f.article_id]
        values = [phrases(f) for f in apart] if apart else []
        reason = cannot_both_hold(apart[0], apart[1], phrases) if apart else None
        out.append(
            Comparison(
                id=f"cmp-{len(out) + 1}",
                measure=label(figs[0]),
                figures=[f.id for f in figs],
                status=status,
                detail=detail(
                    status,
                    figs,
                    sources,
                    phrases,
                    certain=certain,
                    subject=subject,
                    why=reason,
                    doubt=doubt,
                )
                + _reprint_note(len(reprinted)),
                certain=certain,
                independent=len({source_of(f) for f in figs}),
                subject=subject,
                predicate=next((f.predicate for f in figs if f.predicate), None),
                periods=sorted({f.period for f in figs if f.period}),
                values=values,
                reason=reason,
                reprinted=reprinted,
            )
        )

    def judge(figs: list[Figure]) -> None:
        """agree/conflict for figures of one period (or of unknown periods). Reprinted figures
        are judged only when their source has none of its own here. A conflict needs two
        sources whose values cannot both hold: within one source a second value is a
        restatement or an evolution, never a conflict, and a source that also states a value
        another source confirms is not in conflict with it. It is certain only when two such
        sources both date their figures."""
        judged = _unreprinted(figs, source_of) if copies else figs
        if len(judged) < 2:  # copies of one story
            return
        if consistent(judged) and _restatements(judged, source_of):
            if not _updated_tally(judged, source_of, published):
                emit("agree", figs)
            return
        by_source: dict[str, list[Figure]] = {}
        for fig in judged:
            by_source.setdefault(source_of(fig), []).append(fig)
        if len(by_source) < 2:
            return  # one source's second value: not a comparison between sources
        counted = {id(f) for f in judged}
        for cluster in _clusters(figs):  # reprints listed, but not counted as sources
            sourced = [f for f in cluster if id(f) in counted]
            if len({source_of(f) for f in sourced}) >= 2 and not _updated_tally(
                sourced, source_of, published
            ):
                emit("agree", cluster)
        # a tally (the dead of a disaster, the people arrested) is updated between reports:
        # counts published on different days may differ without either being wrong
        tally = judged[0].kind == "count"
        names = list(by_source)

        def timeless(source: str) -> bool:
            # nothing fixes this source's figures in time: an article without a date, and
            # no period, or only one of no known year ("in March": XXXX-03) or a window
            # ending at an unknown moment ("over the past year"); two such sources cannot
            # be said to report one moment ("Ruiz has 370 delegates" and "Ruiz has 11
            # delegates" are a running tally; "14 percent" in "March" and "30%" in an
            # undated poll are two contests), unless they state the same window
            return source not in published and not any(fixed(f.period) for f in by_source[source])

        # every pair of sources is tested (a story many outlets report makes big groups):
        # what each source brings to a test is worked out once, not once per pair
        lone = [timeless(x) for x in names]
        windows = [{f.period for f in by_source[x] if f.period} for x in names]
        held = [[(f, interval(f)) for f in by_source[x]] for x in names]

        def reconciled(f: Figure, a: Interval, g: Figure, b: Interval) -> bool:
            # one value satisfies both (:func:`consistent`), or they are of other periods
            # or moments, or one is an order of magnitude
            return (
                max(a.low, b.low) <= min(a.high, b.high)
                or _other_periods(f, g)
                or _other_moments(f, g, published)
                or vague(f)
                or vague(g)
            )

        # What the pairs that cannot both hold decide: the first of them (the values the
        # conflict sets apart), the sources in any (its members) and whether any is certain
        # (both dated, and for a tally published on one day). A pair of sources already both
        # in one can change nothing once one is certain, or when it could not be.
        dated = [any(f.period and not floating(f.period) for f in by_source[x]) for x in names]

        def could(i: int, j: int) -> bool:  # be certain
            same_day = published.get(names[i]) == published.get(names[j])
            return dated[i] and dated[j] and not (tally and not same_day)

        first: tuple[str, str] | None = None
        involved: set[str] = set()
        certain = False
        for i, x in enumerate(names):
            mine = held[i]
            for j in range(i + 1, len(names)):
                y = names[j]
                if x in involved and y in involved and (certain or not could(i, j)):
                    continue
                if lone[i] and lone[j] and not windows[i] & windows[j]:
                    continue
                theirs = held[j]
                if len(mine) == 1 and len(theirs) == 1:  # most sources give one figure
                    together = reconciled(*mine[0], *theirs[0])
                else:
                    together = any(reconciled(f, a, g, b) for f, a in mine for g, b in theirs)
                if not together:
                    first = first or (x, y)
                    involved.update((x, y))
                    certain = certain or could(i, j)
        if first is None:
            return
        members = [f for f in figs if source_of(f) in involved]
        x, y = first
        pair = min(
            ((f, g) for f in by_source[x] for g in by_source[y]),
            key=lambda p: (p[0].period is None or p[1].period is None, 0),
        )
        doubt = None
        if certain and sentence_of is not None:
            # one day and one measure are not one event: two blasts near one city on one
            # day each have their toll; only reports that place it alike stay certain
            doubt = other_event(sentence_of(pair[0]), sentence_of(pair[1]))
            certain = doubt is None
        emit("conflict", members, certain=certain, apart=pair, doubt=doubt)

    for figs in groups:
        if len(figs) < 2:
            continue
        # a period stated but not fixed in time ("over the past year" in an undated article)
        # is judged with the undated figures, never in an evolution
        periods: dict[str | None, list[Figure]] = {}
        for fig in figs:
            periods.setdefault(None if floating(fig.period) else fig.period, []).append(fig)
        known = [p for p in periods if p is not None]
        if len(known) <= 1:
            judge(figs)
            continue
        for period in [*sorted(known), None]:
            same = periods.get(period, [])
            if len(same) >= 2:
                judge(same)
        if any(_nested(p, q) for p in known for q in known if p != q):
            continue  # "2024" and "2024-Q3": one period inside the other, not a sequence
        dated = [f for p in sorted(known) for f in periods[p]]
        if copies:  # a reprint's figure is its original's, whatever day it ran
            dated = _unreprinted(dated, source_of)
        if len({f.period for f in dated}) < 2 or not _like_lengths(dated):
            continue
        emit("evolution", dated)
    return out


def _reprint_note(count: int) -> str:
    """The detail line's note on figures counted with another article's source."""
    if not count:
        return ""
    which = "figure reprints" if count == 1 else "figures reprint"
    return f" ({count} {which} another article's words: counted with its source, not as new)"


#: "hundreds of jobs", "tens of thousands of people": an order of magnitude, not a count.
_VAGUE = re.compile(
    r"(?i)(?:tens of |hundreds of )?(?:dozens|hundreds|thousands|millions|billions|trillions)"
    r" of\b"
)


def vague(fig: Figure) -> bool:
    """Whether ``fig`` is a vague quantity ("thousands of workers"): it can agree with a count
    in its range, but a value outside it is no evidence of a conflict — the writer gave an
    order of magnitude (on 840 real articles both such "conflicts" set it against another
    thing counted)."""
    return fig.value is None and _VAGUE.match(fig.text) is not None


def fixed(period: str | None) -> bool:
    """Whether ``period`` places a figure in time: a date of known year ("2024-03"), not a
    month or day of no known year ("XXXX-03") nor a floating window ("P1Y/XXXX-XX")."""
    return period is not None and not period.startswith("XXXX") and not floating(period)


def _other_periods(a: Figure, b: Figure) -> bool:
    """Whether ``a`` and ``b`` are known to be of different periods though one is not fixed
    in time: "over the past year" in an undated article is a window ending when it was
    written, not the calendar year "2021" another source names. Such values do not
    conflict (nor make an evolution: the window's place in time is unknown)."""
    if floating(a.period) == floating(b.period):
        return a.period is not None and b.period is not None and a.period != b.period
    return a.period is not None and b.period is not None


SHORT_PERIOD = dt.timedelta(days=7)
"""A period this short (a day, a week) is a moment: a figure published well after it,
stating no period of its own, speaks of a later one."""

SAME_MOMENT = dt.timedelta(days=1)
"""How far apart two articles' publication days may be for figures that state no period to
speak of one moment (a wire story and the next morning's paper)."""


def _other_moments(a: Figure, b: Figure, published: dict[str, str]) -> bool:
    """Whether ``a`` and ``b`` are known to be of different moments though one states no
    period, so that only its article's publication day places it in time:

    - neither states a period, and the two days are more than :data:`SAME_MOMENT` apart
      ("50 delegates" in February, "221 delegates" in March: a running count);
    - the other states a period that begins after that day (a figure cannot report a
      period still to come), or a period of at most a week that ended more than a week
      before it (a count "as of March 22" against one printed in May).

    A figure with no period published after a longer period is still set against it: it
    often restates the latest one (last year's trade, reported this spring)."""
    if a.period is not None and b.period is not None:
        return False
    day_a, day_b = _published_day(a, published), _published_day(b, published)
    if a.period is None and b.period is None:
        return day_a is not None and day_b is not None and abs(day_a - day_b) > SAME_MOMENT
    stated, day = (a.period, day_b) if a.period is not None else (b.period, day_a)
    if day is None or stated is None or floating(stated):
        return False
    bounds = value_bounds(stated)
    if bounds is None:
        return False
    first, last = bounds
    if day < first - SAME_MOMENT:
        return True
    return last - first <= SHORT_PERIOD and day > last + SHORT_PERIOD


def _published_day(fig: Figure, published: dict[str, str]) -> dt.date | None:
    iso = published.get(fig.article_id)
    return dt.date.fromisoformat(iso) if iso else None


def owner(figs: list[Figure]) -> str | None:
    """The subject a comparison is about: the fullest its figures name (they all nest)."""
    subjects = [f.subject for f in figs if f.subject]
    return max(subjects, key=len) if subjects else None


def cannot_both_hold(a: Figure, b: Figure, phrases: ValuePhrases) -> str:
    """Why ``a`` and ``b`` cannot both be true: the values each allows do not meet."""
    ia, ib = interval(a), interval(b)
    low, high = (a, b) if ia.high < ib.low else (b, a)
    gap = interval(high).low - interval(low).high
    base = max(abs(float(high.value or high.low or 0)), 1e-9)
    share = f" ({gap / base:.0%} apart beyond rounding)" if gap / base >= 0.01 else ""
    return f"{phrases(low)} and {phrases(high)} leave no value both allow{share}"


def _nested(outer: str, inner: str) -> bool:
    """Whether period ``inner`` lies inside ``outer`` at a finer granularity ("2024" and
    "2024-Q3", "2024-06" and "2024-06-03", "2016-05" and its week "2016-W18", the eight
    years "2008-06/2016-06" and "2016-03")."""
    if len(inner) > len(outer) and inner.startswith(outer) and "/" not in inner + outer:
        return True
    a, b = _days(outer), _days(inner)
    return a is not None and b is not None and a != b and a[0] <= b[0] and b[1] <= a[1]


def _like_lengths(figs: list[Figure]) -> bool:
    """Whether the periods of ``figs`` are of like length (the longest at most twice the
    shortest): a year's charges and a quarter's are two amounts of different things, not
    one measure evolving ("71 million guilders" last year, "8 million" in the latest
    quarter). Periods whose length is not known pass."""
    lengths: list[int] = []
    for fig in figs:
        days = _days(fig.period) if fig.period else None
        if days is not None:
            lengths.append((days[1] - days[0]).days + 1)
    return not lengths or max(lengths) <= 2 * min(lengths)


def _days(period: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a period value, intervals ("2024-05/2025-05") included."""
    if "/" in period:
        first, _, last = period.partition("/")
        a, b = value_bounds(first), value_bounds(last)
        return (a[0], b[1]) if a is not None and b is not None else None
    return value_bounds(period)


def _clusters(figs: list[Figure]) -> list[list[Figure]]:
    """``figs`` in runs of values one value can satisfy (by interval, lowest first)."""
    held = sorted(((interval(f), f) for f in figs), key=lambda p: (p[0].low, p[0].high))
    out: list[list[Figure]] = []
    # :func:`consistent` of the last run and one more figure, from the run's highest low
    # and lowest high so far: a run of n figures costs n interval tests, not n squared
    low = high = 0.0
    for iv, fig in held:
        if out and max(low, iv.low) <= min(high, iv.high):
            out[-1].append(fig)
            low, high = max(low, iv.low), min(high, iv.high)
        else:
            out.append([fig])
            low, high = iv.low, iv.high
    order = {id(f): i for i, f in enumerate(figs)}
    return [sorted(c, key=lambda f: order[id(f)]) for c in out]


def _restatements(figs: list[Figure], source_of: Callable[[Figure], str]) -> bool:
    """Whether each source's figures here restate one value: the same value, or values a
    qualifier makes one ("more than 20 percent" and "20 percent"). A writer restating a
    figure writes it again; two different unqualified values in one source ("rose to 95.3
    from 94.7", "35,527.29" on Friday and "35,378.44" on Monday) are two values of the
    measure, not one within rounding, so they never make an agreement."""
    seen: dict[str, list[Figure]] = {}
    for fig in figs:
        mine = seen.setdefault(source_of(fig), [])
        for other in mine:
            if (fig.value, fig.low, fig.high) != (other.value, other.low, other.high) and not (
                fig.qualifier or other.qualifier or vague(fig) or vague(other)
            ):
                return False
        mine.append(fig)
    return True


_OPEN_BOUNDS = frozenset({"more than", "over", "at least", "less than", "up to", "nearly"})
"""Qualifiers that bound a value on one side only (see :func:`interval`)."""


def _updated_tally(
    figs: list[Figure], source_of: Callable[[Figure], str], published: dict[str, str]
) -> bool:
    """Whether consistent counts are a tally updated between reports rather than one
    figure confirmed: different amounts ("at least 40" and "112" killed), consistent only
    through an open bound ("at least", "more than", "nearly" …; two round numbers "about
    55,000" and "about 54,000" stay one figure rounded), from sources published on
    different days. A reader takes "agree" for confirmation; the toll changed, so they are
    not compared at all (a conflict needs values that cannot both hold, an evolution needs
    periods)."""
    if figs[0].kind != "count" or len({(f.value, f.low, f.high) for f in figs}) < 2:
        return False
    if not any(f.qualifier in _OPEN_BOUNDS for f in figs):
        return False
    days = {published.get(source_of(f)) for f in figs}
    return None not in days and len(days) > 1


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
