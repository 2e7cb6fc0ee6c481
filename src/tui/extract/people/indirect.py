"""Indirect speech: the clause a reporting verb governs, and ``according to X, …``.

News English reports speech in a handful of shapes, all read from the dependency parse:

- the complement clause after the verb: ``X said (that) …``, ``X told Reuters …``,
  ``X warned on Monday that …``, also through a participle or a coordinated verb that takes
  the subject of the verb it hangs on (``…, saying …``, ``X said … and added that …``);
- the clause before it: ``<clause>, X said`` / ``<clause>, said X``;
- the verb set inside the clause it reports: ``The plan, she said, is dead`` (the statement
  is the whole clause);
- a that-clause the parser hangs on a noun of the verb's phrase: ``X said in a statement
  that …``;
- ``according to X``, before or after the clause it attributes.

Attributions nest (``X said Y told him that …``): each is its own statement, one whole
attribution inside the other's reported words; statements never cut one another.

The reporting verbs are the lexicon ``data/people/reporting_verbs.txt``. The speaker is read
by :class:`~tui.extract.people.speakers.Speakers`, of any kind (a person, an organisation, a
description); a verb without a subject is left alone (``it was said that``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tui.extract.people.lexicon import reporting_verbs
from tui.extract.people.speakers import SUBJECTS, Speaker, Speakers, subject_of
from tui.extract.people.tokens import token_view
from tui.records.extraction import LocalQuote
from tui.records.models import Article, QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tui.nlp import ParsedArticle

MIN_WORDS = 3
"""A reported clause shorter than this is not a statement (``he said so``)."""
QUOTE_MARKS = frozenset('"“”«»„`')
_FINAL = ".!?"
_EDGE = " ,;:.!?" + "".join(QUOTE_MARKS)


def make_quote(article: Article, s: int, e: int, kind: QuoteKind, speaker: Speaker) -> LocalQuote:
    """A statement ``article.text[s:e]`` by ``speaker``."""
    span = (
        article.span(speaker.start, speaker.end)
        if speaker.start is not None and speaker.end is not None
        else None
    )
    return LocalQuote(
        article_id=article.id,
        start=s,
        end=e,
        text=article.text[s:e],
        person_key=speaker.key,
        kind=kind,
        speaker=span,
        speaker_kind=speaker.kind,
    )


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without edge spaces and trailing commas or semicolons."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


class _Ranges:
    """Ranges that do not overlap one another, sorted, for overlap look-ups by bisection."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self.items = sorted(ranges)
        self.starts = [a for a, _ in self.items]

    def overlapping(self, s: int, e: int) -> list[tuple[int, int]]:
        lo = max(0, bisect.bisect_right(self.starts, s) - 1)
        hi = bisect.bisect_left(self.starts, e)
        return [r for r in self.items[lo:hi] if r[1] > s and r[0] < e]

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_left(self.starts, s)
        self.items.insert(i, (s, e))
        self.starts.insert(i, s)


def _clause_span(text: str, lo: Token, hi: Token) -> tuple[int, int]:
    s, e = trim(text, lo.idx, hi.idx + len(hi.text))
    while e > s and (text[e - 1] in _FINAL or text[e - 1].isspace()):
        e -= 1
    while s < e and text[s] in ",;:—–-":
        s += 1
    return trim(text, s, e)


def _inverted(doc: Doc, comp: Token, verb: Token) -> bool:
    """``<clause>, said X`` / ``<clause>, X told reporters`` / ``"…," X said``: the reported
    clause comes first, and only punctuation and the speaker stand between it and the verb."""
    end = comp.right_edge.i
    if comp.i > verb.i or end >= verb.i:
        return False
    between = [t for t in doc[end + 1 : verb.i] if not (t.is_punct or t.is_space)]
    if not any(t.text == "," for t in doc[end : verb.i]):
        return False
    subject = subject_of(verb)
    if subject is None or subject.head.i != verb.i:
        return False
    if not between:
        return subject.i > verb.i
    return subject.i < verb.i and between[0].i == subject.left_edge.i


