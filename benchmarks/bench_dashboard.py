"""Dashboard timings on a synthetic corpus (prints figures; not a test).

    PYTHONPATH=src python benchmarks/bench_dashboard.py [--articles N] [--repeat R]

Builds a realistic corpus of N articles (default 10,000): each ~3 KB of text with ~7 dated
events, ~7 figures, ~8 mentions of people drawn Zipf-like from ~1,500 recurring people (a
few of them in thousands of articles), ~3 quotes; events grouped across articles, varied
outlets and dates, 300 comparisons of 2–5 figures; plus one ~200 KB article. Then it
measures indexing the corpus, app start until every table is filled, highlighting a span
near the end of the 200 KB article, and — with Pilot in a 160×48 terminal — the latency
from a key press until the app has processed it, any pane refill has finished and the
screen has been repainted, for every common action (median and p95 over R presses):
moving in the panes, the person's page, the date page (Enter on an event), a ``from..to``
filter, the conflict view (Enter on a comparison: its filters, sort, a figure in Source and
back), the export modal, search, pickers and the palette. ``--pages``: only issue 20's screens
opened and closed, and the floor of a push (an empty screen and modal), with the person's
page and the conflict view also timed to their first frame and to their first frame with
rows (``Frames``: what the user sees, while the key's other work goes on); ``--json FILE`` keeps
the samples (``bench_pages_ab.py`` runs two checkouts that way, alternating). ``--loaded``:
the app starts as ``newsdash PATH`` does, the corpus handed over by the load worker (which
indexes it, makes the Timeline's and Figures' tables and finds every person's first
mention); without it the app is given the corpus and indexes it on the event loop, and
People's moves find a person's first mention per key (the busiest person of 100,000
articles has 127,000 mentions). ``--slow-keys``: only the keys of :func:`slow_keys`.
``--palette``: only the palette and the pickers, and the memory they leave behind
(:func:`palette_keys`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import datetime as dt
import gc
import json
import os
import random
import statistics
import tempfile
import threading
import time
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from tui.app import NewsdashApp
from tui.app.panes.base import FilteredPane
from tui.app.panes.people import PeoplePane
from tui.app.panes.record_table import RecordTable
from tui.app.panes.source import SourcePane
from tui.app.panes.timeline import TimelinePane
from tui.app.records import RecordKey, RecordKind
from tui.app.view import CorpusView, Selection
from tui.records.models import (
    Article,
    Comparison,
    Corpus,
    Event,
    Figure,
    Person,
    Published,
    Quote,
    Range,
    Role,
    Span,
    TimeExpr,
)
from tui.records.timevalue import MONTH_NAMES
from tui.userstate import ENV_STATE_DIR, Bookmark, save_bookmarks

FIRST = [
    "Anna",
    "Brian",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kira",
    "Liam",
    "Marta",
    "Nadia",
    "Omar",
    "Paula",
    "Quentin",
    "Rosa",
    "Samir",
    "Tanya",
    "Ugo",
    "Vera",
    "Walter",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Aldo",
    "Bianca",
    "Cyrus",
    "Dana",
    "Emil",
    "Fiona",
    "Goran",
    "Hana",
    "Ivo",
    "Julia",
    "Kemal",
    "Lena",
    "Mario",
    "Nora",
]
LAST = [
    "Abara",
    "Borges",
    "Castell",
    "Dunmore",
    "Eklund",
    "Ferrante",
    "Gallo",
    "Horvat",
    "Ibsen",
    "Jansen",
    "Kowal",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quiroga",
    "Rinaldi",
    "Sato",
    "Tamm",
    "Urquhart",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zielinski",
    "Amato",
    "Brandt",
    "Costa",
    "Duval",
    "Esposito",
    "Fischer",
    "Garza",
    "Holm",
    "Iversen",
    "Jurado",
    "Keller",
    "Lund",
    "Mensah",
    "Nakamura",
]
ROLES = [
    "the finance minister",
    "a spokeswoman for the ministry",
    "the central bank governor",
    "chief executive of the port authority",
    "the opposition leader",
    "a senior diplomat",
    "the regional governor",
    "an analyst at a consultancy",
    "the union chairman",
    "the mayor",
]
MEASURES = [
    "workers joined the strike",
    "tonnes of grain were shipped",
    "households lost power",
    "people were displaced",
    "jobs were cut",
    "barrels a day were pumped",
    "new homes were built",
    "passengers were stranded",
    "students enrolled",
    "cases were reported",
    "vehicles were recalled",
    "hectares burned",
]
PLACES = [
    "Northport",
    "the capital",
    "the delta region",
    "the eastern provinces",
    "the coastal towns",
]
OUTLETS = [
    f"{city} {kind}"
    for city in ("Northport", "Lakeside", "Harbor", "Valley", "Capital", "Coastal")
    for kind in ("Herald", "Times", "Wire", "Post", "Daily", "Courier", "Observer", "Gazette")
]
MONTHS = MONTH_NAMES
QUOTES = [
    "We will not accept these terms",
    "The numbers speak for themselves",
    "This is only the beginning",
    "Nobody expected the talks to fail",
    "We have done everything we could",
    "The situation is under control",
]
FILLER = (
    "The ministry published further details later in the week, and officials declined "
    "to comment on the timeline or on the cost of the programme. ",
    "Residents said the changes had been discussed for months without a clear answer "
    "from the authorities, who promised a review before the end of the season. ",
    "Several outlets carried the story, and the figures were later repeated in a "
    "statement posted on the agency's website with minor corrections. ",
)
SENTENCE = "Officials in Northport said on 4 March 2022 that about 1,250 workers joined. "


class Builder:
    """Accumulates one article's text and the records that point into it."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def _date(rng: random.Random) -> tuple[str, str]:
    year = rng.randint(2018, 2024)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    style = rng.random()
    if style < 0.6:
        return f"{day} {MONTHS[month - 1]} {year}", f"{year}-{month:02d}-{day:02d}"
    if style < 0.9:
        return f"{MONTHS[month - 1]} {year}", f"{year}-{month:02d}"
    return f"{year}", f"{year}"


