"""Given names' gender from the derived resource (``given_name_gender.tsv``), for pronoun
speakers and namesakes, on hand-written articles."""

from __future__ import annotations

from fixtures.parsing import people_of

from tui.extract.people.lexicon import (
    GIVEN_NAMES,
    given_name_gender,
    given_name_genders,
    given_names_gender,
    lexicon,
)
from tui.records.extraction import PeopleResult

FEMALE = lexicon("given_names_female")
MALE = lexicon("given_names_male")


def _speakers(text: str) -> list[str | None]:
    result: PeopleResult = people_of(text, "g1")
    names = {p.key: p.name for p in result.persons}
    return [names.get(q.person_key or "") for q in result.quotes if q.kind == "direct"]


def test_the_resource_genders_names_the_hand_lists_lack() -> None:
    for name, gender in (("dagny", "f"), ("signe", "f"), ("torsten", "m"), ("wojciech", "m")):
        assert name not in FEMALE and name not in MALE
        assert given_name_gender(name) == gender


def test_the_hand_lists_decide_the_names_they_list() -> None:
    # "jean" names women and men alike in the registers: the resource leaves it out
    assert "jean" not in given_name_genders()
    assert given_name_gender("jean") == "f"
    assert all(given_name_gender(n) == "f" for n in FEMALE - MALE)
    assert all(given_name_gender(n) == "m" for n in MALE - FEMALE)


def test_an_ambiguous_or_unknown_name_decides_nothing() -> None:
    assert given_name_gender("alexis") is None  # about half and half
    assert given_name_gender("kelo") is None  # in no list
    assert given_names_gender(["dagny", "torsten"]) is None  # the words disagree
    assert given_names_gender(["dagny", "kelo"]) == "f"


def test_the_resource_makes_no_word_a_name() -> None:
    assert "dagny" not in GIVEN_NAMES and "torsten" not in GIVEN_NAMES
    assert GIVEN_NAMES == FEMALE | MALE


def test_a_female_name_of_the_resource_does_not_take_he() -> None:
    text = (
        "Dagny Halvorsen met Kelo Okafor in Bergen on Wednesday. "
        'He said: "The harbour will stay open all winter."\n'
    )
    assert _speakers(text) == ["Kelo Okafor"]


def test_a_male_name_of_the_resource_does_not_take_she() -> None:
    text = (
        "Torsten Halvorsen met Kelo Okafor in Bergen on Wednesday. "
        'She said: "The harbour will stay open all winter."\n'
    )
    assert _speakers(text) == ["Kelo Okafor"]


def test_an_ambiguous_name_fits_either_pronoun() -> None:
    for pronoun in ("He", "She"):
        text = (
            "Alexis Halvorsen met Kelo Okafor in Bergen on Wednesday. "
            f'{pronoun} said: "The harbour will stay open all winter."\n'
        )
        assert _speakers(text) == ["Alexis Halvorsen"]


def test_the_honorific_picks_the_namesake_of_its_gender() -> None:
    for honorific, expected in (("Mrs.", "Signe Halvorsen"), ("Mr.", "Torsten Halvorsen")):
        text = (
            "Torsten Halvorsen and Signe Halvorsen met the union in Bergen on Monday.\n\n"
            f'"We will keep every job in Bergen this year," {honorific} Halvorsen said.\n'
        )
        assert _speakers(text) == [expected]
