"""The one error every layer shares, in a module that imports nothing (cheap to import)."""

from __future__ import annotations


class InputError(Exception):
    """A fatal problem with the input path: the message is one line naming the path."""
