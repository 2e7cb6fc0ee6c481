"""Who said what: direct and indirect quotes attributed to people, on hand-written articles."""

from __future__ import annotations

import pytest
from fixtures.parsing import people_of

from tui.records.extraction import LocalQuote, PeopleResult


def _run(text: str) -> PeopleResult:
    return people_of(text, "q1")


def _speaker(result: PeopleResult, quote: LocalQuote) -> str | None:
    for person in result.persons:
        if person.key == quote.person_key:
            return person.name
    return None


MARKS = "\"“”«»„‘’'"


def _content(quote: LocalQuote) -> str:
    """A direct quote's words: its span holds the quotation marks (and a comma before the
    closing one); the indirect and mixed ones are returned as they are."""
    if quote.kind != "direct" or quote.text[:1] not in MARKS:
        return quote.text
    inner = quote.text[1:]
    if inner[-1:] in MARKS:
        inner = inner[:-1]
    return inner.rstrip().rstrip(",;").rstrip()


def _quotes(result: PeopleResult, kind: str = "direct") -> list[tuple[str, str | None]]:
    return [(_content(q), _speaker(result, q)) for q in result.quotes if q.kind == kind]


def test_quote_then_name_said() -> None:
    text = (
        "Vice Minister for Trade Ana Costa-Lima met partners on Tuesday.\n\n"
        '"We have made our position clear to our partners," Costa-Lima said.\n'
    )
    assert _quotes(_run(text)) == [
        ("We have made our position clear to our partners", "Ana Costa-Lima")
    ]


def test_quote_then_said_name() -> None:
    text = (
        "“Ingrid brings deep experience of offshore wind,” said Henrik Aasen, chairman of "
        "the board.\n"
    )
    assert _quotes(_run(text)) == [
        ("Ingrid brings deep experience of offshore wind", "Henrik Aasen")
    ]


def test_name_said_colon_quote_and_that_quote() -> None:
    text = (
        "Kremlin spokesman Oleg Petrov told reporters: «The dialogue will continue in the "
        "coming months.»\n\n"
        'Finance Minister Maria Santos said that "the budget is balanced for the first time".\n'
    )
    assert _quotes(_run(text)) == [
        ("The dialogue will continue in the coming months.", "Oleg Petrov"),
        ("the budget is balanced for the first time", "Maria Santos"),
    ]


def test_dash_attribution() -> None:
    text = (
        "“We are not there yet and we will not pretend otherwise” — José Antonio Pérez "
        "told Reuters.\n"
    )
    assert _quotes(_run(text)) == [
        ("We are not there yet and we will not pretend otherwise", "José Antonio Pérez")
    ]


def test_quote_spanning_sentences_and_paragraphs() -> None:
    text = (
        '"This is a long-term partnership. It benefits both nations," Deputy Prime Minister '
        "Sergei Ivanoff said.\n\n"
        '"We will sign new contracts before the end of the year."\n\n'
        "Energy Minister Rosa Elena Villalba did not comment.\n"
    )
    assert _quotes(_run(text)) == [
        ("This is a long-term partnership. It benefits both nations", "Sergei Ivanoff"),
        ("We will sign new contracts before the end of the year.", "Sergei Ivanoff"),
    ]


def test_open_quote_runs_into_next_paragraph_as_one_statement() -> None:
    text = (
        'Senator Grace Okafor said: "We fought hard and we are proud of this campaign.\n\n'
        '"We will be back in four years with an even stronger team."\n\n'
        '"That is a promise," she added.\n'
    )
    result = _run(text)
    assert [(q.text, _speaker(result, q), q.cue) for q in result.quotes] == [
        (
            '"We fought hard and we are proud of this campaign.\n\n'
            '"We will be back in four years with an even stronger team."',
            "Grace Okafor",
            "said",
        ),
        ('"That is a promise,"', "Grace Okafor", "added"),
    ]


