"""Records linking makes without validating again (:mod:`tui.link.unvalidated`) are the
records validation makes of the same fields: the same values, JSON, given names and class."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tui.link.events import Draft
from tui.link.people import PersonIndex, quotes_of
from tui.link.unvalidated import text_range, text_span
from tui.records.extraction import LocalQuote, PeopleResult
from tui.records.models import CompactModel, Event, Quote, Range, Span, TimeExpr

TEXT = "The minister said on May 3 that talks would resume, officials said.\n" * 3


@st.composite
def spans(draw: st.DrawFn, article: str = "a1") -> Span:
    start = draw(st.integers(0, len(TEXT) - 1))
    end = draw(st.integers(start, len(TEXT)))
    return Span(article_id=article, start=start, end=end, text=TEXT[start:end])


@st.composite
def timexes(draw: st.DrawFn) -> TimeExpr:
    span = draw(spans())
    value = draw(st.sampled_from([None, "2024-05-03", "2024-05", "PRESENT_REF"]))
    kind = draw(st.sampled_from(["DATE", "TIME", "DURATION"]))
    return TimeExpr(
        article_id=span.article_id, start=span.start, end=span.end, text=span.text,
        type=kind, value=value,
    )  # fmt: skip


IDS = st.lists(st.text("pfq0123", min_size=1, max_size=4), max_size=4)


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    start = draw(st.integers(0, 50))
    return Draft(
        f"evt-a1-{draw(st.integers(1, 9))}",
        "a1",
        draw(timexes()),
        Range(start=start, end=start + draw(st.integers(0, 40))),
        draw(st.none() | spans()),
        draw(IDS),
        draw(IDS),
    )


def same_record(made: CompactModel, validated: CompactModel) -> None:
    assert type(made) is type(validated)
    assert made == validated
    assert made.model_dump_json() == validated.model_dump_json()
    assert made.model_fields_set == validated.model_fields_set
    # every field, in the class's order (a field added to the record must be added here)
    assert list(made.__dict__) == list(type(made).model_fields)
    for name, value in made.__dict__.items():
        if isinstance(value, list):  # a list of its own, as validation copies it
            assert value is not validated.__dict__[name] or not value


@settings(max_examples=200, deadline=None)
@given(drafts(), st.none() | st.text("grp-0123456789", min_size=1, max_size=6))
def test_an_event_made_from_its_draft_is_the_event_validated(
    draft: Draft, group: str | None
) -> None:
    fields: dict[str, Any] = {
        "id": draft.id,
        "article_id": draft.article_id,
        "when": draft.when,
        "sentence": draft.sentence,
        "trigger": draft.trigger,
        "people": draft.people,
        "figures": draft.figures,
    }
    if group is not None:
        fields["group"] = group
    made = draft.made(group)
    same_record(made, Event(**fields))
    assert made.people is not draft.people and made.figures is not draft.figures
    # its given names are shared, as validation shares them
    assert made.__pydantic_fields_set__ is Event(**fields).__pydantic_fields_set__


@st.composite
def local_quotes(draw: st.DrawFn) -> LocalQuote:
    span = draw(spans())
    return LocalQuote(
        article_id=span.article_id,
        start=span.start,
        end=span.end,
        text=span.text,
        person_key=draw(st.none() | st.sampled_from(["a1:p1", "a1:p2", ""])),
        kind=draw(st.sampled_from(["direct", "indirect", "mixed"])),
        cue=draw(st.sampled_from(["", "said"])),
        cue_span=draw(st.none() | spans()),
        speaker=draw(st.none() | spans()),
        speaker_kind=draw(st.sampled_from(["unknown", "person", "organisation"])),
        quoted=draw(st.lists(spans(), max_size=2)),
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(local_quotes(), max_size=5), st.booleans())
def test_statements_numbered_by_linking_are_the_statements_validated(
    quotes: list[LocalQuote], known: bool
) -> None:
    index: PersonIndex = {("a1", "a1:p1"): "per-1"} if known else {}
    made = quotes_of({"a1": PeopleResult(quotes=quotes)}, index)
    assert len(made) == len(quotes)
    for n, (quote, q) in enumerate(zip(made, quotes, strict=True), 1):
        validated = Quote(
            id=f"quo-{n}",
            person_id=index.get(("a1", q.person_key or "")),
            kind=q.kind,
            article_id=q.article_id,
            start=q.start,
            end=q.end,
            text=q.text,
            speaker=q.speaker,
            speaker_kind=q.speaker_kind,
            cue=q.cue_span,
            quoted=q.quoted,
        )
        same_record(quote, validated)
        assert quote.quoted is not q.quoted


def _made_or_error(make: Callable[[], CompactModel]) -> CompactModel | str:
    try:
        return make()
    except ValidationError as exc:
        return str(exc)


@settings(max_examples=300, deadline=None)
@given(st.integers(-3, len(TEXT) + 3), st.integers(-3, len(TEXT) + 3))
def test_a_trigger_cut_from_its_text_is_the_span_validated(start: int, end: int) -> None:
    made = _made_or_error(lambda: text_span("a1", TEXT, start, end))
    validated = _made_or_error(lambda: Span.of("a1", TEXT, start, end))
    if isinstance(validated, str):  # out of the text: refused with the same message
        assert made == validated
        return
    assert isinstance(made, Span)
    same_record(made, validated)
    assert made.__pydantic_fields_set__ is validated.__pydantic_fields_set__


@settings(max_examples=300, deadline=None)
@given(st.integers(-3, 60), st.integers(-3, 60))
def test_a_sentence_range_is_the_range_validated(start: int, end: int) -> None:
    made = _made_or_error(lambda: text_range(start, end))
    validated = _made_or_error(lambda: Range(start=start, end=end))
    if isinstance(validated, str):
        assert made == validated
        return
    assert isinstance(made, Range)
    same_record(made, validated)
    assert made.__pydantic_fields_set__ is validated.__pydantic_fields_set__
