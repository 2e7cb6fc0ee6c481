"""An article's fingerprint for finding copies: what :mod:`tui.link.copies` indexes.

Computed once per article at extraction time and cached with its extraction, so linking a
folder again never re-reads the text for it. Three signals, all over the article's *content*
(boilerplate blanked) after normalization — words casefolded, punctuation and spacing
ignored:

- ``digest``: the hash of the normalized text (exact duplicates);
- ``minhash``: a MinHash of the word shingles (near-duplicates, through LSH): the values
  ``datasketch.MinHash`` gives with the ``affine32`` scheme, computed here with numpy alone
  (:func:`minhash`), bit for bit, without importing datasketch, which loads scipy (~0.9 s of
  CPU and ~40 MB in every worker process);
- ``sentences``: a hash per sentence of at least :data:`MIN_SENTENCE_WORDS` words, in order
  (partial reuse: a wire story embedded in a longer article shares whole sentences).
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from functools import lru_cache
from typing import TYPE_CHECKING

from tui.records.extraction import Fingerprint
from tui.records.models import Article

if TYPE_CHECKING:
    import numpy as np

SHINGLE = 5
"""Words per shingle: one changed word leaves the words around it shared."""
NUM_PERM = 128
"""MinHash permutations (each a 32-bit value)."""
SEED = 1
SCHEME = "affine32"
"""datasketch's hashing scheme (its 2.0 default), named so stored values stay readable; the
one :func:`minhash` implements."""
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)
"""The MurmurHash3 32-bit finalizer's shifts and multipliers (datasketch's ``_fmix``)."""
MIN_SENTENCE_WORDS = 6
"""Shorter sentences ("He said.", "Advertisement") are too common to signal reuse."""

_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?]+|\n|$)")


def words(text: str) -> list[re.Match[str]]:
    """The words of ``text`` (their offsets index ``text``); normalize with ``casefold``."""
    return list(_WORD.finditer(text))


def normalized(text: str) -> list[str]:
    """The words of ``text``, casefolded: what every comparison of texts reads."""
    return _WORD.findall(text.casefold())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of ``text`` as character ranges: up to a full stop, ``!``, ``?`` or a line
    break (the same cut in every copy of a text, whatever the parser would do)."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]


def shingles(tokens: list[str]) -> list[bytes]:
    """The word shingles of ``tokens`` (one for a text shorter than a shingle)."""
    if len(tokens) <= SHINGLE:
        return [" ".join(tokens).encode()] if tokens else []
    return [" ".join(tokens[i : i + SHINGLE]).encode() for i in range(len(tokens) - SHINGLE + 1)]


def sentence_hash(tokens: list[str]) -> int:
    """A 63-bit hash of one normalized sentence."""
    digest = hashlib.blake2b(" ".join(tokens).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def minhash_values(encoded: str) -> np.ndarray:
    """The MinHash values stored in a fingerprint."""
    import numpy as np  # here: datasketch and numpy load only when copies are looked for

    return np.frombuffer(base64.b64decode(encoded), dtype="<u4").astype(np.uint64)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The :data:`NUM_PERM` affine permutations ``h -> a * h + b (mod 2**32)`` of
    ``datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")``, drawn as it
    draws them: constants of the scheme, made once per process."""
    import numpy as np

    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def minhash(grams: list[bytes]) -> np.ndarray:
    """The MinHash values (``uint32``, :data:`NUM_PERM` of them) of ``grams``: each hashed
    with CRC-32, mixed with the MurmurHash3 finalizer, then the minimum over the grams of
    every permutation — what ``datasketch.MinHash(..., scheme="affine32",
    hashfunc=zlib.crc32).update_batch(grams)`` computes (all values 2**32 - 1 for none)."""
    import numpy as np

    a, b = _permutations()
    if not grams:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    # CRC-32 spreads shingles well enough for MinHash, at a fraction of SHA-1's cost.
    hv = np.fromiter(map(zlib.crc32, grams), dtype=np.uint32, count=len(grams))
    s1, m1, s2, m2, s3 = (np.uint32(c) for c in _FMIX32)
    hv ^= hv >> s1
    hv *= m1  # uint32 arithmetic wraps: the modulo 2**32 of the scheme
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s3
    values: np.ndarray = (hv[:, None] * a + b).min(axis=0)
    return values


def fingerprint(article: Article) -> Fingerprint:
    """The fingerprint of ``article``'s content text."""
    content = article.content_text()
    tokens = normalized(content)
    digest = hashlib.blake2b(" ".join(tokens).encode(), digest_size=16).hexdigest()
    sketch = minhash(shingles(tokens))
    values = base64.b64encode(sketch.astype("<u4").tobytes()).decode()
    sentences = []
    for match in _SENTENCE.finditer(content):
        sentence = normalized(match.group())
        if len(sentence) >= MIN_SENTENCE_WORDS:
            sentences.append(sentence_hash(sentence))
    return Fingerprint(digest=digest, minhash=values, sentences=sentences, words=len(tokens))
