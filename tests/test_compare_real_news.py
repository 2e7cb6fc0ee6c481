"""Comparisons that hold up on real news (issue 17, third pass): each rule on short articles
written for it, with invented names — multiples, thresholds and requirements, people who
share a surname, a possessor in the figure's own phrase, modifiers that do not change what
is counted, shares of a population by what they do, restatements within one source, and
periods that nest or differ in length."""

from __future__ import annotations

import datetime as dt

import pytest
from fixtures.parsing import figure_of, linked

from tui.link.comparisons.grouping import group_key
from tui.link.comparisons.judge import _like_lengths, _nested, _updated_tally
from tui.link.comparisons.measures import same_subject, unit_modifiers
from tui.link.comparisons.repeats import passage_key, repeated_sources
from tui.link.comparisons.story import other_event, place_phrases
from tui.link.sources import Sources
from tui.records.models import Article, Figure, Published


def _article(article_id: str, text: str, day: int = 5, source: str | None = None) -> Article:
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        text=text,
        source=source or article_id.upper(),
        published=Published(date=dt.date(2024, 6, day), how="header"),
    )


def _fig(**fields: object) -> Figure:
    base: dict[str, object] = {
        "id": "f",
        "article_id": "a",
        "start": 0,
        "end": 1,
        "text": "x",
        "value": 3,
        "kind": "count",
        "subject": "Halvern",
    }
    base.update(fields)
    return Figure.model_validate(base)


# Multiples ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Halvern fund raised three times as much money in April as in March.",
        "Donations were five times higher than a year earlier.",
        "The fund collected four times more in April than in March.",
        "Its reserves are 10 times the national average.",
    ],
)
def test_a_multiple_is_a_ratio_not_a_count_of_times(sentence: str) -> None:
    corpus = linked(_article("a", sentence))
    [fig] = [f for f in corpus.figures if f.unit == "times"]
    assert fig.kind == "other"
    assert group_key(fig) is None


def test_occasions_are_counted_but_compared_only_by_what_happened() -> None:
    corpus = linked(_article("a", "The Halvern fund missed its deadline four times in April."))
    fig = figure_of(corpus, "a", "four times")
    assert (fig.kind, fig.unit) == ("count", "times")
    assert group_key(fig.model_copy(update={"predicate": None})) is None
    assert group_key(fig.model_copy(update={"predicate": "missed"})) is not None


def test_multiples_of_three_outlets_make_no_conflict() -> None:
    a = _article("a", "The Halvern Relief Fund raised three times as much money in April.")
    b = _article("b", "The Halvern Relief Fund collected five times more in April than in March.")
    assert linked(a, b).comparisons == []


# Thresholds, requirements, hypotheticals ----------------------------------------------------


@pytest.mark.parametrize(
    "condition",
    [
        "To avoid a runoff, Ruiz needs 50 percent of the vote in the Tarvia primary.",
        "Ruiz had to win 50 percent of the vote in the Tarvia primary to avoid a runoff.",
        "Ruiz must win 50 percent of the vote in the Tarvia primary.",
        "If Ruiz wins 50 percent of the vote in the Tarvia primary, there is no runoff.",
        "Ruiz is short of the 50 percent of the vote required in the Tarvia primary.",
        "Senator Ana Ruiz can win 50 percent of the vote in the Tarvia primary.",
        "Aides doubt Senator Ana Ruiz can get 50 percent of the vote in the Tarvia primary.",
    ],
)
def test_a_threshold_is_not_set_against_a_reported_share(condition: str) -> None:
    a = _article("a", "Senator Ana Ruiz won 43 percent of the vote in the Tarvia primary.")
    b = _article("b", condition)
    assert linked(a, b).comparisons == []


