"""The Textual dashboard. ``run`` is the entry point the CLI calls."""

from __future__ import annotations

import sys
from pathlib import Path

from tui.app.app import NewsdashApp
from tui.app.loading import Loader
from tui.app.themes import DEFAULT_THEME, THEMES

__all__ = ["DEFAULT_THEME", "NewsdashApp", "run", "theme_names"]


def theme_names() -> list[str]:
    """Themes ``--theme`` accepts: ours first, then Textual's built-in ones."""
    from textual.theme import BUILTIN_THEMES

    return [t.name for t in THEMES] + sorted(BUILTIN_THEMES)


def run(
    path: Path,
    *,
    read_only: bool = False,
    theme: str | None = None,
    loader: Loader | None = None,
    store: Path | None = None,
    restore: bool = True,
    remember: bool = True,
) -> int:
    """Open the dashboard on ``path``; returns the process exit code.

    An unknown theme is reported on stderr (exit code 2) before the UI starts; a path with
    no readable articles is shown in the UI as a message screen (exit code 1, as the
    CLI uses for input errors). ``loader`` (path, warn, progress, preview) -> Corpus runs
    in the load worker; by default the folder is loaded in memory. ``store`` is the store
    the loader uses: the full-text search (ctrl+f) queries its FTS5 index. ``restore``:
    reopen where the last session on ``path`` was (False: ``--fresh``); ``remember``: save
    it on quit (False: ``--no-store``; never in read-only mode).
    """
    if theme is not None and theme not in theme_names():
        print(
            f"newsdash: unknown theme {theme!r} (choose from: {', '.join(theme_names())})",
            file=sys.stderr,
        )
        return 2
    app = NewsdashApp(
        path=path,
        read_only=read_only,
        theme=theme,
        loader=loader,
        store=store,
        restore=restore,
        remember=remember,
    )
    result = app.run()
    if app.return_code is not None and app.return_code != 0:
        return app.return_code
    return result if isinstance(result, int) else 0
