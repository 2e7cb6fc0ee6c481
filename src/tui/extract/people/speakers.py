"""Who is speaking: the source of a reporting verb, resolved to a person when the text allows.

A reporting verb's subject (``X said``), inherited by a participle or a coordinated verb
(``…, saying …``, ``X said … and added …``) or a relative pronoun (``X, who said …``), is read
as one of four kinds of speaker:

- a **person**: a mention of a person of the article, a name set in apposition
  (``a spokeswoman, Ana Ruiz, said``), ``he``/``she`` resolved by rule-based coreference
  (:meth:`Speakers.pronoun`), or ``the <title>`` when exactly one person of the article holds
  that title (``the minister``, ``the diplomat`` -> ambassador, envoy…);
- an **organisation**: a named organisation, or a noun from the organisation words
  (``the ministry``, ``his campaign``);
- a **description**: any other noun phrase (``a senior official``, ``analysts``, ``they``);
- **unknown**: no subject found.

Pronoun coreference follows how news English refers back: the antecedent is the most recent
person of matching gender mentioned outside quotation marks, in the sentence itself or in
the sentences before it (at most :data:`LOOK_BACK`), and within the nearest sentence that
holds one, the person in subject position first (the subject of a clause after ``but`` over
the first). A person brought in by an indefinite description in an earlier sentence's main
clause (``One voter … She asked``) is that description, not the last named person. Gender
comes from honorifics and gendered titles (``Mrs``, ``spokeswoman``), from given names
(the hand lists ``given_names_female.txt`` / ``given_names_male.txt`` first, then
``given_name_gender.tsv`` derived from the nomquamgender name data: see
:func:`~tui.extract.people.lexicon.given_name_gender`) and from the pronouns used in
sentences naming only that person.
A person of unknown gender fits either pronoun. :class:`Speakers` is built per article from
its parse and people; it keeps nothing between articles.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING

from tui.docindex import entities, tokens_in
from tui.extract.people.cues import designated_companies
from tui.extract.people.lexicon import (
    HONORIFICS,
    ORG_WORDS,
    RELATION_NOUNS,
    TITLE_WORDS,
    given_names_gender,
    lexicon,
    publishing_verbs,
    title_groups,
)
from tui.extract.people.names import fold
from tui.extract.people.tokens import token_view
from tui.extract.people.words import word_key
from tui.records.extraction import LocalPerson
from tui.records.models import Span, SpeakerKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tui.nlp import ParsedArticle

LOOK_BACK = 8
"""How many sentences before a pronoun are searched for its antecedent."""

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_INHERITS = frozenset({"advcl", "xcomp", "conj", "pcomp"})
"""Dependencies of a subjectless verb that takes its head's subject (``…, saying``)."""
_RELATIVE = frozenset({"who", "that", "which"})
_PERSONAL = {"he": "m", "she": "f"}
_GROUP_PRONOUNS = frozenset({"they", "we"})
_HONORIFIC_GENDER = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "king": "m",
    "prince": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
    "queen": "f",
    "princess": "f",
}
_TITLE_GENDER_SUFFIX = (("woman", "f"), ("man", "m"))
"""spokeswoman, congresswoman, chairwoman / spokesman, congressman, chairman."""
RANKS = frozenset({"vice", "deputy", "assistant", "associate", "under", "lieutenant"})
"""Title words that make another office: the vice president is not the president."""
_ORGISH_EXTRA = frozenset(
    {
        "campaign",
        "administration",
        "government",
        "ministry",
        "office",
        "committee",
        "department",
        "agency",
        "company",
        "party",
        "police",
        "staff",
    }
)
_TITLE_NOUNS = frozenset(e.replace("-", " ").split()[-1].rstrip(".") for e in lexicon("titles"))
"""The head nouns of the titles lexicon (``minister``, ``spokeswoman``, ``president``)."""
_LINKS = frozenset(
    {"for", "to", "of", "at", "with", "from", "by", "on", "in", "under", "the", "a", "an"}
)
_ORGISH = ORG_WORDS | _ORGISH_EXTRA
"""Head nouns of an organisation speaker (``the ministry``, ``his campaign``)."""