def test_a_direct_quote_spans_its_quotation_marks() -> None:
    text = "“We have made our position clear,” Ana Costa-Lima said on Tuesday in Lima.\n"
    [quote] = _run(text).quotes
    assert quote.text == "“We have made our position clear,”"
    assert (quote.speaker and quote.speaker.text, quote.cue_span and quote.cue_span.text) == (
        "Ana Costa-Lima",
        "said",
    )


def test_pronoun_speaker_resolves_when_one_person_fits() -> None:
    text = (
        "The Chancellor, Rachel Whitmore, spoke in the Commons on Wednesday. "
        'She added: "We will not be blown off course by market jitters."\n'
    )
    assert _quotes(_run(text)) == [
        ("We will not be blown off course by market jitters.", "Rachel Whitmore")
    ]


def test_pronoun_speaker_is_the_person_of_matching_gender() -> None:
    text = (
        "Rachel Whitmore met Paul Okonjo on Wednesday. "
        'He said: "We will not be blown off course by market jitters."\n'
    )
    assert _quotes(_run(text)) == [
        ("We will not be blown off course by market jitters.", "Paul Okonjo")
    ]


def test_pronoun_speaker_prefers_the_subject_of_the_sentence_before() -> None:
    text = (
        "Paul Whitmore criticised Tom Okonjo on Monday.\n\n"
        '"The budget does nothing for the towns of the north," he said.\n'
    )
    assert _quotes(_run(text)) == [
        ("The budget does nothing for the towns of the north", "Paul Whitmore")
    ]


def test_pronoun_gender_learnt_from_earlier_pronouns() -> None:
    text = (
        "Jordan Park said his party would fight every seat. Robin Kerr said her party "
        "would win the north.\n\n"
        "Park and Kerr met on Monday in the capital.\n\n"
        '"We have the votes in every district of the north," she said.\n'
    )
    assert _quotes(_run(text)) == [
        ("We have the votes in every district of the north", "Robin Kerr")
    ]


def test_shared_surname_speaker_is_the_one_named_last() -> None:
    text = (
        "Carlos Lopez spoke first at the rally. Then Maria Lopez took the stage.\n\n"
        '"We will keep the clinic open for every family," Lopez said.\n'
    )
    assert _quotes(_run(text)) == [("We will keep the clinic open for every family", "Maria Lopez")]


def test_speakers_that_are_not_named_people() -> None:
    text = (
        "Finance Minister Ana Costa-Lima presented the budget on Monday.\n\n"
        '"The figures will be published in full next week," the ministry said in a '
        "statement.\n\n"
        '"Nobody expected cuts of this size this year," a senior official said.\n\n'
        'A spokeswoman, Julia Brandt, said: "The minister will answer every question."\n'
    )
    result = _run(text)
    got = [
        (
            _speaker(result, q),
            q.speaker_kind,
            q.speaker and q.speaker.text,
            q.cue_span and q.cue_span.text,
        )
        for q in result.quotes
    ]
    assert got == [
        (None, "organisation", "the ministry", "said"),
        (None, "description", "a senior official", "said"),
        ("Julia Brandt", "person", "Julia Brandt", "said"),
    ]


def test_title_speaker_resolves_to_the_one_person_with_that_title() -> None:
    text = (
        "Foreign Minister Juan Pablo Herrera arrived in Madrid. Analyst Luis Costa watched.\n\n"
        '"Our door remains open to every partner in Europe," the minister said.\n'
    )
    assert _quotes(_run(text)) == [
        ("Our door remains open to every partner in Europe", "Juan Pablo Herrera")
    ]


def test_nominal_speaker_is_not_a_person() -> None:
    text = (
        "Gov. Michael T. Brennan has yet to appear. A campaign aide said Brennan was "
        '"watching the results with his family".\n'
    )
    result = _run(text)
    assert [(q.kind, q.text, q.person_key, q.speaker_kind) for q in result.quotes] == [
        ("mixed", 'Brennan was "watching the results with his family"', None, "description")
    ]
    assert [s.text for s in result.quotes[0].quoted] == ['"watching the results with his family"']


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = (
        'The forum "Partners For A New Century" opened in Lima. Critics called the plan '
        'a "reset". Ana Costa-Lima said talks went well.\n'
    )
    assert _quotes(_run(text)) == []


