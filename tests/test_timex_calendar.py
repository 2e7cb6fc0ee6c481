"""Calendar rules behind the normalizer: year choice, weekdays, value bounds."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tui.extract.timex_calendar import (
    choose_year,
    resolve_weekday,
    timeline_key,
    value_bounds,
    weekday_with_day_of_month,
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
