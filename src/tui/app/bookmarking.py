"""Bookmarks and "remember where I was": both kept per folder by :mod:`tui.userstate`.

``b`` stars the record in focus (a row of People, Timeline or Figures, the row under the
cursor of a person's page, the conflict view or a date page; in Source the match, record or
sentence in view) with a short note; ``B`` lists the folder's bookmarks (Enter shows one
in Source, ``d`` deletes, ``e`` exports the list with citations). A bookmark is keyed by
its kind, article id and offsets, so it survives re-linking and new runs.

The dashboard saves where it was on the folder (the chosen person, the outlet or article
filter, each pane's search, the record shown and the focused pane) on quit, and also while
it runs: :data:`PLACE_SAVE_DELAY` seconds after the selection or a filter last changed
(debounced: moving through a list writes once, when it stops), and every
:data:`PLACE_SAVE_EVERY` seconds when the place differs from the one last saved (a search or
the focus changed), so a killed terminal loses little. Only once the saved place has been
restored (the preview's first selection never overwrites it). It restores the place once
the folder has loaded, skipping what no longer exists; ``--fresh`` does not restore.
``--read-only`` writes neither (a star is refused in one line); ``--no-store`` does not save
the place on quit (it keeps nothing it was not asked to) but a star, asked for, is written.
"""

from __future__ import annotations

from pathlib import Path

from textual.timer import Timer

from tui import userstate
from tui.app.detail import describe
from tui.app.format import sentence_around, shorten
from tui.app.jumps import Jumps
from tui.app.panes.base import FilteredPane, Pane
from tui.app.panes.people import PeoplePane
from tui.app.panes.source import SourcePane, SourceView
from tui.app.records import RecordKey, RecordKind
from tui.app.screens.bookmarks import BookmarksScreen, NoteScreen
from tui.app.screens.conflict import ConflictScreen
from tui.app.screens.date import DateScreen
from tui.app.screens.person import PersonScreen
from tui.app.view import Selection
from tui.safetext import visible
from tui.userstate import Bookmark, FolderState

READ_ONLY_STAR = "read-only: bookmarks are not written (open without --read-only to star)"

PANES = ("people", "timeline", "figures", "source")

PLACE_SAVE_DELAY = 2.0
"""Seconds of quiet after a change of selection or filter before the place is saved."""

PLACE_SAVE_EVERY = 30.0
"""Seconds between checks that save the place if it changed another way (search, focus)."""

SENTENCE = "\0sentence"
"""The record id of a sentence ``b`` stars in Source (no record: the words themselves)."""

RESTORED_KINDS = {
    RecordKind.EVENT: "timeline",
    RecordKind.FIGURE: "figures",
    RecordKind.COMPARISON: "figures",
}
"""Kinds whose saved selection is found again by id in their pane."""


