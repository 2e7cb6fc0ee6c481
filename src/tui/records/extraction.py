"""The per-article extraction: what the store caches and linking reads.

Plain data, no extraction code: the extractors (:mod:`tui.extract`) produce these records,
the store (:mod:`tui.store`) keeps them per content hash and linking (:mod:`tui.link`)
reads them, so none of the three imports another for their shape.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from tui.records.models import (
    CompactModel,
    Figure,
    MergeEvidence,
    QuoteKind,
    Range,
    Role,
    Span,
    SpeakerKind,
    TimeExpr,
)


class LocalPerson(CompactModel):
    """One person as seen inside one article (``key`` is unique within the article)."""

    key: str
    name: str
    mentions: list[Span] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    forms: list[str] = Field(default_factory=list)
    """Distinct name forms used for this person in the article (titles stripped)."""
    evidence: list[MergeEvidence] = Field(default_factory=list)
    """Why the article's different forms were judged to be this one person."""
    cues: list[str] = Field(default_factory=list)
    """Which signals made this a person (``ner``, ``title``, ``reporting``, ``apposition``)."""
    ambiguous: list[Span] = Field(default_factory=list)
    """Surname mentions this person shares with another person of the article: kept with
    each of them, never given to one by a guess."""


class LocalQuote(Span):
    person_key: str | None = None
    kind: QuoteKind = "direct"
    cue: str = ""
    """The reporting verb (or ``according to``) that attributes the quote."""
    cue_span: Span | None = None
    """Where :attr:`cue` stands in the text (None for a continued quote)."""
    speaker: Span | None = None
    """Where the source is named (a name, ``he``, ``the ministry``)."""
    speaker_kind: SpeakerKind = "unknown"
    quoted: list[Span] = Field(default_factory=list)
    """The words in quotation marks inside a ``mixed`` statement."""


class PeopleResult(CompactModel):
    persons: list[LocalPerson] = Field(default_factory=list)
    quotes: list[LocalQuote] = Field(default_factory=list)
    unresolved: list[Span] = Field(default_factory=list)
    """Surname mentions that two people of the article could own: left unassigned."""


class EventAnchor(CompactModel):
    """Parse-derived context of one time expression (keyed by its offsets)."""

    model_config = ConfigDict(extra="forbid")

    start: int
    end: int
    trigger: Range | None = None
    terms: list[str] = Field(default_factory=list)


class Fingerprint(CompactModel):
    """What copy detection indexes of one article (see :mod:`tui.ingest.fingerprint`)."""

    model_config = ConfigDict(extra="forbid")

    digest: str
    """Hash of the normalized content text: equal for exact duplicates."""
    minhash: str
    """The MinHash of the text's word shingles: base64 of little-endian 32-bit values."""
    sentences: list[int] = Field(default_factory=list)
    """A hash per sentence long enough to signal reuse, in order."""
    words: int = 0


class ArticleExtraction(CompactModel):
    """Everything extracted from one article before cross-article linking.

    Serializable (the store caches it per content hash) so that re-opening a folder needs
    no parse at all: ``sentences`` keeps the parser's sentence boundaries for linking.
    """

    article_id: str
    people: PeopleResult
    timexes: list[TimeExpr] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    sentences: list[Range] = Field(default_factory=list)
    anchors: list[EventAnchor] = Field(default_factory=list)
    fingerprint: Fingerprint | None = None
    """For copy detection; None in extractions made without it (linking computes it)."""

    def for_article(self, article_id: str) -> ArticleExtraction:
        """This extraction as if it had been made for article ``article_id``.

        The store caches extractions by content, so the same text seen under another file
        name (a copy, a rename) reuses one made under the old id. Every place the id is
        written into a record is rewritten here: every span's ``article_id``, the article-scoped
        person keys (``ID:p1``) and figure ids (``fig-ID-1``), and the merge evidence that
        names the article. ``tests/test_loader_cache.py`` checks the result equals a fresh
        extraction under the new id, so a new id-bearing field cannot slip past this.
        """
        old = self.article_id
        if old == article_id:
            return self
        return ArticleExtraction.model_validate(_reid(self.model_dump(), old, article_id))


def _reid(value: Any, old: str, new: str, key: str = "") -> Any:
    """``value`` (a model dump) with article id ``old`` replaced by ``new`` where it is an id."""
    if isinstance(value, dict):
        return {k: _reid(v, old, new, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_reid(v, old, new, key) for v in value]
    if not isinstance(value, str):
        return value
    if key == "article_id" and value == old:
        return new
    if key in ("key", "person_key") and value.startswith(f"{old}:"):
        return f"{new}:{value[len(old) + 1 :]}"
    if key == "id" and value.startswith(f"fig-{old}-"):
        return f"fig-{new}-{value[len(old) + 5 :]}"
    if key == "detail" and value.endswith(f" article {old}"):
        return f"{value[: len(value) - len(old)]}{new}"
    return value