def test_indirect_speech() -> None:
    text = (
        "Juan Pablo Herrera, the foreign minister of Peru, said on Monday that talks with "
        "the European Commission would continue next week. "
        "According to Herrera, exports fell sharply in May. "
        "Officials said the mood was tense.\n"
    )
    result = _run(text)
    assert _quotes(result, "indirect") == [
        ("that talks with the European Commission would continue next week", "Juan Pablo Herrera"),
        ("exports fell sharply in May", "Juan Pablo Herrera"),
        ("the mood was tense", None),
    ]
    assert [q.speaker_kind for q in result.quotes] == ["person", "person", "description"]
    assert {q.cue for q in result.quotes} == {"said", "according to"}


def test_british_single_quotes_and_apostrophes() -> None:
    text = (
        "Trade Minister Ana Costa spoke on Wednesday.\n\n"
        "'We are close to a deal, but officials' doubts remain,' Costa told the BBC. "
        "Her deputy, Paulo Mendes, wasn't sure. ‘There is still work to do,’ he said.\n"
    )
    assert _quotes(_run(text)) == [
        ("We are close to a deal, but officials' doubts remain", "Ana Costa"),
        ("There is still work to do", "Paulo Mendes"),
    ]


def test_general_title_word_resolves_the_speaker() -> None:
    text = (
        "Russian ambassador to Peru Sergey Abram-Karasov told reporters that "
        '"the meeting is a clear signal of confidence in trade."\n\n'
        '"We expect the forum to become a platform for joint projects," the diplomat added.\n'
    )
    result = _run(text)
    assert [s for _, s in _quotes(result)] == ["Sergey Abram-Karasov", "Sergey Abram-Karasov"]
    roles = result.persons[0].roles
    assert [(r.text, r.title) for r in roles] == [("Russian ambassador to Peru", "ambassador")]


def test_speaker_named_before_a_long_apposition() -> None:
    text = (
        '"We expect the forum to become a platform for promoting our products," Viktor '
        "Abramenko, head of the department for export support of the national trade "
        "promotion agency, said at the opening.\n"
    )
    assert _quotes(_run(text)) == [
        ("We expect the forum to become a platform for promoting our products", "Viktor Abramenko")
    ]


def test_inverted_indirect_speech_with_the_speaker_after_the_verb() -> None:
    result = _run(
        "Despite pressure from abroad, Lima will seek closer ties with its allies, said "
        "Helga Moritz, a leading researcher at the Northern Institute.\n\n"
        "Exports of copper will grow by a tenth next year, Moritz told reporters.\n"
    )
    quotes = [(q.kind, q.text, _speaker(result, q)) for q in result.quotes]
    assert quotes == [
        (
            "indirect",
            "Despite pressure from abroad, Lima will seek closer ties with its allies",
            "Helga Moritz",
        ),
        ("indirect", "Exports of copper will grow by a tenth next year", "Helga Moritz"),
    ]


def test_dash_paragraph_is_a_direct_quote_of_the_expert_it_names() -> None:
    text = (
        "Quito is courting new partners, writes our correspondent. Helga Moritz, a senior "
        "researcher at the Northern Institute, follows the talks.\n\n"
        "— Currently, the government is looking for partners in the field of gas, and the "
        "search is focused on Asia, the expert comments.\n\n"
        "— Nobody expects a quick deal here, said the analyst.\n\n"
        "— Revenue from the new fields rose sharply, the company said.\n"
    )
    result = _run(text)
    direct = [(q.text, _speaker(result, q)) for q in result.quotes if q.kind == "direct"]
    assert direct == [
        (
            "Currently, the government is looking for partners in the field of gas, and the "
            "search is focused on Asia",
            "Helga Moritz",
        ),
        ("Nobody expects a quick deal here", "Helga Moritz"),
    ]


