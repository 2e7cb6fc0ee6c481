"""Sentences printed word for word in several articles: one source, not many.

Copy detection (:mod:`tui.link.copies`) finds whole copies and reused passages of several
sentences; an outlet's recurring note or footer ("Editor's note: … 1.6 billion members …")
is one sentence, too short to be a passage and too common to be a signal there. A figure
whose words around it — up to :data:`WINDOW` words either side, inside its sentence, case,
punctuation and spacing aside — are printed by another article too is counted as one source
with it: the first article that prints them (earliest published, then by id; undated last).
A repeated sentence confirms nothing, whoever prints it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from tui.link.sources import Sources
from tui.records.models import Article, Figure

WINDOW = 8
"""Words either side of a figure (inside its sentence) that make its passage."""
MIN_CONTEXT = 8
"""Fewer words of context around the figure are a common phrase ("Two people were
killed."), which independent writers may well write alike: not a repeat."""
_REACH = 240
"""Characters either side of a figure searched for its sentence's bounds."""

_WORD = re.compile(r"\w+")
#: A sentence ends at end punctuation before a blank, or at a line break.
_END = re.compile(r"[.!?](?=\s)|\n")


def passage_key(text: str, start: int, end: int) -> tuple[str, ...] | None:
    """The normalized words around ``text[start:end]`` inside its sentence (up to
    :data:`WINDOW` either side, the figure's own included), or None when fewer than
    :data:`MIN_CONTEXT` words of context surround it."""
    lo = max(0, start - _REACH)
    ends = [m.end() for m in _END.finditer(text, lo, start)]
    left = text[ends[-1] if ends else lo : start]
    stop = _END.search(text, end, min(len(text), end + _REACH))
    right = text[end : stop.start() if stop else min(len(text), end + _REACH)]
    before = _WORD.findall(left.lower())[-WINDOW:]
    after = _WORD.findall(right.lower())[:WINDOW]
    if len(before) + len(after) < MIN_CONTEXT:
        return None
    return (*before, "|", *_WORD.findall(text[start:end].lower()), "|", *after)


def passage_keys(article: Article, figures: list[Figure]) -> list[str | None]:
    """Each of ``figures``' (the article's own) :func:`passage_key` as one string — its
    words joined by spaces, which none of them holds, so two keys are equal exactly when
    their words are — or None: no passage (too little context, or a figure whose text is
    not the article's at its offsets). Depends on the article's text and the figures'
    offsets alone (:class:`.saved.SavedPassages` keeps it in the store)."""
    text = article.text
    out: list[str | None] = []
    for fig in figures:
        key = None
        if text[fig.start : fig.end] == fig.text:
            words = passage_key(text, fig.start, fig.end)
            key = " ".join(words) if words is not None else None
        out.append(key)
    return out


PassageKeys = Callable[[Article, list[Figure]], list[str | None]]
"""What gives an article's figures' passage keys: :func:`passage_keys`, or the store's
copy of it (:meth:`.saved.SavedPassages.keys`)."""


def repeated_sources(
    figures: Iterable[Figure],
    articles: Iterable[Article],
    independent: Sources,
    keys_of: PassageKeys | None = None,
) -> dict[str, str]:
    """Figure id -> the independent source of the first article that prints the same words
    around the same figure, for every figure whose passage (:func:`passage_key`) two or more
    articles print; figures of a passage one article alone prints are not listed.
    ``keys_of`` gives an article's figures' keys (by default :func:`passage_keys`)."""
    by_id = {a.id: a for a in articles}
    figures = list(figures)
    mine: dict[str, list[Figure]] = {}
    for fig in figures:
        mine.setdefault(fig.article_id, []).append(fig)
    key_of: dict[int, str | None] = {}
    for aid, figs in mine.items():
        article = by_id.get(aid)
        if article is None:
            continue  # no passage to read around them
        keys = (keys_of or passage_keys)(article, figs)
        key_of.update(zip(map(id, figs), keys, strict=True))
    printed: dict[str, list[Figure]] = {}
    for fig in figures:
        key = key_of.get(id(fig))
        if key is not None:
            printed.setdefault(key, []).append(fig)

    dates: dict[str, tuple[bool, str]] = {}  # each article's date as the order reads it, once

    def order(fig: Figure) -> tuple[bool, str, str, int]:
        aid = fig.article_id
        date = dates.get(aid)
        if date is None:
            day = by_id[aid].published.date
            date = dates[aid] = (day is None, day.isoformat() if day else "")
        return (*date, aid, fig.start)

    out: dict[str, str] = {}
    for figs in printed.values():
        if len({f.article_id for f in figs}) < 2:
            continue
        first = min(figs, key=order)
        source = independent.of(first.article_id, first.start)
        for fig in figs:
            out[fig.id] = source
    return out