def rare_names(count: int) -> list[str]:
    """``count`` distinct names of the shape news gives once-mentioned people ("Ana K.
    Ruiz", "Ana K. L. Ruiz"): a real folder names ~4 people an article, most of them once."""
    names: list[str] = []
    if count <= 0:
        return names
    initials = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    middles = [f"{i}." for i in initials] + [f"{i}. {j}." for i in initials for j in initials]
    for middle in middles:
        for last in LAST:
            for first in FIRST:
                names.append(f"{first} {middle} {last}")
                if len(names) == count:
                    return names
    raise ValueError(f"at most {len(names):,} rare names")


def synthetic(n: int, seed: int = 7, extra_people: int = 0) -> Corpus:
    """``extra_people``: that many more people, each named once (spread over the articles,
    drawn by their own generator: the rest of the corpus is the same with or without)."""
    rng = random.Random(seed)
    rare = rare_names(extra_people)
    rare_at = 0
    names = [f"{f} {last}" for last in LAST for f in FIRST][:1500]
    rng.shuffle(names)
    weights = [1 / (rank + 1) ** 1.07 for rank in range(len(names))]
    cum: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    articles: list[Article] = []
    events: list[Event] = []
    figures: list[Figure] = []
    quotes: list[Quote] = []
    mentions: dict[int, list[Span]] = {}
    roles: dict[int, Role] = {}
    rare_people: list[tuple[str, Span]] = []
    for i in range(n):
        aid = f"a{i}"
        b = Builder(aid)
        pending: list[tuple[str, int, int, int, tuple[int, int], tuple[int, int]]] = []
        speakers: list[int] = []
        for k in range(7):
            if k % 2 == 0:
                b.add(rng.choice(FILLER))
            pid = rng.choices(range(len(names)), cum_weights=cum)[0]
            speakers.append(pid)
            date_text, value = _date(rng)
            number = rng.randint(100, 90000)
            measure = rng.choice(MEASURES)
            s0 = b.length
            name_span = b.add(names[pid])
            b.add(", ")
            role_title = ROLES[pid % len(ROLES)]
            role_span = b.add(role_title)
            b.add(", said on ")
            date_span = b.add(date_text)
            b.add(" that about ")
            fig_span = b.add(f"{number:,}")
            b.add(f" {measure} in {rng.choice(PLACES)}.")
            b.add("\n\n" if k % 3 == 2 else " ")  # paragraphs of a few sentences
            pending.append((value, pid, number, s0, date_span, fig_span))
            mentions.setdefault(pid, []).append(
                Span(article_id=aid, start=name_span[0], end=name_span[1], text=names[pid])
            )
            if pid not in roles:
                roles[pid] = Role(
                    article_id=aid,
                    start=role_span[0],
                    end=role_span[1],
                    text=role_title,
                    title=role_title,
                )
            sentence_end = b.length - 1
            fid = f"f{i}-{k}"
            figures.append(
                Figure(
                    id=fid,
                    article_id=aid,
                    start=fig_span[0],
                    end=fig_span[1],
                    text=f"{number:,}",
                    value=number,
                    kind="count",
                    qualifier="about",
                    measure=measure.split(" ")[0] + " " + measure.split(" ")[-1],
                )
            )
            group = f"g{rng.randrange(max(1, n))}" if rng.random() < 0.3 else None
            events.append(
                Event(
                    id=f"e{i}-{k}",
                    article_id=aid,
                    when=TimeExpr(
                        article_id=aid,
                        start=date_span[0],
                        end=date_span[1],
                        text=date_text,
                        value=value,
                    ),
                    sentence=Range(start=s0, end=sentence_end),
                    people=[f"p{pid}"],
                    figures=[fid],
                    group=group,
                )
            )
        pid = rng.choices(range(len(names)), cum_weights=cum)[0]
        b.add("Analysts close to ")
        span = b.add(names[pid])
        mentions.setdefault(pid, []).append(
            Span(article_id=aid, start=span[0], end=span[1], text=names[pid])
        )
        b.add(" expected further talks before the summer.\n\n")
        share = len(rare) * (i + 1) // n - rare_at  # the rare people this article names
        for name in rare[rare_at : rare_at + share]:
            b.add("Also quoted was ")
            span = b.add(name)
            b.add(", a local official. ")
            rare_people.append((name, Span(article_id=aid, start=span[0], end=span[1], text=name)))
        rare_at += share
        for q in range(3):
            said = rng.choice(QUOTES)
            b.add("“")
            qspan = b.add(said)
            b.add(f",” {names[speakers[q]].split(' ')[0]} added. ")
            quotes.append(
                Quote(
                    id=f"q{i}-{q}",
                    article_id=aid,
                    start=qspan[0],
                    end=qspan[1],
                    text=said,
                    person_id=f"p{speakers[q]}",
                )
            )
        while b.length < 2900:
            b.add(rng.choice(FILLER))
        published = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))
        articles.append(
            Article(
                id=aid,
                path=f"{aid}.txt",
                title=f"Report {i} on {rng.choice(MEASURES).split(' ')[-1]}",
                source=OUTLETS[(i * 7 + rng.randrange(3)) % len(OUTLETS)],
                published=Published(date=published, how="header"),
                text=b.text(),
            )
        )
    # One ~200 KB article: Source must stay instant on it.
    big_id = f"a{n}"
    text = SENTENCE * 2600
    articles.append(
        Article(
            id=big_id,
            path=f"{big_id}.txt",
            source="Longform Monthly",
            published=Published(date=dt.date(2022, 3, 5), how="header"),
            text=text,
        )
    )
    for k in range(0, 2600, 260):
        base = k * len(SENTENCE)
        d0 = base + SENTENCE.index("4 March 2022")
        f0 = base + SENTENCE.index("about 1,250")
        fid = f"fbig-{k}"
        figures.append(
            Figure(
                id=fid,
                article_id=big_id,
                start=f0,
                end=f0 + 11,
                text=text[f0 : f0 + 11],
                value=1250,
                kind="count",
                qualifier="about",
                measure="workers joined",
            )
        )
        events.append(
            Event(
                id=f"ebig-{k}",
                article_id=big_id,
                when=TimeExpr(
                    article_id=big_id,
                    start=d0,
                    end=d0 + 12,
                    text=text[d0 : d0 + 12],
                    value="2022-03-04",
                ),
                sentence=Range(start=base, end=base + len(SENTENCE) - 1),
                figures=[fid],
            )
        )
    comparisons = []
    pool = rng.sample(figures[: 7 * n], min(7 * n, 1500))  # each figure in one comparison
    for c in range(300):
        size = rng.randint(2, 5)
        members, pool = pool[:size], pool[size:]
        comparisons.append(
            Comparison(
                id=f"c{c}",
                measure=members[0].measure or "" if members else "",
                figures=[m.id for m in members],
                status=rng.choice(["agree", "conflict", "evolution"]),
                detail=f"{len(members)} outlets",
                certain=rng.random() < 0.8,
            )
        )
    people = [
        Person(
            id=f"p{j}",
            name=names[j],
            aliases=[names[j].split(" ")[-1]] if j % 5 == 0 else [],
            roles=[roles[j]] if j in roles else [],
            mentions=spans,
        )
        for j, spans in mentions.items()
    ]
    people += [
        Person(id=f"r{j}", name=name, mentions=[span]) for j, (name, span) in enumerate(rare_people)
    ]
    return Corpus(
        articles=articles,
        people=people,
        quotes=quotes,
        events=events,
        figures=figures,
        comparisons=comparisons,
    )


