"""The error classes of time values on real news (issue 16), one group of tests per class,
on short articles written for them."""

from __future__ import annotations

import datetime as dt

import pytest
from fixtures.parsing import parsed

from tui.extract.timex import extract_timexes
from tui.records.models import Article, Published, TimeExpr
from tui.records.timevalue import display_value


def timexes(text: str, anchor: dt.date | None = dt.date(2024, 10, 28)) -> list[TimeExpr]:
    published = Published(date=anchor, how="header") if anchor else Published()
    return extract_timexes(parsed(Article(id="c1", path="c1.txt", text=text, published=published)))


def values(text: str, anchor: dt.date | None = dt.date(2024, 10, 28)) -> dict[str, str | None]:
    return {t.text: t.value for t in timexes(text, anchor)}


# ---------------------------------------------------------------- class 3: the year of a month-day


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        # the date's own head carries no tense: the nearest such day
        ("The board declared a dividend payable Dec. 12 to holders.", "Dec. 12", "2024-12-12"),
        ("The mill named a new manager, effective Jan. 6.", "Jan. 6", "2025-01-06"),
        ("It paid shareholders of record Nov. 15 a special sum.", "Nov. 15", "2024-11-15"),
        # past tense alone never moves a day a year away when this year's is weeks off
        ("The company extended its offer to Nov. 22.", "Nov. 22", "2024-11-22"),
        ("The agency asked the firm to reply by Nov. 4.", "Nov. 4", "2024-11-04"),
        # ... but a period that ended keeps its past year, and so does a plain past event
        ("Sales rose in the fiscal year ended Jan. 31.", "Jan. 31", "2024-01-31"),
        ("The plant flooded on Sept. 3.", "Sept. 3", "2024-09-03"),
        ("The bridge was closed on May 2.", "May 2", "2024-05-02"),
    ],
)
def test_the_year_of_a_month_day(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


def test_a_weekday_written_with_the_month_day_chooses_its_year() -> None:
    # 2 November is a Saturday in 2024 and a Thursday in 2023: the past tense would say 2023
    found = values("The paper ran an editorial on Saturday, Nov. 2, the agency said.")
    assert found["Saturday, Nov. 2"] == "2024-11-02"
    found = values("The paper ran an editorial on Thursday, Nov. 2.")
    assert found["Thursday, Nov. 2"] == "2023-11-02"


# ---------------------------------------------------------------- class 5: ranges per TimeML


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("The rebels held the town between 2009 and 2011.", ("2009", "2009"), ("2011", "2011")),
        ("Output doubled from 2015 to 2018.", ("2015", "2015"), ("2018", "2018")),
        ("The 1961-62 winter was harsh.", ("1961", "1961"), ("62", "1962")),
        ("Talks run on Nov. 18 and 19.", ("Nov. 18", "2024-11-18"), ("19", "2024-11-19")),
        ("The fair is set for 9-11 December.", ("9", "2024-12-09"), ("11 December", "2024-12-11")),
    ],
)
def test_a_range_is_two_expressions_one_per_end(
    text: str, first: tuple[str, str], second: tuple[str, str]
) -> None:
    found = [(t.text, t.value) for t in timexes(text)]
    assert found == [first, second]
    begin_end = {(t.begin, t.end_value) for t in timexes(text)}
    assert begin_end == {(first[1], second[1])}


