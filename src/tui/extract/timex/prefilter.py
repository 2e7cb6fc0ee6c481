"""Which patterns of the rule table cannot match a text, known before scanning it.

Scanning a text with every pattern of :data:`~tui.extract.timex.rules.PATTERNS` is most of
the time of finding time expressions (about 12 % of the parse's time on real news): each
pattern is tried at every position. Most patterns cannot match without some word of theirs
("ago", a month's name, "quarter"), and most articles lack most of those words. So each
pattern's :func:`required` words are read off its own syntax tree, once, and a pattern whose
required words are absent from a text (:func:`may_match`) is not scanned: its matches
would have been none, so the matches, and everything made of them, stay exactly the same.

Where a text does hold a pattern's required words, the pattern is tried only at the
positions where one of its matches may start (:func:`opening`, :func:`starts`, :func:`scan`):
most patterns open with a word from a short list (a month's name, "the", a digit), and the
regular-expression engine would otherwise try them at every character (a pattern that opens
with ``\\b`` and ignores case gets no first-character skip from ``re``).

Required words are runs of literal ASCII characters that every match contains: in a
sequence, each element's; in an alternation, one of each branch's; in a repetition of at
least one, its body's. Optional parts, classes, lookarounds and anything unknown require
nothing (a pattern with no required word is always scanned). The text is compared folded
as an ``IGNORECASE`` pattern folds it (:func:`folded`): ASCII letters lowercased, and the
few other characters such a pattern takes for an ASCII letter (the Kelvin sign for "k",
long s for "s", dotted and dotless I for "i") mapped to that letter.
"""

from __future__ import annotations

import re
import string
from typing import Any, NamedTuple

Need = tuple[frozenset[str], ...]
"""Sets of lowercase strings: a text may match only if it holds one string of every set."""

_LETTERS = tuple((c, re.compile(c, re.IGNORECASE)) for c in string.ascii_lowercase)
_LOWER = {ord(upper): upper.lower() for upper in string.ascii_uppercase}


def required(pattern: re.Pattern[str]) -> Need:
    """What every match of ``pattern`` contains (nothing known: an empty tuple)."""
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern.pattern, pattern.flags)
        return tuple(_sequence(list(tree), _constants))
    except Exception:  # another Python's parser: no requirement, the pattern always runs
        return ()


def _sequence(items: list[tuple[Any, Any]], c: Any) -> list[frozenset[str]]:
    """The requirements of a sequence of parsed items (all of them must match)."""
    out: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is c.LITERAL and av < 128:
            run += chr(av).lower()
            continue
        if run:
            out.append(frozenset([run]))
            run = ""
        if op is c.SUBPATTERN:
            out.extend(_sequence(list(av[3]), c))
        elif op is c.ATOMIC_GROUP:
            out.extend(_sequence(list(av), c))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out.extend(_sequence(list(av[2]), c))
        elif op is c.BRANCH:
            either: set[str] = set()
            for branch in av[1]:
                needs = _sequence(list(branch), c)
                if not needs:
                    break
                either |= max(needs, key=lambda n: (min(map(len, n)), -len(n)))
            else:
                out.append(frozenset(either))
    if run:
        out.append(frozenset([run]))
    return out


def folded(text: str) -> str:
    """``text`` as an ``IGNORECASE`` pattern sees it against ASCII literals: ASCII letters
    lowercased and every other character such a pattern matches to an ASCII letter
    replaced by that letter (the rest as it is)."""
    if text.isascii():
        return text.lower()
    table: dict[int, str] = dict(_LOWER)
    for char in set(text):
        if not char.isascii():
            for letter, rx in _LETTERS:
                if rx.fullmatch(char):
                    table[ord(char)] = letter
                    break
    return text.translate(table)


def may_match(need: Need, folded_text: str) -> bool:
    """Whether a pattern requiring ``need`` can match the text ``folded_text`` folds."""
    return all(any(word in folded_text for word in words) for words in need)


class Opening(NamedTuple):
    """How every match of a pattern opens (see :func:`opening`)."""

    words: frozenset[str]
    """The text there, folded (:func:`folded`), starts with one of these strings..."""
    digit: bool
    """... or (when true) with a decimal digit (``\\d``)."""
    boundary: bool
    """And a match starts only at a word boundary (the pattern opens with ``\\b``)."""


