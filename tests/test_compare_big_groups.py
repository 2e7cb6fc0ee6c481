"""Comparisons of big groups (one story told by many outlets): what grouping and judging
remember to stay fast gives the answer the plain rule gives."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.link.comparisons import compare_figures
from tui.link.comparisons.grouping import (
    _Group,
    _KeyGroups,
    compatible_measures,
    measured,
    same_context_of,
    same_counted,
)
from tui.link.comparisons.judge import _clusters, consistent, interval
from tui.link.comparisons.measures import MeasureMemo, same_subject, unit_modifiers
from tui.records.models import Article, Figure, Published

STORY = "Officials in Quessaly reported new figures from Dorvane."


def article(aid: str, dated: bool = True) -> Article:
    when = Published(date=dt.date(2025, 3, 4), how="header") if dated else Published()
    return Article(id=aid, path=f"{aid}.txt", text=STORY, published=when)


def count(aid: str, value: int, qualifier: str | None = None, subject: str = "Quessaly") -> Figure:
    text = f"{value} ferries"
    return Figure(
        id=f"fig-{aid}",
        article_id=aid,
        start=0,
        end=len(text),
        text=text,
        value=value,
        kind="count",
        unit="ferries",
        qualifier=qualifier,
        subject=subject,
    )


def test_many_sources_agree_and_one_stands_apart_from_each() -> None:
    ids = [f"a{i:02d}" for i in range(24)]
    figs = [count(aid, 50, "about") for aid in ids] + [count("z", 90)]
    agree, conflict = compare_figures(figs, [article(aid) for aid in [*ids, "z"]])
    assert (agree.status, agree.figures) == ("agree", [f"fig-{aid}" for aid in ids])
    assert agree.independent == 24
    # every "about 50" cannot hold with 90: all are in the conflict, set against the first
    assert conflict.status == "conflict" and not conflict.certain
    assert conflict.figures == [f.id for f in figs]
    assert conflict.values == ["about 50", "90"]


def test_undated_sources_are_set_only_against_dated_ones() -> None:
    # u1 and u2 are undated and state no period: nothing says they report one moment, so
    # their values (10 and 52) are not tested against each other; u1 cannot hold with the
    # dated "about 50", u2 can
    arts = [article("d"), article("u1", dated=False), article("u2", dated=False)]
    figs = [count("d", 50, "about"), count("u1", 10), count("u2", 52)]
    agree, conflict = compare_figures(figs, arts)
    assert (agree.status, agree.figures) == ("agree", ["fig-d", "fig-u2"])
    assert (conflict.status, conflict.figures) == ("conflict", ["fig-d", "fig-u1"])


def test_a_conflict_is_certain_when_only_its_last_pair_is() -> None:
    """Every pair that cannot both hold counts: here the first pairs are undated (10 and 50
    people, no period) and only the last (90 and 130 in 2024) makes the conflict certain,
    though both its sources are already in the conflict by then."""
    figs = [
        count("a", 10),
        count("b", 50),
        count("c", 90).model_copy(update={"period": "2024"}),
        count("d", 130).model_copy(update={"period": "2024"}),
    ]
    [conflict] = compare_figures(figs, [article(aid) for aid in "abcd"])
    assert conflict.status == "conflict" and conflict.certain
    assert conflict.figures == ["fig-a", "fig-b", "fig-c", "fig-d"]
    assert conflict.values == ["10", "50"]


NAMES = ["Quessaly", "Quessaly Port", "Dorvane", "Dorvane Quessaly", "Port Authority", "Ilsen"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(NAMES)), min_size=1, max_size=12))
def test_a_groups_remembered_subject_test_equals_testing_every_subject(
    steps: list[tuple[bool, str]],
) -> None:
    """A group remembers, per subject offered, how many of its subjects it was tested
    against; subjects that join later are tested when the subject is offered again."""
    memo = MeasureMemo()
    group = _Group(memo)
    for i, (join, subject) in enumerate(steps):
        expected = all(same_subject(subject, s) for s in group.subjects)
        assert group._same_subject(subject) == expected
        if join:
            group.add(count(f"a{i}", 5, subject=subject), frozenset(), frozenset())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(NAMES),
            st.frozensets(st.sampled_from(["quessaly", "dorvane", "ilsen", "port"]), max_size=2),
            st.integers(0, 5),
            st.frozensets(st.sampled_from(["ilsen", "port", "varn"]), max_size=2),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_a_keys_indexed_candidates_equal_testing_every_group(
    steps: list[tuple[str, frozenset[str], int, frozenset[str]]],
) -> None:
    """The groups a figure may join, found through the story names and without the groups
    known to have another subject, are those that testing every group finds."""
    memo = MeasureMemo()
    same_key = _KeyGroups(memo)
    same_key.SCAN = 0  # the index even for few groups
    for i, (subject, names, article_no, context) in enumerate(steps):
        fig = count(f"a{article_no}", 5, subject=subject)
        fig = fig.model_copy(update={"id": f"fig-{i}"})
        every = [g for g in same_key.groups if g.fits(fig, names, context)]
        found = same_key.candidates(fig, names, context)
        assert found == every
        group = found[0] if found else same_key.new_group()
        same_key.add(group, fig, names, context)


def test_a_group_set_in_another_context_is_offered_again_once_it_has_this_one() -> None:
    """Only a subject that is not the group's keeps a group from being offered a figure
    again: a context the group lacks today may be one of its articles' tomorrow."""
    same_key = _KeyGroups(MeasureMemo())
    same_key.SCAN = 0
    story = frozenset({"quessaly"})
    group = same_key.new_group()
    same_key.add(group, count("a1", 5), story, frozenset({"ilsen"}))
    assert same_key.candidates(count("a2", 5), story, frozenset({"varn"})) == []
    same_key.add(group, count("a1", 6).model_copy(update={"id": "fig-a1b"}), story, frozenset())
    assert same_key.candidates(count("a3", 5), story, frozenset({"varn"})) == [group]


