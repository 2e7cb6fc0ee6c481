"""Word-level rules of people extraction: their shortcuts say what the full rules say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.extract.people.words import _name_like, name_like

WORDS = st.text(alphabet=st.sampled_from("aAbZé É'’.-‐ 1ß"), max_size=9) | st.text(max_size=6)


@settings(max_examples=500, deadline=None)
@given(WORDS)
def test_name_like_s_shortcut_agrees_with_the_full_rule(word: str) -> None:
    assert name_like(word) == _name_like(word)


def test_name_like_on_familiar_words() -> None:
    assert name_like("Costa-Lima") and name_like("J.") and name_like("al-Assad")
    assert not name_like("said") and not name_like("2015") and not name_like("")
    assert not name_like("Oslo-based") and not name_like("a.")
