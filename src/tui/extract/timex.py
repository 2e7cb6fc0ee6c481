"""Time expressions in one article, normalized to TimeML TIMEX3 values.

Candidates come from hand-written surface patterns (:mod:`tui.extract.timex_patterns`) and
from spaCy's DATE/TIME entities; the spaCy parse also filters false positives ("May" the
modal or the name, counts, money) and supplies tense for resolving a month or weekday
without a year. Normalization is hand-written (:mod:`tui.extract.timex_calendar`);
``python-dateutil`` only parses isolated absolute date strings. Every value carries ``how``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateutil import parser as dateutil_parser
from dateutil.easter import easter

from tui import nlp
from tui.extract.timex_calendar import (
    MONTHS,
    SEASON_START,
    SEASONS,
    UNKNOWN_YEAR,
    WEEKDAYS,
    Direction,
    choose_year,
    day_value,
    month_value,
    nth_weekday,
    quarter_of,
    resolve_weekday,
    safe_date,
    shift,
    shift_year_unknown,
    timeline_key,
    value_bounds,
    week_value,
    weekday_with_day_of_month,
    year_unknown,
)
from tui.extract.timex_patterns import (
    AMBIGUOUS_MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PART_PREFIX,
    PATTERNS,
    PRIORITY,
    STRONG_MONTH_CONTEXT,
    TITLES,
    VERSION_WORDS,
    WEAK_MONTH_CONTEXT,
    YEAR_CONTEXT,
)
from tui.models import Article, TimeExpr, TimexMod, TimexType

if TYPE_CHECKING:  # spaCy is imported only when a parse is needed (see tui.nlp)
    from spacy.tokens import Doc, Span, Token

__all__ = ["direction_at", "extract_timexes", "find_candidates"]

UNIT_CODES = {
    "year": "Y",
    "month": "M",
    "week": "W",
    "day": "D",
    "decade": "DE",
    "century": "CE",
    "quarter": "Q",
}
TIME_UNITS = {"hour": "H", "minute": "M"}
PART_MODS: dict[str, TimexMod] = {
    "early": "EARLY",
    "late": "LATE",
    "mid": "MID",
    "beginning": "START",
    "start": "START",
    "end": "END",
    "close": "END",
    "middle": "MID",
    "turn": "START",
}
POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
FORWARD_MODALS = frozenset({"would", "could", "may", "might", "should", "must", "'d"})
FUTURE_GOVERNORS = frozenset(
    {
        "set",
        "scheduled",
        "due",
        "expected",
        "planned",
        "slated",
        "poised",
        "going",
        "plans",
        "plan",
        "planning",
        "intends",
        "intend",
        "aims",
        "hopes",
        "wants",
        "promised",
        "vowed",
        "pledged",
        "agreed",
        "decided",
        "threatened",
        "expect",
        "expects",
        "hope",
        "aim",
        "want",
        "seeks",
        "seek",
    }
)
PAST_AUX = frozenset({"did", "had", "has", "have", "was", "were", "'d"})
TIME_NOUNS = frozenset(
    {
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
        "century",
        "quarter",
        "weekend",
        "season",
        "morning",
        "evening",
        "night",
        "afternoon",
        "summer",
        "winter",
        "spring",
        "autumn",
        "hours",
        "hour",
        "period",
        "era",
        "times",
    }
)
# Words that may precede a weekday in a date ("on Monday", "Last Monday", "by Friday").
WEEKDAY_LEADS = frozenset(
    {"on", "last", "this", "next", "since", "until", "till", "by", "from", "and", "or", "every"}
    | {"each", "early", "late", "before", "after", "that", "said", "the", "of", "to", "through"}
)
# Nouns after which a four-digit number is an identifier, not a year.
IDENTIFIER_NOUNS = frozenset(
    {"room", "flight", "route", "gate", "platform", "line", "bus", "highway", "article"}
    | {"section", "resolution", "decree", "item", "number", "no", "code", "model", "page"}
    | {"unit", "ward", "block", "lot", "case", "file", "tel", "phone", "call"}
)
CLOCK_LOOKBACK = 400  # characters back to look for the day of a clock time
NO_ANCHOR = "article has no publication date, so the relative expression is left unresolved"
# TimeML underspecified value: the calendar parts the text names are kept, the year is X.
YEAR_UNKNOWN = "year unknown: the article has no publication date"
MAX_CHARS = 2_000_000


@dataclass
class Cand:
    start: int
    end: int
    kind: str
    match: re.Match[str] | None
    part: str | None = None
    source: str = "pattern"


@dataclass
class Norm:
    value: str | None
    type: TimexType = "DATE"
    mod: TimexMod | None = None
    begin: str | None = None
    end_value: str | None = None
    how: str = ""
    inferred_year: bool = False
    month: int | None = None
    minutes: int | None = None


@dataclass
class Context:
    text: str
    doc: Doc | None
    anchor: dt.date | None
    starts: list[int] = field(default_factory=list)
    reference: dt.date | None = None
    reference_value: str | None = None
    ents: list[tuple[str, int, int]] = field(default_factory=list)
    ent_starts: list[int] = field(default_factory=list)
    month_first: bool = False

    def token_at(self, char: int) -> Token | None:
        if self.doc is None or not self.starts:
            return None
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        if tok.idx <= char < tok.idx + max(len(tok.text), 1):
            return tok
        return None

    def tokens(self, start: int, end: int) -> list[Token]:
        if self.doc is None:
            return []
        lo = max(bisect.bisect_right(self.starts, start) - 1, 0)
        out = []
        for tok in self.doc[lo:]:
            if tok.idx >= end:
                break
            if tok.idx + len(tok.text) > start and not tok.is_space:
                out.append(tok)
        return out


def extract_timexes(article: Article) -> list[TimeExpr]:
    """Time expressions of ``article`` with TIMEX3 values anchored on its publication date."""
    text = article.content_text()
    if not text.strip() or len(text) > MAX_CHARS:
        return []
    doc = _parse(text)
    ctx = Context(text=text, doc=doc, anchor=article.published.date)
    if doc is not None:
        ctx.starts = [t.idx for t in doc]
        ctx.ents = [(e.label_, e.start_char, e.end_char) for e in doc.ents]
        ctx.ent_starts = [s for _, s, _ in ctx.ents]
    found = find_candidates(ctx)
    out: list[TimeExpr] = []
    for cand, norm in found:
        out.append(
            TimeExpr(
                article_id=article.id,
                start=cand.start,
                end=cand.end,
                text=article.text[cand.start : cand.end],
                value=norm.value,
                type=norm.type,
                mod=norm.mod,
                begin=norm.begin,
                end_value=norm.end_value,
                how=norm.how,
            )
        )
    return out


def _parse(text: str) -> Doc | None:
    try:
        return nlp.parse(text)
    except Exception:  # the parse is an aid; patterns still work without it
        return None


# --------------------------------------------------------------------------- candidates


def find_candidates(ctx: Context) -> list[tuple[Cand, Norm]]:
    raw: list[Cand] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(ctx.text):
            if m.end() <= m.start():
                continue
            cand = Cand(m.start(), m.end(), kind, m)
            if _accept_safely(cand, ctx):
                raw.append(cand)
    raw.sort(key=lambda c: (-(c.end - c.start), PRIORITY[c.kind], c.start))
    chosen: list[Cand] = []
    taken_starts: list[int] = []  # sorted, non-overlapping intervals
    taken_ends: list[int] = []
    for cand in raw:
        i = bisect.bisect_left(taken_starts, cand.end)
        if i > 0 and taken_ends[i - 1] > cand.start:
            continue
        chosen.append(cand)
        taken_starts.insert(i, cand.start)
        taken_ends.insert(i, cand.end)
    chosen.sort(key=lambda c: c.start)
    for cand in chosen:
        _extend_part(cand, ctx, chosen)
    ctx.month_first = _numeric_order_is_month_first(chosen)
    chosen.extend(_spacy_only(ctx, chosen))
    chosen.sort(key=lambda c: c.start)

    results: list[tuple[Cand, Norm]] = []
    for cand in chosen:
        norm = _normalize(cand, ctx)
        results.append((cand, norm))
        bounds = value_bounds(norm.value) if norm.type in ("DATE", "TIME") else None
        if bounds is not None and norm.value is not None and not norm.value.startswith("XXXX"):
            ctx.reference = bounds[0]
            ctx.reference_value = norm.value
        elif norm.type in ("DATE", "TIME") and year_unknown(norm.value):
            # The narrative moved to a date of unknown year: "a year later" after it cannot
            # be dated from an older reference; "the following day" stays year-unknown.
            ctx.reference = None
            ctx.reference_value = norm.value
    return _combine_ranges(results, ctx)


def _numeric_order_is_month_first(chosen: list[Cand]) -> bool:
    """Whether the article writes numeric dates month first (US style).

    Evidence is a numeric date whose second field exceeds 12 ("12/25/2020"); one whose
    first field exceeds 12 is day-first evidence. Without evidence: day first.
    """
    day_first = month_first = 0
    for cand in chosen:
        if cand.kind != "num" or cand.match is None:
            continue
        a, b = int(cand.match["a"]), int(cand.match["b"])
        day_first += a > 12 >= b
        month_first += b > 12 >= a
    return month_first > 0 and day_first == 0


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z']+)[\s-]*$", text[max(0, start - 40) : start])
    return m.group(1).lower() if m else ""


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\s*([A-Za-z']+)", text[end : end + 40])
    return m.group(1).lower() if m else ""


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


def _accept_safely(cand: Cand, ctx: Context) -> bool:
    try:
        return _accept(cand, ctx)
    except (ValueError, KeyError, IndexError, OverflowError, TypeError, AttributeError):
        return False


def _accept(cand: Cand, ctx: Context) -> bool:
    m = cand.match
    assert m is not None
    text = ctx.text
    kind = cand.kind
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
        if _word_before(text, cand.start) in VERSION_WORDS or text[: cand.start].rstrip().endswith(
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
            return _word_before(text, cand.start) in YEAR_CONTEXT
        return True
    if kind == "weekday":
        return _weekday_ok(cand, ctx)
    if kind == "quarter":
        dangling = re.match(r"\s+of\s+(?!the\s+year)", text[cand.end :], re.I)
        return not (m["of"] is None and dangling)
    if kind == "half" and not groups.get("of"):
        # "the second half" alone is as often a match's or a film's as a year's.
        return False
    if kind == "the_unit":
        return PART_PREFIX.search(text[max(0, cand.start - 40) : cand.start]) is not None
    if kind == "weekend_bare":
        return _word_before(text, cand.start) in ("over", "at", "during", "on", "for", "until")
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
        prev_cap = re.search(r"([A-Z][a-z]+)[ \t]+$", text[max(0, cand.start - 20) : cand.start])
        leads = ("On", "By", "Since", "Until", "Before", "After", "At", "Over", "This", "Last")
        if prev_cap is not None and prev_cap.group(1) not in leads:
            return False
        return nxt is None or nxt.group(1).lower() in MONTHS
    if kind == "now":
        tok = ctx.token_at(m.end() - 3)
        return (tok is None or tok.tag_ == "RB") and _word_after(text, cand.end) != "that"
    if kind == "season_bare":
        season = m["season"]
        if season.lower() == "fall" and not m["the"]:
            return False
        if season[:1].isupper() and not m["the"]:
            label = _ent_label(ctx, cand.start, cand.end)
            return label is not None and label[0] == "DATE"
        prev = _word_before(text, cand.start)
        return prev in STRONG_MONTH_CONTEXT | {"over", "by"}
    if kind == "month_range":
        return _capitalized(m["mon2"])
    if kind == "week_num":
        # "week 23" as a calendar week, not "the week 2 games" of a season.
        return _word_before(text, cand.start) in ("in", "of", "during", "by", "until", "since")
    if kind == "set_adv":
        tok = ctx.token_at(cand.start)
        return tok is None or tok.pos_ in ("ADV", "ADJ")
    if kind == "set_rate":
        if groups.get("freq") or groups.get("n"):
            return True
        if (groups.get("per") or "").lower() == "per":
            return True
        before = text[max(0, cand.start - 30) : cand.start]
        prev = _word_before(text, cand.start)
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
        prev = _word_before(text, cand.start)
        if prev in ("his", "her", "their", "my", "our", "your", "its"):
            return False
    if kind == "clock":
        label = _ent_label(ctx, cand.start, cand.end)
        if label is not None and label[0] in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
            return bool(groups.get("ap"))
    return True


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
    prev = _word_before(text, cand.start)
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


# Nouns that follow a person's name as often as a month ("the May government").
NAME_HEADS = frozenset(
    {"government", "administration", "cabinet", "era", "ministry", "doctrine", "camp", "team"}
    | {"allies", "premiership", "presidency", "years", "family", "campaign", "deal", "plan"}
)


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
        if head.text.lower() not in MONTHS and head.idx >= cand.end:
            return False
    nxt = ctx.text[cand.end : cand.end + 12].lstrip()
    return not nxt.startswith(("%", "per cent", "percent", "million", "billion"))


def _year_ok(cand: Cand, ctx: Context) -> bool:
    text = ctx.text
    before = text[max(0, cand.start - 2) : cand.start]
    if before.endswith("-") and before[:1].isdigit():
        return False
    prev = _word_before(text, cand.start)
    if before.endswith("-") and prev not in ("mid", "early", "late", "pre", "post", "end", "start"):
        return False
    label = _ent_label(ctx, cand.start, cand.end)
    lab = label[0] if label else ""
    if lab in ("MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    nxt = _word_after(text, cand.end)
    if nxt in ("million", "billion", "trillion", "thousand", "people", "percent", "bn", "m"):
        return False
    prev_raw = re.search(r"(\S+)\s+$", text[max(0, cand.start - 30) : cand.start])
    if prev_raw is not None:
        word = prev_raw.group(1).strip("(\"'")
        if re.fullmatch(r"[A-Z]{1,3}|No\.?|#", word) or word.lower() in IDENTIFIER_NOUNS:
            return False  # "Flight AF 1944", "Room 1205", "No. 2019": identifiers
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
        names_actor = (
            prev_label is not None
            and prev_label[0] in ("PERSON", "ORG", "GPE", "NORP")
            and prev_label[2] <= cand.start
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
    prev = _word_before(text, cand.start)
    nxt = re.match(r"\s+([A-Z][a-z]+)", text[m.end("wd") : m.end("wd") + 30])
    return not (prev in ("the", "a") and nxt is not None and nxt.group(1).lower() not in MONTHS)


def _duration_ok(cand: Cand, ctx: Context) -> bool:
    m = cand.match
    assert m is not None
    n = m["n"].lower()
    text = ctx.text
    if n in ("a", "an") and not m.groupdict().get("pre") and not m.groupdict().get("qual"):
        prev = _word_before(text, cand.start)
        allowed = {"for", "over", "within", "than", "nearly", "almost", "about", "around"}
        allowed |= {"in", "after", "just", "only", "least", "barely", "spent", "lasted", "took"}
        return prev in allowed
    label = _ent_label(ctx, cand.start, cand.end)
    if label is not None and label[0] in ("MONEY", "PERCENT"):
        return False
    prev = _word_before(text, cand.start)
    return prev not in ("aged", "age")


def _extend_part(cand: Cand, ctx: Context, chosen: list[Cand]) -> None:
    eligible = {"m", "my", "m_rel_year", "rel_m", "year", "rel_unit", "decade", "century"}
    eligible |= {"season_year", "quarter", "fiscal", "the_unit"}
    if cand.kind not in eligible:
        return
    window = ctx.text[max(0, cand.start - 40) : cand.start]
    pm = PART_PREFIX.search(window)
    if pm is None:
        return
    group = "part" if pm.group("part") else "part2"
    new_start = cand.start - (len(window) - pm.start(group))
    if any(o is not cand and o.start < cand.start and o.end > new_start for o in chosen):
        return
    cand.part = " ".join(pm.group(group).lower().split())
    cand.start = new_start


def _spacy_only(ctx: Context, chosen: list[Cand]) -> list[Cand]:
    """DATE/TIME entities no pattern covers, kept (unresolved) when they name a period."""
    if ctx.doc is None:
        return []
    extra: list[Cand] = []
    starts = [c.start for c in chosen]  # chosen is sorted and non-overlapping
    for ent in ctx.doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        i = bisect.bisect_left(starts, ent.end_char) - 1
        if i >= 0 and chosen[i].end > ent.start_char:
            continue
        words = {t.lower_ for t in ent}
        if not words & TIME_NOUNS:
            continue
        if re.fullmatch(r"(?:the|that|this|a|an)\s+\w+", ent.text.strip().lower()) and not (
            re.match(r"(?:a|an)\s", ent.text.strip().lower())
        ):
            continue  # "the year", "that day": a reference with nothing to normalize
        if re.search(r"\bold\b|-old\b|\bage[sd]?\b", ent.text, re.I):
            continue
        start, end = _trim_ent(ent)
        if end > start:
            extra.append(Cand(start, end, "vague", None, source="spacy"))
    return extra


def _trim_ent(ent: Span) -> tuple[int, int]:
    toks = list(ent)
    while toks and toks[0].lower_ in ("in", "on", "since", "for", "during", "over"):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return 0, 0
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


# --------------------------------------------------------------------------- tense


def direction_at(ctx: Context, start: int, end: int) -> tuple[Direction, str]:
    """Past or future reading of the clause a time expression sits in (from the parse)."""
    signal = _word_before(ctx.text, start)
    if signal == "since":
        return "past", "'since' points back"
    found = _direction_from_parse(ctx, start, end)
    if signal in ("until", "till", "by") and found[0] == "past" and "past tense" not in found[1]:
        return None, f"deadline ('{signal}') after {found[1]}"
    return found


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
    low = [a.lower_ for a in auxes]
    shown = f"'{verb.text}'"
    for a in auxes:
        if a.lower_ in FUTURE_AUX:
            return "future", f"future tense ('{a.text} {verb.text}')"
    if verb.dep_ == "xcomp" and verb.head.lower_ in FUTURE_GOVERNORS:
        return "future", f"future ('{verb.head.text} to {verb.text}')"
    for child in verb.children:
        if child.dep_ == "xcomp" and verb.lower_ in FUTURE_GOVERNORS:
            return "future", f"future ('{verb.text} to {child.text}')"
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


# --------------------------------------------------------------------------- normalize


def _int(s: str) -> int:
    s = s.lower().strip()
    if s in NUMBER_WORDS:
        return NUMBER_WORDS[s]
    if "-" in s:
        a, _, b = s.partition("-")
        return NUMBER_WORDS.get(a, 0) + NUMBER_WORDS.get(b, 0)
    try:
        return int(float(s))
    except ValueError:
        return -1


def _unit(s: str) -> str:
    s = s.lower()
    if s in ("centuries", "century"):
        return "century"
    return s[:-1] if s.endswith("s") else s


def _direction_note(ctx: Context, cand: Cand) -> tuple[Direction, str]:
    return direction_at(ctx, cand.start, cand.end)


def _normalize(cand: Cand, ctx: Context) -> Norm:
    try:
        norm = _normalize_kind(cand, ctx)
    except (ValueError, OverflowError, KeyError, IndexError, TypeError, AttributeError) as exc:
        norm = Norm(None, how=f"could not normalize: {exc}")
    if cand.part is not None and norm.type == "DATE":
        key = re.sub(r"^the\s+", "", cand.part).split()[0]
        norm.mod = PART_MODS.get(key, norm.mod)
        norm.how = f"'{cand.part}' → mod {norm.mod}; {norm.how}"
    return norm


def _anchor_needed(ctx: Context) -> Norm | None:
    if ctx.anchor is None:
        return Norm(None, how=NO_ANCHOR)
    return None


def _normalize_kind(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    kind = cand.kind
    anchor = ctx.anchor
    if kind == "vague" or m is None:
        return _vague(cand, ctx)
    g = m.groupdict()
    if kind == "iso":
        return Norm(
            day_value(dt.date(int(g["y"]), int(g["m"]), int(g["d"]))),
            how="ISO 8601 date",
        )
    if kind == "num":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        if a <= 12 and b <= 12 and a != b:
            if ctx.month_first:
                day = safe_date(y, a, b)
                how = "numeric date, month first (ambiguous; the article writes dates US-style)"
            else:
                day = safe_date(y, b, a)
                how = "numeric date, day first (ambiguous order; international convention)"
        else:
            day = safe_date(y, b, a)
            how = "numeric date, day first"
            if day is None:
                day = safe_date(y, a, b)
                how = "numeric date, month first (the second number is over 12)"
        if day is None:
            return Norm(None, how="no such day")
        return Norm(day_value(day), how=how)
    if kind in ("dmy", "mdy"):
        parsed = dateutil_parser.parse(
            f"{g['d']} {g['mon'].rstrip('.')} {g['y']}", default=dt.datetime(2000, 1, 1)
        ).date()
        return Norm(day_value(parsed), how="absolute date (dateutil)")
    if kind in ("dm", "md"):
        return _month_day(cand, ctx, MONTHS[g["mon"].lower().rstrip(".")], int(g["d"]))
    if kind in ("dm_range", "md_range"):
        month = MONTHS[g["mon"].lower().rstrip(".")]
        d1, d2 = int(g["d"]), int(g["d2"])
        if d2 <= d1 or d2 > 31:
            return Norm(None, how="day range out of order")
        if g.get("y"):
            y = int(g["y"])
            how = "day range with explicit year"
        else:
            first = _month_day(cand, ctx, month, d1)
            if first.value is None:
                return first
            if first.value.startswith(UNKNOWN_YEAR):
                return Norm(
                    f"{UNKNOWN_YEAR}-{month:02d}",
                    begin=first.value,
                    end_value=f"{UNKNOWN_YEAR}-{month:02d}-{d2:02d}",
                    how=f"day range; {YEAR_UNKNOWN}; value is the enclosing month",
                    inferred_year=True,
                )
            y = int(first.value[:4])
            how = "day range; " + first.how
        begin, end = safe_date(y, month, d1), safe_date(y, month, d2)
        if begin is None or end is None:
            return Norm(None, how="invalid day range")
        return Norm(
            month_value(y, month),
            begin=day_value(begin),
            end_value=day_value(end),
            how=f"{how}; value is the enclosing month",
        )
    if kind == "my":
        return Norm(
            month_value(int(g["y"]), MONTHS[g["mon"].lower().rstrip(".")]), how="month and year"
        )
    if kind == "m_rel_year":
        month = MONTHS[g["mon"].lower()]
        if anchor is None:
            return _month_year_unknown(month, f"month of '{g['rel'].lower()} year'")
        delta = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        return Norm(
            month_value(anchor.year + delta, month),
            how=f"month of '{g['rel'].lower()} year' from publication date {anchor}",
        )
    if kind == "rel_m":
        month = MONTHS[g["mon"].lower()]
        rel = g["rel"].lower()
        if anchor is None:
            return _month_year_unknown(month, f"'{rel}' month")
        if rel == "this":
            direction, why = _direction_note(ctx, cand)
            y = choose_year(anchor, month, None, direction)
            return Norm(month_value(y, month), how=f"'this' month; {why}; anchor {anchor}")
        dirn: Direction = "past" if rel in ("last", "past") else "future"
        y = choose_year(anchor, month, None, dirn, strict=True)
        return Norm(
            month_value(y, month),
            how=f"'{rel}' month: the {dirn} one from publication date {anchor}",
        )
    if kind == "m":
        return _month_only(cand, ctx, MONTHS[g["mon"].lower()])
    if kind == "year":
        return Norm(g["y"], how="year")
    if kind == "year_range":
        y = int(g["y"])
        y2s = g["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y // 100) * 100 + int(y2s)
        return Norm(f"{y:04d}", begin=f"{y:04d}", end_value=f"{y2:04d}", how="year range")
    if kind == "fiscal":
        ys = g["y"]
        y = int(ys) if len(ys) == 4 else 2000 + int(ys)
        return Norm(f"{y:04d}", how="fiscal year (value is the calendar year named)")
    if kind in ("quarter", "qnum"):
        return _quarter(cand, ctx)
    if kind in ("half", "hnum"):
        return _half(cand, ctx)
    if kind == "first_n":
        year, how = _year_ctx(g, ctx)
        if year is None:
            return Norm(None, how=how)
        n = _int(g["n"])
        unit = _unit(g["unit"])
        months = n * (3 if unit == "quarter" else 1)
        if unit == "week" or not 1 <= months <= 12:
            return Norm(f"{year:04d}", how=f"part of year {year}; {how}")
        from_start = g["ord"].lower() == "first"
        lo, hi = (1, months) if from_start else (13 - months, 12)
        return Norm(
            _enclosing(year, lo, year, hi),
            begin=month_value(year, lo),
            end_value=month_value(year, hi),
            how=f"{g['ord'].lower()} {n} {unit}s of {year}; {how}",
        )
    if kind == "rel_unit":
        return _rel_unit(cand, ctx)
    if kind == "season_bare":
        code = SEASONS[g["season"].lower()]
        if anchor is None:
            return Norm(f"{UNKNOWN_YEAR}-{code}", how=f"season; {YEAR_UNKNOWN}")
        direction, why = _direction_note(ctx, cand)
        y = choose_year(anchor, SEASON_START[code], None, direction)
        if code == "WI" and anchor.month <= 2 and direction != "future":
            y = min(y, anchor.year - 1)
        return Norm(f"{y:04d}-{code}", how=f"season; year from publication date {anchor}; {why}")
    if kind == "month_range":
        return _month_range(cand, ctx)
    if kind == "holiday":
        return _holiday(cand, ctx)
    if kind == "same_period":
        year, how = _year_ctx(g, ctx)
        if year is None:
            return Norm(None, how=how)
        ref_value = ctx.reference_value or ""
        if re.fullmatch(r"\d{4}-(?:Q[1-4]|H[12]|\d{2}|SP|SU|FA|WI|W\d{2})", ref_value):
            return Norm(
                f"{year:04d}{ref_value[4:]}",
                how=f"the period of the previous date in the text ({ref_value}) in {year}; {how}",
            )
        return Norm(f"{year:04d}", how=f"same period in {year}; {how}")
    if kind == "now":
        return Norm("PRESENT_REF", how="'now': the present (TimeML PRESENT_REF)")
    if kind == "week_num":
        week = int(g["w"])
        if g.get("y"):
            year = int(g["y"] or 0)
            how = "week number of an explicit year"
        elif anchor is not None:
            year = anchor.year
            how = f"week number in the year of publication date {anchor}"
        elif 1 <= week <= 53:
            return Norm(f"{UNKNOWN_YEAR}-W{week:02d}", how=f"week number; {YEAR_UNKNOWN}")
        else:
            return Norm(None, how="no such week")
        if not 1 <= week <= dt.date(year, 12, 28).isocalendar().week:
            return Norm(None, how="no such week")
        return Norm(f"{year:04d}-W{week:02d}", how=how)
    if kind == "week_of":
        month = MONTHS[g["mon"].lower().rstrip(".")]
        if g.get("y"):
            day = safe_date(int(g["y"] or 0), month, int(g["d"]))
            how = "the week of an explicit date"
        else:
            inner = _month_day(cand, ctx, month, int(g["d"]))
            if year_unknown(inner.value):
                # An ISO week number depends on the year: keep the day's month only.
                return Norm(
                    f"{UNKNOWN_YEAR}-{month:02d}", how=f"the week of a month-day; {YEAR_UNKNOWN}"
                )
            day = dt.date.fromisoformat(inner.value) if inner.value else None
            how = "the week of " + inner.how
        if day is None:
            return Norm(None, how=how)
        return Norm(week_value(day), how=how)
    if kind == "year_part":
        if anchor is None:
            return Norm(None, how=f"part of the current year; {NO_ANCHOR}")
        part = (g.get("p1") or "end").lower()
        mod = PART_MODS[part]
        return Norm(
            f"{anchor.year:04d}", mod=mod, how=f"'{m.group(0)}' of the publication year {anchor}"
        )
    if kind == "the_unit":
        if anchor is None:
            return Norm(None, how=f"'the {g['unit']}'; {NO_ANCHOR}")
        unit = g["unit"].lower()
        return Norm(shift(anchor, 0, unit), how=f"'the {unit}': the current one at {anchor}")
    if kind == "weekend_bare":
        if anchor is None:
            return Norm(None, how=f"weekend; {NO_ANCHOR}")
        direction, why = _direction_note(ctx, cand)
        if anchor.weekday() >= 5:
            sat = anchor - dt.timedelta(days=anchor.weekday() - 5)
        else:
            sat = resolve_weekday(anchor, 5, direction or "past")
        return Norm(f"{week_value(sat)}-WE", how=f"weekend near publication date {anchor}; {why}")
    if kind == "season_year":
        code = SEASONS[g["season"].lower()]
        return Norm(f"{g['y']}-{code}", how="season and year")
    if kind == "earlier_this":
        if (unresolved := _anchor_needed(ctx)) is not None:
            return unresolved
        assert anchor is not None
        delta = {"this": 0, "next": 1, "last": -1}[g["rel"].lower()]
        unit = g["unit"].lower()
        return Norm(
            shift(anchor, delta, unit),
            how=f"'{g['eo'].lower()} {g['rel'].lower()} {unit}' from publication date {anchor}",
        )
    if kind == "deictic":
        return _deictic(g["w"], ctx)
    if kind == "ago":
        if (unresolved := _anchor_needed(ctx)) is not None:
            return unresolved
        assert anchor is not None
        amount = _int(g["n"])
        unit = _unit(g["unit"])
        if amount < 0:
            return Norm("PAST_REF", how=f"vague amount of time ago (anchor {anchor})")
        return Norm(
            _shift_exact(anchor, -amount, unit),
            how=f"{amount} {unit}(s) before publication date {anchor}",
        )
    if kind == "narrative":
        amount = _int(g["n"])
        unit = _unit(g["unit"])
        ref = ctx.reference
        sign = 1 if g["dir"].lower() == "later" else -1
        if ref is None and amount >= 0 and year_unknown(ctx.reference_value):
            return _shift_year_unknown(
                ctx.reference_value or "", sign * amount, unit, f"{m.group(0).lower()}"
            )
        if ref is None or amount < 0:
            return Norm(None, how="relative to an earlier date in the text, none found")
        ref_value = ctx.reference_value or ""
        if unit == "year" and re.fullmatch(r"\d{4}-(?:Q[1-4]|H[12]|\d{2}|SP|SU|FA|WI)", ref_value):
            shifted = f"{int(ref_value[:4]) + sign * amount:04d}{ref_value[4:]}"
            return Norm(
                shifted,
                how=f"{amount} year(s) {g['dir'].lower()} than the previous date in the text"
                f" ({ref_value}), at its granularity",
            )
        return Norm(
            _shift_exact(ref, sign * amount, unit),
            how=f"{amount} {unit}(s) {g['dir'].lower()} than the previous date in the text ({ref})",
        )
    if kind == "narrative_day":
        return _narrative_day(g["w"], ctx)
    if kind == "duration":
        return _duration(cand, ctx)
    if kind == "set_n":
        amount = _int(g["n"] or "")
        unit = _unit(g["unit"] or "")
        shown = "X" if amount < 0 else str(amount)
        if unit in TIME_UNITS:
            value = f"PT{shown}{TIME_UNITS[unit]}"
        else:
            value = f"P{shown}{UNIT_CODES.get(unit, 'Y')}"
        return Norm(value, type="SET", how=f"recurring every {shown} {unit}(s)")
    if kind in ("set", "set_adv", "set_rate"):
        return _set(g)
    if kind == "decade":
        if g.get("c"):
            return Norm(f"{g['c']}{g['dd']}", how="decade")
        return Norm(f"19{g['d2']}", how="decade written with two digits, read as 19xx")
    if kind == "century":
        ords = {
            "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
            "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "twenty-first": 21,
        }  # fmt: skip
        o = g["ord"].lower()
        num = ords.get(o) or int(re.sub(r"\D", "", o) or 0)
        if not 1 <= num <= 30:
            return Norm(None, how="century out of range")
        return Norm(f"{num - 1:02d}", how="century")
    if kind == "weekday":
        return _weekday(cand, ctx)
    if kind == "nth_weekday":
        return _nth_weekday(cand, ctx)
    if kind == "clock":
        return _clock(cand, ctx)
    return Norm(None, how=f"no rule for {kind}")


def _shift_exact(anchor: dt.date, amount: int, unit: str) -> str:
    if unit == "day":
        return day_value(anchor + dt.timedelta(days=amount))
    if unit == "week":
        return week_value(anchor + dt.timedelta(weeks=amount))
    return shift(anchor, amount, unit)


def _month_day(cand: Cand, ctx: Context, month: int, day: int) -> Norm:
    if ctx.anchor is None:
        value = f"{UNKNOWN_YEAR}-{month:02d}-{day:02d}"
        if not year_unknown(value):
            return Norm(None, how="no such day")
        return Norm(value, how=f"month-day; {YEAR_UNKNOWN}", inferred_year=True)
    direction, why = _direction_note(ctx, cand)
    y = choose_year(ctx.anchor, month, day, direction)
    found = safe_date(y, month, day)
    if found is None:
        return Norm(None, how="no such day")
    return Norm(
        day_value(found),
        how=f"month-day; year from publication date {ctx.anchor}; {why}",
        inferred_year=True,
    )


def _month_only(cand: Cand, ctx: Context, month: int) -> Norm:
    if ctx.anchor is None:
        return _month_year_unknown(month, "month")
    direction, why = _direction_note(ctx, cand)
    y = choose_year(ctx.anchor, month, None, direction)
    return Norm(
        month_value(y, month),
        how=f"month; year from publication date {ctx.anchor}; {why}",
        inferred_year=True,
    )


def _month_year_unknown(month: int, rule: str) -> Norm:
    """A named month whose year the text leaves to the (missing) publication date."""
    return Norm(
        f"{UNKNOWN_YEAR}-{month:02d}",
        how=f"{rule}; {YEAR_UNKNOWN}",
        inferred_year=True,
        month=month,
    )


def _month_range(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    assert m is not None
    m1 = MONTHS[m["mon"].lower().rstrip(".")]
    m2 = MONTHS[m["mon2"].lower().rstrip(".")]
    if m["y"]:
        y2 = int(m["y"])
        how = "month range with explicit year"
    else:
        first = _month_only(cand, ctx, m1)
        if first.value is None:
            return first
        if first.value.startswith(UNKNOWN_YEAR):
            begin, end = f"{UNKNOWN_YEAR}-{m1:02d}", f"{UNKNOWN_YEAR}-{m2:02d}"
            exact = _enclosing(2004, m1, 2004, m2) if m1 <= m2 else ""
            value = UNKNOWN_YEAR + exact[4:] if re.search(r"-[QH]\d$", exact) else begin
            return Norm(
                value,
                begin=begin,
                end_value=end,
                how=f"month range; {YEAR_UNKNOWN}; value is "
                + ("the enclosing period" if value != begin else "the start"),
                inferred_year=True,
            )
        y2 = int(first.value[:4]) + (1 if m2 < m1 else 0)
        how = "month range; " + first.how
    y1 = y2 - 1 if m2 < m1 else y2
    value = _enclosing(y1, m1, y2, m2)
    return Norm(
        value,
        begin=month_value(y1, m1),
        end_value=month_value(y2, m2),
        how=f"{how}; value is the enclosing period",
        inferred_year=not m["y"],
    )


def _enclosing(y1: int, m1: int, y2: int, m2: int) -> str:
    """The TIMEX3 value of the months m1..m2: a quarter or half when they are exactly one."""
    if y1 != y2:
        return month_value(y1, m1)
    if m1 == m2:
        return month_value(y1, m1)
    if m1 in (1, 4, 7, 10) and m2 == m1 + 2:
        return f"{y1:04d}-Q{quarter_of(m1)}"
    if m1 in (1, 7) and m2 == m1 + 5:
        return f"{y1:04d}-H{1 if m1 == 1 else 2}"
    return f"{y1:04d}"


FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
}
EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}


def _holiday_date(name: str, year: int) -> dt.date | None:
    if name in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[name]
        return safe_date(year, month, day)
    if name in EASTER_OFFSETS:
        sunday: dt.date = easter(year)
        return sunday + dt.timedelta(days=EASTER_OFFSETS[name])
    return None


def _holiday(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    assert m is not None
    name = " ".join(m["hol"].lower().replace("’", "'").split())
    if m["y"]:
        day = _holiday_date(name, int(m["y"]))
        how = f"{name} of an explicit year"
    else:
        if ctx.anchor is None:
            if name in FIXED_HOLIDAYS:
                month, dom = FIXED_HOLIDAYS[name]
                return Norm(f"{UNKNOWN_YEAR}-{month:02d}-{dom:02d}", how=f"{name}; {YEAR_UNKNOWN}")
            return Norm(None, how=f"{name} (its date moves with the year); {NO_ANCHOR}")
        anchor = ctx.anchor
        direction, why = _direction_note(ctx, cand)
        options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                   if (d := _holiday_date(name, y)) is not None]  # fmt: skip
        if direction == "past":
            pool = [d for d in options if d <= anchor] or options
            day = max(pool)
        elif direction == "future":
            pool = [d for d in options if d >= anchor] or options
            day = min(pool)
        else:
            day = min(options, key=lambda d: abs((d - anchor).days))
        how = f"{name}; year from publication date {anchor}; {why}"
    if day is None:
        return Norm(None, how=f"no date for {name}")
    return Norm(day_value(day), how=how)


def _year_ctx(g: dict[str, str | None], ctx: Context) -> tuple[int | None, str]:
    if g.get("y"):
        return int(g["y"] or 0), "explicit year"
    if g.get("yy"):
        return 2000 + int(g["yy"] or 0), "two-digit year"
    phrase = (g.get("ctx") or "").lower()
    if not phrase:
        return None, "no year"
    if any(w in phrase for w in ("that", "same", "following", "previous")):
        ref = ctx.reference
        if ref is None:
            return None, f"'{phrase}' refers to an earlier date in the text; none found"
        delta = 1 if "following" in phrase else -1 if "previous" in phrase else 0
        return ref.year + delta, f"'{phrase}' from the previous date in the text ({ref})"
    if ctx.anchor is None:
        return None, NO_ANCHOR
    if "last" in phrase or "past" in phrase:
        return ctx.anchor.year - 1, f"'{phrase}' from publication date {ctx.anchor}"
    if "next" in phrase:
        return ctx.anchor.year + 1, f"'{phrase}' from publication date {ctx.anchor}"
    return ctx.anchor.year, f"'{phrase}' from publication date {ctx.anchor}"


def _quarter(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    assert m is not None
    g = m.groupdict()
    if g.get("q"):
        q = int(g["q"] or 0)
    else:
        ord_ = (g["ord"] or "").lower()
        if ord_ == "last" and not g.get("the") and not g.get("of"):
            if ctx.anchor is None:
                return Norm(None, how=NO_ANCHOR)
            return Norm(
                shift(ctx.anchor, -1, "quarter"),
                how=f"the quarter before publication date {ctx.anchor}",
            )
        q = ORDINALS[ord_]
    year, how = _year_ctx(g, ctx)
    if year is None:
        if ctx.anchor is None:
            return Norm(f"{UNKNOWN_YEAR}-Q{q}", how=f"quarter; {YEAR_UNKNOWN}")
        direction, why = _direction_note(ctx, cand)
        cur_q = quarter_of(ctx.anchor.month)
        year = ctx.anchor.year
        if direction == "past" and q > cur_q:
            year -= 1
        elif direction == "future" and q < cur_q:
            year += 1
        how = f"quarter; year from publication date {ctx.anchor}; {why}"
    return Norm(f"{year:04d}-Q{q}", how=how)


def _half(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    assert m is not None
    g = m.groupdict()
    h = int(g["h"]) if g.get("h") else ORDINALS[(g["ord"] or "").lower()]
    year, how = _year_ctx(g, ctx)
    if year is None:
        if ctx.anchor is None:
            return Norm(f"{UNKNOWN_YEAR}-H{h}", how=f"half-year; {YEAR_UNKNOWN}")
        year = ctx.anchor.year
        how = f"half-year; year of publication date {ctx.anchor}"
    return Norm(f"{year:04d}-H{h}", how=how)


def _rel_unit(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    assert m is not None
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    if rel == "past":
        code = UNIT_CODES.get(unit)
        if code is not None:
            return Norm(f"P1{code}", type="DURATION", how=f"'the past {unit}' is a duration")
    if rel in ("following", "previous", "same"):
        ref = ctx.reference
        if ref is None:
            return Norm(None, how="relative to an earlier date in the text, none found")
        delta = {"following": 1, "previous": -1, "same": 0}[rel]
        return _rel_value(ref, delta, unit, f"'{rel} {unit}' from the previous date in the text")
    if ctx.anchor is None:
        return Norm(None, how=NO_ANCHOR)
    delta = {"last": -1, "next": 1, "coming": 1, "this": 0, "current": 0}[rel]
    return _rel_value(ctx.anchor, delta, unit, f"'{rel} {unit}' from publication date")


def _rel_value(ref: dt.date, delta: int, unit: str, how: str) -> Norm:
    how = f"{how} {ref}"
    if unit == "weekend":
        sat = resolve_weekday(ref, 5, "future" if delta >= 0 else "past")
        if delta == 0 and ref.weekday() == 6:
            sat = ref - dt.timedelta(days=1)
        if delta > 0 and sat - ref < dt.timedelta(days=1):
            sat += dt.timedelta(days=7)
        return Norm(f"{week_value(sat)}-WE", how=how)
    if unit in SEASONS:
        code = SEASONS[unit]
        start_month = SEASON_START[code]
        y = ref.year
        # Season instances named by the year they start in.
        this_start = dt.date(y if not (code == "WI" and ref.month < 3) else y - 1, start_month, 1)
        y0 = this_start.year
        if delta < 0:
            y0 -= 1
        elif delta > 0 and this_start <= ref:
            y0 += 1
        return Norm(f"{y0:04d}-{code}", how=how)
    return Norm(shift(ref, delta, unit), how=how)


def _deictic(word: str, ctx: Context) -> Norm:
    w = " ".join(word.lower().split())
    if ctx.anchor is None:
        return Norm(None, how=NO_ANCHOR)
    a = ctx.anchor
    offsets = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "last night": -1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    first = w.split()[0]
    if w in offsets:
        delta = offsets[w]
    elif first in offsets:
        delta = offsets[first]
    else:
        delta = 0
    day = a + dt.timedelta(days=delta)
    pod = next((POD[x] for x in w.split() if x in POD), None)
    how = f"'{w}' from publication date {a}"
    if pod is not None:
        return Norm(f"{day_value(day)}T{pod}", type="TIME", how=how)
    return Norm(day_value(day), how=how)


def _narrative_day(phrase: str, ctx: Context) -> Norm:
    p = " ".join(phrase.lower().split())
    ref = ctx.reference
    words = p.split()
    if p in ("the day before", "the day after"):
        delta = -1 if words[-1] == "before" else 1
        unit = "day"
    else:
        delta = {"next": 1, "following": 1, "previous": -1, "same": 0}[words[1]]
        unit = words[2]
    if ref is None and year_unknown(ctx.reference_value):
        return _shift_year_unknown(ctx.reference_value or "", delta, unit, f"'{p}'")
    if ref is None:
        return Norm(None, how="relative to an earlier date in the text, none found")
    return Norm(
        _shift_exact(ref, delta, unit), how=f"'{p}' after the previous date in the text ({ref})"
    )


def _shift_year_unknown(ref_value: str, amount: int, unit: str, phrase: str) -> Norm:
    """A day or month counted from a previous date whose year is unknown."""
    moved = None
    if unit == "day":
        moved = shift_year_unknown(ref_value, days=amount)
    elif unit == "month":
        moved = shift_year_unknown(ref_value, months=amount)
    if moved is None:
        return Norm(
            None,
            how=f"{phrase} from the previous date in the text ({ref_value}); "
            "its year is unknown, so the result cannot be placed",
        )
    return Norm(
        moved, how=f"{phrase} from the previous date in the text ({ref_value}); {YEAR_UNKNOWN}"
    )


def _duration(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    assert m is not None
    amount = _int(m["n"])
    unit = _unit(m["unit"])
    amount_s = "X" if amount < 0 else str(amount)
    if unit in TIME_UNITS:
        value = f"PT{amount_s}{TIME_UNITS[unit]}"
    elif unit == "quarter" and amount >= 0:
        value = f"P{amount * 3}M"
    else:
        value = f"P{amount_s}{UNIT_CODES.get(unit, 'Y')}"
    prev = _word_before(ctx.text, cand.start)
    if prev == "in" and not m.groupdict().get("pre") and ctx.anchor is not None and amount > 0:
        direction, why = _direction_note(ctx, cand)
        if direction == "future" and unit in UNIT_CODES:
            return Norm(
                _shift_exact(ctx.anchor, amount, unit),
                how=f"'in {amount} {unit}(s)' after publication date {ctx.anchor}; {why}",
            )
    qual = " ".join((m.groupdict().get("qual") or "").lower().split())
    mod: TimexMod | None = "APPROX" if qual in ("about", "around", "roughly", "some") else None
    how = f"duration of {amount_s} {unit}(s)" + (f" ('{qual}')" if qual else "")
    return Norm(value, type="DURATION", mod=mod, how=how)


def _set(g: dict[str, str | None]) -> Norm:
    unit = (g.get("unit") or g.get("adv") or "").lower()
    adv_units = {
        "annually": "year",
        "yearly": "year",
        "monthly": "month",
        "weekly": "week",
        "daily": "day",
        "hourly": "hour",
        "quarterly": "quarter",
        "annum": "year",
    }
    unit = adv_units.get(unit, unit)
    if unit.endswith("s") and unit[:-1] in ("weekend", "morning", "evening", "night"):
        unit = unit[:-1]
    step = 2 if g.get("other") else 1
    if unit in WEEKDAYS:
        return Norm(f"XXXX-WXX-{WEEKDAYS[unit] + 1}", type="SET", how="every weekday")
    if unit in MONTHS:
        return Norm(f"XXXX-{MONTHS[unit]:02d}", type="SET", how="every month named")
    if unit in POD:
        return Norm(f"T{POD[unit]}", type="SET", how="every part of day")
    if unit in SEASONS:
        return Norm(f"XXXX-{SEASONS[unit]}", type="SET", how="every season")
    if unit == "weekend":
        return Norm("XXXX-WXX-WE", type="SET", how="every weekend")
    if unit == "hour":
        return Norm(f"PT{step}H", type="SET", how="every hour")
    if unit == "quarter":
        return Norm(f"P{3 * step}M", type="SET", how="every quarter")
    code = UNIT_CODES.get(unit, "Y")
    return Norm(f"P{step}{code}", type="SET", how=f"recurring every {step} {unit}(s)")


def _weekday(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    assert m is not None
    wd = WEEKDAYS[m["wd"].lower()]
    if m["pl"]:
        return Norm(f"XXXX-WXX-{wd + 1}", type="SET", how="plural weekday: every such day")
    if ctx.anchor is None:
        if m["dom"]:
            return Norm(
                None,
                how=f"weekday with day of month ({int(m['dom'])}); month and year unknown:"
                " the article has no publication date",
            )
        return Norm(None, how=f"weekday; {NO_ANCHOR}")
    a = ctx.anchor
    rel = (m["rel"] or "").lower()
    pod = POD.get((m["pod"] or "").lower())
    day: dt.date | None = None
    how = ""
    if m["dom"]:
        dom = int(m["dom"])
        day = weekday_with_day_of_month(a, wd, dom)
        if day is not None:
            how = f"weekday with day of month ({dom}): nearest such date to publication date {a}"
            gap = abs((day - a).days)
            if gap > 7:
                how += f" ({gap} days away: check the publication date)"
    if day is None:
        if rel in ("last", "past"):
            day = resolve_weekday(a, wd, "past", strict=True)
            how = f"'{rel}' weekday: the one before publication date {a}"
        elif rel in ("next", "coming"):
            day = resolve_weekday(a, wd, "future", strict=True)
            how = f"'{rel}' weekday: the one after publication date {a}"
        else:
            direction, why = _direction_note(ctx, cand)
            if rel == "this" and direction is None:
                monday = a - dt.timedelta(days=a.weekday())
                day = monday + dt.timedelta(days=wd)
                how = f"'this' weekday: same week as publication date {a}; {why}"
            else:
                day = resolve_weekday(a, wd, direction)
                label = {"past": "latest on or before", "future": "next on or after"}.get(
                    direction or "", "nearest to"
                )
                how = f"weekday: {label} publication date {a}; {why}"
    if pod is not None:
        return Norm(f"{day_value(day)}T{pod}", type="TIME", how=how)
    return Norm(day_value(day), how=how)


NTH: dict[str, int] = {"fifth": 5, "5th": 5, "last": -1, "final": -1}


def _nth_weekday(cand: Cand, ctx: Context) -> Norm:
    """ "the first Saturday in July", "the last Monday of May 2024"."""
    m = cand.match
    assert m is not None
    ord_ = m["ord"].lower()
    nth = NTH.get(ord_) or ORDINALS[ord_]
    wd = WEEKDAYS[m["wd"].lower()]
    month = MONTHS[m["mon"].lower().rstrip(".")]
    rule = f"the {ord_} {m['wd'].capitalize()} of the month"
    if m["y"]:
        year = int(m["y"])
        how = f"{rule}; explicit year"
    elif ctx.anchor is None:
        return Norm(
            f"{UNKNOWN_YEAR}-{month:02d}",
            how=f"{rule} (its day depends on the year, so the month only); {YEAR_UNKNOWN}",
        )
    else:
        direction, why = _direction_note(ctx, cand)
        year = choose_year(ctx.anchor, month, None, direction)
        how = f"{rule}; year from publication date {ctx.anchor}; {why}"
    day = nth_weekday(year, month, wd, nth)
    if day is None:
        return Norm(None, how=f"{rule}: no such day in {month_value(year, month)}")
    return Norm(day_value(day), how=how)


def _clock(cand: Cand, ctx: Context) -> Norm:
    m = cand.match
    assert m is not None
    g = m.groupdict()
    if g.get("w"):
        word = (g["w"] or "").lower()
        hh, mi = (0, 0) if word == "midnight" else (12, 0)
    else:
        hh = int(g["h"] or 0)
        mi = int(g["mi"] or 0)
        ap = (g.get("ap") or "").lower().replace(".", "")
        if ap == "pm" and hh < 12:
            hh += 12
        elif ap == "am" and hh == 12:
            hh = 0
    return Norm(
        None,
        type="TIME",
        how=f"clock time {hh:02d}:{mi:02d}; its day is taken from a neighbouring date if any",
        minutes=hh * 60 + mi,
    )


def _vague(cand: Cand, ctx: Context) -> Norm:
    words = ctx.text[cand.start : cand.end].lower()
    single = re.fullmatch(r"(?:a|an|one)\s+(year|month|week|day|decade|hour)", words)
    if single is not None:
        unit = _unit(single.group(1))
        value = f"PT1{TIME_UNITS[unit]}" if unit in TIME_UNITS else f"P1{UNIT_CODES[unit]}"
        return Norm(value, type="DURATION", how="duration of one unit (spaCy DATE entity)")
    bare = re.fullmatch(
        r"(?:many\s+|several\s+|some\s+)?(years|months|weeks|days|decades|hours)", words
    )
    if bare is not None:
        unit = _unit(bare.group(1))
        code = f"T{TIME_UNITS[unit]}" if unit in TIME_UNITS else UNIT_CODES[unit]
        return Norm(
            f"P{code[:1] if code.startswith('T') else ''}X{code.lstrip('T')}",
            type="DURATION",
            how="unquantified duration (spaCy DATE entity)",
        )
    if re.search(r"\b(recent|past few|last few|earlier)\b", words):
        return Norm("PAST_REF", how="vague past reference (spaCy DATE entity)")
    if re.search(r"\b(coming|next few|upcoming|future)\b", words):
        return Norm("FUTURE_REF", how="vague future reference (spaCy DATE entity)")
    if re.search(r"\b(now|currently|present)\b", words):
        return Norm("PRESENT_REF", how="present reference (spaCy DATE entity)")
    return Norm(None, how="found by spaCy as a DATE/TIME entity; no normalization rule applies")


# --------------------------------------------------------------------------- ranges

_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|until|till|through|thru|and)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)


def _combine_ranges(items: list[tuple[Cand, Norm]], ctx: Context) -> list[tuple[Cand, Norm]]:
    out: list[tuple[Cand, Norm]] = []
    i = 0
    while i < len(items):
        cand, norm = items[i]
        if norm.type == "TIME" and norm.value is None and norm.minutes is not None:
            norm = _attach_clock(cand, norm, items, ctx)
        if i + 1 < len(items):
            nxt, nnorm = items[i + 1]
            between = ctx.text[cand.end : nxt.start]
            opener = _RANGE_OPEN.search(ctx.text[max(0, cand.start - 12) : cand.start])
            joined = _RANGE_JOIN.match(between) is not None
            dash = between.strip() in ("-", "–", "—")
            if (
                joined
                and (opener is not None or dash)
                and norm.type == "DATE"
                and nnorm.type == "DATE"
                and norm.begin is None
                and nnorm.begin is None
                and "\n" not in between
            ):
                merged = _merge(cand, norm, nxt, nnorm, ctx)
                if merged is not None:
                    out.append(merged)
                    i += 2
                    continue
        out.append((cand, norm))
        i += 1
    return out


def _merge(a: Cand, an: Norm, b: Cand, bn: Norm, ctx: Context) -> tuple[Cand, Norm] | None:
    if an.value is None or bn.value is None:
        return None
    if year_unknown(an.value) and year_unknown(bn.value):
        return _merge_year_unknown(a, an, b, bn)
    a_value = an.value
    if an.inferred_year and not bn.inferred_year and a.match is not None and a.kind == "m":
        b_bounds = value_bounds(bn.value)
        month = MONTHS[a.match["mon"].lower()]
        if b_bounds is not None:
            year = b_bounds[1].year
            if month > b_bounds[1].month and len(bn.value) > 4:
                year -= 1
            a_value = month_value(year, month)
    elif an.inferred_year and not bn.inferred_year and a.kind in ("md", "dm") and a.match:
        # "from March 2 to April 5, 2024": the end's year dates the start too.
        b_bounds = value_bounds(bn.value)
        month, dom = MONTHS[a.match["mon"].lower().rstrip(".")], int(a.match["d"])
        if b_bounds is not None and len(bn.value) >= 7:
            end = b_bounds[1]
            year = end.year - (1 if (month, dom) > (end.month, end.day) else 0)
            start = safe_date(year, month, dom)
            a_value = day_value(start) if start is not None else a_value
    ab, bb = value_bounds(a_value), value_bounds(bn.value)
    if ab is None or bb is None or ab[0] > bb[1]:
        return None
    value = a_value
    if ab[0].year == bb[1].year:
        if len(a_value) >= 7 and len(bn.value) >= 7:
            value = _enclosing(ab[0].year, ab[0].month, bb[1].year, bb[1].month)
        else:
            value = f"{ab[0].year:04d}"
    cand = Cand(a.start, b.end, "range", None)
    enclosing = "the period enclosing both" if value != a_value else "the start"
    how = f"range from {a_value} to {bn.value}; value is {enclosing}"
    if a_value != an.value:
        how += " (start: its year from the end of the range)"
    elif an.how:
        how += f" (start: {an.how})"
    return cand, Norm(value, begin=a_value, end_value=bn.value, how=how)


def _merge_year_unknown(a: Cand, an: Norm, b: Cand, bn: Norm) -> tuple[Cand, Norm] | None:
    """ "from May 7 to May 9" without a year: a range of XXXX values, in calendar order."""
    a_value, b_value = an.value or "", bn.value or ""
    if timeline_key(a_value) > timeline_key(b_value):
        return None  # "from November to February" may cross a year we cannot know
    value = a_value
    days = re.compile(r"XXXX-(\d{2})-\d{2}$")
    da, db = days.match(a_value), days.match(b_value)
    if da is not None and db is not None and da[1] == db[1]:
        value = f"{UNKNOWN_YEAR}-{da[1]}"
    cand = Cand(a.start, b.end, "range", None)
    enclosing = "the enclosing month" if value != a_value else "the start"
    return cand, Norm(
        value,
        begin=a_value,
        end_value=b_value,
        how=f"range from {a_value} to {b_value}; {YEAR_UNKNOWN}; value is {enclosing}",
    )


def _year_note(day: str) -> str:
    return f"; {YEAR_UNKNOWN}" if day.startswith(UNKNOWN_YEAR) else ""


def _attach_clock(cand: Cand, norm: Norm, items: list[tuple[Cand, Norm]], ctx: Context) -> Norm:
    minutes = norm.minutes or 0
    hh, mi = divmod(minutes, 60)
    doc = ctx.doc
    sent: tuple[int, int] = (max(0, cand.start - 80), cand.end + 80)
    tok = ctx.token_at(cand.start)
    if doc is not None and tok is not None:
        sent = (tok.sent.start_char, tok.sent.end_char)
    best: tuple[int, str] | None = None
    for other, on in items:
        if other is cand or on.value is None or not sent[0] <= other.start < sent[1]:
            continue
        day = on.value[:10]
        if re.fullmatch(r"(?:\d{4}|XXXX)-\d{2}-\d{2}", day):
            gap = abs(other.start - cand.start)
            if best is None or gap < best[0]:
                best = (gap, day)
    sentence_dated = any(
        other is not cand and on.type == "DATE" and sent[0] <= other.start < sent[1]
        for other, on in items
    )
    if best is None and sentence_dated:
        return Norm(
            None,
            type="TIME",
            how=f"clock time {hh:02d}:{mi:02d}; the date in its sentence is not a single day",
        )
    if best is None:
        before = [
            (cand.start - other.end, on.value[:10])
            for other, on in items
            if on.value is not None
            and other.end <= cand.start
            and cand.start - other.end <= CLOCK_LOOKBACK
            and re.fullmatch(r"(?:\d{4}|XXXX)-\d{2}-\d{2}", on.value[:10])
        ]
        if before:
            _, day = min(before)
            return Norm(
                f"{day}T{hh:02d}:{mi:02d}",
                type="TIME",
                how=f"clock time {hh:02d}:{mi:02d} on {day} (the last day mentioned before it)"
                + _year_note(day),
            )
        return Norm(
            None, type="TIME", how=f"clock time {hh:02d}:{mi:02d} with no day mentioned near it"
        )
    return Norm(
        f"{best[1]}T{hh:02d}:{mi:02d}",
        type="TIME",
        how=f"clock time {hh:02d}:{mi:02d} on {best[1]} (date in the same sentence)"
        + _year_note(best[1]),
    )
