"""Regenerate the dashboard screenshots shown in the README.

Runs the real app headless with Pilot on the hand-built test corpus (tests/fixtures), saves
each screen as SVG with ``App.save_screenshot`` and converts it to PNG with ``rsvg-convert``
when that tool is installed (``apt-get install librsvg2-bin``; otherwise the SVGs stay).

    PYTHONPATH=src python screenshots/make_screenshots.py
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from fixtures.dashboard_corpus import build_corpus  # noqa: E402

from tui.app import NewsdashApp  # noqa: E402

# name, terminal size, keys pressed before the shot ("wait": let a debounced search run)
SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("main-120x40", (120, 40), []),
    ("main-80x24", (80, 24), []),
    ("person-page", (120, 40), ["enter", "2"]),
    ("person-filter", (120, 40), ["enter", "escape"]),
    ("comparison", (120, 40), ["3", "down", "down"]),
    ("timeline-wide-200x60", (200, 60), ["2", "down", "down", "down"]),
    ("help", (100, 40), ["question_mark"]),
    ("palette", (100, 30), ["ctrl+p", "c", "o", "n", "t"]),
    ("find-all", (100, 30), ["ctrl+f", *"strike", "wait"]),
    ("conflict-view", (120, 40), ["3", "enter"]),
    ("date-page", (120, 40), ["2", "down", "down", "down", "enter", "wait"]),
    ("frequency", (120, 40), ["2", "F", "wait"]),
]


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> Path:
    app = NewsdashApp(build_corpus(), theme="newsdash", load_user_keymap=False)
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            if key == "wait":  # let a debounced search run
                await pilot.pause(0.4)
                await app.workers.wait_for_complete()
                continue
            await pilot.press(key)
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        svg = Path(app.save_screenshot(f"{name}.svg", str(HERE)))
    return svg


def to_png(svg: Path) -> Path | None:
    tool = shutil.which("rsvg-convert")
    if tool is None:
        return None
    # Textual writes spaces as &#160;; librsvg drops leading ones unless asked to keep them.
    text = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
    png = svg.with_suffix(".png")
    subprocess.run([tool, "-o", str(png)], input=text.encode("utf-8"), check=True)
    svg.unlink()  # the README shows the PNG; keep the repository small
    return png


def main() -> int:
    for name, size, keys in SHOTS:
        svg = asyncio.run(shoot(name, size, keys))
        png = to_png(svg)
        print(svg.relative_to(HERE.parent), "→ png" if png else "(no rsvg-convert: svg only)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
