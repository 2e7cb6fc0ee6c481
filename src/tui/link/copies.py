"""Copies, near-copies and reused passages: one wire story printed by ten outlets is one source.

Articles are fed to a :class:`CopyIndex` one at a time, earliest first (by publication date,
then fullest, then id; undated last), so each cluster's first member — its *original* — is
indexed before its copies. Each article is compared only with the candidates the index
returns, never with every other article:

- an equal ``digest`` (same normalized text): an exact copy;
- MinHash LSH (``datasketch.MinHashLSH``) over word shingles: near-copies (trimmed, extended,
  retitled, with a new dateline or a sentence reworded);
- shared sentence hashes (a posting list per sentence, capped so boilerplate sentences
  stay cheap): passages reused inside a longer article.

Each candidate is verified on the two texts (:func:`coverage`): the sentences of one that
the other prints — their words covered by shared word shingles, and every name and number
in them. An article at least :data:`COPY_SHARE` of whose words are in sentences an indexed
article prints is a copy of that article's original (its ``copy_of``); it is not added to
the LSH index or the digests, so a story republished a hundred times keeps one entry there
(its sentences are indexed, capped, so a copy of the copy is still found). Otherwise the
article is indexed, and the passages it shares with earlier articles (runs of
:data:`MIN_PASSAGE_WORDS` words or more, with at least :data:`MIN_SHARED_SENTENCES`
sentences in common) are kept as partial reuse.

:class:`Sources` then names the independent source of any offset of any article: the
article whose passage it reprints, or the article itself. Linking counts sources with it, so
copies add no confirmation.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from tui.ingest.fingerprint import (
    NUM_PERM,
    SHINGLE,
    fingerprint,
    minhash_values,
    sentence_spans,
    words,
)
from tui.records.extraction import Fingerprint
from tui.records.models import Article, SharedPassage

if TYPE_CHECKING:
    import numpy as np

COPY_SHARE = 0.7
"""An article is a copy when at least this share of its words is the original's."""
LSH_THRESHOLD = 0.3
"""The Jaccard similarity of shingle sets at which LSH makes two articles candidates."""
MIN_JACCARD = 0.25
"""An LSH candidate whose MinHash estimate of that similarity is lower is not verified."""
CANDIDATE_SENTENCES = 2
"""Sentences in common that make an indexed article a candidate (verified on the texts)."""
MIN_SHARED_SENTENCES = 3
"""Partial reuse: at least this many sentences in common (fewer when the text is shorter)."""
SENTENCE_COVERED = 0.8
"""A sentence is reprinted when this share of its words (and all its names and numbers) is."""
LEAD_SENTENCES = 4
"""The first sentences (title, dateline, lead), whose opening words may be an outlet's own."""
MIN_PASSAGE_WORDS = 8
"""A shared run of fewer words is a common phrase, not a reused passage."""
POSTINGS_CAP = 32
"""Articles kept per sentence: a later article is compared with the first ones only."""
STORIES_CAP = 32
"""A sentence printed by more stories than this (copies of one story count once) is a
template's or boilerplate: it still counts among the sentences two articles share, but it
makes no candidate on its own."""
MAX_CANDIDATES = 24
"""Candidates verified per article (the best by shared sentences, then LSH)."""
MAX_PARTIAL_SOURCES = 8
"""Earlier articles whose passages one article may be found to reprint."""
BUCKET_CAP = 64
"""An LSH bucket (one band of MinHash values) shared by more indexed stories than this is a
common template or boilerplate: it makes no candidates (copies are not indexed in LSH, so a
story reprinted a thousand times fills no bucket)."""
MINIMA_CAP = 32
"""A MinHash value (one permutation's minimum: a shingle) that is the minimum of more
indexed stories than this is a common template's or boilerplate shingle: similarity is
estimated without it."""
TEXTS_KEPT = 256
"""Texts (words, shingles) kept while one index is built: candidates recur, mostly recent."""

LinkKind = Literal["exact", "copy", "partial"]


