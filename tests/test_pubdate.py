"""Publication dates inferred from an article's own evidence (tui.extract.pubdate), one rule
at a time, on short articles written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import nlp
from tui.corrections import parse_corrections
from tui.extract.pubdate import dated, infer_published
from tui.extract.timex import extract_timexes
from tui.ingest.files import load_articles
from tui.nlp import ParsedArticle
from tui.pipeline import build_corpus, load_corpus
from tui.records.models import Article, Published


def parsed(text: str) -> ParsedArticle:
    article = Article(id="t", path="t.txt", text=text)
    return nlp.parse_article(article, nlp.load())


def infer(text: str) -> Published:
    return infer_published(parsed(text))


def span(p: Published) -> tuple[dt.date | None, dt.date | None]:
    return p.earliest, p.latest


def test_no_evidence_stays_undated() -> None:
    p = infer("The council met to discuss the budget. No decision was taken on Monday.")
    assert p.how == "none" and p.date is None and span(p) == (None, None)


def test_a_past_date_is_a_lower_bound_not_the_date() -> None:
    """The old fallback took the latest past date (here a birth date) as the date."""
    p = infer("She toured Europe in 2029. The singer was born on 5 May 1961.")
    assert p.how == "none" and p.date is None
    assert p.detail.startswith("no upper bound: on or after 2029-01-01")  # the tightest first
    assert "on or after 1961-05-05" in p.detail


def test_past_and_scheduled_events_bound_the_date_on_both_sides() -> None:
    p = infer(
        "The ferry landed at the new quay on 1 June 2031. "
        "The harbour festival will open on 4 June 2031."
    )
    assert p.how == "inferred" and p.date is None
    assert span(p) == (dt.date(2031, 6, 1), dt.date(2031, 6, 4))
    assert "on or after 2031-06-01" in p.detail and "on or before 2031-06-04" in p.detail


def test_a_present_tense_schedule_is_an_upper_bound() -> None:
    p = infer("The bridge was closed in March 2031. The bridge opens on 9 May 2031, officials say.")
    assert span(p) == (dt.date(2031, 3, 1), dt.date(2031, 5, 9))


def test_a_date_hanging_on_a_noun_or_after_until_says_nothing() -> None:
    """ "The 4 June 2031 summit was postponed": the summit may still be to come."""
    p = infer(
        "The 4 June 2031 summit was postponed. The ban lasted until 2033. "
        "The talks will go on into 2030."
    )
    assert p.how == "none" and p.date is None
    assert "2031-06-04" not in p.detail and "2033" not in p.detail


def test_a_deadline_still_to_come_is_an_upper_bound() -> None:
    p = infer(
        "The ferry landed on 3 March 2031. The strike will continue to weigh on the port "
        "through 2031."
    )
    assert span(p) == (dt.date(2031, 3, 3), dt.date(2031, 12, 31))


def test_a_plan_told_in_the_past_says_nothing() -> None:
    """Scheduled, postponed or extended in the past: the day named may still be to come."""
    p = infer(
        "The vote was scheduled for 9 June 2032. The launch was postponed to 4 July 2032. "
        "The ban was extended from 2033. The verdict was expected on 2 May 2034."
    )
    assert p.how == "none" and p.detail == "no evidence of the publication date in the text"


def test_both_bounds_on_one_day_give_the_date() -> None:
    p = infer(
        "Officials said the dam opened on 3 June 2031. The new road will open on 3 June 2031."
    )
    assert p.date == dt.date(2031, 6, 3) and span(p) == (p.date, p.date)


def test_contradicting_evidence_gives_no_date() -> None:
    p = infer("The plant closed on 9 June 2031. The plant will open on 3 June 2031.")
    assert p.how == "none" and p.date is None
    assert p.detail.startswith("evidence contradicts itself")


def test_this_year_tied_to_an_explicit_month_and_year() -> None:
    p = infer(
        "The minister was sworn in in March 2031. Since the end of March this year, prices "
        "have risen every week."
    )
    assert p.how == "inferred"
    assert span(p) == (dt.date(2031, 3, 1), dt.date(2031, 12, 31))  # sworn in: past
    assert "this year = 2031 from 'March 2031'" in p.detail
    assert "on or after 2031-03-01" in p.detail


def test_last_year_tied_to_an_explicit_month_and_year() -> None:
    p = infer("Six deals were signed in June last year. Exports rose after June 2030.")
    assert span(p) == (dt.date(2031, 1, 1), dt.date(2031, 12, 31))
    assert "last year = 2030" in p.detail


def test_a_month_with_two_explicit_years_ties_nothing() -> None:
    p = infer("Prices fell in March 2029 and in March 2030. Since March this year they rose.")
    assert "this year =" not in p.detail


def test_weekday_with_day_of_month_narrows_the_year_to_days() -> None:
    """In 2031 the only Thursday the 12th is 12 June; a vote still to come on it is
    published in the six days before."""
    p = infer(
        "The minister was sworn in in March 2031. Since March this year the coalition has "
        "lost four votes. Parliament will vote again this Thursday (12)."
    )
    assert span(p) == (dt.date(2031, 6, 6), dt.date(2031, 6, 12))
    assert "'Thursday (12)'" in p.detail


def test_weekday_with_month_and_day_told_in_the_past() -> None:
    p = infer(
        "The strike began in January 2031. Since January this year, ports have been shut. "
        "Dockers marched on Thursday, June 12."
    )
    assert span(p) == (dt.date(2031, 6, 12), dt.date(2031, 6, 18))


def test_a_weekday_the_range_cannot_hold_is_a_contradiction() -> None:
    """No Thursday in 2031 falls on 13 June 2031's neighbourhood: the 13th is a Friday."""
    p = infer(
        "The minister was sworn in in March 2031. Since March this year prices rose. "
        "The vote was held on Thursday, June 13."
    )
    assert p.how == "none" and p.detail.startswith("evidence contradicts itself")


