"""Which patterns of the rule table cannot match a text, known before scanning it.

Scanning a text with every pattern of :data:`~tui.extract.timex.rules.PATTERNS` is most of
the time of finding time expressions (about 12 % of the parse's time on real news): each
pattern is tried at every position. Most patterns cannot match without some word of theirs
("ago", a month's name, "quarter"), and most articles lack most of those words. So each
pattern's :func:`required` words are read off its own syntax tree, once, and a pattern whose
required words are absent from a text (:func:`may_match`) is not scanned: its matches
would have been none, so the matches, and everything made of them, stay exactly the same.

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
from typing import Any

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