# ---------------------------------------------------------------- class 7: extents


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("Also Friday, the mayor opened the new depot.", "Friday", "2024-10-25"),
        ("Earlier Sunday, police closed the bridge.", "Sunday", "2024-10-27"),
        ("But Thursday's ruling changed the plan.", "Thursday", "2024-10-24"),
    ],
)
def test_a_weekday_after_a_sentence_initial_adverb(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


def test_a_weekday_in_a_name_is_still_not_a_date() -> None:
    assert "Friday" not in " ".join(values("Shops said Black Friday sales were weak."))


def test_a_modal_does_not_send_a_weekday_to_next_week() -> None:
    # Monday 28 October 2024: "could not be reached Friday" is the Friday just gone
    assert values("The minister could not be reached Friday for comment.")["Friday"] == (
        "2024-10-25"
    )
    assert values("The minister will travel to Lima on Friday.")["Friday"] == "2024-11-01"


# ---------------------------------------------------------------- class 2: comparisons


def test_a_second_year_earlier_counts_from_the_reported_period_again() -> None:
    text = (
        "Tolvan Mills posted a loss for the third quarter of $12 million. Sales fell to $80 "
        "million from $95 million a year ago. Assets were $1.2 billion, against $1.1 billion "
        "a year earlier."
    )
    found = values(text)
    assert found["the third quarter"] == "2024-Q3"  # "of $12 million" is an amount, not a year
    assert found["a year ago"] == "2023-Q3"
    assert found["a year earlier"] == "2023-Q3"  # never 2022: comparisons do not chain


def test_narrative_later_still_chains() -> None:
    found = values(
        "The dam burst on 3 May 2010. Two days later the river fell. A day later it rose."
    )
    assert found["Two days later"] == "2010-05-05"
    assert found["A day later"] == "2010-05-06"


# ---------------------------------------------------------------- class 6: values never found


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("Sales in the current fiscal year will rise.", "the current fiscal year", "2024"),
        ("Revenue fell in the latest fiscal year.", "the latest fiscal year", "2023"),
        ("Earnings will suffer for the fiscal year.", "the fiscal year", "2024"),
        ("Hiring will resume next fiscal year.", "next fiscal year", "2025"),
        ("In nineteen eighty-two the mill closed.", "nineteen eighty-two", "1982"),
        ("The plan for the year two thousand failed.", "the year two thousand", "2000"),
        ("March nineteen ninety-one was wet.", "March nineteen ninety-one", "1991-03"),
        ("Trade grew through the seventies.", "the seventies", "197"),
    ],
)
def test_values_never_found_before(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


def test_spelled_counts_and_fiscal_years_that_ended_are_not_dates() -> None:
    found = values("Some crafts are more than two thousand years old.")
    assert not any("thousand" in said for said in found)
    ended = values("Revenue was $4 million in the fiscal year ended June 30.")
    assert "the fiscal year" not in ended  # a span of a year (TimeML: a duration)


# ---------------------------------------------------------------- class 7: extents


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("Profit fell in the 1999 third quarter.", "the 1999 third quarter", "1999-Q3"),
        ("Net sales for this year's second quarter rose.", "this year's second quarter", "2024-Q2"),
        ("It may start in next year's first quarter.", "next year's first quarter", "2025-Q1"),
        ("Earnings will be lower for the last half of 2024.", "the last half of 2024", "2024-H2"),
        ("Net rose in the fiscal first quarter.", "the fiscal first quarter", "2024-Q1"),
        ("A factor in the third-quarter loss was a charge.", "third-quarter", "2024-Q3"),
        ("It will last at least the first two quarters of 2025.", "the first two quarters of 2025",
         "2025-H1"),
    ],
)  # fmt: skip
def test_periods_of_a_named_year_are_one_expression(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


def test_the_year_period_is_the_reported_kind_of_period_and_never_becomes_it() -> None:
    text = (
        "Profit rose in the third quarter. It earned $5 million against $3 million in the "
        "2023 period. Sales in the quarter rose."
    )
    found = values(text)
    assert found["the 2023 period"] == "2023-Q3"
    assert found["the quarter"] == "2024-Q3"


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("The shop was robbed at 10 p.m. Saturday, police said.", "10 p.m. Saturday",
         "2024-10-26T22:00"),
        ("Talks broke off at noon Sunday.", "noon Sunday", "2024-10-27T12:00"),
        ("The offer now expires at 5 p.m. EST, Nov. 8.", "5 p.m. EST, Nov. 8", "2024-11-08T17:00"),
        ("He will leave at 4 a.m. EDT Thursday.", "4 a.m. EDT Thursday", "2024-10-31T04:00"),
        ("The rally ended Friday 9:30 p.m. in the square.", "Friday 9:30 p.m.",
         "2024-10-25T21:30"),
        ("The quake struck at 09:45 GMT on Sunday.", "09:45 GMT", "2024-10-27T09:45Z"),
        ("Officials said late yesterday that the talks failed.", "late yesterday", "2024-10-27"),
        ("Crowds gathered early Saturday in the capital.", "early Saturday", "2024-10-26"),
    ],
)  # fmt: skip
def test_a_time_of_day_joins_its_day(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


def test_a_blank_line_keeps_a_clock_time_from_a_day_below_it() -> None:
    found = values("Doors open at 9 p.m.\n\nSaturday brought rain.")
    assert "9 p.m.\n\nSaturday" not in found


# ---------------------------------------------------------------- class 1: references


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Because of current market conditions, the plant was shut.", ["current"]),
        ("His current post is in Lima.", ["current"]),
        ("The current account deficit widened.", []),
        ("Shares sold at half the then current price.", []),
        ("The current year looks weak.", ["The current year"]),
    ],
)
def test_current_before_a_noun_is_the_present(text: str, found: list[str]) -> None:
    refs = {t.text: t.value for t in timexes(text)}
    assert [said for said in refs if "urrent" in said] == found
    assert all(refs[said] == "PRESENT_REF" for said in found if said == "current")


def test_the_past_tense_never_moves_a_month_almost_a_year_back() -> None:
    # 28 October 2024: the coming month is the nearest reading, the past tense notwithstanding
    found = values("The ministry told refiners of a cut in supplies in November.")
    assert found["November"] == "2024-11"
    # three months or more away, the tense still decides
    assert values("In January, the firm hired a new chief.")["January"] == "2024-01"
    assert values("The mine reopened in April.")["April"] == "2024-04"


def test_a_date_on_a_past_governor_is_past() -> None:
    # "agreed in June to buy": June is when they agreed, not when they will buy
    assert values("The bank agreed in June to buy the insurer.")["June"] == "2024-06"
    assert values("On Friday, the government planned to pay the bill.")["Friday"] == "2024-10-25"
    assert values("The bank plans to buy the insurer in June.")["June"] == "2025-06"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It lost $9 million for the quarter ended Sept. 30.", "2024-Q3"),
        ("In the quarter ended July 31, sales fell.", "2024-Q2"),  # mostly May-July
        ("Net rose in the fiscal first quarter. Sales for the quarter ended Sept. 29 rose.",
         "2024-Q1"),  # the company's own count, named before
    ],
)  # fmt: skip
def test_the_quarter_ended_a_day(text: str, value: str) -> None:
    found = [t.value for t in timexes(text) if t.text == "the quarter"]
    assert found == [value]


