"""Command palette (ctrl+p): jump to any person, date, figure, comparison or article."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.app.format import article_label, figure_label, shorten, timex_of
from tui.app.panes.people import role_summary

if TYPE_CHECKING:
    from tui.app.app import NewsdashApp

Entry = tuple[str, str, Callable[[], None]]


class RecordCommands(Provider):
    """Offers every record on screen. Candidate text is article text, so it is shown as
    plain ``Content`` — never through the matcher's markup-parsing ``highlight``."""

    def _entries(self) -> Iterator[Entry]:
        app = cast("NewsdashApp", self.app)
        view = app.view
        if view is None:
            return
        for person in view.corpus.people:
            yield (
                f"person: {shorten(person.name, 60)}",
                role_summary(person) or f"{len(person.mentions)} mentions",
                partial(app.jump_to_person, person.id),
            )
        for event in view.sorted_events:
            sentence = view.articles[event.article_id].text[
                event.sentence.start : event.sentence.end
            ]
            yield (
                f"date: {timex_of(event.when)} — {shorten(sentence, 50)}",
                view.outlet_of(event.article_id),
                partial(app.jump_to_event, event.id),
            )
        for figure in view.corpus.figures:
            yield (
                f"figure: {figure_label(figure)}"
                + (f" — {shorten(figure.measure, 40)}" if figure.measure else ""),
                view.outlet_of(figure.article_id),
                partial(app.jump_to_figure, f"fig:{figure.id}"),
            )
        for comparison in view.corpus.comparisons:
            yield (
                f"{comparison.status}: {shorten(comparison.measure, 50)}",
                shorten(comparison.detail, 60),
                partial(app.jump_to_figure, f"cmp:{comparison.id}"),
            )
        for article in view.corpus.articles:
            yield (
                f"article: {shorten(article_label(article), 70)}",
                article.path,
                partial(app.jump_to_article, article.id),
            )

    async def discover(self) -> Hits:
        for text, help_text, command in self._entries():
            yield DiscoveryHit(Content(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, Content(text), command, text=text, help=help_text)
