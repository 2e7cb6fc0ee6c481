"""Sources that are no people: a single word only a reporting verb vouches for, in a title-case
headline or written in lower case elsewhere in the article (an outlet, a group), is no person
of the article and speaks as what it is — on articles written for these tests."""

from __future__ import annotations

from fixtures.parsing import people_of

from tui.records.extraction import PeopleResult


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