# ---------------------------------------------------------------- class 4: durations vs dates


@pytest.mark.parametrize(
    ("text", "said", "value", "mod"),
    [
        ("The war ended nearly four years ago.", "nearly four years ago", "2020", "APPROX"),
        ("It began more than two decades ago.", "more than two decades ago", "200", "BEFORE"),
    ],
)
def test_ago_across_a_qualifier_is_a_date(
    text: str, said: str, value: str, mod: str | None
) -> None:
    found = {t.text: t for t in timexes(text)}
    assert (found[said].type, found[said].value, found[said].mod) == ("DATE", value, mod)


def test_counted_spans_stay_durations() -> None:
    # "over the past year" stays a duration too: the twelve months to publication, which a
    # figure's period reads as a rolling year (TimeBank marks some as the previous year)
    found = {t.text: t for t in timexes("Prices rose for the past two years and the past week.")}
    assert timexes("The groups grew over the past year.")[0].type == "DURATION"
    assert (found["the past two years"].type, found["the past two years"].value) == (
        "DURATION",
        "P2Y",
    )
    assert found["the past week"].type == "DURATION"


# ---------------------------------------------------------------- class 8: not dates


@pytest.mark.parametrize(
    "text",
    [
        "Members of Teamsters Local 2010 walked out on Monday.",
        "Interstate 2001 was closed by snow.",
        "The ferry left from Pier 1999.",
        "Call 555-2012 for tickets.",
        "Smith scored a century against Kent.",
        "Root hit his maiden century off 120 balls.",
        "Table 3\nRegion 2019 2020 2021\nNorth 12 14 15",
    ],
)
def test_designators_phone_numbers_centuries_and_table_heads_are_not_dates(text: str) -> None:
    assert [t.text for t in timexes(text) if t.text != "Monday"] == []


def test_years_in_prose_are_still_dates() -> None:
    found = values("The rate was 4% in 2019, 2020 and 2021; the church stood for a century.")
    assert [found[y] for y in ("2019", "2020", "2021")] == ["2019", "2020", "2021"]
    assert "a century" in found


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("By mid afternoon, officials said the town had fallen.", "mid afternoon", "2024-10-28TAF"),
        ("Shares rose at mid-morning yesterday.", "mid-morning yesterday", "2024-10-27TMO"),
        ("Shares fell on Friday. Dealers sold in the morning.", "the morning", "2024-10-25TMO"),
        ("He will leave at 4 in the morning on Thursday.", "4 in the morning", "2024-10-31T04:00"),
    ],
)
def test_parts_of_the_day(text: str, said: str, value: str) -> None:
    found = {t.text: t for t in timexes(text)}
    assert (found[said].type, found[said].value) == ("TIME", value)


def test_a_morning_paper_is_not_a_time() -> None:
    found = timexes("He reads the morning paper in the morning news hour.")
    assert [t.value for t in found if t.type == "TIME"] == []


# ------------------------------------------------- class 6: holidays on a weekday of a month


@pytest.mark.parametrize(
    ("text", "anchor", "said", "value"),
    [
        # the fourth Thursday of November, in the past the tense points to
        (
            "The sailor was rescued on Thanksgiving Day off the coast.",
            "2021-01-10",
            "Thanksgiving Day",
            "2020-11-26",
        ),
        (
            "The family met last Thanksgiving in the old house.",
            "2021-03-02",
            "last Thanksgiving",
            "2020-11-26",
        ),
        # the Tuesday after the first Monday of November (Nov. 1, 2022 was a Tuesday)
        (
            "The mayor will campaign hard until Election Day.",
            "2022-10-20",
            "Election Day",
            "2022-11-08",
        ),
        ("The parade will march on Memorial Day.", "2023-05-02", "Memorial Day", "2023-05-29"),
        ("Pools will close after Labor Day.", "2023-08-20", "Labor Day", "2023-09-04"),
    ],
)
def test_holidays_on_an_nth_weekday(text: str, anchor: str, said: str, value: str) -> None:
    assert values(text, dt.date.fromisoformat(anchor))[said] == value


def test_a_lower_case_election_day_abroad_is_not_the_us_holiday() -> None:
    found = values("Voters queued all morning on election day in the northern towns.")
    assert found.get("election day") is None