@cache
def reporting_nouns() -> frozenset[str]:
    """``data/people/reporting_nouns.txt`` with plurals (``statement``, ``statements``)."""
    base = lexicon("reporting_nouns")
    return base | frozenset(n + "s" for n in base)


@cache
def person_nouns() -> dict[str, str | None]:
    """Nouns for one person (``data/people/person_nouns.txt`` and the titles' head nouns),
    each with its gender when the noun has one (``woman`` -> ``f``)."""
    out: dict[str, str | None] = dict.fromkeys(_TITLE_NOUNS)
    for entry in lexicon("person_nouns"):
        word, _, gender = entry.partition(" ")
        out[word] = gender.strip() if gender.strip() in {"f", "m"} else None
    return out


_INDEFINITE = frozenset({"a", "an", "one", "another"})
"""Determiners that bring a new person into the text (``one voter``, ``a woman``)."""


@dataclass(frozen=True)
class Speaker:
    """The source of one statement: a person key when resolved, its kind and its span."""

    key: str | None = None
    kind: SpeakerKind = "unknown"
    start: int | None = None
    end: int | None = None


UNKNOWN = Speaker()
Antecedent = tuple[int, int, "str | tuple[int, int]"]
"""A candidate antecedent: its start, end and person key (or a description's span)."""


