"""The data layer never imports Textual (harlequin's import-hygiene test, adapted)."""

from __future__ import annotations

import subprocess
import sys

from tui import tiers


def data_layer() -> list[str]:
    """Every module of the package but the dashboard's (and the CLI, the composition root
    that starts it): found on disk, so a new module is checked without being listed."""
    names = sorted(tiers.module_name(p) for p in tiers.ROOT.rglob("*.py"))
    starters = {"tui.cli", "tui.__main__"}
    return [n for n in names if n.split(".")[:2] != ["tui", "app"] and n not in starters]


DATA_LAYER = data_layer()


def test_the_data_layer_is_found() -> None:
    assert {"tui.records.models", "tui.extract.article", "tui.pipeline", "tui.store"} <= set(
        DATA_LAYER
    )


def loads_textual(modules: list[str]) -> bool:
    code = f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
    code += "sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode == 1


def test_no_data_layer_module_loads_textual() -> None:
    if loads_textual(DATA_LAYER):  # name the culprits, one process each
        culprits = [m for m in DATA_LAYER if loads_textual([m])]
        raise AssertionError(f"these data-layer modules import textual: {culprits}")


def test_cli_loads_textual_only_to_open_the_dashboard() -> None:
    code = "import sys, tui.cli; sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_dashboard_starts_without_the_extraction_code() -> None:
    """What ``newsdash PATH`` imports before its first frame: the dashboard and the CLI, not
    extraction, loading, ingestion or linking (~0.4 s, paid in the load worker instead; the
    dashboard reads ``tui.link.sources`` and ``tui.extract.folding``, modules of their own).
    Nor does the load worker before it has read the saved head (``tui.first_look``): those
    imports come after the panes have drawn it."""
    code = (
        "import sys, tui.cli, tui.app.app, tui.store, tui.first_look\n"
        "late = ('tui.pipeline', 'tui.loader', 'tui.nlp', 'tui.extract.article',\n"
        "        'tui.extract.people', 'tui.link.copies', 'tui.ingest')\n"
        "sys.exit(','.join(m for m in late if m in sys.modules) or 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"imported before the first frame: {result.stderr}"
