"""What a comparison must mean (issue 17): same measure, same subject, same period; a conflict
only between sources whose values cannot both hold; evidence on every comparison.

Each rule on short articles written for it (the invented names are the point: the rules read
how news English says whose number it is, not a list of names)."""

from __future__ import annotations

import datetime as dt

from fixtures.parsing import figure_of, linked

from tui.link.comparisons import compare_figures
from tui.link.comparisons.periods import measure_period
from tui.records.models import Article, Comparison, Corpus, Figure, Published


def _article(article_id: str, text: str, day: int = 5, source: str | None = None) -> Article:
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        text=text,
        source=source,
        published=Published(date=dt.date(2024, 6, day), how="header"),
    )


def _statuses(corpus: Corpus) -> list[str]:
    return sorted(c.status for c in corpus.comparisons)


# The subject: whose number it is ------------------------------------------------------------


def test_the_subject_comes_from_the_possessor_the_of_phrase_or_the_clause_subject() -> None:
    a = _article("a", "SORIN (Wire) - Veltria's unemployment rate was 5.2% in May.")
    b = _article("b", "The unemployment rate in Veltria stood at 5.2% in May, officials said.")
    c = _article("c", "Norvale Corp reported a first-quarter profit of $1.2 billion on Monday.")
    corpus = linked(a, b, c)
    assert figure_of(corpus, "a", "5.2%").subject == "Veltria"  # not the dateline's SORIN
    assert figure_of(corpus, "b", "5.2%").subject == "Veltria"
    assert figure_of(corpus, "c", "$1.2 billion").subject == "Norvale Corp"
    [agree] = corpus.comparisons
    assert agree.status == "agree" and agree.subject == "Veltria"


def test_a_pronoun_owner_is_the_reporting_clause_subject() -> None:
    a = _article("a", "GRANTON (Wire) - Calder Foods said its sales fell to $41.2 million.")
    corpus = linked(a)
    assert figure_of(corpus, "a", "$41.2 million").subject == "Calder Foods"


def test_figures_of_different_subjects_are_never_compared() -> None:
    a = _article("a", "Veltria's economy grew 3.1% in 2023, outpacing neighbouring Ostland.")
    b = _article("b", "Ostland's economy grew 2.4% in 2023, trailing Veltria.")
    assert linked(a, b).comparisons == []


def test_a_figure_whose_owner_is_not_named_is_not_compared() -> None:
    a = _article("a", "In the quake zone, 14 people were killed, officials in Tarvia said.")
    b = _article("b", "The quake in Tarvia killed 22 people.")
    corpus = linked(a, b)
    assert figure_of(corpus, "a", "14 people").subject is None
    assert corpus.comparisons == []  # no catch-all "people" group


def test_an_unnamed_owner_is_the_headline_names_when_the_headline_is_not_title_case() -> None:
    a = _article("a", "Port backlog in Harbourton grows\n\nThe cost of the backlog reached €3.5bn.")
    b = _article("b", "Strike bill in Harbourton rises\n\nThe cost of the backlog reached €4.1bn.")
    a, b = (x.model_copy(update={"title": x.text.split("\n")[0]}) for x in (a, b))
    [conflict] = linked(a, b).comparisons
    assert conflict.status == "conflict" and conflict.subject == "Harbourton"
    c = _article("c", "Port Backlog Grows In Harbourton\n\nThe cost of the backlog reached €3.5bn.")
    c = c.model_copy(update={"title": c.text.split("\n")[0]})
    assert linked(c, b).comparisons == []  # a title-case headline names nothing reliably


# Counts: the same counted noun, and the same kind of verb -----------------------------------


def test_counts_compare_only_within_one_kind_of_verb() -> None:
    a = _article("a", "A fire at a Cassel apartment block killed 12 people on Monday.")
    b = _article("b", "About 300 people gathered for a vigil at the Cassel apartment block.")
    c = _article("c", "Firefighters in Cassel evacuated 85 people from the apartment block.")
    corpus = linked(a, b, c)
    assert [figure_of(corpus, x, t).predicate for x, t in (("a", "12 people"),)] == ["killed"]
    assert corpus.comparisons == []


def test_killed_and_died_count_the_same_dead() -> None:
    a = _article("a", "The floods in the Marrow valley killed at least 25 people.")
    b = _article("b", "More than 30 people died in the Marrow valley floods.")
    [agree] = linked(a, b).comparisons
    assert agree.status == "agree"
    assert "differ but are consistent given their qualifiers" in agree.detail


