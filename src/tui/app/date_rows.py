"""Dates as ranges of days, for the date page, the Timeline's ``from..to`` filter and its
histogram of events per month (no Textual).

An event's date is the days its TIMEX3 value covers (:func:`~tui.records.timevalue.value_bounds`:
a day, a month, a quarter…); an event is *in* a range when all its days are. The date page
lists the events in a date (or range), every source's sentences grouped by outlet.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple, TypeVar

from tui.app.format import clean, outlet, published_label, timex_label
from tui.app.person_rows import MadeRows, PageRow, widest_cells
from tui.app.view import CorpusView, EventList, Selection
from tui.records.models import Event
from tui.records.timevalue import display_value, value_bounds
from tui.snapshot import EventFacts, compact_array

T = TypeVar("T")

Days = tuple[int, int]
"""A range of days as proleptic ordinals (first, last), both included."""

OUTLIER_SHARE = 0.025
"""The share of month-dated events each tail of the histogram may leave out (counted): news
is full of background dates ("in 1998 …") that would stretch it over decades."""


class Months(NamedTuple):
    """Events per month for the histogram: the counts from ``first`` to ``last`` and how
    many events lie before and after that range (a few dates centuries away would
    otherwise squeeze every month of the corpus into one bar)."""

    counts: list[int]
    first: str
    last: str
    earlier: int = 0
    later: int = 0


@dataclass(frozen=True)
class DateSpot:
    """A date page: the range shown, its label, and the row the cursor was on."""

    days: Days
    label: str
    row: int = 0
    event_id: str | None = None
    """The event the page was opened on: the cursor starts on its row."""


_RANGE = re.compile(r"^\s*([0-9X][0-9A-Z-]*)?\s*\.\.\s*([0-9X][0-9A-Z-]*)?\s*$")


def parse_range(text: str) -> tuple[Days, str] | None:
    """``2023-03..2023-06``, ``2023-03-01..2023-03-31``, ``2021..`` or ``..2022-Q1`` as days
    from the first day of the left value to the last day of the right one, and a label; None
    when ``text`` is not such a range (or it ends before it starts)."""
    m = _RANGE.match(text)
    if m is None or (m[1] is None and m[2] is None):
        return None
    low = value_bounds(m[1]) if m[1] else (dt.date.min, dt.date.min)
    high = value_bounds(m[2]) if m[2] else (dt.date.max, dt.date.max)
    if low is None or high is None or low[0] > high[1]:
        return None
    left = display_value(m[1]) if m[1] else "…"
    right = display_value(m[2]) if m[2] else "…"
    return (low[0].toordinal(), high[1].toordinal()), f"{left} – {right}"


@dataclass
class EventDays:
    """The days each event's date covers, read once per view (a value's bounds are parsed
    once: tens of thousands of events share a few thousand values)."""

    view: CorpusView
    _by_value: dict[str, Days | None] = field(default_factory=dict)
    _month_by_value: dict[str, int | None] = field(default_factory=dict)

    def of(self, event: Event) -> Days | None:
        return self.of_value(event.when.value)

    def of_value(self, value: str | None) -> Days | None:
        """The days a date's value covers (None: not a span of days)."""
        value = value or ""
        if value in self._by_value:
            return self._by_value[value]
        bounds = value_bounds(value) if value else None
        days = (bounds[0].toordinal(), bounds[1].toordinal()) if bounds else None
        self._by_value[value] = days
        return days

    def within(self, events: Iterable[Event], days: Days) -> list[Event]:
        """The events whose every day is in ``days``, in the order given."""
        return self._within(events, days, lambda event: event.when.value)

    def facts_within(self, facts: Iterable[EventFacts], days: Days) -> list[EventFacts]:
        """The same of what the index knows of events (:class:`~tui.snapshot.EventFacts`)."""
        return self._within(facts, days, attrgetter("value"))

    def _within(self, items: Iterable[T], days: Days, value: Callable[[T], str | None]) -> list[T]:
        low, high = days
        out = []
        for item in items:
            mine = self.of_value(value(item))
            if mine is not None and low <= mine[0] and mine[1] <= high:
                out.append(item)
        return out

    def per_month(self, events: Iterable[Event]) -> Months:
        """Events per month (events dated to a day, a week or a month; coarser dates are
        left out) over the months that hold all but the outlying 2.5 % at each end, which are
        counted as ``earlier`` and ``later``. Empty when no event is that precise."""
        months = Counter(self._month(event.when.value or "") for event in events)
        months.pop(None, None)
        return months_shown({m: n for m, n in months.items() if m is not None})

    def month(self, event: Event) -> int | None:
        """The month (``year * 12 + month - 1``) of an event dated to at most a month."""
        return self._month(event.when.value or "")

    def _month(self, value: str) -> int | None:
        """The month (``year * 12 + month - 1``) a value of at most a month lies in."""
        if value in self._month_by_value:
            return self._month_by_value[value]
        bounds = value_bounds(value) if value else None
        month = None
        if bounds is not None and (bounds[1] - bounds[0]).days <= 31:
            month = bounds[0].year * 12 + bounds[0].month - 1
        self._month_by_value[value] = month
        return month