def plain_fits(
    members: list[tuple[Figure, frozenset[str], frozenset[str]]],
    fig: Figure,
    names: frozenset[str],
    context: frozenset[str],
    memo: MeasureMemo,
) -> bool:
    """The rule :meth:`_Group.fits` remembers its way through, member by member: the story,
    the subject, the thing counted, a member of each other article in the figure's context,
    nested measures and compatible measures with its own article's members."""
    articles = {m.article_id for m, _, _ in members}
    story = frozenset().union(*(n for _, n, _ in members))
    if fig.article_id not in articles and not names & story:
        return False
    if not all(memo.same_subject(fig.subject, m.subject) for m, _, _ in members):
        return False
    mates = [m for m, _, _ in members if m.article_id == fig.article_id]
    if fig.kind == "count" and not measured(fig):
        mine = unit_modifiers(fig.unit)
        if any(
            unit_modifiers(m.unit) != mine for m, _, _ in members if m.article_id != fig.article_id
        ):
            return False
        if not all(same_counted(fig, m) for m in mates):
            return False
    for other in articles - {fig.article_id}:
        if not any(
            same_context_of(fig.subject, context, m.subject, theirs, memo.shared_owner_words)
            for m, _, theirs in members
            if m.article_id == other
        ):
            return False
    if measured(fig) and not all(memo.nest(fig.measure, m.measure) for m, _, _ in members):
        return False
    return all(compatible_measures(fig, m, memo) for m in mates)


UNITS = ["ferries", "passenger ferries", "cargo ferries"]
WORDS = ["quessaly", "dorvane", "ilsen", "port", "varn"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(NAMES),
            st.frozensets(st.sampled_from(WORDS), max_size=2),
            st.integers(0, 7),
            st.frozensets(st.sampled_from(WORDS), max_size=3),
            st.sampled_from(UNITS),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_a_groups_fit_equals_the_plain_rule_over_its_members(
    steps: list[tuple[str, frozenset[str], int, frozenset[str], str]],
) -> None:
    """A group keeps its articles as bits and each context's articles as a mask; whether a
    figure fits it is what testing its members one by one says, as it grows: articles in
    several contexts, figures of its own articles and of new ones, other counted things."""
    memo = MeasureMemo()
    group = _Group(memo)
    members: list[tuple[Figure, frozenset[str], frozenset[str]]] = []
    for i, (subject, names, article_no, context, unit) in enumerate(steps):
        fig = count(f"a{article_no}", 5, subject=subject).model_copy(
            update={"id": f"fig-{i}", "unit": unit}
        )
        fits = group.fits(fig, names, context)
        assert fits == plain_fits(members, fig, names, context, memo)
        if fits or not members:
            group.add(fig, names, context)
            members.append((fig, names, context))


def plain_clusters(figs: list[Figure]) -> list[list[Figure]]:
    """Runs of values one value can satisfy, each run tested whole as it grows."""
    ordered = sorted(figs, key=lambda f: (interval(f).low, interval(f).high))
    out: list[list[Figure]] = []
    for fig in ordered:
        if out and consistent([*out[-1], fig]):
            out[-1].append(fig)
        else:
            out.append([fig])
    order = {id(f): i for i, f in enumerate(figs)}
    return [sorted(c, key=lambda f: order[id(f)]) for c in out]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 60),
            st.sampled_from([None, "about", "more than", "less than", "nearly", "up to"]),
            st.sampled_from(["count", "percent"]),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_runs_of_consistent_values_equal_testing_each_run_whole(
    values: list[tuple[int, str | None, str]],
) -> None:
    """A run keeps its highest low and lowest high instead of testing all its figures again
    for each one added: the same runs, in the same order."""
    figs = [
        count(f"a{i}", value, qualifier).model_copy(
            update={"id": f"fig-{i}", "kind": kind, "unit": "ferries" if kind == "count" else None}
        )
        for i, (value, qualifier, kind) in enumerate(values)
    ]
    assert [[f.id for f in c] for c in _clusters(figs)] == [
        [f.id for f in c] for c in plain_clusters(figs)
    ]
