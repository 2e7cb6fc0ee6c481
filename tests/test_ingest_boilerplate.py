"""Boilerplate rules: general page structure, never site-specific strings."""

from __future__ import annotations

from tui.ingest.boilerplate import find_boilerplate

PARA = (
    "The finance ministry said on Friday that revenue rose sharply in the third quarter, "
    "driven by higher commodity prices and a stronger currency."
)


def marked(text: str) -> list[str]:
    return [text[r.start : r.end] for r in find_boilerplate(text)]


def test_navigation_run_before_first_paragraph() -> None:
    text = f"Home\nWorld\nBusiness\nMarkets\n\n{PARA}\n"
    assert marked(text) == ["Home", "World", "Business", "Markets"]


def test_headline_and_dek_are_kept() -> None:
    text = f"Revenue jumps in third quarter\nMinistry credits commodity prices\n\n{PARA}\n"
    assert marked(text) == []


def test_interface_strings_anywhere() -> None:
    text = f"{PARA}\n\nAdvertisement\n\n{PARA}\n\nShare this article\nLeave a comment\n"
    assert marked(text) == ["Advertisement", "Share this article", "Leave a comment"]


def test_line_in_another_script_is_boilerplate() -> None:
    text = f"{PARA}\n\nΔιαβάστε επίσης\n\n{PARA}\n"
    assert marked(text) == ["Διαβάστε επίσης"]


def test_trailing_read_more_on_a_paragraph() -> None:
    text = f"{PARA} Read more\n"
    assert marked(text) == ["Read more"]


def test_short_lines_after_the_last_paragraph() -> None:
    text = f"{PARA}\n\nMost popular\nNewsletters\n"
    assert marked(text) == ["Most popular", "Newsletters"]


def test_mid_article_subheading_is_kept() -> None:
    text = f"{PARA}\n\nA difficult year\n\n{PARA}\n"
    assert marked(text) == []


def test_link_lines_and_menus() -> None:
    text = f"https://example.org/world/story-1\nHome | World | Sport | Culture\n\n{PARA}\n"
    assert marked(text) == ["https://example.org/world/story-1", "Home | World | Sport | Culture"]


def test_machine_translation_credit() -> None:
    text = f"{PARA}\n\nTranslated by an automatic service\n"
    assert marked(text) == ["Translated by an automatic service"]
