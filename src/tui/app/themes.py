"""The dashboard's own themes (``--theme`` also accepts Textual's built-in ones)."""

from __future__ import annotations

from textual.theme import Theme

DEFAULT_THEME = "newsdash"

THEMES = [
    Theme(
        name="newsdash",
        primary="#5fafd7",
        secondary="#87afaf",
        accent="#ffaf5f",
        warning="#ffd75f",
        error="#ff5f5f",
        success="#87d787",
        foreground="#e4e4e4",
        background="#1c1c1c",
        surface="#262626",
        panel="#303030",
        dark=True,
    ),
    Theme(
        name="newsdash-high-contrast",
        primary="#ffff00",
        secondary="#00ffff",
        accent="#ffff00",
        warning="#ffff00",
        error="#ff0000",
        success="#00ff00",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#000000",
        dark=True,
        luminosity_spread=0.0,
        text_alpha=1.0,
    ),
]
