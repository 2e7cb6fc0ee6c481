"""The document index holds what a walk over the parse's tokens and sentences gives."""

from __future__ import annotations

import pytest

from tui import nlp
from tui.docindex import doc_index, entities, sent_bounds, tokens_in

TEXTS = [
    "",
    "   ",
    "Ms. Çelik said: “We’re done.”\n\nThe İzmir office 👍🏽 closed —  twice\tin 2024.",
    "Café naïve (e\u0301) 東京 — 3½ km.\r\nA new line.  Two  spaces. 𝔘𝔫𝔦𝔠𝔬𝔡𝔢!",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_index_is_the_token_walk(text: str) -> None:
    doc = nlp.load()(text)
    ix = doc_index(doc)
    assert ix.text == doc.text
    assert ix.starts == [t.idx for t in doc]
    assert ix.ends == [t.idx + len(t.text) for t in doc]
    assert all(text[s:e] == t.text for s, e, t in zip(ix.starts, ix.ends, doc, strict=True))
    assert ix.sent_start == [t.sent.start_char for t in doc]
    assert ix.sent_end == [t.sent.end_char for t in doc]
    assert all(type(v) is int for v in ix.starts + ix.ends)
    assert doc_index(doc) is ix  # built once per parse


@pytest.mark.parametrize(
    "text", [*TEXTS, "Ana Ruiz of Acme Corp. met Jean-Paul Martin in Paris on Monday, June 3."]
)
def test_the_entities_are_the_parse_entities(text: str) -> None:
    doc = nlp.load()(text)
    ents = entities(doc)
    assert [(e.start, e.end, e.label_, e.text) for e in ents] == [
        (e.start, e.end, e.label_, e.text) for e in doc.ents
    ]
    assert entities(doc) is ents  # made once per parse


def test_lookups_read_the_index() -> None:
    text = "The mayor spoke. Then the 👍🏽 council voted."
    doc = nlp.load()(text)
    second = text.index("Then")
    assert sent_bounds(doc, second + 2) == (second, len(text))
    assert [t.text for t in tokens_in(doc, second, second + 8)] == ["Then", "the"]


def test_figures_context_finds_the_token_starting_at_an_offset() -> None:
    from tui.extract.figures.context import Context

    text = TEXTS[2]
    doc = nlp.load()(text)
    ctx = Context(text, doc)
    starts = {t.idx: t.i for t in doc}
    for pos in range(len(text) + 2):
        tok = ctx.tok_at(pos)
        assert (tok.i if tok is not None else None) == starts.get(pos)