def test_small_whole_counts_get_no_rounding_slack() -> None:
    a = _article("a", "The Halvik dam burst forced 257 residents to leave their homes on May 3.")
    b = _article("b", "The Halvik dam burst forced 258 residents to leave their homes on May 3.")
    [conflict] = linked(a, b).comparisons
    assert conflict.status == "conflict" and conflict.certain


def test_a_tally_reported_on_different_days_is_not_a_certain_conflict() -> None:
    text = "The Halvik dam burst on May 3 killed {} people."
    corpus = linked(_article("a", text.format(14), day=4), _article("b", text.format(22), day=9))
    [conflict] = corpus.comparisons
    assert conflict.status == "conflict" and not conflict.certain
    assert "updated in between" in conflict.detail


def test_size_adjectives_and_bare_cents_are_not_compared() -> None:
    a = _article("a", "Ratners bought the 87-store Weisfield chain. Ratners shares rose 12 cents.")
    b = _article("b", "Ratners now runs about 450 stores. Ratners shares rose 50 cents.")
    assert linked(a, b).comparisons == []


# Restatements and rates ---------------------------------------------------------------------


def test_a_restatement_keeps_its_denominator_and_the_measure_it_restates() -> None:
    a = _article("a", "Orbis Bank reported a quarterly loss of $212 million, or 45 cents a share.")
    corpus = linked(a)
    total = figure_of(corpus, "a", "$212 million")
    per_share = figure_of(corpus, "a", "45 cents")
    assert (per_share.per, per_share.restates) == ("share", total.id)
    assert per_share.measure == total.measure and per_share.subject == "Orbis Bank"
    assert corpus.comparisons == []  # the total and its per-share restatement are one fact


def test_a_year_earlier_is_not_a_denominator() -> None:
    a = _article("a", "Calder Foods sales fell to $41.2 million from $43.8 million a year earlier.")
    corpus = linked(a)
    assert figure_of(corpus, "a", "$43.8 million").per is None


def test_a_restated_percentage_is_not_compared() -> None:
    a = _article("a", "At Halvik port, 320 dockworkers, or 80%, voted to strike.")
    b = _article("b", "At Halvik port, 75% of dockworkers voted to strike.")
    corpus = linked(a, b)
    assert figure_of(corpus, "a", "80%").restates == figure_of(corpus, "a", "320 dockworkers").id
    assert corpus.comparisons == []


# One source, and conflicts between sources ---------------------------------------------------


def test_within_one_article_a_second_value_is_never_a_conflict() -> None:
    a = _article("a", "Zentra sold 3 million phones. Zentra sold 1 million phones in May.")
    assert all(c.status != "conflict" for c in linked(a).comparisons)


def test_a_source_confirming_one_value_is_not_in_conflict_for_its_second() -> None:
    a = _article("a", "Zentra sold 3 million phones in 2023. Zentra sold 1 million phones in 2023.")
    b = _article("b", "Zentra sold 3 million phones in 2023, the company said.")
    [agree] = linked(a, b).comparisons
    assert agree.status == "agree" and len(agree.figures) == 2


def test_a_conflict_carries_its_evidence() -> None:
    a = _article("a", "The quake in Tarvia killed 14 people on Monday.", source="Wire")
    b = _article("b", "The quake in Tarvia killed 22 people on Monday.", source="Post")
    corpus = linked(a, b)
    [conflict] = corpus.comparisons
    assert conflict.status == "conflict" and conflict.certain
    assert (conflict.subject, conflict.predicate) == ("Tarvia", "killed")
    assert conflict.periods == ["2024-06-03"]
    assert conflict.values == ["14", "22"]
    assert conflict.reason is not None and "no value both allow" in conflict.reason
    assert conflict.detail.startswith("Conflict on people killed (Tarvia) for 2024-06-03")
    assert conflict.reason in conflict.detail


# Periods ------------------------------------------------------------------------------------