def months_shown(months: Mapping[int, int]) -> Months:
    """The histogram's months from events per month (``year * 12 + month - 1``): the months
    that hold all but the outlying 2.5 % at each end, those counted as ``earlier`` and
    ``later``. Empty when there are none."""
    if not months:
        return Months([], "", "")
    ordered = sorted(months.items())
    total = sum(n for _, n in ordered)
    spare = int(total * OUTLIER_SHARE)
    low_at, earlier = 0, 0
    while earlier + ordered[low_at][1] <= spare:
        earlier += ordered[low_at][1]
        low_at += 1
    high_at, later = len(ordered) - 1, 0
    while later + ordered[high_at][1] <= spare:
        later += ordered[high_at][1]
        high_at -= 1
    low, high = ordered[low_at][0], ordered[high_at][0]
    counts = [months.get(m, 0) for m in range(low, high + 1)]
    return Months(counts, _month_label(low), _month_label(high), earlier, later)


def _month_label(index: int) -> str:
    return display_value(f"{index // 12:04d}-{index % 12 + 1:02d}")


BARS = "▁▂▃▄▅▆▇█"


def histogram(months: Months, width: int) -> str:
    """One line: the first month, a bar per month (or per run of months when there are
    more months than room), the last month and the tallest bar's count; how many events lie
    before and after the months shown stand beside them (``◂3 Jan 2015 … Dec 2016 12▸``).
    Heights are glyphs, never colour; an empty month is a blank. Empty when ``width`` is too
    small."""
    counts, first, last, earlier, later = months
    if not counts:
        return ""
    # the events outside the months shown, beside the month they lie beyond: "◂3 Jan 2015"
    head = f"◂{earlier:,} {first}" if earlier else first
    end = f"{last} {later:,}▸" if later else last

    def drawn(room: int) -> tuple[str, int]:
        step = -(-len(counts) // room)  # months per bar
        bars = [sum(counts[i : i + step]) for i in range(0, len(counts), step)]
        tallest = max(bars)
        line = "".join(BARS[max(0, -(-n * len(BARS) // tallest) - 1)] if n else " " for n in bars)
        unit = "month" if step == 1 else f"{step} months"
        return f"{head} {line} {end}  max {tallest:,}/{unit}", len(bars)

    # first with room for the longest tail there can be (every event in one bar), then with
    # the room the drawn tail leaves: fewer months a bar never lengthens the tail
    room = width - len(head) - len(end) - 2 - len(f"  max {sum(counts):,}/{len(counts)} months")
    if room < 4:
        return ""
    line, bars = drawn(room)
    wider = width - (len(line) - bars)
    return drawn(wider)[0] if wider > bars and bars < len(counts) else line


class DateRows(MadeRows):
    """A date page's rows (:func:`date_rows`), made a window at a time when asked, how
    many outlets they come from, and the ids of their events, read without making them."""

    MEASURED = 2048
    """Rows made at once by :meth:`widest` (made and let go: a pass over every row; a
    batch's sentences read together)."""

    def __init__(
        self,
        count: int,
        make: Callable[[int, int], list[PageRow]],
        ids: Callable[[], Iterator[str]],
        outlets: int,
    ) -> None:
        super().__init__(count, make)
        self._ids = ids
        self.outlets = outlets

    def index_of_event(self, event_id: str) -> int | None:
        """The first row that stands for the event ``event_id`` (None: none)."""
        for index, found in enumerate(self._ids()):
            if found == event_id:
                return index
        return None

    def widest(self) -> tuple[int, ...]:
        """The widest cell of each column over every row (made a batch at a time, none
        kept)."""
        return widest_cells(self, len(DATE_COLUMNS))


def date_rows(view: CorpusView, events: Iterable[EventFacts]) -> DateRows:
    """Every sentence of ``events`` grouped by outlet (outlets by name; in an outlet, the
    timeline's order): outlet (on a group's first row), date, publication date, sentence.
    Made from what the index knows of each event (events read from a file are not read), a
    window at a time when asked (:class:`~tui.app.person_rows.MadeRows`).

    ``events`` are gone over once, and what is kept of them is their places in the
    corpus's list, one array, not the rows nor the events (a date page is kept while it is
    one of the last opened: its rows, made and kept whole, were ~100 MB for a busy year at
    100,000 articles); they may be read a batch at a time
    (:meth:`~tui.app.panes.timeline.TimelineSource.each_within`). Events without places
    (read from a view's dict of events, ``pos`` -1) are kept as they are."""
    numbers: dict[str, int] = {}  # outlet → its number, in the order first seen
    of_event = array("I")  # each event's outlet's number
    positions: list[int] = []
    unplaced: list[EventFacts] = []
    for event in events:
        name = view.outlet_of(event.article_id)
        number = numbers.get(name)
        if number is None:
            number = numbers[name] = len(numbers)
        of_event.append(number)
        if event.pos >= 0 and not unplaced:
            positions.append(event.pos)
        else:
            unplaced.append(event)
    if unplaced and positions:
        raise ValueError("events with and without places in the corpus's list")
    # outlets by name (casefolded), in an outlet the order given: a stable sort by rank
    ranks = {number: name.casefold() for name, number in numbers.items()}
    order = sorted(range(len(of_event)), key=lambda i: ranks[of_event[i]])
    facts: Callable[[int, int], Sequence[EventFacts]]
    ids: Callable[[], Iterator[str]]
    if not unplaced:
        placed = EventList(view.corpus, compact_array(positions[i] for i in order))
        del positions

        def facts(start: int, stop: int) -> Sequence[EventFacts]:
            return list(placed[start:stop].facts())

        ids = placed.ids
    else:  # read from a view's dict of events, which keeps no places: the facts kept
        kept = [unplaced[i] for i in order]

        def facts(start: int, stop: int) -> Sequence[EventFacts]:
            return kept[start:stop]

        def ids() -> Iterator[str]:
            return (e.id for e in kept)

    def make(start: int, stop: int) -> list[PageRow]:
        """Rows ``start`` to ``stop - 1`` (the row before read too: a group's outlet is
        shown on its first row only)."""
        before = min(start, 1)
        window = facts(start - before, stop)
        previous = outlet(view.articles[window[0].article_id]) if before else None
        shown = window[before:]
        sentences = view.slices([(e.article_id, e.sentence_start, e.sentence_end) for e in shown])
        rows = []
        for event, said in zip(shown, sentences, strict=True):
            article = view.articles[event.article_id]
            source = outlet(article)
            sentence = clean(said)
            date = published_label(article)
            rows.append(
                PageRow(
                    (
                        source if source != previous else "",
                        timex_label(event.value, event.mod),
                        date,
                        sentence,
                    ),
                    Selection.event(event),
                    f"{source} · {date}: {sentence}",
                )
            )
            previous = source
        return rows

    return DateRows(len(order), make, ids, len(numbers))


DATE_COLUMNS = ("outlet", "when", "published", "sentence")