def _that_clause_after_phrase(verb: Token) -> list[Token]:
    """``X said in a statement that …``: the parser hangs the that-clause on the noun of the
    prepositional phrase; it is still what X said."""
    out: list[Token] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for clause in pobj.children:
                if clause.dep_ in {"acl", "relcl", "ccomp"} and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
                ):
                    out.append(clause)
    return out


def _parenthetical(doc: Doc, verb: Token) -> tuple[Token, Token] | None:
    """``The plan, she said, is dead`` / ``The plan is dead, she said``: the parser makes the
    reporting verb hang on the clause it reports (parataxis); the clause is the statement."""
    if verb.dep_ != "parataxis" or verb.head.pos_ not in {"VERB", "AUX"}:
        return None
    if not any(c.dep_ in SUBJECTS for c in verb.children) or any(
        c.dep_ in {"ccomp", "dobj"} for c in verb.children
    ):
        return None
    head = verb.head
    lo, hi = head.left_edge, head.right_edge
    if verb.left_edge.i > head.i:
        # the verb closes the clause: the statement ends before its comma
        hi = doc[verb.left_edge.i - 1]
    elif verb.right_edge.i < head.i and verb.left_edge.i > lo.i:
        pass  # set inside the clause: the whole clause
    else:
        return None
    return lo, hi


def _according(
    parsed: ParsedArticle, speakers: Speakers, tok: Token
) -> tuple[int, int, Speaker, int, int] | None:
    """``According to X, …`` / ``…, according to X``: (start, end, speaker, cue start, cue end)."""
    doc, text = parsed.doc, parsed.text
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    source = objs[0] if objs else (doc[tok.i + 2] if tok.i + 2 < len(doc) else None)
    if source is None:
        return None
    who = speakers.of_subject(source)
    sent = tok.sent
    before = [t for t in doc[sent.start : tok.i] if not (t.is_punct or t.is_space)]
    if not before or all(t.dep_ in {"cc", "advmod"} for t in before):
        phrase_end = max(source.right_edge.i, to.i)
        if phrase_end + 1 >= sent.end:
            return None
        s, e = _clause_span(text, doc[phrase_end + 1], doc[sent.end - 1])
    else:
        s, e = _clause_span(text, doc[sent.start], doc[tok.i - 1])
    return s, e, who, tok.idx, to.idx + len(to.text)