def test_a_quarter_named_in_the_measure_is_the_period() -> None:
    published = dt.date(2024, 4, 25)
    assert measure_period("first-quarter net profit", "2024-04-25", published) == "2024-Q1"
    assert measure_period("fourth-quarter sales", None, dt.date(2024, 1, 20)) == "2023-Q4"
    assert measure_period("third-quarter loss", "2023", published) == "2023-Q3"
    assert measure_period("net profit", "2024-04-25", published) == "2024-04-25"
    a = _article("a", "Norvale Corp reported a first-quarter net profit of $1.2 billion on Monday.")
    b = _article("b", "Norvale Corp said its first-quarter net profit was $1.5 billion.")
    [conflict] = linked(a, b).comparisons
    assert conflict.status == "conflict" and conflict.periods == ["2024-Q1"]


def test_a_period_inside_another_is_no_evolution() -> None:
    def fig(article_id: str, value: int, period: str) -> Figure:
        return Figure(
            id=f"fig-{article_id}-1", article_id=article_id, start=0, end=4, text="fig1",
            value=value, kind="money", currency="USD", measure="profit", period=period,
            subject="Zentra",
        )  # fmt: skip

    arts = [_article(i, "Zentra results from Karst.") for i in ("a", "b")]
    assert compare_figures([fig("a", 4, "2024"), fig("b", 1, "2024-Q1")], arts) == []
    [evolution] = compare_figures([fig("a", 4, "2023"), fig("b", 5, "2024")], arts)
    assert evolution.status == "evolution" and evolution.periods == ["2023", "2024"]


def _only(comparisons: list[Comparison], status: str) -> list[Comparison]:
    return [c for c in comparisons if c.status == status]


def test_a_baseline_value_takes_the_measure_it_is_set_against() -> None:
    a = _article(
        "a", "Orbis Bank posted a second-quarter profit of $80 million, up from $60 million."
    )
    corpus = linked(a)
    now, then = figure_of(corpus, "a", "$80 million"), figure_of(corpus, "a", "$60 million")
    assert then.measure == now.measure == "second-quarter profit"
    assert then.subject == "Orbis Bank"


def test_designators_and_scores_are_not_compared() -> None:
    a = _article("a", "In Tokyo the Nikkei 225 index rose 1.2%. Kestrel drew 2-2 with Marsh.")
    b = _article("b", "In Tokyo the Nikkei 300 index rose 1.2%. Kestrel drew 3-3 with Marsh.")
    corpus = linked(a, b)
    assert all(c.status != "conflict" for c in corpus.comparisons)


def test_a_place_and_its_adjective_name_one_owner() -> None:
    from tui.link.comparisons.measures import same_subject

    assert same_subject("Russian; Venezuelan", "Venezuela")
    assert same_subject("Kenyan", "Kenya") and same_subject("Brazil", "Brazilian")
    assert not same_subject("Indiana", "Indian") and not same_subject("Austria", "Australian")
    assert not same_subject(None, "Kenya")


def test_paying_is_a_price_only_when_paid_for_something() -> None:
    a = _article("a", "Helix Systems will pay $3.8 billion for Corvo Labs.")
    b = _article("b", "Unisys must pay about $100 million in interest every quarter.")
    corpus = linked(a, b)
    assert figure_of(corpus, "a", "$3.8 billion").measure == "price"
    assert figure_of(corpus, "b", "about $100 million").measure != "price"


def test_verb_classes_are_data() -> None:
    from tui.link.comparisons.measures import predicate_key

    assert predicate_key("killed") == predicate_key("died") == "dead"
    assert predicate_key("welcomed") == predicate_key("visited") == predicate_key("drew")
    assert predicate_key("evacuated") != predicate_key("killed")
    assert predicate_key("inked") == "inked" and predicate_key(None) is None


def test_a_relation_between_two_parties_belongs_to_the_two_places_named_most() -> None:
    text = (
        "Chile and Peru met in Lima. Chile wants more trade, and Peru agrees. "
        "Bilateral trade reached $4 billion in 2023."
    )
    corpus = linked(_article("a", text))
    assert figure_of(corpus, "a", "$4 billion").subject == "Chile; Peru"
    tie = "Chile, Peru and Bolivia met. Bilateral trade reached $4 billion in 2023."
    assert figure_of(linked(_article("b", tie)), "b", "$4 billion").subject is None


# Ranges, vague quantities, ages and cents (issue 17, reading numbers) -----------------------


