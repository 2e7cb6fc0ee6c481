"""Find article files under a path and turn each into an Article."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.models import Article

Warn = Callable[[str], None]


class InputError(Exception):
    """A fatal problem with the input path: the message is one line naming the path."""


def load_articles(path: Path, warn: Warn) -> list[Article]:
    """Every supported article under ``path`` (a folder, recursively, or one file)."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*.txt"))
    articles = [
        Article(id=p.stem, path=str(p), text=p.read_text(encoding="utf-8")) for p in files
    ]
    if not articles:
        raise InputError(f"{path}: no articles found")
    return articles
