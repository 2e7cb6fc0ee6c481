"""Reported numbers in one article: counts, percentages, money, ordinals, durations.

:mod:`.scan` finds each number and the words around it (qualifier, currency, scale, percent
sign, range partner, counted noun) with the help of :mod:`.patterns` and the word lists in
:mod:`.lexicon` and :mod:`.numbers`; :mod:`.syntax` then reads from the dependency parse what
is measured and whether the figure is a change or a level (lemmas from :mod:`.lemmas`).

Span convention: a figure's span covers the qualifier, the currency, the number, its scale and
percent sign or currency name, and — for counts and measures — the counted noun phrase when it
directly follows ("more than 400 delegates", "US$82.5 million", "nearly 30 percent").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from tui.docindex import entities
from tui.extract.figures import lexicon as L
from tui.extract.figures.lemmas import noun_lemma
from tui.extract.figures.numbers import plain
from tui.extract.figures.scan import candidates
from tui.extract.figures.syntax import analyse, anchor, direction
from tui.nlp import ParsedArticle
from tui.records.models import Figure, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_figures"]


def _number(value: Decimal | None) -> int | float | None:
    return None if value is None else plain(value)


#: A rate's denominator right after the figure: "45 cents a share", "$12 per barrel". After
#: "per" any word is one ("per speech", "per game", "per capita"); after "a"/"an"/"each" only
#: the words of :data:`lexicon.RATE_DENOMINATORS` ("$500 a head", "20 points a game").
_PER = re.compile(
    r"\s*(?:(?:a|an|each)\s+("
    + "|".join(sorted(L.RATE_DENOMINATORS, key=len, reverse=True))
    + r")s?\b(?!\s+(?:earlier|ago|before|later|after|back|previously))"
    r"|per\s+(?!(?:cent|centum|se|the|a|an|his|her|its|their|our|my|your|this|that)\b)"
    r"((?:square\s+|cubic\s+)?[a-z]+)\b)",
    re.IGNORECASE,
)


def _denominator(match: re.Match[str]) -> str:
    """The denominator, singular ("per square foot"): "per capita" and "a head" are per
    person."""
    word = " ".join((match.group(1) or match.group(2)).lower().split())
    if match.group(2):
        *first, last = word.split()
        word = " ".join([*first, noun_lemma(last)])
    return L.RATE_SYNONYMS.get(word, word)


#: What sits between a figure and the earlier value it is set against: "profit of $80
#: million, up from $60 million", "sales fell to $41.2m from $43.8m", "compared with $270m".
_BASELINE = re.compile(
    r"[^.;!?]{0,12}\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?)\s*$", re.IGNORECASE
)
#: What sits between a figure and its restatement: "$212 million, or 45 cents a share".
_RESTATED = re.compile(r"\s*,?\s*\(?\s*or\s*$", re.IGNORECASE)


#: "17 of them were signed": a part of what the sentence counted just before.
_PARTITIVE = re.compile(r"\s+of\s+(?:them|these|those)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def _antecedent_unit(figures: list[Figure], text: str, start: int) -> str | None:
    """The counted noun of "17 of them": that of the count before it in the same sentence
    ("more than 350 agreements — 17 of them were concluded in November" counts agreements);
    None when the sentence has none."""
    for prev in reversed(figures):
        if _SENTENCE_END.search(text, prev.end, start):
            return None
        if prev.kind == "count" and prev.unit:
            return prev.unit
    return None


def _full_names(doc: Doc) -> dict[str, set[str]]:
    """Surname -> the full names (PERSON entities of two or more words) ending in it, as
    written: {"Ruiz": {"Ana Ruiz"}}; a surname two people share maps to both."""
    out: dict[str, set[str]] = {}
    for ent in entities(doc):
        if ent.label_ != "PERSON":
            continue
        name = ent.text.removesuffix("'s").removesuffix("’s").strip()
        words = name.split()
        if len(words) >= 2 and words[0].lower().rstrip(".") not in L.TITLES:
            out.setdefault(words[-1], set()).add(name)
    return out


def _named_in_full(subject: str | None, full_names: dict[str, set[str]]) -> str | None:
    """``subject`` with each bare surname ("Trump", "Mr. Trump") given the full name the
    article gives the only person of that name ("Donald Trump"): two people who share a
    surname ("Ivanka Trump", "Donald Trump") are not one owner. A surname the article gives
    to several people, or to none, is left as written."""
    if not subject:
        return subject
    runs = []
    for run in subject.split("; "):
        words = run.split()
        bare = [w for w in words if w.lower().rstrip(".") not in L.TITLES]
        names = full_names.get(bare[0], set()) if len(bare) == 1 else set()
        runs.append(next(iter(names)) if len(names) == 1 else run)
    return "; ".join(dict.fromkeys(runs))


def _durations(timexes: Sequence[TimeExpr]) -> list[tuple[int, int]]:
    """Where a duration is part of a time expression: a duration itself ("for 21 years"),
    or inside a date ("the first eight months of 2024", "three years ago")."""
    return sorted((t.start, t.end) for t in timexes)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, i - 2) : i])


def extract_figures(parsed: ParsedArticle, timexes: Sequence[TimeExpr] = ()) -> list[Figure]:
    """Every reported number in ``parsed.article`` as a :class:`Figure`, in text order.

    ``timexes`` are the article's time expressions (the timeline's): a duration they already
    hold ("for 21 years", "a nine-year high", "the first eight months of 2024") is not listed
    again as a figure.
    """
    article, text, doc = parsed.article, parsed.text, parsed.doc
    if not text.strip():
        return []
    durations = _durations(timexes)
    found = [
        c
        for c in candidates(text, doc)
        if c.kind != "duration" or not _overlaps(durations, c.core_start, c.end)
    ]
    figures: list[Figure] = []
    full_names = _full_names(doc)
    for n, cand in enumerate(found, start=1):
        left = text[max(0, cand.start - 12) : cand.start]
        measure, change = analyse(doc, cand.core_start, cand.end, left)
        subject, predicate = anchor(doc, cand.core_start, cand.end)
        if cand.kind == "ordinal":
            measure, change, subject, predicate = None, None, None, None
        subject = _named_in_full(subject, full_names)
        unit = cand.unit
        if unit is None and cand.kind == "count" and _PARTITIVE.match(text, cand.end):
            unit = _antecedent_unit(figures, text, cand.start)
        per_match = _PER.match(text, cand.end)
        per = _denominator(per_match) if per_match else None
        restates: str | None = None
        if figures and _RESTATED.fullmatch(text, figures[-1].end, cand.start):
            # "a loss of $212 million, or 45 cents a share": the same measure and owner,
            # restated (per share, in another currency, as a share of a total)
            prev = figures[-1]
            restates = prev.id
            measure = measure or prev.measure
            subject = subject or prev.subject
            change = prev.change if change is None else change
        elif (
            figures
            and measure is None
            and figures[-1].kind == cand.kind
            and _BASELINE.fullmatch(text, figures[-1].end, cand.start)
        ):
            # "a profit of $80 million, up from $60 million a year earlier": the same measure
            # and owner at an earlier time
            measure = figures[-1].measure
            subject = subject or figures[-1].subject
        figures.append(
            Figure(
                id=f"fig-{article.id}-{n}",
                article_id=article.id,
                start=cand.start,
                end=cand.end,
                text=article.text[cand.start : cand.end],
                value=_number(cand.value),
                kind=cand.kind,
                unit=unit,
                currency=cand.currency,
                qualifier=cand.qualifier,
                measure=measure,
                change=change,
                low=_number(cand.low),
                high=_number(cand.high),
                subject=subject,
                predicate=predicate,
                per=per,
                restates=restates,
                direction=direction(doc, cand.core_start, cand.end, left) if change else None,
            )
        )
    return figures