class _Mentions:
    """Person mentions of one article in text order, for speaker look-ups."""

    def __init__(self, persons: list[LocalPerson], shared: Sequence[Span] = ()) -> None:
        items = sorted((m.start, m.end, p.key) for p in persons for m in p.mentions)
        self.starts = [s for s, _, _ in items]
        self.items = items
        self.titles: dict[str, set[str]] = {}
        self.roles: dict[str, list[list[str]]] = {}
        self.role_spans = sorted((r.start, r.end, p.key) for p in persons for r in p.roles)
        self.role_starts = [s for s, _, _ in self.role_spans]
        self.key_starts: dict[str, list[int]] = {}
        for s, _, key in items:
            self.key_starts.setdefault(key, []).append(s)
        self.surnames: dict[str, set[str]] = {}
        for p in persons:
            for r in p.roles:
                self.titles.setdefault(p.key, set()).update(r.title.lower().split())
                self.roles.setdefault(p.key, []).append(r.title.lower().split())
            for form in {p.name, *p.forms}:
                words = form.split()
                if words:
                    self.surnames.setdefault(word_key(words[-1]), set()).add(p.key)
        self.plain = items
        self.resolve_shared(shared)

    def resolve_shared(
        self,
        shared: Sequence[Span],
        gender_of: dict[int, str] | None = None,
        genders: dict[str, str] | None = None,
    ) -> None:
        """A shared surname stands for the one of its owners named last before it; with
        ``gender_of`` (the gender of an honorific before a shared span, by its start) only
        the owners of that gender (``Mrs. Ruiz`` when a Mr. and a Mrs. Ruiz are named)."""
        resolved = []
        for span in shared:
            want = (gender_of or {}).get(span.start)
            owner = self.by_surname(
                span.text.split()[-1] if span.text.split() else "",
                span.start,
                want,
                genders or {},
            )
            if owner is not None:
                resolved.append((span.start, span.end, owner))
        self.items = sorted(self.plain + resolved)
        self.starts = [s for s, _, _ in self.items]

    def at(self, start: int, end: int) -> str | None:
        """The person whose mention overlaps ``[start, end)``."""
        hit = self.span_at(start, end)
        return hit[2] if hit is not None else None

    def span_at(self, start: int, end: int) -> tuple[int, int, str] | None:
        i = bisect.bisect_right(self.starts, end)
        for s, e, key in reversed(self.items[max(0, i - 8) : i]):
            if s < end and e > start:
                return s, e, key
        return None

    def first_in(self, start: int, end: int) -> str | None:
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.items) and self.items[i][0] < end:
            return self.items[i][2]
        return None

    def in_range(self, start: int, end: int) -> list[tuple[int, int, str]]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.items[lo:hi]

    def keys_in(self, start: int, end: int) -> set[str]:
        return {k for _, _, k in self.in_range(start, end)}

    def titled(self, pos: int, start: int, end: int) -> tuple[int, int, str] | None:
        """The person whose role phrase holds ``pos`` and who is named in ``[start, end)``
        (``Russian ambassador to Peru X said``: the subject's head is the title)."""
        i = bisect.bisect_right(self.role_starts, pos)
        for rs, re_, key in self.role_spans[max(0, i - 8) : i]:
            if rs <= pos < re_:
                for hit in self.in_range(start, end):
                    if hit[2] == key:
                        return hit
        return None

    def by_surname(
        self, word: str, pos: int, gender: str | None = None, genders: dict[str, str] | None = None
    ) -> str | None:
        """The person called ``word`` (a surname two people of the article share, which the
        sweep left unresolved) mentioned last before ``pos``; of ``gender`` when given and
        one of them is known to be (``genders``)."""
        keys = self.surnames.get(word_key(word), set())
        if gender is not None and genders:
            fits = {k for k in keys if genders.get(k) == gender}
            keys = fits or keys
        if len(keys) == 1:
            return next(iter(keys))
        last: list[tuple[int, str]] = []
        for key in keys:
            starts = self.key_starts.get(key, [])
            i = bisect.bisect_left(starts, pos)
            if i:
                last.append((starts[i - 1], key))
        return max(last)[1] if last else None

    def by_title_before(self, title: str, pos: int) -> str | None:
        """The one person mentioned before ``pos`` whose roles hold ``title`` (or a title it
        stands for: ``the expert`` -> researcher, analyst…); None when none or several fit."""
        fits = self.with_title(title)
        seen = {key for s, _, key in self.items if s < pos and key in fits}
        return next(iter(seen)) if len(seen) == 1 else None

    def by_title(self, title: str) -> str | None:
        """The one person whose roles hold ``title`` (or a title it stands for)."""
        keys = self.with_title(title)
        return next(iter(keys)) if len(keys) == 1 else None

    def with_title(self, title: str) -> set[str]:
        wanted = {title} | title_groups().get(title, frozenset())
        return {k for k, words in self.titles.items() if wanted & words}

    def by_role(self, noun: str, ranks: set[str]) -> str | None:
        """The one person whose role is ``noun`` (or a title it stands for) at the same rank:
        ``the president`` is not the vice president, ``the deputy minister`` not the
        minister."""
        wanted = {noun} | title_groups().get(noun, frozenset())
        keys = {
            k
            for k, titles in self.roles.items()
            for title in titles
            if wanted & set(title) and set(title) & RANKS == ranks
        }
        return next(iter(keys)) if len(keys) == 1 else None


def _gender_of_word(word: str) -> str | None:
    key = word_key(word)
    if key in _HONORIFIC_GENDER:
        return _HONORIFIC_GENDER[key]
    if key in TITLE_WORDS or key.startswith("spokes"):
        for suffix, gender in _TITLE_GENDER_SUFFIX:
            if key.endswith(suffix):
                return gender
    return None


