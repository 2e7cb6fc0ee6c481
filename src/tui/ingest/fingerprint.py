"""An article's fingerprint for finding copies: what :mod:`tui.link.copies` indexes.

Computed once per article at extraction time and cached with its extraction, so linking a
folder again never re-reads the text for it. Three signals, all over the article's *content*
(boilerplate blanked) after normalization — words casefolded, punctuation and spacing
ignored:

- ``digest``: the hash of the normalized text (exact duplicates);
- ``minhash``: a MinHash (``datasketch``) of the word shingles (near-duplicates, through LSH);
- ``sentences``: a hash per sentence of at least :data:`MIN_SENTENCE_WORDS` words, in order
  (partial reuse: a wire story embedded in a longer article shares whole sentences).
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
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
"""datasketch's hashing scheme (its 2.0 default), named so stored values stay readable."""
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


def fingerprint(article: Article) -> Fingerprint:
    """The fingerprint of ``article``'s content text."""
    from datasketch import MinHash  # its import loads scipy (~0.5 s): only when needed

    content = article.content_text()
    tokens = normalized(content)
    digest = hashlib.blake2b(" ".join(tokens).encode(), digest_size=16).hexdigest()
    # CRC-32 spreads shingles well enough for MinHash, at a fraction of SHA-1's cost.
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=zlib.crc32)
    grams = shingles(tokens)
    if grams:
        sketch.update_batch(grams)
    values = base64.b64encode(sketch.hashvalues.astype("<u4").tobytes()).decode()
    sentences = []
    for match in _SENTENCE.finditer(content):
        sentence = normalized(match.group())
        if len(sentence) >= MIN_SENTENCE_WORDS:
            sentences.append(sentence_hash(sentence))
    return Fingerprint(digest=digest, minhash=values, sentences=sentences, words=len(tokens))
