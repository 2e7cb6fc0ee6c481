"""Character-offset look-ups on a parsed document, built once per document.

``Doc.text`` and ``Doc.char_span`` walk the whole document on every call; the people and
quote extractors ask for offsets thousands of times, so they use this index instead.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_KEY = "newsdash_doc_index"
_ENTS_KEY = "newsdash_doc_ents"


@dataclass(frozen=True)
class DocIndex:
    text: str
    starts: list[int]
    ends: list[int]
    sent_start: list[int]
    """Per token: the character where its sentence starts."""
    sent_end: list[int]


def doc_index(doc: Doc) -> DocIndex:
    """The (cached) index of ``doc``. Offsets are read as arrays (``Doc.to_array``) rather
    than token by token: a ``Token`` object made per token was most of its cost."""
    cached = doc.user_data.get(_KEY)
    if isinstance(cached, DocIndex):
        return cached
    from spacy.attrs import IDX, LENGTH  # spaCy is loaded: ``doc`` is its parse

    n = len(doc)
    starts: list[int] = []
    ends: list[int] = []
    if n:
        offsets = doc.to_array([IDX, LENGTH])
        starts = offsets[:, 0].tolist()
        ends = (offsets[:, 0] + offsets[:, 1]).tolist()
    sent_start = [0] * n
    sent_end = [0] * n
    for sent in doc.sents:
        count = sent.end - sent.start
        sent_start[sent.start : sent.end] = [sent.start_char] * count
        sent_end[sent.start : sent.end] = [sent.end_char] * count
    index = DocIndex(doc.text, starts, ends, sent_start, sent_end)
    doc.user_data[_KEY] = index
    return index


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once per document: spaCy builds the tuple of entity spans anew at
    every read (a walk over every token), and the extractors read it ~9 times per article."""
    cached = doc.user_data.get(_ENTS_KEY)
    if isinstance(cached, tuple):
        return cached
    ents = tuple(doc.ents)  # a tuple already: the same object
    doc.user_data[_ENTS_KEY] = ents
    return ents


def token_at(doc: Doc, char: int) -> int | None:
    """The token covering ``char`` (or the nearest one before it)."""
    ix = doc_index(doc)
    if not ix.starts:
        return None
    i = bisect.bisect_right(ix.starts, char) - 1
    return max(i, 0)


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens lying wholly inside ``[start, end)``."""
    ix = doc_index(doc)
    lo = bisect.bisect_left(ix.starts, start)
    hi = bisect.bisect_right(ix.ends, end)
    return [doc[i] for i in range(lo, hi)] if hi > lo else []


def sent_bounds(doc: Doc, char: int) -> tuple[int, int]:
    """Character range of the sentence holding ``char``."""
    i = token_at(doc, char)
    if i is None:
        return char, char
    ix = doc_index(doc)
    return ix.sent_start[i], ix.sent_end[i]