@dataclass(frozen=True)
class CopyLink:
    """``article`` reprints passages of the earlier ``source``.

    ``share`` is the part of ``article``'s words that ``source`` prints, ``source_share`` the
    part of ``source``'s words that ``article`` prints; ``passages`` are character ranges of
    ``article``."""

    article: str
    source: str
    kind: LinkKind
    share: float
    source_share: float
    passages: tuple[tuple[int, int], ...]

    @property
    def contained(self) -> float:
        """The larger share: how much of the shorter of the two the other prints."""
        return max(self.share, self.source_share)


@dataclass
class _Text:
    """An article's words (casefolded, with their offsets), its shingle hashes, its
    sentences (as word ranges) and which words carry facts — made on demand, never kept."""

    tokens: list[str]
    spans: list[tuple[int, int]]
    grams: list[int]
    gram_set: set[int]
    sentences: list[tuple[int, int]]
    facts: bytearray

    @classmethod
    def of(cls, article: Article) -> _Text:
        content = article.content_text()
        found = words(content)
        spans = [m.span() for m in found]
        raw = [content[s:e] for s, e in spans]
        tokens = [w.casefold() for w in raw]
        if len(tokens) < SHINGLE:
            grams = [hash(tuple(tokens))] if tokens else []
        else:  # the tuples tokens[i : i + SHINGLE], in order
            grams = list(map(hash, zip(*(tokens[k:] for k in range(SHINGLE)), strict=False)))
        starts = [s for s, _ in spans]
        # Names and numbers are the facts: a sentence that changes one tells another story
        # ("Acme earned $5m" is no copy of "Brill earned $9m"). A capital opening a sentence
        # is no name.
        facts = bytearray([not w.isalpha() or w[0].isupper() for w in raw])
        sentences = []
        for s, e in sentence_spans(content):
            first, last = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            if last > first:
                sentences.append((first, last))
                facts[first] = not raw[first].isalpha()
        return cls(tokens, spans, grams, set(grams), sentences, facts)


def coverage(mine: _Text, other: _Text) -> tuple[float, list[tuple[int, int]]]:
    """The share of ``mine``'s words in sentences that ``other`` also prints, and the
    character ranges those sentences form in ``mine``.

    A word is covered when a word shingle holding it is also ``other``'s; a sentence is
    printed by ``other`` when :data:`SENTENCE_COVERED` of its words are, and every name and
    number in it (in the first :data:`LEAD_SENTENCES`, from its first run of
    :data:`~tui.ingest.fingerprint.SHINGLE` covered words: a dateline is the outlet's own).
    Passages are runs of such sentences of :data:`MIN_PASSAGE_WORDS` words or
    more (shorter runs still count in the share)."""
    if not mine.tokens:
        return 0.0, []
    covered = bytearray(len(mine.tokens))
    width = min(SHINGLE, len(mine.tokens))
    for i, gram in enumerate(mine.grams):
        if gram in other.gram_set:
            covered[i : i + width] = b"\x01" * width
    shared_words = 0
    runs: list[tuple[int, int]] = []
    run: list[int] = []  # first word, last word (exclusive) of the current run

    def close() -> None:
        if run and run[1] - run[0] >= MIN_PASSAGE_WORDS:
            runs.append((mine.spans[run[0]][0], mine.spans[run[1] - 1][1]))
        run.clear()

    for k, (first, last) in enumerate(mine.sentences):
        if k < LEAD_SENTENCES:
            # A dateline opens the story: "CITY, June 12 (Agency) - The ..." becomes
            # "CITY (Outlet) — The ...". The words before the first run of a shingle's
            # length of shared words are the copy's.
            run_of = min(SHINGLE, last - first)
            while first < last and not all(covered[first : first + run_of]):
                first += 1
            if first == last:
                close()
                continue
        n = last - first
        hits = sum(covered[first:last])
        facts_kept = all(covered[i] for i in range(first, last) if mine.facts[i])
        if hits >= SENTENCE_COVERED * n and facts_kept:
            shared_words += n
            if run and run[1] == first:
                run[1] = last
            else:
                close()
                run.extend((first, last))
        else:
            close()
    close()
    return shared_words / len(mine.tokens), runs


def original_order(article: Article, fp: Fingerprint) -> tuple[int, dt.date, int, str]:
    """Earliest first (undated last), then fullest, then by id: a cluster's first is its
    original."""
    date = article.published.date
    return (date is None, date or dt.date.min, -fp.words, article.id)