def opening(pattern: re.Pattern[str]) -> Opening | None:
    """What the text holds where a match of ``pattern`` starts, read off its syntax tree
    (``None``: not known, or the pattern may match the empty string).

    Zero-width assertions (``\\b``, lookarounds) are passed over: they narrow where a match
    starts, never widen it. Of a sequence, the first element that cannot be empty decides,
    together with every optional one before it; of an alternation, each branch; of a
    repetition, its body. A run of ASCII literals opens with the whole run, a class of ASCII
    characters with one of them, ``\\d`` with a digit; anything else (a non-ASCII literal, a
    negated class, ``.``, a back reference) makes the opening unknown. Strings that start
    with another of the set are dropped: the shorter one is found wherever they are."""
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]

        tree = list(_parser.parse(pattern.pattern, pattern.flags))
        first = _opening(tree, _constants)
        # the assertions it opens with; `\b` as `_BOUNDARY` reads it (an ASCII flag would not)
        boundary = False
        for op, av in tree if not pattern.flags & (re.ASCII | re.LOCALE) else ():
            if op is not _constants.AT and op not in (_constants.ASSERT, _constants.ASSERT_NOT):
                break
            boundary = boundary or (op is _constants.AT and av is _constants.AT_BOUNDARY)
    except Exception:  # another Python's parser: not known, the pattern is scanned as before
        return None
    if first is None or first[2]:
        return None
    words = first[0]
    kept = frozenset(w for w in words if not any(o != w and w.startswith(o) for o in words))
    return Opening(kept, first[1], boundary)


def _opening(items: list[tuple[Any, Any]], c: Any) -> tuple[set[str], bool, bool] | None:
    """Opening strings, digit flag, and whether the sequence ``items`` may match empty."""
    words: set[str] = set()
    digit = False
    for index, (op, av) in enumerate(items):
        if op is c.LITERAL:
            if av >= 128:
                return None
            run = ""
            for op2, av2 in items[index:]:
                if op2 is not c.LITERAL or av2 >= 128:
                    break
                run += chr(av2).lower()
            words.add(run)
            return words, digit, False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.IN:
            chars = _class(av, c)
            if chars is None:
                return None
            words |= chars[0]
            return words, digit or chars[1], False
        if op in (c.SUBPATTERN, c.ATOMIC_GROUP, c.BRANCH) or op in (
            c.MAX_REPEAT,
            c.MIN_REPEAT,
            c.POSSESSIVE_REPEAT,
        ):
            if op is c.SUBPATTERN:
                parts, least = [list(av[3])], 1
            elif op is c.ATOMIC_GROUP:
                parts, least = [list(av)], 1
            elif op is c.BRANCH:
                parts, least = [list(branch) for branch in av[1]], 1
            else:
                parts, least = [list(av[2])], av[0]
            empty = least < 1
            for part in parts:
                inner = _opening(part, c)
                if inner is None:
                    return None
                words |= inner[0]
                digit = digit or inner[1]
                empty = empty or inner[2]
            if not empty:
                return words, digit, False
            continue
        return None
    return words, digit, True


def _class(items: list[tuple[Any, Any]], c: Any) -> tuple[set[str], bool] | None:
    """The characters (lowercased) and digit flag of a character class of ASCII literals,
    ranges and ``\\d``; ``None`` for anything else."""
    chars: set[str] = set()
    digit = False
    for op, av in items:
        if op is c.LITERAL and av < 128:
            chars.add(chr(av).lower())
        elif op is c.RANGE and av[1] < 128:
            chars.update(chr(code).lower() for code in range(av[0], av[1] + 1))
        elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            digit = True
        else:
            return None
    return chars, digit


Found = dict[tuple[str, bool], list[int]]
"""Positions of each opening string in one text (``""``: a digit), with ``True`` only those
at a word boundary: found once per text, read by every pattern."""


def starts(opens: Opening, text: str, folded_text: str, found: Found) -> list[int]:
    """Every position of ``text`` (folded: ``folded_text``) where a match opening with
    ``opens`` may start, in order."""
    places: set[int] = set()
    for key in (*opens.words, "") if opens.digit else opens.words:
        places.update(_positions(key, opens.boundary, text, folded_text, found))
    return sorted(places)


def _positions(key: str, boundary: bool, text: str, folded_text: str, found: Found) -> list[int]:
    """Where ``key`` (a folded string; ``""``: a digit) is in the text; with ``boundary``,
    only where a word boundary (``\\b``) is too."""
    at = found.get((key, boundary))
    if at is None:
        if boundary:
            every = _positions(key, False, text, folded_text, found)
            at = [i for i in every if _BOUNDARY.match(text, i)]
        elif not key:
            at = [m.start() for m in _DIGIT.finditer(text)]
        else:
            at = []
            i = folded_text.find(key)
            while i >= 0:
                at.append(i)
                i = folded_text.find(key, i + 1)
        found[key, boundary] = at
    return at


_DIGIT = re.compile(r"\d")
_BOUNDARY = re.compile(r"\b")


def scan(pattern: re.Pattern[str], text: str, places: list[int]) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` when no match of ``pattern`` is empty or starts outside
    ``places`` (sorted): the same leftmost, non-overlapping matches, tried only there.

    ``finditer`` tries each position from where the last match ended until one matches, and
    a try at position ``p`` is ``pattern.match(text, p)`` (the whole text stays visible to
    ``\\b`` and lookbehinds); skipping positions where no match starts changes nothing."""
    out: list[re.Match[str]] = []
    end = 0
    match = pattern.match
    for p in places:
        if p >= end:
            m = match(text, p)
            if m is not None:
                out.append(m)
                end = m.end()
    return out