def test_dash_paragraph_expert_stays_unattributed_when_two_experts_fit() -> None:
    text = (
        "Helga Moritz, a researcher at the Northern Institute, and Ivo Brandner, an analyst "
        "at Keel Partners, disagree on the outlook.\n\n"
        "— The government will not change course before the elections, the expert says.\n"
    )
    result = _run(text)
    direct = [(q.text, q.person_key) for q in result.quotes if q.kind == "direct"]
    assert direct == [("The government will not change course before the elections", None)]


def test_that_clause_after_in_a_statement_is_indirect_speech() -> None:
    result = _run(
        "Gonzalo Ibarburu, the deputy foreign minister, met the envoys. Later, Ibarburu said "
        "in a statement that consular offices would open in both capitals.\n"
    )
    indirect = [(q.text, _speaker(result, q)) for q in result.quotes if q.kind == "indirect"]
    assert indirect == [("that consular offices would open in both capitals", "Gonzalo Ibarburu")]


def test_indirect_speech_shapes_and_non_person_speakers() -> None:
    result = _run(
        "Senator Grace Okafor spoke in Lima on Monday. The plan, she said, would cut costs "
        "for every family in the region. Prices will rise next year, the central bank warned. "
        "According to the ministry, exports fell by a tenth. The talks failed, according to "
        "two diplomats. Okafor denied that she had met the envoy, saying the meeting never "
        "took place.\n"
    )
    got = [
        (q.text, _speaker(result, q), q.speaker_kind, q.speaker and q.speaker.text, q.cue)
        for q in result.quotes
    ]
    assert got == [
        (
            "The plan, she said, would cut costs for every family in the region",
            "Grace Okafor",
            "person",
            "she",
            "said",
        ),
        ("Prices will rise next year", None, "organisation", "the central bank", "warned"),
        ("exports fell by a tenth", None, "organisation", "the ministry", "according to"),
        ("The talks failed", None, "description", "two diplomats", "according to"),
        ("that she had met the envoy", "Grace Okafor", "person", "Okafor", "denied"),
        ("the meeting never took place", "Grace Okafor", "person", "Okafor", "saying"),
    ]
    for quote in result.quotes:
        assert quote.cue_span is not None and quote.cue_span.text.lower() == quote.cue


def test_an_attribution_inside_reported_words_is_its_own_statement() -> None:
    # news nests reporting: the inner source said the inner words, the outer one all of it
    result = _run(
        "Mayor Ilse Varga met Tomas Ruud on Monday. Varga said Ruud told her that the bridge "
        "would close in May. According to Varga, Ruud said the tolls would double. Ruud "
        "warned the council that repairs would take a year, Varga said. Ruud said the plan "
        "would pass, saying the votes were there.\n"
    )
    got = {(q.text, _speaker(result, q), q.cue) for q in result.quotes}
    assert {
        ("Ruud told her that the bridge would close in May", "Ilse Varga", "said"),
        ("that the bridge would close in May", "Tomas Ruud", "told"),
        ("Ruud said the tolls would double", "Ilse Varga", "according to"),
        ("the tolls would double", "Tomas Ruud", "said"),
        ("Ruud warned the council that repairs would take a year", "Ilse Varga", "said"),
        ("that repairs would take a year", "Tomas Ruud", "warned"),
    } <= got
    # a participle inside the reported words is no attribution of its own
    assert not [q for q in result.quotes if q.cue == "saying" and q.person_key is None]
    for quote in result.quotes:
        assert quote.cue_span is not None
        assert quote.speaker is not None
        # each attribution, speaker and cue included, lies apart from or inside another's words
        lo = min(quote.start, quote.cue_span.start, quote.speaker.start)
        hi = max(quote.end, quote.cue_span.end, quote.speaker.end)
        for other in result.quotes:
            if other is quote or other.end <= quote.start or quote.end <= other.start:
                continue
            assert (other.start <= lo and hi <= other.end) or (
                quote.start <= other.start and other.end <= quote.end
            )


