"""What the parse says around a number: tokens by offset, DATE/TIME coverage, the counted
noun phrase after it ("joint ventures"), built once per article for the scanner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.docindex import doc_index, entities

if TYPE_CHECKING:  # spaCy is imported by tui.nlp only when a parse is needed
    from spacy.tokens import Doc, Token

_UNIT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
#: Entities whose words may include a number that is part of the name, not a quantity.
_NAME_LABELS = frozenset({"ORG", "FAC", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT"})
#: What may stand between a number and the noun it counts in the parse: "five new A320
#: jets", "20 Boeing 787 jets" (a model number is a modifier, not the count).
_MODIFIER_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "VERB"})
_MAX_MODIFIERS = 4
_NOT_UNIT_WORDS = frozenset(
    [
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "per",
        "than",
        "as",
        "a",
        "an",
        "the",
        "percent",
        "per",
        "cent",
        "this",
        "that",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
    ]
)


def _people(tok: Token) -> bool:
    """A plural name of a people or group ("14 Canadians", "three million Norwegians",
    "thousands of Chileans"): counted like a noun."""
    return tok.tag_ == "NNPS" and tok.ent_type_ == "NORP"


def _glued(hyphen: Token) -> bool:
    """Whether a hyphen joins two words ("high-tech"), not spaced as a dash ("cultures - X")."""
    return not hyphen.whitespace_ and not hyphen.doc[hyphen.i - 1].whitespace_


class Context:
    """Per-article lookups: the text, its parse, token by start offset, DATE/TIME coverage."""

    def __init__(self, text: str, doc: Doc) -> None:
        self.text = text
        self.doc = doc
        starts = doc_index(doc).starts
        self._starts: dict[int, int] = dict(zip(starts, range(len(starts)), strict=True))
        """Token index by start offset (no ``Token`` object made until one is asked for)."""
        self.datetime_chars: set[int] = set()
        for ent in entities(doc):
            if ent.label_ in ("DATE", "TIME"):
                self.datetime_chars.update(range(ent.start_char, ent.end_char))

    def tok_at(self, start: int) -> Token | None:
        """The token that starts at character ``start``, if one does."""
        i = self._starts.get(start)
        return None if i is None else self.doc[i]

    def inside_name(self, start: int, end: int) -> bool:
        """Whether the number at ``start:end`` is a word of a name the parse found (an
        organization, a law, an event, a work, a building: "the 9th Circuit Court of
        Appeals"), with a capitalized word of the name after it."""
        tok = self.tok_at(start)
        if tok is None or tok.ent_type_ not in _NAME_LABELS:
            return False
        for after in self.doc[tok.i + 1 :]:
            if after.ent_iob_ != "I":
                return False  # the name ends: nothing of it follows the number
            if after.idx >= end and after.text[:1].isupper():
                return True
        return False

    def in_date(self, start: int, end: int) -> bool:
        return any(i in self.datetime_chars for i in range(start, end))

    def token_after(self, pos: int) -> Token | None:
        while pos < len(self.text) and self.text[pos] in " \t\u00a0":
            pos += 1
        return self.tok_at(pos)

    def noun_after(self, pos: int) -> str | None:
        """The single noun directly after ``pos`` ("80th anniversary"), lower-cased."""
        tok = self.token_after(pos)
        return tok.lower_ if tok is not None and tok.pos_ == "NOUN" else None

    def counted_after(self, start: int, end: int) -> tuple[str | None, int]:
        """The counted noun phrase the number at ``start:end`` modifies in the parse, and its
        end: "five new A320 jets" (``five`` is a ``nummod`` of ``jets``), through modifiers
        adjacency stops at (a model number, a name). (None, end) when the parse says none."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None, end
        num = span[-1]
        head = num.head
        if (
            num.dep_ != "nummod"
            or not num.whitespace_  # "a two-term governor", "9:17PM": no counted noun
            or head.pos_ != "NOUN"
            or not 0 < head.i - num.i <= _MAX_MODIFIERS + 1
            or head.ent_type_ in ("DATE", "TIME")
        ):
            return None, end
        for tok in self.doc[num.i + 1 : head.i]:
            if (
                "\n" in tok.whitespace_
                or tok.lower_ in _NOT_UNIT_WORDS
                or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT")
                or not (tok.pos_ in _MODIFIER_POS or (tok.text == "-" and _glued(tok)))
                or (tok.pos_ == "NUM" and tok.head.i == head.i)
            ):
                return None, end
        first = self.doc[num.i + 1]
        return self.text[first.idx : head.idx + len(head.text)].lower(), head.idx + len(head.text)

    def unit_after(self, pos: int) -> tuple[str | None, int]:
        """The counted noun phrase directly after ``pos`` ("joint ventures") and its end."""
        tok = self.token_after(pos)
        taken: list[Token] = []
        while tok is not None and len(taken) < 4:
            modifier = tok.pos_ == "VERB" and (tok.tag_ in ("VBN", "VBG") or tok.dep_ == "amod")
            if (
                (tok.pos_ not in _UNIT_POS and not modifier)
                or tok.lower_ in _NOT_UNIT_WORDS
                or tok.like_num
            ):
                break
            if tok.ent_type_ in ("DATE", "TIME") or (
                tok.ent_type_ in ("MONEY", "PERCENT", "CARDINAL") and tok.ent_iob_ == "B"
            ):
                break
            taken.append(tok)
            if tok.i + 1 >= len(self.doc) or (
                tok.whitespace_ == ""
                and tok.i + 1 < len(self.doc)
                and not self.doc[tok.i + 1].is_alpha
            ):
                break
            tok = self.doc[tok.i + 1] if "\n" not in tok.whitespace_ else None
        while taken and not (taken[-1].pos_ == "NOUN" or _people(taken[-1])):
            taken.pop()
        if not taken:
            return None, pos
        last = taken[-1]
        return self.text[taken[0].idx : last.idx + len(last.text)].lower(), last.idx + len(
            last.text
        )
