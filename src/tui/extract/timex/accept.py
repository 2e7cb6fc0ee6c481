"""Whether a surface match is a time expression: the filters each pattern kind needs.

A pattern finds "May" the modal, "2019 points", "Black Friday" and "Sunday Times" as readily
as dates; these filters look at the words around the match and at the spaCy parse (its
tags, dependencies and entities) to keep only the dates. Kinds with no entry here are
believed as matched.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from tui.extract.timex.base import Cand, Context, word_after, word_before
from tui.extract.timex.calendar import safe_date
from tui.extract.timex.lexicon import (
    AMBIGUOUS_MONTHS,
    IDENTIFIER_NOUNS,
    MEASURE_NOUNS,
    NAME_HEADS,
    STRONG_MONTH_CONTEXT,
    TIME_NOUNS,
    TITLES,
    VERSION_WORDS,
    WEAK_MONTH_CONTEXT,
    WEEKDAY_LEADS,
    YEAR_CONTEXT,
)
from tui.extract.timex.patterns import PART_PREFIX
from tui.records.timevalue import MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Token


def accept(cand: Cand, ctx: Context) -> bool:
    """Whether the pattern match ``cand`` is a time expression here (not a name, a count,
    an amount, a modal verb …)."""
    m = cand.match
    assert m is not None
    text = ctx.text
    kind = cand.kind
    if _UNIT_TO_UNIT.match(text, cand.end) and _UNIT_END.search(text, cand.start, cand.end):
        return False  # "the quarter-to-quarter comparison", "day-to-day": no time
    groups = m.groupdict()
    mon = groups.get("mon")
    if mon is not None:
        if not _capitalized(mon):
            return False
        if kind in ("m", "rel_m") and not _month_ok(cand, ctx, mon):
            return False
    for key in ("wd", "wdp"):
        wd = groups.get(key)
        if wd is not None and not _capitalized(wd):
            return False
    d = groups.get("d")
    if d is not None and not 1 <= int(d) <= 31:
        return False
    if kind in ("md", "dm") and not _day_not_count(cand, ctx):
        return False
    if kind == "num":
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if word_before(text, cand.start) in VERSION_WORDS or text[: cand.start].rstrip().endswith(
            ("v", "V")
        ):
            return False
        if safe_date(y, b, a) is None and safe_date(y, a, b) is None:
            return False
    if kind == "iso" and safe_date(int(m["y"]), int(m["m"]), int(m["d"])) is None:
        return False
    if kind == "year":
        return _year_ok(cand, ctx)
    if kind == "year_range":
        y, y2 = int(m["y"]), m["y2"]
        full = int(y2) if len(y2) == 4 else (y // 100) * 100 + int(y2)
        if full <= y or full - y > 50:
            return False
        label = _ent_label(ctx, cand.start, cand.end)
        if label is not None and label[0] in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
            return word_before(text, cand.start) in YEAR_CONTEXT
        return True
    if kind == "weekday":
        return _weekday_ok(cand, ctx)
    if kind == "year_words":
        # "more than two thousand years": a count of a plural noun, not a year
        counted = ctx.token_at(cand.end + 1) if text[cand.end : cand.end + 1] == " " else None
        return counted is None or counted.tag_ != "NNS"
    if kind == "quarter":
        # "the third quarter of the year" and "of $5m" (an amount) are the quarter's
        amount_or_year = r"\s+of\s+(?!the\s+year|[$€£¥]|[A-Z]{1,3}\$|\d)"
        dangling = re.match(amount_or_year, text[cand.end :], re.I)
        return not (m["of"] is None and dangling)
    if kind == "half" and not groups.get("of"):
        # "the second half" alone is as often a match's or a film's as a year's.
        return False
    if kind == "the_unit":
        if m["unit"].lower() == "year" and word_before(text, cand.start) == "for":
            # "For the year, volume was flat": the year reported on (not "for the year ended
            # March 31", a fiscal year the gold marks as often as not)
            return re.match(r"\s*[,.;]", text[cand.end :]) is not None
        return PART_PREFIX.search(text[max(0, cand.start - 40) : cand.start]) is not None
    bare_that = not (groups.get("eo") or re.search(r"same", m.group(0), re.I))
    if kind == "that_unit" and bare_that and m["unit"].lower() in ("day", "week"):
        # "trades made that day" is a clause's object, often generic; "on that day" dates
        return word_before(text, cand.start) in ("on", "by", "until", "since", "from", "during")
    if kind == "weekend_bare":
        return word_before(text, cand.start) in ("over", "at", "during", "on", "for", "until")
    if kind in ("qnum", "hnum"):
        # "Q3" / "H1" must be uppercase; bare forms need a year or a DATE reading.
        head = text[cand.start : cand.end].lstrip("0123456789 -")
        if not head[:1].isupper():
            return False
        if groups.get("y") is None and groups.get("yy") is None:
            label = _ent_label(ctx, cand.start, cand.end)
            return label is not None and label[0] == "DATE"
        return True
    if kind == "duration":
        return _duration_ok(cand, ctx)
    if kind == "narrative":
        # "two years later than planned" is a duration, not a date.
        return re.match(r"\s+than\b", text[cand.end :]) is None
    if kind == "holiday":
        # "Easter Island", "Good Friday Agreement", "Father Christmas": names.
        nxt = re.match(r"\s+([A-Z][a-z]+)", text[m.end("hol") : m.end("hol") + 20])
        # the word before the holiday's own name ("in the Atlantic last Thanksgiving": "last")
        hol_start = m.start("hol")
        prev_cap = re.search(r"([A-Z][a-z]+)[ \t]+$", text[max(0, hol_start - 20) : hol_start])
        leads = ("On", "By", "Since", "Until", "Before", "After", "At", "Over", "This", "Last")
        if prev_cap is not None and prev_cap.group(1) not in leads:
            return False
        return nxt is None or nxt.group(1).lower() in MONTHS
    if kind == "now":
        tok = ctx.token_at(m.end() - 3)
        # "now that we know": TimeML marks the present of the subordinate "now that" too
        return tok is None or tok.tag_ == "RB" or word_after(text, cand.end) == "that"
    if kind == "past_ref" and m.group(0).lower() == "recently":
        return _recently_ok(cand, ctx)
    if kind == "season_bare":
        season = m["season"]
        if season.lower() == "fall" and not m["the"]:
            return False
        if season[:1].isupper() and not m["the"]:
            label = _ent_label(ctx, cand.start, cand.end)
            return label is not None and label[0] == "DATE"
        prev = word_before(text, cand.start)
        return prev in STRONG_MONTH_CONTEXT | {"over", "by"}
    if kind == "month_range":
        return _capitalized(m["mon2"])
    if kind == "week_num":
        # "week 23" as a calendar week, not "the week 2 games" of a season.
        return word_before(text, cand.start) in ("in", "of", "during", "by", "until", "since")
    if kind == "set_adv":
        tok = ctx.token_at(cand.start)
        return tok is None or tok.pos_ in ("ADV", "ADJ")
    if kind == "set_rate":
        if groups.get("freq") or groups.get("n"):
            return True
        if (groups.get("per") or "").lower() == "per":
            return True
        before = text[max(0, cand.start - 30) : cand.start]
        prev = word_before(text, cand.start)
        if prev in ("for", "over", "within", "than", "nearly", "almost", "about", "in", "after"):
            return False
        return bool(re.search(r"\d", before))
    if kind == "deictic":
        word = m.group(0)
        if word[:1].isupper() and word.lower() == "today":
            # "Russia Today", "USA Today": a capitalised "Today" after a capitalised word.
            prev_chars = text[max(0, cand.start - 30) : cand.start]
            pm = re.search(r"([A-Za-z]+)\s+$", prev_chars)
            if pm and pm.group(1)[:1].isupper():
                return False
        return True
    if kind == "decade":
        prev = word_before(text, cand.start)
        if prev in ("his", "her", "their", "my", "our", "your", "its"):
            return False
    if kind == "rel_unit" and m["unit"][:1].isupper() and not m["unit"].isupper():
        # ABC's "This Week", "Next Month With …": a title in quotation marks, not a time
        quoted = re.search(r"(?:[\"“‘]|``|')\s*$", text[max(0, cand.start - 3) : cand.start])
        closing = re.match(r"[,.]?\s*(?:[\"”’]|'')", text[cand.end : cand.end + 4])
        if quoted is not None or closing is not None:
            return False
    if kind == "clock":
        if groups.get("w") and word_before(text, cand.start) == "high":
            return False  # "high noon": the decisive moment, or the film
        label = _ent_label(ctx, cand.start, cand.end)
        if label is not None and label[0] in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
            return bool(groups.get("ap") or groups.get("ampod"))
    return True


_UNIT_TO_UNIT = re.compile(r"-to-(?:year|quarter|month|week|day)\b", re.IGNORECASE)
_UNIT_END = re.compile(r"\b(?:year|quarter|month|week|day)$", re.IGNORECASE)


def _month_ok(cand: Cand, ctx: Context, mon: str) -> bool:
    text = ctx.text
    after = text[cand.end : cand.end + 3]
    if after.startswith(("'s", "’s")):
        return False
    label = _ent_label(ctx, cand.start, cand.end)
    if label is not None and label[0] != "DATE":
        _, s, e = label
        if e - s > cand.end - cand.start:
            return False
    tok = ctx.token_at(cand.start)
    if tok is not None and tok.tag_ == "MD":
        return False
    if cand.kind == "rel_m":
        return True
    prev = word_before(text, cand.start)
    if prev in TITLES:
        return False
    if tok is not None and _modifies_common_noun(tok, mon.lower() in AMBIGUOUS_MONTHS):
        # "the March summit", "its June elections": a month as a noun modifier.
        return True
    if prev in STRONG_MONTH_CONTEXT:
        # "in May said" - a name as subject of a verb right after it.
        if tok is not None and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB":
            return mon.lower() not in AMBIGUOUS_MONTHS
        return True
    if prev in WEAK_MONTH_CONTEXT:
        if mon.lower() in AMBIGUOUS_MONTHS:
            return label is not None and label[0] == "DATE" and not _name_like(tok)
        return True
    return False


def _modifies_common_noun(tok: Token, ambiguous: bool) -> bool:
    if tok.i + 1 >= len(tok.doc) or tok.i == 0:
        return False
    nxt, prv = tok.nbor(1), tok.nbor(-1)
    if ambiguous and nxt.lower_ in NAME_HEADS:
        return False
    return (
        nxt.pos_ == "NOUN"
        and nxt.text.islower()
        and tok.head.i == nxt.i
        and prv.lower_ in ("the", "a", "an", "its", "their", "his", "her", "our", "this", "last")
    )


def _name_like(tok: Token | None) -> bool:
    if tok is None:
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    prv = tok.nbor(-1) if tok.i > 0 else None
    for other in (nxt, prv):
        if other is not None and other.pos_ == "PROPN" and other.ent_type_ == "PERSON":
            return True
    return tok.ent_type_ == "PERSON"


def _day_not_count(cand: Cand, ctx: Context) -> bool:
    """ "May 12 people": the number counts the following noun, so it is not a day."""
    m = cand.match
    assert m is not None
    d_start = m.start("d")
    tok = ctx.token_at(d_start)
    if tok is None:
        return True
    if tok.dep_ == "nummod" and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        # a count above one needs a plural noun: "the Oct. 23 killing", "the March 3 vote"
        # name the day of a singular event
        counted = head.tag_ in ("NNS", "NNPS") or int(m["d"]) == 1
        if head.text.lower() not in MONTHS and head.idx >= cand.end and counted:
            return False
    nxt = ctx.text[cand.end : cand.end + 12].lstrip()
    return not nxt.startswith(("%", "per cent", "percent", "million", "billion"))


_TABLE_NEIGHBOUR_BEFORE = re.compile(r"(?<![\w.,])(?:1[5-9]|20)\d\d[ \t|]+$")
_TABLE_NEIGHBOUR_AFTER = re.compile(r"[ \t|]+(?:1[5-9]|20)\d\d(?![\w.,%-])")


def _year_ok(cand: Cand, ctx: Context) -> bool:
    text = ctx.text
    m = cand.match
    assert m is not None
    before = text[max(0, cand.start - 2) : cand.start]
    if before.endswith("-") and before[:1].isdigit():
        return False
    prev = word_before(text, cand.start)
    if before.endswith("-") and prev not in ("mid", "early", "late", "pre", "post", "end", "start"):
        return False
    label = _ent_label(ctx, cand.start, cand.end)
    lab = label[0] if label else ""
    if lab in ("MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    nxt = word_after(text, cand.end)
    if nxt in ("million", "billion", "trillion", "thousand", "people", "percent", "bn", "m"):
        return False
    prev_raw = re.search(r"(\S+)\s+$", text[max(0, cand.start - 30) : cand.start])
    if prev_raw is not None:
        word = prev_raw.group(1).strip("(\"'")
        identifier = re.fullmatch(r"[A-Z]{1,3}|No\.?|#", word) and word != "A"  # the article
        if identifier or word.lower() in IDENTIFIER_NOUNS:
            return False  # "Flight AF 1944", "Room 1205", "No. 2019": identifiers
    window = max(0, cand.start - 16)  # the neighbour is a few characters away, never more
    if _TABLE_NEIGHBOUR_BEFORE.search(text, window, cand.start) or _TABLE_NEIGHBOUR_AFTER.match(
        text, cand.end
    ):
        return False  # "Sales 2019 2020 2021": a table's column heads, not a date in prose
    tok = ctx.token_at(cand.start)
    if (
        tok is not None
        and tok.dep_ == "nummod"
        and tok.head.tag_ == "NNS"
        and tok.head.i > tok.i
        and tok.head.lower_ not in TIME_NOUNS
        and (tok.i == 0 or tok.nbor(-1).pos_ not in ("DET", "PRON"))
    ):
        return False  # "2019 points": a count of a plural noun
    if (
        prev in ("a", "an")
        and 1900 <= int(m["y"]) <= 2099
        and re.match(r"\s+[a-z]+\b(?!\s+(?:of|per|to)\b)", text[cand.end : cand.end + 30])
        and tok is not None
        and tok.head.tag_ == "NN"
        and tok.head.i == tok.i + 1
        and tok.head.lower_ not in MEASURE_NOUNS
    ):
        return True  # "a 1996 law", "a 1995 report": "a" before a singular noun is no count
    strong = {"in", "since", "until", "till", "during", "before", "after", "through"}
    strong |= {"throughout", "mid", "early", "late", "year", "fiscal", "circa", "by"}
    if lab == "CARDINAL":
        return prev in strong
    return prev in YEAR_CONTEXT or lab == "DATE"


def _weekday_ok(cand: Cand, ctx: Context) -> bool:
    text = ctx.text
    m = cand.match
    assert m is not None
    prev_m = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, cand.start - 30) : cand.start])
    if not m["rel"] and prev_m is not None:
        prev_word = prev_m.group(1)
        prev_label = _ent_label(ctx, prev_m.start(1) + max(0, cand.start - 30), cand.start)
        prev_tok = ctx.token_at(prev_m.start(1) + max(0, cand.start - 30))
        names_actor = (
            prev_label is not None
            and prev_label[0] in ("PERSON", "ORG", "GPE", "NORP")
            and prev_label[2] <= cand.start
            # "Moscow Friday said": the actor is the verb's subject, not a modifier of the
            # weekday ("Black Friday", whatever the model tags "Black")
            and not (
                prev_tok is not None
                and prev_tok.dep_ == "compound"
                and prev_tok.head.idx == m.start("wd")
            )
        )
        if prev_word[:1].isupper() and prev_word.lower() not in WEEKDAY_LEADS and not names_actor:
            return False  # "Black Friday", "Super Tuesday": part of a name
    nxt_cap = re.match(r"\s+([A-Z][a-z]+)", text[m.end("wd") : m.end("wd") + 30])
    if (
        nxt_cap is not None
        and nxt_cap.group(1).lower() not in MONTHS
        and not m["rel"]
        and (prev_m is None or prev_m.group(1).lower() not in WEEKDAY_LEADS)
    ):
        return False  # "Sunday Times reported": a title
    label = _ent_label(ctx, m.start("wd"), m.end("wd"))
    if label is not None and label[0] in ("ORG", "WORK_OF_ART", "FAC", "PRODUCT", "PERSON"):
        return False
    prev = word_before(text, cand.start)
    nxt = re.match(r"\s+([A-Z][a-z]+)", text[m.end("wd") : m.end("wd") + 30])
    return not (prev in ("the", "a") and nxt is not None and nxt.group(1).lower() not in MONTHS)


def _duration_ok(cand: Cand, ctx: Context) -> bool:
    m = cand.match
    assert m is not None
    n = m["n"].lower()
    text = ctx.text
    pre = (m.groupdict().get("pre") or "").lower()
    if re.search(r"\b(?:first|last|final)\b", pre) and re.match(r"\s+of\s", text[cand.end :]):
        return False  # "the first two quarters of 1990": a part of the year (first_n)
    if n in ("a", "an") and not m.groupdict().get("pre") and not m.groupdict().get("qual"):
        prev = word_before(text, cand.start)
        allowed = {"for", "over", "within", "than", "nearly", "almost", "about", "around"}
        allowed |= {"in", "after", "just", "only", "least", "barely", "spent", "lasted", "took"}
        return prev in allowed
    label = _ent_label(ctx, cand.start, cand.end)
    if label is not None and label[0] in ("MONEY", "PERCENT"):
        return False
    prev = word_before(text, cand.start)
    return prev not in ("aged", "age")


def _capitalized(s: str) -> bool:
    return bool(s) and s[0].isupper()


def _ent_label(ctx: Context, start: int, end: int) -> tuple[str, int, int] | None:
    """The spaCy entity (label, start, end) covering character ``start``, if any."""
    del end
    i = bisect.bisect_right(ctx.ent_starts, start) - 1
    if i < 0:
        return None
    label, s, e = ctx.ents[i]
    return (label, s, e) if s <= start < e else None


_DATE_AFTER = re.compile(
    r"\s+(?:(?:last|this|in|on|at|during)\s+)?(?:[A-Z][a-z]+\.?(?:\s|,|$)|[12]\d{3}\b)"
)


def _recently_ok(cand: Cand, ctx: Context) -> bool:
    """ "recently" is ``PAST_REF`` on its own ("the firm recently cut its dividend"), but not
    inside a verb group ("was recently extended", "have recently been ceding": the gold of
    both dev sets leaves all of those unmarked, 3 of 3, and marks 7 of 8 before a plain past
    verb), nor when a date follows it ("most recently last October", "most recently in
    2023": the date is the expression, the adverb only ranks it)."""
    text = ctx.text
    after = _DATE_AFTER.match(text, cand.end)
    if after is not None and word_before(text, cand.start) in ("most", "more"):
        named = after.group(0).strip().rstrip(".,").split()[-1].lower()
        if named in MONTHS or named in _WEEKDAY_WORDS or named.isdigit():
            return False
    tok = ctx.token_at(cand.start)
    if tok is None or tok.i == 0 or tok.i + 1 >= len(tok.doc):
        return True
    prev, nxt = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
    in_verb_group = prev.pos_ == "AUX" and prev.lemma_ in ("be", "have")
    return not (in_verb_group and nxt.pos_ in ("VERB", "AUX"))


_WEEKDAY_WORDS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)
