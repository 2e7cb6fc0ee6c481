"""A page as a pushed screen against a page inside the dashboard's screen (prints figures;
not a test).

    PYTHONPATH=src python benchmarks/bench_layer.py [--articles 10000] [--rounds 3]
        [--repeat 8]

Issue 20's go/no-go for showing a page without ``push_screen``: with the dashboard of
``bench_dashboard.py``'s synthetic corpus of N articles in a 160×48 terminal, three ways of
covering it with an empty, opaque page and uncovering it again, in alternating rounds:

- ``push``: an empty ``Screen`` pushed, then popped (what the pages do);
- ``overlay``: an empty container on a layer above the dashboard, full size and opaque,
  mounted once hidden, made visible, then hidden again;
- ``switch``: the dashboard's own widgets hidden and an empty container shown in their
  place (a ``ContentSwitcher`` over the whole dashboard), then the other way round.

Each is timed from the call to the first frame written (``first``) and until the app is
quiet and repainted (``quiet``); median and p95 over ``rounds × repeat`` of each.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_dashboard import settle, synthetic
from textual.containers import Container
from textual.screen import Screen

from tui.app import NewsdashApp
from tui.userstate import ENV_STATE_DIR


class FirstWrite:
    """The time of the first frame the app writes after ``arm``."""

    def __init__(self, app: NewsdashApp) -> None:
        self.at: float | None = None
        self.armed = False
        self.on: Screen[Any] | None = None
        """Only a frame of this screen counts (None: any)."""
        display = app._display

        def drawn(screen: Any, update: Any) -> None:
            if self.armed and self.at is None and (self.on is None or screen is self.on):
                self.at = time.perf_counter()
            display(screen, update)

        app._display = drawn  # type: ignore[method-assign]

    def arm(self, on: Screen[Any] | None = None) -> None:
        self.at, self.armed, self.on = None, True, on


def summary(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return f"{statistics.median(values):6.1f} / {p95:6.1f}"


async def main(n: int, rounds: int, repeat: int) -> None:
    corpus = synthetic(n)
    state = tempfile.TemporaryDirectory(prefix="newsdash-bench-state-")
    os.environ[ENV_STATE_DIR] = state.name
    folder = Path(state.name) / "corpus"
    folder.mkdir()
    app = NewsdashApp(corpus, path=folder, theme="newsdash", load_user_keymap=False)
    samples: dict[str, list[float]] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        writes = FirstWrite(app)
        dashboard = app.screen
        # The overlay: a layer above the dashboard's, the container full size and opaque.
        dashboard.styles.layers = ("default", "page")  # type: ignore[assignment]
        overlay = Container(id="bench-overlay")
        overlay.styles.layer = "page"
        overlay.styles.position = "absolute"
        overlay.styles.width = "100%"
        overlay.styles.height = "100%"
        overlay.styles.background = "black"
        overlay.display = False
        await dashboard.mount(overlay)
        # The switch: the dashboard's own widgets hidden, this one shown in their place.
        shown = Container(id="bench-switched")
        shown.styles.height = "1fr"
        shown.styles.background = "black"
        shown.display = False
        await dashboard.mount(shown)
        own = [w for w in dashboard.children if w not in (overlay, shown)]
        await settle(pilot)

        def push() -> None:
            page = Screen[None]()
            writes.on = page  # its first frame, not the dashboard's last
            app.push_screen(page)

        def pop() -> None:
            writes.on = dashboard
            app.pop_screen()

        def show_overlay() -> None:
            overlay.display = True

        def hide_overlay() -> None:
            overlay.display = False

        def switch_to(page: bool) -> Callable[[], None]:
            def switch() -> None:
                with app.batch_update():
                    for widget in own:
                        widget.display = not page
                    shown.display = page

            return switch

        ways: list[tuple[str, Callable[[], None], Callable[[], None]]] = [
            ("push", push, pop),
            ("overlay", show_overlay, hide_overlay),
            ("switch", switch_to(True), switch_to(False)),
        ]
        for r in range(rounds):
            order = ways if r % 2 == 0 else ways[::-1]
            for name, cover, uncover in order:
                for _ in range(repeat):
                    for step, action in (("open", cover), ("close", uncover)):
                        writes.arm()
                        t = time.perf_counter()
                        action()
                        await settle(pilot)
                        quiet = time.perf_counter()
                        first = writes.at if writes.at is not None else quiet
                        writes.armed = False
                        samples.setdefault(f"{name} {step}: first", []).append(1000 * (first - t))
                        samples.setdefault(f"{name} {step}: quiet", []).append(1000 * (quiet - t))
    print(f"\n{n} articles, 160×48, {rounds} alternating rounds × {repeat}: median / p95 ms")
    for label, values in samples.items():
        print(f"{label:24} {summary(values)}  n={len(values)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=8)
    args = parser.parse_args()
    asyncio.run(main(args.articles, args.rounds, args.repeat))