def test_reported_shares_still_conflict_next_to_a_condition_clause() -> None:
    a = _article("a", "Senator Ana Ruiz won 43 percent of the vote in the Tarvia primary.")
    b = _article(
        "b",
        "She needed a majority; Senator Ana Ruiz won 38 percent of the vote in the Tarvia primary.",
    )
    [cmp] = linked(a, b).comparisons
    assert cmp.status == "conflict"


# Whose number it is ---------------------------------------------------------------------------


def test_a_bare_surname_takes_the_full_name_the_article_gives() -> None:
    a = _article(
        "a", "Victor Marsh filed his disclosure. Marsh's revenue rose to $557 million in 2023."
    )
    corpus = linked(a)
    assert figure_of(corpus, "a", "$557 million").subject == "Victor Marsh"


def test_two_people_who_share_a_surname_are_two_owners() -> None:
    a = _article("a", "Lena Marsh's fashion label generated about $100 million in revenue in 2023.")
    b = _article(
        "b", "Victor Marsh filed his disclosure. Marsh's revenue rose to $557 million in 2023."
    )
    assert linked(a, b).comparisons == []
    assert not same_subject("Lena Marsh", "Victor Marsh")
    assert same_subject("Mrs. Marsh", "Lena Marsh")  # a title says nothing about who


def test_a_possessor_in_the_figures_own_phrase_is_its_owner() -> None:
    a = _article(
        "a",
        "Ostvision drew about 8 million viewers for Tuesday's debate, less than half of the "
        "18 million viewers for Kanal Nine's debate in May.",
    )
    corpus = linked(a)
    assert "Kanal" in (figure_of(corpus, "a", "18 million viewers").subject or "")
    assert "Kanal" not in (figure_of(corpus, "a", "about 8 million viewers").subject or "")


# What is counted ------------------------------------------------------------------------------


def test_a_participle_that_only_says_the_things_exist_does_not_split() -> None:
    assert unit_modifiers("signed agreements") == unit_modifiers("agreements")
    assert unit_modifiers("registered voters") != unit_modifiers("voters")
    a = _article("a", "Ostland and Veltria have more than 240 signed agreements, officials said.")
    b = _article("b", "Ostland and Veltria have more than 240 agreements, the ministry said.")
    [cmp] = linked(a, b).comparisons
    assert cmp.status == "agree"


def test_a_part_of_them_counts_what_the_sentence_counted() -> None:
    a = _article(
        "a",
        "Ostland and Veltria have more than 240 signed agreements - 17 of them were concluded "
        "in March.",
    )
    fig = figure_of(linked(a), "a", "17")
    assert fig.unit == "signed agreements"
    assert fig.predicate == "concluded"


def test_shares_of_one_population_compare_by_what_they_do() -> None:
    a = _article("a", "Just 28 percent of voters had a favourable view of Ana Ruiz in June.")
    b = _article("b", "Some 59 percent of voters viewed Ana Ruiz unfavourably in June.")
    assert linked(a, b).comparisons == []
    c = _article("c", "Some 41 percent of voters backed Senator Ana Ruiz in June.")
    d = _article("d", "About 52 percent of voters backed Senator Ana Ruiz in June.")
    [cmp] = linked(c, d).comparisons
    assert cmp.status == "conflict"


# Within one source ----------------------------------------------------------------------------


def test_two_values_of_one_source_are_not_one_value_rounded() -> None:
    a = _article(
        "a",
        "The Orvik consumer index rose to 95.3 from 94.7, the Orvik statistics office said.",
    )
    assert all(c.status != "agree" for c in linked(a).comparisons)


def test_a_repeated_number_in_another_match_up_is_not_a_restatement() -> None:
    a = _article(
        "a",
        "Ruiz ahead in two polls\n\n"
        "Ruiz leads Bell 49 percent to 41 percent among Tarvia Democrats.\n"
        "In a general election, Ruiz leads Okafor 49 percent to 39 percent.",
    )
    assert linked(a).comparisons == []


