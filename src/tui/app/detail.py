"""The detail line under the panes: one line describing the selection, one renderer per kind."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from tui.app.format import (
    article_label,
    clean,
    figure_label,
    on_inferred_date,
    quoted,
    shorten,
    status_mark,
    timex_of,
)
from tui.app.panes.people import role_summary
from tui.app.records import RecordKind
from tui.app.view import CorpusView, Selection
from tui.records.models import Figure
from tui.records.timevalue import display_value

HINT = "↑↓ move · enter select · tab next pane · ? help"
"""What the line says while nothing is selected."""

Renderer = Callable[[CorpusView, Selection], Text | None]
"""Describes the selected record; None when the view has no such record (a selection made
in a preview), and the line then describes the article instead."""


def describe(view: CorpusView | None, selection: Selection | None) -> Text:
    """The detail line for ``selection`` (the hint when there is none to describe)."""
    if selection is None or view is None or selection.article_id not in view.articles:
        text = _line()
        text.append(HINT, style="dim")
        return text
    described = RENDERERS[selection.kind](view, selection)
    return described if described is not None else _article(view, selection)


def _line() -> Text:
    return Text(no_wrap=True, overflow="ellipsis")


def _person(view: CorpusView, selection: Selection) -> Text | None:
    """Name, roles, aliases, the mention's place among the person's (for a mention), and
    the evidence the person's names were merged on."""
    person = view.people.get(selection.record_id)
    if person is None:
        return None
    text = _line()
    text.append(clean(person.name), style="bold")
    roles = role_summary(person, 4)
    if roles:
        text.append(f" — {roles}")
    if person.aliases:
        text.append(" — aka " + ", ".join(shorten(a, 30) for a in person.aliases))
    if selection.kind is RecordKind.MENTION:
        total = view.mention_count(person.id)
        text.append(f" — mention {selection.index + 1}/{total} (n/p)", style="italic")
    for evidence in person.evidence[:2]:
        merged = ", ".join(shorten(n, 24) for n in evidence.names[:3])
        text.append(f" — merged by {clean(evidence.rule)}: {merged}", style="dim")
    return text


def _event(view: CorpusView, selection: Selection) -> Text | None:
    """The date (and its TIMEX3 value when it reads differently), the words it was read
    from, the people of the event and the outlet."""
    event = view.events.get(selection.record_id)
    if event is None:
        return None
    text = _line()
    label = timex_of(event.when)
    text.append(label, style="bold")
    if event.when.value and event.when.value != label:
        text.append(f" ({event.when.value})")
    text.append(f" “{clean(event.when.text)}”", style="italic")
    names = [clean(view.people[p].name) for p in event.people if p in view.people]
    if names:
        text.append(" — " + ", ".join(names))
    text.append(f" — {view.outlet_of(event.article_id)}")
    article = view.articles[event.article_id]
    if on_inferred_date(article, event.when):
        text.append(f" — inferred: {clean(article.published.detail)}", style="dim")
    return text


def _figure(view: CorpusView, selection: Selection) -> Text | None:
    """The value, kind, measure and period, and the comparison the figure is in."""
    figure = view.figures.get(selection.record_id)
    if figure is None:
        return None
    text = _line()
    text.append(figure_label(figure), style="bold")
    text.append(f" {figure.kind}")
    if figure.measure:
        text.append(f" — {clean(figure.measure)}")
    if figure.period:
        text.append(f" — {clean(display_value(figure.period))}")
    cmp_id = view.comparison_of_figure.get(figure.id)
    if cmp_id is not None:
        comparison = view.comparisons[cmp_id]
        text.append(f" — {status_mark(comparison)}", style="bold")
        others = [
            _figure_with_outlet(view, f)
            for f in view.members(comparison.figures)
            if f.id != figure.id
        ]
        if others:
            text.append(" with " + ", ".join(others))
    return text


def _comparison(view: CorpusView, selection: Selection) -> Text | None:
    """The status, the measure, every figure compared and the comparison's own detail."""
    comparison = view.comparisons.get(selection.record_id)
    if comparison is None:
        return None
    text = _line()
    text.append(status_mark(comparison), style="bold reverse")
    text.append(f" {clean(comparison.measure)}", style="bold")
    values = [_figure_with_outlet(view, f) for f in view.members(comparison.figures)]
    text.append(" — " + " vs ".join(values))
    if comparison.detail:
        text.append(f" — {clean(comparison.detail)}")
    return text


def _quote(view: CorpusView, selection: Selection) -> Text | None:
    """The statement's kind, who made it, where, and its first words."""
    quote = view.quote(selection.record_id)
    if quote is None:
        return None
    text = _line()
    text.append(f"{quote.kind} statement", style="bold")
    person = view.people.get(quote.person_id or "")
    if person is not None:
        text.append(f" by {clean(person.name)}", style="bold")
    text.append(f" — {view.outlet_of(quote.article_id)}")
    words = clean(quote.text)
    text.append(f" — {quoted(words, quote.kind)}", style="italic")
    return text


def _article(view: CorpusView, selection: Selection) -> Text:
    """The article the selection is in: its label and its file."""
    article = view.articles[selection.article_id]
    text = _line()
    text.append(article_label(article), style="bold")
    text.append(f" — {article.path}")
    if article.published.how == "inferred":
        text.append(f" — inferred: {clean(article.published.detail)}", style="dim")
    return text


def _figure_with_outlet(view: CorpusView, figure: Figure) -> str:
    return f"{figure_label(figure)} ({view.outlet_of(figure.article_id)})"


RENDERERS: dict[RecordKind, Renderer] = {
    RecordKind.PERSON: _person,
    RecordKind.MENTION: _person,
    RecordKind.EVENT: _event,
    RecordKind.FIGURE: _figure,
    RecordKind.COMPARISON: _comparison,
    RecordKind.ARTICLE: _article,
    RecordKind.MATCH: _article,  # a search match in Source: the article it is in
    RecordKind.QUOTE: _quote,
}
"""One renderer per kind of record (a test checks every kind has one)."""