def test_attribution_after_an_exclamation_and_a_statement_after_a_colon() -> None:
    result = _run(
        "Senator Tom Baker spoke in Ohio on Friday.\n\n"
        "“Get your hammers ready because we have a glass ceiling to break!” he told the "
        "crowd.\n\n"
        "Later, Baker issued the following statement:\n\n"
        "“Our thoughts are with the families. This cannot go on.”\n\n"
        "The ministry's statement said the talks would resume in May.\n"
    )
    got = [(q.kind, _speaker(result, q), q.speaker_kind, q.cue) for q in result.quotes]
    assert got == [
        ("direct", "Tom Baker", "person", "told"),
        ("direct", "Tom Baker", "person", "statement"),
        ("indirect", None, "organisation", "said"),
    ]
    assert result.quotes[2].speaker is not None
    assert result.quotes[2].speaker.text == "The ministry"


def test_a_description_naming_someone_else_is_not_that_person() -> None:
    result = _run(
        "Senator Grace Okafor and Mayor Ivo Brandt met in Lima.\n\n"
        '"The deal is dead, and everybody in the room knows it," said a longtime adviser to '
        "Okafor.\n\n"
        '"Nobody wanted this outcome for the city," a 2019 Brandt aide said.\n\n'
        "“We will try again in the spring,” Okafor said.\n"
    )
    got = [
        (_speaker(result, q), q.speaker_kind, q.speaker and q.speaker.text) for q in result.quotes
    ]
    assert got == [
        (None, "description", "a longtime adviser"),
        (None, "description", "a 2019 Brandt aide"),
        ("Grace Okafor", "person", "Okafor"),
    ]


@pytest.mark.parametrize(
    "verb", ["warned", "denied", "revealed", "insisted", "wondered", "agreed", "admitted"]
)
def test_reporting_verbs_of_the_lexicon_report_a_clause(verb: str) -> None:
    result = _run(f"Senator Grace Okafor {verb} that the bridge would not reopen before May.\n")
    assert [(q.kind, q.text, _speaker(result, q), q.cue) for q in result.quotes] == [
        ("indirect", "that the bridge would not reopen before May", "Grace Okafor", verb)
    ]


def test_named_speaker_after_a_question_or_exclamation_that_ends_the_sentence() -> None:
    # "…?” Ruiz asked: the parser starts a new sentence at the capitalised name
    result = _run(
        "Mayor Elena Ruiz toured the flooded district on Monday.\n\n"
        "“Who will pay for all of this, and when will the money finally arrive?” Ruiz "
        "asked.\n\n"
        "Councillor Mark Dunn sat beside her.\n\n"
        "“We will rebuild every single house on this street!” Dunn said of the plan.\n"
    )
    assert [(q.kind, _speaker(result, q), q.cue) for q in result.quotes] == [
        ("direct", "Elena Ruiz", "asked"),
        ("direct", "Mark Dunn", "said"),
    ]


def test_a_sentence_after_a_quote_without_a_reporting_verb_gives_no_speaker() -> None:
    result = _run(
        "Mayor Elena Ruiz toured the flooded district on Monday.\n\n"
        "“Who will pay for all of this, and when will the money finally arrive?” Ruiz "
        "toured the rest of the district in silence.\n"
    )
    assert [q for q in result.quotes if q.kind == "direct"] == []


def test_quotation_closed_with_the_other_style_of_mark() -> None:
    # typesetters mix curly and straight marks: “…" and "…”
    result = _run(
        "Senator Ana Costa spoke to reporters on Tuesday.\n\n"
        '“The bill will pass the chamber before the summer recess," Costa said.\n\n'
        '"Nobody in this building wants another shutdown this year,” she added.\n'
    )
    assert _quotes(result) == [
        ("The bill will pass the chamber before the summer recess", "Ana Costa"),
        ("Nobody in this building wants another shutdown this year", "Ana Costa"),
    ]


