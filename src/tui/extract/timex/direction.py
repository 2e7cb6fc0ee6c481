"""Tense: whether the clause a time expression sits in looks back or forward.

Read from the spaCy dependency parse (auxiliaries, modals, verbs like "plans to" or "is due"),
plus the signal word before the expression ("since" points back; "until" and "by" name a
deadline). Normalizers use it to choose the year of a bare month or the date of a weekday.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tui.extract.timex.base import Cand, Context, word_before
from tui.extract.timex.calendar import Direction
from tui.extract.timex.lexicon import (
    DEFERRING_STEMS,
    FORWARD_MODALS,
    FUTURE_AUX,
    FUTURE_GOVERNORS,
    PAST_AUX,
    PLAN_VERBS_PAST,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def direction_at(ctx: Context, start: int, end: int) -> tuple[Direction, str]:
    """Past or future reading of the clause a time expression sits in (from the parse)."""
    signal = word_before(ctx.text, start)
    if signal == "since":
        return "past", "'since' points back"
    found = _direction_from_parse(ctx, start, end)
    if found[0] == "past":
        # "postponed until Tuesday", "extended its deadline until 9 a.m. Tuesday": a deferral
        # names a deadline after the deciding, so the day ahead of it
        verb = _deferring_verb(ctx, start)
        if verb is not None:
            return "future", f"deadline ('{verb} ... until') ahead of a deferral"
    if signal in ("until", "till", "by") and found[0] == "past" and "past tense" not in found[1]:
        return None, f"deadline ('{signal}') after {found[1]}"
    return found


_UNTIL = re.compile(
    r"\b(?:until|till)\s+(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)\s*(?:[A-Z]{2,4}\b)?,?\s*)?$",
    re.IGNORECASE,
)
"""An "until" right before a day, perhaps across its clock time ("until 9 a.m. EST Tuesday")."""


def _deferring_verb(ctx: Context, start: int) -> str | None:
    """The deferring verb ("postponed") that the "until" right before ``start`` hangs on."""
    lo = max(0, start - 40)
    signal = _UNTIL.search(ctx.text[lo:start])
    tok = ctx.token_at(lo + signal.start()) if signal is not None else None
    if tok is None:
        return None
    head = tok.head
    for _ in range(3):  # "extended its deadline until": until → deadline → extended
        if head.pos_ in ("VERB", "NOUN") and head.lower_.startswith(DEFERRING_STEMS):
            return head.text
        if head.head.i == head.i:
            break
        head = head.head
    return None


def direction_of(ctx: Context, cand: Cand) -> tuple[Direction, str]:
    """:func:`direction_at` for a candidate's span."""
    return direction_at(ctx, cand.start, cand.end)


def _direction_from_parse(ctx: Context, start: int, end: int) -> tuple[Direction, str]:
    toks = ctx.tokens(start, end)
    if not toks:
        return None, "no parse"
    inside = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
    tok: Token = root
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in inside:
            found = _verb_direction(tok)
            if found[0] is not None or tok.dep_ in ("ROOT", "ccomp", "advcl", "conj", "relcl"):
                return found
        if tok.head.i == tok.i:
            break
        tok = tok.head
    sent_root = root.sent.root
    if sent_root.pos_ in ("VERB", "AUX"):
        return _verb_direction(sent_root)
    for t in root.sent:
        if t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "MD"):
            return _verb_direction(t)
    return None, "tense unknown"


def _verb_direction(verb: Token) -> tuple[Direction, str]:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    shares_aux = verb.dep_ == "conj" and verb.tag_ in ("VB", "VBN", "VBG")
    if not auxes and shares_aux and verb.head.pos_ in ("VERB", "AUX"):
        # "will stay high and fall": a bare conjunct shares its first verb's auxiliary.
        return _verb_direction(verb.head)
    if (
        not auxes
        and verb.tag_ == "VBG"
        and verb.dep_ in ("advcl", "conj")
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.head.i < verb.i
    ):
        # "the stock fluctuated, rising to a high in June from $29 in March": a participle
        # has no tense of its own; its clause is told in its governing verb's
        direction, why = _verb_direction(verb.head)
        return direction, f"{why}, through '{verb.text}'"
    low = [a.lower_ for a in auxes]
    shown = f"'{verb.text}'"
    for a in auxes:
        if a.lower_ in FUTURE_AUX:
            return "future", f"future tense ('{a.text} {verb.text}')"
    if verb.dep_ == "xcomp" and verb.head.lower_ in FUTURE_GOVERNORS:
        governor = verb.head
        holders = [governor, governor.head] if governor.dep_ == "acomp" else [governor]
        if any(c.dep_ == "aux" and c.lower_ == "had" for h in holders for c in h.children):
            # "the offer had been due to expire Friday": a plan told in the pluperfect was
            # overtaken by what the story reports since, so its day is behind
            return "past", f"a plan in the pluperfect ('had ... {verb.head.text} to {verb.text}')"
        return "future", f"future ('{verb.head.text} to {verb.text}')"
    if verb.dep_ == "xcomp" and verb.head.lower_ in ("is", "are", "am") and verb.tag_ == "VB":
        # "is to resume trading Tuesday": the present of "be to" is an arrangement ahead
        return "future", f"arranged ('{verb.head.text} to {verb.text}')"
    for child in verb.children:
        # "agreed in June to buy it": the date hangs on the past governor, not on "buy"
        if child.dep_ == "xcomp" and verb.lower_ in FUTURE_GOVERNORS and verb.tag_ != "VBD":
            return "future", f"future ('{verb.text} to {child.text}')"
    planned_thing = not any(c.dep_ == "xcomp" for c in verb.children)  # not "planned to buy"
    if verb.tag_ == "VBD" and not auxes and verb.lower_ in PLAN_VERBS_PAST and planned_thing:
        # "fans planned a march on Saturday", "the judge set Friday as the deadline": a plan
        # made in the past names a day that may be behind or still ahead: the nearest
        return None, f"a plan made in the past ({shown}): the nearest"
    reduced_relative = verb.dep_ == "acl" and verb.tag_ == "VBN" and not auxes
    if (
        reduced_relative
        and verb.lower_ in ("set", "scheduled", "slated")
        and not any(c.dep_ == "prep" and c.lower_ in ("for", "to", "until") for c in verb.children)
    ):
        # "its record high set on Aug. 6": the participle tells when the thing was set (a
        # past event), not a plan ("the vote set for Friday" still looks ahead)
        return "past", f"past participle ({shown})"
    if verb.lower_ in ("due", "set", "scheduled", "slated"):
        return "future", f"future ({shown})"
    for a in auxes:
        if a.lower_ in FORWARD_MODALS:
            return "future", f"modal looks forward ('{a.text} {verb.text}')"
    if verb.tag_ == "VBD":
        return "past", f"past tense ({shown})"
    if verb.tag_ == "VBN":
        if any(x in ("is", "are", "am", "'s", "'re", "be") for x in low):
            return None, f"present passive ({shown})"
        if any(x in ("has", "have", "'ve") for x in low):
            return None, f"present perfect ({shown})"
        return "past", f"past participle ({shown})"
    if any(x in PAST_AUX for x in low):
        return "past", f"past tense ('{' '.join(low)} {verb.text}')"
    if verb.tag_ == "VBG" and any(x in ("is", "are", "am", "'s", "'re") for x in low):
        return "future", f"present progressive looks forward ({shown})"
    if verb.tag_ in ("VBZ", "VBP", "VB", "VBG"):
        return None, f"present tense ({shown})"
    return None, "tense unknown"
