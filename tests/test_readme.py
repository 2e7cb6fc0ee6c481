"""README's two commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ci_var(name: str) -> str:
    match = re.search(rf'^{name}="(.*)"$', (ROOT / ".ci" / "run").read_text(), re.M)
    assert match, f"{name} missing from .ci/run"
    return match.group(1)


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    assert f"{_ci_var('INSTALL_CMD')} && {_ci_var('TEST_CMD')}" in readme


def test_readme_open_command_uses_the_same_install() -> None:
    readme = (ROOT / "README.md").read_text()
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/newsdash seeds/" in readme
    )
