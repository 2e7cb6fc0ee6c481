"""Boilerplate rules: general page structure, never site-specific strings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.ingest import boilerplate
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


def _old_mark_positional(
    text: str, lines: list[tuple[int, int]], flags: list[bool], web_page: bool
) -> None:
    """The rule as first written (each line of a leading run re-counted the whole run: on a
    page's 400-link menu, 80,000 steps); kept to compare the linear one against."""
    paragraphs = [i for i, (s, e) in enumerate(lines) if boilerplate._is_paragraph(text[s:e])]
    first = paragraphs[0] if paragraphs else len(lines)
    interface = list(flags)
    run: list[int] = []
    for i in range(first):
        s, e = lines[i]
        if flags[i] or boilerplate._is_short_fragment(text[s:e]):
            run.append(i)
        else:
            run = []
        if len(run) >= 3 and (web_page or sum(interface[j] for j in run) >= boilerplate._PASTED):
            for j in run:
                flags[j] = True
    if paragraphs and web_page:
        for i in range(paragraphs[-1] + 1, len(lines)):
            s, e = lines[i]
            if boilerplate._is_short_fragment(text[s:e]):
                flags[i] = True


LINES = st.sampled_from([
    "Home", "Advertisement", "Skip to main content", "Share", "World news today",
    "A line of eleven words that ends without any punctuation at all here",
    "The council approved the budget on Monday after a long debate in the chamber.",
    "Results 2024", "Maria Lopez (Spain) 2:01.44", "Sports | Weather | Business", "Read more",
])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=30), st.booleans())
def test_the_positional_rule_marks_what_it_marked_before(lines: list[str], web: bool) -> None:
    text = "\n\n".join(lines)
    new = find_boilerplate(text, web_page=web)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(boilerplate, "_mark_positional", _old_mark_positional)
        old = find_boilerplate(text, web_page=web)
    assert new == old