def test_a_headline_figure_still_joins_its_body_twin() -> None:
    a = _article(
        "a", "Norvale takes 23% of Ostland market\n\nNorvale now holds 23% of the Ostland market."
    )
    [cmp] = linked(a).comparisons
    assert cmp.status == "agree" and len(cmp.figures) == 2


def test_a_stake_in_a_company_is_not_its_own_share_of_a_market() -> None:
    a = _article(
        "a",
        "Pigment makers gain\n\n"
        "Arlo Corp holds about 31% of the national market for zinc pigment, analysts said.\n"
        "Shares of Arlo Corp rose on Monday.\n"
        "Tavex Ltd, which owns about 31% of Arlo Corp, declined to comment.",
    )
    assert linked(a).comparisons == []


def test_a_share_of_a_places_population_still_joins_its_twin() -> None:
    a = _article(
        "a",
        "Tarvia's population is more than 20 percent Ostlander, the census shows.\n"
        "Leaders said he speaks against 20 percent of Tarvia's population.",
    )
    [cmp] = linked(a).comparisons
    assert cmp.status == "agree"


# Periods --------------------------------------------------------------------------------------


def test_a_date_written_right_after_a_value_dates_it() -> None:
    a = _article(
        "a",
        "Marsh's revenue increased from $362 million in 2022 to $557 million in 2023, the "
        "Orvik filing shows.",
    )
    corpus = linked(a)
    assert figure_of(corpus, "a", "$362 million").period == "2022"
    assert figure_of(corpus, "a", "$557 million").period == "2023"


@pytest.mark.parametrize(
    ("outer", "inner", "nested"),
    [
        ("2024", "2024-Q3", True),
        ("2016-05", "2016-W18", True),
        ("2008-06/2016-06", "2016-03", True),
        ("2016-03", "2016-04", False),
        ("2024", "2024", False),
    ],
)
def test_periods_nest(outer: str, inner: str, nested: bool) -> None:
    assert _nested(outer, inner) is nested


def test_an_evolution_needs_periods_of_like_length() -> None:
    year = _fig(period="1988")
    quarter = _fig(period="1989-Q3")
    other_year = _fig(period="1989")
    assert not _like_lengths([year, quarter])
    assert _like_lengths([year, other_year])
    assert _like_lengths([_fig(period=None), year])


def test_names_after_a_title_set_the_context_of_a_repeated_number() -> None:
    a = _article(
        "a",
        "Ruiz ahead in two polls\n\n"
        "Among Tarvia Democrats, Mrs. Ruiz leads Mr. Bell 49 percent to 41 percent.\n"
        "Mrs. Ruiz leads Mr. Okafor 49 percent to 39 percent among likely voters.",
    )
    assert linked(a).comparisons == []


def test_a_share_of_a_stated_total_is_not_compared() -> None:
    a = _article("a", "Senator Ana Ruiz won 73 percent of 223 votes cast in the Tarvia caucus.")
    b = _article("b", "Senator Ana Ruiz won 61 percent of the votes in the Tarvia caucus.")
    assert linked(a, b).comparisons == []
    c = _article("c", "Senator Ana Ruiz won 73 percent of the votes in the Tarvia caucus.")
    [cmp] = linked(b, c).comparisons
    assert cmp.status == "conflict"


# One day, one city, two events ----------------------------------------------------------------


def _blast(article_id: str, sentence: str, source: str) -> Article:
    return _article(article_id, f"LOME ({source}) - {sentence}", day=8, source=source)


def test_two_blasts_placed_differently_are_a_possible_conflict_only() -> None:
    a = _blast(
        "a",
        "Three people were killed when a grenade exploded in a cafe near Lome on Friday, police"
        " said.",
        "Reuters",
    )
    b = _blast("b", "A bomb blast in a market west of Lome on Friday killed nine people.", "AFP")
    [cmp] = [c for c in linked(a, b).comparisons if c.status == "conflict"]
    assert not cmp.certain
    assert "may be two events" in cmp.detail
    assert '"near" and "west of" lome' in cmp.detail