# --------------------------------------- class 2/6: the unit of the date the story is at


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        (
            "She moved to Lyon in May 2019 and opened a bakery later that year.",
            "later that year",
            "2019",
        ),
        (
            "The dam failed on March 3, 2018. Earlier that day, engineers had left.",
            "Earlier that day",
            "2018-03-03",
        ),
        (
            "The mill reopened on Aug. 2. Its owner spoke that same day.",
            "that same day",
            "2024-08-02",
        ),
        ("Exports fell to $3m in 2017, down from $4m the year before.", "the year before", "2016"),
        # "later in the day": the day of the story's date, else of publication
        ("The minister flew home later in the day.", "later in the day", "2024-10-28"),
        (
            "Rain delayed planting earlier in the year, the farmers said.",
            "earlier in the year",
            "2024",
        ),
    ],
)
def test_the_unit_of_the_story_date(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


def test_that_day_as_an_object_or_before_a_noun_is_not_a_date() -> None:
    found = values("Traders who sold that day lost money. He said that day care costs rose.")
    assert "that day" not in found and "that day care" not in found


def test_that_year_with_no_year_before_it_has_no_value() -> None:
    assert values("The town grew fast; that year nobody left.")["that year"] is None


def test_for_the_year_before_a_comma_is_the_year_reported_on() -> None:
    found = values("For the year, volume was flat. Revenue for the year ended June 30 rose.")
    assert found["the year"] == "2024"
    assert [t.text for t in timexes("Revenue for the year ended June 30 rose.")] == ["June 30"]


# ------------------------------------------------ class 3: a deferral's deadline lies ahead


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        # 2024-10-28 is a Monday: a deferral "until Friday" is the coming one
        ("The court postponed until Friday its ruling on the appeal.", "Friday", "2024-11-01"),
        (
            "The board extended its offer until 5 p.m. EST Thursday.",
            "5 p.m. EST Thursday",
            "2024-10-31T17:00",
        ),
        # ... but a plain past "until" stays in the past
        ("He stayed in the capital until Friday.", "Friday", "2024-10-25"),
    ],
)
def test_a_deferral_until_a_weekday_looks_ahead(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


# ------------------------------------------- classes 6 and 7: year ends, years, weekdays


@pytest.mark.parametrize("said", ["year end", "year's end", "year-end"])
def test_the_year_end_in_every_spelling(said: str) -> None:
    found = {t.text: t for t in timexes(f"The plant should close by {said}, the firm said.")}
    assert (found[said].value, found[said].mod) == ("2024", "END")


def test_the_year_ended_is_not_a_year_end() -> None:
    assert "year end" not in values("In the year ended June 30, sales rose.")


def test_a_year_before_a_singular_noun_is_a_date() -> None:
    found = values("A 2011 treaty set the border. They cited a 2009 report.")
    assert (found["2011"], found["2009"]) == ("2011", "2009")


def test_a_weekday_after_a_sentence_initial_preposition() -> None:
    # 2024-10-28 is a Monday
    assert (
        values("In Sunday's vote the mayor won. For Friday's match, fans queued.")["Sunday"]
        == "2024-10-27"
    )


# ----------------------------------------------- class 3: a month naming a thing that happened


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        # 2024-10-28: a month before a noun names an event already told, in any tense
        ("The firm is still bound by a June agreement with its lenders.", "June", "2024-06"),
        ("Police are studying the March attack on the depot.", "March", "2024-03"),
        # ... unless "will" sends the clause ahead
        ("The February meeting will decide the budget.", "February", "2025-02"),
    ],
)
def test_a_month_before_its_noun_is_past(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


# ------------------------------------- class 6: the nth day, "this past", "the previous Friday"


def test_the_nth_day_of_something_told_in_the_present_is_publication() -> None:
    found = values("Today is the fifth day of the strike. It's the third straight day of talks.")
    assert (found["the fifth day"], found["the third straight day"]) == ("2024-10-28", "2024-10-28")


def test_the_nth_day_told_in_the_past_is_the_story_day() -> None:
    found = values(
        "The siege began on Oct. 2, 2023. It was the fourth day of the siege when aid came."
    )
    assert found["the fourth day"] == "2023-10-02"


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("The mill closed this past spring.", "this past spring", "2024-SP"),
        ("Fans queued over the past weekend.", "the past weekend", "2024-W43-WE"),
    ],
)
def test_this_past_season_is_the_last_one_ended(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


def test_the_previous_weekday_counts_from_the_story_day() -> None:
    # the story is at Friday 2024-10-25; the previous Friday is a week before it
    found = values("The index closed on Friday, down 4% from the previous Friday.")
    assert (found["Friday"], found["the previous Friday"]) == ("2024-10-25", "2024-10-18")


def test_easter_week_days_ahead_is_this_years_despite_a_past_tense() -> None:
    # Easter 2025 is April 20; published Monday 2025-04-14
    found = values("Pilgrims arrived as Easter week began.", dt.date(2025, 4, 14))
    assert found["Easter week"] == "2025-W16"


# ------------------------------- class 3: a plan made in the past, a day before its singular noun


@pytest.mark.parametrize(
    ("text", "anchor", "said", "value"),
    [
        # published Friday 2024-10-25: the planned Saturday is the next day, not last week's
        (
            "Fans planned a large march in the park on Saturday.",
            "2024-10-25",
            "Saturday",
            "2024-10-26",
        ),
        # published Saturday 2024-10-26: the deadline set is the Friday just gone, not next week's
        (
            "The judge set Friday as the deadline for the boy's return.",
            "2024-10-26",
            "Friday",
            "2024-10-25",
        ),
        # a plain past event stays in the past
        ("Fans marched in the park on Saturday.", "2024-10-25", "Saturday", "2024-10-19"),
    ],
)
def test_a_plan_made_in_the_past_names_the_nearest_day(
    text: str, anchor: str, said: str, value: str
) -> None:
    assert values(text, dt.date.fromisoformat(anchor))[said] == value


def test_a_day_before_a_singular_noun_is_a_day_not_a_count() -> None:
    found = values(
        "Police doubt that either man was involved in the Oct. 23 killing of the grocer.",
        dt.date(2024, 11, 20),
    )
    assert found["Oct. 23"] == "2024-10-23"
    # a count of a plural noun is still a count: only the month is a date
    assert set(values("In May 12 people died in the floods.")) == {"May"}


def test_last_holiday_after_a_capitalised_place_is_the_holiday() -> None:
    found = values(
        "The boy was found clinging to a raft in the Atlantic last Thanksgiving.",
        dt.date(2025, 2, 10),
    )
    assert found["last Thanksgiving"] == "2024-11-28"


# ------------------------------------------- class 4: a stretch of time is a duration, not a date


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("Nomads crossed the desert for hundreds of years.", "hundreds of years", "PXY"),
        ("Eight trading days after the crash, shares rose.", "Eight trading days", "P8D"),
        ("Crowds gathered all day outside the court.", "all day", "P1D"),
        ("The appeal could take as long as a month.", "as long as a month", "P1M"),
    ],
)
def test_a_stretch_of_time_spacy_finds_is_a_duration(text: str, said: str, value: str) -> None:
    found = {t.text: t for t in timexes(text)}
    assert (found[said].type, found[said].value) == ("DURATION", value)