def test_a_range_and_a_value_inside_it_agree_and_one_outside_conflicts() -> None:
    a = _article(
        "a", "VELSK (Wire) - The bridge collapse in Velsk killed between 10 and 15 people."
    )
    b = _article("b", "The bridge collapse in Velsk killed 12 people, officials said.")
    c = _article("c", "The bridge collapse in Velsk killed 40 people, a witness said.", day=5)
    [agree] = linked(a, b).comparisons
    assert agree.status == "agree"
    [conflict] = linked(a, c).comparisons
    assert conflict.status == "conflict"


def test_hundreds_of_jobs_agrees_with_a_count_in_the_hundreds_and_never_conflicts() -> None:
    a = _article("a", "Brindle Motors laid off hundreds of workers at its plant in Corby.")
    b = _article("b", "Brindle Motors laid off 400 workers at its plant in Corby.")
    c = _article("c", "Brindle Motors laid off 5,000 workers at its plant in Corby.")
    assert _statuses(linked(a, b)) == ["agree"]
    assert _statuses(linked(a, c)) == []  # an order of magnitude: no evidence of a conflict


def test_ages_are_never_compared() -> None:
    a = _article("a", "Ana Ruiz, 51, said she would appeal the ruling in Dellmar.")
    b = _article("b", "Ana Ruiz, 52, said she would appeal the ruling in Dellmar.")
    corpus = linked(a, b)
    assert [f.kind for f in corpus.figures] == ["age", "age"]
    assert corpus.comparisons == []


def test_cents_without_a_denominator_are_a_price_move_not_compared() -> None:
    a = _article("a", "Shares of Calder Foods rose 12 cents on Monday.")
    b = _article("b", "Shares of Calder Foods rose 30 cents on Monday.")
    corpus = linked(a, b)
    assert [f.kind for f in corpus.figures] == ["money", "money"]
    assert corpus.comparisons == []


# A period stated but not fixed: "over the past year" in an undated article ----------------


def _undated(article_id: str, text: str) -> Article:
    return Article(id=article_id, path=f"{article_id}.txt", text=text)


def test_past_year_of_an_undated_article_is_not_set_against_a_calendar_year() -> None:
    dated = _undated("a", "Trade between Ostland and Veltria grew by nearly 50% in 2021.")
    rolling = _undated("b", "Trade between Ostland and Veltria has jumped 64% over the past year.")
    corpus = linked(dated, rolling)
    assert figure_of(corpus, "b", "64%").period == "P1Y/XXXX-XX"
    assert corpus.comparisons == []  # was a "possible conflict" of 2021 against it


def test_two_undated_past_years_are_at_most_a_possible_conflict() -> None:
    a = _undated("a", "Trade between Ostland and Veltria has jumped 64% over the past year.")
    b = _undated("b", "Trade between Ostland and Veltria has jumped 20% over the past year.")
    [conflict] = linked(a, b).comparisons
    assert (conflict.status, conflict.certain) == ("conflict", False)


def test_figures_nothing_places_in_time_are_not_compared() -> None:
    # two undated articles, no period on either figure: a running tally read at two
    # unknown moments, not a disagreement between sources
    a = _undated("a", "In the race for delegates, Senator Ana Ruiz has 370 delegates.")
    b = _undated("b", "In the race for delegates, Senator Ana Ruiz has 11 delegates.")
    assert [c for c in linked(a, b).comparisons if c.status == "conflict"] == []


def test_figures_without_a_period_compare_only_within_a_day_of_publication() -> None:
    # the article's day is all that places such a figure in time: a running count read a
    # week apart is two moments, not a disagreement; the same day's reports can disagree
    text = "In the race for delegates, Senator Ana Ruiz has {} delegates."
    week = linked(_article("a", text.format(370), day=5), _article("b", text.format(11), day=12))
    assert [c for c in week.comparisons if c.status == "conflict"] == []
    day = linked(_article("a", text.format(370), day=5), _article("b", text.format(11), day=6))
    [conflict] = [c for c in day.comparisons if c.status == "conflict"]
    assert not conflict.certain


def test_a_count_on_a_past_day_is_not_set_against_a_later_undated_count() -> None:
    then = _article("a", "In the race for delegates, Senator Ana Ruiz had 370 delegates on May 20.")
    now = _article("b", "In the race for delegates, Senator Ana Ruiz had 11 delegates.")
    corpus = linked(then, now)
    assert figure_of(corpus, "a", "370 delegates").period == "2024-05-20"
    assert [c for c in corpus.comparisons if c.status == "conflict"] == []
    # printed the next day, the same count is one moment: they can disagree
    soon = _article("a", "In the race for delegates, Senator Ana Ruiz had 370 delegates on June 4.")
    assert [c.status for c in linked(soon, now).comparisons] == ["conflict"]


