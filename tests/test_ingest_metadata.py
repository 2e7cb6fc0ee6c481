"""Publication date, outlet and title from the text, on articles written for these tests."""

from __future__ import annotations

import datetime as dt

from tui.ingest.boilerplate import find_boilerplate
from tui.ingest.metadata import Metadata, extract_metadata
from tui.records.models import Article


def meta(text: str) -> Metadata:
    boilerplate = find_boilerplate(text)
    content = Article(id="t", path="t", text=text, boilerplate=boilerplate).content_text()
    return extract_metadata(text, content, boilerplate)


BODY = (
    "\n\nThe regional development bank approved a new credit line for small farmers on "
    "Monday, officials said, after two years of negotiations.\n"
)


def test_header_line_with_iso_date() -> None:
    text = "date 2024-06-05\nHarbour strike ends after talks" + BODY
    m = meta(text)
    assert m.published.date == dt.date(2024, 6, 5)
    assert m.published.how == "header"
    assert m.published.start is not None and m.published.end is not None
    assert text[m.published.start : m.published.end] == "2024-06-05"


def test_published_beats_updated() -> None:
    text = "Updated: March 3, 2023\nPublished: February 28, 2023\nBudget vote delayed" + BODY
    m = meta(text)
    assert m.published.date == dt.date(2023, 2, 28)
    assert m.published.how == "header"


def test_updated_line_is_used_when_alone() -> None:
    m = meta("Last updated on 14 November 2022\nPort reopens" + BODY)
    assert m.published.date == dt.date(2022, 11, 14)


def test_wire_dateline_with_slashed_agency_takes_year_from_the_text() -> None:
    text = (
        "LIMA, March 4. /ABC/. The mining ministry said output fell in 2023 and that a new "
        "tender, first announced on 12 January 2024, would open soon."
    )
    m = meta(text)
    assert m.source == "ABC"
    assert m.published.how == "dateline"
    assert m.published.date == dt.date(2024, 3, 4)
    assert m.published.text == "March 4"


def test_header_then_dateline_on_one_line() -> None:
    text = " date 2021-09-30 OSLO, September 30. /NTB/. Parliament opened its session."
    m = meta(text)
    assert m.published.how == "header"
    assert m.published.date == dt.date(2021, 9, 30)
    assert m.source == "NTB"


def test_dateline_with_day_month_year_and_parenthesised_agency() -> None:
    m = meta("Quito, 7 August 2019 (XYZ): The two governments agreed to cooperate on trade.")
    assert m.published.date == dt.date(2019, 8, 7)
    assert m.published.how == "dateline"
    assert m.source == "XYZ"


def test_reuters_style_dateline_without_date_gives_source_only() -> None:
    m = meta("NAIROBI (Reuters) - Kenya's central bank held its main rate on Tuesday.")
    assert m.source == "Reuters"
    assert m.published.date is None


def test_ap_style_dateline_with_month_day() -> None:
    text = (
        "WASHINGTON, June 5 (AP) — Lawmakers said the bill, which passed the House on "
        "May 30, 2024, faces a tougher vote in the Senate."
    )
    m = meta(text)
    assert m.source == "AP"
    assert m.published.date == dt.date(2024, 6, 5)


def test_dateline_month_day_without_any_year_stays_null() -> None:
    m = meta("ROME, May 2 (ANSA) - The cabinet met and approved the decree.")
    assert m.source == "ANSA"
    assert m.published.date is None
    assert m.published.how == "none"
    assert "no year" in m.published.detail


def test_credit_line_names_the_agency() -> None:
    text = "Storm closes ports\n\n(AFP) — Authorities closed three ports as the storm neared."
    m = meta(text)
    assert m.source == "AFP"


def test_byline_date_in_first_lines() -> None:
    text = "Farm exports rebound\nBy Jane Roe | 18 October 2020" + BODY
    m = meta(text)
    assert m.published.date == dt.date(2020, 10, 18)
    assert m.published.how == "text"
    assert m.title == "Farm exports rebound"