def test_quotation_marks_stuck_to_the_next_or_previous_word() -> None:
    # ‘…,”Dunn said’ and ‘Dunn said,“…’: the tokenizer splits the marks off, so the name
    # is seen and the verb's subject parsed
    result = _run(
        "Councillor Mark Dunn spoke after the vote on Thursday.\n\n"
        "“We were outvoted by people who never visited the district,”Dunn said.\n\n"
        "Dunn said,“We will bring this back to the council next spring.”\n"
    )
    assert _quotes(result) == [
        ("We were outvoted by people who never visited the district", "Mark Dunn"),
        ("We will bring this back to the council next spring.", "Mark Dunn"),
    ]


def test_pronoun_continues_the_pronoun_subject_of_the_sentence_before() -> None:
    # the sentence before names someone else only as an object; its subject is "He", who
    # is still the man named first: "he said" is his
    text = (
        "Tomas Brandt runs a bakery in the old town.\n\n"
        "He has long campaigned against Mayor Peter Lindqvist and his plans.\n\n"
        '"The new parking rules will empty this street by the summer," he said.\n'
    )
    assert _quotes(_run(text)) == [
        ("The new parking rules will empty this street by the summer", "Tomas Brandt")
    ]


def test_verbs_that_double_their_last_consonant_are_reporting_verbs() -> None:
    # admit -> admitted, quip -> quipped: regular inflection doubles the final consonant
    text = (
        "Senator Grace Okafor toured the harbour on Friday.\n\n"
        "“The port will need another decade of dredging before it can compete,” the "
        "senator admitted.\n\n"
        '"At least the seagulls are on our side this year," Okafor quipped.\n'
    )
    assert _quotes(_run(text)) == [
        ("The port will need another decade of dredging before it can compete", "Grace Okafor"),
        ("At least the seagulls are on our side this year", "Grace Okafor"),
    ]


def test_quote_after_a_colon_that_ends_the_speakers_sentence() -> None:
    # "gloated" and "went on" are not reporting verbs: the colon introduces the quote
    text = (
        "Governor Tomas Brandt won the vote on Tuesday.\n\n"
        'Brandt gloated: "I told you the north would not be ready for us."\n\n'
        'He went on: "Tomorrow we start work on the new bridge at last."\n\n'
        'The rule is simple: "Nobody crosses the river after dark."\n\n'
        'Then came the laugh line: "I would do it myself, but it is beneath me."\n'
    )
    assert _quotes(_run(text)) == [
        ("I told you the north would not be ready for us.", "Tomas Brandt"),
        ("Tomorrow we start work on the new bridge at last.", "Tomas Brandt"),
    ]


def test_headline_name_and_colon_attribute_a_title_cased_quote() -> None:
    text = (
        "Ruiz: ‘We Will Not Close A Single School In This City’\n\n"
        "Mayor Elena Ruiz spoke to parents on Monday.\n\n"
        'Ruiz: "The budget is tight, but the schools stay open."\n'
    )
    assert _quotes(_run(text)) == [
        ("We Will Not Close A Single School In This City", "Elena Ruiz"),
        ("The budget is tight, but the schools stay open.", "Elena Ruiz"),
    ]


def test_curly_opening_mark_closed_by_a_straight_one_before_a_later_curly_quote() -> None:
    text = (
        "General Tomas Brandt spoke after the vote.\n\n"
        '“I fundamentally disagree with this plan," said Brandt, who called it “a gift to '
        "our enemies” on Monday.\n"
    )
    assert _quotes(_run(text)) == [
        ("I fundamentally disagree with this plan", "Tomas Brandt"),
        ("a gift to our enemies", "Tomas Brandt"),
    ]


def test_a_description_ending_in_a_name_is_that_person() -> None:
    text = (
        "Senator Ana Ruiz and Governor Tomas Brandt met in the capital on Monday.\n\n"
        "Party veteran and former surgeon Tomas Brandt said the hospital plan was too "
        "expensive for the region.\n\n"
        "A nurse who treated Ana Ruiz said the ward had been closed for a month.\n"
    )
    result = _run(text)
    assert [(q.kind, _speaker(result, q), q.speaker_kind) for q in result.quotes] == [
        ("indirect", "Tomas Brandt", "person"),
        ("indirect", None, "description"),
    ]


