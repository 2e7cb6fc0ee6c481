"""People on wire news: companies, places and glued titles that are not people.

Every article here is written for the test (no names from the development sets)."""

from __future__ import annotations

import datetime as dt

from fixtures.parsing import parsed

from tui.extract.people import extract_people
from tui.extract.people.words import blocking, name_like
from tui.records.extraction import LocalPerson, PeopleResult
from tui.records.models import Article, Published


def _run(text: str) -> PeopleResult:
    article = Article(
        id="w1",
        path="w1.txt",
        text=text,
        published=Published(date=dt.date(2024, 6, 5), how="header"),
    )
    result = extract_people(parsed(article))
    for person in result.persons:
        for span in [*person.mentions, *person.roles]:
            assert text[span.start : span.end] == span.text
    return result


def _names(result: PeopleResult) -> list[str]:
    return [p.name for p in result.persons]


def _person(result: PeopleResult, name: str) -> LocalPerson:
    matches = [p for p in result.persons if p.name == name]
    assert matches, f"{name!r} not among {_names(result)}"
    return matches[0]


def test_a_compound_title_is_the_role_not_part_of_the_name() -> None:
    result = _run(
        "On Tuesday U.N. Secretary-General Maria Olsen opened the water conference in "
        "Geneva. Olsen said the fund would double.\n"
    )
    assert _names(result) == ["Maria Olsen"]
    olsen = _person(result, "Maria Olsen")
    assert [m.text for m in olsen.mentions] == ["Maria Olsen", "Olsen"]
    assert [r.title for r in olsen.roles] == ["secretary-general"]


def test_a_sports_position_is_a_title() -> None:
    result = _run("Fullback Tomas Verlinde scored twice. Verlinde said he was tired.\n")
    assert _names(result) == ["Tomas Verlinde"]
    assert [r.title for r in _person(result, "Tomas Verlinde").roles] == ["fullback"]
    assert blocking("Winger") == "title"


def test_a_hyphenated_adjective_opens_no_name() -> None:
    assert not name_like("Oslo-based")
    assert not name_like("Lagos-born")
    assert name_like("Min-ho")  # a romanised given name stays a name word
    result = _run("The Lagos-born Brendan Keogh said he would stay at the club.\n")
    assert _names(result) == ["Brendan Keogh"]


def test_sen_without_its_period_after_a_name_is_a_name_word() -> None:
    result = _run(
        "The talks opened in the capital on Friday between Ranald Obi and Chen Sen. "
        "Chen Sen said the rice tax would stay.\n"
    )
    assert "Chen Sen" in _names(result)
    assert "Chen" not in _names(result)


def test_a_name_written_before_a_company_designator_is_the_company() -> None:
    result = _run(
        "Holt-Baxter Cos. said on Monday that its profit fell. Holt, the biggest pump maker "
        "and industry leader in the state, has cut its prices. Holt said sales would rise.\n"
    )
    assert "Holt" not in _names(result)


def test_a_title_keeps_a_person_named_like_the_company() -> None:
    result = _run(
        "Holt-Baxter Cos. said on Monday that its profit fell. The founder's grandson, "
        "Mr. Holt, said sales would rise.\n"
    )
    assert "Holt" in _names(result)


def test_an_apostrophe_inside_a_company_name_does_not_hide_it() -> None:
    result = _run(
        "Ashgrove Holdings raised its bid for Brandle' Pastries Inc. to $12 a share. "
        "Brandle' will answer by Friday, Brandle said.\n"
    )
    assert "Brandle" not in _names(result)


def test_an_initial_alone_is_no_person() -> None:
    result = _run("Ortiz Montanari S.p.A. said it will sell its glass unit this year.\n")
    assert "A." not in _names(result)


def test_an_institution_named_after_a_person_is_not_that_person() -> None:
    result = _run(
        "The archive moved to the Harold P. Brandt Library in Salem last spring.\n\n"
        "President Brandt signed the canal treaty in 1952, said Ann Lee, a historian.\n"
    )
    assert "Harold P. Brandt" not in _names(result)
    # the person the institution is named after is a person where the text says so
    assert [m.text for m in _person(result, "Brandt").mentions] == ["Brandt"]


