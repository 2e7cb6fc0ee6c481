"""Timeline: events across all articles, in date order, at each date's own granularity."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import work
from textual.app import ComposeResult

from tui.app.format import clean, shorten, timex_of
from tui.app.panes.base import FilteredPane, RecordTable
from tui.app.view import Selection
from tui.models import Event

BATCH = 500


DATE_WIDTH = 22
"""Longer date labels ("end of January (year unknown)") are cut so the sentence keeps room."""


class TimelinePane(FilteredPane):
    PANE_TITLE = "Timeline"

    def compose(self) -> ComposeResult:
        yield RecordTable(id="timeline-table", classes="records")

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one(RecordTable)
        table.add_column("Date", key="date")
        table.add_column("Sentence", key="sentence")
        table.add_column("Outlet", key="outlet")

    def visible_events(self) -> list[Event]:
        view = self.view
        if view is None:
            return []
        allowed = view.event_ids_for(self.person_filter, self.article_filter)
        events = []
        for event in view.sorted_events:
            if event.id not in allowed:
                continue
            article = view.articles[event.article_id]
            sentence = article.text[event.sentence.start : event.sentence.end]
            if not self.matches(timex_of(event.when), view.outlet_of(event.article_id), sentence):
                continue
            events.append(event)
        return events

    def _row(self, event: Event, first_of_group: bool, size: int) -> tuple[Text, Text, Text]:
        view = self.view
        assert view is not None
        date = Text(no_wrap=True)
        room = max(10, min(DATE_WIDTH, self.size.width // 3)) if self.size.width else DATE_WIDTH
        label = shorten(timex_of(event.when), room)
        if first_of_group:
            date.append(label, style="bold")
        else:
            date.append("└ ", style="dim")
            date.append(label, style="dim")
        if size > 1 and first_of_group:
            date.append(f" ×{size}", style="italic")
        outlet = Text(shorten(view.outlet_of(event.article_id), 14), no_wrap=True)
        snippet = self.snippet(event)
        return date, snippet, outlet

    def snippet(self, event: Event, width: int = 90) -> Text:
        """The event's sentence cut around its time expression, which is shown bold.

        How much comes before the time expression depends on the room the pane has when
        it is filled: narrow panes keep the expression in view, wide ones show the
        sentence from its start."""
        view = self.view
        assert view is not None
        text = view.articles[event.article_id].text
        start, end = event.sentence.start, event.sentence.end
        if not start <= event.when.start <= event.when.end <= end:
            start, end = min(start, event.when.start), max(end, event.when.end)
        before = clean(text[start : event.when.start])
        when = clean(text[event.when.start : event.when.end])
        after = clean(text[event.when.end : end])
        room = self.size.width - 20  # what the Date column and borders leave
        lead = max(14, min(width, room) - len(when) - 12)
        if len(before) > lead:
            tail = before[-lead:]
            if " " in tail:  # start at a word, not inside one
                tail = tail[tail.index(" ") + 1 :]
            before = "…" + tail
        snippet = Text(no_wrap=True, overflow="ellipsis")
        snippet.append(before + (" " if before and when else ""))
        snippet.append(when, style="bold")
        snippet.append((" " if after and after[0].isalnum() else "") + after)
        snippet.truncate(width, overflow="ellipsis")
        return snippet

    def rebuild(self) -> None:
        if not self.is_mounted:
            return
        events = self.visible_events()
        rows: list[tuple[str, tuple[Text, Text, Text]]] = []
        shown: dict[str, int] = {}
        for event in events:
            if event.group:
                shown[event.group] = shown.get(event.group, 0) + 1
        previous_group: str | None = None
        for event in events:
            first = event.group is None or event.group != previous_group
            size = shown.get(event.group or "", 1)
            rows.append((event.id, self._row(event, first, size)))
            previous_group = event.group
        total = len(self.view.events) if self.view is not None else 0
        self.border_title = (
            f"Timeline ({len(rows)}/{total})" if len(rows) != total else f"Timeline ({total})"
        )
        self.border_subtitle = "nothing matches the filter" if total and not rows else ""
        self._fill(rows)

    @work(exclusive=True, group="timeline-fill")
    async def _fill(self, rows: list[tuple[str, tuple[Text, Text, Text]]]) -> None:
        table = self.query_one(RecordTable)
        keep = self.selection.record_id if self.selection is not None else None
        table.clear()
        for i in range(0, len(rows), BATCH):
            for key, cells in rows[i : i + BATCH]:
                table.add_row(*cells, key=key)
            if i + BATCH < len(rows):
                await asyncio.sleep(0)
        table.fit_columns()
        keys = [key for key, _ in rows]
        if keep in keys:
            table.move_cursor(row=keys.index(keep), animate=False)

    def selection_for(self, event_id: str) -> Selection | None:
        view = self.view
        if view is None or event_id not in view.events:
            return None
        event = view.events[event_id]
        return Selection(
            "event",
            event.id,
            event.article_id,
            event.when.start,
            event.when.end,
            context=(event.sentence.start, event.sentence.end),
        )
