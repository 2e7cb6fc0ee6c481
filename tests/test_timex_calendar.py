"""Calendar rules behind the normalizer: year choice, weekdays, value bounds."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.extract.timex.calendar import (
    choose_year,
    nth_weekday,
    resolve_weekday,
    shift_year_unknown,
    weekday_with_day_of_month,
)
from tui.records.timevalue import (
    display_value,
    placeable_value,
    timeline_key,
    value_bounds,
    year_unknown,
)

AUG = dt.date(2023, 8, 20)


def test_choose_year_by_direction() -> None:
    assert choose_year(AUG, 7, None, "past") == 2023
    assert choose_year(AUG, 12, None, "past") == 2022
    assert choose_year(AUG, 12, None, "future") == 2023
    assert choose_year(AUG, 7, None, "future") == 2024
    assert choose_year(AUG, 8, None, "future") == 2023  # the current month still counts
    assert choose_year(AUG, 1, None, None) == 2024  # nearest January
    assert choose_year(AUG, 5, None, None) == 2023
    assert choose_year(AUG, 8, 25, "past") == 2022
    assert choose_year(AUG, 8, 20, "past") == 2023


def test_weekdays_around_the_anchor() -> None:
    wed = dt.date(2024, 6, 5)
    assert resolve_weekday(wed, 2, "past") == wed
    assert resolve_weekday(wed, 2, "past", strict=True) == dt.date(2024, 5, 29)
    assert resolve_weekday(wed, 4, "future") == dt.date(2024, 6, 7)
    assert resolve_weekday(wed, 0, None) == dt.date(2024, 6, 3)
    assert weekday_with_day_of_month(wed, 2, 10) == dt.date(2024, 7, 10)
    assert weekday_with_day_of_month(wed, 0, 3) == dt.date(2024, 6, 3)


def test_value_bounds() -> None:
    assert value_bounds("2024-Q2") == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert value_bounds("2024-H2") == (dt.date(2024, 7, 1), dt.date(2024, 12, 31))
    assert value_bounds("2024-W01") == (dt.date(2024, 1, 1), dt.date(2024, 1, 7))
    assert value_bounds("2023-WI") == (dt.date(2023, 12, 1), dt.date(2024, 2, 29))
    assert value_bounds("199") == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))
    assert value_bounds("P2Y") is None
    assert value_bounds("2024-02-30") is None


@given(st.dates(min_value=dt.date(1600, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_a_day_sorts_after_its_month_and_year(day: dt.date) -> None:
    year, month = timeline_key(f"{day.year:04d}"), timeline_key(f"{day:%Y-%m}")
    assert year <= month < timeline_key(day.isoformat())


def test_year_unknown_values_are_placeable_only_when_the_calendar_allows_them() -> None:
    for value in ("XXXX-05-07", "XXXX-07", "XXXX-Q2", "XXXX-H1", "XXXX-SU", "XXXX-W23"):
        assert year_unknown(value) and placeable_value(value), value
    assert year_unknown("XXXX-02-29")  # some year has it
    assert year_unknown("XXXX-03-03T10:30")
    unknown: tuple[str | None, ...] = ("XXXX-02-30", "XXXX-13", "XXXX", "XXXX-WXX-1", "P2Y")
    for maybe in (*unknown, "PAST_REF", None):
        assert not year_unknown(maybe), maybe
    assert not placeable_value("XXXX-WXX-1")
    assert placeable_value("2024-05-07") and not year_unknown("2024-05-07")


def test_year_unknown_sorts_after_dated_values_then_by_month_and_day() -> None:
    vals = ["XXXX-07", "2030", "XXXX-05-07", None, "1990-01-01", "XXXX-05", "PAST_REF"]
    vals += ["XXXX-01-31", "XXXX-Q2", "XXXX-05-07T09:00"]
    ordered = sorted(vals, key=timeline_key)
    assert ordered[:2] == ["1990-01-01", "2030"]
    assert ordered[2:8] == [
        "XXXX-01-31",
        "XXXX-Q2",
        "XXXX-05",
        "XXXX-05-07",
        "XXXX-05-07T09:00",
        "XXXX-07",
    ]
    assert set(ordered[8:]) == {None, "PAST_REF"}


@given(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2000, 12, 31)),
)
def test_every_dated_value_sorts_before_every_year_unknown_one(day: dt.date, md: dt.date) -> None:
    undated = f"XXXX-{md:%m-%d}"
    assert timeline_key(day.isoformat()) < timeline_key(undated)
    assert timeline_key(f"XXXX-{md:%m}") <= timeline_key(undated)
    assert display_value(undated).endswith("(year unknown)")


@pytest.mark.parametrize(
    ("value", "mod", "shown"),
    [
        ("2025-10-28", None, "28 Oct 2025"),
        ("2024-10", None, "Oct 2024"),
        ("2024-Q3", None, "Q3 2024"),
        ("2023-H1", None, "H1 2023"),
        ("2021-W23", None, "week 23, 2021"),
        ("2024-W22-WE", None, "weekend of week 22, 2024"),
        ("2018-SU", None, "summer 2018"),
        ("2024", None, "2024"),
        ("199", None, "1990s"),
        ("18", None, "19th century"),
        ("20", "START", "start of the 21st century"),
        ("2024-06-05TMO", None, "5 Jun 2024 morning"),
        ("2024-06-05T20:15", None, "5 Jun 2024 20:15"),
        ("XXXX-05-07", None, "7 May (year unknown)"),
        ("XXXX-07", None, "July (year unknown)"),
        ("XXXX-03", "EARLY", "early March (year unknown)"),
        ("XXXX-Q2", None, "Q2 (year unknown)"),
        ("XXXX-W23", None, "week 23 (year unknown)"),
        ("2024-03", "EARLY", "early Mar 2024"),
        ("2025-01", "END", "end of Jan 2025"),
        ("2023", "MID", "mid-2023"),
        ("2023", "LATE", "late 2023"),
        ("P2Y", None, "2 years"),
        ("PT3H", "APPROX", "about 3 hours"),
        ("PXY", None, "years"),
        ("PRESENT_REF", None, "the present"),
        (None, None, "date unresolved"),
        ("not-a-value", None, "not-a-value"),
    ],
)
def test_display_value_at_the_values_granularity(
    value: str | None, mod: str | None, shown: str
) -> None:
    assert display_value(value, mod) == shown


def test_display_value_reads_sets_as_recurrences() -> None:
    assert display_value("P1Y", type="SET") == "every year"
    assert display_value("P6M", type="SET") == "every 6 months"
    assert display_value("XXXX-05", type="SET") == "every May"
    assert display_value("XXXX-WXX-1", type="SET") == "every Monday"
    assert display_value("TNI", type="SET") == "every night"
    assert display_value("P1Y") == "1 year"


@given(st.text(max_size=20), st.sampled_from([None, "EARLY", "END", "MID", "bogus"]))
def test_display_value_never_raises(value: str, mod: str | None) -> None:
    assert isinstance(display_value(value, mod), str)


def test_nth_weekday_and_year_unknown_shifts() -> None:
    assert nth_weekday(2024, 11, 3, 4) == dt.date(2024, 11, 28)  # fourth Thursday
    assert nth_weekday(2024, 5, 0, -1) == dt.date(2024, 5, 27)  # last Monday
    assert nth_weekday(2023, 2, 4, 5) is None
    assert shift_year_unknown("XXXX-06-30", days=1) == "XXXX-07-01"
    assert shift_year_unknown("XXXX-02-28", days=1) is None  # leap years differ
    assert shift_year_unknown("XXXX-03-01", days=-1) is None
    assert shift_year_unknown("XXXX-01-31", months=1) is None  # no 31 February
    assert shift_year_unknown("XXXX-11", months=2) == "XXXX-01"
    assert shift_year_unknown("XXXX-Q2", days=1) is None
