"""Roles: title phrases before and after a name turned into :class:`Role` records.

"the French ambassador, X", "X, head of the delegation, said", "Minister of Finance X": the
title (abbreviations spelled out, modifiers and portfolios kept) and the organisation, if any.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tui.extract.people.lexicon import (
    ABBREV,
    COORDINATORS,
    DEMONYMS,
    HONORIFICS,
    LINKERS,
    MODIFIERS,
    PORTFOLIOS,
    RELATION_NOUNS,
    TITLE_HEADS,
    TITLE_WORDS,
    TITLES,
)
from tui.extract.people.words import blocking, expand, is_reporting, word_key
from tui.records.models import Role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tui.nlp import ParsedArticle

_TEMPORAL = {"former", "acting", "interim", "outgoing", "incoming", "then", "ex", "late"}
_COMPLEMENT_LINKERS = {"of", "to", "at", "for"}
_APPOS_END = {"|", "/", "•", "·", ",", ".", ";", ")", "(", ":", "—", "–", "!", "?", '"', "“", "”"}


_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def title_phrase_after(doc: Doc, i: int, limit: int = 8) -> bool:
    """Whether tokens from ``i`` (after an apposition comma) form a title phrase."""
    for tok in doc[i : min(len(doc), i + limit)]:
        if tok.text in {",", ".", ";", ")", "(", "\n"} or tok.is_space:
            return False
        if tok.lower_ == "which" or tok.tag_ in _FINITE:
            # a clause ("…, in which the investor holds…"), not a title phrase; a
            # participle is ("a leading researcher")
            return False
        if word_key(tok.text) in TITLE_WORDS:
            return True
    return False


def _is_role_word(tok: Token) -> bool:
    k = word_key(tok.text)
    if k in TITLE_WORDS or k in TITLES or k in MODIFIERS or k in PORTFOLIOS:
        return True
    if k in DEMONYMS or k in HONORIFICS or k in ABBREV:
        return True
    if tok.text in {"'s", "’s", "-"}:
        return True
    if k in LINKERS:
        return True
    return (tok.text[:1].isupper() and tok.is_alpha) or bool(
        re.fullmatch(r"(?:[A-Z]\.){2,}", tok.text)
    )


def _find_title(tokens: list[Token]) -> tuple[int, int] | None:
    """The longest title lexicon match among ``tokens`` (indices into the list)."""
    keys = [ABBREV.get(word_key(t.text), word_key(t.text)) for t in tokens]
    best: tuple[int, int] | None = None
    for i in range(len(keys)):
        for j in range(min(len(keys), i + 5), i, -1):
            phrase = " ".join(keys[i:j]).replace(" - ", "-")
            if phrase in TITLES and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
                break
    if best is None:
        return None
    i, j = best
    while i > 0 and keys[i - 1] in MODIFIERS | PORTFOLIOS:
        i -= 1
    return i, j


def _org_text(text: str, tokens: list[Token]) -> str | None:
    toks = [t for t in tokens if t.text not in {"'s", "’s"}]
    while toks and (
        word_key(toks[0].text) in LINKERS
        or toks[0].pos_ == "DET"
        or word_key(toks[0].text) in _TEMPORAL
    ):
        toks = toks[1:]
    while toks and (word_key(toks[-1].text) in LINKERS or toks[-1].is_punct):
        toks = toks[:-1]
    if not toks:
        return None
    return text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]


_PLACE_ENTITIES = frozenset({"GPE", "LOC", "NORP"})


def _title_word(token: Token) -> str:
    """A word of a title as the title shows it: spelled out and lower-cased ("Gov." ->
    "governor", "Vice" -> "vice"), except a place or a people's name in a portfolio, which
    keeps its capital ("minister for Europe", "envoy for Latin America"). Matching reads
    titles lower-cased."""
    if token.ent_type_ in _PLACE_ENTITIES and token.text[:1].isupper():
        return token.text
    return expand(token)


def _build_role(parsed: ParsedArticle, tokens: list[Token]) -> Role | None:
    """A role from a phrase of tokens: title head with modifiers, org before or after it."""
    article = parsed.article
    while tokens and (
        word_key(tokens[0].text) in LINKERS
        or tokens[0].text in {"'s", "’s", "-"}
        or tokens[0].pos_ == "DET"
    ):
        tokens = tokens[1:]
    while tokens and (word_key(tokens[-1].text) in LINKERS or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens:
        return None
    found = _find_title(tokens)
    if found is None:
        return None
    i, j = found
    if all(word_key(t.text) in HONORIFICS and expand(t) not in TITLES for t in tokens[i:j]):
        return None
    title_toks = tokens[i:j]
    rest = tokens[j:]
    if (
        rest
        and rest[0].lower_ == "for"
        and len(rest) > 1
        and (word_key(rest[1].text) in PORTFOLIOS or rest[1].text[:1].isupper())
        and not _is_honorific_only(rest[1])
    ):
        # a portfolio ("Minister for Trade and Industry"); a title never ends in an
        # honorific ("spokesman for Mr." is no office)
        k = 2
        while k < len(rest) and (
            (rest[k].text[:1].isupper() and not _is_honorific_only(rest[k]))
            or rest[k].lower_ == "and"
        ):
            k += 1
        title_toks = title_toks + rest[:k]
        rest = rest[k:]
    elif rest and rest[0].lower_ == "of" and len(rest) > 1:
        # "Minister of Finance", "Minister of the Interior": a portfolio, not an org
        k = 2 if rest[1].pos_ == "DET" and len(rest) > 2 else 1
        first = k
        while k < len(rest) and (
            (rest[k].text[:1].isupper() and word_key(rest[k].text) in PORTFOLIOS)
            or (rest[k].lower_ == "and" and k > first)
        ):
            k += 1
        while k > first and rest[k - 1].lower_ == "and":
            k -= 1
        if k > first:
            title_toks = title_toks + [t for t in rest[:k] if t.pos_ != "DET"]
            rest = rest[k:]
    title = " ".join(_title_word(t) for t in title_toks).replace(" - ", "-")
    if title in HONORIFICS and title not in TITLES:
        return None
    org: str | None = None
    if rest and rest[0].lower_ in {"of", "at", "to", "in", "with"}:
        org = _org_text(parsed.text, rest[1:])
    before_org = _org_text(parsed.text, tokens[:i]) if i > 0 else None
    # "the French ambassador to the country": a generic complement yields to the demonym
    if org is None or (before_org is not None and not any(c.isupper() for c in org)):
        org = before_org or org
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    text = article.text[start:end]
    return Role(article_id=article.id, start=start, end=end, text=text, title=title, org=org)


_OBJECT_OF = frozenset({"for", "of", "to", "at", "with", "by", "from"})
_RELATION_LINKERS = frozenset({"for", "to", "of"})


def _is_honorific_only(tok: Token) -> bool:
    """An honorific that is no title of its own (``Mr.``, ``Mrs``, ``Dr.``)."""
    return word_key(tok.text) in HONORIFICS and expand(tok) not in TITLES


def _ends_in_relation_noun(toks: list[Token]) -> bool:
    words = tuple(ABBREV.get(word_key(t.text), word_key(t.text)) for t in toks)
    return any(words[-len(noun) :] == noun for noun in RELATION_NOUNS if len(noun) <= len(words))


def _holder_part(toks: list[Token]) -> list[Token]:
    """The part of a title phrase right before a name that is the name's own.

    In "a spokesman for Mr. X", "an aide to Senator X", "chief of staff to President X" the
    phrase up to the preposition is a relation noun whose complement is X: it names someone
    else, and only what follows the preposition ("Senator", "President") is X's title. The
    same holds after any title when the complement is an honorific, with nothing but
    modifiers and determiners before it ("… for the former Mr. X"): an office's complement
    is a place or a portfolio ("Minister for Trade X", "Secretary of State X").
    """
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].lower_ not in _RELATION_LINKERS:
            continue
        after = toks[k + 1 :]
        only_honorifics = (
            bool(after)
            and word_key(after[-1].text) in HONORIFICS
            and all(
                word_key(t.text) in HONORIFICS | MODIFIERS | _TEMPORAL or t.pos_ == "DET"
                for t in after
            )
        )
        if only_honorifics or _ends_in_relation_noun(toks[:k]):
            return after
    return toks


def _own_part(toks: list[Token]) -> list[Token]:
    """The part of an apposition after a name that is that name's own.

    ``X, a staffer for Sen. Y,`` / ``X, an aide to Gov. Y`` / ``X, a daughter of President
    Y``: a title with a name after it, in the complement of ``for``/``to``/``of``, is the
    complement's person's (Y's); X's own role is what comes before the preposition (the
    relation noun ``staffer``, ``aide``), or none when that is no title (``daughter``). An
    office's complement names no one after a title (``ambassador to Peru``) and is kept."""
    for k in range(len(toks) - 2, 0, -1):
        if toks[k].lower_ not in _RELATION_LINKERS:
            continue
        after = toks[k + 1 :]
        j = 0
        while j < len(after) and (
            after[j].pos_ == "DET" or word_key(after[j].text) in MODIFIERS | _TEMPORAL
        ):
            j += 1
        found = _find_title(after[j:])
        if found is None or found[0] != 0:
            continue
        named = after[j + found[1] :]
        if named and named[0].text[:1].isupper() and named[0].pos_ == "PROPN":
            return toks[:k]
    return toks


def role_before(parsed: ParsedArticle, first_tok: int) -> Role | None:
    """The role in the title phrase right before the name at ``first_tok`` (``Trade
    Minister X``), or set off by a comma before it (``the trade minister, X``)."""
    doc = parsed.doc
    if first_tok >= 2 and doc[first_tok - 1].text == ",":
        role = role_before_comma(parsed, first_tok - 1)
        if role is not None:
            return role
    if first_tok >= 1 and doc[first_tok - 1].lower_ in _OBJECT_OF:
        # "spokesman for X's family", "adviser to X": the title's complement, not its holder
        return None
    toks: list[Token] = []
    i = first_tok - 1
    while i >= 0 and len(toks) < 12:
        tok = doc[i]
        if tok.is_sent_start and i != first_tok - 1:
            if _is_role_word(tok) and tok.lower_ not in LINKERS:
                toks.insert(0, tok)
            break
        if tok.is_space or ("\n" in tok.text_with_ws and i != first_tok - 1):
            break
        if not _is_role_word(tok) or (tok.ent_type_ == "PERSON" and blocking(tok.text) is None):
            break
        toks.insert(0, tok)
        i -= 1
    while toks and (toks[0].is_stop and word_key(toks[0].text) not in TITLE_WORDS | MODIFIERS):
        toks = toks[1:]
    toks = _holder_part(toks)
    return _build_role(parsed, toks) if toks else None


def _joins_names(doc: Doc, i: int) -> bool:
    """``and`` inside a name ("Minister for Trade and Industry"), not a coordination."""
    return (
        0 < i < len(doc) - 1
        and doc[i - 1].text[:1].isupper()
        and doc[i + 1].text[:1].isupper()
        and doc[i + 1].pos_ != "DET"
    )


def role_before_comma(parsed: ParsedArticle, comma: int) -> Role | None:
    """``the <title>, Name`` / ``X's <title>, Name`` / ``the <title> to <Org>, Name``: a
    title phrase set off by a comma. A coordination ("the minister and the ambassador, X")
    is cut at its coordinator: only the last conjunct names X."""
    doc = parsed.doc
    toks: list[Token] = []
    i = comma - 1
    while i >= 0 and len(toks) < 16:
        tok = doc[i]
        if (
            tok.is_space
            or "\n" in tok.whitespace_
            or not (_is_role_word(tok) or tok.pos_ in {"DET", "NOUN", "ADJ", "NUM"})
            or (tok.ent_type_ == "PERSON" and blocking(tok.text) is None)
            or (tok.lower_ in COORDINATORS and not _joins_names(doc, i))
        ):
            break
        toks.insert(0, tok)
        if tok.is_sent_start:
            break
        i -= 1
    if not toks:
        return None
    opener = toks[0]
    # "After talks with the president of Chile, Oskar Brandt said …": the title phrase is an
    # introductory adverbial and the name the subject that follows it, not an apposition
    governors = {"ADP", "VERB", "SCONJ"}
    governed = opener.pos_ in governors or (
        i >= 0 and not opener.is_sent_start and doc[i].pos_ in governors
    )
    closes = _name_closes(doc, comma)
    if governed and not closes and doc[i].lower_ != "between":
        return None
    while toks and (toks[0].is_stop and word_key(toks[0].text) not in TITLE_WORDS | MODIFIERS):
        if toks[0].pos_ == "DET" and len(toks) > 1:
            toks = toks[1:]
            continue
        toks = toks[1:]
    if not toks:
        return None
    if word_key(toks[-1].text) in TITLE_HEADS | TITLES:
        start = len(toks) - 1
        while start > 0 and (_is_role_word(toks[start - 1]) or toks[start - 1].pos_ == "DET"):
            start -= 1
        return _build_role(parsed, toks[start:])
    # "the Russian Ambassador to Peru, X": a title with its complement, introduced by a
    # determiner or a possessive (a bare "to Peru, X" is no apposition)
    found = _find_title(toks)
    sentence_opener = opener.is_sent_start and opener.pos_ not in governors
    if found is None or not (opener.pos_ == "DET" or opener.tag_ == "PRP$" or sentence_opener):
        return None
    if not closes and not sentence_opener:
        return None
    rest = toks[found[1] :]
    if not rest or rest[0].lower_ not in _COMPLEMENT_LINKERS:
        return None
    # common nouns may only follow the title ("to the country"), never precede it
    if not all(_is_role_word(t) or t.pos_ == "DET" for t in toks[: found[0]]):
        return None
    return _build_role(parsed, toks)


def _name_closes(doc: Doc, comma: int) -> bool:
    """Whether the capitalised name after ``comma`` is followed by punctuation or the end
    (an apposition: "…, Oskar Brandt." / "…, Oskar Brandt, said"), not by a verb."""
    j = comma + 1
    while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].text in {"-", "‐", "'s"}):
        j += 1
    return j == comma + 1 or j >= len(doc) or doc[j].is_punct or doc[j].is_space


