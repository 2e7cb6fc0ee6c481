"""Align a library's main text back onto our shipped text, so offsets stay exact.

trafilatura returns the article as text of its own (its own whitespace, list markers,
table pipes). We keep shipping the page's visible text and only *mark* which of its lines
are the article: each of trafilatura's lines is looked up in our text as a run of words
(case-folded, whitespace and punctuation ignored), in order; a line it rewrote is looked up
by windows of words instead. A line of ours is article when most of its words were found.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_WORD = re.compile(r"\w+")
_WINDOW = 6
"""Words per window when a whole line is not found (a rewritten or merged line)."""
_LOOKAHEAD = 20_000
"""How far past the last match (in normalised characters) a window may be found: windows
are short, so a far match is more likely a repeat elsewhere on the page than the article."""


def _joined(words: list[str]) -> tuple[str, list[int]]:
    """``" w1 w2 … "`` and where each word starts in it."""
    starts: list[int] = []
    pos = 1
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    return " " + " ".join(words) + " ", starts


def main_lines(lines: list[tuple[int, int]], text: str, main_text: str) -> set[int]:
    """Indices of ``lines`` (``(start, end)`` in ``text``) that hold ``main_text``."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not spans:
        return set()
    joined, starts = _joined([text[s:e].casefold() for s, e in spans])
    covered = bytearray(len(spans))
    cursor = 0

    def mark(pos: int, count: int) -> None:
        first = bisect_left(starts, pos)
        for i in range(first, min(first + count, len(spans))):
            covered[i] = 1

    for line in main_text.split("\n"):
        words = [m.group().casefold() for m in _WORD.finditer(line)]
        if not words:
            continue
        needle = " " + " ".join(words) + " "
        at = joined.find(needle, cursor)
        if at < 0 and cursor:
            at = joined.find(needle)  # out of order (a caption moved, a block reordered)
        if at >= 0:
            mark(at + 1, len(words))
            cursor = max(cursor, at + len(needle) - 1)
            continue
        for k in range(0, len(words), _WINDOW):
            chunk = words[k : k + _WINDOW]
            if len(chunk) < 3 and k:
                chunk = words[-min(len(words), _WINDOW) :]
            probe = " " + " ".join(chunk) + " "
            at = joined.find(probe, cursor, cursor + _LOOKAHEAD)
            if at >= 0:
                mark(at + 1, len(chunk))
                cursor = at + len(probe) - 1

    found: set[int] = set()
    word_starts = [s for s, _ in spans]
    for index, (s, e) in enumerate(lines):
        lo = bisect_left(word_starts, s)
        hi = bisect_left(word_starts, e)
        if hi > lo and sum(covered[lo:hi]) * 2 > hi - lo:
            found.add(index)
    return found
