"""Wrong speakers users would see, by class (issue 15, session 9): a surname that is also a
title word, a role named only after the statement, … — on articles written for these
tests (docs/extraction/people.md, "Session 9")."""

from __future__ import annotations

from fixtures.parsing import people_of

from tui.records.extraction import PeopleResult


def _run(text: str) -> PeopleResult:
    result = people_of(text, "w1")
    for quote in result.quotes:
        if quote.speaker is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
    return result


def _name_of(result: PeopleResult, key: str | None) -> str | None:
    return next((p.name for p in result.persons if p.key == key), None)


def test_a_title_word_after_a_given_name_is_the_surname() -> None:
    text = (
        "The port of Orvik reopened on Monday.\n\n"
        '"We waited too long," Walter Dean, the harbour master, said on Monday. "It is '
        'late," said Representative Agnes T. King of Maine. "I was there," Ruth Singer '
        "said.\n"
    )
    result = _run(text)
    names = sorted(p.name for p in result.persons)
    assert names == ["Agnes T. King", "Ruth Singer", "Walter Dean"]
    speakers = [_name_of(result, q.person_key) for q in result.quotes if q.kind == "direct"]
    assert speakers == ["Walter Dean", "Agnes T. King", "Ruth Singer"]


def test_a_title_word_before_a_name_stays_a_title() -> None:
    text = (
        "King Osric met Dean Holt of the law school on Monday. Holt said the talks would go on.\n"
    )
    result = _run(text)
    names = sorted(p.name for p in result.persons)
    assert "Osric" in names
    assert not any(n.endswith(("King", "Dean")) for n in names)


def test_a_definite_role_is_not_a_holder_named_only_later() -> None:
    text = (
        "The harbour bill passed on Monday.\n\n"
        '"We kept our word to the fishermen," the senator said.\n\n'
        "On Tuesday, Sen. Ana Ruiz, who voted against it, said the bill "
        "would cost too much.\n"
    )
    result = _run(text)
    [quote] = [q for q in result.quotes if q.kind == "direct"]
    assert quote.person_key is None
    assert quote.speaker_kind == "description"
    assert quote.speaker is not None and quote.speaker.text == "the senator"


def test_a_definite_role_refers_back_to_its_holder() -> None:
    text = (
        "Sen. Ana Ruiz voted against the harbour bill on Monday.\n\n"
        '"We kept our word to the fishermen," the senator said.\n'
    )
    result = _run(text)
    [quote] = [q for q in result.quotes if q.kind == "direct"]
    assert _name_of(result, quote.person_key) == "Ana Ruiz"


def test_a_pronoun_after_a_role_subject_is_the_roles_holder_not_an_object_name() -> None:
    text = (
        "Former President Marco Lind campaigned in Orvik on Monday.\n\n"
        "The former president praised the school plan of Mayor Tomas Vidal. "
        '"This town has waited long enough for new schools," he told the crowd.\n'
    )
    result = _run(text)
    [quote] = [q for q in result.quotes if q.kind == "direct"]
    assert _name_of(result, quote.person_key) == "Marco Lind"


def test_a_pronoun_after_a_role_no_one_holds_is_the_description() -> None:
    text = (
        "Mayor Tomas Vidal opened the new school in Orvik on Monday.\n\n"
        "The former ambassador also praised the school plan of Vidal. "
        '"This town has waited long enough for new schools," he told the crowd.\n'
    )
    result = _run(text)
    [quote] = [q for q in result.quotes if q.kind == "direct"]
    assert quote.person_key is None
    assert quote.speaker_kind == "description"
    assert quote.speaker is not None and quote.speaker.text == "The former ambassador"


def test_a_pronoun_after_a_general_noun_keeps_the_name_the_sentence_gives() -> None:
    text = (
        "The rally in Orvik drew a large crowd on Monday.\n\n"
        "The woman who began the chant introduced herself to reporters as a nurse named "
        "Lena Holm. "
        '"I did not plan to shout," she said.\n'
    )
    result = _run(text)
    [quote] = [q for q in result.quotes if q.kind == "direct"]
    assert _name_of(result, quote.person_key) == "Lena Holm"


def test_a_newspaper_named_after_a_place_is_no_person() -> None:
    text = (
        "Carla Mendes, the chief executive of Orvik Foods, spoke on Monday.\n\n"
        '"Buyers will doubt the merger," she told the Tarnby Weekly. "We will have to '
        'win them over," the Warren Sentinel reported.\n'
    )
    result = _run(text)
    assert sorted(p.name for p in result.persons) == ["Carla Mendes"]
    first, second = [q for q in result.quotes if q.kind == "direct"]
    assert _name_of(result, first.person_key) == "Carla Mendes"
    assert second.person_key is None
    assert second.speaker_kind == "organisation"
    assert second.speaker is not None and second.speaker.text == "the Warren Sentinel"


def test_a_nickname_in_quotation_marks_is_an_alias_not_a_person() -> None:
    text = (
        'Science adviser George "Jay" Brannock met Carla Mendes on Monday.\n\n'
        '"The plan cannot work," Brannock said. "We will see," she replied.\n'
    )
    result = _run(text)
    assert sorted(p.name for p in result.persons) == ["Carla Mendes", "George Brannock"]
    brannock = next(p for p in result.persons if p.name == "George Brannock")
    assert "Jay" in brannock.forms
    for span in brannock.mentions:
        assert text[span.start : span.end] == span.text
    first, second = [q for q in result.quotes if q.kind == "direct"]
    assert _name_of(result, first.person_key) == "George Brannock"
    assert _name_of(result, second.person_key) == "Carla Mendes"


def test_a_quoted_word_between_two_names_is_no_nickname() -> None:
    text = 'Tomas Vidal said voters kept calling Ruiz "Crooked" Ana all week.\n'
    result = _run(text)
    assert not any("Crooked" in form for p in result.persons for form in p.forms)
    assert "Ruiz Ana" not in [p.name for p in result.persons]
