"""Name folding: the shortcut for plain ASCII words folds exactly as the full rule does."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tui.extract.people.names import fold


def _full_rule(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-")
    return text.casefold().replace("ł", "l").replace("ø", "o").replace("ß", "ss")


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_folds_as_the_full_rule_does(text: str) -> None:
    assert fold(text) == _full_rule(text)


@given(st.text())
def test_any_text_folds_as_the_full_rule_does(text: str) -> None:
    assert fold(text) == _full_rule(text)


def test_accents_marks_and_dashes_are_still_folded() -> None:
    assert fold("José Ruiz-Łowicz’s") == "jose ruiz-lowicz's"
    assert fold("Straße–Øst") == "strasse-ost"