def test_a_report_of_another_blast_keeps_the_conflict_possible() -> None:
    a = _blast("a", "A bomb in a cafe in Lome on Friday killed three people.", "Reuters")
    b = _blast(
        "b",
        "Nine people were killed when another bomb exploded in a cafe in Lome on Friday.",
        "AFP",
    )
    [cmp] = [c for c in linked(a, b).comparisons if c.status == "conflict"]
    assert not cmp.certain
    assert '"another"' in cmp.detail


def test_one_blast_with_two_tolls_placed_alike_is_a_certain_conflict() -> None:
    a = _blast("a", "A bomb in a cafe in Lome on Friday killed three people.", "Reuters")
    b = _blast("b", "A bomb at a crowded cafe in Lome on Friday killed nine people.", "AFP")
    [cmp] = [c for c in linked(a, b).comparisons if c.status == "conflict"]
    assert cmp.certain
    assert cmp.values == ["3", "9"]


@pytest.mark.parametrize(
    ("first", "second", "why"),
    [
        ("A blast near Lome killed 3.", "A blast west of Lome killed 9.", "differently"),
        ("A blast outside Lome killed 3.", "A blast north-west of Lome killed 9.", "differently"),
        ("A blast in Lome killed 3.", "A blast in Kara killed 9.", "different places"),
        ("A blast in Lome killed 3.", "A second blast in Lome killed 9.", "more than one"),
        ("A blast in Lome killed 3.", "In a separate attack, 9 died in Lome.", "more than one"),
        ("A blast in Lome killed 3.", "A blast at Lome killed 9.", None),  # in = at
        ("A blast near Lome killed 3.", "A blast outside Lome killed 9.", None),  # both near
        ("A blast in Lome killed 3.", "The blast killed 9.", None),  # one names no place
        ("A blast in Lome in May killed 3.", "A blast in Lome killed 9.", None),  # a month
        ("A blast in Lome killed 3, police in Kara said.", "A blast in Lome killed 9.", None),
    ],
)
def test_what_tells_two_events_apart(first: str, second: str, why: str | None) -> None:
    reason = other_event(first, second)
    if why is None:
        assert reason is None
    else:
        assert reason is not None and why in reason


def test_place_phrases_read_the_relation_and_the_name() -> None:
    assert place_phrases("A bomb west of the capital Lome killed nine.") == {("west of", "lome")}
    assert place_phrases("KARA (AFP) - Nine died on the outskirts of Lome.") == {("near", "lome")}
    assert place_phrases("Nine died on Friday in March.") == frozenset()


# A recurring note is one source ---------------------------------------------------------------

_NOTE = (
    "Editor's note: Bishop Ana Ruiz has pledged to keep all 2.3 million members of the "
    "Halvern Church out of the vote."
)


def test_words_around_a_figure_that_several_articles_print_are_one_source() -> None:
    note = [
        _article(f"n{i}", f"Story {i} about the vote in Kara.\n\n{_NOTE}", day=i, source="Post")
        for i in (3, 4, 5)
    ]
    figures = [f for f in linked(*note).figures if f.text == "2.3 million members"]
    assert len(figures) == 3
    repeated = repeated_sources(figures, note, Sources(note))
    assert set(repeated) == {f.id for f in figures}
    assert set(repeated.values()) == {"n3"}  # the earliest article that prints it
    # grouped (one subject, one verb), but one source confirms nothing
    assert {(f.subject, f.predicate) for f in figures} == {("Halvern Church", "keep")}
    assert linked(*note).comparisons == []


