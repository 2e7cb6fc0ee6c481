"""The words and records the people rooms hand one another, and the word tests they share.

A :class:`Word` is a word of the parsed text, a :class:`Candidate` a run of name-like words
that may be a person, a :class:`Draft` a person of the article before its mentions are swept;
:func:`name_like` and :func:`blocking` say whether a word can be part of a person's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from tui.extract.people.lexicon import (
    ABBREV,
    ADJECTIVE_TAILS,
    DEMONYMS,
    HONORIFICS,
    INSTITUTION_HEADS,
    MODIFIERS,
    NONPERSON,
    ORG_WORDS,
    PARTICLES,
    PLACES,
    PORTFOLIOS,
    TITLE_WORDS,
    TITLES,
    reporting_verbs,
)
from tui.extract.people.names import NameParts, fold
from tui.records.models import MergeEvidence

if TYPE_CHECKING:
    from spacy.tokens import Token

_STRIP_DOTS = re.compile(r"\.$")


def line_bounds(text: str, at: int) -> tuple[int, int]:
    """Start and end (before its line break) of the line of ``text`` holding offset ``at``."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def note_organisation(org_heads: set[str], words: list[Word]) -> None:
    """Keep a name that is (part of) an organisation's: each of its words, which are then
    never a one-word person, and the whole name (:func:`org_name_key`)."""
    org_heads.update(fold(w.text) for w in words)
    org_heads.add(org_name_key(words))


def org_name_key(words: list[Word]) -> str:
    """The key under which a whole name used before an organisation word ("Milton Roy" of
    "Milton Roy Corp.") is kept among ``org_heads``, apart from its single words."""
    return "\0" + " ".join(fold(w.text) for w in words)


def word_key(word: str) -> str:
    """A word as the lexicons list it: folded, without a final dot ("Gov." -> "gov")."""
    return _STRIP_DOTS.sub("", fold(word))


def expand(token: Token) -> str:
    """A title word with abbreviations spelled out ("Gov." -> "governor")."""
    k = word_key(token.text)
    return ABBREV.get(k, k)


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (imported on first use: linking never loads spaCy)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def is_reporting(token: Token) -> bool:
    """A reporting verb (``said``, ``told``) used as a verb or noun."""
    return token.lower_ in reporting_verbs() and token.pos_ in {"VERB", "AUX", "NOUN"}


@dataclass
class Word:
    """A word of the text: tokens joined by in-word hyphens ("Costa-Lima", "al-Assad")."""

    start: int
    end: int
    text: str
    first_tok: int
    last_tok: int


_INITIAL = re.compile(r"(?:[^\W\d_]\.){1,3}|[^\W\d_]\.?")


_SYLLABLE_PAIR = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{1,5}")
"""A Korean or Taiwanese given name as romanised in news: two syllables joined by a hyphen,
the second lowercase ("Min-ho", "Jong-un", "Young-hoon", "Ying-jeou")."""


_HYPHEN = re.compile(r"[-‐]")
_NAME_PART = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*\.?")


def name_like(text: str) -> bool:
    """A capitalised word, an initial or a hyphenated compound of such words."""
    if not text[:1].isupper() and _HYPHEN.search(text) is None:
        return False  # most words of a text: what :func:`_name_like` says of them, sooner
    return _name_like(text)


def _name_like(text: str) -> bool:
    """:func:`name_like`, every rule in turn."""
    if _INITIAL.fullmatch(text):
        return text[0].isupper()
    if _SYLLABLE_PAIR.fullmatch(text):
        # "Oslo-based", "Lagos-born": an adjective, not a given name
        return _HYPHEN.split(text)[-1] not in ADJECTIVE_TAILS
    parts = _HYPHEN.split(text)
    last = parts[-1]
    if not last or not last[0].isupper():
        return False
    for part in parts:
        if not part or not _NAME_PART.fullmatch(part):
            return False
        if part.lower() not in PARTICLES and not part[0].isupper():
            return False
    return any(c.islower() for c in text)


def blocking(word: str) -> str | None:
    """Why a capitalised word cannot be part of a person's name, if it cannot."""
    k = word_key(word)
    if "-" in k and k in TITLES:
        return "title"  # a compound title: "Secretary-General", "Scrum-half"
    if "-" in k:
        reasons = {blocking(part) for part in k.split("-") if part}
        for reason in ("org", "title", "place", "nonperson"):
            if reason in reasons and (reason != "place" or len(reasons) == 1):
                return reason
    if k in ORG_WORDS:
        return "org"
    if k in INSTITUTION_HEADS:
        return "institution"  # "X Library", "X Prize": named after a person, not one
    if k in HONORIFICS or k in TITLE_WORDS or k in MODIFIERS:
        return "title"
    if k in PORTFOLIOS:
        return "title"
    if k in DEMONYMS or k in PLACES or (k.endswith("s") and k[:-1] in DEMONYMS):
        return "place"  # "Albanians", "Kurds": the plural of a demonym names a people
    if k in NONPERSON:
        return "nonperson"
    return None


@dataclass
class Candidate:
    """A run of name-like words that may be a person, and the cues found for it."""

    words: list[Word]
    before: list[Word]
    """Blocking words right before the candidate in its capitalised run."""
    cues: set[str] = field(default_factory=set)
    nicknames: list[str] = field(default_factory=list)
    """Nicknames in quotation marks inside the name (``George "Jay" Smith``: ``Jay``)."""

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def first_tok(self) -> int:
        return self.words[0].first_tok

    @property
    def last_tok(self) -> int:
        return self.words[-1].last_tok


@dataclass
class Draft:
    """A person of the article before the sweep: best name, forms seen, why they are one."""

    name: str
    parts: NameParts
    first_pos: int
    cues: set[str]
    forms: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    evidence: list[MergeEvidence] = field(default_factory=list)


Mention = tuple[int, int]
"""(start, end) of a name in the text; a title before it is a role, never part of it."""