def test_the_latest_past_date_is_not_taken_as_the_publication_date() -> None:
    """The old fallback is gone: a past date in the body is when something happened, not
    when the article was written (tui.extract.pubdate infers from all the evidence)."""
    text = (
        "The council voted on 2 March 2021 to fund the bridge. Work started on 9 April 2021. "
        "The opening is planned for 1 June 2030."
    )
    m = meta(text)
    assert m.published.how == "none"
    assert m.published.date is None


def test_a_period_end_in_a_head_line_is_not_a_date_line() -> None:
    m = meta("Quarterly forecast\nSix months to August 20, 2031\n\nSales rose, it said.\n")
    assert m.published.date is None
    assert m.published.how == "none"
    m = meta("Quarterly forecast\nAugust 20, 2031\n\nSales rose, it said.\n")
    assert m.published.date == dt.date(2031, 8, 20) and m.published.how == "text"


def test_no_evidence_means_no_date() -> None:
    m = meta("Officials met to discuss the budget. No decision was taken.")
    assert m.published.date is None
    assert m.published.how == "none"


def test_sentence_first_line_is_not_a_title() -> None:
    m = meta("The talks ended without agreement.\n\nBoth sides said they would meet again.")
    assert m.title is None


def named(text: str, file_name: str) -> Metadata:
    boilerplate = find_boilerplate(text)
    content = Article(id="t", path="t", text=text, boilerplate=boilerplate).content_text()
    return extract_metadata(text, content, boilerplate, file_name=file_name)


def test_a_file_name_dates_an_article_whose_text_states_no_date() -> None:
    text = "Harbour strike ends after talks" + BODY
    assert meta(text).published.how == "none"
    for name in ("portnews_2021-06-12_harbour-strike.txt", "WIRE20210612.0042.txt"):
        m = named(text, name)
        assert (m.published.date, m.published.how) == (dt.date(2021, 6, 12), "filename")
        assert m.published.start is None  # not in the text: no span to show


def test_the_text_beats_the_file_name_and_odd_names_date_nothing() -> None:
    text = "date 2024-06-05\nHarbour strike ends after talks" + BODY
    m = named(text, "2021-06-12_story.txt")
    assert (m.published.date, m.published.how) == (dt.date(2024, 6, 5), "header")
    plain = "Harbour strike ends after talks" + BODY
    for name in (
        "2016-election-results.txt",  # a year is not a day
        "story_2024-02-30.txt",  # no such day
        "id-202406051234.txt",  # part of a longer number
        "2024-06-05_vs_2024-06-07.txt",  # two dates: nothing to choose between
    ):
        assert named(plain, name).published.how == "none", name


def test_a_dateline_month_day_takes_its_year_from_a_matching_file_name() -> None:
    text = (
        "ROME, May 2 (ANSA) - The cabinet met and approved the decree it first discussed "
        "on March 3, 2019."
    )
    m = named(text, "ansa_2023-05-02.txt")
    assert (m.published.date, m.published.how) == (dt.date(2023, 5, 2), "dateline")
    assert "file name" in m.published.detail
    # A file name of another day leaves the text's own rule in charge.
    assert named(text, "ansa_2023-05-09.txt").published.date == dt.date(2019, 5, 2)


def test_a_dated_file_name_leading_with_one_word_names_the_outlet() -> None:
    plain = "Harbour strike ends after talks" + BODY
    assert named(plain, "portnews_2021-06-12_harbour-strike.txt").source == "portnews"
    assert named(plain, "harbour-wire_2021-06-12_strike.txt").source == "harbour-wire"
    assert named(plain, "HWS20210612.0042.txt").source == "HWS"
    for name in (
        "strike-report-2021-06-12.txt",  # a slug before the date, nothing after it
        "2021-06-12_harbour-strike.txt",  # no word before the date
        "port news_2021-06-12_strike.txt",  # two words: not one outlet's name
        "portnews_strike.txt",  # no date: no naming convention to read
    ):
        assert named(plain, name).source is None, name
    # the text's own credit wins over the file name
    credited = "WELLINGTON, June 12 (HWS) - Dock workers returned to work on Monday."
    assert named(credited, "portnews_2021-06-12_strike.txt").source == "HWS"
