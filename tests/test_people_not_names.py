"""Names that are not names: ordinary words read into a name, title-case headlines read as
one name, and a relative's namesake taking the bare surname (docs/extraction/people.md,
"Names that are not names (session 8)"). Articles written for these tests."""

from __future__ import annotations

import datetime as dt

from fixtures.parsing import parsed

from tui.extract.people import extract_people
from tui.records.extraction import LocalPerson, PeopleResult
from tui.records.models import Article, Published


def _run(text: str) -> PeopleResult:
    article = Article(
        id="n1",
        path="n1.txt",
        text=text,
        published=Published(date=dt.date(2024, 6, 5), how="header"),
    )
    result = extract_people(parsed(article))
    for person in result.persons:
        for span in person.mentions:
            assert article.text[span.start : span.end] == span.text
    return result


def _names(result: PeopleResult) -> list[str]:
    return sorted(p.name for p in result.persons)


def _person(result: PeopleResult, name: str) -> LocalPerson:
    matches = [p for p in result.persons if p.name == name]
    assert matches, f"{name!r} not among {_names(result)}"
    return matches[0]


def test_a_gerund_opening_a_sentence_case_headline_is_no_given_name() -> None:
    text = (
        "Backing Brennan: a new ad.\n\n"
        "Orla Brennan toured the port on Monday. Brennan said the harbour would reopen.\n"
    )
    result = _run(text)
    assert _names(result) == ["Orla Brennan"]
    assert [m.text for m in _person(result, "Orla Brennan").mentions][-2:] == [
        "Orla Brennan",
        "Brennan",
    ]


def test_a_derived_adverb_opening_a_sentence_is_no_given_name() -> None:
    text = (
        "Orla Brennan toured the port on Monday. Remarkably Brennan, a former judge, said "
        "the harbour would reopen.\n"
    )
    assert _names(_run(text)) == ["Orla Brennan"]


def test_a_quoted_slogan_before_a_surname_is_not_part_of_the_name() -> None:
    text = (
        "Orla Brennan faced protesters on Monday. Brennan said she would not resign.\n\n"
        'A new web ad, "Bye Brennan," in which children mock her, ran on Tuesday.\n'
    )
    assert _names(_run(text)) == ["Orla Brennan"]


def test_adverbs_conjunctions_and_plural_titles_are_not_names() -> None:
    text = (
        "Orla Brennan and Declan Halloran both ran for the port board.\n\n"
        "Whereas Brennan had a net positive rating, Halloran did not. Curiously Halloran, "
        "a former judge, declined to comment. The plans of Governors Brennan and Halloran "
        "differ, said the Ohioan Fergal Quigley.\n"
    )
    result = _run(text)
    names = _names(result)
    assert all(not n.startswith(("Whereas", "Curiously", "Governors", "Ohioan")) for n in names), (
        names
    )
    assert "Fergal Quigley" in names
    assert [m.text for m in _person(result, "Declan Halloran").mentions][:2] == [
        "Declan Halloran",
        "Halloran",
    ]


def test_given_names_with_the_forms_of_ordinary_words_stay() -> None:
    text = (
        "Irving Kamara, a port official, said on Monday that Rasheed Banda would join "
        "the board. Per Lindqvist, its chairman, agreed.\n"
    )
    names = _names(_run(text))
    for name in ("Irving Kamara", "Rasheed Banda", "Per Lindqvist"):
        assert name in names, names


def test_a_title_case_headline_is_split_into_the_names_of_the_body() -> None:
    text = (
        "Port Chief Orla Brennan Thanks Declan Halloran After Harbour Vote\n\n"
        "The port chief, Orla Brennan, thanked Declan Halloran on Monday after the "
        "council vote. Halloran said the harbour would reopen, and Brennan agreed.\n"
    )
    result = _run(text)
    assert _names(result) == ["Declan Halloran", "Orla Brennan"]
    assert [m.text for m in _person(result, "Declan Halloran").mentions] == [
        "Declan Halloran",
        "Declan Halloran",
        "Halloran",
    ]


def test_a_title_case_headline_keeps_a_full_name_the_body_shortens() -> None:
    text = (
        "Why The Harbour Board Is Still Fighting About Orla Brennan\n\n"
        "Brennan said on Monday that the harbour would reopen.\n"
    )
    assert "Orla Brennan" in _names(_run(text))


def test_a_relative_introduced_by_kinship_does_not_take_the_bare_surname() -> None:
    text = (
        "Brennan campaigns in the north\n\n"
        'Senator Orla Brennan opened her campaign on Monday. A book, "Orla Brennan: '
        'A Life at Sea," and a film, "Orla Brennan\'s Harbour," came out this year.\n\n'
        "On the road she called her husband, Declan Brennan, every night. Brennan said "
        "the campaign was going well.\n\n"
        "Brennan will speak in Galway on Friday.\n"
    )
    result = _run(text)
    orla = _person(result, "Orla Brennan")
    declan = _person(result, "Declan Brennan")
    assert [m.text for m in declan.mentions] == ["Declan Brennan"]
    assert sum(1 for m in orla.mentions if m.text == "Brennan") == 3


def test_after_mr_a_relative_of_the_same_gender_leaves_the_surname_open() -> None:
    # "Mr. Brennan" beside "her son, Declan Brennan": maybe a third Brennan, never named
    text = (
        "Orla Brennan spoke at the convention about her son, Declan Brennan, a soldier.\n\n"
        "Mr. Brennan stood beside her.\n"
    )
    result = _run(text)
    declan = _person(result, "Declan Brennan")
    orla = _person(result, "Orla Brennan")
    assert [m.text for m in orla.mentions] == ["Orla Brennan"]
    assert "Declan Brennan" in [m.text for m in declan.mentions]
