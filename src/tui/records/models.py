"""Pydantic records shared by every layer, and the export contract.

Every record that points into an article carries ``article_id``, ``start``, ``end`` and
``text``; :class:`Corpus` validates that ``text == article.text[start:end]`` for all of them.
The JSON shape is a contract: extend it by adding fields, never by renaming or removing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

SCHEMA_VERSION = 1

PublishedHow = Literal[
    "header",
    "dateline",
    "text",
    "inferred",
    "none",
    "json-ld",
    "meta",
    "url",
    "byline",
    "analyst",
    "filename",
]
"""``json-ld``, ``meta``, ``url`` and ``byline``: a web page's own markup stated the date
(read by htmldate; see docs/ingestion.md). ``inferred``: from the article's own evidence
(:mod:`tui.extract.pubdate`), possibly a range; ``analyst``: set in ``newsdash.toml``;
``filename``: the file's name states a full date ("2016-03-01_story.txt") and the text
states none (no span: the date is not in the text)."""
FigureKind = Literal["count", "percent", "money", "ordinal", "duration", "other", "age"]
Direction = Literal["up", "down"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TimexMod = Literal["START", "MID", "END", "EARLY", "LATE", "BEFORE", "AFTER", "APPROX"]
QuoteKind = Literal["direct", "indirect", "mixed"]
"""``mixed``: indirect speech holding quoted words (``X said the plan was "a disaster"``)."""
SpeakerKind = Literal["person", "organisation", "description", "unknown"]
ComparisonStatus = Literal["agree", "conflict", "evolution"]


_FIELD_SETS: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}
"""One ``__pydantic_fields_set__`` per model class and set of field names given (see
:class:`CompactModel`). Schema-shaped, not results: a few entries per class, whatever the
corpus."""


_set = object.__setattr__
"""Sets an attribute of a model instance directly (pydantic's own copy does the same)."""


_LAST_SHARED: dict[type[BaseModel], set[str]] = {}
"""The set of :data:`_FIELD_SETS` each model class last shared: the records of a class are
mostly given the same names, and comparing with it spares building a ``frozenset`` key per
instance (half a million spans read back at 10,000 articles). One entry per class."""


def _share_fields_set(model: BaseModel) -> None:
    fields = model.__pydantic_fields_set__
    cls = type(model)
    last = _LAST_SHARED.get(cls)
    if last is not None and last == fields:
        if last is not fields:
            _set(model, "__pydantic_fields_set__", last)
        return
    shared = _FIELD_SETS.setdefault((cls, frozenset(fields)), fields)
    _LAST_SHARED[cls] = shared
    if shared is not fields:
        _set(model, "__pydantic_fields_set__", shared)


class CompactModel(BaseModel):
    """A pydantic model whose instances share their set of given field names.

    Pydantic keeps, on every instance, the set of the field names it was given (for
    ``model_dump(exclude_unset=True)`` and ``model_fields_set``): 216–728 bytes, about half
    the memory of a corpus read back, since a span is small (measured on 840 real articles:
    119 MB of records, 58 MB of them these sets). Instances given the same names share one
    set instead: made in ``__init__`` and validation (``_checked``), ``model_copy`` and
    unpickling (what the process pool hands back). Nothing in newsdash reads which fields
    were set — do not use ``exclude_unset`` or ``model_fields_set`` on these models
    (``tests/test_models.py`` keeps ``src/`` free of both); assigning a field that was left
    at its default adds its name to the shared set of every instance sharing it.
    """

    @model_validator(mode="after")
    def _checked(self) -> Self:
        """Each instance's one call back into Python from validation: it shares the set
        of given names. A subclass with checks of its own overrides it (same name: pydantic
        then runs only the subclass's), checking and sharing in the same call: a span read
        from the store or made by linking costs one call, not three (half a million spans
        at 10,000 articles)."""
        _share_fields_set(self)
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """Pydantic's ``model_copy``; a shallow copy of a model without extra or private
        values (every record) is made here in half the time, with the same result: the
        fields copied, ``update`` applied unvalidated, its names added to the given ones.
        Linking copies tens of thousands of records (events given their group, articles
        their id and copy fields)."""
        if (
            deep
            or getattr(self, "__pydantic_extra__", None) is not None
            or getattr(self, "__pydantic_private__", None) is not None
            or self.model_config.get("extra") == "allow"
        ):
            copied = super().model_copy(update=update, deep=deep)
        else:
            cls = type(self)
            copied = cls.__new__(cls)
            values = dict(self.__dict__)
            fields = self.__pydantic_fields_set__
            if update:
                values.update(update)
                fields = fields | update.keys()
            _set(copied, "__dict__", values)
            _set(copied, "__pydantic_extra__", None)
            _set(copied, "__pydantic_fields_set__", fields)
            _set(copied, "__pydantic_private__", None)
        _share_fields_set(copied)
        return copied

    def __setstate__(self, state: dict[Any, Any]) -> None:
        super().__setstate__(state)
        _share_fields_set(self)


class Record(CompactModel):
    model_config = ConfigDict(extra="forbid")


class Range(Record):
    """A character range ``[start, end)`` in an article's shipped text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _checked(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"end {self.end} before start {self.start}")
        _share_fields_set(self)
        return self


class Span(Range):
    """A quoted piece of an article: ``text == article.text[start:end]``."""

    article_id: str
    text: str

    @model_validator(mode="after")
    def _checked(self) -> Self:
        if self.end < self.start:  # Range's check, in the same call
            raise ValueError(f"end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text has {len(self.text)} characters but covers {self.end - self.start}"
            )
        _share_fields_set(self)
        return self

    @classmethod
    def of(cls, article_id: str, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` (``text`` is the article's full text)."""
        return cls(article_id=article_id, start=start, end=end, text=text[start:end])


class Published(Record):
    """When an article was published, and the evidence for it."""

    date: dt.date | None = None
    how: PublishedHow = "none"
    start: int | None = None
    end: int | None = None
    text: str | None = None
    detail: str = ""
    earliest: dt.date | None = None
    """With ``how: inferred``: the first day the publication date can be (``date`` is set
    only when ``earliest == latest``; a month or a year is a range of days here)."""
    latest: dt.date | None = None
    """With ``how: inferred``: the last day the publication date can be."""


class SharedPassage(Range):
    """A passage of an article that article ``source`` also prints (word for word, as
    normalized for comparison: case, punctuation and spacing aside)."""

    source: str


class Article(Record):
    id: str
    path: str
    title: str | None = None
    source: str | None = None
    published: Published = Field(default_factory=Published)
    text: str
    boilerplate: list[Range] = Field(default_factory=list)
    encoding: str = "utf-8"
    url: str | None = None
    """A web page's own address (``<link rel="canonical">`` or ``og:url``)."""
    updated: dt.date | None = None
    """When a web page says it was last updated (after its publication date)."""
    author: str | None = None
    site_name: str | None = None
    """A web page's outlet as it names itself (``source`` may be an agency instead)."""
    copy_of: str | None = None
    """The article this one is a copy of (the earliest, then fullest, of its copy cluster),
    when at least :data:`tui.link.copies.COPY_SHARE` of its words are that article's."""
    copy_share: float | None = None
    """The share of this article's words that its original prints (with ``copy_of``)."""
    shared: list[SharedPassage] = Field(default_factory=list)
    """Passages printed by an earlier article: those of the original for a copy, the
    embedded story's for an article that reuses one (``copy_of`` then stays null)."""

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.id, self.text, start, end)

    def content_text(self) -> str:
        """The text with boilerplate blanked out (same length, newlines kept).

        Extractors run on this so that navigation lines never become records while every
        offset they produce still indexes into :attr:`text`.
        """
        if not self.boilerplate:
            return self.text
        chars = list(self.text)
        for rng in self.boilerplate:
            for i in range(rng.start, rng.end):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)


