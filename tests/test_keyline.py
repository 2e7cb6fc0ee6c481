"""The key line (tui.app.keyline): the keys Textual's compact Footer would show, redrawn
only when they change, a click presses a key."""

from __future__ import annotations

from collections.abc import Callable

from test_app import active_screen, drive, settle
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.app import NewsdashApp
from tui.app.keyline import KeyLine
from tui.app.screens.modals import HelpScreen
from tui.app.screens.person import PersonScreen

MakeApp = Callable[..., NewsdashApp]


async def footer_keys(app: NewsdashApp, pilot: object) -> list[tuple[str, str, bool]]:
    """What a Textual compact Footer mounted on the current screen shows."""
    footer = Footer(compact=True)
    await app.screen.mount(footer)
    app.screen.refresh_bindings()
    await settle(app, pilot)
    keys = [
        (k.key_display, k.description, not k.has_class("-disabled"))
        for k in footer.query(FooterKey)
    ]
    await footer.remove()
    await settle(app, pilot)
    return keys


def line_keys(line: KeyLine) -> list[tuple[str, str, bool]]:
    keys, palette = line.shown
    shown = [(k.display, k.description, k.enabled) for k in keys]
    if palette is not None:
        shown.append((palette.display, palette.description, palette.enabled))
    return shown


@drive
async def test_the_line_shows_what_textual_footer_shows(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        for keys in ([], ["2"], ["4"], ["1", "enter"]):
            await pilot.press(*keys)
            await settle(app, pilot)
            line = app.screen.query_one(KeyLine)
            expected = await footer_keys(app, pilot)
            assert line_keys(line) == expected, keys
            assert len(expected) > 3
        assert isinstance(active_screen(app), PersonScreen)
        # Drawn as the compact footer: "key description", one cell apart, palette at right.
        shown = app.screen.query_one(KeyLine).plain()
        assert shown.startswith("tab Next section esc Back o Open person ? Help")
        assert shown.rstrip().endswith("▏^p palette") and len(shown) == 160


@drive
async def test_keys_cut_at_the_right_never_the_palette(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        await settle(app, pilot)
        shown = app.query_one(KeyLine).plain()
        assert len(shown) == 60 and shown.endswith("▏^p palette")
        assert " Quit" not in shown  # the last keys did not fit


@drive
async def test_redrawn_only_when_the_keys_change(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        line = app.query_one(KeyLine)
        before = line.redraws
        for _ in range(3):
            await pilot.press("down")  # the selection moves; the keys stay
            await settle(app, pilot)
            app.refresh_bindings()
            await settle(app, pilot)
        assert line.redraws == before
        await pilot.press("4")  # Source has keys of its own
        await settle(app, pilot)
        assert line.redraws == before + 1
        assert "Search" in line.plain()


@drive
async def test_a_click_on_a_key_presses_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        line = app.query_one(KeyLine)
        x = line.plain().index("? Help")
        await pilot.click(KeyLine, offset=(x + 2, 0))
        await settle(app, pilot)
        assert isinstance(active_screen(app), HelpScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        palette_x = line.plain().index("^p")
        await pilot.click(KeyLine, offset=(palette_x, 0))
        await settle(app, pilot)
        assert type(active_screen(app)).__name__ == "CommandPalette"
