"""Files to :class:`~tui.records.models.Article`: discovery, decoding, HTML, metadata,
boilerplate."""

from __future__ import annotations

from tui.ingest.files import InputError, load_articles

__all__ = ["InputError", "load_articles"]