def test_yesterday_named_with_a_full_date_is_the_day_before_publication() -> None:
    p = infer("The council voted yesterday (4 March 2031) to close the pier. It met today.")
    assert p.how == "inferred" and p.date == dt.date(2031, 3, 5)
    assert "yesterday is 2031-03-04" in p.detail


def test_tomorrow_with_a_weekday_and_full_date() -> None:
    p = infer("Tomorrow, Thursday, March 6, 2031, the port reopens after the storm.")
    assert p.date == dt.date(2031, 3, 5)


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("three days ago, on 2 March 2031,", dt.date(2031, 3, 5)),
        ("the day before yesterday (2 March 2031)", dt.date(2031, 3, 4)),
        ("yesterday, on Sunday, 2 March 2031,", dt.date(2031, 3, 3)),
    ],
)
def test_days_counted_back_from_publication(said: str, day: dt.date) -> None:
    p = infer(f"The ferry ran aground {said} near the harbour mouth.")
    assert p.date == day, p.detail


def test_vague_days_ago_say_nothing() -> None:
    p = infer("The ferry ran aground several days ago, on 2 March 2031, near the harbour.")
    assert p.date is None


def test_a_weekday_the_full_date_is_not_gives_no_evidence() -> None:
    """4 March 2031 is a Tuesday: the writer slipped on one of the two, so neither is used."""
    p = infer("Today, Monday, 4 March 2031, the port reopens after the storm.")
    assert p.how == "none" and p.date is None


def test_today_with_a_month_day_fixes_the_day_in_a_stated_year() -> None:
    p = infer(
        "Rents rose this year (2031) by a fifth. Tomorrow, 6 March, the council votes on a cap."
    )
    assert p.how == "inferred" and p.date == dt.date(2031, 3, 5)
    assert "this year = 2031 from 'this year (2031)'" in p.detail
    assert "the day of 'Tomorrow, 6 March'" in p.detail


def test_today_with_a_weekday_narrows_the_days() -> None:
    """Between 2 and 9 June 2031 the only Friday is the 6th."""
    p = infer(
        "The strike began on 2 June 2031. It will end by 9 June 2031. Today (Friday) the "
        "dockers march through the port."
    )
    assert p.date == dt.date(2031, 6, 6)
    assert "the day of 'Today (Friday)'" in p.detail


def test_a_weekday_named_as_yesterday() -> None:
    p = infer(
        "The strike began on 2 June 2031. It will end by 9 June 2031. The dockers marched "
        "on Friday (yesterday) through the port."
    )
    assert p.date == dt.date(2031, 6, 7)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Last year, 2030, was the warmest on record.", 2031),
        ("The budget for 2032 (next year) was passed.", 2031),
        ("Prices rose this year (2031) by a fifth.", 2031),
    ],
)
def test_a_deictic_year_stated_with_its_number(text: str, year: int) -> None:
    p = infer(f"{text} Dockers marched on Thursday, June 12.")
    assert span(p) == (dt.date(year, 6, 12), dt.date(year, 6, 18)), p.detail


@pytest.mark.parametrize(
    "text",
    [
        '"Today, 4 March 2031, is a great day," the mayor said.',  # a quote may be older
        "\u201cYesterday (Tuesday) was calm,\u201d she said. Rents rose this year (2031).",
        "The mayor announced yesterday 5 May 2031 would be a holiday.",  # no apposition
        "Rents rose this year (2031). Today, 12 March is a holiday in the port.",  # subject
        "Rents rose this year (2031). Today, Monday, Tuesday and Friday are holidays.",  # list
    ],
)
def test_deictic_words_without_an_apposition_say_nothing(text: str) -> None:
    p = infer(text)
    assert p.date is None and "the day of" not in p.detail and "is 2031" not in p.detail


def test_a_single_day_anchors_the_relative_expressions() -> None:
    text = (
        "The dam opened on 3 June 2031. The new road will open on 3 June 2031. "
        "Engineers inspected it yesterday."
    )
    one = dated(parsed(text))
    assert one.article.published.date == dt.date(2031, 6, 3)
    values = {t.text: t.value for t in extract_timexes(one)}
    assert values["yesterday"] == "2031-06-02"