def indirect_speech(
    parsed: ParsedArticle,
    speakers: Speakers,
    marks: list[tuple[int, int]],
    direct: list[LocalQuote],
    taken: list[tuple[int, int]],
) -> tuple[list[LocalQuote], set[int]]:
    """The indirect and mixed statements of one article, and which ``direct`` quotes (by
    index) a mixed statement took in.

    ``marks`` are the quotations (marks included) found in the text, ``direct`` the direct
    quotes made of them, ``taken`` other ranges no statement may overlap. A reported clause
    holding quotations whole (``X said the plan was "a disaster"``) is one ``mixed``
    statement with the quotations in :attr:`LocalQuote.quoted`; a clause that is nothing but
    a quotation (``X said that "…"``) stays the direct quote."""
    article, doc, text = parsed.article, parsed.doc, parsed.text
    verbs = reporting_verbs()
    out: list[LocalQuote] = []
    absorbed: set[int] = set()
    quotations = _Ranges(marks)
    directs = _Ranges((q.start, q.end) for q in direct)
    direct_index = {(q.start, q.end): i for i, q in enumerate(direct)}
    blocked = _Ranges(taken)
    made: list[tuple[int, int, int, int]] = []  # (start, end, attribution start, end)

    def nesting(s: int, e: int, attribution: tuple[int, int], own: bool) -> str | None:
        """How ``[s, e)`` with its speaker and cue (``attribution``) stands to the statements
        made so far: ``apart`` from each, ``inside`` or ``around`` (a whole attribution inside
        another's reported words: ``X said Y told him that …``, ``According to X, Y said
        …``, ``Y told him …, X said``), or None when it cuts one. A nested one needs a
        source of its own (``own``): a participle inside reported words takes a subject the
        parse may have misread."""
        whole = (min(s, attribution[0]), max(e, attribution[1]))
        how = "apart"
        for ms, me, m0, m1 in made:
            if me <= s or e <= ms:
                continue
            if (ms, me) == (s, e):
                return None
            if own and ms <= whole[0] and whole[1] <= me:
                how = "inside"  # this one inside the made one's reported words
            elif s <= min(ms, m0) and max(me, m1) <= e:
                how = "around"  # the made one inside this one's reported words
            else:
                return None
        return how

    def shape(
        s: int, e: int, attribution: tuple[int, int], own: bool
    ) -> tuple[int, int, QuoteKind, list[tuple[int, int]], set[int]] | None:
        """Whether ``[s, e)`` can be a statement: its kind, its quotations, the direct quotes
        it takes in; None when it is too short, overlaps another statement (other than by
        nesting, see ``nesting``) or cuts a quotation."""
        if len(text[s:e].split()) < MIN_WORDS:
            return None
        # a closing mark the parser left outside the clause ("…about it,” said X)
        for a, b in quotations.overlapping(s - 2, e + 2):
            if s <= a < e < b and not text[e:b].strip(_EDGE):
                e = b
            elif a < s < b <= e and not text[a:s].strip(_EDGE):
                s = a
        how = nesting(s, e, attribution, own)
        if blocked.overlapping(s, e) or how is None:
            return None
        inside = quotations.overlapping(s, e)
        if any(a < s or b > e for a, b in inside):
            return None
        within = directs.overlapping(s, e)
        if any(a < s or b > e for a, b in within):
            return None
        hits = {direct_index[r] for r in within}
        if hits and how == "around":
            # a direct quote stays with the attribution made first around it
            return None
        if not inside:
            if any(c in QUOTE_MARKS for c in text[s:e]):
                return None
            return s, e, "indirect", [], hits
        rest = text[s:e]
        for a, b in reversed(inside):
            rest = rest[: a - s] + " " + rest[b - s :]
        if len(rest.split()) < 2:
            return None
        return s, e, "mixed", inside, hits

    def add(s: int, e: int, who: Speaker, cue: str, cs: int, ce: int, own: bool = True) -> None:
        lo, hi = cs, ce
        if who.start is not None and who.end is not None:
            lo, hi = min(lo, who.start), max(hi, who.end)
        found = shape(s, e, (lo, hi), own)
        if found is None:
            return
        s, e, kind, inside, hits = found
        quote = make_quote(article, s, e, kind, who)
        quote.cue = cue
        quote.cue_span = article.span(cs, ce)
        quote.quoted = [article.span(a, b) for a, b in inside]
        absorbed.update(hits)
        made.append((s, e, lo, hi))
        out.append(quote)

    view = token_view(parsed)
    lower, pos = view.lower, view.pos
    for i, word in enumerate(lower):
        if word == "according" and i + 1 < len(lower) and lower[i + 1] == "to":
            found = _according(parsed, speakers, doc[i])
            if found is None:
                continue
            s, e, who, cs, ce = found
            if who.kind != "unknown":
                add(s, e, who, "according to", cs, ce)
            continue
        if word not in verbs or pos[i] != "VERB":
            continue
        tok = doc[i]
        spans: list[tuple[Token, Token]] = [
            (c.left_edge, c.right_edge) for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i
        ]
        if not spans:
            spans = [
                (c.left_edge, c.right_edge)
                for c in tok.children
                if c.dep_ == "ccomp" and _inverted(doc, c, tok)
            ]
        if not spans:
            spans = [(c.left_edge, c.right_edge) for c in _that_clause_after_phrase(tok)]
        if not spans:
            around = _parenthetical(doc, tok)
            spans = [around] if around is not None else []
        if not spans:
            continue
        who = speakers.of_verb(tok)
        if who.kind == "unknown":
            continue
        s, e = _clause_span(text, *spans[0])
        subject = subject_of(tok)
        own = subject is not None and subject.head.i == tok.i
        add(s, e, who, tok.text, tok.idx, tok.idx + len(tok.text), own)
    return out, absorbed
