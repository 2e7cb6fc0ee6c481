"""Bytes to clean text: encoding detection, Unicode normalization, unsafe characters removed."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes


class Undecodable(ValueError):
    """The bytes are not text in any encoding we can detect (one-line reason)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 and C1 controls except tab and newline; DEL; bidi embeddings, overrides and isolates;
# zero-width space and stray BOMs. ZWJ/ZWNJ stay: some scripts need them.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte for Latin-script text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        encoding = "utf-16-le"
    elif even > 0.3 * half and odd < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text[:65536] if ch == "\x00" or unicodedata.category(ch) == "Co")
    return bad > 0


_STRAY_NULS = 1 / 1000
"""A web page may carry this share of NUL bytes (a stray one from a bad save or a CMS) and
still be text; a binary file has far more."""


def decode_bytes(data: bytes, markup: bool = False) -> Decoded:
    """Decode article bytes: BOM, then strict UTF-8, then UTF-16 sniffing, then detection.

    ``markup`` (an HTML page): a few stray NUL bytes are dropped instead of making the
    file binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding).lstrip("\ufeff"), encoding)
            except UnicodeDecodeError as exc:
                raise Undecodable(f"invalid {encoding} after its byte-order mark") from exc
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None and not _looks_binary(text):
            return Decoded(text, "utf-16")
        if not (markup and data.count(0) <= max(1, len(data) * _STRAY_NULS)):
            raise Undecodable("binary file (contains NUL bytes)")
        data = data.replace(b"\x00", b"")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    results = list(from_bytes(data))
    if not results:
        raise Undecodable("no text encoding fits its bytes")
    # Single-byte guesses often tie; among the least chaotic, prefer Windows-1252, the
    # legacy encoding of most Western web text (WHATWG decodes "latin-1" pages as it).
    least = min(r.chaos for r in results)
    tied = [r for r in results if r.chaos <= least + 0.01]
    best = next((r for r in tied if r.encoding == "cp1252"), tied[0])
    text = str(best)
    if _looks_binary(text):
        raise Undecodable("binary file")
    return Decoded(text, best.encoding)


# Whole terminal escape sequences (ECMA-48), 7- and 8-bit forms: CSI ... final byte;
# OSC, DCS, SOS, PM and APC strings up to their terminator (BEL or ST), within one line and
# 4,096 characters, so a stray introducer never eats the article; any other ESC sequence.
_ESCAPE_SEQUENCE = re.compile(
    "(?:\x1b\\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]{0,4096}(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[\x20-\x2f]*[\x30-\x7e]"
)


_INTRODUCERS = "\x1b\x9b\x90\x98\x9d\x9e\x9f"
"""Every escape sequence starts with one of these: a text without them has none (looked
for with ``in``, far quicker than the pattern on a page of hundreds of KB)."""


def strip_escapes(text: str) -> str:
    """``text`` without whole terminal escape sequences (as :func:`clean_text` removes them)."""
    if not any(ch in text for ch in _INTRODUCERS):
        return text
    return _ESCAPE_SEQUENCE.sub("", text)


def clean_text(text: str) -> str:
    """The text every offset indexes into: newlines unified, NFC, unsafe characters removed.

    Article text is untrusted: whole escape sequences are removed (so no leftover such as the
    ``52`` of an OSC 52 or the ``0`` of ``ESC[0m`` becomes a record), any other control
    character is dropped, and bidi overrides are dropped so nothing can reorder or restyle
    the screen.
    """
    text = strip_escapes(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = unicodedata.normalize("NFC", text)
    return _UNSAFE.sub("", text)
