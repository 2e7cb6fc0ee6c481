"""The export contract's provenance guarantees."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tui.records.models import Article, Corpus, Figure, Person, Quote, Span

TEXT = "Ana Costa said exports rose 12% in 2023."


def article() -> Article:
    return Article(id="a", path="a.txt", text=TEXT)


def test_span_of_slices_the_text() -> None:
    span = Span.of("a", TEXT, 0, 9)
    assert span.text == "Ana Costa"


def test_span_rejects_mismatched_length_and_order() -> None:
    with pytest.raises(ValidationError):
        Span(article_id="a", start=0, end=5, text="Ana Costa")
    with pytest.raises(ValidationError):
        Span(article_id="a", start=5, end=2, text="")


def test_corpus_accepts_valid_spans() -> None:
    a = article()
    person = Person(id="per-1", name="Ana Costa", mentions=[a.span(0, 9)])
    figure = Figure(id="fig-a-1", value=12, kind="percent", **a.span(28, 31).model_dump())
    corpus = Corpus(articles=[a], people=[person], figures=[figure])
    assert list(corpus.spans())[1].text == "12%"


def test_corpus_rejects_span_whose_text_differs() -> None:
    a = article()
    wrong = Span(article_id="a", start=0, end=9, text="Ana Coste")
    with pytest.raises(ValidationError, match="does not match"):
        Corpus(articles=[a], people=[Person(id="p", name="x", mentions=[wrong])])


def test_a_statement_carries_its_speaker_and_cue_spans_with_provenance() -> None:
    a = article()
    quote = Quote(
        id="quo-1",
        kind="indirect",
        speaker=a.span(0, 9),
        speaker_kind="person",
        cue=a.span(10, 14),
        **a.span(15, 39).model_dump(),
    )
    corpus = Corpus(articles=[a], quotes=[quote])
    assert [s.text for s in corpus.all_spans()] == ["exports rose 12% in 2023", "Ana Costa", "said"]
    assert [s.text for s in corpus.spans()] == ["exports rose 12% in 2023"]
    wrong = quote.model_copy(update={"cue": Span(article_id="a", start=10, end=14, text="sold")})
    with pytest.raises(ValidationError, match="does not match"):
        Corpus(articles=[a], quotes=[wrong])


def test_corpus_rejects_span_of_unknown_article() -> None:
    stray = Span(article_id="zz", start=0, end=3, text="Ana")
    with pytest.raises(ValidationError, match="unknown article"):
        Corpus(articles=[article()], people=[Person(id="p", name="x", mentions=[stray])])


def test_content_text_blanks_boilerplate_but_keeps_offsets() -> None:
    a = Article(id="a", path="a", text="Menu\nBody text.", boilerplate=[{"start": 0, "end": 4}])
    assert a.content_text() == "    \nBody text."
    assert len(a.content_text()) == len(a.text)
