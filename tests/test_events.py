"""Events: one per placeable time expression, with trigger, people, figures; grouped."""

from __future__ import annotations

import datetime as dt

import pytest
from fixtures.parsing import parsed

from tui import nlp
from tui.extract.timex import event_anchors, extract_timexes
from tui.link.events import BuiltEvent, build_events, group_events, timeline_key
from tui.records.extraction import EventAnchor
from tui.records.models import Article, Event, Figure, Published, Range, Span


def art(aid: str, text: str, day: dt.date | None = dt.date(2024, 6, 5)) -> Article:
    published = Published(date=day, how="header") if day is not None else Published()
    return Article(id=aid, path=f"{aid}.txt", text=text, published=published)


def span_of(a: Article, surface: str) -> Span:
    start = a.text.index(surface)
    return a.span(start, start + len(surface))


def built_for(
    a: Article, people: dict[str, str] | None = None, figures: list[Figure] | None = None
) -> list[BuiltEvent]:
    """``a``'s events as linking builds them, from what extraction keeps."""
    mentions = [(span_of(a, name), pid) for name, pid in (people or {}).items()]
    p = parsed(a)
    timexes = extract_timexes(p)
    sentences = [Range(start=s.start_char, end=s.end_char) for s in p.doc.sents]
    anchors = event_anchors(p, timexes)
    return build_events(a, timexes, mentions, figures or [], sentences=sentences, anchors=anchors)


def events_for(
    a: Article, people: dict[str, str] | None = None, figures: list[Figure] | None = None
) -> list[Event]:
    return [b.event for b in built_for(a, people, figures)]


WIRE = art(
    "wire",
    "LIMA, June 5 (Wire) - Finance minister Ana Costa met bank chiefs on Monday to discuss "
    "the copper export tax. The tax will rise by 4% in July, she said. "
    "The agreement lasts two years and is reviewed every year.",
)


def test_one_event_per_dated_expression_with_trigger_people_and_figures() -> None:
    fig_start = WIRE.text.index("4%")
    figure = Figure(
        id="fig-1", article_id="wire", start=fig_start, end=fig_start + 2, text="4%", value=4
    )
    other = Figure(id="fig-x", article_id="elsewhere", start=0, end=2, text="LI", value=1)
    events = events_for(WIRE, {"Ana Costa": "per-1"}, [figure, other])
    by_text = {e.when.text: e for e in events}
    # The dateline is metadata, the duration and the set are never placed as dates.
    assert sorted(by_text) == ["July", "Monday"]
    monday = by_text["Monday"]
    assert monday.when.value == "2024-06-03"
    assert monday.trigger is not None and monday.trigger.text == "met"
    assert monday.people == ["per-1"]
    assert WIRE.text[monday.sentence.start : monday.sentence.end].startswith("LIMA")
    july = by_text["July"]
    assert july.when.value == "2024-07"
    assert july.trigger is not None and july.trigger.text == "rise"
    assert july.figures == ["fig-1"]
    assert july.people == []


def test_event_noun_is_the_trigger_when_the_date_modifies_a_noun() -> None:
    a = art("n1", "Delegates called the March summit a success.")
    (event,) = events_for(a)
    assert event.trigger is not None and event.trigger.text == "summit"


def test_same_event_in_two_articles_is_grouped_and_each_report_kept() -> None:
    first = art(
        "a1",
        "Port workers in Valparaíso began a strike over pensions on Monday, the union said.",
    )
    second = art(
        "a2",
        "Dock workers walked out in Valparaíso on Monday in a strike over pension reform.",
    )
    unrelated = art("a3", "A new museum of modern art opened in Oslo on Monday.")
    later = art(
        "a4",
        "Port workers in Valparaíso began a strike over pensions on Tuesday.",
        dt.date(2024, 6, 12),
    )
    events = [e for a in (first, second, unrelated, later) for e in built_for(a)]
    grouped = group_events(events)
    assert len(grouped) == 4
    groups = {e.article_id: e.group for e in grouped}
    assert groups["a1"] is not None
    assert groups["a1"] == groups["a2"]
    assert groups["a3"] is None
    assert groups["a4"] is None  # a different date is a different event