class Speakers:
    """Resolves the speakers of one article's reporting verbs (see the module docstring)."""

    def __init__(
        self,
        parsed: ParsedArticle,
        persons: list[LocalPerson],
        quoted: list[tuple[int, int]],
        shared: Sequence[Span] = (),
    ) -> None:
        self.doc: Doc = parsed.doc
        self.view = token_view(parsed)
        self.text = parsed.text
        self.mentions = _Mentions(persons, shared)
        ix = parsed.index
        self.sents = sorted(set(zip(ix.sent_start, ix.sent_end, strict=True)))
        self.sent_starts = [s for s, _ in self.sents]
        self.quoted = sorted(quoted)
        self.quoted_starts = [s for s, _ in self.quoted]
        self.genders = self._genders(persons)
        if shared:
            # "Mrs. Ruiz" where a Mr. and a Mrs. Ruiz are named: the owner of that gender
            gender_of = {
                span.start: gender
                for span in shared
                if (gender := self._honorific_before(span.start)) is not None
            }
            if gender_of:
                self.mentions.resolve_shared(shared, gender_of, self.genders)
        self._resolved: dict[int, str | tuple[int, int] | None] = {}
        article = parsed.article
        outlets = (article.source, article.site_name)
        self.outlets = {_letters(name) for name in outlets if name} - {""}
        # one sense per discourse: words the model reads as an organisation more often
        # than as a person in this article
        votes: dict[str, int] = {}
        for ent in entities(self.doc):
            if ent.label_ in {"ORG", "PERSON"}:
                key = _letters(ent.text)
                votes[key] = votes.get(key, 0) + (1 if ent.label_ == "ORG" else -1)
        self.org_words = {k for k, v in votes.items() if v > 0}

    # ------------------------------------------------------------------ gender

    def _genders(self, persons: list[LocalPerson]) -> dict[str, str]:
        votes: dict[str, dict[str, int]] = {p.key: {"m": 0, "f": 0} for p in persons}
        for p in persons:
            for m in p.mentions:
                before = self.text[max(0, m.start - 12) : m.start].split()
                words = (before[-1:] if before else []) + m.text.split()
                for word in words:
                    gender = _gender_of_word(word)
                    if gender is not None:
                        votes[p.key][gender] += 3
            for r in p.roles:
                for word in r.title.lower().split():
                    gender = _gender_of_word(word)
                    if gender is not None:
                        votes[p.key][gender] += 3
            given = [w for w in p.name.split() if word_key(w) not in HONORIFICS]
            gender = given_names_gender([word_key(w) for w in given[:-1]])
            if gender is not None:
                votes[p.key][gender] += 2
        # pronouns in a sentence that names only that person, outside quotation marks
        # (after the name: in "her deputy, X" the pronoun is someone else's)
        for start, end in self.sents:
            named = [
                (s, k) for s, _, k in self.mentions.in_range(start, end) if not self.in_quote(s)
            ]
            if len({k for _, k in named}) != 1:
                continue
            at, key = named[0]
            seen = {
                _POSSESSIVE_GENDER[t.lower_]
                for t in tokens_in(self.doc, at, end)
                if t.lower_ in _POSSESSIVE_GENDER and not self.in_quote(t.idx)
            }
            if len(seen) == 1:
                votes[key][seen.pop()] += 1
        out: dict[str, str] = {}
        for key, v in votes.items():
            if v["m"] != v["f"]:
                out[key] = "m" if v["m"] > v["f"] else "f"
        return out

    # ------------------------------------------------------------------ helpers

    def _honorific_before(self, start: int) -> str | None:
        """The gender of a gendered honorific right before ``start`` (``Mrs.``, ``Mr``)."""
        before = self.text[max(0, start - 12) : start].split()
        return _HONORIFIC_GENDER.get(word_key(before[-1])) if before else None

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def quoted_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations (marks included) that end inside ``(start, end]``."""
        return [(a, b) for a, b in self.quoted if start < b <= end]

    def _sent_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def _own_title(self, start: int, end: int) -> bool:
        """Whether the name ``[start, end)`` is not the title's holder: it carries its own
        title or honorific (``an adviser to President X``) or hangs on a preposition."""
        before = self.text[max(0, start - 40) : start].split()[-1:]
        if before and (before[0].lower() in _LINKS or before[0].endswith(("'s", "’s"))):
            return True  # "a spokeswoman for X", "an adviser to X", "X's aide": not X
        words = before + self.text[start:end].split()[:1]
        return any(word_key(w) in _TITLE_NOUNS or word_key(w) in HONORIFICS for w in words)

    def _is_subject(self, start: int, end: int) -> bool:
        """Whether the mention ``[start, end)`` is (the head of, or set in apposition to) a
        clause's subject."""
        for tok in tokens_in(self.doc, start, end):
            if tok.dep_ in SUBJECTS:
                return True
            if tok.dep_ in {"appos", "compound"} and tok.head.dep_ in SUBJECTS:
                return True
        return False

    # ------------------------------------------------------------------ resolution

    def of_verb(self, verb: Token) -> Speaker:
        """The speaker of reporting verb ``verb``: its subject, or the subject it inherits."""
        subject = subject_of(verb)
        if subject is None:
            return UNKNOWN
        return self.of_subject(subject)

    def of_subject(self, tok: Token) -> Speaker:
        """The speaker a subject token stands for."""
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head
        low = tok.lower_
        if low in _PERSONAL:
            return self.pronoun(tok)
        if low in _GROUP_PRONOUNS:
            return Speaker(None, "description", tok.idx, tok.idx + len(tok.text))
        hit = self.mentions.span_at(tok.idx, tok.idx + len(tok.text))
        if hit is not None:
            return Speaker(hit[2], "person", hit[0], hit[1])
        for child in tok.children:
            if child.dep_ == "appos":
                hit = self.mentions.span_at(child.idx, child.idx + len(child.text))
                if hit is not None:
                    return Speaker(hit[2], "person", hit[0], hit[1])
        start = tok.left_edge.idx
        end = tok.idx + len(tok.text)
        hit = self.mentions.titled(tok.idx, start, tok.right_edge.idx + len(tok.right_edge.text))
        if hit is not None and hit[0] > tok.idx and not self._own_title(hit[0], hit[1]):
            return Speaker(hit[2], "person", hit[0], hit[1])
        named = self._named_last(tok)
        if named is not None:
            return named
        noun = word_key(tok.text)
        if noun in reporting_nouns():
            # "X's statement said": the statement's author speaks
            owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            if owners:
                return self.of_subject(owners[0])
        determined = tok.pos_ != "PROPN" or any(c.dep_ in {"det", "poss"} for c in tok.children)
        if (noun in _TITLE_NOUNS or noun in title_groups()) and noun not in _ORGISH and determined:
            # "the spokeswoman", "the Russian President", "his deputy": a role
            definite = any(
                (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in tok.children
            )
            if definite:
                ranks = {word_key(c.text) for c in tok.children} & RANKS
                key = self.mentions.by_role(noun, ranks)
                if (
                    key is not None
                    and self._serves_whom_named(tok, key)
                    and self._named_by(key, tok.idx)
                ):
                    return Speaker(key, "person", start, end)
            return Speaker(None, "description", start, end)
        if tok.pos_ == "PROPN":
            key = self.mentions.by_surname(tok.text, tok.idx)
            if key is not None:
                return Speaker(key, "person", tok.idx, end)
        if tok.pos_ == "PRON":
            return Speaker(None, "description", start, end)
        if tok.pos_ == "PROPN" or tok.ent_type_:
            kind: SpeakerKind = "organisation"
            if tok.ent_type_ == "PERSON":
                kind = "organisation" if self._outlet(tok) else "person"
            elif tok.ent_type_ not in {"ORG", "NORP", "GPE", ""}:
                kind = "description"
            return Speaker(None, kind, start, end)
        if noun in _ORGISH:
            return Speaker(None, "organisation", start, end)
        return Speaker(None, "description", start, end)

    def _named_by(self, key: str, pos: int) -> bool:
        """Whether person ``key`` is named before ``pos`` or in its sentence: a definite role
        (``the senator said``) refers back to someone the reader has met, or to a name set
        beside it (``the envoy then, X``); a holder first named later in the
        article (``Later, Sen. X …``) is someone else."""
        starts = self.mentions.key_starts.get(key, [])
        if starts and starts[0] < pos:
            return True
        sent_start, sent_end = self.sents[self._sent_index(pos)]
        return any(sent_start <= s < sent_end for s in starts)

    @cached_property
    def companies(self) -> set[str]:
        """The names this article writes before a company designator (``Kessler Corp.``),
        as :func:`tui.extract.people.cues.designated_companies` reads them."""
        return designated_companies(self.view)

    def _outlet(self, tok: Token) -> bool:
        """Whether a proper-noun subject the model calls a person, and no person of the
        article, is a publication or another organisation: ``The Federalist`` (a name with
        ``the`` is no person's), a name ending in a publication's noun (``the Tarnby
        Sentinel``, ``publication_nouns.txt``), the article's own outlet, a word the model
        reads as an organisation elsewhere in the article more often than as a person, a name
        the article writes before a company designator (``Kessler said`` beside ``Kessler
        Corp.``), or one word doing what outlets do and people seldom (``Politico reported``:
        a publishing verb, ``publishing_verbs.txt``)."""
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the" and tok.doc[tok.i - 1].head.i == tok.i:
            return True  # "the Federalist"; not "the younger Ruiz"
        words = [fold(t.text) for t in tok.doc[tok.left_edge.i : tok.i + 1] if t.text[:1].isupper()]
        if words and (
            "\0" + " ".join(words) in self.companies
            or (len(words) == 1 and words[0] in self.companies)
        ):
            return True  # "Kessler said" where the article writes "Kessler Corp.": the company
        if word_key(tok.text) in lexicon("publication_nouns"):
            return True  # "the Tarnby Sentinel", "The Evening Courier"
        phrase = _letters(self.text[tok.left_edge.idx : tok.idx + len(tok.text)])
        if phrase in self.outlets:
            return True
        if phrase in self.org_words:
            return True
        alone = tok.left_edge.i == tok.i and tok.right_edge.i == tok.i
        return alone and tok.dep_ in SUBJECTS and tok.head.lower_ in publishing_verbs()

    def _named_last(self, tok: Token) -> Speaker | None:
        """``GOP contender and former neurosurgeon Ana Ruiz said``: the subject phrase ends
        with a person's name set after its description (no verb, comma or preposition
        between them), so that person speaks; ``an aide to Ana Ruiz``, ``a woman who met Ana
        Ruiz`` and ``Ruiz's spokesman`` are someone else."""
        last = tok.right_edge
        if last.i <= tok.i:
            return None
        hit = self.mentions.span_at(last.idx, last.idx + len(last.text))
        if hit is None or hit[1] != last.idx + len(last.text) or hit[0] <= tok.idx:
            return None
        between = [t for t in tok.doc[tok.i + 1 : last.i + 1] if t.idx < hit[0]]
        if any(t.pos_ in {"VERB", "AUX", "ADP"} or t.is_punct for t in between):
            return None
        return Speaker(hit[2], "person", hit[0], hit[1])

    def pronoun(self, tok: Token) -> Speaker:
        """``he``/``she``: the most recent person of matching gender mentioned outside
        quotation marks, subject position first (see the module docstring); a person the
        text brings in by a description alone (``One voter … She asked``) is that
        description."""
        found = self._antecedent(tok)
        if isinstance(found, tuple):
            return Speaker(None, "description", *found)
        return Speaker(found, "person", tok.idx, tok.idx + len(tok.text))

    def _serves_whom_named(self, tok: Token, key: str) -> bool:
        """Whether ``key`` may be the relation noun ``tok`` when its complement names whom
        the holder serves ("the top aide to President X"): only when one of ``key``'s own
        role phrases names that person too ("Y, an aide to X,"). Another aide in the
        article serves someone else. Any other description fits as it is."""
        words = [word_key(c.text) for c in tok.lefts if c.dep_ == "compound"]
        words.append(word_key(tok.text))
        if not any(tuple(words[-len(n) :]) == n for n in RELATION_NOUNS):
            return True
        served: set[str] = set()
        for prep in tok.rights:
            if prep.dep_ == "prep" and prep.lower_ in {"to", "for", "of"}:
                edge = prep.right_edge
                served |= self.mentions.keys_in(prep.idx, edge.idx + len(edge.text))
        if not served:
            return True
        return any(
            k == key and self.mentions.keys_in(s, e) & served
            for s, e, k in self.mentions.role_spans
        )

    def _descriptions(self, start: int, end: int, gender: str | None) -> list[Antecedent]:
        """Subjects in ``[start, end)`` outside quotation marks that bring in a person by an
        indefinite description (``a voter``, ``one woman``, ``another supporter``) of a
        gender that fits, named by no one (``a spokeswoman, Ana Ruiz,`` is Ruiz)."""
        out: list[Antecedent] = []
        nouns = person_nouns()
        for t in tokens_in(self.doc, start, end):
            if (
                t.dep_ not in SUBJECTS
                or t.pos_ != "NOUN"
                or t.tag_ != "NN"
                or self.in_quote(t.idx)
                or not any(c.lower_ in _INDEFINITE and c.i < t.i for c in t.children)
            ):
                continue
            verb = t.head
            main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
            if not main or any(
                c.dep_ in {"dobj", "dative"} and self.mentions.at(c.idx, c.idx + len(c.text))
                for c in verb.children
            ):
                # "the debt an average student has", "for a reporter to ask": no one in
                # particular; "A reporter asked Ruiz …": the answer is the named person's
                continue
            noun = word_key(t.text)
            if noun not in nouns:
                continue
            fits = nouns[noun] or _gender_of_word(t.text)
            if fits is not None and gender is not None and fits != gender:
                continue
            left, right = t.left_edge, t.right_edge
            span_end = right.idx + len(right.text)
            if any(c.dep_ == "appos" for c in t.children) and self.mentions.in_range(
                t.idx, span_end
            ):
                continue
            out.append((left.idx, t.idx + len(t.text), (left.idx, t.idx + len(t.text))))
        return out

    def _antecedent(self, tok: Token) -> str | tuple[int, int] | None:
        """The person key ``tok`` (``he``/``she``) refers to, the span of the description
        that brought its person in, or None. A sentence before it whose subject is the same
        pronoun and names no person as a subject continues the same person (``He met Ana
        Ruiz. "…," he said``: not Ruiz): that pronoun's antecedent is taken (resolved once
        per token, kept on this article's instance)."""
        if tok.i in self._resolved:
            return self._resolved[tok.i]
        self._resolved[tok.i] = None  # a cycle cannot happen (always backwards); be safe
        gender = _PERSONAL.get(tok.lower_)
        here = self._sent_index(tok.idx)
        key: str | tuple[int, int] | None = None
        for back in range(LOOK_BACK + 1):
            i = here - back
            if i < 0:
                break
            start, end = self.sents[i]
            if back == 0:
                end = tok.idx
            found: list[Antecedent] = [
                (s, e, k)
                for s, e, k in self.mentions.in_range(start, end)
                if not self.in_quote(s) and self.genders.get(k, gender) == gender
            ]
            subjects: list[Antecedent] = [m for m in found if self._is_subject(m[0], m[1])]
            # in the pronoun's own sentence a description is the reported words' subject
            # ("A new manager, he said, could …")
            described = self._descriptions(start, end, gender) if back > 0 else []
            if described:
                subjects = sorted(subjects + described, key=lambda m: m[0])
                found = sorted(found + described, key=lambda m: m[0])
            if back > 0 and not subjects:
                same = self._pronoun_subject(start, end, tok.lower_)
                if same is not None:
                    key = self._antecedent(same)
                    break
            if not found:
                continue
            if back > 0 and not subjects:
                # "The former envoy also praised Ruiz's plan. He said …": the
                # sentence's subject is a definite description, the names are objects
                definite = self._definite_subject(start, end, gender)
                if definite is not None:
                    key = definite
                    break
            if back == 0:
                # in its own sentence a speaker pronoun refers back to a subject only
                # ("After Ana Ruiz met them, she said"), not to a name in an object
                if not subjects:
                    continue
                key = subjects[-1][2]
                break
            key = (self._contrasted(subjects) or subjects or found)[0][2]
            break
        self._resolved[tok.i] = key
        return key

    def _definite_subject(
        self, start: int, end: int, gender: str | None
    ) -> str | tuple[int, int] | None:
        """The person a definite role stands for (``the former envoy``, ``the state
        senator``) when it is the subject of a main clause in ``[start, end)`` outside
        quotation marks, of a gender that fits: its holder when the article names exactly one
        (see :meth:`of_subject`), else the description's span. A general noun (``the
        woman``) is left alone: the sentence may give her name (``The woman … named X``)."""
        nouns = person_nouns()
        for t in tokens_in(self.doc, start, end):
            if (
                t.dep_ not in SUBJECTS
                or t.pos_ != "NOUN"
                or t.tag_ != "NN"
                or self.in_quote(t.idx)
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
            ):
                continue
            verb = t.head
            if not (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")):
                continue
            noun = word_key(t.text)
            if (noun not in _TITLE_NOUNS and noun not in title_groups()) or noun in _ORGISH:
                continue  # a role, not "the woman": she may be the name the sentence gives
            fits = nouns.get(noun) or _gender_of_word(t.text)
            if fits is not None and gender is not None and fits != gender:
                continue
            found = self.of_subject(t)
            if found.key is not None:
                return found.key if self.genders.get(found.key, gender) == gender else None
            if found.start is not None and found.end is not None:
                return (found.start, found.end)
        return None

    def _contrasted(self, subjects: list[Antecedent]) -> list[Antecedent]:
        """The subject of a clause set against the one before it by ``but`` (``Ruiz put
        Costa on the defensive, but Costa hit back. He said …``): news goes on with the
        person of the later clause. Empty when no such subject is a person."""
        out: list[Antecedent] = []
        for m in subjects[1:]:
            if isinstance(m[2], tuple):
                continue
            for tok in tokens_in(self.doc, m[0], m[1]):
                head = tok if tok.dep_ in SUBJECTS else tok.head
                verb = head.head
                if (
                    head.dep_ in SUBJECTS
                    and verb.dep_ == "conj"
                    and any(c.lower_ == "but" for c in verb.head.children if c.dep_ == "cc")
                    and m[2] != subjects[0][2]
                ):
                    out.append(m)
                    break
        return out[-1:]

    def _pronoun_subject(self, start: int, end: int, word: str) -> Token | None:
        """The first ``word`` (``he``/``she``) outside quotation marks that is a clause's
        subject in ``[start, end)``."""
        for t in tokens_in(self.doc, start, end):
            if t.lower_ == word and t.dep_ in SUBJECTS and not self.in_quote(t.idx):
                return t
        return None


def _letters(text: str) -> str:
    """``text`` lower-cased, letters and digits only (``USA Today`` -> ``usatoday``)."""
    return "".join(c for c in text.lower() if c.isalnum())


_POSSESSIVE_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f", "hers": "f"}


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of ``verb``, or the one a subjectless participle, infinitive or coordinated
    verb takes from the verb it hangs on."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if subjects:
        # two subjects are a misparse ("X — … — has been "…," said a source"): the nearer
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if depth < 3 and verb.dep_ in _INHERITS and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1)
    return None
