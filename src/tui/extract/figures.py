"""Reported numbers in one article: counts, percentages, money, ordinals, durations.

A hand-written scanner finds numerals ("350", "82.5", "1,200"), written numbers ("seventeen"),
fractions ("a third of") and ordinals ("80th"), then reads the words around each one: the
qualifier before it ("more than"), a currency prefix ("US$", "RUB"), a scale ("mn", "billion"),
a percent sign or a currency name after it, a range partner ("10-15%", "between 10 and 15")
and the counted noun ("delegates"). spaCy's parse of the article (shared, cached) supplies
DATE/TIME entities (negative evidence: those numbers belong to the timeline), the counted noun
phrase, and the dependency links from which :mod:`tui.extract.figures_syntax` reads what is
measured and whether the figure is a change or a level.

Span convention: a figure's span covers the qualifier, the currency, the number, its scale and
percent sign or currency name, and — for counts and measures — the counted noun phrase when it
directly follows ("more than 400 delegates", "US$82.5 million", "nearly 30 percent").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from tui import nlp
from tui.extract import numbers as N
from tui.extract.figures_syntax import analyse
from tui.models import Article, Figure, FigureKind

if TYPE_CHECKING:  # spaCy is imported by tui.nlp only when a parse is needed
    from spacy.tokens import Doc, Token

_MONTH = "|".join(N.MONTHS)
_WEEKDAY = "|".join(N.WEEKDAYS)
_SPACE = r"[ \t\u00a0\u202f]"

_NUMERAL_CORE = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+"
    r"|\d+,\d{1,2}(?=\s?(?:%|mn\b|bn\b|million|billion|trillion|per\s?cent))"
    r"|\d{1,3}(?: \d{3})+(?![\d.,])|\d+(?:\.\d+)?)"
)
# Without the space-grouped thousands of translated copy ("300 000"), for "March 14 200 ...".
_NUMERAL_NOSPACE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_NUMERAL = re.compile(r"(?<![\w.,/:\-+\u2013])" + _NUMERAL_CORE)
_NUMERAL_AT = re.compile(_NUMERAL_CORE)
_GLUED = re.compile(
    r"(mn|bn|tn|trn|mln|bln|k|m|b)(?![\w])|(st|nd|rd|th)(?![\w])|(x)(?![\w])|([A-Za-z])",
    re.IGNORECASE,
)
_SCALE_WORD = re.compile(
    rf"{_SPACE}?(million|billion|trillion|thousand|mn|bn|mln|bln|tn|lakh|crore)\b", re.IGNORECASE
)
_PERCENT = re.compile(
    rf"{_SPACE}?(%|per{_SPACE}?cent\b|percent\b|pct\b|percentage{_SPACE}points?\b)", re.IGNORECASE
)
_POINTS = re.compile(rf"{_SPACE}(basis{_SPACE}points?|points?|bps)\b", re.IGNORECASE)
_CODES = "|".join(sorted(N.ISO_CODES))
_CODE_AFTER = re.compile(rf"{_SPACE}?({_CODES})\b")
_NAMES = "|".join(re.escape(n) for n in sorted(N.CURRENCY_NAMES, key=len, reverse=True))
_NAME_AFTER = re.compile(rf"{_SPACE}(?:of{_SPACE})?({_NAMES})\b", re.IGNORECASE)
_PREFIXES = "|".join(re.escape(p) for p in sorted(N.CURRENCY_PREFIX, key=len, reverse=True))
_CODE_GLUED = re.compile(rf"(?<![A-Za-z])(?:{_CODES}|Rs)(?=\d)")
_CODE_GLUED_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{_CODES}|Rs)$")
_PREFIX_BEFORE = re.compile(rf"(?:(?<![A-Za-z])({_CODES}){_SPACE}?|({_PREFIXES}){_SPACE}?)$")
_QUALS = "|".join(re.escape(q) for q in sorted(N.QUALIFIERS, key=len, reverse=True))
_QUAL_BEFORE = re.compile(rf"(?<![\w])({_QUALS}){_SPACE}+$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(rf"(?<![\w])between{_SPACE}+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(rf"(?<![\w])from{_SPACE}+$", re.IGNORECASE)
_RANGE_SEP = re.compile(rf"{_SPACE}?(?:-|–|—|to{_SPACE})(?:{_SPACE})?")
_AND_SEP = re.compile(rf"{_SPACE}+and{_SPACE}+")
_TIME_UNIT = re.compile(
    r"(?:-|" + _SPACE + r")(years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|"
    r"century|centuries)\b(-old|" + _SPACE + r"old)?",
    re.IGNORECASE,
)
_TIME_REL = re.compile(rf"{_SPACE}+(ago|later|earlier|before|after|from{_SPACE}now)\b", re.I)
_CLOCK_AFTER = re.compile(
    rf"(?:[:.]\d{{2}}\b|{_SPACE}?(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|h\b|GMT\b|UTC\b|CET\b|MSK\b|"
    r"EST\b|EDT\b|o'clock\b))",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?{_SPACE}+(?:the{_SPACE}+)?$", re.IGNORECASE)
_MONTH_AFTER = re.compile(
    rf"(?:st|nd|rd|th)?,?{_SPACE}+(?:of{_SPACE}+)?(?:{_MONTH})\b", re.IGNORECASE
)
_WEEKDAY_BEFORE = re.compile(rf"\b(?:{_WEEKDAY}),?{_SPACE}+$", re.IGNORECASE)
_WEEKDAY_PAREN = re.compile(rf"\b(?:{_WEEKDAY})\b[^\n]{{0,12}}\({_SPACE}*$", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:page|pages|p\.|pp\.|section|sections|sec\.|article|articles|art\.|paragraph|para\.|"
    r"chapter|ch\.|clause|item|part|volume|vol\.|no\.|nos\.|number|issue|rule|resolution|decree|"
    r"law|annex|appendix|table|figure|fig\.|footnote|line|step|phase|stage|round|season|episode|"
    r"grade|flight|route|gate|platform|room|building|block|lot|seat|row|case|file|bill|act|"
    r"amendment|protocol|version|v\.|level|category|subsection|tel\.?|phone|fax|ext\.|code|"
    r"zone|district|highway|road|street|st\.|avenue|ave\.|channel|division|unit|ward|terminal|"
    r"model|generation|gen\.|verse|psalm|session)|[#§№])" + _SPACE + r"*$",
    re.IGNORECASE,
)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*\(?$")
_LIST_AFTER = re.compile(r"[.)](?:\s|$)")
_PHONE = re.compile(
    r"\+\d{1,3}(?:[\s.\-]?\(?\d{1,5}\)?){2,}[\s.\-]?\d{2,4}"
    r"|\(\d{2,5}\)\s?\d{2,4}(?:[\s.\-]\d{2,4})+"
    r"|\b\d{2,4}(?:-\d{2,4}){2,}\b"
    r"|\b\d{3}[.\s]\d{3}[.\s]\d{4}\b"
)
_URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_ISO_DATE = re.compile(r"\b\d{1,4}[./]\d{1,2}[./]\d{2,4}\b")
_WORD = re.compile(r"[A-Za-z]+")
_WRITTEN = re.compile(
    r"(?<![\w-])(?:(?:a|an)" + _SPACE + r"+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    r"(?:" + "|".join(sorted(N.NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:(?:"
    + _SPACE
    + r"+|-)(?:and"
    + _SPACE
    + r"+)?(?:"
    + "|".join(sorted(N.NUMBER_WORDS, key=len, reverse=True))
    + r"))*\b",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    r"(?<![\w-])(?:(a|an|one|two|three|four|five|six|seven|eight|nine)(?:" + _SPACE + r"+|-))?"
    r"(half|halves|thirds?|quarters?|fifths?|tenths?)(?=" + _SPACE + r"+(?:of|the)\b)",
    re.IGNORECASE,
)
_WRITTEN_ORDINAL = re.compile(
    r"(?<![\w-])(" + "|".join(N.ORDINAL_WORDS) + r")(?=[ \t-]+(?:anniversary|consecutive|"
    r"straight|largest|biggest|highest|lowest|round|time|edition)\b|-\w+est\b)"
    r"|(?<=\b(?:the|its|his|her|our) )(" + "|".join(N.ORDINAL_WORDS) + r")"
    r"(?=[ \t]+(?!(?:of|quarter|half|and|or|to|in)\b)[a-z])"
    r"|(?<=\btheir )(" + "|".join(N.ORDINAL_WORDS) + r")"
    r"(?=[ \t]+(?!(?:of|quarter|half|and|or|to|in)\b)[a-z])",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(rf"(?<=[\w,;] )[A-Z][A-Za-z]*{_SPACE}+$")
_CAMEL_BEFORE = re.compile(rf"\b[a-z]+[A-Z]\w*{_SPACE}+$")
_ORDINAL_BEFORE = re.compile(
    rf"\b(?:first|second|third|fourth|last|final|latter|former|past|next|previous|same)"
    rf"{_SPACE}+$",
    re.IGNORECASE,
)
_FOR_BEFORE = re.compile(rf"\bfor{_SPACE}+$", re.IGNORECASE)
_REFERENCE_BEFORE = re.compile(
    rf"\b(?:the|these|those|its|their|our|his|her|both|all){_SPACE}+$", re.IGNORECASE
)
_UNIT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_NOT_UNIT_WORDS = frozenset(
    [
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "per",
        "than",
        "as",
        "a",
        "an",
        "the",
        "percent",
        "per",
        "cent",
        "this",
        "that",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
    ]
)


@dataclass
class _Cand:
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


def _read_numeral(text: str, match: re.Match[str]) -> _Num | None:
    """The numeral at ``match`` with its glued suffix and spaced scale; None if not a figure."""
    start, end = match.span()
    digits = match.group(0)
    if (
        start > 0
        and text[start - 1].isalpha()
        and not _CODE_GLUED_BEFORE.search(text, max(0, start - 4), start)
    ):
        return None  # "G20", "MH17": digits inside a name
    value = N.parse_numeral(digits)
    if value is None:
        return None
    scaled = False
    ordinal = False
    times = False
    scale = 1
    glued = _GLUED.match(text, end)
    if glued:
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
        nxt = _WORD.match(text, end + 1)
        word = nxt.group(0).lower() if nxt else ""
        inner = nxt is not None and text[nxt.end() : nxt.end() + 1] == "-"
        if inner and word not in N.TIME_UNITS and word not in N.SCALE_SUFFIX:
            return None  # "3-D-printed", inner parts of names ("40-year-old" is kept)
    if text[end : end + 1] == "/" and text[end + 1 : end + 2].isdigit():
        return None  # "4/5", "3/4": a score, ratio or date
    if not scaled and not ordinal:
        spaced = _SCALE_WORD.match(text, end)
        if spaced:
            scale = N.SCALE_SUFFIX[spaced.group(1).lower()]
            value *= scale
            scaled = True
            end = spaced.end()
    currency = None
    pre = _PREFIX_BEFORE.search(text, max(0, start - 8), start)
    if pre:
        code = pre.group(1) or ""
        symbol = pre.group(2) or ""
        currency = N.CODE_ALIASES.get(code, code) if code else N.CURRENCY_PREFIX.get(symbol)
        start = pre.start()
    return _Num(start, end, value, scaled, currency, ordinal, digits, times, scale)


def _is_year(num: _Num) -> bool:
    digits = num.plain_digits
    return (
        not num.scaled
        and num.currency is None
        and re.fullmatch(r"\d{4}", digits) is not None
        and 1800 <= int(digits) <= 2100
    )


def _blocked_ranges(text: str) -> list[tuple[int, int]]:
    """Phone numbers, URLs/e-mails and numeric dates, merged and sorted by start."""
    spans = sorted(m.span() for rx in (_PHONE, _URLISH, _ISO_DATE) for m in rx.finditer(text))
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


class _Context:
    """Per-article lookups: the text, its parse, token by start offset, DATE/TIME coverage."""

    def __init__(self, text: str, doc: Doc) -> None:
        self.text = text
        self.doc = doc
        self.tok_at: dict[int, Token] = {t.idx: t for t in doc}
        self.datetime_chars: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                self.datetime_chars.update(range(ent.start_char, ent.end_char))

    def in_date(self, start: int, end: int) -> bool:
        return any(i in self.datetime_chars for i in range(start, end))

    def token_after(self, pos: int) -> Token | None:
        while pos < len(self.text) and self.text[pos] in " \t\u00a0":
            pos += 1
        return self.tok_at.get(pos)

    def noun_after(self, pos: int) -> str | None:
        """The single noun directly after ``pos`` ("80th anniversary"), lower-cased."""
        tok = self.token_after(pos)
        return tok.lower_ if tok is not None and tok.pos_ == "NOUN" else None

    def unit_after(self, pos: int) -> tuple[str | None, int]:
        """The counted noun phrase directly after ``pos`` ("joint ventures") and its end."""
        tok = self.token_after(pos)
        taken: list[Token] = []
        while tok is not None and len(taken) < 4:
            modifier = tok.pos_ == "VERB" and (tok.tag_ in ("VBN", "VBG") or tok.dep_ == "amod")
            if (
                (tok.pos_ not in _UNIT_POS and not modifier)
                or tok.lower_ in _NOT_UNIT_WORDS
                or tok.like_num
            ):
                break
            if tok.ent_type_ in ("DATE", "TIME") or (
                tok.ent_type_ in ("MONEY", "PERCENT", "CARDINAL") and tok.ent_iob_ == "B"
            ):
                break
            taken.append(tok)
            if tok.i + 1 >= len(self.doc) or (
                tok.whitespace_ == ""
                and tok.i + 1 < len(self.doc)
                and not self.doc[tok.i + 1].is_alpha
            ):
                break
            tok = self.doc[tok.i + 1] if "\n" not in tok.whitespace_ else None
        while taken and taken[-1].pos_ != "NOUN":
            taken.pop()
        if not taken:
            return None, pos
        last = taken[-1]
        return self.text[taken[0].idx : last.idx + len(last.text)].lower(), last.idx + len(
            last.text
        )


def _next_numeral(text: str, pos: int) -> re.Match[str] | None:
    """The next numeral from ``pos``, including one glued to a currency code ("EUR5bn")."""
    plain = _NUMERAL.search(text, pos)
    glued = _CODE_GLUED.search(text, pos, plain.start() if plain else len(text))
    while glued is not None:
        after = _NUMERAL_AT.match(text, glued.end())
        if after is not None:
            return after
        glued = _CODE_GLUED.search(text, glued.end(), plain.start() if plain else len(text))
    return plain


def _scan_numerals(ctx: _Context, blocked: list[tuple[int, int]]) -> list[_Cand]:
    text = ctx.text
    out: list[_Cand] = []
    pos = 0
    while (found := _next_numeral(text, pos)) is not None:
        match: re.Match[str] = found
        pos = match.end()
        if _inside(blocked, *match.span()):
            continue
        if " " in match.group(0) and (
            _MONTH_BEFORE.search(text, max(0, match.start() - 20), match.start())
            or _WEEKDAY_BEFORE.search(text, max(0, match.start() - 20), match.start())
        ):
            short = _NUMERAL_NOSPACE.match(text, match.start())
            if short is None:
                continue
            match = short
            pos = match.end()
        num = _read_numeral(text, match)
        if num is None:
            continue
        cand = _interpret(ctx, num, match)
        if cand is not None:
            out.append(cand)
            pos = max(pos, cand.end)
    return out


def _interpret(ctx: _Context, num: _Num, match: re.Match[str]) -> _Cand | None:
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
    between = _BETWEEN_BEFORE.search(left)
    pct_first = _PERCENT.match(text, end)  # "between 10% and 15%"
    sep = (_AND_SEP if between else _RANGE_SEP).match(text, pct_first.end() if pct_first else end)
    if sep and not num.ordinal and not _FROM_BEFORE.search(left):
        m2 = _NUMERAL_AT.match(text, sep.end())
        if m2 is None:  # currency repeated: "$10-$15bn"
            for sym in sorted(N.CURRENCY_PREFIX, key=len, reverse=True):
                if text.startswith(sym, sep.end()):
                    m2 = _NUMERAL_AT.match(text, sep.end() + len(sym))
                    break
        if m2 is not None:
            second = _read_numeral(text, m2)
            if second is not None and (second.ordinal or (_is_year(second) and _is_year(num))):
                second = None
            if second is not None and _is_year(num) and len(second.plain_digits) == 2:
                return None  # "2023-24"
            if second is not None and pct_first and not _PERCENT.match(text, second.end):
                second = None
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
    if between and second is not None:
        start = num.start - (len(left) - between.start())

    # Date and time contexts (not figures unless money/percent/scaled).
    after = text[end : end + 40]
    if not decorated:
        if _CLOCK_AFTER.match(text, end) or left.endswith(":"):
            return None
        if (N.parse_numeral(num.plain_digits) or 0) <= 31:
            if _MONTH_BEFORE.search(left) or _MONTH_AFTER.match(text, num.end):
                return None
            if _WEEKDAY_PAREN.search(left) and re.match(r"\s*\)", after):
                return None
            if num.ordinal and re.search(r"\bon the\s+$", left, re.IGNORECASE):
                return None
        if _is_year(num) and second is None:
            return None
        if _LABEL_BEFORE.search(left) or _CAMEL_BEFORE.search(left):
            return None  # "page 12"; "iPhone 15", "iOS 17": labels and product names
        if _LINE_START.search(text[max(0, num.start - 20) : num.start]) and _LIST_AFTER.match(
            text, num.end
        ):
            return None

    kind: FigureKind = "other" if num.times else "count"
    unit: str | None = "times" if num.times else None
    plus = text[end : end + 1] == "+" and not text[end + 1 : end + 2].isalnum()
    if plus:
        end += 1  # "40+ customers": more than 40
    pct = _PERCENT.match(text, end)
    if pct and not num.ordinal:
        kind = "percent"
        end = pct.end()
        if "point" in pct.group(1).lower():
            unit = "percentage points"
    elif not num.ordinal:
        code = _CODE_AFTER.match(text, end)
        name = _NAME_AFTER.match(text, end)
        if currency is None and code:
            currency = N.CODE_ALIASES.get(code.group(1), code.group(1))
            end = code.end()
        elif name and (currency is None or num.scaled or name.group(1).lower() != "real"):
            named = N.CURRENCY_NAMES[name.group(1).lower()]
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
        points = _POINTS.match(text, end)
        timeu = _TIME_UNIT.match(text, end)
        if points:
            kind = "other"
            unit = re.sub(r"\s+", " ", points.group(1).lower())
            end = points.end()
        elif timeu:
            if _TIME_REL.match(text, timeu.end()):
                return None
            if timeu.group(2):
                kind = "other"
                unit = "years old"
                end = timeu.end()
            else:
                kind = "duration"
                unit = N.TIME_UNITS[timeu.group(1).lower()]
                end = timeu.end()
        else:
            in_date = not decorated and ctx.in_date(core_start, num.end) and second is None
            if in_date and (_MONTH_BEFORE.search(left) or _MONTH_AFTER.match(text, num.end)):
                return None
            if not decorated and re.match(r"-\w", text[end : end + 2]):
                word = _WORD.match(text, end + 1)
                if word is not None:
                    unit = word.group(0).lower()
                    end = word.end()
            else:
                unit, unit_end = ctx.unit_after(end)
                if unit is not None:
                    head = unit.split()[-1]
                    if head in N.MEASURE_UNITS or unit.split()[0] in N.MEASURE_UNITS:
                        kind = "other"
                    end = unit_end
            if in_date and unit is None:
                return None  # a number inside a DATE entity with no counted noun
            if unit is None and value is not None and value <= 31 and _WEEKDAY_BEFORE.search(left):
                return None  # "Monday 14": a day of the month
            if unit is None and second is None and not plus and _NAME_BEFORE.search(left):
                return None  # "Boeing 737", "Windows 11": a model number after a name
            if unit is None and value is not None and value != value.to_integral_value():
                kind = "other"

    qualifier = _qualifier(text, start, kind)
    if qualifier is not None and not between:
        start = qualifier[1]
    return _Cand(
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


def _qualifier(text: str, start: int, kind: FigureKind) -> tuple[str, int] | None:
    """The normalized qualifier written just before ``start`` and where it begins."""
    qual = _QUAL_BEFORE.search(text, max(0, start - 30), start)
    if qual is None:
        return None
    word = re.sub(r"\s+", " ", qual.group(1).lower())
    before = max(0, qual.start() - 8)
    if kind == "duration" and word == "over" and not _FOR_BEFORE.search(text, before, qual.start()):
        return None  # "over five years": during, not "more than"
    return N.QUALIFIERS[word], qual.start()


def _scan_written(ctx: _Context, blocked: list[tuple[int, int]]) -> list[_Cand]:
    text = ctx.text
    out: list[_Cand] = []
    for match in _WRITTEN.finditer(text):
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
            word = _SCALE_WORD.match(text, end)
            if word and word.group(1).lower() in N.SCALES:
                value *= N.SCALE_SUFFIX[word.group(1).lower()]
                scaled = True
                end = word.end()
        left = text[max(0, start - 40) : start]
        if parsed == 1 and not scaled:
            continue  # "one of", "one day": too vague to be a reported number
        if parsed < 10 and not scaled and _REFERENCE_BEFORE.search(left):
            continue  # "the two countries": a reference, not a reported number
        if re.match(r"-?\s*(?:of\b|thirds?\b|quarters?\b|halves\b|fifths?\b)", text[end:]):
            continue  # "one of", fractions handled separately
        num = _Num(start, end, value, scaled, None, False, "")
        cand = _interpret_written(ctx, num)
        if cand is not None:
            out.append(cand)
    return out


def _interpret_written(ctx: _Context, num: _Num) -> _Cand | None:
    text = ctx.text
    start, end = num.start, num.end
    currency = None
    kind: FigureKind = "count"
    unit: str | None = None
    pct = _PERCENT.match(text, end)
    name = _NAME_AFTER.match(text, end)
    timeu = _TIME_UNIT.match(text, end)
    if pct:
        kind = "percent"
        end = pct.end()
    elif name:
        currency = N.CURRENCY_NAMES[name.group(1).lower()]
        kind = "money"
        end = name.end()
    elif timeu:
        if _TIME_REL.match(text, timeu.end()):
            return None
        kind = "duration"
        unit = N.TIME_UNITS[timeu.group(1).lower()]
        end = timeu.end()
    else:
        if _MONTH_AFTER.match(text, end) and not num.scaled:
            return None
        unit, unit_end = ctx.unit_after(end)
        if unit is None and not num.scaled:
            return None  # a bare written number ("and nine of them"): too ambiguous
        if unit is not None:
            end = unit_end
            if unit.split()[-1] in N.MEASURE_UNITS:
                kind = "other"
    found = _qualifier(text, start, kind)
    if found is not None:
        start = found[1]
    return _Cand(
        start, end, num.start, num.value, kind, unit, currency, found[0] if found else None
    )


def _scan_fractions(ctx: _Context, blocked: list[tuple[int, int]]) -> list[_Cand]:
    out: list[_Cand] = []
    for match in _FRACTION.finditer(ctx.text):
        if _inside(blocked, *match.span()):
            continue
        numer_word = (match.group(1) or "").lower()
        denom_word = match.group(2).lower()
        if not numer_word and denom_word not in ("half",):
            continue
        if _ORDINAL_BEFORE.search(ctx.text, max(0, match.start() - 20), match.start()):
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
            _Cand(start, match.end(), match.start(), value, "percent", None, None, qualifier)
        )
    return out


def _scan_written_ordinals(ctx: _Context, blocked: list[tuple[int, int]]) -> list[_Cand]:
    out: list[_Cand] = []
    for match in _WRITTEN_ORDINAL.finditer(ctx.text):
        if _inside(blocked, *match.span()):
            continue
        word = next(g for g in match.groups() if g)
        value = Decimal(N.ORDINAL_WORDS[word.lower()])
        unit = ctx.noun_after(match.end())
        out.append(_Cand(match.start(), match.end(), match.start(), value, "ordinal", unit))
    return out


def _number(value: Decimal | None) -> int | float | None:
    return None if value is None else N.plain(value)


def extract_figures(article: Article) -> list[Figure]:
    """Every reported number in ``article`` as a :class:`Figure`, in text order."""
    text = article.content_text()
    if not text.strip():
        return []
    doc = nlp.parse(text)
    ctx = _Context(text, doc)
    blocked = _blocked_ranges(text)
    cands = (
        _scan_numerals(ctx, blocked)
        + _scan_written(ctx, blocked)
        + _scan_fractions(ctx, blocked)
        + _scan_written_ordinals(ctx, blocked)
    )
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Cand] = []
    for cand in cands:
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    figures: list[Figure] = []
    for n, cand in enumerate(kept, start=1):
        measure, change = analyse(
            doc, cand.core_start, cand.end, text[max(0, cand.start - 12) : cand.start]
        )
        if cand.kind == "ordinal":
            measure, change = None, None
        figures.append(
            Figure(
                id=f"fig-{article.id}-{n}",
                article_id=article.id,
                start=cand.start,
                end=cand.end,
                text=article.text[cand.start : cand.end],
                value=_number(cand.value),
                kind=cand.kind,
                unit=cand.unit,
                currency=cand.currency,
                qualifier=cand.qualifier,
                measure=measure,
                change=change,
                low=_number(cand.low),
                high=_number(cand.high),
            )
        )
    return figures