# -- measuring ---------------------------------------------------------------------------


def rss_mb() -> float:
    """Resident memory now, in MB (``/proc/self/statm``)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def send_key(pilot: Pilot[int], key: str) -> None:
    """Post one key event as the terminal driver would — what ``Pilot.press`` does, without
    the two ≥20 ms idle sleeps it adds after every key (they would swamp the figures)."""
    app = pilot.app
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


def press_from_thread(pilot: Pilot[int], key: str, delay: float, sent: list[float]) -> None:
    """Post ``key`` ``delay`` seconds from now from another thread, as a terminal's input
    thread does: it is handled when the event loop is next free. ``sent`` gets the time."""
    loop = asyncio.get_running_loop()

    def press() -> None:
        sent.append(time.perf_counter())
        loop.call_soon_threadsafe(send_key, pilot, key)

    threading.Timer(delay, press).start()


async def settle(pilot: Pilot[int], *, workers: bool = True) -> None:
    """Until the app is quiet: every queued message handled, the workers done (unless
    ``workers`` is false: a debounced search waits in one on purpose), the after-refresh
    callbacks run and the screen repainted (without Pilot.pause's 20 ms idle sleep)."""
    app = pilot.app
    for _ in range(200):
        await pilot._wait_for_screen()
        if workers:
            await app.workers.wait_for_complete()
        screen = app.screen
        screen._on_timer_update()
        await pilot._wait_for_screen()
        pumps = [app, *screen.walk_children(with_self=True)]
        busy = (
            screen._callbacks
            or screen._layout_required
            or screen._repaint_required
            or screen._dirty_widgets
            or (workers and any(w.is_running for w in app.workers))
            or any(not p._message_queue.empty() for p in pumps)
        )
        if not busy:
            return


class Frames:
    """When a key's new screen is first drawn, and first drawn with what ``ready`` asks
    for: wraps the app's ``_display`` (the driver's write of each frame)."""

    def __init__(self, app: NewsdashApp) -> None:
        self.app = app
        self.before: object = None
        self.ready: Callable[[object], bool] = lambda screen: True
        self.first: float | None = None
        self.filled: float | None = None
        display = app._display

        def drawn(screen: Any, update: Any) -> None:
            if self.before is not None and screen is not self.before and screen.is_mounted:
                now = time.perf_counter()
                if self.first is None:
                    self.first = now
                if self.filled is None and self.ready(screen):
                    self.filled = now
            display(screen, update)

        app._display = drawn  # type: ignore[method-assign,assignment]

    def arm(self, ready: Callable[[object], bool] | None = None) -> None:
        self.before = self.app.screen
        self.ready = ready or (lambda screen: True)
        self.first = self.filled = None


def any_frame(screen: Any) -> bool:
    """Any frame of the new screen (its first frame is all that is timed)."""
    return True


def has_rows(screen: Any) -> bool:
    """The pushed page shows rows in its first table (a person's page, the conflict
    view)."""
    tables = screen.query(RecordTable)
    return bool(tables) and tables.first().row_count > 0


class Timings:
    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = {}

    async def key(
        self,
        pilot: Pilot[int],
        label: str,
        key: str,
        after: Callable[[], Awaitable[None]] | None = None,
        *,
        workers: bool = True,
        frames: tuple[Frames, str, str, Callable[[Any], bool]] | None = None,
    ) -> None:
        """Time ``key`` until the app is quiet; with ``frames`` (the watcher, two labels
        and a test of the screen), also until the new screen's first frame and its first
        frame that passes the test (waiting for the workers if need be)."""
        if frames is not None:
            frames[0].arm(frames[3])
        t = time.perf_counter()
        send_key(pilot, key)
        await settle(pilot, workers=workers)
        if after is not None:
            await after()
        self.samples.setdefault(label, []).append(1000 * (time.perf_counter() - t))
        if frames is not None:
            watcher, first, filled, _ = frames
            while watcher.filled is None:
                await settle(pilot)
            assert watcher.first is not None
            self.samples.setdefault(first, []).append(1000 * (watcher.first - t))
            if filled:  # "": only the first frame
                self.samples.setdefault(filled, []).append(1000 * (watcher.filled - t))
            watcher.before = None

    def report(self) -> None:
        print(f"\n{'action':44} {'median':>8} {'p95':>8}  n")
        for label, values in self.samples.items():
            values = sorted(values)
            p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
            print(f"{label:44} {statistics.median(values):6.1f}ms {p95:6.1f}ms  {len(values)}")


BOOKMARKS = 200
"""Bookmarks of the measured folder."""


async def new_screens(app: NewsdashApp, pilot: Pilot[int], timings: Timings, repeat: int) -> None:
    """Issue 20's keys: the frequency table (F) of Timeline and Figures, its next column,
    the corrections screen (C), the article picker's filter and stepping through matches;
    F and the article and outlet pickers also to their first frame (their lists are made or
    counted in workers)."""
    frames = Frames(app)
    for key, label in (("a", "a (article picker)"), ("f", "f (outlet picker)")):
        for _ in range(max(3, repeat // 2)):
            await pilot.press("2")
            await settle(pilot)
            first = f"{label} → first frame"
            await timings.key(pilot, f"{label} → quiet", key, frames=(frames, first, "", any_frame))
            await pilot.press("escape")
            await settle(pilot)
    for digit, name in (("2", "Timeline"), ("3", "Figures")):
        for _ in range(max(3, repeat // 2)):
            await pilot.press(digit)
            await settle(pilot)
            first = f"{name}: F → first frame"
            await timings.key(
                pilot, f"{name}: F (frequency table)", "F", frames=(frames, first, "", any_frame)
            )
            await timings.key(pilot, "F: right (next column)", "right")
            await pilot.press("escape")
            await settle(pilot)
    for _ in range(max(3, repeat // 2)):
        await timings.key(pilot, "C (corrections screen)", "C")
        await pilot.press("escape")
        await settle(pilot)
        # The same run's cost of pushing any modal screen, for comparison.
        await timings.key(pilot, "w (warnings screen, baseline)", "w")
        await pilot.press("escape")
        await settle(pilot)
    for _ in range(max(3, repeat // 4)):
        await pilot.press("a", "slash")
        await settle(pilot)
        for letter in "min":
            await timings.key(pilot, "a picker: / filter keystroke", letter)
        await pilot.press("escape")
        await settle(pilot)
    # Bookmarks (b: the note input; B: the list of BOOKMARKS stars of the folder).
    for _ in range(max(3, repeat // 2)):
        await pilot.press("3")
        await settle(pilot)
        await timings.key(pilot, "b (bookmark note input)", "b")
        await pilot.press("escape")
        await settle(pilot)
        await timings.key(pilot, f"B (bookmarks screen, {BOOKMARKS} stars)", "B")
        await timings.key(pilot, "B: down", "down")
        await pilot.press("escape")
        await settle(pilot)
    big = app.query_one(SourcePane)
    await pilot.press("4", "slash", *"said", "enter")
    await settle(pilot)
    assert big.found, "the article has matches"
    for _ in range(repeat):
        await timings.key(pilot, "Source: ; (next match)", "semicolon")
    await pilot.press("escape")
    await settle(pilot)


MODAL_KEYS = (
    ("w", "w (warnings)"),
    ("B", "B (bookmarks)"),
    ("C", "C (corrections)"),
    ("question_mark", "? (help)"),
)


async def modal_backgrounds(
    app: NewsdashApp, pilot: Pilot[int], timings: Timings, repeat: int
) -> None:
    """Opening modal screens with their background opaque (as shipped) and see-through
    (Textual's ``ModalScreen`` default, ``$background 60%``, set on each pushed modal),
    alternating in one run so both meet the same load."""
    from textual.color import Color
    from textual.screen import Screen

    from tui.app.screens.modal import Modal

    see_through = [False]
    push = app.push_screen

    def pushing(screen: Screen[object], *args: object, **kwargs: object) -> object:
        if isinstance(screen, Modal) and see_through[0]:
            background = Color.parse(app.theme_variables["background"])
            screen.styles.background = background.with_alpha(0.6)
        return push(screen, *args, **kwargs)  # type: ignore[arg-type]

    app.push_screen = pushing  # type: ignore[assignment,method-assign]
    await pilot.press("3")
    await settle(pilot)
    for _ in range(repeat):
        for variant in (False, True):
            see_through[0] = variant
            name = "see-through" if variant else "opaque"
            for key, label in MODAL_KEYS:
                await timings.key(pilot, f"{label}, {name}", key)
                await pilot.press("escape")
                await settle(pilot)
    app.push_screen = push  # type: ignore[method-assign]


async def pages(app: NewsdashApp, pilot: Pilot[int], timings: Timings, repeat: int) -> None:
    """Issue 20's screens, key to repaint: modals, the person's page and its sections, the
    date page, the conflict view and the export modal, each opened and closed; and the floor
    of any push: an empty screen and an empty modal pushed and popped."""
    from textual.screen import ModalScreen, Screen

    timeline = app.query_one(TimelinePane)
    frames = Frames(app)
    for i in range(repeat):
        await pilot.press("3")
        await settle(pilot)
        for key, label in (("w", "w (warnings modal)"), ("question_mark", "? (help modal)")):
            await timings.key(pilot, f"{label}: open", key)
            await timings.key(pilot, f"{label}: esc", "escape")
        # The most mentioned person (rows cached after the first opening) and the next ones.
        await pilot.press("1", "g", *["down"] * (i % 3))
        await settle(pilot)
        await timings.key(
            pilot,
            "People: enter → person page up",
            "enter",
            workers=False,
            frames=(
                frames,
                "People: enter → page's first frame",
                "People: enter → its rows drawn",
                has_rows,
            ),
        )
        await settle(pilot)
        for k in range(6):
            await timings.key(pilot, "page: a section key", str(2 + (i + k) % 6))
        await timings.key(
            pilot,
            "page: esc → People (filter on)",
            "escape",
            frames=(frames, "page esc: People's first frame", "", any_frame),
        )
        await timings.key(pilot, "esc (clear the person filter)", "escape")
        # A key pressed on a page 30 ms after its rows are drawn, as Timeline and Figures
        # refill under it for a person opened for the first time (issue 20: on the event
        # loop before, so the key waited for the refill): until the key is answered (the
        # cursor moved), and until both panes show the person's rows.
        await pilot.press("1", "g", *["down"] * (4 + i))
        await settle(pilot)
        frames.arm(has_rows)
        send_key(pilot, "enter")
        under = list(app.screen_stack[0].query(FilteredPane))
        deadline = time.perf_counter() + 60
        # The page's rows drawn and the panes' refill asked for (it runs next).
        while (frames.filled is None or any(p._refill_deferred for p in under)) and (
            time.perf_counter() < deadline
        ):
            await asyncio.sleep(0.001)
        frames.before = None
        page = app.screen
        table = page.query(RecordTable).first()
        # The key arrives 30 ms later, as from the terminal: posted from another thread,
        # handled when the event loop is free (and timed from then on).
        sent: list[float] = []
        press_from_thread(pilot, "j", 0.03, sent)
        while (not sent or table.cursor_row == 0) and time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
        t = sent[0]
        timings.samples.setdefault("page: j as the panes refill under it", []).append(
            1000 * (time.perf_counter() - t)
        )
        while any(p.table().row_count == 0 for p in under) and time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
        timings.samples.setdefault("… the panes under it refilled", []).append(
            1000 * (time.perf_counter() - t)
        )
        await settle(pilot)
        await pilot.press("escape", "escape")
        await settle(pilot)
        # A date page (rows built in a worker: the page up, then its rows).
        await pilot.press("2")
        await settle(pilot)
        timeline.table().move_cursor(row=(i * 7919) % timeline.table().row_count)
        await settle(pilot)
        await timings.key(
            pilot,
            "Timeline: enter → date page up",
            "enter",
            workers=False,
            frames=(frames, "Timeline: enter → date page's first frame", "", any_frame),
        )
        await settle(pilot)
        await timings.key(
            pilot,
            "date page: esc → Timeline",
            "escape",
            frames=(frames, "date page esc: first frame", "", any_frame),
        )
        # The conflict view.
        await pilot.press("3", "g")
        await settle(pilot)
        await timings.key(
            pilot,
            "Figures: enter → conflict view",
            "enter",
            frames=(
                frames,
                "Figures: enter → conflict's first frame",
                "… its list drawn",
                has_rows,
            ),
        )
        await timings.key(
            pilot,
            "conflict: esc → Figures",
            "escape",
            frames=(frames, "conflict esc: first frame", "", any_frame),
        )
        # The export modal over the Timeline (its rows are read in a worker).
        await pilot.press("2")
        await settle(pilot)
        await timings.key(pilot, "e (export modal up)", "e", workers=False)
        await settle(pilot)
        await timings.key(pilot, "export: esc", "escape")
        # The floor: an empty screen and an empty modal, pushed and popped.
        for label, screen in (
            ("empty screen", Screen[None]()),
            ("empty modal", ModalScreen[None]()),
        ):
            start = time.perf_counter()
            app.push_screen(screen)
            await settle(pilot)
            timings.samples.setdefault(f"push an {label}", []).append(
                1000 * (time.perf_counter() - start)
            )
            start = time.perf_counter()
            app.pop_screen()
            await settle(pilot)
            timings.samples.setdefault(f"pop an {label}", []).append(
                1000 * (time.perf_counter() - start)
            )


async def slow_keys(app: NewsdashApp, pilot: Pilot[int], timings: Timings, repeat: int) -> None:
    """Issue 21's keys still over the budget at 100,000 articles, each timed ``repeat``
    times: People ``↓`` (Source shows the person's first mention), Figures ``G`` (the
    200 KB article into Source), a row of the busiest person's page shown in Source and
    Esc back to the page, Esc from the page to People (the person chosen), Esc clearing
    the person filter and the Timeline's search, and ``ctrl+p`` (the palette's first
    opening apart: its index is built in a thread then)."""
    frames = Frames(app)
    await pilot.press("1", "g")
    await settle(pilot)
    for _ in range(repeat):
        await timings.key(pilot, "People: down", "down")
    await pilot.press("3")
    await settle(pilot)
    for _ in range(repeat):
        await timings.key(pilot, "Figures: G (end)", "G")
        await timings.key(pilot, "Figures: g (home)", "g")
    await pilot.press("1", "g", "enter")
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    for _ in range(repeat):
        await timings.key(pilot, "page: enter (row in Source)", "enter")
        await timings.key(
            pilot,
            "esc (back to the page, its rows shown)",
            "escape",
            frames=(frames, "esc back to the page: first frame", "", any_frame),
        )
        await pilot.press("down")
        await settle(pilot)
    await pilot.press("escape", "escape")
    await settle(pilot)
    for i in range(repeat):
        await pilot.press("1", "g", *["down"] * (i % 3), "enter")
        await settle(pilot)
        await timings.key(
            pilot,
            "page: esc → People (filter on)",
            "escape",
            frames=(frames, "page esc: People's first frame", "", any_frame),
        )
        await timings.key(pilot, "esc (clear the person filter)", "escape")
    timeline = app.query_one(TimelinePane)
    await pilot.press("2")
    await settle(pilot)
    for i in range(repeat):
        timeline.apply_search(["min", "gov", "str"][i % 3])
        await settle(pilot)
        await timings.key(pilot, "Timeline: esc (clear search)", "escape")
    for i in range(repeat + 1):
        label = "ctrl+p (open palette)" + (", first" if i == 0 else "")
        await timings.key(pilot, label, "ctrl+p")
        await pilot.press("escape")
        await settle(pilot)
        if i == 0 and app.view is not None:  # its index, built in a thread
            await app.palette_indexes.get(app.view)


def trimmed_rss_mb() -> float:
    """Resident memory once the garbage is collected and glibc's free memory given back
    (what a screen left behind, not what it let go)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return rss_mb()


async def palette_keys(app: NewsdashApp, pilot: Pilot[int], timings: Timings, repeat: int) -> None:
    """Issue 21's palette and pickers: the palette's first search (its index built in a
    thread), its later keystrokes, its index's own searches; the pickers' first opening
    until their lists are shown (made in a worker), their later openings; and the resident
    memory each leaves behind (after a collection and ``malloc_trim``)."""
    view = app.view
    assert view is not None
    print(f"resident memory, trimmed:     {trimmed_rss_mb():7.0f} MB", flush=True)
    t = time.perf_counter()
    await pilot.press("ctrl+p", *"gov")
    await app.palette_indexes.get(view)
    await settle(pilot)
    timings.samples["palette: first ctrl+p, 'gov' → hits (index built)"] = [
        1000 * (time.perf_counter() - t)
    ]
    await pilot.press("escape")
    await settle(pilot)
    for _ in range(repeat):
        await timings.key(pilot, "ctrl+p (open palette)", "ctrl+p")
        for letter in "gov":
            await timings.key(pilot, "palette: keystroke ('gov')", letter)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        for letter in "zzq":
            await timings.key(pilot, "palette: keystroke ('zzq': no hit)", letter)
        await pilot.press("escape")
        await settle(pilot)
    index = app.palette_indexes.ready(view)
    assert index is not None
    for query in ("gov", "min", "xq", "zzq"):
        for _ in range(repeat):
            t = time.perf_counter()
            index.candidates(query)
            label = f"palette index: candidates({query!r})"
            timings.samples.setdefault(label, []).append(1000 * (time.perf_counter() - t))
    print(f"resident memory, + palette:   {trimmed_rss_mb():7.0f} MB", flush=True)
    for key, name in (("a", "article"), ("f", "filter")):
        await pilot.press("2")
        await settle(pilot)
        t = time.perf_counter()
        send_key(pilot, key)
        await settle(pilot)  # its list, made in the picker's worker
        timings.samples[f"{key}: first opening → list shown"] = [1000 * (time.perf_counter() - t)]
        await pilot.press("escape")
        await settle(pilot)
        for _ in range(repeat):
            await timings.key(pilot, f"{key} (open {name} picker)", key)
            await timings.key(pilot, f"{name} picker: down", "down")
            await pilot.press("escape")
            await settle(pilot)
    print(f"resident memory, + pickers:   {trimmed_rss_mb():7.0f} MB", flush=True)


def made_app(n: int, extra_people: int, state: Path, loaded: bool) -> NewsdashApp:
    """The app on ``synthetic(n)``, held in memory, with a folder of BOOKMARKS stars in
    ``state``: given the corpus (indexed on the event loop) or, ``loaded``, handed it by
    the load worker as ``newsdash PATH`` is (which indexes it, makes the Timeline's and
    Figures' tables and finds every person's first mention there)."""
    t = time.perf_counter()
    corpus = synthetic(n, extra_people=extra_people)
    print(
        f"corpus: {len(corpus.articles)} articles, {len(corpus.people)} people, "
        f"{len(corpus.events)} events, {len(corpus.figures)} figures, "
        f"{len(corpus.quotes)} quotes, {len(corpus.comparisons)} comparisons "
        f"(built in {time.perf_counter() - t:.1f} s)"
    )
    t = time.perf_counter()
    CorpusView.build(corpus)
    print(f"index corpus:                 {1000 * (time.perf_counter() - t):7.0f} ms")
    folder = state / "corpus"
    folder.mkdir()
    texts = {a.id: a.text for a in corpus.articles}
    marks = [
        Bookmark(
            kind="figure",
            article_id=f.article_id,
            start=f.start,
            end=f.end,
            text=texts[f.article_id][f.start : f.end],
            note=f"check {i}",
            label=f.text,
        )
        for i, f in enumerate(corpus.figures[:: max(1, len(corpus.figures) // BOOKMARKS)])
    ][:BOOKMARKS]
    save_bookmarks(folder, marks)
    if loaded:

        def loader(*_: object) -> Corpus:
            return corpus

        return NewsdashApp(path=folder, loader=loader, theme="newsdash", load_user_keymap=False)
    return NewsdashApp(corpus, path=folder, theme="newsdash", load_user_keymap=False)


def stored_app(work: Path) -> NewsdashApp:
    """The app as ``newsdash FOLDER --store STORE --read-only`` opens it, on the folder and
    store of ``warm_open.py --workdir WORK`` (run it first: its writable session saves the
    tables and texts beside the store, which this session opens; the corpus is read without
    what that file holds). No bookmarks: the folder has none."""
    from tui import cli

    folder, store = work / "folder", work / "store.sqlite"
    args = ["open", str(folder), "--store", str(store), "--jobs", "1", "--read-only"]
    loader = cli._dashboard_loader(cli._parser().parse_args(args))
    return NewsdashApp(
        path=folder, theme="newsdash", loader=loader, store=store, read_only=True,
        load_user_keymap=False, restore=False, remember=False,
    )  # fmt: skip


async def main(
    n: int,
    repeat: int,
    new_only: bool = False,
    modals: bool = False,
    only_pages: bool = False,
    json_out: str | None = None,
    *,
    extra_people: int = 0,
    loaded: bool = False,
    slow: bool = False,
    store_dir: Path | None = None,
    palette: bool = False,
) -> None:
    state = tempfile.TemporaryDirectory(prefix="newsdash-bench-state-")
    os.environ[ENV_STATE_DIR] = state.name  # bookmarks and the rest: never the user's
    if store_dir is None:
        app = made_app(n, extra_people, Path(state.name), loaded)
    else:
        app = stored_app(store_dir)
    t = time.perf_counter()
    timings = Timings()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        while app.view is None or app.previewing:  # the load worker's hand-over
            await settle(pilot)
        print(f"start → tables filled:        {1000 * (time.perf_counter() - t):7.0f} ms")
        print(f"resident memory, filled:      {rss_mb():7.0f} MB", flush=True)

        view = app.view
        assert view is not None
        corpus = view.corpus
        big = corpus.articles[-1]
        last = [f for f in view.all_figures.facts() if f.article_id == big.id][-1]
        app.selection = Selection.article(big.id)
        await settle(pilot)
        t = time.perf_counter()
        figure = RecordKey(RecordKind.FIGURE, last.id)
        app.selection = Selection(figure, big.id, last.start, last.end)
        await settle(pilot)
        print(f"highlight in 200 KB article:  {1000 * (time.perf_counter() - t):7.0f} ms")
        assert app.query_one(SourcePane).highlighted == (big.id, last.start, last.end)
        if modals:
            await modal_backgrounds(app, pilot, timings, repeat)
            timings.report()
            return
        if slow:
            await slow_keys(app, pilot, timings, repeat)
            timings.report()
            if json_out:
                Path(json_out).write_text(json.dumps(timings.samples))
            return
        if palette:
            await palette_keys(app, pilot, timings, repeat)
            timings.report()
            if json_out:
                Path(json_out).write_text(json.dumps(timings.samples))
            return
        if only_pages:
            await pages(app, pilot, timings, repeat)
            timings.report()
            if json_out:
                Path(json_out).write_text(json.dumps(timings.samples))
            return
        if new_only:
            await new_screens(app, pilot, timings, repeat)
            timings.report()
            if json_out:
                Path(json_out).write_text(json.dumps(timings.samples))
            return

        # Moving in each list pane.
        for digit, name in (("1", "People"), ("2", "Timeline"), ("3", "Figures")):
            await pilot.press(digit)
            await settle(pilot)
            for _ in range(repeat):
                await timings.key(pilot, f"{name}: down", "down")
            for _ in range(repeat):
                await timings.key(pilot, f"{name}: up", "up")
            for _ in range(repeat):
                await timings.key(pilot, f"{name}: pgdn", "pagedown")
            for _ in range(repeat):
                await timings.key(pilot, f"{name}: G (end)", "G")
                await timings.key(pilot, f"{name}: g (home)", "g")

        # Scrolling Source (a ~3 KB article, then the 200 KB one).
        await pilot.press("4")
        await settle(pilot)
        for _ in range(repeat):
            await timings.key(pilot, "Source: down", "down")
        for _ in range(repeat):
            await timings.key(pilot, "Source: pgdn", "pagedown")
        for _ in range(repeat):
            await timings.key(pilot, "Source: G / g", "G")
            await timings.key(pilot, "Source: G / g", "g")

        # Person filter on and off, on the most mentioned people (their rows fill the
        # Timeline and Figures with thousands of rows).
        # Enter opens the person's page (its rows are built in a worker: the time is until
        # they are shown); Esc closes it with the person filter on.
        await pilot.press("1", "g")
        await settle(pilot)
        for i in range(repeat):
            await timings.key(pilot, "People: enter (person page, rows built)", "enter")
            await timings.key(pilot, "page: esc (back, person filter on)", "escape")
            await timings.key(pilot, "esc (clear filter)", "escape")
            await pilot.press("1")
            if i % 3 == 2:
                await pilot.press("down")
            await settle(pilot)

        # On the most mentioned person's page: sections, moving, a row in Source and back.
        await pilot.press("1", "g", "enter")
        await settle(pilot)
        for i in range(repeat):
            await timings.key(pilot, "page: 1-7 (show a section)", str(2 + i % 6))
        await pilot.press("2")
        await settle(pilot)
        for _ in range(repeat):
            await timings.key(pilot, "page: down", "down")
        for _ in range(repeat):
            await timings.key(pilot, "page: enter (row in Source)", "enter")
            await timings.key(pilot, "esc (back to the page)", "escape")
            await pilot.press("down")
            await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        # Mention stepping with a person filter on (the most mentioned person).
        await pilot.press("1", "g", "enter", "escape")
        await settle(pilot)
        for _ in range(repeat):
            await timings.key(pilot, "n (next mention)", "n")
        for _ in range(repeat):
            await timings.key(pilot, "p (previous mention)", "p")
        await pilot.press("escape")
        await settle(pilot)

        # Enter on an event: its date's page (every event of that date, by outlet); on
        # the page, moving, a row in Source and Esc back to the page, Esc to the Timeline.
        # Events spread over the Timeline: years (thousands of rows), months and days. The
        # page is up at once; its rows are built in a worker (timed to the rows shown too).
        timeline = app.query_one(TimelinePane)
        for i in range(repeat):
            await pilot.press("2")
            await settle(pilot)
            rows = timeline.table().row_count
            timeline.table().move_cursor(row=(i * 7919) % rows)
            await settle(pilot)
            start = time.perf_counter()
            await timings.key(pilot, "Timeline: enter (date page up)", "enter", workers=False)
            await settle(pilot)
            timings.samples.setdefault("Timeline: enter → date page rows shown", []).append(
                1000 * (time.perf_counter() - start)
            )
            await timings.key(pilot, "date page: down", "down")
            await timings.key(pilot, "date page: enter (row in Source)", "enter")
            await timings.key(pilot, "esc (back to the date page, rows kept)", "escape")
            await timings.key(pilot, "date page: esc (back to Timeline)", "escape")

        # A from..to filter in the Timeline, applied as typing pauses (the debounce itself
        # left out): until the rows and the histogram are shown; then cleared.
        await pilot.press("2")
        await settle(pilot)
        for i in range(repeat):
            start = time.perf_counter()
            timeline.apply_search(f"{2018 + i % 6}-03..{2018 + i % 6}-06")
            await settle(pilot)
            timings.samples.setdefault("Timeline: from..to applied (rows, histogram)", []).append(
                1000 * (time.perf_counter() - start)
            )
            assert timeline.row_keys()
            timeline.apply_search("")
            await settle(pilot)

        # Enter on a comparison: the conflict view; in it, the next comparison, the
        # filters and the sort, a figure in Source and back, Esc to Figures.
        await pilot.press("3", "g")
        await settle(pilot)
        for i in range(repeat):
            await timings.key(pilot, "Figures: enter (conflict view)", "enter")
            await timings.key(pilot, "conflict: j (next comparison)", "j")
            await timings.key(pilot, "conflict: m / y (filter)", "m" if i % 2 else "y")
            await timings.key(pilot, "conflict: s (sort)", "s")
            await pilot.press("tab")
            await settle(pilot)
            await timings.key(pilot, "conflict: enter (figure in Source)", "enter")
            await timings.key(pilot, "esc (back to the conflict view)", "escape")
            await timings.key(pilot, "conflict: esc (back to Figures)", "escape")
            await pilot.press("3", "g")
            await settle(pilot)

        # Enter on a lone figure (the last row): the selection moves to Source.
        for _ in range(repeat):
            await pilot.press("3", "G", *["up"] * (_ % 5))
            await settle(pilot)
            await timings.key(pilot, "Figures: enter (figure in Source)", "enter")

        # e: the export modal over the Timeline (its rows and citations built), Esc.
        for _ in range(max(3, repeat // 4)):
            await pilot.press("2")
            await settle(pilot)
            await timings.key(pilot, "e (export modal up)", "e", workers=False)
            await settle(pilot)  # its rows and citations, read in a worker
            await pilot.press("escape")
            await settle(pilot)

        # Typing a 3-letter search in the Timeline: each keystroke, then until the
        # filtered rows are shown.
        timeline = app.query_one(TimelinePane)
        words = ["min", "gov", "str", "hou", "cap", "rep", "del", "cen", "bar", "wor"]
        for i in range(repeat):
            await pilot.press("2", "slash")
            await settle(pilot)
            word = words[i % len(words)]
            start = time.perf_counter()
            for letter in word:
                await timings.key(pilot, "Timeline: / search keystroke", letter, workers=False)
            while timeline.search != word:
                await asyncio.sleep(0.005)
            await settle(pilot)
            timings.samples.setdefault("Timeline: / 3 letters → rows filtered", []).append(
                1000 * (time.perf_counter() - start)
            )
            await timings.key(pilot, "Timeline: esc (clear search)", "escape")

        # Pickers and the palette with every article and record.
        for key, label in (("a", "a (open article picker)"), ("f", "f (open filter picker)")):
            for _ in range(max(3, repeat // 4)):
                await pilot.press("2")
                await settle(pilot)
                await timings.key(pilot, label, key)
                await timings.key(pilot, label.split(" (")[0] + " picker: down", "down")
                await pilot.press("escape")
                await settle(pilot)
        for _ in range(max(3, repeat // 4)):
            await timings.key(pilot, "ctrl+p (open palette)", "ctrl+p")
            for letter in "gov":
                await timings.key(pilot, "palette: keystroke", letter)
            await pilot.press("escape")
            await settle(pilot)

        await new_screens(app, pilot, timings, repeat)

        table = app.query_one("#timeline-table", RecordTable)
        assert table.row_count > 0
        assert isinstance(app.query_one(PeoplePane), PeoplePane)
        assert all(p.is_mounted for p in app.query(FilteredPane))
        print(f"resident memory, every key:   {rss_mb():7.0f} MB", flush=True)
    timings.report()
    if json_out:
        Path(json_out).write_text(json.dumps(timings.samples))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--new-only", action="store_true", help="only issue 20's keys (F, C, pickers, ;)"
    )
    parser.add_argument(
        "--modals",
        action="store_true",
        help="only opening modal screens, opaque against see-through, alternating",
    )
    parser.add_argument(
        "--pages",
        action="store_true",
        help="only issue 20's screens opened and closed, and the floor of a push",
    )
    parser.add_argument("--json", help="also write the samples (ms per label) to this file")
    parser.add_argument(
        "--slow-keys",
        action="store_true",
        help="only issue 21's keys left over the budget at 100,000 articles",
    )
    parser.add_argument(
        "--palette",
        action="store_true",
        help="only the palette and the pickers: first use, later keys, memory left behind",
    )
    parser.add_argument(
        "--loaded",
        action="store_true",
        help="start as newsdash PATH does: the corpus handed over by the load worker",
    )
    parser.add_argument(
        "--people",
        type=int,
        default=0,
        help="add that many people named once (real news: ~4 people an article, most once)",
    )
    parser.add_argument(
        "--store",
        type=Path,
        metavar="WORKDIR",
        help="open warm_open.py's folder and store in WORKDIR read-only, as newsdash does "
        "(the corpus read from the store and the files beside it), not --articles",
    )
    args = parser.parse_args()
    asyncio.run(
        main(
            args.articles,
            args.repeat,
            args.new_only,
            args.modals,
            args.pages,
            args.json,
            extra_people=args.people,
            loaded=args.loaded,
            slow=args.slow_keys,
            store_dir=args.store,
            palette=args.palette,
        )
    )
