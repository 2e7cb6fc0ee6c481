"""Copy detection's pair measures as the store keeps them, for the next process.

Comparing two articles' texts (:func:`tui.link.copies.coverage`, both ways) is about half of
copy detection on a corpus whose articles share many sentences, and a pair's measure depends
on the two texts alone (:class:`tui.link.copies.CopyMemo`). So a load saves, beside each
article's extraction (the store's ``derived`` table, under its content hash and the linker
version), the measures of its pairs, each named by the other article's content hash; the next
process starts copy detection with them, as the same process does after a change, and
compares on their texts only the pairs it has not met (a changed or new article's). The
index is still replayed over the whole corpus: which pairs are compared, and the order of
originals, are decided again every time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.link.copies import CopyMemo, Measure

FORMAT = 1
"""The layout of a saved row (within one linker version it never changes)."""


@dataclass
class SavedPairs:
    """Pair measures read back from the store and the rows to save after a run.

    ``hashes``: each article's content hash (only articles exactly as the store keeps their
    content); ``rows``: the saved JSON by content hash. One linking run's; nothing is kept in
    module state."""

    hashes: Mapping[str, str]
    rows: Mapping[str, str] = field(default_factory=dict)
    memo: CopyMemo | None = None
    """The run's memo, once :meth:`start` made it: its pairs at the end are the run's."""

    def start(self) -> CopyMemo:
        """A memo holding every saved pair of two articles of this run, by their ids."""
        ids_of: dict[str, list[str]] = {}
        for aid, digest in self.hashes.items():
            ids_of.setdefault(digest, []).append(aid)
        pairs: dict[tuple[str, str], Measure] = {}
        for digest, data in self.rows.items():
            mine = ids_of.get(digest)
            entries = decode(data) if mine else None
            if not entries:
                continue
            for other, measure in entries:
                for bid in ids_of.get(other, ()):
                    for aid in mine or ():
                        pairs[(aid, bid)] = measure
        self.memo = CopyMemo(pairs=pairs)
        return self.memo

    def changed(self) -> dict[str, str]:
        """By content hash, the JSON of every article with a pair measured on its texts in
        this run: all the pairs of it the run used."""
        memo = self.memo
        if memo is None or not memo.fresh:
            return {}
        wanted = {aid for aid, _ in memo.fresh if aid in self.hashes}
        mine: dict[str, list[tuple[str, Measure]]] = {}
        for (aid, bid), measure in memo.pairs.items():
            if aid in wanted and bid in self.hashes:
                mine.setdefault(aid, []).append((self.hashes[bid], measure))
        return {self.hashes[aid]: encode(pairs) for aid, pairs in mine.items()}


def encode(pairs: list[tuple[str, Measure]]) -> str:
    """The JSON of one article's pairs: (the other's content hash, the pair's measure)."""
    rows: list[list[Any]] = [
        [other, share, [list(p) for p in passages], back]
        for other, (share, passages, back) in sorted(pairs, key=lambda p: p[0])
    ]
    return json.dumps({"format": FORMAT, "pairs": rows}, separators=(",", ":"))


def decode(data: str) -> list[tuple[str, Measure]] | None:
    """The pairs :func:`encode` wrote; None when ``data`` is not such JSON."""
    try:
        saved = json.loads(data)
        if saved["format"] != FORMAT:
            return None
        out: list[tuple[str, Measure]] = []
        for other, share, passages, back in saved["pairs"]:
            spans = tuple((int(s), int(e)) for s, e in passages)
            measure: Measure = (float(share), spans, None if back is None else float(back))
            out.append((str(other), measure))
        return out
    except (ValueError, KeyError, TypeError):
        return None
