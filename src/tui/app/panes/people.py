"""People: each person once, with roles, aliases, articles and mentions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.worker import get_current_worker

from tui.app.format import clean, shorten
from tui.app.messages import PersonChosen, RecordHighlighted
from tui.app.panes.base import Pane
from tui.app.panes.entry_list import Entries, EntryList
from tui.app.records import RecordKey, RecordKind
from tui.app.threads import short_switches
from tui.app.view import CorpusView, Selection
from tui.records.models import Person

WIDTHS_KEPT = 3
"""Pane widths whose entry heights People keeps (its own, maximised, another layout's)."""

ROLE_ROOM = 12
"""The least room a person's roles keep on their second line, before the counts."""

INLINE_PEOPLE = 1_000
"""Up to this many people, their entries' heights at a new width are measured on the event
loop (~10 µs a person: ~10 ms); beyond, in a thread worker, so no key waits for them (at
51,000 people the measurement held the event loop for ~0.25 s at the start, at the first
``z`` and at a resize)."""

STOP_CHECK = 4_096
"""People measured between two looks at whether the measuring worker was cancelled."""


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
    return view.articles_of_person.get(person.id, 0), view.mention_count(person.id)


def entry_room(width: int) -> int:
    """The cells an entry's lines may take in a pane ``width`` cells wide."""
    return width - 4 if width else 80


def prompt_parts(
    view: CorpusView, person: Person, room: int, chosen: bool
) -> list[tuple[str, str]]:
    """A person's entry — two lines: name and counts, then roles (or aliases) in italics —
    as its pieces and their styles, cut to ``room`` cells; ``chosen`` marks it ▶. Each
    count is one token ("3 art"): what does not fit the name's line goes after the roles,
    or on a line of its own; a line never wraps inside a token. Reads only its arguments
    (the heights are measured with it in a worker)."""
    articles, mentions = person_stats(view, person)
    mark = "▶ " if chosen else "  "
    name = shorten(person.name, max(12, min(40, room - 10)))
    parts = [(mark, "bold"), (name, "bold")]
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
    width = cell_len(mark) + cell_len(name) + 1  # control codes take no cells
    while counts and width + 1 + len(counts[0]) <= room:
        token = counts.pop(0)
        first += " " + token
        width += 1 + len(token)
    parts.append((first.rstrip(), "dim"))
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
        parts.append(("\n    ", ""))
        parts.append((second, "italic"))
        parts.append((rest if second else rest.lstrip(), "dim"))
    while counts:
        line = counts.pop(0)
        while counts and 4 + len(line) + 1 + len(counts[0]) <= room:
            line += " " + counts.pop(0)
        parts.append(("\n    ", ""))
        parts.append((line, "dim"))
    return parts


def prompt_lines(view: CorpusView, person: Person, room: int, chosen: bool) -> int:
    """The lines of the person's entry, counted without making it."""
    return sum(part.count("\n") for part, _ in prompt_parts(view, person, room, chosen)) + 1


def measure_heights(
    view: CorpusView,
    width: int,
    chosen: str | None,
    stopped: Callable[[], bool] | None = None,
) -> dict[str, int] | None:
    """Every person's entry height in a pane ``width`` cells wide (``chosen`` drawn ▶),
    reading only its arguments: run on the event loop for a few people, in a worker for
    many. None when ``stopped`` says so (looked at every :data:`STOP_CHECK` people)."""
    room = entry_room(width)
    heights: dict[str, int] = {}
    for i, person in enumerate(view.corpus.people):
        if stopped is not None and i % STOP_CHECK == 0 and stopped():
            return None
        heights[person.id] = prompt_lines(view, person, room, person.id == chosen)
    return heights


@dataclass
class PeopleKnown:
    """What the People pane works out once per corpus, for every sort, filter and search."""

    view: CorpusView
    orders: dict[str, list[Person]] = field(default_factory=dict)
    """Every person, in each sort order (by name, by mentions)."""
    folded: dict[str, str] | None = None
    """Each person's searched text, folded (made at the first search)."""
    heights: dict[int, dict[str, int]] = field(default_factory=dict)
    """Each person's entry height, per pane width (the last :data:`WIDTHS_KEPT`)."""

    def keep_heights(self, width: int, heights: dict[str, int]) -> None:
        """Keep the heights at ``width`` as the most recent, forgetting the oldest beyond
        :data:`WIDTHS_KEPT`."""
        self.heights.pop(width, None)
        while len(self.heights) >= WIDTHS_KEPT:
            self.heights.pop(next(iter(self.heights)))
        self.heights[width] = heights


class PeoplePane(Pane):
    """Each person once: an :class:`EntryList` keyed by person id, each entry drawn only
    when on screen."""

    PANE_TITLE = "People"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_sort", "Sort", id="people.sort"),
    ]

    sort_by: reactive[str] = reactive("mentions")
    _prompt_width = -1
    """The pane width the prompts were cut for."""
    _known: PeopleKnown | None = None
    """What was worked out for the corpus shown (orders, searched text)."""
    _measuring: tuple[CorpusView, int] | None = None
    """The view and width whose heights a worker is measuring."""

    def compose(self) -> ComposeResult:
        yield EntryList[str](id="people-list", classes="records")

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
        """Only the ▶ mark of the chosen person changes: draw those two entries again (same
        height) and put the cursor on the chosen one, instead of rebuilding the list."""
        if self.view is None or not self.is_mounted:
            return
        entry_list = self._entry_list()
        entry_list.redraw({person_id for person_id in (old, new) if person_id is not None})
        if new is not None:
            index = entry_list.entries.index(new)
            if index is not None:
                entry_list.move_cursor(index)  # not a user's move: no message

    def visible_people(self) -> list[Person]:
        view = self.view
        if view is None:
            return []
        order = self._order(view)
        articles = self.article_filter.article_ids if self.article_filter is not None else None
        if articles is None and not self.search:
            return list(order)
        if articles is not None:
            named = view.people_in(articles)
            order = [p for p in order if p.id in named]
        if not self.search:
            return order
        # What ``matches`` tests (the name, the aliases, the roles), folded once per corpus.
        needle = self.search.casefold()
        folded = self._folded(view)
        return [p for p in order if needle in folded[p.id]]

    def _worked_out(self, view: CorpusView) -> PeopleKnown:
        if self._known is None or self._known.view is not view:
            self._known = PeopleKnown(view)
        return self._known

    def _folded(self, view: CorpusView) -> dict[str, str]:
        """Each person's searched text — name, aliases and roles, folded — made once per
        corpus (one field per line: a search never matches across two)."""
        known = self._worked_out(view)
        if known.folded is None:
            known.folded = {
                p.id: "\n".join((p.name, *p.aliases, role_summary(p, 99))).casefold()
                for p in view.corpus.people
            }
        return known.folded

    def _order(self, view: CorpusView) -> list[Person]:
        """Every person in the pane's sort order, sorted once per corpus and order (a
        filter or search keeps it: sorting 51,000 people by name took 150 ms)."""
        orders = self._worked_out(view).orders
        order = orders.get(self.sort_by)
        if order is None:
            order = list(view.corpus.people)
            if self.sort_by == "name":
                order.sort(key=lambda p: (clean(p.name).casefold(), p.id))
            else:
                count = view.mention_count
                order.sort(key=lambda p: (-count(p.id), clean(p.name).casefold(), p.id))
            orders[self.sort_by] = order
        return order

    def rebuild(self) -> None:
        """Show the people the sort, filters and search leave. When their heights at the
        pane's width are being measured in a worker, the entries shown stay (cut to the
        width they were measured at) and the worker's end rebuilds."""
        if not self.is_mounted:
            return
        entry_list = self._entry_list()
        view = self.view
        width = self.size.width
        heights = self._heights(view, width)
        if heights is None:
            if not entry_list.entries.keys:  # nothing to show meanwhile
                self.border_title = self.PANE_TITLE
                self.border_subtitle = "filling…"
            return
        keep = self.current_person()
        people = self.visible_people()
        keys = [person.id for person in people]
        entries = Entries(keys, [heights[key] for key in keys], partial(self._draw, view, width))
        target = self.person_filter or keep
        index = entries.index(target) if target is not None else None
        entry_list.set_entries(entries, index or 0)
        self.border_title = f"People ({len(people)})" if view is not None else "People"
        self._update_subtitle()

    def _heights(self, view: CorpusView | None, width: int) -> dict[str, int] | None:
        """Each person's entry height at ``width``, measured once per corpus and width (a
        sort, filter or search only reorders them): ~10 µs a person, on the event loop for
        up to :data:`INLINE_PEOPLE` people, else in a worker (None until it is done). The
        last :data:`WIDTHS_KEPT` widths' are kept: maximising the pane with ``z`` and back
        measures nothing again."""
        if view is None:
            return {}
        known = self._worked_out(view)
        heights = known.heights.get(width)
        if heights is None:
            if len(view.corpus.people) > INLINE_PEOPLE:
                self._measure(view, width)
                return None
            heights = measure_heights(view, width, self.person_filter)
            assert heights is not None  # (never stopped)
        known.keep_heights(width, heights)  # the most recent last
        return heights

    def _measure(self, view: CorpusView, width: int) -> None:
        """Measure the heights at ``width`` in a worker, unless one is doing it already."""
        measuring = self._measuring
        if measuring is not None and measuring[0] is view and measuring[1] == width:
            return
        self._measuring = (view, width)
        self._measure_in_thread(view, width, self.person_filter)

    # A description of its own: Textual's default is the repr of the arguments (the view's
    # repr is the whole corpus's). Short switches: a key is answered within 0.5 ms of each
    # step of the event loop while the worker measures (5 ms by default).
    @work(thread=True, exclusive=True, group="people-heights", description="people heights")
    def _measure_in_thread(self, view: CorpusView, width: int, chosen: str | None) -> None:
        worker = get_current_worker()
        with short_switches():
            heights = measure_heights(view, width, chosen, lambda: worker.is_cancelled)
        if heights is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._measured, view, width, heights)

    def _measured(self, view: CorpusView, width: int, heights: dict[str, int]) -> None:
        """The worker's heights: kept, and the list rebuilt (for the width now)."""
        measuring = self._measuring
        if measuring is not None and measuring[0] is view and measuring[1] == width:
            self._measuring = None
        if view is not self.view or not self.is_mounted:
            return
        self._worked_out(view).keep_heights(width, heights)
        self.rebuild()

    def _draw(self, view: CorpusView | None, width: int, person_id: str) -> Text:
        """The person's entry as drawn in the corpus ``view`` at ``width`` (those the
        entries' heights were measured for)."""
        person = view.people.get(person_id) if view is not None else None
        return self._prompt(view, person, width) if view is not None and person else Text()

    def _prompt(self, view: CorpusView, person: Person, width: int | None = None) -> Text:
        """The person's entry (:func:`prompt_parts`) cut to ``width`` (the pane's now
        unless given), marked ▶ when chosen."""
        room = entry_room(self.size.width if width is None else width)
        chosen = person.id == self.person_filter
        text = Text(no_wrap=True, overflow="ellipsis")
        for part, style in prompt_parts(view, person, room, chosen):
            text.append(part, style=style)
        return text

    def refit(self) -> None:
        """Names and roles are cut to the pane's width: a wider pane (maximised, or a
        bigger terminal) shows more of them."""
        if self.is_mounted and self.size.width != self._prompt_width:
            self._prompt_width = self.size.width
            self.request_rebuild()

    def current_person(self) -> str | None:
        """The id of the person under the cursor (None when the list is empty)."""
        return self._entry_list().current_key

    def _entry_list(self) -> EntryList[str]:
        entry_list: EntryList[str] = self.query_one(EntryList)
        return entry_list

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
        """Move the cursor to the person ``key`` (their mention selected, as a key would,
        when the list has focus); False when the filters hide them."""
        entry_list = self._entry_list()
        index = entry_list.entries.index(key.record_id)
        if index is None:
            return False
        entry_list.move_cursor(index, announce=True)
        return True

    def on_entry_list_highlighted(self, event: EntryList.Highlighted[str]) -> None:
        event.stop()
        if not event.entry_list.has_focus:
            return
        selection = self.selection_for(RecordKey(RecordKind.PERSON, event.key))
        if selection is not None:
            self.post_message(RecordHighlighted(selection))

    def on_entry_list_selected(self, event: EntryList.Selected[str]) -> None:
        event.stop()
        self.post_message(PersonChosen(event.key))
