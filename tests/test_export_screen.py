"""``e``: exporting the focused view from the dashboard (Timeline, Figures, a person's
statements, a conflict), the modal's questions, and ``--read-only``."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from unittest.mock import patch

from test_app import MakeApp, active_screen, drive, settle
from textual.widgets import Input

from tui.app.screens.export import ExportScreen
from tui.records.models import Corpus


@drive
async def test_export_filtered_timeline_as_csv(
    make_app: MakeApp, corpus: Corpus, tmp_path: Path
) -> None:
    app = make_app()
    app.export_folder = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "slash", *"2021-05..2021-05", "enter")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        modal = active_screen(app)
        assert isinstance(modal, ExportScreen)
        path = Path(modal.query_one(Input).value)
        assert path.parent == tmp_path and path.suffix == ".csv"
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(active_screen(app), ExportScreen)
        rows = list(csv.DictReader(io.StringIO(path.read_text())))
        assert len(rows) == 3  # May 2021: the filter's three events
        texts = {a.id: a.text for a in corpus.articles}
        paths = {a.path: a.id for a in corpus.articles}
        for row in rows:
            text = texts[paths[row["path"]]]
            assert text[int(row["start"]) : int(row["end"])] == row["span"]
            assert row["span"] in row["sentence"]
        # Again: a new default name; an existing name is replaced only after asking.
        await pilot.press("e")
        await settle(app, pilot)
        modal = active_screen(app)
        assert isinstance(modal, ExportScreen)
        assert modal.query_one(Input).value != str(path)
        modal.query_one(Input).value = str(path)
        path.write_text("keep me")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(active_screen(app), ExportScreen)  # it asks first
        assert "exists: enter again to replace" in str(modal.query_one("#export-status").render())
        assert path.read_text() == "keep me"
        await pilot.press("enter")
        await settle(app, pilot)
        assert path.read_text().startswith("when,outlet,sentence,outlet,date,path")


@drive
async def test_export_conflict_as_markdown(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    app.export_folder = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3", "enter")  # the conflict view
        await settle(app, pilot)
        await pilot.press("e", "tab")  # Markdown
        await settle(app, pilot)
        modal = active_screen(app)
        assert isinstance(modal, ExportScreen)
        path = Path(modal.query_one(Input).value)
        assert path.name == "conflict-containers-stranded.md"
        await pilot.press("enter")
        await settle(app, pilot)
        text = path.read_text()
        assert text.startswith("# Conflict: containers stranded")
        assert "subject: Harbourton port" in text
        assert text.count("[^") == 6  # three figures, each cited once in a footnote
        assert "Gazeta Portu, 2021-06-13, `articles/translated.html`, chars" in text


@drive
async def test_export_a_persons_statements(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    app.export_folder = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # Elena Varga's page, Statements
        await settle(app, pilot)
        await pilot.press("e", "enter")
        await settle(app, pilot)
        [written] = list(tmp_path.iterdir())
        assert written.name == "elena-varga-statements.csv"
        rows = list(csv.DictReader(io.StringIO(written.read_text())))
        assert rows and all(r["kind"] in ("direct", "indirect", "mixed") for r in rows)


@drive
async def test_read_only_refuses_and_writes_nothing(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(read_only=True)
    app.export_folder = tmp_path
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        with patch.object(app, "notify") as notify:
            await pilot.press("2", "e")
            await settle(app, pilot)
        assert not isinstance(active_screen(app), ExportScreen)
        [(message,), _] = notify.call_args
        assert message.startswith("read-only:") and "\n" not in message
        assert list(tmp_path.iterdir()) == []
