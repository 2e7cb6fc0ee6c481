"""Number words for the timeline's patterns, re-exported from :mod:`tui.extract.figures.numbers`
(their home) until those patterns import it from there."""

from __future__ import annotations

from tui.extract.figures.numbers import TENS, UNITS

__all__ = ["TENS", "UNITS"]
