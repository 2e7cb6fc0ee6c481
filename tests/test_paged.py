"""The Timeline read from its SQLite table a window at a time (``tui.paged``) lists exactly
the rows the in-memory filters gave: same events in the same order, the same group marks
and sizes, the same months, a row's place — for every filter and search, whatever order
the windows are read in."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import paged
from tui.app.date_rows import EventDays, months_shown, parse_range
from tui.app.format import figure_label, timex_of
from tui.app.panes import figures
from tui.app.panes.figures import FigureList, FigureRows, FigureSource
from tui.app.panes.record_table import KeyedRows, RowKeys
from tui.app.panes.timeline import TimelineRows, TimelineSource
from tui.app.records import RecordKey, RecordKind
from tui.app.view import ArticleFilter, CorpusView
from tui.records.models import (
    Article,
    Comparison,
    Corpus,
    Event,
    Figure,
    Published,
    Range,
    TimeExpr,
)

VALUES = ["2022-03-04", "2022-03", "2022", "2022-Q1", "2021-W05", "2023-06-15", "XXXX-03",
          "PRESENT_REF", "2022-03-28", "2019-11", "2023-06"]  # fmt: skip
WORDS = ["Straße", "İstanbul", "café", "talks", "STRIKE", "said", '"quoted"', "ﬁnal", "co-op",
         "99%", "Ölpreis", "ports"]  # fmt: skip


def random_corpus(seed: int, articles: int = 30) -> Corpus:
    """Articles of several outlets with events of many kinds of date, people, groups, and
    sentences of mixed case and script."""
    rng = random.Random(seed)
    made, events, figures = [], [], []
    for a in range(articles):
        aid = f"a{a:03d}"
        sentences = []
        for _ in range(rng.randint(1, 6)):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9)))
            sentences.append(f"On the date {words} here.")
        text = " ".join(sentences)
        made.append(
            Article(
                id=aid,
                path=f"{aid}.txt",
                source=f"Outlet {'ABCDE'[a % 5]}",
                published=Published(date=dt.date(2022, 1 + a % 12, 1 + a % 27), how="header"),
                text=text,
            )
        )
        start = 0
        for k, sentence in enumerate(sentences):
            end = start + len(sentence)
            when = start + 3
            events.append(
                Event(
                    id=f"e{a}-{k}",
                    article_id=aid,
                    when=TimeExpr(
                        article_id=aid,
                        start=when,
                        end=when + 3,
                        text=text[when : when + 3],
                        value=rng.choice(VALUES),
                    ),
                    sentence=Range(start=start, end=end),
                    people=sorted(rng.sample(["p1", "p2", "p3", "p4"], rng.randint(0, 2))),
                    group=rng.choice([None, None, "g1", "g2", "g3", "g4"]),
                )
            )
            figure_start = start + 9
            figures.append(
                Figure(
                    id=f"f{a}-{k}",
                    article_id=aid,
                    start=figure_start,
                    end=figure_start + 4,
                    text=text[figure_start : figure_start + 4],
                    value=rng.randint(1, 900),
                    kind=rng.choice(["count", "percent", "money", "other"]),
                    measure=rng.choice([None, "workers", "Straße tolls", "ports", "café sales"]),
                    period=rng.choice([None, None, "2022", "2023-Q1"]),
                )
            )
            events[-1] = events[-1].model_copy(update={"figures": [figures[-1].id]})
            start = end + 1
    comparisons = []
    for c in range(len(figures) // 6):
        members = rng.sample([f.id for f in figures], rng.randint(2, 4))
        comparisons.append(
            Comparison(
                id=f"c{c}",
                measure=rng.choice(["workers", "ports", "tolls"]),
                figures=members,
                status=rng.choice(["agree", "conflict", "evolution"]),
            )
        )
    return Corpus(articles=made, events=events, figures=figures, comparisons=comparisons)


def reference(
    view: CorpusView, days: EventDays, person: str | None, articles: ArticleFilter | None,
    search: str,
) -> list[tuple[str, bool, int, int]]:  # fmt: skip
    """The rows as the Timeline built them from the records in memory (before the table):
    each event, whether it opens its group, and its group's events and sources in the list."""
    events = view.events_for(person, articles)
    dates = parse_range(search) if ".." in search else None
    if dates is not None:
        events = days.within(events, dates[0])
    elif search:
        needle = search.casefold()

        def haystack(e: Event) -> str:
            sentence = view.articles[e.article_id].text[e.sentence.start : e.sentence.end]
            fields = (timex_of(e.when), view.outlet_of(e.article_id), sentence)
            return "\0".join(f.casefold() for f in fields)

        events = [e for e in events if needle in haystack(e)]
    shown: dict[str, int] = {}
    sources: dict[str, set[str]] = {}
    for e in events:
        if e.group:
            shown[e.group] = shown.get(e.group, 0) + 1
            sources.setdefault(e.group, set()).add(view.independent(e.article_id, e.when.start))
    out, previous = [], None
    for e in events:
        first = e.group is None or e.group != previous
        previous = e.group
        size = shown.get(e.group or "", 1)
        out.append((e.id, first, size, len(sources.get(e.group or "", ())) or 1))
    return out


