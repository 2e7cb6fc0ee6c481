"""The base of the dashboard's modal screens: an opaque background.

A Textual ``ModalScreen`` has a translucent background (``$background 60%``): the screen
under it shows through, dimmed. Textual draws that by rendering the whole screen under the
modal again and blending the tint into every segment each time the modal repaints, which
is several times per key (opening it, moving the focus, its first rows, the footer and
scrollbars of the screen under it restyled as it loses the focus). Profiled at 160×48, that
re-rendering was most of the cost of opening any modal — ``w`` took 520 ms median at 10,000
articles on the loaded machine, ~410 ms at 2,000 — and keeping a copy of it does not help,
since the screen under the modal does change while the modal opens.

:class:`Modal` paints its background opaque instead: the dialog sits on the theme's plain
background, the dashboard under it is not drawn at all while it is open (Textual stops at
the first opaque screen), and what the dialog needs from it is in the dialog (the record a
note is for, the view an export writes). Measured side by side in one run: see
docs/performance.md ("Opening a modal screen").
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class Modal(ModalScreen[ResultT]):
    """A modal screen with an opaque background (the dashboard under it is not redrawn)."""

    HORIZONTAL_BREAKPOINTS = []  # noqa: RUF012 (Textual's own declaration)
    """No breakpoint classes: the app's ``-wide``/``-narrow`` style the dashboard only.
    Inherited, they were set on the modal by its first Resize and restyled all of it once
    more before its first frame (as on the pages, ``screens/person.py``)."""

    DEFAULT_CSS: ClassVar[str] = """
    Modal {
        background: $background;
        &:ansi {
            background: transparent;
        }
    }
    """
