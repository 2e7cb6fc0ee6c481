"""Command palette (ctrl+p): jump to any person, date, figure, comparison or article, or open
a page: a person's (``page: name``), a comparison's conflict view (``conflict view: measure ·
≠ CONFLICT ×3 sources``) or a date's page (``date page: 26 Feb 2024 · 3 sentences, 3
outlets``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.app.conflict_rows import ConflictSpot
from tui.app.date_rows import DateSpot
from tui.app.jumps import Jumps
from tui.app.palette import LIMIT, Opens, first_entries, palette_sections
from tui.app.records import RecordKey


class RecordCommands(Provider):
    """Offers every record on screen. Candidate text is article text, so it is shown as
    plain ``Content`` — never through the matcher's markup-parsing ``highlight``."""

    def _command(self, key: RecordKey, opens: Opens = None) -> Callable[[], None]:
        app = cast(Jumps, self.app)
        if opens == "page":
            return partial(app.open_person_page, key.record_id)
        if isinstance(opens, ConflictSpot):
            return partial(app.open_conflict, opens)
        if isinstance(opens, DateSpot):
            return partial(app.open_date, opens)
        return partial(app.jump_to, key)

    async def discover(self) -> Hits:
        app = cast(Jumps, self.app)
        view = app.view
        if view is None:
            return
        index = app.palette_indexes.ready(view)
        if index is not None:
            entries = index.entries(LIMIT)
        else:  # the index is built meanwhile, for the first search
            app.palette_indexes.start(view)
            entries = first_entries(palette_sections(view), LIMIT)
        for text, help_text, key, opens in entries:
            yield DiscoveryHit(Content(text), self._command(key, opens), text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        app = cast(Jumps, self.app)
        view = app.view
        if view is None:
            return
        index = await app.palette_indexes.get(view)
        if index is None:
            return
        matcher = self.matcher(query)
        # In a thread: a search that scans (a rare query's letters in order) takes a
        # quarter of a second at 100,000 articles, the keys answered meanwhile; a saved
        # index's search waits for no lock of the interpreter while SQLite reads.
        candidates = await asyncio.to_thread(index.candidates, query)
        for text, help_text, key, opens in candidates:
            score = matcher.match(text)
            if score > 0:
                command = self._command(key, opens)
                yield Hit(score, Content(text), command, text=text, help=help_text)
