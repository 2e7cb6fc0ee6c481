"""The help screen: every key the dashboard binds (as remapped), the focused pane's first."""

from __future__ import annotations

from textual.binding import Binding

from tui.app.dashboard import Dashboard
from tui.app.panes.entry_list import EntryList
from tui.app.panes.people import PeoplePane
from tui.app.panes.record_table import RecordTable
from tui.app.panes.source import SourcePane, SourceView
from tui.app.screens.conflict import ConflictScreen
from tui.app.screens.date import DateScreen
from tui.app.screens.frequency import FrequencyScreen
from tui.app.screens.modals import HelpScreen, HelpSection
from tui.app.screens.pages import PAGES
from tui.app.screens.person import PersonScreen
from tui.app.screens.triage import CorrectionsScreen
from tui.app.searching import SearchInput

PANE_ORDER = ("people", "timeline", "figures", "source")


class KeyHelp(Dashboard):
    """Lists the bindings of the app and of each pane, in the keys the user's keymap set."""

    def key_label(self, binding: Binding) -> str:
        keys = self.keymap.get(binding.id or "", binding.key)
        return ", ".join(
            self.get_key_display(Binding(k.strip(), binding.action)) for k in keys.split(",")
        )

    def help_sections(self) -> list[HelpSection]:
        def rows(*owners: type[object]) -> list[tuple[str, str]]:
            out: list[tuple[str, str]] = []
            for owner in owners:
                for b in getattr(owner, "BINDINGS", []):
                    if isinstance(b, Binding):
                        out.append((self.key_label(b), b.description or b.action))
            return out

        moves = [("↑ ↓, pgup, pgdn", "Move")]
        table = [*rows(RecordTable), *moves]
        timeline = [
            *table,
            ("enter", "The event's date page: every source's sentences, by outlet"),
            ("/ 2023-03..2023-06", "Events in a range of dates (also 2023-03-01..2023-03-31)"),
        ]
        figures = [
            *table,
            ("enter", "On a comparison: the conflict view; on a figure: show in Source"),
        ]
        per_pane: dict[str, list[tuple[str, str]]] = {
            "people": [
                *rows(PeoplePane, EntryList),
                *moves,
                ("enter", "The person's page (then Timeline and Figures filtered to them)"),
            ],
            "timeline": timeline,
            "figures": figures,
            "source": rows(SourcePane, SourceView),
        }
        page = [
            *rows(PersonScreen),
            *rows(RecordTable),
            *moves,
            ("enter", "Show the row in Source (esc there comes back to the page)"),
        ]
        shown_row = ("enter", "Show the row in Source (esc there comes back)")
        conflict = [*rows(ConflictScreen), ("tab", "Comparisons / their figures"), shown_row]
        date = [*rows(DateScreen), *rows(RecordTable), shown_row]
        focused = self.focused_pane()
        order = list(PANE_ORDER)
        sections: list[HelpSection] = []
        on_page = isinstance(self.screen, PAGES)
        if isinstance(self.screen, PersonScreen):
            sections.append(("Person's page (shown)", page))
        elif isinstance(self.screen, ConflictScreen):
            sections.append(("Conflict view (shown)", conflict))
        elif isinstance(self.screen, DateScreen):
            sections.append(("Date page (shown)", date))
        elif focused is not None and focused.id in per_pane:
            order.remove(focused.id)
            sections.append((f"{focused.PANE_TITLE} (focused)", per_pane[focused.id]))
        global_rows = [
            *rows(type(self)),
            ("tab, shift+tab", "Next / previous pane"),
            ("ctrl+p", "Command palette: jump to a person, date, figure, article, page"),
        ]
        sections.append(("Everywhere", global_rows))
        for pane_id in order:
            sections.append((pane_id.title(), per_pane[pane_id]))
        if not on_page:
            sections.append(("Person's page (enter in People)", page))
            sections.append(("Conflict view (enter on a comparison in Figures)", conflict))
            sections.append(("Date page (enter in Timeline)", date))
        sections.append(
            ("Search bar (/)", [*rows(SearchInput), ("enter", "Keep the search, back to the pane")])
        )
        sections.append(
            (
                "Frequency table (F)",
                [*rows(FrequencyScreen), ("enter", "Filter the pane by the row")],
            )
        )
        sections.append(("Corrections (C)", rows(CorrectionsScreen)))
        return sections

    def action_help(self) -> None:
        sections = self.help_sections()
        shown = tuple((title, tuple(rows)) for title, rows in sections)
        self.push_kept("help", shown, lambda: HelpScreen(sections))
