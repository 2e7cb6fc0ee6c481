"""Ingestion never raises on arbitrary bytes or text, and its offsets stay valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.ingest.boilerplate import find_boilerplate
from tui.ingest.decode import Undecodable, clean_text, decode_bytes
from tui.ingest.html import html_to_page
from tui.ingest.metadata import extract_metadata
from tui.records.models import Article

NEWSY = st.sampled_from(
    [
        "date 2024-06-05",
        "LIMA, March 4. /ABC/.",
        "(AFP) —",
        "Published: June 5, 2024",
        "Home",
        "Read more",
        "\x1b[31m",
        "\u202e",
        "[bold]x[/bold]",
        "May 2",
        "\n\n",
        "Ivan Petrov said.",
    ]
)
TEXTS = st.lists(st.one_of(st.text(max_size=40), NEWSY), max_size=25).map("".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=400))
def test_decode_never_raises_anything_but_undecodable(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except Undecodable:
        return
    assert isinstance(decoded.text, str)


@FAST
@given(TEXTS)
def test_clean_text_leaves_no_control_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in cleaned)
    assert "\x1b" not in cleaned and "\u202e" not in cleaned and "\r" not in cleaned


@FAST
@given(TEXTS)
def test_boilerplate_and_metadata_give_valid_offsets(raw: str) -> None:
    text = clean_text(raw)
    boilerplate = find_boilerplate(text)
    for rng in boilerplate:
        assert 0 <= rng.start <= rng.end <= len(text)
    article = Article(id="x", path="x", text=text, boilerplate=boilerplate)
    content = article.content_text()
    meta = extract_metadata(text, content, boilerplate)
    p = meta.published
    if p.start is not None and p.end is not None:
        assert text[p.start : p.end] == p.text


@FAST
@given(st.text(max_size=300))
def test_html_conversion_never_raises(markup: str) -> None:
    page = html_to_page(f"<html><body><p>{markup}</p><div>{markup}</div></body></html>")
    assert isinstance(page.text, str)
