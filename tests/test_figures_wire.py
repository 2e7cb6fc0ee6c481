"""Figures on wire and financial news (session 9): results tables and scores, stock-price
fractions and moves, wire currencies, cents written out, peoples counted, numbers inside
names. Every sentence is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from fixtures.parsing import parsed

from tui.extract.figures import extract_figures
from tui.records.models import Article, Figure, Published


def figs(text: str) -> list[Figure]:
    article = Article(
        id="w1",
        path="w1.txt",
        text=text,
        published=Published(date=dt.date(1997, 3, 4), how="header"),
    )
    return extract_figures(parsed(article))


def by_text(text: str) -> dict[str, Figure]:
    return {f.text: f for f in figs(text)}


# Results tables and scores


def test_a_results_table_has_no_figures_but_the_prose_around_it_does() -> None:
    text = (
        "RUGBY - WESTERN CUP RESULTS.\n\nResults of Western Cup matches on Sunday:\n\n"
        "HARBOR CITY 27 Eastfield 12\n\nNorthgate 9 LAKESIDE 31\n\nPort Alder 15 Brill 15\n\n"
        "A crowd of 14,000 fans watched the final in Harbor City.\n"
    )
    found = figs(text)
    assert [f.text for f in found] == ["14,000 fans"]


def test_a_leaderboard_has_no_figures() -> None:
    text = (
        "Leading first-round scores at the Corran Classic (players U.S. unless stated):\n\n"
        "63 Ana Brook\n\n65 Lee Tam, Rosa Vint (Chile), Kim Oduya\n\n"
        "68 Paul Ferro, Dan Melk, Sam\n\nUdeh, Joe Pratt\n\n70 Ivo Lind (Norway)\n"
    )
    assert figs(text) == []


def test_one_line_of_that_shape_alone_is_not_a_table() -> None:
    found = figs("Marlow 7 Keswick 2\n\nThe council approved 45 new homes on Tuesday.\n")
    assert "45 new homes" in [f.text for f in found]
    assert any(f.value == 7 for f in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Harwick drew 1-1 with Ostend in their second-leg tie on Sunday.",
        "Dana Kell lost the final 4-6 3-6 to the top seed on the centre court.",
        "Talbot United slumped to a 1-3 defeat against Rovers in the rain.",
        "The visitors went out 2-5 on aggregate after extra time.",
    ],
)
def test_scores_are_not_ranges(sentence: str) -> None:
    assert [f for f in figs(sentence) if f.low is not None] == []


def test_ranges_written_with_a_hyphen_stay_ranges() -> None:
    found = by_text("The agency expects 10-15 new projects and a rise of 3-5% next year.")
    assert (found["10-15 new projects"].low, found["10-15 new projects"].high) == (10, 15)
    assert (found["3-5%"].low, found["3-5%"].high) == (3, 5)


# Stock prices: fractions, and a move then the new level


def test_price_fractions_are_read() -> None:
    found = by_text("Delmar Corp. rose 3 3/8 to 41 1/4 in heavy trading on Tuesday.")
    assert found["3 3/8"].value == 3.375
    assert found["41 1/4"].value == 41.25
    assert found["3 3/8"].change is True


def test_a_bare_fraction_after_a_move_is_a_price_change() -> None:
    found = by_text("Orlen Mining eased 1/4 to 17 and Vask slipped 5/8 to 22-3/4.")
    assert found["1/4"].value == 0.25
    assert found["17"].value == 17
    assert found["5/8"].value == 0.625
    assert found["22-3/4"].value == 22.75


def test_a_fraction_without_a_move_is_still_no_figure() -> None:
    assert figs("The panel gave the hotel 3/4 and the spa 4/5.") == []


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        ("Vantor shares fell 2 to 18 after the profit warning.", ["2", "18"]),
        ("Brisk Foods gained $1.25 to $30.50 on the news.", ["$1.25", "$30.50"]),
    ],
)
def test_a_move_then_the_level_are_two_figures(sentence: str, texts: list[str]) -> None:
    assert [f.text for f in figs(sentence)] == texts


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("The mill plans to cut 500 to 800 jobs next year.", "500 to 800 jobs"),
        ("Consumer prices rose 2 to 3 percent in the spring.", "2 to 3 percent"),
        ("Margins fell 40% to 60% below their usual level.", "40% to 60%"),
        ("Orders rose 2 to 3 million units a year.", "2 to 3 million units"),
    ],
)
def test_a_range_after_a_move_stays_a_range(sentence: str, span: str) -> None:
    found = by_text(sentence)
    assert found[span].value is None
    assert found[span].low is not None


# Currencies of wire copy, cents written out


@pytest.mark.parametrize(
    ("sentence", "needle", "value", "currency"),
    [
        ("The lender approved dlrs 40 million for the port.", "40", 40_000_000, "USD"),
        ("The fund raised 25 million dlrs in June.", "25", 25_000_000, "USD"),
        ("Tickets cost 2,300 French francs each.", "2,300", 2300, "FRF"),
        ("Each family got 120,000 Ugandan shillings in aid.", "120,000", 120_000, "UGX"),
        ("The stake was sold for 9 million guilders.", "9 million", 9_000_000, "NLG"),
        ("Shares of Telmar gained nine cents on Friday.", "nine cents", 0.09, "USD"),
    ],
)
def test_wire_currencies_and_written_cents(
    sentence: str, needle: str, value: float, currency: str
) -> None:
    (fig,) = [f for f in figs(sentence) if needle in f.text]
    assert (fig.kind, fig.currency) == ("money", currency)
    assert fig.value == pytest.approx(value)


def test_letters_before_a_currency_word_are_another_word() -> None:
    (fig,) = figs("The grandlrs 40 were counted.")
    assert fig.kind != "money"


# What is counted: peoples; numbers inside names


def test_a_people_is_the_counted_noun() -> None:
    found = by_text("The raid freed 14 Canadians and three Norwegians on Monday.")
    assert found["14 Canadians"].unit == "canadians"
    assert found["three Norwegians"].unit == "norwegians"


def test_a_number_inside_a_name_is_no_figure() -> None:
    found = figs("Lawyers took the case to the 9th Circuit Court of Appeals in San Francisco.")
    assert found == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The party promised full employment by the year two thousand.",
        "Veterans of the second world war marched through the square.",
    ],
)
def test_the_year_and_the_world_war_are_not_figures(sentence: str) -> None:
    assert figs(sentence) == []


def test_a_few_hundred_is_not_one_hundred() -> None:
    assert [f.value for f in figs("A few hundred farmers blocked the road to Tarvel.")] == []


# What an amount earned is


def test_a_wage_is_pay_not_profit() -> None:
    (wage,) = figs("Ana Ruiz earns $14 an hour at the bakery in Lorca.")
    assert wage.measure == "pay"
    (profit,) = figs("Tarvel Corp earned $14 million in the third quarter.")
    assert profit.measure == "profit"