class Role(Span):
    title: str
    org: str | None = None


class MergeEvidence(Record):
    """Why two surface forms were judged to be one person."""

    rule: str
    names: list[str]
    detail: str = ""


class Person(Record):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    evidence: list[MergeEvidence] = Field(default_factory=list)
    ambiguous: list[Span] = Field(default_factory=list)
    """Mentions that may be this person or a namesake in the same article (a surname two
    people there hold, "Whitmore" after "Rachel Whitmore" and "Paul Whitmore"): listed with
    each of them and counted with none."""


class Quote(Span):
    """One attributed statement: its content span, who said it and the reporting cue."""

    id: str
    person_id: str | None = None
    kind: QuoteKind = "direct"
    speaker: Span | None = None
    """Where the source is named (``the ministry``, ``he``, ``Ana Ruiz``); None when unknown."""
    speaker_kind: SpeakerKind = "unknown"
    cue: Span | None = None
    """The reporting verb or phrase (``said``, ``denied``, ``according to``)."""
    quoted: list[Span] = Field(default_factory=list)
    """The words in quotation marks inside a ``mixed`` statement."""

    def parts(self) -> Iterator[Span]:
        """The spans inside this statement's record: speaker, cue and quoted words."""
        if self.speaker is not None:
            yield self.speaker
        if self.cue is not None:
            yield self.cue
        yield from self.quoted


class TimeExpr(Span):
    """A time expression normalized to a TimeML TIMEX3 value."""

    value: str | None = None
    type: TimexType = "DATE"
    mod: TimexMod | None = None
    begin: str | None = None
    end_value: str | None = None
    how: str = ""