def test_a_period_a_clause_describes_is_no_shift_from_publication() -> None:
    found = {
        t.text: t
        for t in timexes(
            "Net income fell in the third quarter. Taxes would be small in a quarter that "
            "produced such a loss. Sales were weak during the quarter.",
            dt.date(2024, 10, 30),
        )
    }
    assert found["a quarter"].type == "DURATION"
    assert found["the quarter"].value == "2024-Q3"


def test_a_part_of_day_naming_a_programme_or_greeting_is_no_time() -> None:
    found = values("She spoke on the morning talk show. Good evening from the park.")
    assert not {"morning", "evening"} & set(found)


# ------------------------------------- class 2: the reported period is one that has ended


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a quarter still running (published 2024-11-04) never replaces the one reported on
        (
            "Net income fell 10% in the third quarter. The insurer expects a fourth-quarter "
            "charge. In the latest quarter, its unit lost money.",
            "2024-Q3",
        ),
        # ... unless it is the first period named, or says itself that it ended (fiscal)
        (
            "The firm reported a decline in fourth-quarter earnings. Sales in the latest "
            "period rose.",
            "2024-Q4",
        ),
        (
            "Net fell in the third quarter. Net of its fiscal fourth quarter ended Sept. 30 "
            "rose. Sales in the latest period were strong.",
            "2024-Q4",
        ),
    ],
)
def test_the_reported_period_is_one_that_has_ended(text: str, value: str) -> None:
    found = {t.text: t.value for t in timexes(text, dt.date(2024, 11, 4))}
    latest = next(v for k, v in found.items() if k.startswith(("the latest", "In the latest")))
    assert latest == value


# ---------------------------------------- class 1 and 8: "now that", "high noon"


def test_now_that_is_the_present() -> None:
    found = values("It is the only port open now that the border is shut.")
    assert found["now"] == "PRESENT_REF"


def test_high_noon_is_no_clock_time() -> None:
    found = values("For the town, high noon comes today. The film High Noon aired at noon Friday.")
    assert "noon" not in found and "Noon" not in found
    assert found["noon Friday"] == "2024-10-25T12:00"


# ------------------------------------ class 7 and 8: "the late 1970s", a programme's title


def test_a_decade_with_a_part_keeps_its_article() -> None:
    found = {t.text: (t.value, t.mod) for t in timexes("Output peaked in the early 1980s.")}
    assert found["the early 1980s"] == ("198", "EARLY")


def test_a_title_in_quotation_marks_is_no_week() -> None:
    found = values(
        'The minister said on ABC\'s "This Week" that talks go on. This week, it rained.'
    )
    assert list(found) == ["This week"]