def test_a_recurring_note_agrees_as_one_source_and_is_marked() -> None:
    note = [
        _article(f"n{i}", f"Story {i} about the vote in Kara.\n\n{_NOTE}", day=i, source="Post")
        for i in (3, 4, 5)
    ]
    other = _article(
        "w",
        "Church leaders want to keep all 2.3 million members of the Halvern Church together,"
        " a spokesman said on Wednesday.",
        day=5,
        source="Wire",
    )
    corpus = linked(*note, other)
    [cmp] = [c for c in corpus.comparisons if c.status == "agree"]
    assert len(cmp.figures) == 4
    assert cmp.independent == 2
    reprinted = {f.article_id for f in corpus.figures if f.id in cmp.reprinted}
    assert reprinted == {"n4", "n5"}
    assert "counted with its source" in cmp.detail


def test_a_short_common_sentence_is_not_a_repeat() -> None:
    text = "Two people were killed."
    assert passage_key(text, 0, 10) is None
    long = "Police said on Friday that two people were killed in the blast near the old market."
    start = long.index("two people")
    key = passage_key(long, start, start + 10)
    assert key is not None
    assert key[:4] == ("police", "said", "on", "friday")
    assert key[-3:] == ("near", "the", "old")  # eight words after the figure, no more


# A running toll ------------------------------------------------------------------------------


def _toll(article_id: str, sentence: str, day: int, source: str) -> Article:
    return _article(article_id, f"LOME ({source}) - {sentence}", day=day, source=source)


_FIRST = "The bombings of the embassy in Lome killed at least 40 people and injured hundreds."
_LATER = "The bombings of the embassy in Lome killed 112 people, officials said."


def test_a_lower_bound_and_a_later_larger_toll_are_no_agreement() -> None:
    # "At least 40" on day one and "112" a week later: the toll was updated; the two are
    # consistent only through the qualifier, and "agree" would read as confirmation.
    corpus = linked(_toll("a", _FIRST, 3, "Reuters"), _toll("b", _LATER, 10, "AFP"))
    assert [f.text for f in corpus.figures] == ["at least 40 people", "112 people"]
    assert corpus.comparisons == []


def test_a_lower_bound_and_a_larger_toll_of_one_day_still_agree() -> None:
    [cmp] = linked(_toll("a", _FIRST, 3, "Reuters"), _toll("b", _LATER, 3, "AFP")).comparisons
    assert cmp.status == "agree"
    assert "consistent given their qualifiers" in cmp.detail


def test_only_different_amounts_on_different_days_are_an_updated_tally() -> None:
    first = _fig(id="f1", article_id="a", value=40, qualifier="at least")
    later = _fig(id="f2", article_id="b", value=112)
    same = _fig(id="f3", article_id="b", value=40)
    days = {"a": "2024-06-03", "b": "2024-06-10"}
    source = lambda f: f.article_id  # noqa: E731
    assert _updated_tally([first, later], source, days)
    assert not _updated_tally([first, same], source, days)
    assert not _updated_tally([first, later], source, {"a": "2024-06-03", "b": "2024-06-03"})
    assert not _updated_tally([first, later], source, {"a": "2024-06-03"})
    money = [f.model_copy(update={"kind": "money"}) for f in (first, later)]
    assert not _updated_tally(money, source, days)
    # two round numbers a little apart are one figure rounded, not an update
    rounded = [
        _fig(id="f4", article_id="a", value=55_000, qualifier="about"),
        _fig(id="f5", article_id="b", value=54_000, qualifier="about"),
    ]
    assert not _updated_tally(rounded, source, days)


def test_an_updated_tally_beside_a_conflict_makes_no_agreement_either() -> None:
    # The toll of day one against two tolls of a week later: the later two disagree, and
    # the early lower bound agrees with neither (it was updated), though both allow it.
    later = "Hospital staff said the bombings of the embassy in Lome killed 150 people."
    corpus = linked(
        _toll("a", _FIRST, 3, "Reuters"), _toll("b", _LATER, 10, "AFP"), _toll("c", later, 10, "AP")
    )
    assert [c.status for c in corpus.comparisons] == ["conflict"]
    assert corpus.comparisons[0].values == ["112", "150"]
