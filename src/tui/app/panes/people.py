"""People: each person once, with roles, aliases, articles and mentions."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.app.format import clean, shorten
from tui.app.messages import PersonChosen, RecordHighlighted
from tui.app.panes.base import Pane
from tui.app.panes.record_list import RecordList
from tui.app.records import RecordKey, RecordKind
from tui.app.view import CorpusView, Selection
from tui.records.models import Person

ROLE_ROOM = 12
"""The least room a person's roles keep on their second line, before the counts."""


def role_summary(person: Person, limit: int = 2) -> str:
    titles: list[str] = []
    for role in person.roles:
        label = clean(role.title if not role.org else f"{role.title}, {role.org}")
        if label and label.casefold() not in (t.casefold() for t in titles):
            titles.append(label)
    extra = f" +{len(titles) - limit}" if len(titles) > limit else ""
    return "; ".join(titles[:limit]) + extra


def person_stats(view: CorpusView, person: Person) -> tuple[int, int]:
    """(number of articles, number of mentions)."""
    return view.articles_of_person.get(person.id, 0), len(person.mentions)


class PeoplePane(Pane):
    """Each person once. The list's option ids are person ids (it holds nothing else)."""

    PANE_TITLE = "People"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_sort", "Sort", id="people.sort"),
    ]

    sort_by: reactive[str] = reactive("mentions")
    _quiet_highlight: str | None = None
    _prompt_width = -1
    """The pane width the prompts were cut for."""

    def compose(self) -> ComposeResult:
        yield RecordList(id="people-list", classes="records")

    def on_mount(self) -> None:
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        self.border_subtitle = f"by {self.sort_by}"

    def action_toggle_sort(self) -> None:
        self.sort_by = "name" if self.sort_by == "mentions" else "mentions"

    def watch_sort_by(self) -> None:
        self._update_subtitle()
        self.request_rebuild()

    def watch_view(self) -> None:
        self.request_rebuild()

    def watch_article_filter(self) -> None:
        self.request_rebuild()

    def watch_search(self) -> None:
        self.request_rebuild()

    def watch_person_filter(self, old: str | None, new: str | None) -> None:
        """Only the ▶ mark of the chosen person changes: redraw those two prompts (same
        height) instead of rebuilding and re-measuring every person's option."""
        view = self.view
        if view is None or not self.is_mounted:
            return
        option_list = self.query_one(RecordList)
        changed: set[Option] = set()
        for person_id in (old, new):
            person = view.people.get(person_id or "")
            if person is None:
                continue
            try:
                index = option_list.get_option_index(person.id)
            except OptionDoesNotExist:
                continue
            option = option_list.get_option_at_index(index)
            option._set_prompt(self._prompt(view, person))
            changed.add(option)
        if changed:
            # Only those two are drawn again: every other entry on screen keeps its
            # rendered lines (clearing the whole cache drew them all again).
            cache = option_list._option_render_cache
            for key in [k for k in cache.keys() if k[0] in changed]:  # noqa: SIM118 (no __iter__)
                cache.discard(key)
            option_list.refresh()
        if new is not None:
            try:
                index = option_list.get_option_index(new)
            except OptionDoesNotExist:
                return
            if option_list.highlighted != index:
                # Not a user's move: do not let it replace the app's selection.
                self._quiet_highlight = new
                option_list.highlighted = index

    def visible_people(self) -> list[Person]:
        view = self.view
        if view is None:
            return []
        people = []
        for person in view.corpus.people:
            if self.article_filter is not None and not (
                view.mention_articles(person) & self.article_filter.article_ids
            ):
                continue
            if not self.matches(person.name, *person.aliases, role_summary(person, 99)):
                continue
            people.append(person)
        if self.sort_by == "name":
            people.sort(key=lambda p: (clean(p.name).casefold(), p.id))
        else:
            people.sort(key=lambda p: (-len(p.mentions), clean(p.name).casefold(), p.id))
        return people

    def rebuild(self) -> None:
        if not self.is_mounted:
            return
        option_list = self.query_one(RecordList)
        keep = self._current_id()
        view = self.view
        options: list[Option] = []
        if view is not None:
            for person in self.visible_people():
                options.append(Option(self._prompt(view, person), id=person.id))
        option_list.clear_options()
        option_list.add_options(options)
        target = self.person_filter or keep
        if options:
            ids = [o.id for o in options]
            index = ids.index(target) if target in ids else 0
            # Restoring the cursor after a rebuild is not a user's choice: do not let the
            # resulting OptionHighlighted replace the app's selection.
            self._quiet_highlight = ids[index]
            option_list.highlighted = index
        self.border_title = f"People ({len(options)})" if view is not None else "People"

    def _prompt(self, view: CorpusView, person: Person) -> Text:
        """Two lines: name and counts, then roles (or aliases) in italics. Each count is
        one token ("3 art"): what does not fit the name's line goes after the roles, or on
        a line of its own; a line never wraps inside a token."""
        articles, mentions = person_stats(view, person)
        chosen = person.id == self.person_filter
        room = self.size.width - 4 if self.size.width else 80
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("▶ " if chosen else "  ", style="bold")
        text.append(shorten(person.name, max(12, min(40, room - 10))), style="bold")
        counts = [f"{mentions}×", f"{articles} art"]
        sources = view.sources_of_person.get(person.id, articles)
        if sources < articles:
            counts[1] += f" ({sources} independent)"
        quotes = view.quotes_of_person.get(person.id, 0)
        if quotes:
            counts.append(f"{quotes} quote" + ("s" if quotes > 1 else ""))
        if person.aliases:
            counts.append(f"{len(person.aliases)} aka")
        if 4 + len(counts[1]) > room:  # too long for a line: "3 art", "(2 independent)"
            art, _, independent = counts[1].partition(" (")
            counts[1:2] = [art, f"({independent}"] if independent else [art]
        first = " "
        width = text.cell_len + 1
        while counts and width + 1 + len(counts[0]) <= room:
            token = counts.pop(0)
            first += " " + token
            width += 1 + len(token)
        text.append(first.rstrip(), style="dim")
        # The second line: the roles (or aliases), then the counts left over that fit; a
        # role keeps at least ROLE_ROOM characters. Counts that fit neither line go on
        # lines of their own: nothing is lost, nothing wraps inside a count.
        second = role_summary(person) or ", ".join(person.aliases)
        keep = min(len(second), ROLE_ROOM)
        rest = ""
        while counts and 4 + keep + len(rest) + 1 + len(counts[0]) <= room:
            rest += " " + counts.pop(0)
        left = room - 4 - len(rest)
        second = shorten(second, left) if second and left >= 8 else ""
        if second or rest:
            text.append("\n    ")
            text.append(second, style="italic")
            text.append(rest if second else rest.lstrip(), style="dim")
        while counts:
            line = counts.pop(0)
            while counts and 4 + len(line) + 1 + len(counts[0]) <= room:
                line += " " + counts.pop(0)
            text.append("\n    ")
            text.append(line, style="dim")
        return text

    def refit(self) -> None:
        """Names and roles are cut to the pane's width: a wider pane (maximised, or a
        bigger terminal) shows more of them."""
        if self.is_mounted and self.size.width != self._prompt_width:
            self._prompt_width = self.size.width
            self.request_rebuild()

    def current_person(self) -> str | None:
        """The id of the person under the cursor (None when the list is empty)."""
        return self._current_id()

    def _current_id(self) -> str | None:
        option_list = self.query_one(RecordList)
        if option_list.highlighted is None or option_list.option_count == 0:
            return None
        return option_list.get_option_at_index(option_list.highlighted).id

    def selection_for(self, key: RecordKey) -> Selection | None:
        """The person's selection: their first mention in reading order."""
        view = self.view
        if view is None or key.kind is not RecordKind.PERSON:
            return None
        first = view.first_mention(key.record_id)
        if first is None:
            return None
        return Selection(key, first.article_id, first.start, first.end)

    def reveal(self, key: RecordKey) -> bool:
        """Move the cursor to the person ``key``; False when the filters hide them."""
        option_list = self.query_one(RecordList)
        for index in range(option_list.option_count):
            if option_list.get_option_at_index(index).id == key.record_id:
                option_list.highlighted = index
                return True
        return False

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        quiet, self._quiet_highlight = self._quiet_highlight, None
        if not event.option_list.has_focus or event.option.id in (None, quiet):
            return
        selection = self.selection_for(RecordKey(RecordKind.PERSON, event.option.id))
        if selection is not None:
            self.post_message(RecordHighlighted(selection))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(PersonChosen(event.option.id))