class Event(Record):
    id: str
    article_id: str
    when: TimeExpr
    sentence: Range
    trigger: Span | None = None
    people: list[str] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list)
    group: str | None = None


class Figure(Span):
    id: str
    value: int | float | None = None
    kind: FigureKind = "other"
    unit: str | None = None
    currency: str | None = None
    qualifier: str | None = None
    measure: str | None = None
    change: bool | None = None
    period: str | None = None
    low: int | float | None = None
    high: int | float | None = None
    subject: str | None = None
    """Whom or what the number belongs to, as written: the company, country, event, product
    ("Norvale Corp", "Ostland"); None when the sentence does not name it."""
    predicate: str | None = None
    """For a count, the verb it is the subject or object of, as written ("killed" in "killed
    14 people", "evacuated")."""
    per: str | None = None
    """A rate's denominator: "share" in "45 cents a share", "barrel" in "$12 per barrel"."""
    restates: str | None = None
    """The id of the figure this one restates ("$212 million, or 45 cents a share")."""
    direction: Direction | None = None
    """For a change, which way it went: "up" ("rose 8%"), "down" ("fell 3%")."""


class Comparison(Record):
    id: str
    measure: str
    figures: list[str]
    status: ComparisonStatus
    detail: str = ""
    certain: bool = True
    """False when a figure's period is unknown, so a ``conflict`` could be an evolution."""
    independent: int | None = None
    """How many independent sources the figures come from: copies of one story count once."""
    subject: str | None = None
    """Evidence: whom or what the compared figures belong to ("Norvale Corp")."""
    predicate: str | None = None
    """Evidence: for counts, what happened to what is counted, as written ("killed")."""
    periods: list[str] = Field(default_factory=list)
    """Evidence: the periods of the figures compared (TIMEX3 values), in order."""
    values: list[str] = Field(default_factory=list)
    """Evidence for a conflict: two values, of two sources, that cannot both hold."""
    reason: str | None = None
    """Evidence for a conflict: why those two values cannot both hold."""
    reprinted: list[str] = Field(default_factory=list)
    """Evidence: the figures counted with another article's source, not as sources of their
    own — copies, reused passages, and words around a figure that several articles print
    word for word (an outlet's recurring note): their agreement confirms nothing."""


class Corpus(Record):
    """Everything the data layer knows about a folder: the export contract."""

    schema_version: int = SCHEMA_VERSION
    articles: list[Article] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    comparisons: list[Comparison] = Field(default_factory=list)
    timexes: list[TimeExpr] = Field(default_factory=list)
    """Every time expression, including durations, sets and unresolved ones (no event)."""
    _stamp: str | None = PrivateAttr(default=None)

    @property
    def stamp(self) -> str | None:
        """The stamp of the corpus saved in the store that this one is (read back from it,
        or just saved as it): what the dashboard's tables saved beside the store are made
        from. None for any other corpus. Not exported; a copy has none."""
        return self._stamp

    def stamped(self, stamp: str | None) -> Corpus:
        """This corpus, marked as the saved corpus of ``stamp``."""
        self._stamp = stamp
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = super().model_copy(update=update, deep=deep)
        copied._stamp = None  # a copy may be changed: it is no saved corpus
        return copied

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def spans(self) -> Iterator[Span]:
        """Every record's own span (what the dashboard underlines in the Source pane)."""
        for person in self.people:
            yield from person.mentions
            yield from person.roles
            yield from person.ambiguous
        yield from self.quotes
        for event in self.events:
            yield event.when
            if event.trigger is not None:
                yield event.trigger
        yield from self.figures
        yield from self.timexes

    def all_spans(self) -> Iterator[Span]:
        """Every span any record carries, parts of records included: for provenance checks."""
        yield from self.spans()
        for quote in self.quotes:
            yield from quote.parts()

    @model_validator(mode="after")
    def _provenance(self) -> Corpus:
        texts = {a.id: a.text for a in self.articles}
        if len(texts) != len(self.articles):
            raise ValueError("article ids are not unique")
        for span in self.all_spans():
            text = texts.get(span.article_id)
            if text is None:
                raise ValueError(f"span points to unknown article {span.article_id!r}")
            if span.end > len(text) or text[span.start : span.end] != span.text:
                raise ValueError(
                    f"span {span.start}:{span.end} of {span.article_id!r} does not match its text"
                )
        for article in self.articles:
            for passage in article.shared:
                if passage.end > len(article.text):
                    raise ValueError(f"a shared passage of {article.id!r} lies outside it")
        for event in self.events:
            length = len(texts.get(event.article_id, ""))
            if event.sentence.end > length:
                raise ValueError(f"event {event.id} sentence lies outside its article")
        return self