class Bookmarking(Jumps):
    """The bookmark keys, and saving and restoring the place on the folder."""

    restore_place: bool
    """Restore the saved place once the folder has loaded (False: ``--fresh``)."""
    remember_place: bool
    """Save the place on quit (False: ``--no-store``; never in ``--read-only``)."""
    place_restored: bool
    place_save_delay: float = PLACE_SAVE_DELAY
    place_save_every: float = PLACE_SAVE_EVERY
    _place_timer: Timer | None = None
    _place_saved: FolderState | None = None
    """The place last written (a check that finds it unchanged writes nothing)."""

    def state_folder(self) -> Path | None:
        """The folder (or file) the state and bookmarks are kept for; None: no folder."""
        return self.path

    # -- bookmarks ------------------------------------------------------------------------

    def target_in_focus(self) -> Selection | None:
        """The record ``b`` stars: the row under the cursor of a page or of the focused pane
        (People, Timeline, Figures); in Source, what it shows (see :meth:`source_target`);
        else the selection."""
        screen = self.screen
        if isinstance(screen, (PersonScreen, ConflictScreen, DateScreen)):
            return screen.cursor_target()
        pane = self.focused_pane()
        if isinstance(pane, SourcePane):
            return self.source_target(pane)
        if isinstance(pane, PeoplePane):
            person_id = pane.current_person()
            if person_id is not None:
                return pane.selection_for(RecordKey(RecordKind.PERSON, person_id))
        elif isinstance(pane, FilteredPane):
            keys = pane.row_keys()
            row = pane.table().cursor_row
            if 0 <= row < len(keys):
                return pane.selection_for(keys[row])
        return self.selection

    def source_target(self, pane: SourcePane) -> Selection | None:
        """In Source: the search match shown, else the selected record's span when it is in
        view, else the first sentence that starts in view (kind ``sentence``; the one at
        the top when it fills the view)."""
        view, text_view = self.view, pane.query_one(SourceView)
        article_id = pane.article_id
        if view is None or article_id is None or article_id not in view.articles:
            return None
        if pane.search and pane.highlighted is not None:
            shown_id, start, end = pane.highlighted
            return Selection(RecordKey(RecordKind.MATCH, shown_id), shown_id, start, end)
        selection = self.selection
        if (
            selection is not None
            and selection.article_id == article_id
            and selection.start < selection.end
            and text_view.in_view(selection.start, selection.end)
        ):
            return selection
        text = view.text(article_id)

        def sentence_from(offset: int) -> tuple[int, int]:
            while offset < len(text) and text[offset].isspace():
                offset += 1
            return sentence_around(text, offset, offset)

        top = text_view.top_offset()
        start, end = sentence_from(top)
        if start < top:  # begun above the view: the first sentence that starts in it
            following = sentence_from(end)
            if following[0] < following[1] and text_view.in_view(following[0], following[0] + 1):
                start, end = following
        if end <= start:
            return None
        return Selection(RecordKey(RecordKind.MATCH, SENTENCE), article_id, start, end)

    def action_bookmark(self) -> None:
        """b: star the record in focus, with a short note."""
        view = self.view
        folder = self.state_folder()
        if view is None:
            return
        if self.read_only:
            self.notify(READ_ONLY_STAR, severity="warning")
            return
        target = self.target_in_focus()
        if folder is None or target is None or target.article_id not in view.articles:
            self.notify("b stars a record: choose a row (or a folder's article) first")
            return
        article = view.articles[target.article_id]
        text = view.text(article.id)
        start, end = target.start, target.end
        if not 0 <= start <= end <= len(text):
            self.bell()
            return
        if start == end:  # an article itself: its first sentence stands for it
            start, end = sentence_around(text, 0, 0)
        sentence = target.kind is RecordKind.MATCH and target.record_id == SENTENCE
        if target.kind is RecordKind.MATCH:  # words of the article: they name themselves
            label = f"“{shorten(visible(text[start:end]), 76)}”"
        else:
            label = shorten(describe(view, target).plain, 80)
        mark = Bookmark(
            kind="sentence" if sentence else target.kind.value,
            article_id=article.id,
            start=start,
            end=end,
            text=text[start:end],
            label=label,
            record_id="" if sentence else target.record_id,
        )
        old = self._marks_or_none()
        if old is None:
            return
        note = next((m.note for m in old if m.key == mark.key), "")

        def noted(text: str | None) -> None:
            if text is None:
                return
            try:
                userstate.add_bookmark(folder, mark.model_copy(update={"note": text}))
            except (OSError, ValueError) as exc:
                first = (str(exc).splitlines() or [""])[0]
                self.notify(visible(f"not starred: {first}"), severity="error", markup=False)
                return
            self.notify(visible(f"★ {shorten(label, 50)} (B lists bookmarks)"), markup=False)

        self.push_screen(NoteScreen(visible(f"★ {shorten(label, 60)}"), note), noted)

    def _marks_or_none(self) -> list[Bookmark] | None:
        folder = self.state_folder()
        if folder is None:
            return []
        try:
            return userstate.load_bookmarks(folder)
        except ValueError as exc:
            self.notify(visible(str(exc)), severity="error", markup=False)
            return None

    def read_bookmarks(self) -> list[Bookmark]:
        folder = self.state_folder()
        return userstate.load_bookmarks(folder) if folder is not None else []

    def delete_bookmark(self, mark: Bookmark) -> bool:
        folder = self.state_folder()
        if self.read_only:
            self.notify(READ_ONLY_STAR, severity="warning")
            return False
        if folder is None:
            return False
        try:
            userstate.remove_bookmark(folder, mark.key)
        except (OSError, ValueError) as exc:
            first = (str(exc).splitlines() or [""])[0]
            self.notify(visible(f"not deleted: {first}"), severity="error", markup=False)
            return False
        return True

    def action_bookmarks(self) -> None:
        """B: the folder's bookmarks."""
        folder = self.state_folder()
        where = folder.name if folder is not None else "no corpus folder"
        screen = BookmarksScreen(self.view, self.read_bookmarks, self.delete_bookmark, where)
        self.push_screen(screen, self._bookmark_chosen)

    def _bookmark_chosen(self, mark: Bookmark | None) -> None:
        view = self.view
        if mark is None or view is None:
            return
        text = view.text(mark.article_id) if mark.article_id in view.articles else None
        if text is None or text[mark.start : mark.end] != mark.text:
            self.notify("that bookmark's article is no longer in the folder as it was")
            return
        try:
            kind = RecordKind(mark.kind)
        except ValueError:
            kind = RecordKind.MATCH
        if kind is RecordKind.ARTICLE:  # a starred article: its span still highlighted
            kind = RecordKind.MATCH
        context = sentence_around(text, mark.start, mark.end)
        key = RecordKey(kind, mark.record_id or mark.article_id)
        self.selection = Selection(key, mark.article_id, mark.start, mark.end, context=context)
        self.query_one(SourceView).focus()

    # -- the place on the folder ----------------------------------------------------------

    def current_place(self) -> FolderState:
        view = self.view
        person = view.people.get(self.person_filter) if view and self.person_filter else None
        pane = self.focused_pane()
        selection = self.selection
        searches = {p.id: p.search for p in self.query(Pane) if p.id and p.search}
        return FolderState(
            person=person.name if person is not None else None,
            article_filter=self.article_filter.label if self.article_filter else None,
            searches=searches,
            pane=pane.id if pane is not None else None,
            kind=selection.kind.value if selection is not None else None,
            record_id=selection.record_id if selection is not None else None,
            article_id=selection.article_id if selection is not None else None,
            start=selection.start if selection is not None else 0,
            end=selection.end if selection is not None else 0,
        )

    def save_place(self) -> None:
        """Save the place on the folder (not in read-only, nor with ``--no-store``); a
        failure is one line, never a reason not to quit."""
        folder = self.state_folder()
        if self.read_only or not self.remember_place or folder is None or self.view is None:
            return
        place = self.current_place()
        try:
            userstate.save_state(folder, place)
        except (OSError, ValueError) as exc:
            self.log.warning(f"place not saved: {exc}")
            return
        self._place_saved = place

    def saves_place_now(self) -> bool:
        """Whether the place is saved while the dashboard runs: never in read-only or with
        ``--no-store``, and only once the saved place has been restored."""
        return (
            self.place_restored
            and self.remember_place
            and not self.read_only
            and self.view is not None
            and self.state_folder() is not None
        )

    def place_changed(self) -> None:
        """The selection or a filter changed: save the place once changes stop for
        ``place_save_delay`` seconds (each change starts the wait again)."""
        if not self.saves_place_now():
            return
        if self._place_timer is not None:
            self._place_timer.stop()
        self._place_timer = self.set_timer(self.place_save_delay, self.save_place_if_changed)

    def save_place_if_changed(self) -> None:
        self._place_timer = None
        if self.saves_place_now() and self.current_place() != self._place_saved:
            self.save_place()

    def restore_saved_place(self) -> None:
        """Once, after the folder has loaded: the saved place, what of it still exists."""
        if self.place_restored:
            return
        self.place_restored = True
        if self.saves_place_now():
            self.set_interval(self.place_save_every, self.save_place_if_changed)
        folder = self.state_folder()
        view = self.view
        if not self.restore_place or folder is None or view is None:
            return
        if self.person_filter is not None or self.article_filter is not None:
            return  # chosen while the folder loaded: the analyst has moved on already
        state = userstate.load_state(folder)
        if state is None:
            return
        if state.person is not None:
            found = [p.id for p in view.corpus.people if p.name == state.person]
            if found:
                self.choose_person(found[0])
        if state.article_filter is not None:
            same = [f for f in view.outlet_filters() if f.label == state.article_filter]
            if same:
                self.article_filter = same[0]
        for pane in self.query(Pane):
            if pane.id in state.searches:
                pane.apply_search(state.searches[pane.id])
        selection = self._saved_selection(state)
        if selection is not None:
            self.selection = selection
            pane_id = RESTORED_KINDS.get(selection.kind)
            if pane_id is not None:  # its row under the cursor: focusing the pane keeps it
                self.query_one(f"#{pane_id}", FilteredPane).reveal(selection.key)
        if state.pane in PANES:
            self.query_one(f"#{state.pane}", Pane).focus_records()
        self.refresh_chips()

    def _saved_selection(self, state: FolderState) -> Selection | None:
        view = self.view
        if view is None or state.article_id is None or state.article_id not in view.articles:
            return None
        if not 0 <= state.start <= state.end <= len(view.text(state.article_id)):
            return None
        try:
            kind = RecordKind(state.kind)
        except ValueError:
            kind = RecordKind.ARTICLE
        pane_id = RESTORED_KINDS.get(kind)
        if pane_id is not None and state.record_id is not None:
            pane = self.query_one(f"#{pane_id}", FilteredPane)
            found = pane.selection_for(RecordKey(kind, state.record_id))
            if found is not None and (found.article_id, found.start) == (
                state.article_id,
                state.start,
            ):
                return found
        if kind in (RecordKind.PERSON, RecordKind.MENTION) and self.selection is not None:
            return None  # the person chosen above is selected already
        return Selection.article(state.article_id, state.start, state.end)
