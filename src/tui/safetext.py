"""Untrusted names made safe to show: every control, format or separator character visible.

File names, like article text, come from outside: a name can hold an escape sequence (an
OSC 52 that fills the clipboard), a newline that forges a second warning line, bidi
overrides that reorder what is shown, or bytes that are not UTF-8 at all (Python hands those
over as lone surrogates, which no UTF-8 file, JSON export or SQLite store can hold).
:func:`visible` writes each such character as an escape (``\\x1b``, ``\\u202e``, ``\\xff``
for an undecodable byte), so the result is one printable line that names the same file to a
reader. Article *text* is cleaned at ingestion instead (:func:`tui.ingest.decode.clean_text`),
where offsets must be kept.
"""

from __future__ import annotations

import unicodedata

_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"})


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode hands it over
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` with every character that could act on a terminal, hide itself, break the
    line or fail to encode written as a visible escape."""
    if text.isprintable() and text.isascii():
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) in _HIDDEN else ch for ch in text)