def test_given_names_alone_join_the_one_person_who_has_them() -> None:
    result = _run(
        "Carlos Andres Ferreira arrived in Lima on Monday. Carlos Andres said he was glad. "
        "Ferreira thanked the crowd.\n"
    )
    assert _names(result) == ["Carlos Andres Ferreira"]
    person = _person(result, "Carlos Andres Ferreira")
    assert [m.text for m in person.mentions] == [
        "Carlos Andres Ferreira",
        "Carlos Andres",
        "Ferreira",
    ]


def test_a_us_state_after_its_city_is_no_person() -> None:
    result = _run(
        "Dr. Ken Ortiz, who teaches nursing at a college in Frederick, Maryland, said the "
        "waiting list had grown.\n"
    )
    assert "Maryland" not in _names(result)
    assert blocking("Maryland") == "place"


def test_arap_and_wa_are_name_particles() -> None:
    result = _run(
        "Aid was handed to President Kiprop arap Tanui on Monday. Tanui said it was welcome. "
        "Prime Minister Lukas wa Ndolo said the harvest would be late.\n"
    )
    assert {"Kiprop arap Tanui", "Lukas wa Ndolo"} <= set(_names(result))
    assert "Kiprop" not in _names(result)


def test_a_name_before_family_is_the_family() -> None:
    result = _run(
        "The bakery chain belongs to the Brandle family, its filing shows. The Ostrander clan "
        "sold its stake in 2019.\n"
    )
    assert "Brandle" not in _names(result)
    assert "Ostrander" not in _names(result)


def test_wire_offices_and_a_religious_sister_are_titles() -> None:
    result = _run(
        "Police Superintendent Oskar Lind closed the bridge on Monday. Pastor Declan Moss "
        "opened the hall to the stranded drivers. Sister Maren Holt ran the soup kitchen. "
        "Treasurer Ana Ruiz promised the repairs.\n"
    )
    assert {"Oskar Lind", "Declan Moss", "Maren Holt", "Ana Ruiz"} <= set(_names(result))
    assert [r.title for r in _person(result, "Oskar Lind").roles] == ["superintendent"]
    assert [r.title for r in _person(result, "Declan Moss").roles] == ["pastor"]


def test_an_inn_named_after_a_person_is_not_that_person() -> None:
    result = _run("Guests at the Helen Porter Inn were moved on Friday.\n")
    assert _names(result) == []


def test_given_names_alone_do_not_count_as_naming_someone_in_full() -> None:
    # the bare surname stays ambiguous between the two namesakes: the writer named each in
    # full once; "Carlos Andres" alone is no second full naming
    result = _run(
        "Mateo Ferreira arrived in Lima on Monday with Carlos Andres Ferreira, who had flown "
        "in from Quito. Carlos Andres said he was glad. Ferreira thanked the crowd.\n"
    )
    carlos = _person(result, "Carlos Andres Ferreira")
    mateo = _person(result, "Mateo Ferreira")
    assert "Ferreira" not in [m.text for m in carlos.mentions + mateo.mentions]
    assert [m.text for m in carlos.ambiguous] == ["Ferreira"]


def test_a_company_speaking_under_its_bare_name_is_an_organisation() -> None:
    # The people rooms drop "Brandvold" (written "Brandvold Cos."); the speaker of what it
    # said is the company, not a person of unknown name.
    text = (
        "Brandvold Cos. said Tuesday that quarterly profit rose. Brandvold said sales of its "
        "frozen pies rose 12% in the quarter.\n\n"
        "Kessler Corp. shares fell. Kessler said it expects weaker demand next year. Its "
        "chief executive, Maria Olsen, said the outlook was poor.\n"
    )
    result = _run(text)
    assert _names(result) == ["Maria Olsen"]
    kinds = {
        (q.speaker.text if q.speaker else None, q.speaker_kind)
        for q in result.quotes
        if q.speaker is not None
    }
    assert ("Brandvold", "person") not in kinds
    assert ("Kessler", "person") not in kinds
    assert {("Brandvold", "organisation"), ("Kessler", "organisation")} <= kinds
    olsen = _person(result, "Maria Olsen")
    assert any(q.person_key == olsen.key and q.speaker_kind == "person" for q in result.quotes)