def test_shared_person_groups_reports_with_the_same_date() -> None:
    first = art("p1", "The envoy arrived in Kyiv on June 3 for talks.")
    second = art("p2", "Talks in Kyiv began on June 3, the envoy's office confirmed.")
    e1 = built_for(first, {"envoy": "per-7"})
    e2 = built_for(second, {"envoy": "per-7"})
    grouped = group_events(e1 + e2)
    assert {e.group for e in grouped} == {"grp-1"}


def test_group_events_sorts_by_granularity_aware_timeline_order() -> None:
    a = art(
        "t1",
        "Prices rose on 3 March 2023. They had fallen in March 2023. "
        "The year 2023 was hard. They jumped on 1 February 2023.",
    )
    ordered = [e.when.value for e in group_events(built_for(a))]
    assert ordered == ["2023", "2023-02-01", "2023-03", "2023-03-03"]


def test_timeline_key_orders_periods_before_their_parts() -> None:
    vals = ["2024-06-05", "2024-06", "2024", "2024-Q2", "2024-W23", "2024-06-05TMO", None]
    vals += ["2023-12-31", "2024-H1", "202", "PAST_REF"]
    ordered = sorted(vals, key=timeline_key)
    assert ordered[:2] == ["202", "2023-12-31"]
    assert ordered.index("2024") < ordered.index("2024-H1") < ordered.index("2024-Q2")
    assert ordered.index("2024-Q2") < ordered.index("2024-06") < ordered.index("2024-W23")
    assert ordered.index("2024-W23") < ordered.index("2024-06-05")
    assert ordered.index("2024-06-05") < ordered.index("2024-06-05TMO")
    assert set(ordered[-2:]) == {None, "PAST_REF"}


def test_no_events_without_dates_or_for_relative_dates_without_publication_date() -> None:
    assert events_for(art("e1", "Nothing happened here at all.")) == []
    undated = Article(id="u", path="u.txt", text="The ministers met on Monday in Quito.")
    assert events_for(undated) == []
    relative = art("u2", "Prices rose last year and fell two days ago, traders said.", None)
    assert events_for(relative) == []


# A translated blog repost with no publication date: its month-days and months are dated
# "year unknown" (TimeML XXXX) and still anchor events.
UNDATED_BLOG = art(
    "blog",
    "Reposted from a regional news site.\n\n"
    "Health minister Rosa Lemke opened the new children's hospital in Tartu on May 7. "
    "In July the wards will take their first patients, the hospital said. "
    "The building cost 40 million euros and took four years. Staff were hired last week.",
    None,
)


def test_year_unknown_values_anchor_events_with_their_sentence_people_and_figures() -> None:
    fig_start = UNDATED_BLOG.text.index("40 million euros")
    figure = Figure(
        id="fig-b1",
        article_id="blog",
        start=fig_start,
        end=fig_start + 16,
        text="40 million euros",
        value=40_000_000,
    )
    events = events_for(UNDATED_BLOG, {"Rosa Lemke": "per-3"}, [figure])
    by_text = {e.when.text: e for e in events}
    # "last week" is purely relative: no event; the duration is never placed.
    assert sorted(by_text) == ["July", "May 7"]
    may = by_text["May 7"]
    assert may.when.value == "XXXX-05-07"
    assert "year unknown" in may.when.how
    assert may.trigger is not None and may.trigger.text == "opened"
    assert may.people == ["per-3"]
    sentence = UNDATED_BLOG.text[may.sentence.start : may.sentence.end]
    assert sentence.startswith("Health minister Rosa Lemke opened")
    july = by_text["July"]
    assert july.when.value == "XXXX-07"
    assert july.trigger is not None and july.trigger.text == "take"
    assert july.figures == []