def test_unit_to_unit_is_no_time() -> None:
    found = values(
        "Sales rose in the third quarter. The quarter-to-quarter comparison was weak. "
        "Day-to-day trading fell. Sales in the quarter rose."
    )
    assert found == {"the third quarter": "2024-Q3", "the quarter": "2024-Q3"}


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("The case is for today's youth what the war was for theirs.", "today", "PRESENT_REF"),
        ("In today's world, paternity is easy to prove.", "today", "PRESENT_REF"),
        ("These are the jobs of tomorrow, he said.", "tomorrow", "FUTURE_REF"),
        # a day still: today's meeting, tomorrow's vote
        ("Today's meeting was short.", "Today", "2024-10-28"),
        ("Tomorrow's vote matters.", "Tomorrow", "2024-10-29"),
    ],
)
def test_today_of_an_age_is_no_day(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


# --------------------------------------------- session 7, class 2: the period a report is on


def test_the_latest_quarter_with_none_named_is_the_last_finished_one() -> None:
    # published 28 October 2024: the third quarter ended on 30 September
    found = values("The chief said he expects revenue in the latest quarter to total $9m.")
    assert found["the latest quarter"] == "2024-Q3"
    found = values("Orders fell in the most recent period, the mill said.", dt.date(2025, 2, 3))
    assert found["the most recent period"] == "2024-Q4"
    # a bare "the quarter" with nothing named says nothing of which quarter it is
    assert values("The quarter was hard for the mill.")["The quarter"] is None


def test_the_latest_quarter_then_anchors_the_comparisons_after_it() -> None:
    found = values(
        "Revenue in the latest quarter rose to $9m from $7m a year earlier.", dt.date(2024, 11, 2)
    )
    assert found["the latest quarter"] == "2024-Q3"
    assert found["a year earlier"] == "2023-Q3"


def test_the_quarter_to_a_total_is_the_quarter_reported_on() -> None:
    found = values("Profit rose in the third quarter. Sales grew 4% in the quarter to $2.3bn.")
    assert found["the quarter"] == "2024-Q3"
    # "the quarter to March 31" names its own end: not the reported quarter
    found = values("Profit rose in the third quarter. Sales in the quarter to March 31 fell.")
    assert "the quarter" not in found


def test_an_earlier_quarter_told_as_background_never_becomes_the_reported_one() -> None:
    text = (
        "The paper maker posted a 20% gain in third-quarter profit, from $90m a year ago. "
        "After a flat second quarter, the company credited its tissue brands. "
        "Charges taken in the year-earlier period helped the comparison. "
        "In the 2024 period, tax rates were lower than a year ago."
    )
    found = values(text, dt.date(2024, 11, 1))
    assert found["second quarter"] == "2024-Q2"
    assert found["the year-earlier period"] == "2023-Q3"
    assert found["the 2024 period"] == "2024-Q3"
    assert [t.value for t in timexes(text, dt.date(2024, 11, 1)) if t.text == "a year ago"] == [
        "2023-Q3",
        "2023-Q3",
    ]


def test_a_quarter_that_says_it_ended_is_a_report_of_its_own() -> None:
    text = (
        "The retailer's third-quarter profit rose. Its rival reported a loss for its "
        "second quarter ended Oct. 31, against a profit in the year-earlier period."
    )
    found = values(text, dt.date(2024, 11, 20))
    assert found["the year-earlier period"] == "2023-Q2"


def test_a_year_earlier_after_a_stretch_of_months_is_the_year_before() -> None:
    text = (
        "The miller posted third-quarter profit of $4m, up from $3m a year earlier. "
        "In the nine months, net fell 6% to $9m, compared with $11m a year earlier. "
        "Net for the year-earlier nine months included a gain. "
        "In the year-earlier period, the mill had sales of $7m. "
        "Third-quarter sales fell to $3m from $4m a year ago."
    )
    found = [(t.text, t.type, t.value) for t in timexes(text, dt.date(2024, 11, 2))]
    assert found == [
        ("third-quarter", "DATE", "2024-Q3"),
        ("a year earlier", "DATE", "2023-Q3"),
        ("nine months", "DURATION", "P9M"),
        ("a year earlier", "DATE", "2023"),
        ("the year-earlier", "DURATION", "P9M"),
        ("nine months", "DURATION", "P9M"),
        ("the year-earlier period", "DURATION", "P9M"),
        ("Third-quarter", "DATE", "2024-Q3"),
        ("a year ago", "DATE", "2023-Q3"),
    ]


def test_a_rolling_stretch_is_no_year_to_date() -> None:
    text = (
        "The miller posted third-quarter profit of $4m. Over the past six months, "
        "orders rose from a year earlier. For nine months, the mill was shut."
    )
    found = values(text, dt.date(2024, 11, 2))
    assert found["a year earlier"] == "2023-Q3"


# ------------------------------------------ session 7, class 3: tense of plans and participles


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        # published Monday 28 October 2024
        # "is to" + verb: an arrangement ahead
        ("The stock is to resume trading in Paris Tuesday.", "Tuesday", "2024-10-29"),
        ("Shares are to resume trading Friday.", "Friday", "2024-11-01"),
        # a plan in the pluperfect was overtaken: its day is behind
        ("The offer had been due to expire Friday evening.", "Friday evening", "2024-10-25TEV"),
        ("The vote had been scheduled to take place Friday.", "Friday", "2024-10-25"),
        # ... in the present or simple past a plan still looks ahead
        ("The offer is due to expire Friday.", "Friday", "2024-11-01"),
        ("The vote was scheduled to take place Friday.", "Friday", "2024-11-01"),
        # a reduced relative "set on" tells when the thing was set; "set for" is a plan
        ("The index is near its record high set on Aug. 6.", "Aug. 6", "2024-08-06"),
        ("The hearing set for Nov. 4 was moved.", "Nov. 4", "2024-11-04"),
        ("The fair, scheduled for Jan. 6, is sold out.", "Jan. 6", "2025-01-06"),
    ],
)
def test_the_tense_of_a_plan_or_a_participle(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        # published Monday 28 October 2024: Thursday the 24th is behind, the 31st ahead
        ("The notes carry a 24% premium over Thursday's closing price.", "Thursday", "2024-10-24"),
        ("Lawyers study Thursday's ruling.", "Thursday", "2024-10-24"),
        # a "will" still sends the day's thing ahead
        ("Thursday's meeting will decide the bid.", "Thursday", "2024-10-31"),
    ],
)
def test_a_weekday_owning_its_noun_is_behind(text: str, said: str, value: str) -> None:
    assert values(text)[said] == value