LSH_BANDS = 37
"""Bands of the LSH: datasketch's choice (``MinHashLSH(threshold=LSH_THRESHOLD,
num_perm=NUM_PERM).b``), written out because working it out imports scipy and integrates
(~0.5 s of a re-open); ``tests/test_copies.py`` checks that datasketch still chooses it."""
LSH_ROWS = 3
"""MinHash values per band: datasketch's ``MinHashLSH(…).r`` (see :data:`LSH_BANDS`)."""


def _bands() -> tuple[int, int]:
    """Bands and rows per band of the LSH: datasketch's choice for :data:`LSH_THRESHOLD`
    and :data:`~tui.ingest.fingerprint.NUM_PERM`."""
    return LSH_BANDS, LSH_ROWS


class BandIndex:
    """MinHash LSH: a table per band of :data:`~tui.ingest.fingerprint.NUM_PERM` MinHash
    values, where two sketches with one band equal are candidates (datasketch's banding),
    and whose buckets are capped: a bucket of more than :data:`BUCKET_CAP` stories is a
    template's or boilerplate's and returns none of them, so a query costs the same at any
    size of the corpus. Also keeps each indexed sketch, to estimate similarities."""

    def __init__(self) -> None:
        import numpy as np

        self.bands, self.rows = _bands()
        self.tables: list[dict[bytes, list[int]]] = [{} for _ in range(self.bands)]
        """Per band, the stories (their rows) whose values in the band are the key."""
        self.row: dict[str, int] = {}
        """Each indexed story's row in :attr:`matrix`, its MinHash values."""
        self.keys: list[str] = []
        """Each row's story."""
        self.matrix = np.zeros((64, NUM_PERM), dtype=np.uint32)
        """Each row's MinHash values (32-bit, as fingerprints keep them)."""
        self.minima: Counter[int] = Counter()
        """How many indexed stories have each (permutation, value) as a minimum (up to one
        past :data:`MINIMA_CAP`: a common minimum is no longer counted)."""
        self.common: set[int] = set()
        """The minima of more than :data:`MINIMA_CAP` stories."""

    def __contains__(self, key: object) -> bool:
        return key in self.row

    def sketch(self, values: np.ndarray) -> Sketch:
        """``values`` with their band keys and minima, worked out once for the query, the
        estimates and the insertion of one article."""
        r = self.rows
        raw = values.tobytes()
        width = r * values.itemsize
        keys = [raw[b * width : (b + 1) * width] for b in range(self.bands)]
        return Sketch(values, keys, self._minima(values))

    @staticmethod
    def _minima(values: np.ndarray) -> list[int]:
        import numpy as np

        keys: list[int] = (
            (np.arange(len(values), dtype=np.uint64) << np.uint64(32)) | values
        ).tolist()
        return keys

    def insert(self, key: str, sketch: Sketch) -> None:
        import numpy as np

        n = self.row[key] = len(self.row)
        self.keys.append(key)
        if n == len(self.matrix):
            self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
        self.matrix[n] = sketch.values
        # a common minimum stays common: only the others are counted
        common = self.common
        minima = [k for k in sketch.minima if k not in common]
        self.minima.update(minima)
        counts = self.minima
        common.update(k for k in minima if counts[k] > MINIMA_CAP)
        for table, band in zip(self.tables, sketch.keys, strict=True):
            bucket = table.setdefault(band, [])
            if len(bucket) <= BUCKET_CAP:  # one past the cap marks it as a template's
                bucket.append(n)

    def query(self, sketch: Sketch) -> set[str]:
        """The indexed stories that share a band with ``sketch``, but for full buckets."""
        keys = self.keys
        return {keys[n] for n in self.query_rows(sketch)}

    def query_rows(self, sketch: Sketch) -> set[int]:
        """:meth:`query` as the stories' rows."""
        found: set[int] = set()
        for table, band in zip(self.tables, sketch.keys, strict=True):
            bucket = table.get(band)
            if bucket is not None and len(bucket) <= BUCKET_CAP:
                found.update(bucket)
        return found

    def similar(self, sketch: Sketch, keys: Sequence[str]) -> list[str]:
        """Those of ``keys`` whose MinHash estimate of the similarity with ``sketch`` is at
        least :data:`MIN_JACCARD`, over the permutations whose minimum in ``values`` is
        not a common shingle's (:data:`MINIMA_CAP`): what two articles share of a template
        or of boilerplate is no evidence that one copies the other."""
        names = self.keys
        return [names[n] for n in self.similar_rows(sketch, [self.row[k] for k in keys])]

    def similar_rows(self, sketch: Sketch, rows: Sequence[int]) -> list[int]:
        """:meth:`similar` of the stories of these rows, as rows (in the same order)."""
        import numpy as np

        if not rows:
            return []
        common = self.common
        rare = np.array([k not in common for k in sketch.minima])
        total = int(np.count_nonzero(rare))
        if not total:
            return []
        # the rows' values equal to the sketch's, counted over the rare minima (a product
        # with the mask: no copy of the rare columns); 32-bit values, half the bytes gathered
        equal = self.matrix.take(rows, axis=0) == sketch.values.astype(np.uint32)
        hits = equal @ rare.astype(np.int32) if total < len(rare) else equal.sum(axis=1)
        need = MIN_JACCARD * total
        return [rows[i] for i in np.flatnonzero(hits >= need).tolist()]


