"""Sources that are no people: a single word only a reporting verb vouches for, in a title-case
headline or written in lower case elsewhere in the article (an outlet, a group), is no person
of the article and speaks as what it is — on articles written for these tests."""

from __future__ import annotations

import datetime as dt

from fixtures.parsing import parsed, people_of

from tui.extract.people import extract_people
from tui.records.extraction import PeopleResult
from tui.records.models import Article, Published


def _run(text: str) -> PeopleResult:
    return people_of(text, "s1")


def test_headline_word_that_says_is_no_person() -> None:
    text = (
        "Newspaper Says Mayor Must Quit.\n\n"
        "The mayor of Orvik, Lars Holm, faced new calls to resign on Monday.\n"
    )
    result = _run(text)
    assert [p.name for p in result.persons] == ["Lars Holm"]
    [quote] = [q for q in result.quotes if q.cue_span is not None and q.cue_span.text == "Says"]
    assert quote.person_key is None
    assert quote.speaker_kind == "organisation"
    assert quote.speaker is not None and quote.speaker.text == "Newspaper"


def test_group_that_said_is_no_person() -> None:
    text = (
        "The mayor of Orvik, Lars Holm, faced new calls to resign on Monday, and his aides "
        "stayed away from the council.\n\n"
        "Aides said Holm would stay in office until the vote.\n"
    )
    result = _run(text)
    assert [p.name for p in result.persons] == ["Lars Holm"]
    [quote] = result.quotes
    assert quote.person_key is None
    assert quote.speaker_kind != "person"


def test_surname_alone_that_said_stays_a_person() -> None:
    # the corpus may name "Okafor" in full in another article: the surname stays a person
    text = "Okafor said on Tuesday that the deficit would shrink next year.\n"
    result = _run(text)
    [quote] = result.quotes
    assert next(p.name for p in result.persons if p.key == quote.person_key) == "Okafor"


def test_outlets_that_report_are_organisations() -> None:
    # a name with "the" is no person's; one word only a publishing verb vouches for is an
    # outlet
    text = (
        "Mayor Lena Holm spoke on Monday. The Sentinel said the mayor would resign before "
        "the vote. Voxly reported that the mayor would resign in the spring. Ana Ruiz, "
        "her deputy, said the council would meet on Friday.\n"
    )
    result = _run(text)
    assert sorted(p.name for p in result.persons) == ["Ana Ruiz", "Lena Holm"]
    kinds = {q.speaker.text: q.speaker_kind for q in result.quotes if q.speaker is not None}
    assert kinds == {"The Sentinel": "organisation", "Voxly": "organisation", "Ana Ruiz": "person"}


def test_a_surname_that_reports_stays_a_person() -> None:
    text = "Mayor Lena Holm met Tomas Brandt. Brandt reported that the mayor would resign.\n"
    result = _run(text)
    [quote] = result.quotes
    assert quote.speaker_kind == "person"
    assert quote.person_key == next(p.key for p in result.persons if p.name == "Tomas Brandt")


def test_the_articles_own_outlet_is_no_person() -> None:
    text = (
        "Mayor Lena Holm spoke on Monday. According to Vantage Daily, the mayor would resign "
        "before the vote.\n"
    )
    article = Article(
        id="s2",
        path="vantage-daily_s2.txt",
        text=text,
        source="vantage-daily",
        published=Published(date=dt.date(2024, 6, 5), how="header"),
    )
    result = extract_people(parsed(article))
    assert [p.name for p in result.persons] == ["Lena Holm"]
    [quote] = result.quotes
    assert quote.speaker is not None and quote.speaker.text == "Vantage Daily"
    assert (quote.speaker_kind, quote.person_key) == ("organisation", None)
