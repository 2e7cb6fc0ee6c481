"""The linked :class:`~tui.records.models.Corpus`, made without checking again the spans of
articles whose records were checked before.

``Corpus`` checks, when it is made, that every span of every record is its article's text
at its offsets (``_provenance``): at 10,000 articles, 582,197 spans, about 0.7 s of a
re-open that changed 100 of them. A span's record comes from its article's extraction alone
(people's mentions, roles and ambiguous mentions, statements and their parts, time
expressions and figures are the extraction's spans, copied; an event's trigger is cut from
the article's text), so with the same linking code, the same article text and the same
extraction, the same spans come out and match again (and the events' sentences, from the
extraction's sentences, lie inside the text again). :func:`linked_corpus` makes the corpus
with every check of ``Corpus`` but that one comparison for the spans of ``checked``
articles: those its caller knows were checked with exactly this content — by an earlier run
of the same :class:`~tui.link.incremental.Linker` (an article it did not re-read), or by an
earlier process that saved a mark in the store for the article's content hash under today's
linker version (which changes with the extraction or linking code). Every other span is
checked as ``Corpus`` checks it, with its messages; with nothing checked it is ``Corpus``
itself.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from tui.records.models import (
    Article,
    Comparison,
    Corpus,
    Event,
    Figure,
    Person,
    Quote,
    Span,
    TimeExpr,
)

__all__ = ["linked_corpus", "unchecked_spans"]


def linked_corpus(
    *,
    articles: list[Article],
    people: list[Person],
    quotes: list[Quote],
    events: list[Event],
    figures: list[Figure],
    comparisons: list[Comparison],
    timexes: list[TimeExpr],
    checked: Collection[str] = (),
) -> Corpus:
    """``Corpus(...)`` of these records; the spans whose article is in ``checked`` are not
    compared with its text again (see the module). Raises ``ValueError`` as ``Corpus``
    does."""
    records: dict[str, Any] = {
        "articles": articles,
        "people": people,
        "quotes": quotes,
        "events": events,
        "figures": figures,
        "comparisons": comparisons,
        "timexes": timexes,
    }
    if not checked:
        return Corpus.model_validate(records)
    texts = {a.id: a.text for a in articles}
    if len(texts) != len(articles):
        raise ValueError("article ids are not unique")
    skip = frozenset(checked).intersection(texts)  # a span of an unknown article is refused
    for span in unchecked_spans(people, quotes, events, figures, timexes, skip):
        text = texts.get(span.article_id)
        if text is None:
            raise ValueError(f"span points to unknown article {span.article_id!r}")
        if span.end > len(text) or text[span.start : span.end] != span.text:
            raise ValueError(
                f"span {span.start}:{span.end} of {span.article_id!r} does not match its text"
            )
    for article in articles:
        for passage in article.shared:
            if passage.end > len(article.text):
                raise ValueError(f"a shared passage of {article.id!r} lies outside it")
    for event in events:  # an event's sentence comes from its article's extraction too
        if event.article_id in skip:
            continue
        length = len(texts.get(event.article_id, ""))
        if event.sentence.end > length:
            raise ValueError(f"event {event.id} sentence lies outside its article")
    # checked above, as Corpus's own check does; the records are linking's, of their types
    return Corpus.model_construct(**records)


def unchecked_spans(
    people: Iterable[Person],
    quotes: Iterable[Quote],
    events: Iterable[Event],
    figures: Iterable[Figure],
    timexes: Iterable[TimeExpr],
    skip: frozenset[str],
) -> list[Span]:
    """The spans :meth:`Corpus.all_spans` yields, in its order, but those of articles in
    ``skip`` (``tests/test_provenance_skip.py`` checks the two against each other)."""
    out: list[Span] = []
    keep = out.append
    for person in people:
        for group in (person.mentions, person.roles, person.ambiguous):
            for span in group:
                if span.article_id not in skip:
                    keep(span)
    for quote in quotes:
        if quote.article_id not in skip:
            keep(quote)
    for event in events:
        if event.when.article_id not in skip:
            keep(event.when)
        trigger = event.trigger
        if trigger is not None and trigger.article_id not in skip:
            keep(trigger)
    for figure in figures:
        if figure.article_id not in skip:
            keep(figure)
    for timex in timexes:
        if timex.article_id not in skip:
            keep(timex)
    for quote in quotes:
        # Quote.parts(), written out (a generator per statement costs more than its check)
        speaker, cue = quote.speaker, quote.cue
        if speaker is not None and speaker.article_id not in skip:
            keep(speaker)
        if cue is not None and cue.article_id not in skip:
            keep(cue)
        for part in quote.quoted:
            if part.article_id not in skip:
                keep(part)
    return out
