"""Search every article's text (SQLite FTS5 through the store, or the loaded articles)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.format import clean, shorten
from tui.app.panes.record_list import RecordList
from tui.app.screens.modal import Modal
from tui.search import LIMIT, ArticleSearch, Hit

DEBOUNCE = 0.15
"""Seconds of no typing before the query runs: keystrokes stay instant on big folders."""


class FullTextScreen(Modal[tuple[str, str] | None]):
    """Type words; the articles containing them are listed. Enter opens one in Source."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="fulltext.cancel"),
        Binding("down", "to_results", "Results", show=False, id="fulltext.results"),
    ]

    def __init__(self, search: ArticleSearch, labels: dict[str, str], query: str = "") -> None:
        super().__init__()
        self.backend = search
        self.labels = labels
        self.initial = query
        self.query_text = ""
        self.hits: list[Hit] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="fulltext-body") as body:
            body.border_title = "Search all articles"
            body.border_subtitle = "enter opens · ↓ results · esc cancels"
            yield Input(value=self.initial, placeholder="words to find", id="fulltext-input")
            yield Static("", id="fulltext-status", markup=False)
            yield RecordList(id="fulltext-list")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial:
            self.run_search(self.initial)

    @on(Input.Changed, "#fulltext-input")
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self.run_search(value))

    @on(Input.Submitted, "#fulltext-input")
    def _submitted(self) -> None:
        results = self.query_one(RecordList)
        if self.hits:
            index = results.highlighted or 0
            self.dismiss((self.hits[index].article_id, self.query_text))

    @work(thread=True, exclusive=True, group="fulltext")
    def run_search(self, query: str) -> None:
        hits = self.backend.search(query, LIMIT)
        self.app.call_from_thread(self.show_hits, query, hits)

    def show_hits(self, query: str, hits: list[Hit]) -> None:
        self.query_text = query
        self.hits = hits
        results = self.query_one(RecordList)
        results.clear_options()
        options = []
        for i, hit in enumerate(hits):
            label = Text(no_wrap=True, overflow="ellipsis")
            label.append(shorten(self.labels.get(hit.article_id, hit.article_id), 50), "bold")
            label.append("  ")
            label.append(shorten(clean(hit.snippet), 200), "italic")
            options.append(Option(label, id=str(i)))
        results.add_options(options)
        if hits:
            results.highlighted = 0
        if not query.strip():
            status = ""
        elif not hits:
            status = "no article contains these words"
        elif len(hits) >= LIMIT:
            status = f"the best {LIMIT} articles (refine the words for others)"
        else:
            status = f"{len(hits)} article{'s' if len(hits) != 1 else ''}"
        self.query_one("#fulltext-status", Static).update(status)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int(event.option.id or 0)
        self.dismiss((self.hits[index].article_id, self.query_text))

    def action_to_results(self) -> None:
        if self.hits:
            self.query_one(RecordList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