def test_since_year_end_is_the_end_of_last_year() -> None:
    found = {t.text: (t.value, t.mod) for t in timexes("The change is since year-end.")}
    assert found["year-end"] == ("2023-12-31", None)
    found = {t.text: (t.value, t.mod) for t in timexes("The deal should close by year-end.")}
    assert found["year-end"] == ("2024", "END")


def test_a_season_of_a_year_in_words() -> None:
    found = values("Oil fell to the level we saw in the winter of nineteen ninety-four.")
    assert found == {"the winter of nineteen ninety-four": "1994-WI"}
    assert values("It was nineteen ninety-six.") == {"nineteen ninety-six": "1996"}


def test_the_day_before_a_date_counts_from_that_date() -> None:
    text = (
        "The talks failed on Oct. 3. The day before last Tuesday's court hearing, the "
        "uncle went to the house. Trading slowed after Oct. 11, the day before the plunge. "
        "He died on Oct. 15. Friends came the day after."
    )
    found = [(t.text, t.value) for t in timexes(text)]
    assert found == [
        ("Oct. 3", "2024-10-03"),
        ("The day before last Tuesday", "2024-10-21"),  # Tuesday the 22nd
        ("Oct. 11", "2024-10-11"),
        ("the day before", "2024-10-11"),  # in apposition: the same day
        ("Oct. 15", "2024-10-15"),
        ("the day after", "2024-10-16"),  # from the story's last date, as before
    ]


# ----------------------- session 7, classes 6 and 8: dated by an event the text already dated


def test_expressions_counted_from_a_dated_event() -> None:
    text = (
        "Police obtained a warrant in the Oct. 4 sniper shooting of a dentist. "
        "His van was seen in the weeks before the dentist was killed. "
        "A jogger saw the van at 6 a.m. ten days before the shooting. "
        "The dentist was shot to death at 9 p.m. as he stood in his garden. "
        "The killer hid the rifle in the days before the murder."
    )
    found = [(t.text, t.type, t.value) for t in timexes(text, dt.date(2025, 3, 2))]
    assert found == [
        ("Oct. 4", "DATE", "2024-10-04"),
        ("weeks", "DATE", "2024-10"),
        ("6 a.m. ten days", "TIME", "2024-09-24T06:00"),
        ("9 p.m.", "TIME", "2024-10-04T21:00"),
        ("days", "DATE", "2024-10"),
    ]


def test_an_event_dated_by_season_gives_the_season() -> None:
    text = "The dentist was killed last fall. His van was seen in the days before the slaying."
    found = values(text, dt.date(2025, 3, 2))
    assert found["days"] == "2024-FA"


def test_an_undated_event_dates_nothing() -> None:
    # no date told with a killing: the unit words are no expression and "ten days" stays a
    # duration; a dated vote is no killing
    text = (
        "The vote was held on Oct. 4. The van was seen in the weeks before the shooting. "
        "A jogger saw the van ten days before the murder."
    )
    found = {t.text: (t.type, t.value) for t in timexes(text, dt.date(2025, 3, 2))}
    assert "weeks" not in found
    assert found["ten days"] == ("DURATION", "P10D")


# ---------------------------------------------- session 8: midnight, "or so ago", spaCy leftovers


def test_midnight_on_a_day_is_the_end_of_that_day() -> None:
    # published Monday 28 October 2024; TimeML (and AP style): midnight Friday ends Friday
    found = values("The offer had been scheduled to expire at midnight Friday.")
    assert found["midnight Friday"] == "2024-10-25T24:00"
    found = values("The offer will now expire at midnight Thursday, the agency said.")
    assert found["midnight Thursday"] == "2024-10-31T24:00"
    # a stretch that starts at midnight starts at 00:00 of its day
    found = values("The curfew runs from midnight to 6 a.m. on Saturday.")
    assert found["midnight"] == "2024-10-26T00:00"  # the Saturday nearest publication