def test_a_range_leaves_the_relative_expressions_unanchored() -> None:
    text = (
        "The dam opened on 1 June 2031. The new road will open on 9 June 2031. "
        "Engineers inspected it yesterday."
    )
    one = dated(parsed(text))
    assert one.article.published.how == "inferred" and one.article.published.date is None
    values = {t.text: t.value for t in extract_timexes(one)}
    assert values["yesterday"] is None


def test_an_article_with_a_dateline_is_not_inferred() -> None:
    text = "HARBOURTON, June 5, 2031 (Coast Wire) - The ferry landed on 1 June 2031.\n"
    article = _read(text)
    assert article.published.how == "dateline"
    assert dated(nlp.parse_article(article, nlp.load())).article is article


def _read(text: str) -> Article:
    from tui.ingest.boilerplate import find_boilerplate
    from tui.ingest.metadata import extract_metadata

    boilerplate = find_boilerplate(text)
    content = Article(id="t", path="t", text=text, boilerplate=boilerplate).content_text()
    meta = extract_metadata(text, content, boilerplate)
    return Article(id="t", path="t", text=text, boilerplate=boilerplate, published=meta.published)


UNDATED = (
    "Harbour news\n\nThe dam opened on 1 June 2031. The new road will open on 9 June 2031. "
    "Engineers inspected the road yesterday.\n"
)


def test_the_pipeline_dates_an_undated_article(tmp_path: Path) -> None:
    (tmp_path / "dam.txt").write_text(UNDATED)
    corpus = load_corpus(tmp_path, lambda _m: None)
    [article] = corpus.articles
    assert article.published.how == "inferred"
    assert span(article.published) == (dt.date(2031, 6, 1), dt.date(2031, 6, 9))
    built = build_corpus(load_articles(tmp_path, lambda _m: None))
    assert built.articles[0].published == article.published


def test_the_analysts_date_reanchors_every_relative_expression(tmp_path: Path) -> None:
    (tmp_path / "dam.txt").write_text(UNDATED)
    (tmp_path / "newsdash.toml").write_text("[articles]\ndam = 2031-06-05\n")
    corpus = load_corpus(tmp_path, lambda _m: None)
    [article] = corpus.articles
    assert article.published.date == dt.date(2031, 6, 5)
    assert article.published.how == "analyst"
    assert {t.text: t.value for t in corpus.timexes}["yesterday"] == "2031-06-04"
    corrections = parse_corrections({"articles": {"dam": "2031-06-07"}})
    built = build_corpus(load_articles(tmp_path, lambda _m: None), corrections=corrections)
    assert {t.text: t.value for t in built.timexes}["yesterday"] == "2031-06-06"


@pytest.mark.parametrize("value", ["June 5", 5, "2031-13-01"])
def test_a_malformed_article_date_is_a_one_line_error(value: object) -> None:
    with pytest.raises(ValueError, match=r"articles\.dam must be a date"):
        parse_corrections({"articles": {"dam": value}})


WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _long(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dates(dt.date(2001, 1, 1), dt.date(2039, 12, 31)),
    st.integers(0, 400),
    st.integers(0, 400),
    st.integers(0, 6),
    st.booleans(),
    st.integers(0, 3),
)
def test_the_true_date_is_always_inside_the_stated_range(
    published: dt.date, back: int, ahead: int, weekday_offset: int, tie: bool, deictic: int
) -> None:
    """An article written on ``published``: a past event ``back`` days before it, a
    scheduled one ``ahead`` days after, a weekday event of the same week, perhaps a month
    tied to "this year", perhaps a deictic day or year named with its weekday, date or
    number. Whatever the inference answers contains ``published`` (the parse may leave some
    evidence unattached, and then the answer is only wider)."""
    past = published - dt.timedelta(days=back)
    future = published + dt.timedelta(days=ahead)
    week = published - dt.timedelta(days=weekday_offset)
    sentences = [
        f"The ferry landed on {_long(past)} at the new quay.",
        f"The harbour festival will open on {_long(future)}.",
        f"Dockers marched on {WEEKDAY_NAMES[week.weekday()]} ({week.day}).",
    ]
    if tie:
        month = published.strftime("%B")
        sentences.insert(0, f"The port was sold in {month} {published.year}.")
        sentences.append(f"Since {month} this year, traffic has doubled.")
    yesterday = published - dt.timedelta(days=1)
    tomorrow = published + dt.timedelta(days=1)
    said = [
        "",
        f"The mayor spoke yesterday ({WEEKDAY_NAMES[yesterday.weekday()]}) at the quay.",
        f"Tomorrow, {tomorrow.day} {tomorrow.strftime('%B')}, the fair opens.",
        f"Rents rose this year ({published.year}) by a fifth.",
    ][deictic]
    sentences.insert(1, said)
    p = infer(" ".join(s for s in sentences if s))
    if p.how == "inferred":
        assert p.earliest is not None and p.latest is not None
        assert p.earliest <= published <= p.latest, p.detail
    else:
        assert p.date is None and not p.detail.startswith("evidence contradicts"), p.detail