def timeline_source(view: CorpusView, days: EventDays, saved_in: Path | None) -> TimelineSource:
    """The view's Timeline source, its table made in memory, or (``saved_in``) saved there
    by one source and opened, with its trigram index, by another."""
    if saved_in is None:
        return TimelineSource(view, days)
    saved = paged.SavedTables.beside(saved_in / "store.sqlite", "/folder", "c1", "v1", True)
    saved.save(TimelineSource(view, days).table())
    source = TimelineSource(view, days)
    assert source.table(saved).indexed
    return source


def figure_source(view: CorpusView, saved_in: Path | None) -> FigureSource:
    if saved_in is None:
        return FigureSource(view)
    saved = paged.SavedTables.beside(saved_in / "store.sqlite", "/folder", "c1", "v1", True)
    saved.save(FigureSource(view).table())
    source = FigureSource(view)
    assert source.table(saved).indexed
    return source


SEARCHES = ["", "s", "st", "str", "STRASSE", "straße", "i̇stanbul", "caf", '"quoted"', "ﬁ",
            "fi", "outlet a", "2022", "march", "99%", " here", "zzz", "2022-03..2022-03",
            "2022..", "..2021", "2023-06..2023-06", "2022-03.."]  # fmt: skip


@pytest.mark.parametrize("saved", [False, True], ids=["memory", "saved"])
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("block", [4, 64])
def test_paged_rows_are_the_in_memory_rows(
    seed: int, block: int, saved: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(paged, "BLOCK", block)
    view = CorpusView.build(random_corpus(seed))
    days = EventDays(view)
    source = timeline_source(view, days, tmp_path if saved else None)
    builder = TimelineRows(view, 120, source)
    outlets = [None, *view.outlet_filters()[:3]]
    rng = random.Random(seed)
    for person in (None, "p1", "p3", "nobody"):
        for articles in outlets:
            for search in SEARCHES:
                expected = reference(view, days, person, articles, search)
                rows = builder.rows(person, articles, search)
                assert len(rows) == len(expected), (person, articles, search)
                order = list(range(len(expected)))
                rng.shuffle(order)  # windows read in any order: anchors, ends, offsets
                got = {}
                for i in order:
                    event, first, size, independent = rows.parts(i)
                    got[i] = (event.id, first, size, independent)
                assert [got[i] for i in range(len(expected))] == expected
                assert [k.record_id for k in rows.keys] == [e for e, *_ in expected]
                months = months_shown(rows.query.months())
                ref_events = [view.events[e] for e, *_ in expected]
                assert months == days.per_month(ref_events)
                places = {e: i for i, (e, *_) in enumerate(expected)}
                for event_id in rng.sample(sorted(view.events), 12):
                    found = rows.query.index_of(event_id)
                    assert found == places.get(event_id), (search, event_id)


@pytest.mark.parametrize("kind", ["timeline", "figures"])
def test_the_keys_of_paged_rows_answer_as_their_list_and_keep_none(kind: str) -> None:
    """A paged list's keys (what a bookmark, ``F`` and an export ask for) answer every
    question a list of them would — length, an index, a negative one, a slice, where a key
    is, whether it is there, equality, going over them — and the rows keep no list."""
    view = CorpusView.build(random_corpus(4))
    if kind == "timeline":
        rows: KeyedRows[RecordKey] = TimelineRows(
            view, 120, timeline_source(view, EventDays(view), None)
        ).rows(None, None, "")
    else:
        built = FigureRows(view, 120, figure_source(view, None)).build(None, None, "")[0]
        assert isinstance(built, FigureList)
        rows = built
    keys = rows.keys
    assert isinstance(keys, RowKeys)
    listed = [key for key, _ in rows]  # each row made, as drawn
    assert len(listed) > 40 and len(keys) == len(listed)
    assert list(keys) == listed and keys == listed and list(keys) == listed  # twice: anew
    assert [keys[i] for i in range(len(listed))] == listed
    assert keys[-1] == listed[-1] and keys[3:9] == listed[3:9] and keys[::7] == listed[::7]
    for i in (0, 1, len(listed) // 2, len(listed) - 1):
        assert keys.index(listed[i]) == i and listed[i] in keys
        with pytest.raises(ValueError):
            keys.index(listed[i], i + 1)
    outside = RecordKey(RecordKind.EVENT if kind == "timeline" else RecordKind.FIGURE, "no-such")
    assert outside not in keys
    with pytest.raises(ValueError):
        keys.index(outside)
    with pytest.raises(IndexError):
        keys[len(listed)]
    assert keys != listed[:-1] and keys != [*listed[1:], listed[0]]
    assert not [v for v in vars(rows).values() if isinstance(v, list) and len(v) == len(listed)]


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet='aeiostrß Sİİıçfﬁ"%-.0123', min_size=1, max_size=5), st.integers(0, 9))
def test_any_search_keeps_what_a_substring_test_keeps(needle: str, seed: int) -> None:
    """Scans (a table in memory, or a search shorter than three characters) and the saved
    table's trigram index keep exactly the rows whose casefolded date, outlet or sentence
    holds the casefolded search."""
    view = CorpusView.build(random_corpus(seed, articles=12))
    days = EventDays(view)
    if ".." in needle and parse_range(needle) is not None:
        return  # a date range, tested above
    expected = [e for e, *_ in reference(view, days, None, None, needle)]
    with tempfile.TemporaryDirectory() as folder:
        for saved_in in (None, Path(folder)):
            builder = TimelineRows(view, 100, timeline_source(view, days, saved_in))
            for person in (None, "p2"):
                wanted = expected if person is None else [
                    e for e in expected if person in view.events[e].people
                ]  # fmt: skip
                got = builder.rows(person, None, needle).keys
                assert [k.record_id for k in got] == wanted, (saved_in, person)