class Sketch(NamedTuple):
    """An article's MinHash values as the band index reads them: the values, the key of
    each band (its rows' bytes) and the (permutation, value) minima."""

    values: np.ndarray
    keys: list[bytes]
    minima: list[int]


Measure = tuple[float, tuple[tuple[int, int], ...], float | None]
"""A pair's :func:`coverage` both ways: the share of the first's words the second prints,
the passages, and the share of the second's words the first prints (None: not measured,
as the pair has no passages)."""


@dataclass
class CopyMemo:
    """The measurements of pairs of articles (``(article, candidate)`` ids), kept from one
    linking run to the next by its owner (:class:`tui.link.incremental.Linker`): they depend
    on the two texts alone, so after a change only the pairs of changed articles are
    measured again (:meth:`forget`), and the index replays every other decision from them
    without reading a text."""

    pairs: dict[tuple[str, str], Measure] = field(default_factory=dict)
    measured: int = 0
    """Pairs measured on their texts in the last run (the others were reused)."""
    reused: int = 0
    fresh: set[tuple[str, str]] = field(default_factory=set)
    """The pairs measured on their texts in the last run."""

    def forget(self, ids: Collection[str]) -> None:
        """Drop the pairs of articles changed, added or deleted since the last run."""
        if ids:
            gone = set(ids)
            self.pairs = {
                k: v for k, v in self.pairs.items() if k[0] not in gone and k[1] not in gone
            }


