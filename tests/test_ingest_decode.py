"""Encodings are detected, not assumed; the shipped text is normalized and inert."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from tui.ingest.decode import Undecodable, clean_text, decode_bytes

SAMPLE = "Le ministre José Núñez a déclaré: «Nous signerons l’accord» — 15 € de plus."


def test_plain_utf8() -> None:
    decoded = decode_bytes(SAMPLE.encode("utf-8"))
    assert decoded.text == SAMPLE
    assert decoded.encoding == "utf-8"


def test_utf8_with_bom_drops_the_bom() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"))
    assert decoded.text == SAMPLE
    assert decoded.encoding == "utf-8-sig"


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_with_bom(bom: bytes, codec: str) -> None:
    decoded = decode_bytes(bom + SAMPLE.encode(codec))
    assert decoded.text == SAMPLE
    assert decoded.encoding == codec


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_sniffed(codec: str) -> None:
    text = "Officials said on Tuesday that talks would resume next week in Geneva."
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text


def test_windows_1252_smart_quotes_and_accents() -> None:
    text = (
        "The minister\u2019s aide said \u201cwe will sign\u201d before the summit in Bogot\u00e1, "
        "according to the caf\u00e9 owner who overheard the na\u00efve remark."
    )
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding.lower().replace("_", "") in {"cp1252", "windows1252"}


def test_latin1_accents() -> None:
    text = "A reunião em São Paulo terminou às três horas, disse o ministro João Araújo."
    decoded = decode_bytes(text.encode("latin-1"))
    assert decoded.text == text


def test_binary_with_nul_bytes_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    with pytest.raises(Undecodable, match="binary"):
        decode_bytes(png)


def test_clean_text_unifies_newlines_and_normalizes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Jos\u00e9")
    assert clean_text(f"a\r\nb\rc\n{decomposed}") == "a\nb\nc\nJos\u00e9"


def test_clean_text_removes_control_and_bidi_characters() -> None:
    hostile = "safe \x1b[31mred\x1b[0m \u202eevil\u202c zero\u200bwidth \x07bell\ttab"
    cleaned = clean_text(hostile)
    assert "\x1b" not in cleaned
    assert "\u202e" not in cleaned and "\u200b" not in cleaned and "\x07" not in cleaned
    assert cleaned == "safe red evil zerowidth bell\ttab"  # whole sequences go, not only ESC