def _appositive(doc: Doc, i: int) -> list[Token]:
    """The tokens of an apposition starting at token ``i`` (up to its closing mark)."""
    toks: list[Token] = []
    while i < len(doc) and len(toks) < 14:
        tok = doc[i]
        if tok.text in _APPOS_END or tok.is_space or "\n" in tok.text:
            break
        if (is_reporting(tok) and tok.pos_ == "VERB") or tok.lower_ in {"who", "which", "that"}:
            break
        toks.append(tok)
        if "\n" in tok.whitespace_:
            break
        i += 1
    return toks


def _is_title_phrase(doc: Doc, toks: list[Token]) -> bool:
    if not toks:
        return False
    if title_phrase_after(doc, toks[0].i, limit=len(toks) + 1):
        return True
    # "head of the delegation", "chief of the mission": a bare head noun with "of"
    first = 1 if toks[0].pos_ == "DET" and len(toks) > 2 else 0
    return (
        len(toks) > first + 1
        and word_key(toks[first].text) in TITLES
        and toks[first + 1].lower_ == "of"
    )


def role_after(parsed: ParsedArticle, last_tok: int) -> list[Role]:
    """Roles in apposition after a name: ``X, head of the delegation, Director at Y, said``
    (several appositions in a row each give a role) or ``X as <title>``. An apposition that
    opens with a coordinator ("X, and the ambassador, Y") belongs to the next name."""
    doc = parsed.doc
    i = last_tok + 1
    if i < len(doc) and doc[i].lower_ == "as":
        as_toks: list[Token] = []
        for tok in doc[i + 1 : i + 10]:
            if tok.is_punct or tok.is_space or not (_is_role_word(tok) or tok.pos_ == "DET"):
                break
            as_toks.append(tok)
        role = _build_role(parsed, as_toks) if as_toks else None
        return [role] if role is not None else []
    roles: list[Role] = []
    while i < len(doc) and doc[i].text == "," and len(roles) < 3:
        i += 1
        if i < len(doc) and doc[i].lower_ in COORDINATORS:
            break
        toks = _appositive(doc, i)
        if not _is_title_phrase(doc, toks):
            break
        role = _build_role(parsed, _own_part(toks))
        if role is None:
            break
        roles.append(role)
        i = toks[-1].i + 1
    return roles