@pytest.mark.parametrize(
    ("text", "said", "value", "mod"),
    [
        (
            "The talks collapsed a week or so ago, officials said.",
            "a week or so ago",
            "2024-W43",
            "APPROX",
        ),
        ("The mill shut a year or two ago.", "a year or two ago", "2023", "APPROX"),
        ("They met a month or more ago.", "a month or more ago", "2024-09", "BEFORE"),
    ],
)
def test_ago_after_an_approximating_tail(text: str, said: str, value: str, mod: str) -> None:
    """Class 4: "ago" attaches across qualifiers after the amount as before it."""
    found = {t.text: (t.value, t.mod) for t in timexes(text)}
    assert found[said] == (value, mod)


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        ("After a weekend of bitter talks, the union agreed.", "a weekend", "P1WE"),
        ("Unemployment stayed near its quarter-century low.", "quarter-century", "P25Y"),
        ("The firm moved from a fiscal year to a calendar year.", "a fiscal year", "P1Y"),
    ],
)
def test_spacy_leftovers_that_measure_time_are_durations(text: str, said: str, value: str) -> None:
    found = {t.text: (t.type, t.value) for t in timexes(text)}
    assert found[said] == ("DURATION", value)
    assert display_value(value, type="DURATION")[:1].isdigit()  # "1 weekend", "25 years"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("He deserves his day in court, the lawyer said.", "his day"),
        ("The teacher remembered his year in first grade.", "his year"),
        ("He came home on the night of Friday, Oct. 25.", "the night of"),
    ],
)
def test_a_possessed_unit_or_a_fragment_is_no_expression(text: str, absent: str) -> None:
    found = values(text)
    assert absent not in found
    assert all(value is not None for value in found.values())


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Magna recently cut its dividend.", True),
        ("The recently announced venture will help.", True),
        ("Until recently, the firm had been optimistic.", True),
        ("It was most recently in Paris.", True),
        # inside a verb group: no expression
        ("The search was recently extended to Mexico.", False),
        ("The brothers have recently moved to Ohio.", False),
        ("Both brewers have recently been ceding market share.", False),
        # a date follows: the date is the expression
        ("Three doctors were killed, most recently last October.", False),
        ("The title changed hands often, most recently in 2021.", False),
    ],
)
def test_recently_alone_or_in_a_verb_group(text: str, marked: bool) -> None:
    """Class 1: "recently" is PAST_REF on its own, not between an auxiliary and its verb
    nor when "most recently" ranks a date that follows."""
    assert ("recently" in values(text)) is marked


@pytest.mark.parametrize(
    ("text", "said", "value", "mod"),
    [
        (
            "The sale is to be completed around Nov. 1, the firm said.",
            "around Nov. 1",
            "2024-11-01",
            "APPROX",
        ),
        (
            "He was shot around 7:15 p.m. on Tuesday.",
            "around 7:15 p.m.",
            "2024-10-22T19:15",
            "APPROX",
        ),
        ("The deal should close around year end.", "around year end", "2024", "END"),
    ],
)
def test_around_is_part_of_the_expression(text: str, said: str, value: str, mod: str) -> None:
    """Class 7 (extents): TimeML keeps an approximator in the expression, `mod` APPROX."""
    found = {t.text: (t.value, t.mod) for t in timexes(text)}
    assert found[said] == (value, mod)


def test_around_governing_a_noun_stays_out() -> None:
    found = values("Exiles will look for ways to get around Wednesday's ruling.")
    assert found == {"Wednesday": "2024-10-23"}


def test_a_plural_part_of_a_weekday_is_a_set() -> None:
    """Class 8: "Tuesday nights" is every Tuesday night, and so is "Monday" sharing it."""
    text = (
        "Two new flights will leave on Monday and Tuesday nights. The club meets Friday evenings."
    )
    found = {t.text: (t.type, t.value) for t in timexes(text)}
    assert found == {
        "Monday": ("SET", "XXXX-WXX-1TNI"),
        "Tuesday nights": ("SET", "XXXX-WXX-2TNI"),
        "Friday evenings": ("SET", "XXXX-WXX-5TEV"),
    }
    # a singular part of the day is that day, as before
    types = {t.text: t.type for t in timexes("He left on Monday and Tuesday night he returned.")}
    assert types == {"Monday": "DATE", "Tuesday night": "TIME"}


@pytest.mark.parametrize(
    ("text", "said", "value"),
    [
        # published 28 October 2024: a participle is told in its governing verb's tense
        ("The stock fluctuated, rising to a high in June from $29 in March.", "March", "2024-03"),
        ("The firm will expand, adding jobs in September.", "September", "2025-09"),
    ],
)
def test_a_participle_clause_takes_its_governing_tense(text: str, said: str, value: str) -> None:
    """Class 3: a bare "-ing" clause has no tense of its own."""
    assert values(text)[said] == value


def test_a_month_dating_a_past_verb_stays_in_the_past() -> None:
    """Class 3: "changed ... in December" in October is last December (a thing done); a
    month on an infinitive may still be ahead (the six-month cap, as before)."""
    found = values("The operator changed from a fiscal year to a calendar year in December.")
    assert found["December"] == "2023-12"
    found = values("The bank announced an agreement to acquire the company in December.")
    assert found["December"] == "2024-12"


def test_the_next_morning_is_that_part_of_the_next_day() -> None:
    """Class 6: "the next morning", "the following evening", "the same night" count from the
    story's day, with their part of the day (TimeML)."""
    text = (
        "The fire began on Oct. 3 and was out by the following evening. Crews left the same "
        "night. The chief was arrested on Oct. 21 and appeared in court the next morning."
    )
    found = {t.text: (t.type, t.value) for t in timexes(text)}
    assert found["the following evening"] == ("TIME", "2024-10-04TEV")
    assert found["the same night"] == ("TIME", "2024-10-04TNI")
    assert found["the next morning"] == ("TIME", "2024-10-22TMO")
    # no day before it: no value (a month is no day)
    found = {
        t.text: (t.type, t.value) for t in timexes("Rain fell in March; the next morning was cold.")
    }
    assert found["the next morning"] == ("TIME", None)
