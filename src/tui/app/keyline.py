"""The key line at the bottom of the dashboard and its pages: the keys that apply, one line.

Textual's ``Footer`` shows the same keys as one ``FooterKey`` widget per key, and it
recomposes them — removes every key widget, builds, styles and lays out new ones — each
time its screen says its bindings may have changed, which is every focus change, every
screen pushed or popped, every ``refresh_bindings``. Profiled at 2,000 and 10,000 articles,
that was the largest share of opening a page or moving between its sections: the person's
page recomposed its footer five times on the way up (about 66 key widgets styled), a
section key three times (docs/performance.md, "Key-to-repaint of the pages and modals").

:class:`KeyLine` is one widget drawing one line of text. When its screen's bindings may
have changed it works out the keys to show (the same ones, in the same order, with the same
labels as the compact ``Footer``) and repaints only if they differ from what it shows — no
widget is created, styled or laid out. It looks like the compact ``Footer``: each key in the
footer's key style, its description after a space, one cell between keys, the command
palette's key at the right edge after a thin rule; the keys that do not fit are cut at the
right. A click on a key presses it, as on the ``Footer``.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class ShownKey(NamedTuple):
    """One key as the line shows it."""

    key: str
    """The key pressed by a click (the binding's first key)."""
    display: str
    description: str
    enabled: bool


Shown = tuple[tuple[ShownKey, ...], ShownKey | None]
"""The keys shown from the left, and the command palette's key (at the right edge)."""


def shown_keys(screen: Screen[object]) -> Shown:
    """The keys the compact ``Footer`` would show on ``screen``: each action's first
    shown binding, in the order of the screen's active bindings, and the palette's key."""
    app = screen.app
    active = screen.active_bindings
    seen: set[str] = set()
    keys: list[ShownKey] = []
    for _node, binding, enabled, _tooltip in active.values():
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        keys.append(
            ShownKey(binding.key, app.get_key_display(binding), binding.description, enabled)
        )
    palette: ShownKey | None = None
    if app.ENABLE_COMMAND_PALETTE:
        entry = active.get(app.COMMAND_PALETTE_BINDING)
        if entry is not None:
            _node, binding, enabled, _tooltip = entry
            palette = ShownKey(
                binding.key, app.get_key_display(binding), binding.description, enabled
            )
    return tuple(keys), palette


class KeyLine(Widget):
    """One line of the keys that apply on its screen, redrawn only when they change."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-line--item",
        "key-line--key",
        "key-line--description",
        "key-line--rule",
    }
    DEFAULT_CSS: ClassVar[str] = """
    KeyLine {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .key-line--item {
            background: $footer-item-background;
        }
        .key-line--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-line--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-line--rule {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: Shown = ((), None)
        self.redraws = 0
        """How many times the keys changed (each one repaint; tests read it)."""
        self._hits: list[tuple[int, int, str]] = []
        """Each key's cells on the line (start, end) and the key a click there presses."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        shown = shown_keys(screen)
        if shown != self.shown:
            self.shown = shown
            self.redraws += 1
            self.refresh()  # the same one line: no layout

    def _item(self, shown: ShownKey, base: Style) -> Text:
        item = self.get_component_rich_style("key-line--item")
        key = self.get_component_rich_style("key-line--key")
        description = self.get_component_rich_style("key-line--description")
        text = Text.assemble((shown.display, key))
        if shown.description:
            text.append(" " + shown.description, description)
        text.stylize_before(base + item)
        if not shown.enabled:
            text.stylize(Style(dim=True))
        return text

    def render(self) -> Text:
        width = self.size.width
        base = self.rich_style
        keys, palette = self.shown
        right = Text()
        if palette is not None:
            right.append("▏", self.get_component_rich_style("key-line--rule"))
            right.append_text(self._item(palette, base))
        room = max(0, width - right.cell_len)
        line = Text(no_wrap=True, overflow="crop", end="")
        hits: list[tuple[int, int, str]] = []
        for shown in keys:
            start = line.cell_len
            if start >= room:
                break
            line.append_text(self._item(shown, base))
            hits.append((start, min(room, line.cell_len), shown.key))
            line.append(" ")
        line.truncate(room, pad=True)
        if palette is not None and right.cell_len <= width:
            hits.append((room + 1, width, palette.key))
            line.append_text(right)
        self._hits = hits
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._hits:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return

    def plain(self) -> str:
        """The line as shown, without its styles (for tests)."""
        return self.render().plain
