"""The table of time rules, and which errors normalization turns into records."""

from __future__ import annotations

import datetime as dt

import pytest
from fixtures.parsing import parsed

from tui.extract.timex import extract_timexes, rules
from tui.extract.timex.base import Cand, Context, Norm
from tui.records.models import Article, Published, TimeExpr


def timexes(text: str, anchor: dt.date | None = dt.date(2024, 6, 5)) -> list[TimeExpr]:
    published = Published(date=anchor, how="header") if anchor else Published()
    return extract_timexes(parsed(Article(id="r1", path="r1.txt", text=text, published=published)))


def test_one_rule_per_kind_in_priority_order() -> None:
    kinds = [rule.kind for rule in rules.RULES]
    assert len(kinds) == len(set(kinds))
    assert all(rule.patterns for rule in rules.RULES)
    assert list(rules.PRIORITY) == kinds
    assert [kind for kind, _ in rules.PATTERNS] == [
        rule.kind for rule in rules.RULES for _ in rule.patterns
    ]


def test_an_impossible_day_has_no_value() -> None:
    (found,) = timexes("It opened on September 31, 1996.")
    assert found.value is None
    assert found.how == "could not normalize: day is out of range for month: 31 September 1996"


def test_arithmetic_past_the_calendar_has_no_value() -> None:
    (found,) = timexes("It began 5000000 days ago.")
    assert found.value is None
    assert found.how.startswith("could not normalize: ")
    edge = timexes("They met last Friday.", dt.date(1, 1, 2))
    assert [t.value for t in edge] == [None]


def test_a_bug_in_a_normalizer_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(cand: Cand, ctx: Context) -> Norm:
        raise KeyError(cand.kind)

    monkeypatch.setitem(rules.NORMALIZERS, "year", broken)
    with pytest.raises(KeyError):
        timexes("The company was founded in 2017.")


def test_the_past_weekend_or_season_is_the_last_one() -> None:
    # Issue 16: "the past summer" is the last summer that ended, "the past weekend" the
    # last weekend (published Wednesday 2024-06-05); without a date they stay unresolved.
    found = {
        t.text: t.value for t in timexes("Prices rose over the past summer and the past weekend.")
    }
    assert found == {"the past summer": "2023-SU", "the past weekend": "2024-W22-WE"}
    undated = timexes("Prices rose over the past summer.", None)
    assert [t.how for t in undated] == [
        "article has no publication date, so the relative expression is left unresolved"
    ]


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("The mill currently employs 300 people.", "currently", "PRESENT_REF"),
        ("Nowadays the ferry runs twice a week.", "Nowadays", "PRESENT_REF"),
        ("Prices are high these days, traders said.", "these days", "PRESENT_REF"),
        ("The council recently approved the plan.", "recently", "PAST_REF"),
        ("Such strikes were rare in the past, he said.", "the past", "PAST_REF"),
        ("Rates will rise in the near future, she said.", "the near future", "FUTURE_REF"),
        ("No cuts are planned in the future.", "the future", "FUTURE_REF"),
    ],
)
def test_present_past_and_future_references(text: str, said: str, value: str) -> None:
    """TimeML's undated references (class 1 of the time-quality issue)."""
    found = [t for t in timexes(text) if t.text == said]
    assert [t.value for t in found] == [value]
    assert found[0].type == "DATE"


@pytest.mark.parametrize(
    "text",
    [
        "Over the past year prices rose.",  # a dated period, not PAST_REF
        "The past week was calm.",
        "Future growth is uncertain.",  # an adjective, not a reference
        "He was previously a judge.",  # annotators rarely mark it: left out (measured)
        "The union will meet soon after the vote.",
    ],
)
def test_what_is_not_an_undated_reference(text: str) -> None:
    refs = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
    assert [t.text for t in timexes(text) if t.value in refs] == []


def test_a_year_ago_after_a_reported_quarter_is_that_quarter_a_year_before() -> None:
    """Class 2: "profit rose to $5m from $4m a year ago" compares the quarter just
    reported, so it is the same quarter a year before, not the year."""
    text = (
        "Harbour Ltd. said third-quarter profit rose to $5 million from $4 million a year ago.\n"
        "Revenue was flat two years ago, the company said."
    )
    found = {t.text: t.value for t in timexes(text, dt.date(1989, 10, 25))}
    assert found["third-quarter"] == "1989-Q3"
    assert found["a year ago"] == "1988-Q3"
    assert found["two years ago"] == "1987-Q3"
    plain = {
        t.text: t.value for t in timexes("The plant closed a year ago.", dt.date(1989, 10, 25))
    }
    assert plain["a year ago"] == "1988"  # no period reported: the year, as before


def test_the_quarter_is_the_period_the_text_reports_on() -> None:
    """Class 2: "the quarter", "the latest period" (definite, no number) mean the period
    the report is about: the last quarter named outright; with none, no value."""
    text = (
        "Harbour Ltd. posted a loss for the third quarter.\n"
        "Sales in the quarter fell 4%, and the latest period was the weakest."
    )
    found = {t.text: t.value for t in timexes(text, dt.date(1989, 10, 25))}
    assert found["the third quarter"] == "1989-Q3"
    assert found["the quarter"] == "1989-Q3"
    assert found["the latest period"] == "1989-Q3"
    alone = timexes("Sales in the quarter fell.", dt.date(1989, 10, 25))
    assert [(t.text, t.value) for t in alone] == [("the quarter", None)]
    assert [t.text for t in timexes("The old quarter of the city was quiet.")] == []


def test_year_earlier_and_full_year_count_from_the_reported_period() -> None:
    """Class 2: "year-earlier", "the year-ago quarter" are the reported quarter a year
    back (each counted from the period named outright, never from one another); "the full
    year" is its year; with no period reported, the year before / of publication."""
    text = (
        "Harbour Ltd. posted a loss for the third quarter, against a year-earlier profit.\n"
        "Sales in the year-ago quarter were higher, and year-earlier costs were lower.\n"
        "For the full year the company expects a profit."
    )
    found = {t.text: t.value for t in timexes(text, dt.date(1989, 10, 25))}
    assert found["the third quarter"] == "1989-Q3"
    assert found["year-earlier"] == "1988-Q3"
    assert found["the year-ago quarter"] == "1988-Q3"
    assert found["the full year"] == "1989"
    alone = {t.text: t.value for t in timexes("Year-earlier sales were flat.", dt.date(1989, 5, 2))}
    assert alone == {"Year-earlier": "1988"}


def test_results_expected_for_the_quarter_just_ended() -> None:
    """Class 3 (nearest date): in October, "expects to report third-quarter earnings" is
    the quarter just ended, not next year's; a later quarter stays ahead; in January the
    quarter just ended is last year's fourth."""
    october = dt.date(1989, 10, 27)
    said = "The company said it expects to report a loss for the {q} quarter."
    third = {t.text: t.value for t in timexes(said.format(q="third"), october)}
    fourth = {t.text: t.value for t in timexes(said.format(q="fourth"), october)}
    first = {t.text: t.value for t in timexes(said.format(q="first"), october)}
    assert third["the third quarter"] == "1989-Q3"
    assert fourth["the fourth quarter"] == "1989-Q4"
    assert first["the first quarter"] == "1990-Q1"
    january = {t.text: t.value for t in timexes(said.format(q="fourth"), dt.date(1990, 1, 15))}
    assert january["the fourth quarter"] == "1989-Q4"
