"""Triage that sticks: keys that write the corrections file and re-link at once.

``x`` not a person (People) / not the same fact (a comparison or one of its figures), ``M``
merge the person into another (a picker that filters as you type), ``D`` set the shown
article's date, ``s`` on an alias row of a person's page split that alias (the page posts
:class:`CorrectionRequested`), ``C`` the corrections screen (``u`` undoes one), ``ctrl+z``
undoes the last triage. Each writes through :mod:`tui.triage` (data layer), then re-links
in the load worker (:meth:`Loading.load` with ``relink``); the selection is carried over
as after any load. ``--read-only`` refuses every one with a one-line message.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.notifications import SeverityLevel

from tui import triage
from tui.app.format import article_label, figure_label, shorten
from tui.app.loading import Loading
from tui.app.panes.people import PeoplePane
from tui.app.records import RecordKind
from tui.app.screens.triage import ArticleDateScreen, CorrectionsScreen, FilterChoiceScreen
from tui.app.view import CorpusView
from tui.corrections import comparison_key
from tui.records.models import Person
from tui.safetext import visible
from tui.triage import Change, Entry

READ_ONLY = "read-only: corrections are not written (open without --read-only to triage)"


class Triaging(Loading):
    """The triage keys and the undo of the last one."""

    last_change: Change | None
    """What the last triage did (ctrl+z reverts it), None once undone."""

    def say(self, message: str, severity: SeverityLevel = "information") -> None:
        """A one-line notice; names in it come from articles: printable, never markup."""
        self.notify(visible(message), severity=severity, markup=False)

    def corrections_target(self) -> Path | None:
        """The corrections file of the folder shown (None: no folder, e.g. a test corpus)."""
        if self.path is None:
            return None
        folder = self.path if self.path.is_dir() else self.path.parent
        return triage.target(folder)

    def write_correction(self, change: Change, said: str) -> bool:
        """Write ``change`` to the corrections file and re-link; False when refused."""
        if self.read_only:
            self.say(READ_ONLY, severity="warning")
            return False
        path = self.corrections_target()
        if path is None or self.view is None:
            self.say("no corpus folder: corrections cannot be written", severity="warning")
            return False
        if self.previewing or self.status_text:
            # One load at a time: a triage re-links, and so does the load under way.
            self.say("still loading: triage once the folder is loaded", severity="warning")
            return False
        try:
            triage.apply(path, change)
        except (ValueError, OSError) as exc:
            first = (str(exc).splitlines() or [""])[0]
            self.say(f"not written: {first}", severity="error")
            return False
        self.last_change = change
        self.say(f"{said} — in {path.name} · re-linking (ctrl+z undoes)")
        self.status_text = "applying corrections…"
        self.refresh_status()
        self.load(self.path, relink=True)
        return True

    # -- the keys -------------------------------------------------------------------------

    def _person_in_focus(self) -> str | None:
        """The person the key applies to: People's cursor, else a person selection."""
        pane = self.focused_pane()
        if isinstance(pane, PeoplePane):
            return pane.current_person()
        selection = self.selection
        if selection is not None and selection.kind in (RecordKind.PERSON, RecordKind.MENTION):
            return selection.record_id
        return None

    def _comparison_in_focus(self) -> str | None:
        selection = self.selection
        view = self.view
        if selection is None or view is None:
            return None
        if selection.kind is RecordKind.COMPARISON:
            return selection.record_id
        if selection.kind is RecordKind.FIGURE:
            return selection.key.under or view.comparison_of_figure.get(selection.record_id)
        return None

    def action_triage_reject(self) -> None:
        """x: the person is not a person, or the comparison is not the same fact."""
        view = self.view
        if view is None:
            return
        person_id = self._person_in_focus()
        comparison_id = None if person_id is not None else self._comparison_in_focus()
        if self.read_only and (person_id or comparison_id):
            self.say(READ_ONLY, severity="warning")
        elif person_id is not None and person_id in view.people:
            person = view.people[person_id]
            forms = dict.fromkeys([person.name, *person.aliases])
            change = Change(tuple(Entry("reject", f) for f in forms))
            self.write_correction(change, f"not a person: {shorten(person.name, 40)}")
        elif comparison_id is not None and comparison_id in view.comparisons:
            comparison = view.comparisons[comparison_id]
            figures = view.members(comparison.figures)
            key = comparison_key(figures)
            change = Change((Entry("dismiss", key),))
            self.write_correction(change, f"not the same fact: {shorten(comparison.measure, 40)}")
        else:
            self.say("x applies to a person (People) or a comparison (Figures)")

    def action_triage_merge(self) -> None:
        """M: merge the person into another one, picked by typing part of their name."""
        view = self.view
        person_id = self._person_in_focus()
        if view is None:
            return
        if self.read_only:
            self.say(READ_ONLY, severity="warning")
            return
        if person_id is None or person_id not in view.people:
            self.say("M applies to a person: choose one in People first")
            return
        person = view.people[person_id]
        others = sorted(
            (p for p in view.people.values() if p.id != person_id), key=lambda p: p.name.casefold()
        )
        choices = [(p.id, Text(shorten(visible(p.name), 90))) for p in others]

        def picked(into: str | None) -> None:
            if into is None or self.view is None or into not in self.view.people:
                return
            target = self.view.people[into]
            names = (linkable_name(self.view, target), linkable_name(self.view, person))
            entry = Entry("merge", target.name, names)
            said = f"{shorten(person.name, 30)} merged into {shorten(target.name, 30)}"
            self.write_correction(Change((entry,)), said)

        title = f"Merge {shorten(visible(person.name), 40)} into…"
        self.push_screen(FilterChoiceScreen(title, choices), picked)

    def action_triage_date(self) -> None:
        """D: set the date of the article shown in Source (written to [articles])."""
        view = self.view
        selection = self.selection
        if view is None:
            return
        if self.read_only:
            self.say(READ_ONLY, severity="warning")
            return
        article = view.articles.get(selection.article_id) if selection is not None else None
        path = self.corrections_target()
        if article is None or path is None:
            self.say("D applies to the article shown in Source of a corpus folder")
            return
        # Keyed by article id, as linking reads [articles] (tui.corrections.Corrections.dates).
        key = article.id
        current = article.published.date.isoformat() if article.published.date else ""
        previous = [e for e in _entries(path) if e.kind == "date" and e.value == key]

        def picked(date: str | None) -> None:
            if date is None:
                return
            change = Change((Entry("date", key, (date,)),), tuple(previous))
            self.write_correction(change, f"date of {shorten(key, 40)}: {date}")

        title = f"Date of {shorten(visible(article_label(article)), 60)}"
        self.push_screen(ArticleDateScreen(title, current, triage.iso_date), picked)

    def action_corrections(self) -> None:
        """C: every correction in the file; u undoes one."""
        screen = CorrectionsScreen(
            self.corrections_target(), self.remove_correction, self.describe_entry
        )
        self.push_screen(screen)

    def describe_entry(self, entry: Entry) -> str:
        """An entry as the corrections screen shows it: a dismissed comparison by its
        figures (measure and values) when the corpus has them, else by its key."""
        view = self.view
        if entry.kind != "dismiss" or view is None:
            return entry.describe()
        spans = set(entry.value.split(" + "))
        figures = list(  # the facts' spans: only the figures they name are read
            view.all_figures.where(lambda f: f"{f.article_id}:{f.start}-{f.end}" in spans)
        )
        if len(figures) != len(spans):
            return entry.describe()
        measure = next((f.measure for f in figures if f.measure), "")
        values = " vs ".join(figure_label(f) for f in figures)
        return f"{measure}: {values}" if measure else values

    def remove_correction(self, entry: Entry) -> bool:
        return self.write_correction(Change((), (entry,)), f"undone: {_label(entry)}")

    def action_undo_correction(self) -> None:
        """ctrl+z: revert the last triage (once)."""
        change = self.last_change
        if change is None:
            self.say("nothing to undo")
            return
        if self.write_correction(change.inverse(), "undone"):
            self.last_change = None


def _label(entry: Entry) -> str:
    return f"{triage.LABELS[entry.kind]} {shorten(entry.describe(), 40)}"


def _entries(path: Path) -> list[Entry]:
    try:
        return triage.read_entries(path)
    except ValueError:
        return []


def linkable_name(view: CorpusView, person: Person) -> str:
    """A name linking finds the person by: the shown name when the articles write it, else
    the fullest alias they write (a name set by an earlier merge rule is written nowhere)."""
    written = set(view.person_mentions(person.id).forms())
    if person.name in written:
        return person.name
    forms = [a for a in person.aliases if a in written]
    return max(forms, key=lambda a: (len(a.split()), len(a))) if forms else person.name