# Counts of the same thing: the counted noun with its modifiers (issue 17, classes 1 and 3) ---


def test_member_countries_are_not_countries_in_general() -> None:
    a = _article("a", "The Arden Union now has 65 member countries, its secretariat said.")
    b = _article("b", "The Arden Union now has two countries on its waiting list.")
    assert linked(a, b).comparisons == []


def test_first_place_votes_are_not_votes() -> None:
    a = _article("a", "Carrow State received 18 first-place votes in the Arden coaches' poll.")
    b = _article("b", "Carrow State received 1,402 votes in the Arden coaches' poll.")
    assert linked(a, b).comparisons == []


def test_counts_with_the_same_modifiers_still_conflict() -> None:
    a = _article("a", "The Arden Union has 65 member countries in 2024, its secretariat said.")
    b = _article("b", "The Arden Union has 58 member countries in 2024, its secretariat said.")
    [conflict] = linked(a, b).comparisons
    assert conflict.status == "conflict" and conflict.subject == "Arden Union"


def test_a_measure_modifying_a_noun_is_not_compared_with_a_count_of_it() -> None:
    a = _article("a", "Halvern Corp opened a 15,000 square-foot office in Arden on Monday.")
    b = _article("b", "Halvern Corp opened three offices in Arden on Monday.")
    assert linked(a, b).comparisons == []


# Rates: the denominator is part of what is measured (issue 17, class 4) -------------------


def test_a_rate_per_speech_is_not_a_total() -> None:
    a = _article("a", "Norvale Bank paid $225,000 per speech for three talks by Ana Ruiz in 2023.")
    b = _article("b", "Norvale Bank paid $675,000 for three talks by Ana Ruiz in 2023.")
    corpus = linked(a, b)
    assert figure_of(corpus, "a", "$225,000").per == "speech"
    assert [c.status for c in corpus.comparisons if "$" in c.measure + c.detail] == []


def test_rates_of_a_unit_compare_by_unit_and_denominator() -> None:
    a = _article("a", "Marlow guard Tom Bell averaged 31 points per game in May, the league said.")
    b = _article("b", "Marlow guard Tom Bell averaged 24 points a game in May, the league said.")
    [conflict] = linked(a, b).comparisons
    assert conflict.status == "conflict" and conflict.measure == "points per game"


# The same subject in the same context; figures fixed in time (issue 17, class 1) -----------


def test_a_month_of_no_known_year_does_not_fix_a_figure_in_time() -> None:
    a = _undated(
        "a", "Senator Ana Ruiz won 14 percent of the vote in the Ostland caucuses in March."
    )
    b = _undated("b", "Senator Ana Ruiz won 30 percent of the vote in the Ostland caucuses.")
    corpus = linked(a, b)
    assert figure_of(corpus, "a", "14 percent").period == "XXXX-03"
    assert corpus.comparisons == []  # two unknown years: nothing says they are one contest


def test_one_subject_in_two_contexts_is_not_compared() -> None:
    a = _article(
        "a", "About 60 percent of Veltrian voters backed Ana Ruiz in the Sorin Institute poll."
    )
    b = _article(
        "b", "About 35 percent of Veltrian voters backed Ana Ruiz in the Brema Group survey."
    )
    assert linked(a, b).comparisons == []


def test_one_subject_in_one_context_still_conflicts() -> None:
    a = _article(
        "a", "About 60 percent of Veltrian voters backed Ana Ruiz in the Sorin Institute poll."
    )
    b = _article(
        "b", "Only 35 percent of Veltrian voters backed Ana Ruiz in the Sorin Institute poll."
    )
    [conflict] = linked(a, b).comparisons
    assert conflict.status == "conflict"


def test_the_dateline_and_who_reports_the_number_are_not_its_context() -> None:
    a = _article(
        "a", "BREMA, June 4 (Wire) - Veltria's exports rose 12% in May, the Brema office said."
    )
    b = _article("b", "Veltria's exports rose 9% in May, according to official data from Sorin.")
    [conflict] = linked(a, b).comparisons
    assert conflict.status == "conflict"