def test_a_short_quote_carries_its_attribution_to_the_quote_after_it() -> None:
    text = (
        "Voters in the north were unimpressed by the debate.\n\n"
        '"Not impressed," wrote one voter from the coast. "What does the senator know about '
        'fishing anyway?"\n'
    )
    result = _run(text)
    assert [(q.text, q.speaker_kind, q.speaker and q.speaker.text) for q in result.quotes] == [
        ('"What does the senator know about fishing anyway?"', "description", "one voter")
    ]


def test_quote_after_a_comma_that_ends_the_speakers_words() -> None:
    text = (
        "Senator Ana Ruiz and Governor Tomas Brandt debated on Monday.\n\n"
        'As Ruiz put it, "the north has waited long enough for this bridge."\n\n'
        'Brandt shot back, "Nobody has waited longer than the people of the coast."\n\n'
        'By the end of the year, "the bridge will be finished," the ministry promised.\n\n'
        'Under the new law, "a bridge of this size needs a second inspection."\n'
    )
    assert [(c, who) for c, who in _quotes(_run(text)) if who is not None] == [
        ("the north has waited long enough for this bridge.", "Ana Ruiz"),
        ("Nobody has waited longer than the people of the coast.", "Tomas Brandt"),
    ]


def test_a_written_statement_read() -> None:
    text = (
        "The ministry answered the protesters on Friday.\n\n"
        "“The harbour will stay open to every fishing boat through the winter,” the "
        "statement read.\n"
    )
    result = _run(text)
    assert [(_content(q), q.speaker_kind, q.cue) for q in result.quotes] == [
        (
            "The harbour will stay open to every fishing boat through the winter",
            "description",
            "read",
        )
    ]


def test_a_relation_description_naming_whom_it_serves_is_not_another_holder() -> None:
    # "the former aide to Governor Okafor" is not Moss, the one aide the article names,
    # who serves Ruiz; "the spokesman for Mrs. Ruiz" is Brandt, named as hers
    text = (
        "Kevin Moss, an aide to Mayor Ana Ruiz, spoke in May.\n\n"
        '"We will win the vote in the autumn," said the former aide to Governor Paul '
        "Okafor.\n\n"
        "Tomas Brandt, a spokesman for Mrs. Ruiz, met voters.\n\n"
        '"We will lose the vote in the spring," said the spokesman for Mrs. Ruiz.\n'
    )
    assert _quotes(_run(text)) == [
        ("We will win the vote in the autumn", None),
        ("We will lose the vote in the spring", "Tomas Brandt"),
    ]


def test_wire_copy_typewriter_marks_are_quotation_marks() -> None:
    # Newswire archives write ``…'' (two backticks open, two apostrophes close); the text
    # between two quotes ("'' said X. ``") is no quote, and a single `…' may close inside.
    text = (
        "WASHINGTON (AP) _ Port officials met on Tuesday.\n\n"
        "``We will not reopen the port until the cranes are safe,'' said Marta Velinsky, "
        "the port director. ``Nobody should expect ships before Friday.''\n\n"
        "Velinsky said the union had agreed. ``To quote the old dockers' saying, "
        "`Slow is safe,''' she added.\n\n"
        "``I am not convinced,'' said Oskar Brandt, a union spokesman.\n"
    )
    result = _run(text)
    direct = [(q.text, _speaker(result, q)) for q in result.quotes if q.kind == "direct"]
    assert direct == [
        ("``We will not reopen the port until the cranes are safe,''", "Marta Velinsky"),
        ("``Nobody should expect ships before Friday.''", "Marta Velinsky"),
        ("``To quote the old dockers' saying, `Slow is safe,'''", "Marta Velinsky"),
        ("``I am not convinced,''", "Oskar Brandt"),
    ]
    assert not any(
        "said Marta" in q.text or q.text.startswith("``")
        for q in result.quotes
        if q.kind != "direct"
    )
