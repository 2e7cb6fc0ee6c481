"""Who "he" and "she" are: antecedents brought in by a description, namesakes told apart by
their honorifics — on articles written for these tests."""

from __future__ import annotations

from fixtures.parsing import people_of

from tui.records.extraction import LocalQuote, PeopleResult


def _run(text: str) -> PeopleResult:
    return people_of(text, "a1")


def _direct(result: PeopleResult) -> list[LocalQuote]:
    return [q for q in result.quotes if q.kind == "direct"]


def _name(result: PeopleResult, quote: LocalQuote) -> str | None:
    return next((p.name for p in result.persons if p.key == quote.person_key), None)


def test_pronoun_after_an_indefinite_description_is_that_description() -> None:
    text = (
        "Mayor Tomas Ekberg spoke at the town hall in Vasteras on Monday.\n\n"
        "One voter, a retired nurse, stood up at the back of the hall. "
        '"What will you do about the buses at night?" she asked.\n'
    )
    result = _run(text)
    [quote] = _direct(result)
    assert quote.speaker_kind == "description"
    assert quote.person_key is None
    assert quote.speaker is not None and quote.speaker.text == "One voter"


def test_description_must_fit_the_pronoun_gender() -> None:
    text = (
        "Senator Lena Dahl defended the farm plan in Orebro on Tuesday.\n\n"
        "A man in the crowd shouted at the stage. "
        '"You have forgotten the farmers in the north," she said.\n'
    )
    result = _run(text)
    [quote] = _direct(result)
    assert quote.speaker_kind == "person"
    assert _name(result, quote) == "Lena Dahl"


def test_description_in_an_embedded_clause_is_no_antecedent() -> None:
    # "for a voter to ask": nobody in particular, the senator goes on speaking
    text = (
        "Senator Lena Dahl took questions in Orebro on Tuesday.\n\n"
        "It is rare for a voter to ask about the budget. "
        '"We will balance it within two years," she said.\n'
    )
    result = _run(text)
    [quote] = _direct(result)
    assert _name(result, quote) == "Lena Dahl"


def test_description_asking_a_named_person_leaves_the_reply_to_that_person() -> None:
    text = (
        "Senator Lena Dahl visited a school in Orebro on Tuesday.\n\n"
        "A student asked Dahl about the new rail line. "
        'She replied: "The first trains will run in the spring of next year."\n'
    )
    result = _run(text)
    [quote] = _direct(result)
    assert _name(result, quote) == "Lena Dahl"


def test_honorific_tells_namesakes_apart() -> None:
    # "Mrs. Orsini" is not the Orsini with a man's given name, though he was named last
    text = (
        "Clara Orsini and her husband, Paul Orsini, run a bakery in Lyon. Their baker, "
        "Maria Lund, came in 2010.\n\n"
        'Mrs. Orsini kept the shop open during the strike. "We never closed a single '
        'day," she said.\n'
    )
    result = _run(text)
    [quote] = _direct(result)
    assert _name(result, quote) == "Clara Orsini"
    clara = next(p for p in result.persons if p.name == "Clara Orsini")
    assert any(m.text == "Orsini" for m in clara.mentions)


def test_mr_and_mrs_go_to_the_man_and_the_woman() -> None:
    text = (
        "Paul Orsini and Clara Orsini run a bakery in Lyon.\n\n"
        "Mr. Orsini bakes the bread. Mrs. Orsini keeps the books.\n"
    )
    result = _run(text)
    by_name = {p.name: [(m.start, m.text) for m in p.mentions] for p in result.persons}
    mr = text.index("Mr. Orsini") + len("Mr. ")
    mrs = text.index("Mrs. Orsini") + len("Mrs. ")
    assert (mr, "Orsini") in by_name["Paul Orsini"]
    assert (mrs, "Orsini") in by_name["Clara Orsini"]


def test_shared_surname_speaker_of_the_honorific_gender() -> None:
    # the given names tell nothing; the titles do (spokeswoman, chairman), and "Mrs. Orsa"
    # left to neither namesake by the sweep speaks as the woman
    text = (
        "Spokeswoman Kiri Orsa and chairman Tane Orsa met the union in Napier on Monday. "
        "Kiri Orsa and Tane Orsa are siblings.\n\n"
        "Chairman Tane Orsa spoke first. Then Mrs. Orsa stood up.\n\n"
        '"We will keep every job in Napier this year," Mrs. Orsa said.\n'
    )
    result = _run(text)
    [quote] = _direct(result)
    assert _name(result, quote) == "Kiri Orsa"


def test_pronoun_after_but_goes_on_with_the_later_clause() -> None:
    text = (
        "Senator Tomas Ruiz put Governor Paulo Costa on the defensive in the debate, but "
        "Costa hit back at the senator's record on taxes.\n\n"
        '"He has never balanced a budget in his life," he said.\n'
    )
    result = _run(text)
    [quote] = _direct(result)
    assert _name(result, quote) == "Paulo Costa"


def test_pronoun_after_and_stays_with_the_first_subject() -> None:
    text = (
        "Senator Tomas Ruiz met Governor Paulo Costa in Lisbon, and Costa thanked him.\n\n"
        '"We agreed on nothing at all today," he said.\n'
    )
    result = _run(text)
    [quote] = _direct(result)
    assert _name(result, quote) == "Tomas Ruiz"
