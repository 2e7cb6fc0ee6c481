"""Events: each dated expression with its sentence, people and figures; grouped across articles."""

from __future__ import annotations

from tui import nlp
from tui.models import Article, Event, Figure, Range, Span, TimeExpr


def build_events(
    article: Article,
    timexes: list[TimeExpr],
    mentions: list[tuple[Span, str]],
    figures: list[Figure],
) -> list[Event]:
    """One event per time expression that has a value, dated by it.

    ``mentions`` pairs each person mention in the article with its global person id.
    """
    if not timexes:
        return []
    doc = nlp.parse(article.content_text())
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    events: list[Event] = []
    for timex in timexes:
        if timex.type not in ("DATE", "TIME") or timex.value is None:
            continue
        start, end = next(
            ((s, e) for s, e in sentences if s <= timex.start < e), (timex.start, timex.end)
        )
        people = sorted({pid for span, pid in mentions if start <= span.start < end})
        figs = [f.id for f in figures if f.article_id == article.id and start <= f.start < end]
        events.append(
            Event(
                id=f"evt-{article.id}-{len(events) + 1}",
                article_id=article.id,
                when=timex,
                sentence=Range(start=start, end=end),
                people=people,
                figures=figs,
            )
        )
    return events


def group_events(events: list[Event]) -> list[Event]:
    """Events in timeline order (by normalized value, then article and position)."""
    return sorted(events, key=lambda e: (e.when.value or "", e.article_id, e.when.start))
