"""Jumps: a record named by its key (from the palette or a picker) shown and selected in its
pane; choosing a person; a person's page and back; stepping through a person's mentions."""

from __future__ import annotations

from collections.abc import Callable

from tui.app.conflict_rows import ConflictSpot
from tui.app.dashboard import Dashboard
from tui.app.date_rows import DateSpot, EventDays, parse_range
from tui.app.format import timex_label
from tui.app.messages import Spot
from tui.app.panes.figures import FiguresPane
from tui.app.panes.people import PeoplePane
from tui.app.panes.source import SourceView
from tui.app.panes.timeline import TimelinePane
from tui.app.person_rows import PageSpot
from tui.app.records import RecordKey, RecordKind
from tui.app.screens.conflict import ConflictScreen
from tui.app.screens.date import DateScreen
from tui.app.screens.pages import PAGES
from tui.app.screens.person import PersonScreen
from tui.app.view import Selection


class Jumps(Dashboard):
    """Moves the one selection to a record, clearing the filters that hide it."""

    def jump_to(self, key: RecordKey) -> None:
        """Show the record ``key`` in its pane (clearing what hides it) and select it."""
        jumps: dict[RecordKind, Callable[[RecordKey], None]] = {
            RecordKind.PERSON: self.jump_to_person,
            RecordKind.EVENT: self.jump_to_event,
            RecordKind.FIGURE: self.jump_to_figure,
            RecordKind.COMPARISON: self.jump_to_figure,
            RecordKind.ARTICLE: self.jump_to_article,
        }
        jumps[key.kind](key)

    def jump_to_person(self, key: RecordKey) -> None:
        person_id = key.record_id
        people = self.query_one(PeoplePane)
        if self.article_filter is not None:
            self.article_filter = None
        people.search = ""
        self.choose_person(person_id)
        people.focus_records()
        self.call_after_refresh(people.reveal, key)

    def jump_to_event(self, key: RecordKey) -> None:
        event_id = key.record_id
        timeline = self.query_one(TimelinePane)
        view = self.view
        if view is None:
            return
        if not view.shows_event(event_id, self.person_filter, self.article_filter):
            self.person_filter = None
            self.article_filter = None
        timeline.search = ""
        selection = timeline.selection_for(key)
        if selection is not None:
            self.selection = selection
        timeline.focus_records()

        def reveal() -> None:
            timeline.reveal(key)

        self.call_after_refresh(reveal)

    def jump_to_figure(self, key: RecordKey) -> None:
        """A figure (clearing the filters if they hide it), or a comparison."""
        figures = self.query_one(FiguresPane)
        view = self.view
        if view is None:
            return
        if key.kind is RecordKind.FIGURE and key.record_id not in view.figure_ids_for(
            self.person_filter, self.article_filter
        ):
            self.person_filter = None
            self.article_filter = None
        figures.search = ""
        selection = figures.selection_for(key)
        if selection is not None:
            self.selection = selection
        figures.focus_records()

        def reveal() -> None:
            figures.reveal(key)

        self.call_after_refresh(reveal)

    def jump_to_article(self, key: RecordKey) -> None:
        self.selection = Selection.article(key.record_id)
        self.query_one(SourceView).focus()

    def choose_person(self, person_id: str) -> None:
        self.person_filter = person_id
        self.mention_index = -1
        selection = self.query_one(PeoplePane).selection_for(
            RecordKey(RecordKind.PERSON, person_id)
        )
        if selection is not None:
            self.selection = selection

    def open_person_page(self, person_id: str, spot: PageSpot | None = None) -> None:
        """Open the person's page (at ``spot``, where the user left it). Over another page,
        Esc goes back to that page; over the dashboard, to the person chosen in People."""
        view = self.view
        if view is None or person_id not in view.people:
            self.bell()
            return
        self.page_back = None
        nested = isinstance(self.screen, PersonScreen)
        screen = PersonScreen(view, spot or PageSpot(person_id), self.person_pages)
        self.push_screen(screen, None if nested else self._page_closed)
        self.refresh_chips()

    def _page_closed(self, person_id: str | None) -> None:
        """Esc on a page opened over the dashboard: the person chosen and selected."""
        if person_id is not None and self.view is not None and person_id in self.view.people:
            self.jump_to_person(RecordKey(RecordKind.PERSON, person_id))

    def show_from_page(self, selection: Selection, back: Spot) -> None:
        """A page's row in Source: the pages close, Source shows the span, and Esc
        reopens the page at ``back``."""
        while isinstance(self.screen, PAGES):
            self.pop_screen()
        self.page_back = back
        self.selection = selection
        self.query_one(SourceView).focus()
        self.refresh_chips()

    def back_to_page(self) -> bool:
        """Reopen the page a row was shown from (False when there is none)."""
        back = self.page_back
        if back is None:
            return False
        if isinstance(back, ConflictSpot):
            self.open_conflict(back)
        elif isinstance(back, DateSpot):
            self.open_date(back)
        else:
            self.open_person_page(back.person_id, back)
        return True

    def drill_in(self, selection: Selection) -> bool:
        """Enter on a comparison opens the conflict view, on an event its date's page
        (False for any other record)."""
        if selection.kind is RecordKind.COMPARISON:
            self.open_conflict(ConflictSpot(selection.record_id))
            return True
        view = self.view
        if selection.kind is RecordKind.EVENT and view is not None:
            event = view.events.get(selection.record_id)
            days = self.event_days().of(event) if event is not None else None
            if event is None or days is None:
                return False  # an undated event: Source, as before
            label = timex_label(event.when.value)
            within = parse_range(self.query_one(TimelinePane).search)
            if within is not None:  # a from..to filter: the page of the whole range
                days, label = within
            self.open_date(DateSpot(days, label, event_id=event.id))
            return True
        return False

    def event_days(self) -> EventDays:
        """The days of each event's date, for the view shown (read once per view)."""
        cached = self.date_index
        if cached is None or cached.view is not self.view:
            assert self.view is not None
            cached = self.date_index = EventDays(self.view)
        return cached

    def open_conflict(self, spot: ConflictSpot) -> None:
        """The conflict view on ``spot``'s comparison; Esc there selects it in Figures."""
        view = self.view
        if view is None or spot.comparison_id not in view.comparisons:
            self.bell()
            return
        self.page_back = None
        self.push_screen(ConflictScreen(view, spot), self._conflict_closed)
        self.refresh_chips()

    def _conflict_closed(self, comparison_id: str | None) -> None:
        if comparison_id is not None and self.view is not None:
            self._back_to_row(FiguresPane, RecordKey(RecordKind.COMPARISON, comparison_id))

    def _back_to_row(
        self, pane_type: type[FiguresPane] | type[TimelinePane], key: RecordKey
    ) -> None:
        """Back from a page to the row it was opened on, the pane's filters kept when they
        show it (else cleared, as a jump does)."""
        pane = self.query_one(pane_type)
        selection = pane.selection_for(key)
        if selection is None or not pane.reveal(key):
            self.jump_to(key)
            return
        self.selection = selection
        pane.focus_records()

    def open_date(self, spot: DateSpot) -> None:
        """The page of a date (or range); Esc there selects its event in Timeline."""
        view = self.view
        if view is None:
            return
        self.page_back = None
        screen = DateScreen(view, spot, self.date_pages)
        self.push_screen(screen, self._date_closed)
        self.refresh_chips()

    def _date_closed(self, event_id: str | None) -> None:
        if event_id is not None and self.view is not None and event_id in self.view.events:
            self._back_to_row(TimelinePane, RecordKey(RecordKind.EVENT, event_id))

    def action_mention(self, step: int) -> None:
        """The next (``step`` 1) or previous (-1) mention of the chosen or selected person,
        in reading order."""
        view = self.view
        if view is None:
            return
        person_id = self.person_filter
        if (
            person_id is None
            and self.selection is not None
            and self.selection.kind in (RecordKind.PERSON, RecordKind.MENTION)
        ):
            person_id = self.selection.record_id
        if person_id is None:
            self.bell()
            return
        mentions = view.person_mentions(person_id)
        if not mentions:
            return
        if self.selection is not None and self.selection.kind is RecordKind.MENTION:
            index = (self.selection.index + step) % len(mentions)
        else:
            index = 0 if step > 0 else len(mentions) - 1
        m = mentions[index]
        key = RecordKey(RecordKind.MENTION, person_id)
        self.selection = Selection(key, m.article_id, m.start, m.end, index)
