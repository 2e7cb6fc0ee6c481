"""The token attributes the people rooms read, as lists made once per parse.

Each spaCy ``Token`` is made anew at every ``doc[i]`` or step of ``for tok in doc``, and the
people and quote rules walk the whole document several times (company designators,
possessives, reporting verbs, runs of name-like words) reading one or two attributes of
each token. :func:`token_view` reads those attributes for every token at once with spaCy's
own ``Doc.to_array`` (attribute ids, as :mod:`tui.docindex` reads offsets) and keeps them
with the parse (``Doc.user_data``, like the token index): the walks index plain lists, and
make a ``Token`` only where a rule needs the parse around a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.nlp import ParsedArticle

_KEY = "newsdash_people_tokens"


@dataclass(frozen=True)
class TokenView:
    """Per token ``i`` of a parse, what ``doc[i]`` would say."""

    text: list[str]
    """``Token.text``."""
    lower: list[str]
    """``Token.lower_``."""
    pos: list[str]
    """``Token.pos_``."""
    ent_type: list[str]
    """``Token.ent_type_`` (``""`` outside an entity)."""
    sent_start: list[bool]
    """Whether ``Token.is_sent_start`` is true (``None``, unknown, reads as false)."""


def token_view(parsed: ParsedArticle) -> TokenView:
    """The (cached) view of ``parsed``'s tokens."""
    doc = parsed.doc
    cached = doc.user_data.get(_KEY)
    if isinstance(cached, TokenView):
        return cached
    from spacy.attrs import ENT_TYPE, LOWER, POS, SENT_START  # spaCy is loaded: a parse

    text, starts, ends = parsed.text, parsed.index.starts, parsed.index.ends
    words = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    columns: list[list[int]] = [[], [], [], []]
    if len(doc):
        columns = doc.to_array([LOWER, POS, ENT_TYPE, SENT_START]).T.tolist()
    strings = doc.vocab.strings
    lower, pos, ent_type, sent_start = columns

    def names(ids: list[int]) -> list[str]:
        of = {i: strings[i] for i in set(ids)}  # few distinct values: one look-up each
        return [of[i] for i in ids]

    view = TokenView(
        text=words,
        lower=names(lower),
        pos=names(pos),
        ent_type=names(ent_type),
        sent_start=[flag == 1 for flag in sent_start],  # -1 (no), 0 (unknown), 1 (yes)
    )
    doc.user_data[_KEY] = view
    return view