@dataclass
class CopyIndex:
    """The articles seen so far; :meth:`add` compares one more article with them.

    Only articles that are not copies go into the LSH index and the digests, so those grow
    with the stories, not with their copies; every article's sentences are indexed (capped
    per sentence), so a copy of a copy is found and joins the first one's cluster."""

    lsh: BandIndex = field(default_factory=BandIndex)
    digests: dict[str, str] = field(default_factory=dict)
    postings: dict[int, list[str]] = field(default_factory=dict)
    """The first :data:`POSTINGS_CAP` articles that print each sentence."""
    overflow: dict[int, set[str]] = field(default_factory=dict)
    """Of a sentence whose posting is full, the stories (originals) that print it."""
    common: set[int] = field(default_factory=set)
    """Sentences printed by more than :data:`STORIES_CAP` stories: a template's or
    boilerplate, which make no candidate on their own."""
    articles: dict[str, Article] = field(default_factory=dict)
    """The indexed articles (shared with the caller: their texts are read, not copied)."""
    sentences: dict[str, frozenset[int]] = field(default_factory=dict)
    original: dict[str, str] = field(default_factory=dict)
    """Every article added: the original of its cluster (itself when it is not a copy)."""
    memo: CopyMemo = field(default_factory=CopyMemo)
    texts: OrderedDict[str, _Text] = field(default_factory=OrderedDict)
    """The last :data:`TEXTS_KEPT` texts read (a candidate is often verified again)."""
    used: set[tuple[str, str]] = field(default_factory=set)
    """The pairs measured or reused by this index (what the memo keeps for the next run)."""

    def add(self, article: Article, fp: Fingerprint) -> list[CopyLink]:
        """The links of ``article`` to the indexed articles (earlier in
        :func:`original_order`); ``article`` is then indexed unless it is a copy."""
        same = self.digests.get(fp.digest)
        if same is not None and fp.words:
            self.original[article.id] = same
            whole = ((0, len(article.text)),)
            return [CopyLink(article.id, same, "exact", 1.0, 1.0, whole)]
        own = frozenset(fp.sentences)
        shared: Counter[str] = Counter()
        rare: set[str] = set()  # sharing a sentence that is no template's or boilerplate
        for sentence in own:
            posting = self.postings.get(sentence, ())
            shared.update(posting)
            if sentence not in self.common:
                rare.update(posting)
        # CANDIDATE_SENTENCES in common, or every sentence of the shorter text; a common
        # sentence counts, but is no evidence on its own.
        need = min(CANDIDATE_SENTENCES, max(1, len(own)))
        sentences = self.sentences  # (of ``shared``, only those in ``rare`` can qualify)
        candidates = {a: n for a in rare if (n := shared[a]) >= min(need, len(sentences[a]))}
        values = self.lsh.sketch(minhash_values(fp.minhash))
        if fp.words:
            # LSH also returns pairs that merely collide in one band: the MinHash estimate
            # of their similarity drops them before any text is read. (In rows, unsorted:
            # the candidates are ranked below by count, then id.)
            lsh = self.lsh
            banded = lsh.query_rows(values)
            if banded:
                rows = lsh.row
                banded.difference_update(rows[a] for a in candidates if a in rows)
                names = lsh.keys
                for other in lsh.similar_rows(values, list(banded)):
                    candidates[names[other]] = 0
        ranked = sorted(candidates, key=lambda a: (-candidates[a], a))[:MAX_CANDIDATES]
        if not ranked:  # most articles: no text is read
            self._index(article, fp, own, values)
            return []
        links = self._verify(article, ranked, candidates)
        best = max(
            (link for link in links if link.share >= COPY_SHARE),
            key=lambda link: link.share,
            default=None,
        )
        if best is None:
            self._index(article, fp, own, values)
            return self._by_original(links)
        original = self.original[best.source]
        if original != best.source:
            # A copy of a copy: it belongs to the cluster of the first, and is measured
            # against that cluster's original.
            share, passages, source_share = self._measure(article, original, both=True)
            best = CopyLink(article.id, original, "copy", share, source_share or 0.0, passages)
        self.original[article.id] = original
        self._index_sentences(article, own)
        return [best]

    def _text(self, article: Article) -> _Text:
        text = self.texts.get(article.id)
        if text is None:
            text = self.texts[article.id] = _Text.of(article)
            if len(self.texts) > TEXTS_KEPT:
                self.texts.popitem(last=False)
        else:
            self.texts.move_to_end(article.id)
        return text

    def _measure(self, article: Article, other_id: str, both: bool = False) -> Measure:
        """:func:`coverage` of ``article`` by the indexed ``other_id``, and the other way
        when there are passages (or ``both``): from the memo unless a text changed."""
        key = (article.id, other_id)
        self.used.add(key)
        got = self.memo.pairs.get(key)
        if got is not None and (got[2] is not None or not (both or got[1])):
            self.memo.reused += 1
            return got
        self.memo.measured += 1
        self.memo.fresh.add(key)
        mine, other = self._text(article), self._text(self.articles[other_id])
        if got is None:
            share, runs = coverage(mine, other)
            passages = tuple(runs)
        else:
            share, passages, _ = got
        source_share = coverage(other, mine)[0] if both or passages else None
        got = self.memo.pairs[key] = (share, passages, source_share)
        return got

    def _by_original(self, links: list[CopyLink]) -> list[CopyLink]:
        """Partial links named by their sources' originals (the best link per original)."""
        out: dict[str, CopyLink] = {}
        for link in links:
            source = self.original[link.source]
            if source not in out:
                out[source] = CopyLink(
                    link.article,
                    source,
                    link.kind,
                    link.share,
                    link.source_share,
                    link.passages,
                )
        return list(out.values())

    def _verify(
        self, article: Article, ranked: Sequence[str], counts: dict[str, int]
    ) -> list[CopyLink]:
        """The candidates that ``article`` copies or reuses, best first (texts are read
        again here rather than kept: the index holds only fingerprints)."""
        links: list[CopyLink] = []
        for other_id in ranked:
            share, passages, source_share = self._measure(article, other_id)
            if not passages or source_share is None:
                continue
            kind: LinkKind = "copy" if share >= COPY_SHARE else "partial"
            need = min(MIN_SHARED_SENTENCES, len(self.sentences[other_id]))
            if kind == "copy" or counts[other_id] >= need or source_share >= COPY_SHARE:
                links.append(CopyLink(article.id, other_id, kind, share, source_share, passages))
        links.sort(key=lambda link: (-link.share, link.source))
        return links[:MAX_PARTIAL_SOURCES]

    def _index(
        self, article: Article, fp: Fingerprint, own: frozenset[int], values: Sketch
    ) -> None:
        """Index an article that is no copy: its digest, its MinHash, its sentences."""
        self.original[article.id] = article.id
        self.digests.setdefault(fp.digest, article.id)
        self._index_sentences(article, own)
        if fp.words:
            self.lsh.insert(article.id, values)

    def _index_sentences(self, article: Article, own: frozenset[int]) -> None:
        """Index an article's sentences (a copy's too, so a copy of it is found: the
        postings are capped, so a story printed a thousand times costs no more)."""
        self.articles[article.id] = article
        self.sentences[article.id] = own
        story = self.original[article.id]
        for sentence in own:
            posting = self.postings.setdefault(sentence, [])
            if len(posting) < POSTINGS_CAP:
                posting.append(article.id)
            elif sentence not in self.common:
                # past the cap, count the stories (not the copies) that print it
                stories = self.overflow.get(sentence)
                if stories is None:
                    stories = self.overflow[sentence] = {self.original[a] for a in posting}
                stories.add(story)
                if len(stories) > STORIES_CAP:
                    self.common.add(sentence)
                    del self.overflow[sentence]


