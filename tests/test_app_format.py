"""Dashboard formatting helpers: dates at their granularity, figures, safe text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.app.format import (
    break_long_lines,
    displayable,
    figure_label,
    humanize_number,
    measure_with_period,
    on_inferred_date,
    published_label,
    sentence_around,
    timex_label,
    timex_sort_key,
)
from tui.records.models import Article, Figure, Published, TimeExpr


@pytest.mark.parametrize(
    ("value", "mod", "label"),
    [
        ("2021-06-12", None, "12 Jun 2021"),
        ("2021-06", None, "Jun 2021"),
        ("2021", None, "2021"),
        ("2023-Q2", None, "Q2 2023"),
        ("2023-H1", None, "H1 2023"),
        ("2021-W23", None, "week 23, 2021"),
        ("2021-SU", None, "summer 2021"),
        ("198", None, "1980s"),
        ("2021-06", "EARLY", "early Jun 2021"),
        ("2019", "AFTER", "after 2019"),
        (None, None, "undated"),
        ("PRESENT_REF", None, "the present"),
        ("XXXX-05-07", None, "7 May (year unknown)"),
        ("XXXX-01", "END", "end of January (year unknown)"),
    ],
)
def test_timex_label_keeps_granularity(value: str | None, mod: str | None, label: str) -> None:
    assert timex_label(value, mod) == label


def test_month_is_not_shown_as_its_first_day() -> None:
    assert "1" not in timex_label("2021-06").split()[0]


def test_timex_sort_is_chronological_with_coarse_periods_first() -> None:
    values: list[str | None] = ["2021-06-12", "XXXX-05-07", "2021-W23", "2021", "2020-Q4"]
    values += ["2021-06", "2021-H1"]
    values += ["junk", None, "XXXX-03"]
    ordered = sorted(values, key=timex_sort_key)
    assert ordered[:6] == ["2020-Q4", "2021", "2021-H1", "2021-06", "2021-W23", "2021-06-12"]
    assert ordered[6:] == ["XXXX-03", "XXXX-05-07", None, "junk"]


@pytest.mark.parametrize(
    ("value", "text"),
    [(3_200_000_000, "3.2bn"), (4_500_000, "4.5m"), (12_500, "12,500"), (18, "18"), (2.5, "2.5")],
)
def test_humanize_number(value: float, text: str) -> None:
    assert humanize_number(value) == text


def _fig(**fields: object) -> Figure:
    return Figure(id="f", article_id="a", start=0, end=1, text="x", **fields)


def test_figure_label_has_qualifier_currency_unit() -> None:
    assert figure_label(_fig(value=3.5e9, kind="money", currency="EUR", qualifier="about")) == (
        "about €3.5bn"
    )
    assert figure_label(_fig(value=1200, kind="count", unit="containers")) == "1,200 containers"
    assert figure_label(_fig(value=18, kind="percent", change=True)) == "Δ 18%"
    assert figure_label(_fig(low=3, high=5, kind="count")) == "3–5"
    assert figure_label(_fig(value=7, kind="money", currency="CHF")) == "CHF 7"
    # issue 17: cents are money (not "$0.31 cents"); ages
    assert figure_label(_fig(value=0.31, kind="money", currency="USD", unit="cents")) == "$0.31"
    assert figure_label(_fig(value=51, kind="age", unit="years")) == "51 years"
    # ordinals keep their suffix: "80th anniversary", not "80 anniversary"
    assert figure_label(_fig(value=80, kind="ordinal", unit="anniversary")) == "80th anniversary"
    assert [figure_label(_fig(value=n, kind="ordinal")) for n in (1, 2, 3, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]


def test_displayable_keeps_offsets_and_removes_controls() -> None:
    raw = "a\x1b[31mred\x1b[0m\r\nb\u2028c\x00d\te"
    shown = displayable(raw)
    assert len(shown) == len(raw)
    assert "\x1b" not in shown and "\r" not in shown and "\u2028" not in shown
    assert "\x00" not in shown and "\t" not in shown
    assert shown.count("\n") == 1


def test_sentence_around() -> None:
    text = "First one. The second has 12 units here. Third."
    at = text.index("12")
    start, end = sentence_around(text, at, at + 2)
    assert text[start:end] == "The second has 12 units here."


def test_break_long_lines_keeps_offsets() -> None:
    text = ("word " * 1000) + "\nshort line\n" + ("x" * 3000)
    broken = break_long_lines(text, limit=100)
    assert len(broken) == len(text)
    assert all(a == b or (a == " " and b == "\n") for a, b in zip(text, broken, strict=True))
    lines = broken.split("\n")
    assert max(len(line) for line in lines[:-1]) <= 100
    assert lines[-1] == "x" * 3000  # no space to break at: left alone


def _break_long_lines_by_character(text: str, limit: int) -> str:
    """The walk character by character that :func:`break_long_lines` replaced (the
    reference its cuts are compared with)."""
    if len(text) <= limit or max(map(len, text.split("\n"))) <= limit:
        return text
    chars = list(text)
    line_start = 0
    for i in range(len(chars)):
        if chars[i] == "\n":
            line_start = i + 1
        elif i - line_start >= limit:
            cut = text.rfind(" ", line_start + limit // 2, i + 1)
            if cut > line_start:
                chars[cut] = "\n"
                line_start = cut + 1
            else:
                line_start = i
    return "".join(chars)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "bb", "word", "x" * 9, " ", "  ", "\n", "é"]), max_size=120),
    st.integers(min_value=1, max_value=24),
)
def test_break_long_lines_cuts_where_the_walk_by_character_did(
    pieces: list[str], limit: int
) -> None:
    text = "".join(pieces)
    assert break_long_lines(text, limit) == _break_long_lines_by_character(text, limit)


def test_break_long_lines_on_an_article_of_one_long_line() -> None:
    text = " ".join(f"w{i % 97}" * (1 + i % 5) for i in range(20_000))  # ~100 KB, no newline
    broken = break_long_lines(text)
    assert broken == _break_long_lines_by_character(text, 1500)
    assert max(map(len, broken.split("\n"))) <= 1500


def _dated(published: Published, when_text: str = "on Tuesday") -> tuple[Article, TimeExpr]:
    text = f"The port reopened {when_text} after the strike."
    article = Article(id="a", path="a.txt", text=text, published=published)
    start = text.index(when_text)
    when = TimeExpr(
        article_id="a",
        start=start,
        end=start + len(when_text),
        text=when_text,
        value="2031-06-03",
        type="DATE",
    )
    return article, when


@pytest.mark.parametrize(
    ("earliest", "latest", "label"),
    [
        (dt.date(2031, 6, 3), dt.date(2031, 6, 3), "~2031-06-03"),
        (dt.date(2031, 6, 1), dt.date(2031, 6, 30), "~2031-06"),
        (dt.date(2031, 1, 1), dt.date(2031, 12, 31), "~2031"),
        (dt.date(2031, 3, 1), dt.date(2031, 12, 31), "~2031-03-01…2031-12-31"),
    ],
)
def test_an_inferred_publication_date_is_marked_at_its_granularity(
    earliest: dt.date, latest: dt.date, label: str
) -> None:
    date = earliest if earliest == latest else None
    published = Published(date=date, how="inferred", earliest=earliest, latest=latest)
    assert published_label(_dated(published)[0]) == label
    stated = Published(date=dt.date(2031, 6, 3), how="header")
    assert published_label(_dated(stated)[0]) == "2031-06-03"


def test_only_dates_read_from_an_inferred_day_are_marked() -> None:
    day = dt.date(2031, 6, 3)
    inferred = Published(date=day, how="inferred", earliest=day, latest=day)
    assert on_inferred_date(*_dated(inferred))
    assert not on_inferred_date(*_dated(inferred, "on 3 June 2031"))  # its own year
    assert not on_inferred_date(*_dated(Published(date=day, how="header")))
    year = Published(how="inferred", earliest=dt.date(2031, 1, 1), latest=dt.date(2031, 12, 31))
    assert not on_inferred_date(*_dated(year))  # a range anchors nothing


@pytest.mark.parametrize(
    ("measure", "period", "shown"),
    [
        ("trade", "2024", "trade (2024)"),
        ("", "14 Mar (year unknown)", "(14 Mar, year unknown)"),
        ("exports", "July (year unknown)", "exports (July, year unknown)"),
    ],
)
def test_a_period_label_is_never_brackets_in_brackets(
    measure: str, period: str, shown: str
) -> None:
    assert measure_with_period(measure, period) == shown
