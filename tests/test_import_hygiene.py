"""The data layer never imports Textual (harlequin's import-hygiene test, adapted)."""

from __future__ import annotations

import subprocess
import sys

import pytest

DATA_LAYER = [
    "tui.models",
    "tui.nlp",
    "tui.ingest",
    "tui.extract",
    "tui.link.people",
    "tui.link.events",
    "tui.link.comparisons",
    "tui.pipeline",
    "tui.export",
    "tui.cli",
]


@pytest.mark.parametrize("module", DATA_LAYER)
def test_module_does_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imported textual: {result.stderr}"