def detect_copies(
    articles: Sequence[Article],
    fingerprints: dict[str, Fingerprint | None],
    memo: CopyMemo | None = None,
) -> dict[str, list[CopyLink]]:
    """Every article's links to earlier articles that it copies or reuses, by article id
    (articles without any are absent). A missing fingerprint is computed here. ``memo``:
    the pairs measured by an earlier run, minus those of changed articles
    (:meth:`CopyMemo.forget`); it gains this run's."""
    prints = {a.id: fingerprints.get(a.id) or fingerprint(a) for a in articles}
    if memo is None:
        memo = CopyMemo()
    memo.measured = memo.reused = 0
    memo.fresh = set()
    index = CopyIndex(memo=memo)
    found: dict[str, list[CopyLink]] = {}
    for article in sorted(articles, key=lambda a: original_order(a, prints[a.id])):
        links = index.add(article, prints[article.id])
        if links:
            found[article.id] = links
    # pairs no article met this time are dropped: the memo keeps what a run uses
    memo.pairs = {key: memo.pairs[key] for key in index.used}
    return found


def with_copies(articles: Sequence[Article], links: dict[str, list[CopyLink]]) -> list[Article]:
    """``articles`` with their copy fields set from ``links`` (in the same order)."""
    out = []
    for article in articles:
        mine = links.get(article.id)
        if not mine:
            out.append(article)
            continue
        copy = next((link for link in mine if link.kind != "partial"), None)
        passages = [
            SharedPassage(start=s, end=e, source=link.source)
            for link in mine
            for s, e in link.passages
        ]
        passages.sort(key=lambda p: (p.start, p.end, p.source))
        out.append(
            article.model_copy(
                update={
                    "copy_of": copy.source if copy is not None else None,
                    "copy_share": round(copy.share, 3) if copy is not None else None,
                    "shared": _disjoint(passages),
                }
            )
        )
    return out


def _disjoint(passages: list[SharedPassage]) -> list[SharedPassage]:
    """Overlapping passages of different sources: the earlier-starting one keeps the overlap."""
    out: list[SharedPassage] = []
    for passage in passages:
        if out and passage.start < out[-1].end:
            if passage.end <= out[-1].end:
                continue
            passage = passage.model_copy(update={"start": out[-1].end})
        out.append(passage)
    return out