def test_year_unknown_events_sort_after_all_dated_events_by_month_and_day() -> None:
    dated = art("d1", "The bridge opened on 3 March 2021. Traffic doubled in December 2023.")
    events = built_for(UNDATED_BLOG) + built_for(dated)
    events += built_for(art("u3", "Farmers protested on April 30 in Riga.", None))
    ordered = [e.when.value for e in group_events(events)]
    assert ordered == ["2021-03-03", "2023-12", "XXXX-04-30", "XXXX-05-07", "XXXX-07"]


def test_year_unknown_reports_group_on_the_same_value_and_a_shared_person() -> None:
    first = art("x1", "Rosa Lemke opened the children's hospital in Tartu on May 7.", None)
    second = art("x2", "On May 7, Rosa Lemke cut the ribbon at a clinic, a blog reported.", None)
    other_year = art("x3", "Rosa Lemke opened the hospital in Tartu on May 7.")  # dated 2024
    different_day = art("x4", "Rosa Lemke toured the hospital in Tartu on May 8.", None)
    people = {"Rosa Lemke": "per-3"}
    events = [e for a in (first, second, other_year, different_day) for e in built_for(a, people)]
    groups = {e.article_id: e.group for e in group_events(events)}
    assert groups["x1"] is not None and groups["x1"] == groups["x2"]
    # 2024-05-07 is not known to be the same day as XXXX-05-07; May 8 is another day.
    assert groups["x3"] is None
    assert groups["x4"] is None


def test_translated_weekday_lead_gets_the_verb_as_trigger() -> None:
    a = art("tr", "Chile and Peru this Tuesday (4) signed a fisheries accord in Lima.")
    (event,) = events_for(a)
    assert event.when.value == "2024-06-04"
    assert event.trigger is not None and event.trigger.text == "signed"


def test_only_a_leading_place_and_date_is_a_dateline() -> None:
    a = art("dl", "In Geneva, Monday's talks ended without a deal.")
    (event,) = events_for(a)
    assert event.when.text == "Monday"
    lead = art("dl2", "GENEVA, June 4 (Wire) - Talks ended without a deal.")
    assert events_for(lead) == []


def test_linking_with_stored_sentences_and_anchors_needs_no_parse(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = art("np", "Port workers began a strike on Monday. The union will meet again in July.")
    timexes = extract_timexes(parsed(a))
    anchors = [
        EventAnchor.model_validate_json(x.model_dump_json())
        for x in event_anchors(parsed(a), timexes)
    ]
    sentences = [Range(start=s.start_char, end=s.end_char) for s in nlp.load()(a.text).sents]
    expected = built_for(a)

    def no_model() -> None:
        raise AssertionError("linking loaded the model")

    monkeypatch.setattr(nlp, "load", no_model)
    built = build_events(a, timexes, [], [], sentences=sentences, anchors=anchors)
    assert built == expected
    assert [b.event.trigger.text for b in built if b.event.trigger] == ["began", "meet"]


def test_a_short_report_is_not_taken_for_a_dateline() -> None:
    (event,) = events_for(art("sh", "Talks resume Monday."))
    assert event.when.value == "2024-06-03"
    assert events_for(art("hd", "Published: 4 June 2024\n\nNothing else is dated here.")) == []


def test_key_terms_come_from_the_clause_of_the_date() -> None:
    visit = art("c1", "In July, the trade minister will pay a visit to Jakarta to discuss oil.")
    same = art("c2", "The trade minister will visit Jakarta in July for talks on oil tariffs.")
    summit = art(
        "c3",
        "The trade minister will visit Jakarta this week, as Malaysia chairs the bloc this "
        "year and prepares to host its summit in July.",
    )
    events = [e for a in (visit, same, summit) for e in built_for(a)]
    july = {e.article_id: e for e in group_events(events) if e.when.text == "July"}
    assert {e.when.value for e in july.values()} == {"2024-07"}
    assert july["c1"].group is not None and july["c1"].group == july["c2"].group
    # c3's July is the summit's; the visit words belong to another clause.
    assert july["c3"].group is None
