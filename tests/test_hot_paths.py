"""Shortcuts on extraction hot paths give exactly what the plain rule gives: folding a plain
ASCII word, and reading words from token offsets instead of spaCy tokens."""

from __future__ import annotations

import unicodedata

from fixtures.parsing import parsed
from hypothesis import given
from hypothesis import strategies as st

from tui.extract.people.candidates import text_words
from tui.extract.people.names import fold
from tui.nlp import ParsedArticle
from tui.records.models import Article


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


def _words_from_tokens(p: ParsedArticle) -> list[tuple[int, int, str, int, int]]:
    """The words as read from spaCy's tokens (the rule :func:`text_words` implements)."""
    doc, out, i = p.doc, [], 0
    while i < len(doc):
        j = i
        while (
            j + 2 < len(doc)
            and doc[j + 1].text in {"-", "‐"}
            and not doc[j].whitespace_
            and not doc[j + 1].whitespace_
            and doc[j + 2].text[:1].isalpha()
            and doc[j].text[:1].isalpha()
        ):
            j += 2
        start, end = doc[i].idx, doc[j].idx + len(doc[j].text)
        out.append((start, end, p.text[start:end], i, j))
        i = j + 1
    return out


def test_words_from_offsets_are_the_words_from_tokens() -> None:
    text = (
        "Mayor Ana Costa-Lima met al-Rashid  and Min-ho  Park - twice - in mid-2019.\n\n"
        "The  well-known 3-2 win (a-b) ended ‐ late; Jean‐Paul left - early-\nnext."
    )
    p = parsed(Article(id="w1", path="w1.txt", text=text))
    words = [(w.start, w.end, w.text, w.first_tok, w.last_tok) for w in text_words(p)]
    assert words == _words_from_tokens(p)
    assert "Costa-Lima" in [w[2] for w in words] and "Jean‐Paul" in [w[2] for w in words]
    assert "Park - twice" not in [w[2] for w in words]
