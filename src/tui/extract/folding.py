"""The form names are compared in: case, accents, apostrophes and dashes folded.

A module of its own (re-exported by :mod:`tui.extract.people.names`, the name algebra) so
that the corrections file, and the dashboard through it, fold names without importing the
people extractor (~0.14 s).
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lowercase, strip accents, unify apostrophes and dashes."""
    if text.isascii():  # no accents, curly marks or dashes; casefold is lower: the same
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-")
    return text.casefold().replace("ł", "l").replace("ø", "o").replace("ß", "ss")
