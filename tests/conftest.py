"""Shared test fixtures. Dashboard-focused, harmless elsewhere: it only points newsdash's
config discovery at an empty temporary folder so no test reads the user's keymap, and its
state folder (remembered places, bookmarks) at another, so none reads or writes the user's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fixtures.dashboard_corpus import build_corpus

from tui.records.models import Corpus


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    directory = tmp_path_factory.mktemp("newsdash-config")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSDASH_CONFIG_DIR", str(directory))
        mp.setenv("NEWSDASH_STATE_DIR", str(tmp_path_factory.mktemp("newsdash-state")))
        mp.delenv("NO_COLOR", raising=False)
        yield directory


@pytest.fixture
def corpus() -> Corpus:
    return build_corpus()


@pytest.fixture
def make_app(corpus: Corpus) -> Callable[..., object]:
    """An app factory: fixed theme, no animation, the hand-built corpus."""
    from tui.app import NewsdashApp

    def factory(**kwargs: object) -> NewsdashApp:
        kwargs.setdefault("theme", "newsdash")
        app = NewsdashApp(kwargs.pop("corpus", corpus), **kwargs)  # type: ignore[arg-type]
        app.animation_level = "none"
        return app

    return factory
