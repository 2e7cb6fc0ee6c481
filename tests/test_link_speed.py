"""The fast linking helpers give exactly what the plain pairwise rules give."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.extract.people.names import NameParts, fold, given_compatible
from tui.link import events as ev
from tui.link import people as lp
from tui.link.comparisons.grouping import _KeyGroups
from tui.link.comparisons.measures import MeasureMemo
from tui.link.comparisons.prose import ValuePhrases, value_phrase
from tui.link.comparisons.story import _CAPITALIZED
from tui.link.events import (
    BuiltEvent,
    Draft,
    TimeValues,
    group_events,
    shared_term_links,
    timeline_key,
)
from tui.records.extraction import LocalPerson, PeopleResult
from tui.records.models import Event, Figure, MergeEvidence, Range, Role, Span, TimeExpr
from tui.records.timevalue import placeable

TERMS = [f"t{i}" for i in range(12)]


def components(n: int, links: list[tuple[int, int]]) -> set[frozenset[int]]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in links:
        parent[find(a)] = find(b)
    groups: dict[int, set[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values()}


def brute_links(sets: list[frozenset[str]], k: int) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, j in itertools.combinations(range(len(sets)), 2)
        if len(sets[i] & sets[j]) >= k
    ]


term_sets = st.lists(st.frozensets(st.sampled_from(TERMS), max_size=12), max_size=40)


@settings(max_examples=150, deadline=None)
@given(term_sets, st.integers(min_value=1, max_value=3))
def test_shared_term_links_join_what_pairwise_counting_joins(
    sets: list[frozenset[str]], k: int
) -> None:
    links = shared_term_links(sets, k)
    for a, b in links:  # every link is a real pair
        assert a != b and len(sets[a] & sets[b]) >= k
    assert components(len(sets), links) == components(len(sets), brute_links(sets, k))


@settings(max_examples=100, deadline=None)
@given(term_sets, st.integers(min_value=1, max_value=3), st.sampled_from([0, 3, 10]))
def test_postings_path_joins_the_same(sets: list[frozenset[str]], k: int, limit: int) -> None:
    saved = ev._SUBSET_LIMIT
    ev._SUBSET_LIMIT = limit  # every (or most) set counted through the term postings
    try:
        links = shared_term_links(sets, k)
    finally:
        ev._SUBSET_LIMIT = saved
    for a, b in links:
        assert a != b and len(sets[a] & sets[b]) >= k
    assert components(len(sets), links) == components(len(sets), brute_links(sets, k))


def test_wide_term_sets_are_counted_through_the_postings() -> None:
    # 40 terms have 780 pairs, more than the subset limit: the postings path is taken.
    wide = frozenset(f"w{i}" for i in range(40))
    sets = [wide, frozenset({"w3", "w7"}), frozenset({"w3", "x"}), frozenset({"x", "y", "w9"})]
    sets.append(frozenset({"x", "y"}))
    links = shared_term_links(sets, 2)
    assert components(len(sets), links) == {frozenset({0, 1}), frozenset({2}), frozenset({3, 4})}
    two_wide = [wide, frozenset(f"w{i}" for i in range(38, 80)), frozenset({"w1"})]
    assert components(3, shared_term_links(two_wide, 2)) == {
        frozenset({0, 1}),
        frozenset({2}),
    }


def test_a_lone_or_empty_term_set_never_links() -> None:
    sets = [frozenset(), frozenset({"a"}), frozenset({"a"}), frozenset()]
    assert shared_term_links(sets, 2) == []
    assert components(4, shared_term_links(sets, 1)) == {
        frozenset({0}),
        frozenset({1, 2}),
        frozenset({3}),
    }


# --------------------------------------------------------------------------- group_events

VALUES = ["2024", "2024-06", "2024-06-03", "XXXX-05"]


@st.composite
def event_specs(draw: st.DrawFn) -> list[tuple[str, str, list[str], frozenset[str]]]:
    n = draw(st.integers(min_value=0, max_value=25))
    return [
        (
            draw(st.sampled_from(["a1", "a2", "a3", "a4"])),
            draw(st.sampled_from(VALUES)),
            sorted(draw(st.sets(st.sampled_from(["per-1", "per-2", "per-3"]), max_size=2))),
            draw(st.frozensets(st.sampled_from(TERMS[:6]), max_size=5)),
        )
        for _ in range(n)
    ]


def make_events(specs: list[tuple[str, str, list[str], frozenset[str]]]) -> list[BuiltEvent]:
    events = []
    for n, (article, value, people, terms) in enumerate(specs):
        when = TimeExpr(article_id=article, start=n, end=n + 1, text="x", type="DATE", value=value)
        event = Event(
            id=f"evt-{article}-{n}",
            article_id=article,
            when=when,
            sentence=Range(start=0, end=n + 1),
            people=people,
        )
        events.append(BuiltEvent(Draft.of(event), terms))
    return events


def pairwise_groups(built: list[BuiltEvent]) -> list[tuple[str, str | None]]:
    """The rule as stated, pair by pair, numbered in timeline order."""
    terms_of = {b.event.id: b.terms for b in built}
    events = [b.event for b in built]
    ordered = sorted(events, key=lambda e: (timeline_key(e.when.value), e.article_id, e.when.start))
    links = []
    for i, j in itertools.combinations(range(len(ordered)), 2):
        a, b = ordered[i], ordered[j]
        if a.when.value != b.when.value:
            continue
        terms_a, terms_b = terms_of[a.id], terms_of[b.id]
        if set(a.people) & set(b.people) or len(terms_a & terms_b) >= 2:
            links.append((i, j))
    comps = components(len(ordered), links)
    group_of: dict[frozenset[int], str] = {}
    result = []
    for i, event in enumerate(ordered):
        comp = next(c for c in comps if i in c)
        if comp not in group_of and len({ordered[m].article_id for m in comp}) >= 2:
            group_of[comp] = f"grp-{len(group_of) + 1}"
        result.append((event.id, group_of.get(comp)))
    return result


@settings(max_examples=100, deadline=None)
@given(event_specs())
def test_group_events_equals_pairwise_grouping(
    specs: list[tuple[str, str, list[str], frozenset[str]]],
) -> None:
    built = make_events(specs)
    grouped = group_events(built)
    assert [(e.id, e.group) for e in grouped] == pairwise_groups(built)
    # Everything but the group is the event as built.
    by_id = {b.event.id: b.event for b in built}
    for e in grouped:
        assert e.model_dump(exclude={"group"}) == by_id[e.id].model_dump(exclude={"group"})


@settings(max_examples=100, deadline=None)
@given(event_specs())
def test_events_made_once_with_their_group_are_the_events_built_then_copied(
    specs: list[tuple[str, str, list[str], frozenset[str]]],
) -> None:
    """Each event is made once, with its group (:class:`tui.link.events.Draft`): the same
    record, in JSON and in the field names it was given, as the event made when built and
    copied to set its group (how it was made before)."""
    built = make_events(specs)
    grouped = group_events(built)
    by_id = {b.event.id: b.event for b in built}
    for e in grouped:
        before = by_id[e.id]
        if e.group is not None:
            before = before.model_copy(update={"group": e.group})
        assert e == before and e.model_dump_json() == before.model_dump_json()
        assert e.model_fields_set == before.model_fields_set
        assert Draft.of(e) == Draft.of(before)


# --------------------------------------------------------------------------- people clusters

GIVEN = [(), ("john",), ("j",), ("jon",), ("john", "q"), ("mary",), ("sergei",), ("sergey",)]


@st.composite
def cluster_cases(
    draw: st.DrawFn,
) -> tuple[list[tuple[tuple[str, ...], bool, str]], list[tuple[int, int]]]:
    n = draw(st.integers(min_value=2, max_value=12))
    units = [
        (
            draw(st.sampled_from(GIVEN)),
            draw(st.booleans()),
            draw(st.sampled_from(["Doe", "DOE", "Roe"])),
        )
        for _ in range(n)
    ]
    pairs = draw(
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), min_size=1, max_size=20)
    )
    return units, pairs


@settings(max_examples=150, deadline=None)
@given(cluster_cases())
def test_cluster_namesake_check_equals_the_member_by_member_check(
    case: tuple[list[tuple[tuple[str, ...], bool, str]], list[tuple[int, int]]],
) -> None:
    specs, pairs = case
    units = [
        lp._Unit(
            "a1",
            f"k{i}",
            name,
            NameParts(given, ("doe",)),
            [name],
            [],
            [Role(article_id="a1", start=0, end=1, text="M", title=f"minister {i % 3}")],
            pinned=pinned,
        )
        for i, (given, pinned, name) in enumerate(specs)
    ]
    clusters = lp._Clusters(units, lp._NameMemo())

    def brute(a: int, b: int) -> bool:
        for i in clusters.members(a):
            for j in clusters.members(b):
                ui, uj = units[i], units[j]
                both = bool(ui.parts.given and uj.parts.given)
                if both and not given_compatible(ui.parts.given, uj.parts.given)[0]:
                    return False
                if ui.pinned != uj.pinned or (ui.pinned and fold(ui.name) != fold(uj.name)):
                    return False
        return True

    for a, b in pairs:
        assert clusters.compatible(a, b) == brute(a, b)
        clusters.union(a, b, MergeEvidence(rule="same-name", names=["x"]))
        members = clusters.members(a)
        assert members == sorted(members)
        assert set(members) == {
            i for i in range(len(units)) if clusters.find(i) == clusters.find(a)
        }
        assert clusters.size(a) == len(members)
        assert clusters.cluster_titles(a) == {t for m in members for t in units[m].titles}


# --------------------------------------------------------------------------- comparisons

ORIGINAL_CAPITALIZED = re.compile(r"(?<=[\w,;:)] )[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b|\b[A-Z]{3,}\b")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AbZzQ ,;:)-(\n\té1_", max_size=60))
def test_capitalized_words_match_the_lookbehind_first_pattern(text: str) -> None:
    assert _CAPITALIZED.findall(text) == ORIGINAL_CAPITALIZED.findall(text)


def test_capitalized_words_in_wire_copy() -> None:
    text = (
        "BOGOTA, March 3 (Wire) - Talks between Port-Lima officials and the NATO envoy, "
        "Ms Alvarez, resumed. Exports rose; Santos said so."
    )
    assert _CAPITALIZED.findall(text) == ORIGINAL_CAPITALIZED.findall(text)
    assert _CAPITALIZED.findall(text) == [
        "BOGOTA",
        "March",
        "Port-Lima",
        "NATO",
        "Ms",
        "Alvarez",
        "Santos",
    ]  # not after a bracket, a dash or a sentence end


def test_value_phrases_are_cached_per_value_but_keep_the_sign_of_zero() -> None:
    def figure(**fields: float | str | None) -> Figure:
        return Figure(id="f", article_id="a", start=0, end=1, text="x", **fields)

    for phrase in (value_phrase, ValuePhrases()):  # plain, and one run's memo
        assert phrase(figure(low=0.0, high=5, kind="percent")) == "0–5%"
        assert phrase(figure(low=-0.0, high=5, kind="percent")) == "-0–5%"
        assert phrase(figure(value=2, kind="money", currency="EUR")) == "EUR 2"
        assert phrase(figure(value=2.0, kind="money", currency="EUR")) == "EUR 2"
        assert phrase(figure(value=2, kind="percent", qualifier="about")) == "about 2%"


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["DATE", "TIME", "DURATION", "SET"]),
    st.one_of(
        st.none(),
        st.sampled_from(
            [
                "2024",
                "2024-06",
                "2024-06-03",
                "2024-W23",
                "2024-Q2",
                "XXXX-05-07",
                "XXXX-07",
                "PRESENT_REF",
                "P3Y",
                "2024-06-03T10:00",
                "2024-13",
                "197",
                "19",
                "2024-SU",
            ]
        ),
        st.text(alphabet="0123456789-XWQTHSU:", max_size=12),
    ),
)
def test_memoized_placeable_equals_placeable(kind: str, value: str | None) -> None:
    timex = TimeExpr(article_id="a", start=0, end=1, text="x", type=kind, value=value)
    values = TimeValues()  # one linking run's memo
    assert values.placeable_timex(timex) == placeable(timex)
    assert values.placeable_timex(timex) == placeable(timex)  # and again, from the memo


STORY_NAMES = ["lima", "andes", "copper", "port", "bank", "union"]


@st.composite
def figure_stream(draw: st.DrawFn) -> list[tuple[Figure, frozenset[str], frozenset[str]]]:
    n = draw(st.integers(min_value=1, max_value=40))
    stream = []
    for i in range(n):
        article = draw(st.sampled_from(["a1", "a2", "a3", "a4", "a5"]))
        fig = Figure(
            id=f"fig-{i}",
            article_id=article,
            start=0,
            end=1,
            text="9",
            value=draw(st.integers(min_value=1, max_value=5)),
            kind=draw(st.sampled_from(["count", "money", "percent"])),
            measure=draw(st.sampled_from([None, "exports", "copper exports", "jobs"])),
            unit=draw(st.sampled_from([None, "workers", "tonnes"])),
        )
        names = draw(st.frozensets(st.sampled_from(STORY_NAMES), max_size=3))
        context = draw(st.frozensets(st.sampled_from(STORY_NAMES), max_size=2))
        stream.append((fig, names, context))
    return stream


@settings(max_examples=150, deadline=None)
@given(figure_stream(), st.sampled_from([0, 2, 16]))
def test_indexed_group_candidates_equal_checking_every_group(
    stream: list[tuple[Figure, frozenset[str], frozenset[str]]], scan: int
) -> None:
    groups = _KeyGroups(MeasureMemo())
    groups.SCAN = scan
    for fig, names, context in stream:
        found = groups.candidates(fig, names, context)
        assert found == [g for g in groups.groups if g.fits(fig, names, context)]
        target = found[-1] if found else groups.new_group()
        groups.add(target, fig, names, context)
    assert sum(len(g.members) for g in groups.groups) == len(stream)


# --------------------------------------------------------------------------- people linking


def people_results(names: dict[str, str]) -> dict[str, PeopleResult]:
    """One local person per article, named as given (no parse needed)."""
    return {
        aid: PeopleResult(
            persons=[
                LocalPerson(
                    key="p1",
                    name=name,
                    forms=[name],
                    mentions=[Span(article_id=aid, start=0, end=len(name), text=name)],
                )
            ]
        )
        for aid, name in names.items()
    }


def test_repeated_initial_forms_join_the_one_person_they_fit() -> None:
    names = {"a1": "John Doherty", "a2": "J. Doherty", "a3": "Ruth Okafor", "a4": "J. Doherty"}
    names["a5"] = "J. Doherty"
    people, _, index = lp.link_people(people_results(names))
    assert len({index[(aid, "p1")] for aid in ("a1", "a2", "a4", "a5")}) == 1
    john = next(p for p in people if p.name == "John Doherty")
    assert "initial" in [e.rule for e in john.evidence]
    assert {m.article_id for m in john.mentions} == {"a1", "a2", "a4", "a5"}


def test_an_initial_that_fits_two_people_joins_neither() -> None:
    names = {"a1": "John Doherty", "a2": "J. Doherty", "a3": "Jane Doherty", "a4": "J. Doherty"}
    _, _, index = lp.link_people(people_results(names))
    initial = index[("a2", "p1")]
    assert index[("a4", "p1")] == initial  # the same form, one person
    assert initial not in {index[("a1", "p1")], index[("a3", "p1")]}