def test_the_table_is_made_once_per_view_and_in_memory_only() -> None:
    view = CorpusView.build(random_corpus(4))
    source = TimelineSource(view, EventDays(view))
    table = source.table()
    assert source.table() is table
    with table.locked() as db:
        files = [row[2] for row in db.execute("PRAGMA database_list")]
    assert files and not any(files)  # in memory: no file anywhere (read-only use)
    assert table.query(paged.Filters()).count() == len(view.sorted_events)


def figure_reference(
    view: CorpusView, person: str | None, articles: ArticleFilter | None, search: str
) -> list[RecordKey]:
    """Figures' row keys as the pane built them from the records in memory (before the
    table): each comparison shown with its members, then every other figure."""
    allowed = view.figure_ids_for(person, articles)
    needle = search.casefold()

    def haystack(f: Figure) -> str:
        fields = (figure_label(f), f.measure or "", f.kind, f.text, view.outlet_of(f.article_id))
        return "\0".join(x.casefold() for x in fields)

    keys: list[RecordKey] = []
    grouped: set[str] = set()
    for c in view.corpus.comparisons:
        members = [view.figures[f] for f in c.figures if f in view.figures]
        if not any(m.id in allowed for m in members):
            continue
        if articles is not None:
            members = [m for m in members if m.article_id in articles.article_ids]
        if needle and not (
            needle in f"{c.measure}\0{c.status}".casefold()
            or any(needle in haystack(m) for m in members)
        ):
            continue
        keys.append(RecordKey(RecordKind.COMPARISON, c.id))
        for m in members:
            keys.append(RecordKey(RecordKind.FIGURE, m.id, c.id if m.id in grouped else None))
            grouped.add(m.id)
    for f in view.figures_for(person, articles):
        if f.id not in grouped and not (needle and needle not in haystack(f)):
            keys.append(RecordKey(RecordKind.FIGURE, f.id))
    return keys


