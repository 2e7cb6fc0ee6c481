"""Finding the reported numbers in an article's text: each candidate with its span, value,
kind, unit, currency, qualifier and range, before the parse says what it measures.

A hand-written scanner finds numerals ("350", "82.5", "1,200"), written numbers ("seventeen"),
fractions ("a third of") and ordinals ("80th"), then reads the words around each one: the
qualifier before it ("more than"), a currency prefix ("US$", "RUB"), a scale ("mn", "billion"),
a percent sign or a currency name after it, a range partner ("10-15%", "between 10 and 15")
and the counted noun ("delegates"). The parse supplies DATE/TIME entities (negative evidence:
those numbers belong to the timeline) and the counted noun phrase (:mod:`.context`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from tui.extract.figures import lexicon as L
from tui.extract.figures import numbers as N
from tui.extract.figures import patterns as rx
from tui.extract.figures.context import Context
from tui.extract.figures.lemmas import CHANGE_NOUNS, CHANGE_VERBS, noun_lemma, verb_lemma
from tui.records.models import FigureKind

if TYPE_CHECKING:  # spaCy is imported by tui.nlp only when a parse is needed
    from spacy.tokens import Doc


@dataclass
class Candidate:
    """A number found in the text, read with the words around it (offsets into the text)."""

    start: int
    end: int
    core_start: int
    value: Decimal | None
    kind: FigureKind
    unit: str | None = None
    currency: str | None = None
    qualifier: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    change: bool | None = None


@dataclass
class _Num:
    """A numeral with its glued or spaced scale, optional currency prefix: "US$82.5 million"."""

    start: int
    end: int
    value: Decimal
    scaled: bool
    currency: str | None
    ordinal: bool
    plain_digits: str
    times: bool = False
    scale: int = 1
    unit: str | None = None


def _read_numeral(text: str, match: re.Match[str]) -> _Num | None:
    """The numeral at ``match`` with its glued suffix and spaced scale; None if not a figure."""
    start, end = match.span()
    digits = match.group(0)
    if (
        start > 0
        and text[start - 1].isalpha()
        and not rx.CODE_GLUED_BEFORE.search(text, max(0, start - 4), start)
    ):
        return None  # "G20", "MH17": digits inside a name
    value = N.parse_numeral(digits)
    if value is None:
        return None
    scaled = False
    ordinal = False
    times = False
    scale = 1
    unit: str | None = None
    glued = rx.GLUED.match(text, end)
    glued_unit = rx.GLUED_UNIT.match(text, end)
    if glued_unit:  # "128GB", "70mph", "300km"
        unit = L.GLUED_UNITS[glued_unit.group(1).lower()]
        end = glued_unit.end()
    elif rx.GLUED_PC.match(text, end):
        pass  # "2.4pc": a percent sign, read with the others
    elif glued:
        if glued.group(1):
            scale = N.SCALE_SUFFIX[glued.group(1).lower()]
            value *= scale
            scaled = True
            end = glued.end()
        elif glued.group(2):
            ordinal = True
            end = glued.end()
        elif glued.group(3):
            times = True  # "up 3x": a multiple
            end = glued.end()
        else:
            return None  # "1990s", "5G", "3D", "4x4"
    elif end < len(text) and text[end] == "-" and end + 1 < len(text) and text[end + 1].isalpha():
        nxt = rx.WORD.match(text, end + 1)
        word = nxt.group(0).lower() if nxt else ""
        inner = nxt is not None and text[nxt.end() : nxt.end() + 1] == "-"
        if inner and word not in L.TIME_UNITS and word not in N.SCALE_SUFFIX:
            return None  # "3-D-printed", inner parts of names ("40-year-old" is kept)
    if text[end : end + 1] == "/" and text[end + 1 : end + 2].isdigit():
        price = rx.PRICE_FRACTION.match(text, start)
        if (
            price is None
            or not _price_fraction(price)
            or not _moved(text[max(0, start - 30) : start])
        ):
            return None  # "4/5", "3/4": a score, ratio or date; but "eased 1/4": a price move
        value = Decimal(price.group(1)) / Decimal(price.group(2))
        end = price.end()
    elif (
        digits.isdigit()
        and (mixed := rx.FRACTION_AFTER.match(text, end))
        and _price_fraction(mixed)
    ):
        value += Decimal(mixed.group(1)) / Decimal(mixed.group(2))  # "41 1/4": 41.25
        end = mixed.end()
    if not scaled and not ordinal and unit is None:
        spaced = rx.SCALE_WORD.match(text, end)
        if spaced:
            scale = N.SCALE_SUFFIX[spaced.group(1).lower()]
            value *= scale
            scaled = True
            end = spaced.end()
    currency = None
    pre = rx.PREFIX_BEFORE.search(text, max(0, start - 8), start)
    if pre:
        code = pre.group(1) or ""
        symbol = pre.group(2) or ""
        currency = L.CODE_ALIASES.get(code, code) if code else L.CURRENCY_PREFIX.get(symbol)
        start = pre.start()
    return _Num(start, end, value, scaled, currency, ordinal, digits, times, scale, unit)


def _price_fraction(match: re.Match[str]) -> bool:
    """A proper fraction with a stock-price denominator ("5/8", "1/2"), not "8/8"."""
    return 0 < int(match.group(1)) < int(match.group(2))


#: Words before "from" that say a value moved ("went from 40 to 60"), besides the verbs
#: and nouns of change.
_MOVES = frozenset(["up", "down", "went", "gone", "go", "goes", "going", "moved", "changed"])


def _weight(text: str, num: _Num, name: re.Match[str], left: str) -> bool:
    """Whether "pounds" after the number weighs ("20 pounds of cocaine", "weighed 8 pounds")
    rather than pays: unscaled, with no currency sign, followed by "of" or after "weigh"."""
    return (
        name.group(1).lower() in ("pound", "pounds")
        and not num.scaled
        and num.currency is None
        and (
            rx.OF_AFTER.match(text, name.end()) is not None
            or rx.WEIGH_BEFORE.search(left) is not None
        )
    )


def _changed(before: str) -> bool:
    """Whether the words before "from" report a change ("rose", "up", "an increase"), which
    makes "from 40 to 60" two values of an evolution rather than one range."""
    words = re.findall(r"[A-Za-z]+", before)[-3:]
    return any(
        w.lower() in _MOVES or verb_lemma(w) in CHANGE_VERBS or noun_lemma(w) in CHANGE_NOUNS
        for w in words
    )


#: Verbs of a price or an index moving by an amount to a level ("fell 2 to 18", "eased 1/4
#: to 17 3/8"): after them "N to M" is the move and the new level, not a range. Transitive
#: verbs of change are left out: "cut 1,000 to 2,000 jobs" is a range.
_MOVE_VERBS = frozenset(
    ["rise", "fall", "climb", "jump", "surge", "soar", "rocket", "drop", "decline", "plunge",
     "slump", "slide", "sink", "tumble", "gain", "dip", "edge", "advance", "slip", "plummet",
     "ease", "rally", "retreat", "firm", "skid", "tick", "add", "shed", "lose"]
)  # fmt: skip


def _moved(left: str) -> bool:
    """Whether the word before the number is a verb of a move, or up/down after one ("rose
    3", "was up 2", "edged up 3/8")."""
    words = re.findall(r"[A-Za-z]+", left)[-1:]
    if not words or re.search(r"[.;:!?]\s*$", left):
        return False
    if words[-1].lower() in ("up", "down", "higher", "lower"):
        return True
    word = words[-1].lower()
    forms = {verb_lemma(word), word}
    for suffix in ("ed", "d", "s", "es", "ing"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            forms |= {stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem}
    return not forms.isdisjoint(_MOVE_VERBS)


def _is_age(ctx: Context, num: _Num, left: str) -> bool:
    """Whether the bare number is a person's age: "Ana Ruiz, 51, said", "Tom Bell (63)",
    "aged 63" — even where the parse calls it a date."""
    digits = num.plain_digits
    if not digits.isdigit() or not 0 < int(digits) <= 120:
        return False
    if rx.AGED_BEFORE.search(left):
        return True
    turns = rx.TURNS_BEFORE.search(left)
    if turns is not None and rx.TURNS_AFTER.match(ctx.text, num.end):
        verb = ctx.tok_at(num.start - len(left) + turns.start())
        return verb is not None and any(
            child.dep_ == "nsubj"
            and (child.ent_type_ == "PERSON" or child.lower_ in ("he", "she", "i", "you"))
            for child in verb.children
        )
    name = rx.NAME_THEN_AGE.search(left)
    if name is None or not rx.AGE_AFTER.match(ctx.text, num.end):
        return False
    if left.endswith("(") != (ctx.text[num.end : num.end + 1] == ")"):
        return False  # "Tom Bell (63)" but not a rank "Ted Cruz (4.)", nor "Bell, 63)"
    tok = ctx.tok_at(num.start - len(left) + name.start(1))
    return tok is not None and tok.ent_type_ == "PERSON"


def _is_year(num: _Num) -> bool:
    digits = num.plain_digits
    return (
        not num.scaled
        and num.currency is None
        and re.fullmatch(r"\d{4}", digits) is not None
        and 1800 <= int(digits) <= 2100
    )


def _results_table(text: str) -> list[tuple[int, int]]:
    """The lines of a results table or leaderboard: two or more lines in a row of
    ``patterns.RESULT_LINE`` ("HARBOR CITY 27 Eastfield 12", "63 Ana Brook"), with blank lines
    and lines of names alone between them. Their numbers are scores and places."""
    lines = list(rx.RESULT_LINE.finditer(text))
    out: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    for line in lines:
        if run and not all(
            not gap.strip() or rx.NAMES_LINE.fullmatch(gap)
            for gap in text[run[-1].end() : line.start()].split("\n")
        ):
            if len(run) >= 2:
                out.extend(m.span() for m in run)
            run = []
        run.append(line)
    if len(run) >= 2:
        out.extend(m.span() for m in run)
    return out


def _score(text: str, left: str, num: _Num, second: _Num) -> bool:
    """Whether "N-M" between two small whole numbers is a score: after a word of result
    ("drew 1-1", "lost 4-6"), before or after another score ("4-6 6-4 7-5") or before the
    word for the match ("a 1-3 defeat", "2-5 on aggregate")."""
    if num.scaled or num.currency or second.scaled or second.currency or num.ordinal:
        return False
    if not (num.plain_digits.isdigit() and second.plain_digits.isdigit()):
        return False
    if int(num.plain_digits) > 200 or int(second.plain_digits) > 200:
        return False
    return bool(
        rx.SCORE_BEFORE.search(left)
        or rx.SCORE_BEFORE_PAIR.search(left)
        or rx.SCORE_AFTER.match(text, second.end)
    )


def _blocked_ranges(text: str) -> list[tuple[int, int]]:
    """Phone numbers, URLs/e-mails, numeric dates and results tables, merged and sorted."""
    spans = sorted(
        [m.span() for rx in (rx.PHONE, rx.URLISH, rx.ISO_DATE) for m in rx.finditer(text)]
        + _results_table(text)
    )
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of the sorted, disjoint ``ranges``."""
    i = bisect.bisect_right(ranges, (start, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= start and end <= ranges[i][1]


def _next_numeral(text: str, pos: int) -> re.Match[str] | None:
    """The next numeral from ``pos``, including one glued to a currency code ("EUR5bn")."""
    plain = rx.NUMERAL.search(text, pos)
    signed = rx.SIGNED.search(text, pos, plain.start() if plain else len(text))
    if signed is not None:  # "+32 point lead": the digits after the sign
        plain = rx.NUMERAL_AT.match(text, signed.end()) or plain
    glued = rx.CODE_GLUED.search(text, pos, plain.start() if plain else len(text))
    while glued is not None:
        after = rx.NUMERAL_AT.match(text, glued.end())
        if after is not None:
            return after
        glued = rx.CODE_GLUED.search(text, glued.end(), plain.start() if plain else len(text))
    return plain


def _scan_numerals(ctx: Context, blocked: list[tuple[int, int]]) -> list[Candidate]:
    text = ctx.text
    out: list[Candidate] = []
    pos = 0
    while (found := _next_numeral(text, pos)) is not None:
        match: re.Match[str] = found
        pos = match.end()
        if _inside(blocked, *match.span()):
            continue
        if " " in match.group(0) and (
            rx.MONTH_BEFORE.search(text, max(0, match.start() - 20), match.start())
            or rx.WEEKDAY_BEFORE.search(text, max(0, match.start() - 20), match.start())
        ):
            short = rx.NUMERAL_NOSPACE.match(text, match.start())
            if short is None:
                continue
            match = short
            pos = match.end()
        num = _read_numeral(text, match)
        if num is None:
            continue
        cand = _interpret(ctx, num, match)
        if cand is not None:
            if rx.SIGNED.match(text, match.start() - 1) and cand.start == match.start():
                cand.start -= 1  # the sign is part of what is written: "+32 point"
            out.append(cand)
            pos = max(pos, cand.end)
    return out


def _interpret(ctx: Context, num: _Num, match: re.Match[str]) -> Candidate | None:
    text = ctx.text
    core_start = match.start()
    left = text[max(0, num.start - 40) : num.start]
    start, end = num.start, num.end
    value: Decimal | None = num.value
    low: Decimal | None = None
    high: Decimal | None = None
    currency = num.currency
    decorated = num.scaled or currency is not None

    # Ranges: "10-15%", "$10-15bn", "between 10 and 15".
    second: _Num | None = None
    between = rx.BETWEEN_BEFORE.search(left)
    from_ = rx.FROM_BEFORE.search(left)
    if from_ is not None and _changed(left[: from_.start()]):
        from_ = None  # "rose from 40 to 60": a change from one value to another, two figures
        evolution = True
    else:
        evolution = False
    pct_first = rx.PERCENT.match(text, end)  # "between 10% and 15%"
    sep = (rx.AND_SEP if between else rx.RANGE_SEP).match(
        text, pct_first.end() if pct_first else end
    )
    if sep and not num.ordinal and not evolution:
        m2 = rx.NUMERAL_AT.match(text, sep.end())
        if m2 is None:  # currency repeated: "$10-$15bn"
            for sym in sorted(L.CURRENCY_PREFIX, key=len, reverse=True):
                if text.startswith(sym, sep.end()):
                    m2 = rx.NUMERAL_AT.match(text, sep.end() + len(sym))
                    break
        if m2 is not None:
            second = _read_numeral(text, m2)
            if second is not None and (second.ordinal or (_is_year(second) and _is_year(num))):
                second = None
            if second is not None and _is_year(num) and len(second.plain_digits) == 2:
                return None  # "2023-24"
            if second is not None and pct_first and not rx.PERCENT.match(text, second.end):
                second = None
    if (
        second is not None
        and sep is not None
        and "to" in sep.group(0)
        and _moved(left)
        and not pct_first
        and not rx.PERCENT.match(text, second.end)
        and (num.scaled or not second.scaled)
    ):
        second = None  # "fell 2 to 18", "gained $1.25 to $30.50": the move, then the level
    if (
        second is not None
        and sep is not None
        and "-" in sep.group(0)
        and _score(text, left, num, second)
    ):
        return None  # "drew 1-1", "the 4-6 6-4 defeat": a score, not a range
    if second is not None:
        first_value = num.value
        if second.scaled and not num.scaled:
            first_value = first_value * second.scale  # "$10-15bn": the scale is shared
        low, high = first_value, second.value
        if low > high:
            hyphen = "to" not in text[num.end : second.start]
            if hyphen and not decorated and not second.scaled and second.currency is None:
                return None  # "ruled 3-2", "won 2-1": a score, not a range
            second = None
            low = high = None
        else:
            value = None
            end = second.end
            currency = currency or second.currency
            decorated = decorated or second.scaled or second.currency is not None
    opener = between or from_
    if opener is not None and second is not None:
        start = num.start - (len(left) - opener.start())  # "between 10 and 15", "from 40 to 60"

    if not decorated and second is None and not num.ordinal and _is_age(ctx, num, left):
        return Candidate(num.start, num.end, core_start, num.value, "age", "years")

    # Date and time contexts (not figures unless money/percent/scaled).
    after = text[end : end + 40]
    if not decorated:
        if rx.CLOCK_AFTER.match(text, end) or left.endswith(":"):
            return None
        if (N.parse_numeral(num.plain_digits) or 0) <= 31:
            if rx.MONTH_BEFORE.search(left) or rx.MONTH_AFTER.match(text, num.end):
                return None
            if rx.WEEKDAY_PAREN.search(left) and re.match(r"\s*\)", after):
                return None
            if num.ordinal and re.search(r"\bon the\s+$", left, re.IGNORECASE):
                return None
        if num.ordinal and _names_century(text, num.start, end):
            return None
        if _is_year(num) and second is None:
            return None
        if rx.LABEL_BEFORE.search(left) or rx.CAMEL_BEFORE.search(left):
            return None  # "page 12"; "iPhone 15", "iOS 17": labels and product names
        if ctx.inside_name(core_start, num.end):
            return None  # "the 9th Circuit Court of Appeals": part of a name
        digits = num.plain_digits
        if len(digits) >= rx.IDENTIFIER_DIGITS and digits.isdigit():
            return None  # "tweet-id=\"681365594273267717\"": an identifier, not a count
        if rx.LINE_START.search(text[max(0, num.start - 20) : num.start]) and rx.LIST_AFTER.match(
            text, num.end
        ):
            return None

    kind: FigureKind = "other" if num.times else "count"
    unit: str | None = "times" if num.times else None
    plus = text[end : end + 1] == "+" and not text[end + 1 : end + 2].isalnum()
    if plus:
        end += 1  # "40+ customers": more than 40
    pct = rx.PERCENT.match(text, end)
    if pct and not num.ordinal:
        kind = "percent"
        end = pct.end()
        if "point" in pct.group(1).lower():
            unit = "percentage points"
    elif not num.ordinal:
        code = rx.CODE_AFTER.match(text, end)
        name = rx.NAME_AFTER.match(text, end)
        if currency is None and code:
            currency = L.CODE_ALIASES.get(code.group(1), code.group(1))
            end = code.end()
        elif (
            name
            and (currency is None or num.scaled or name.group(1).lower() != "real")
            and not _weight(text, num, name, left)
        ):
            named = L.CURRENCY_NAMES[name.group(1).lower()]
            if currency is None or (currency == "USD" and named != "USD"):
                currency = named
            end = name.end()
    if currency is not None:
        kind = "money"
        if pct and not num.ordinal:
            kind = "percent"
            currency = None
    if kind == "count" and num.ordinal:
        kind = "ordinal"
        unit = ctx.noun_after(end)
    elif kind == "count":
        points = rx.POINTS.match(text, end)
        timeu = rx.TIME_UNIT.match(text, end)
        if num.unit is not None:
            kind, unit = "other", num.unit
        elif points:
            kind = "other"
            unit = re.sub(r"\s+", " ", points.group(1).lower())
            end = points.end()
        elif timeu:
            if rx.TIME_REL.match(text, timeu.end()):
                return None
            if timeu.group(2):
                kind = "age"  # "a 40-year-old man", "six months old"
                unit = L.TIME_UNITS[timeu.group(1).lower()]
                end = timeu.end()
            else:
                kind = "duration"
                unit = L.TIME_UNITS[timeu.group(1).lower()]
                end = timeu.end()
        else:
            in_date = not decorated and ctx.in_date(core_start, num.end) and second is None
            if in_date and (rx.MONTH_BEFORE.search(left) or rx.MONTH_AFTER.match(text, num.end)):
                return None
            if not decorated and re.match(r"-\w", text[end : end + 2]):
                word = rx.WORD.match(text, end + 1)
                if word is not None:
                    unit = word.group(0).lower()  # "a 10-metre wall": the unit is "metre"
                    end = word.end()
                    if unit in L.MEASURE_UNITS:
                        kind = "other"
                    elif unit in ("point", "points"):
                        kind, unit = "other", "points"  # "a 10-point lead": a difference
            else:
                unit, unit_end = _counted_noun(ctx, core_start, end)
                if unit is not None:
                    head = unit.split()[-1]
                    if head in L.MEASURE_UNITS or unit.split()[0] in L.MEASURE_UNITS:
                        kind = "other"
                    elif _multiple(text, unit, unit_end):
                        kind, unit = "other", "times"  # "three times as much": a multiple
                    measured = _measure_modifier(text, end, unit, unit_end)
                    end = unit_end
                    if measured is not None:
                        kind, unit, end = "other", *measured
            if in_date and unit is None:
                return None  # a number inside a DATE entity with no counted noun
            if (
                unit is None
                and value is not None
                and value <= 31
                and rx.WEEKDAY_BEFORE.search(left)
            ):
                return None  # "Monday 14": a day of the month
            if unit is None and second is None and not plus and rx.NAME_BEFORE.search(left):
                return None  # "Boeing 737", "Windows 11": a model number after a name
            if unit is None and value is not None and value != value.to_integral_value():
                kind = "other"
            if unit in L.SUBUNITS and value is not None:
                kind, currency = "money", L.SUBUNITS[unit]  # "31 cents", "50 pence"
                value = value / 100

    qualifier = _qualifier(text, start, kind)
    if qualifier is not None and not between:
        start = qualifier[1]
    return Candidate(
        start=start,
        end=end,
        core_start=core_start,
        value=value,
        kind=kind,
        unit=unit,
        currency=currency,
        qualifier="more than" if plus else qualifier[0] if qualifier and not between else None,
        low=low,
        high=high,
    )


def _measure_modifier(text: str, end: int, unit: str, unit_end: int) -> tuple[str, int] | None:
    """A unit of measure modifying the counted noun ("a 15,000 square-foot office", "a 300
    mile pipeline"): the number measures the office's area, it counts no offices. The unit
    (hyphens as spaces) and where it ends; None when no word before the head is a unit."""
    words = unit.split()
    if words[-1] in L.MEASURE_UNITS:
        return None  # "2 degrees Celsius", "5,000 square feet": the unit is the noun
    for i, word in enumerate(words[:-1]):
        if word.split("-")[-1] in L.MEASURE_UNITS and word not in ("square", "cubic", "metric"):
            chunk = list(re.finditer(r"\S+", text[end:unit_end]))[i]
            return " ".join(words[: i + 1]).replace("-", " "), end + chunk.end()
    return None


#: Words after "the two" that make it a count of a ranking, not a reference.
_RANKS = frozenset(["top", "biggest", "largest", "leading", "main", "major"])


def _counted_noun(ctx: Context, core_start: int, end: int) -> tuple[str | None, int]:
    """The counted noun phrase after the number ending at ``end``: the adjacent one
    ("joint ventures"), or further along the parse when the number modifies a noun beyond
    words adjacency stops at ("five new A320 jets", "20 Boeing 787 jets")."""
    unit, unit_end = ctx.unit_after(end)
    head, head_end = ctx.counted_after(core_start, end)
    if head is not None and head_end > unit_end:
        return re.sub(r"\s+", " ", ctx.text[end:head_end].strip().lower()), head_end
    return unit, unit_end


def _multiple(text: str, unit: str, unit_end: int) -> bool:
    """Whether "N times" multiplies an amount ("three times as much", "five times the
    average", "four times more likely") rather than counting occasions ("met three times"):
    a multiple is a ratio of two amounts, not a reported value of a measure."""
    return unit == "times" and rx.MULTIPLE_AFTER.match(text, unit_end) is not None


def _qualifier(text: str, start: int, kind: FigureKind) -> tuple[str, int] | None:
    """The normalized qualifier written just before ``start`` and where it begins."""
    qual = rx.QUAL_BEFORE.search(text, max(0, start - 30), start)
    if qual is None:
        return None
    word = re.sub(r"\s+", " ", qual.group(1).lower())
    before = max(0, qual.start() - 8)
    if (
        kind == "duration"
        and word == "over"
        and not rx.FOR_BEFORE.search(text, before, qual.start())
    ):
        return None  # "over five years": during, not "more than"
    return L.QUALIFIERS[word], qual.start()


def _scan_written(ctx: Context, blocked: list[tuple[int, int]]) -> list[Candidate]:
    text = ctx.text
    out: list[Candidate] = []
    for match in rx.WRITTEN.finditer(text):
        if _inside(blocked, *match.span()):
            continue
        words = re.split(r"[\s\u00a0\u202f-]+", match.group(0))
        parsed = N.parse_written(words)
        if parsed is None:
            continue
        value = Decimal(parsed)
        start, end = match.span()
        scaled = any(w.lower() in N.SCALES for w in words)
        if not scaled:
            word = rx.SCALE_WORD.match(text, end)
            if word and word.group(1).lower() in N.SCALES:
                value *= N.SCALE_SUFFIX[word.group(1).lower()]
                scaled = True
                end = word.end()
        left = text[max(0, start - 40) : start]
        if parsed == 1 and not scaled:
            continue  # "one of", "one day": too vague to be a reported number
        if parsed < 10 and not scaled and rx.REFERENCE_BEFORE.search(left):
            after = ctx.token_after(end)
            if after is None or not (after.tag_ == "JJS" or after.lower_ in _RANKS):
                continue  # "the two countries": a reference, not a reported number
            # "the three largest banks", "the top two": a count of a ranking
        if re.match(r"-?\s*(?:of\b|thirds?\b|quarters?\b|halves\b|fifths?\b)", text[end:]):
            continue  # "one of", fractions handled separately
        num = _Num(start, end, value, scaled, None, False, "")
        cand = _interpret_written(ctx, num)
        if cand is not None:
            out.append(cand)
    return out


def _interpret_written(ctx: Context, num: _Num) -> Candidate | None:
    text = ctx.text
    start, end = num.start, num.end
    value = num.value
    left = text[max(0, start - 40) : start]
    if rx.LABEL_BEFORE.search(left) or rx.YEAR_WORD_BEFORE.search(left):
        return None  # "Flight four hundred", "the year nineteen ninety": a label, a year
    if num.value in (100, 1000) and rx.FEW_BEFORE.search(left):
        return None  # "a few hundred farmers": vague, not one hundred
    currency = None
    kind: FigureKind = "count"
    unit: str | None = None
    pct = rx.PERCENT.match(text, end)
    name = rx.NAME_AFTER.match(text, end)
    timeu = rx.TIME_UNIT.match(text, end)
    if pct:
        kind = "percent"
        end = pct.end()
    elif name:
        currency = L.CURRENCY_NAMES[name.group(1).lower()]
        kind = "money"
        end = name.end()
    elif timeu:
        if rx.TIME_REL.match(text, timeu.end()):
            return None
        kind = "age" if timeu.group(2) else "duration"  # "a five-year-old boy"
        unit = L.TIME_UNITS[timeu.group(1).lower()]
        end = timeu.end()
    else:
        if rx.MONTH_AFTER.match(text, end) and not num.scaled:
            return None
        unit, unit_end = _counted_noun(ctx, num.start, end)
        if unit is None and not num.scaled:
            return None  # a bare written number ("and nine of them"): too ambiguous
        if unit is not None:
            end = unit_end
            if unit.split()[-1] in L.MEASURE_UNITS:
                kind = "other"
            elif _multiple(text, unit, unit_end):
                kind, unit = "other", "times"  # "three times as much": a multiple
            elif unit in L.SUBUNITS:
                kind, currency = "money", L.SUBUNITS[unit]  # "gained nine cents"
                value = num.value / 100
    found = _qualifier(text, start, kind)
    if found is not None:
        start = found[1]
    return Candidate(
        start, end, num.start, value, kind, unit, currency, found[0] if found else None
    )


def _scan_fractions(ctx: Context, blocked: list[tuple[int, int]]) -> list[Candidate]:
    out: list[Candidate] = []
    for match in rx.FRACTION.finditer(ctx.text):
        if _inside(blocked, *match.span()):
            continue
        numer_word = (match.group(1) or "").lower()
        denom_word = match.group(2).lower()
        if not numer_word and denom_word not in ("half",):
            continue
        if rx.ORDINAL_BEFORE.search(ctx.text, max(0, match.start() - 20), match.start()):
            continue  # "the first half of the year": a period
        numer = 1 if numer_word in ("", "a", "an") else N.UNITS.get(numer_word, 1)
        denom = N.FRACTION_DENOMINATORS[denom_word]
        if numer >= denom:
            continue
        value = (Decimal(numer) * 100 / Decimal(denom)).quantize(Decimal("0.01"))
        start = match.start()
        found = _qualifier(ctx.text, start, "percent")
        qualifier = found[0] if found else None
        if found is not None:
            start = found[1]
        out.append(
            Candidate(start, match.end(), match.start(), value, "percent", None, None, qualifier)
        )
    return out


def _names_century(text: str, start: int, end: int) -> bool:
    """An ordinal that names a century ("the 19th-century debates"), not one a possessor scored."""
    if not rx.CENTURY_AFTER.match(text, end):
        return False
    return not rx.POSSESSOR_BEFORE.search(text, max(0, start - 30), start)


def _scan_written_ordinals(ctx: Context, blocked: list[tuple[int, int]]) -> list[Candidate]:
    out: list[Candidate] = []
    for match in rx.WRITTEN_ORDINAL.finditer(ctx.text):
        if _inside(blocked, *match.span()):
            continue
        if _names_century(ctx.text, match.start(), match.end()):
            continue
        word = next(g for g in match.groups() if g)
        value = Decimal(N.ORDINAL_WORDS[word.lower()])
        unit = ctx.noun_after(match.end())
        out.append(Candidate(match.start(), match.end(), match.start(), value, "ordinal", unit))
    return out


def _scan_vague(ctx: Context, blocked: list[tuple[int, int]]) -> list[Candidate]:
    """ "hundreds of jobs", "tens of thousands of people", "billions of dollars": a range
    (:func:`numbers.vague_range`); money when the noun after "of" is a currency."""
    text = ctx.text
    out: list[Candidate] = []
    for match in rx.VAGUE.finditer(text):
        if _inside(blocked, *match.span()):
            continue
        low, high = N.vague_range(match.group(1), match.group(2) or match.group(3))
        start, end = match.span()
        kind: FigureKind = "count"
        currency: str | None = None
        name = rx.NAME_AFTER.match(text, end)
        unit: str | None = None
        if (
            name is not None
            and name.group(1).lower() in ("pound", "pounds")
            and rx.OF_AFTER.match(text, name.end())
        ):
            kind, unit, end = "other", "pounds", name.end()  # "hundreds of pounds of drugs"
        elif name is not None and not name.group(0).lower().lstrip().startswith("of"):
            currency = L.CURRENCY_NAMES[name.group(1).lower()]
            kind = "money"
            end = name.end()
        else:
            unit, unit_end = ctx.unit_after(end)
            if unit is not None:
                end = unit_end
                if unit.split()[-1] in L.MEASURE_UNITS:
                    kind = "other"
        out.append(
            Candidate(
                start, end, start, None, kind, unit, currency, None, Decimal(low), Decimal(high)
            )
        )
    return out


def _small_number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return N.parse_written([word])


def _scan_proportions(ctx: Context, blocked: list[tuple[int, int]]) -> list[Candidate]:
    """ "four in 10 voters", "one in five", "nine out of 10": a share (kind percent, the
    value in percent), where the numbers alone would read as a count of the noun after."""
    out: list[Candidate] = []
    for match in rx.PROPORTION.finditer(ctx.text):
        if _inside(blocked, *match.span()):
            continue
        part, whole = _small_number(match.group(1)), _small_number(match.group(2))
        if part is None or whole is None or not 0 < part < whole:
            continue
        value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))
        start = match.start()
        found = _qualifier(ctx.text, start, "percent")
        if found is not None:
            start = found[1]
        qualifier = found[0] if found else None
        out.append(
            Candidate(start, match.end(), match.start(), value, "percent", None, None, qualifier)
        )
    return out


def candidates(text: str, doc: Doc) -> list[Candidate]:
    """Every candidate figure in ``text`` (parsed as ``doc``), in text order, none overlapping:
    of overlapping candidates the one starting first (then the longest) is kept."""
    ctx = Context(text, doc)
    blocked = _blocked_ranges(text)
    cands = (
        _scan_numerals(ctx, blocked)
        + _scan_written(ctx, blocked)
        + _scan_fractions(ctx, blocked)
        + _scan_written_ordinals(ctx, blocked)
        + _scan_vague(ctx, blocked)
        + _scan_proportions(ctx, blocked)
    )
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    for cand in cands:
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept
