"""Each article's keyed figures (:func:`.grouping.keyed_figures`) and its figures' periods
(:func:`.periods.attach_periods`) as the store keeps them.

Keying an article's figures reads its sentences with regular expressions (story names,
projections, conditions, the names around each figure): about half of grouping, and it
depends on the article and its extracted figures alone. So a load saves what it keyed beside
the article's extraction (the store's ``derived`` table, under the file's content hash and
the linker version) and the next process reads it back instead of keying again: a re-open of
10,000 articles keys only the files that changed.

What is kept per article, as JSON: the figures' count, the story's names once, and per entry
the figure's position among the article's figures and its start (both checked when read
back), its group key, the subject read from the headline when the figure's own sentence
named none, the figure's own names beyond the story's, and its sentence's names. The figure
itself is the one linking has now (its period attached by this run). Anything that does not
match is keyed again.

A figure's period depends on its article (text, publication date) and the article's time
expressions and sentences alone, so it is kept the same way (the store's kind ``periods``):
per article the figures' count and, for each figure given a period, its position, start and
period.

So is each figure's passage key (:func:`.repeats.passage_keys`: the words around it in its
sentence, which tell a sentence several articles print), which depends on the article's text
and the figure's offsets alone (kind ``passages``): per article its figures' starts and ends
(checked when read back) and their keys.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui.link.comparisons.grouping import Keyed, keyed_figures
from tui.link.comparisons.measures import MeasureMemo
from tui.link.comparisons.periods import attach_periods
from tui.link.comparisons.repeats import passage_keys
from tui.records.models import Article, Figure, Range, TimeExpr

FORMAT = 1
"""The layout of a saved entry list (within one linker version it never changes)."""


@dataclass
class SavedKeyed:
    """Keyed figures read back by article id (``saved``: their saved JSON, from the store),
    and the JSON of every article keyed in this run (``made``: what the caller saves). One
    linking run's; nothing is kept in module state."""

    saved: Mapping[str, str] = field(default_factory=dict)
    made: dict[str, str] = field(default_factory=dict)
    reused: int = 0
    """Articles whose keyed figures were read back rather than keyed."""

    def keyed(
        self, article: Article, figures: list[tuple[int, Figure]], measures: MeasureMemo
    ) -> list[Keyed]:
        """:func:`.grouping.keyed_figures` of ``article``: read back when saved and
        matching ``figures``, else keyed (and its JSON kept in :attr:`made`)."""
        data = self.saved.get(article.id)
        if data is not None:
            entries = decode(data, figures)
            if entries is not None:
                self.reused += 1
                return entries
        entries = keyed_figures(article, figures, measures)
        self.made[article.id] = encode(entries, figures)
        return entries


def encode(entries: list[Keyed], figures: list[tuple[int, Figure]]) -> str:
    """The JSON of one article's keyed ``entries`` (made from ``figures``)."""
    position = {id(fig): j for j, (_, fig) in enumerate(figures)}
    by_place = {place: j for j, (place, _) in enumerate(figures)}
    story: frozenset[str] | None = None
    for entry in entries:
        if entry.key is not None:
            story = entry.names if story is None else story & entry.names
    shared = story or frozenset()
    rows: list[list[Any]] = []
    for entry in entries:
        j = position.get(id(entry.figure))
        subject = None
        if j is None:  # a copy of the figure with the headline's subject
            j = by_place[entry.place]
            subject = entry.figure.subject
        rows.append(
            [
                j,
                figures[j][1].start,
                list(entry.key) if entry.key is not None else None,
                subject,
                sorted(entry.names - shared),
                sorted(entry.context),
            ]
        )
    return json.dumps(
        {"format": FORMAT, "figures": len(figures), "story": sorted(shared), "entries": rows},
        separators=(",", ":"),
    )


def decode(data: str, figures: list[tuple[int, Figure]]) -> list[Keyed] | None:
    """The keyed entries :func:`encode` wrote, for ``figures``; None when ``data`` is not
    such JSON or was made from other figures."""
    try:
        saved = json.loads(data)
        if saved["format"] != FORMAT or saved["figures"] != len(figures):
            return None
        story = frozenset(str(w) for w in saved["story"])
        out: list[Keyed] = []
        for j, start, key, subject, names, context in saved["entries"]:
            if not 0 <= j < len(figures):
                return None
            place, fig = figures[j]
            if fig.start != start:
                return None
            if subject is not None:
                fig = fig.model_copy(update={"subject": str(subject)})
            if key is None:
                out.append(Keyed(None, fig, place, frozenset(), frozenset()))
                continue
            mine = story | frozenset(str(w) for w in names) if names else story
            out.append(
                Keyed(
                    tuple(str(k) for k in key),
                    fig,
                    place,
                    mine,
                    frozenset(str(w) for w in context),
                )
            )
        return out
    except (ValueError, KeyError, TypeError, IndexError):
        return None


@dataclass
class SavedPeriods:
    """Figures' periods read back by article id (``saved``: their saved JSON, from the
    store), and the JSON of every article whose periods were attached in this run
    (``made``)."""

    saved: Mapping[str, str] = field(default_factory=dict)
    made: dict[str, str] = field(default_factory=dict)

    def attach(
        self,
        article: Article,
        figures: list[Figure],
        timexes: list[TimeExpr],
        sentences: Sequence[Range],
    ) -> list[Figure]:
        """:func:`.periods.attach_periods` of ``article``: read back when saved and matching
        ``figures``, else attached (and its JSON kept in :attr:`made`)."""
        data = self.saved.get(article.id)
        if data is not None:
            out = decode_periods(data, figures)
            if out is not None:
                return out
        out = attach_periods(article, figures, timexes, sentences=sentences)
        self.made[article.id] = encode_periods(out, figures)
        return out


def encode_periods(attached: list[Figure], figures: list[Figure]) -> str:
    """The JSON of the periods :func:`.periods.attach_periods` gave ``figures``."""
    rows = [
        [j, fig.start, fig.period]
        for j, (fig, given) in enumerate(zip(attached, figures, strict=True))
        if fig is not given
    ]
    return json.dumps(
        {"format": FORMAT, "figures": len(figures), "periods": rows}, separators=(",", ":")
    )


def decode_periods(data: str, figures: list[Figure]) -> list[Figure] | None:
    """``figures`` with the periods :func:`encode_periods` wrote; None when ``data`` is not
    such JSON or was made from other figures."""
    try:
        saved = json.loads(data)
        if saved["format"] != FORMAT or saved["figures"] != len(figures):
            return None
        out = list(figures)
        for j, start, period in saved["periods"]:
            if not 0 <= j < len(figures) or figures[j].start != start:
                return None
            if not isinstance(period, str):
                return None
            out[j] = figures[j].model_copy(update={"period": period})
        return out
    except (ValueError, KeyError, TypeError):
        return None


@dataclass
class SavedPassages:
    """Figures' passage keys read back by article id (``saved``: their saved JSON, from the
    store), and the JSON of every article whose keys were made in this run (``made``)."""

    saved: Mapping[str, str] = field(default_factory=dict)
    made: dict[str, str] = field(default_factory=dict)

    def keys(self, article: Article, figures: list[Figure]) -> list[str | None]:
        """:func:`.repeats.passage_keys` of ``article``'s ``figures``: read back when saved
        for the same figures' offsets, else made (and its JSON kept in :attr:`made`)."""
        data = self.saved.get(article.id)
        if data is not None:
            out = decode_passages(data, figures)
            if out is not None:
                return out
        out = passage_keys(article, figures)
        self.made[article.id] = encode_passages(out, figures)
        return out


def encode_passages(keys: list[str | None], figures: list[Figure]) -> str:
    """The JSON of ``figures``' passage ``keys``."""
    return json.dumps(
        {
            "format": FORMAT,
            "starts": [f.start for f in figures],
            "ends": [f.end for f in figures],
            "keys": keys,
        },
        separators=(",", ":"),
    )


def decode_passages(data: str, figures: list[Figure]) -> list[str | None] | None:
    """The passage keys :func:`encode_passages` wrote; None when ``data`` is not such JSON
    or was made from figures at other offsets."""
    try:
        saved = json.loads(data)
        if saved["format"] != FORMAT:
            return None
        keys = saved["keys"]
        if (
            not isinstance(keys, list)
            or len(keys) != len(figures)
            or saved["starts"] != [f.start for f in figures]
            or saved["ends"] != [f.end for f in figures]
            or not all(k is None or isinstance(k, str) for k in keys)
        ):
            return None
        return keys
    except (ValueError, KeyError, TypeError):
        return None