FIGURE_SEARCHES = ["", "s", "wor", "STRASSE", "café", "agree", "conflict", "%", "count",
                   "outlet b", "zzz", "2022"]  # fmt: skip


@pytest.mark.parametrize("saved", [False, True], ids=["memory", "saved"])
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("block", [4, 64])
def test_paged_figures_are_the_in_memory_figures(
    seed: int, block: int, saved: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(paged, "BLOCK", block)
    view = CorpusView.build(random_corpus(seed))
    builder = FigureRows(view, 120, figure_source(view, tmp_path if saved else None))
    rng = random.Random(seed)
    for person in (None, "p1", "p2", "nobody"):
        for articles in [None, *view.outlet_filters()[:3]]:
            for search in FIGURE_SEARCHES:
                expected = figure_reference(view, person, articles, search)
                listed, _ = builder.build(person, articles, search)
                assert isinstance(listed, FigureList)
                assert len(listed) == len(expected), (person, articles, search)
                order = list(range(len(expected)))
                rng.shuffle(order)
                got = {i: listed.key(i) for i in order}
                assert [got[i] for i in range(len(expected))] == expected
                assert [key for key, _ in listed] == expected  # drawn rows: the same keys
                assert listed.keys == expected
                firsts = [k for k in expected if k.kind is RecordKind.FIGURE and not k.under]
                assert listed.figures == len(firsts)
                for key in rng.sample(expected, min(8, len(expected))):
                    assert listed.index_of(key) == expected.index(key)
                outside = RecordKey(RecordKind.FIGURE, "no-such-figure")
                assert listed.index_of(outside) is None


def test_figures_rows_read_a_compared_figure_only_when_its_row_is_drawn(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The comparisons' members are listed from the table's columns, not from their
    figures (at 100,000 articles, 333,734 read and held with their rows, ~1 GB): a fill
    reads none of them, a drawn row reads its own, and the rows are the reference's."""
    from test_saved_figures import lean

    from tui.texts import SavedTexts

    monkeypatch.setattr(figures, "EXACT_ROWS", 0)  # the rest's first rows: not measured
    corpus = random_corpus(2)
    view = CorpusView.build(lean(corpus, tmp_path / "texts.sqlite"))
    assert corpus.comparisons and len(view.comparison_of_figure) > 20
    read: list[str] = []
    one, many = SavedTexts.figure, SavedTexts.figures_with_ids

    def figure(self: SavedTexts, figure_id: str) -> Figure | None:
        read.append(figure_id)
        return one(self, figure_id)

    def figures_with_ids(self: SavedTexts, figure_ids: Sequence[str]) -> list[Figure]:
        read.extend(figure_ids)
        return many(self, figure_ids)

    monkeypatch.setattr(SavedTexts, "figure", figure)
    monkeypatch.setattr(SavedTexts, "figures_with_ids", figures_with_ids)
    builder = FigureRows(view, 120, FigureSource(view))
    for person, articles, search in ((None, None, ""), ("p1", None, "s"),
                                     (None, view.outlet_filters()[0], "agree")):  # fmt: skip
        listed, _ = builder.build(person, articles, search)
        assert isinstance(listed, FigureList) and len(listed.head) > 0
        assert read == []
        assert listed.keys == figure_reference(view, person, articles, search)
        read.clear()  # the reference's reads
        member = next(i for i in range(len(listed.head))
                      if listed.key(i).kind is RecordKind.FIGURE)  # fmt: skip
        key, cells = listed.make(member)
        assert read == [key.record_id] and cells[1].plain
        read.clear()


def test_a_list_whose_set_table_was_dropped_reads_it_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past a few sets of ids (article filters, figures under comparisons) the least
    recently used temporary table is dropped; a list still shown makes it again."""
    monkeypatch.setattr(paged, "SETS_KEPT", 1)
    view = CorpusView.build(random_corpus(5))
    days = EventDays(view)
    builder = TimelineRows(view, 120, TimelineSource(view, days))
    first, second = view.outlet_filters()[:2]
    one = builder.rows(None, first, "")
    two = builder.rows(None, second, "")
    assert [k.record_id for k in two.keys] == [
        e for e, *_ in reference(view, days, None, second, "")
    ]
    assert [k.record_id for k in one.keys] == [
        e for e, *_ in reference(view, days, None, first, "")
    ]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_timeline_order_is_each_events_sort_key(seed: int) -> None:
    """The view's Timeline order (keys made once per date value and article) is the order
    of each event's own key: its group's earliest date, the group, its date, its article's
    date and id, its offset."""
    from tui.app.format import timex_sort_key

    view = CorpusView.build(random_corpus(seed, articles=40))
    events = [e for e in view.corpus.events if e.article_id in view.articles]
    earliest: dict[str, tuple[int, int, int, int, str]] = {}
    for e in events:
        if e.group:
            key = timex_sort_key(e.when.value)
            earliest[e.group] = min(earliest.get(e.group, key), key)
    expected = sorted(
        events,
        key=lambda e: (
            earliest.get(e.group or "", timex_sort_key(e.when.value)),
            e.group or e.id,
            timex_sort_key(e.when.value),
            view.article_sort_key(e.article_id),
            e.when.start,
        ),
    )
    assert [e.id for e in view.sorted_events] == [e.id for e in expected]


def test_a_query_no_longer_wanted_stops_midway_and_the_table_answers_the_next() -> None:
    """Within ``abandoned_when``, a statement stops (``Abandoned``) as soon as it is no
    longer wanted — checked while SQLite works, not only between statements — and the
    table answers every later query, in and out of it."""
    view = CorpusView.build(random_corpus(6, articles=200))
    table = TimelineSource(view, EventDays(view)).table()
    articles = frozenset(a.id for a in view.corpus.articles[:50])
    expected = table.query(paged.Filters(articles=articles, needle="s")).count()
    checks = 0

    def stale() -> bool:  # wanted for its first few checks, then made stale
        nonlocal checks
        checks += 1
        return checks > 2

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paged, "PROGRESS_STEPS", 50)
        with paged.abandoned_when(stale), pytest.raises(paged.Abandoned):
            table.query(paged.Filters(articles=articles, needle="s")).count()
        assert checks > 2  # stopped by SQLite's progress checks, inside the statement
        with paged.abandoned_when(lambda: True), pytest.raises(paged.Abandoned):
            table.query(paged.Filters()).count()  # stale before it starts
        with paged.abandoned_when(lambda: False):
            assert table.query(paged.Filters(articles=articles, needle="s")).count() == expected
    assert table.query(paged.Filters(articles=articles, needle="s")).count() == expected


@pytest.mark.parametrize("saved", [False, True], ids=["memory", "saved"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_dates_events_asked_of_the_table_are_the_ones_every_event_gives(
    seed: int, saved: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A date page's events (every day of theirs in the range, in the Timeline's order),
    asked of the Timeline's table once it is made: those a pass over every event keeps,
    for each date of the corpus and ranges around them."""
    view = CorpusView.build(random_corpus(seed))
    days = EventDays(view)
    spans = {d for e in view.sorted_events if (d := days.of(e)) is not None}
    spans |= {(low - 40, high + 3) for low, high in list(spans)[:10]}
    source = TimelineSource.of(view)
    before = {span: source.within(span) for span in spans}  # the table not made: a pass
    assert source.made_table() is None
    made = timeline_source(view, source.days, tmp_path if saved else None)
    made.table()  # made (or opened) as the Timeline's first fill does
    assert made.made_table() is not None
    for span in spans:
        expected = [e.id for e in days.within(view.sorted_events, span)]
        assert [f.id for f in made.within(span)] == expected == [f.id for f in before[span]]
        assert [f[1:] for f in made.within(span)] == [f[1:] for f in before[span]]
        with monkeypatch.context() as patched:  # read a batch at a time (the date page)
            patched.setattr(TimelineSource, "BATCH", 2)
            assert [f[1:] for f in made.each_within(span)] == [f[1:] for f in before[span]]
    assert any(made.within(span) for span in spans)
