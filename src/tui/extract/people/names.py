"""The name algebra: fold, split and compare person names (shared with the people linker).

Name keys fold case and accents and apply general transliteration rules so that spelling
variants of one name compare equal; :func:`given_compatible` and :func:`surname_relation`
say whether two names can be one person and which rule says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.extract.folding import fold as fold  # (named here too: the name algebra's fold)
from tui.extract.people.lexicon import lexicon, nicknames


def is_nickname_of(a: str, b: str) -> bool:
    """``a`` and ``b`` are a given name and its common short form (Mike/Michael)."""
    return b in nicknames().get(a, frozenset())


_TRANSLIT_RULES: tuple[tuple[str, str], ...] = (
    (r"ks", "x"),
    (r"kh", "h"),
    (r"(?<=[aeiou])j(?=[aeiou])", "y"),
    (r"^j(?=[aeiou])", "y"),
    (r"^ye", "e"),
    (r"^iu|^yu", "u"),
    (r"ou", "u"),
    (r"ph", "f"),
    (r"w$", "v"),
    (r"ff$", "v"),
    (r"ow$", "ov"),
    (r"ew$", "ev"),
    (r"(?:iy|ii|ij|yi|yy)$", "y"),
    (r"ei$", "ey"),
    (r"i$", "y"),
    (r"(?<=[^aeiou])er$", "r"),
    (r"(ski|skiy|skii|skyi)$", "sky"),
    (r"tz", "ts"),
    (r"([a-z])\1", r"\1"),
)


def translit_key(word: str) -> str:
    """A spelling-variant key: Sergey/Sergei, Ivanov/Ivanoff, Aleksandr/Alexander agree."""
    key = fold(word)
    for pattern, repl in _TRANSLIT_RULES:
        key = re.sub(pattern, repl, key)
    return key


@dataclass(frozen=True)
class NameParts:
    """A person's name split into given names, initials and surname words."""

    given: tuple[str, ...]
    """Given and middle names (folded), initials included as single letters."""
    surname: tuple[str, ...]
    """Surname words (folded), particles included ("da silva", "van der berg")."""

    @property
    def first(self) -> str | None:
        return self.given[0] if self.given else None

    @property
    def last(self) -> str:
        return self.surname[-1] if self.surname else ""

    def surname_keys(self) -> set[str]:
        """Forms a surname-only mention may take: whole surname, last word, compound parts."""
        if not self.surname:
            return set()
        whole = " ".join(self.surname)
        keys = {whole, self.surname[-1]}
        core = [w for w in self.surname if w not in lexicon("particles")]
        if core:
            keys.add(" ".join(core))
        for word in self.surname:
            if "-" in word:
                keys |= {p for p in word.split("-") if len(p) > 1}
        return keys


def _is_initial(word: str) -> bool:
    bare = word.rstrip(".")
    return len(bare) == 1 and bare.isalpha()


def name_words(name: str) -> list[str]:
    """The words of a name, hyphenated compounds kept whole, dotted initials split."""
    words: list[str] = []
    for raw in name.split():
        if re.fullmatch(r"(?:[^\W\d_]\.){2,}", raw):
            words.extend(p + "." for p in raw.split(".") if p)
        else:
            words.append(raw)
    return words


def split_name(name: str) -> NameParts:
    """Split a surface name: particles start the surname, the last word ends it."""
    words = [fold(w) for w in name_words(name)]
    words = [w[:-1] if _is_initial(w) else w for w in words]
    if not words:
        return NameParts((), ())
    if len(words) == 1:
        return NameParts((), (words[0],))
    particles = lexicon("particles")
    start = len(words) - 1
    for i in range(1, len(words) - 1):
        if words[i] in particles:
            start = i
            break
    if words[0] in particles:
        start = 0
    return NameParts(tuple(words[:start]), tuple(words[start:]))


def is_initial_of(short: str, full: str) -> bool:
    """``short`` is an initial (one letter) standing for ``full``."""
    return len(short) == 1 and len(full) > 1 and full[0] == short


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[bool, str]:
    """Whether two given-name sequences can belong to one person, and which rule says so.

    The first given names must agree (equal, a spelling variant, or one an initial of the
    other); further middle names may be absent on one side but must agree where both exist.
    """
    if not a or not b:
        return True, "surname-only"
    rule = "same-given"
    fa, fb = a[0], b[0]
    if fa != fb:
        if translit_key(fa) == translit_key(fb) and len(fa) > 1 and len(fb) > 1:
            rule = "transliteration"
        elif is_initial_of(fa, fb) or is_initial_of(fb, fa):
            rule = "initial"
        elif is_nickname_of(fa, fb):
            rule = "nickname"
        else:
            return False, "different-given"
    for x, y in zip(a[1:], b[1:], strict=False):
        if x == y or translit_key(x) == translit_key(y):
            continue
        if is_initial_of(x, y) or is_initial_of(y, x):
            continue
        return False, "different-middle"
    if len(a) != len(b) and rule == "same-given":
        rule = "middle-name"
    return True, rule


def surname_relation(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """How two surnames relate: ``same``, ``transliteration``, ``compound`` or None."""
    if not a or not b:
        return None
    ja, jb = " ".join(a), " ".join(b)
    if ja == jb:
        return "same"
    if translit_key(ja.replace(" ", "")) == translit_key(jb.replace(" ", "")):
        return "transliteration"
    particles = lexicon("particles")
    ca = " ".join(w for w in a if w not in particles)
    cb = " ".join(w for w in b if w not in particles)
    if ca and ca == cb:
        return "particle"
    pa, pb = ca.replace(" ", "-").split("-"), cb.replace(" ", "-").split("-")
    if len(pa) != len(pb) and (pa[: len(pb)] == pb or pb[: len(pa)] == pa):
        return "compound"
    return None


def fullness(name: str) -> tuple[int, int, int, int]:
    """Sort key for the fullest form: more words, fewer initials, accents, then length."""
    words = name_words(name)
    initials = sum(1 for w in words if _is_initial(w))
    accents = sum(1 for c in name if c != fold(c)[:1] and c.isalpha() and not c.isupper())
    cased = 1 if not (name.isupper() or name.islower()) else 0
    return (cased, len(words) - initials, accents, len(name))
