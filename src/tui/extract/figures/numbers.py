"""Number words and numerals: written numbers, scale words, ordinals, fractions, digit strings.

Plain data plus small pure functions, used by :mod:`tui.extract.figures` (and the timeline's
patterns, which read written numbers too).
The written-number parser is ours: the libraries we measured (number-parser, text2num)
rewrite "US$82.5 million" into "US$82.5 1000000", which loses the offsets we need.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
#: Scale words and abbreviations written after a numeral ("350mn", "3 bn", "1.5 trillion").
SCALE_SUFFIX: dict[str, int] = {
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "mil": 10**6,
    "million": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "billion": 10**9,
    "tn": 10**12,
    "trn": 10**12,
    "trillion": 10**12,
    "lakh": 10**5,
    "crore": 10**7,
}
#: Abbreviations that only count as a scale when glued to the digits ("5m", not "5 m").
GLUED_ONLY = frozenset({"k", "m", "b"})

NUMBER_WORDS = frozenset([*UNITS, *TENS, *SCALES, "hundred", "dozen"])

ORDINAL_WORDS: dict[str, int] = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}

FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}


def parse_written(words: list[str]) -> int | None:
    """The value of a written number given as words ("twenty", "five", "hundred", ...).

    >>> parse_written(["two", "hundred", "and", "forty", "five"])
    245
    """
    total = 0
    current = 0
    seen = False
    for raw in words:
        word = raw.lower()
        if word in ("and", "a", "an"):
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_numeral(text: str) -> Decimal | None:
    """A digit string as written in news copy: "1,200", "82.5", "300 000", "1,5" (decimal comma)."""
    cleaned = (
        text.replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "").replace(" ", "")
    )
    if re.fullmatch(r"\d+,\d{1,2}", cleaned):
        cleaned = cleaned.replace(",", ".")
    cleaned = cleaned.replace(",", "")
    if len(cleaned.partition(".")[0].lstrip("0")) > MAX_DIGITS:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


MAX_DIGITS = 21
"""Most integer digits a reported figure is written with (sextillions). A longer run of
digits is an identifier, a hash or garbage, not a quantity: it is not read as a figure
(and so never overflows a comparison's arithmetic or the export's number format)."""


def plain(value: Decimal) -> int | float:
    """``value`` as an int when integral, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


#: Vague plural quantities and the range each stands for: "dozens" is two dozen up to (not
#: reaching) a hundred, "hundreds" 200 to 999, "tens of thousands" 20,000 to 99,999.
VAGUE_BASE: dict[str, int] = {
    "dozens": 12,
    "hundreds": 100,
    "thousands": 10**3,
    "millions": 10**6,
    "billions": 10**9,
    "trillions": 10**12,
}
VAGUE_MULTIPLIER: dict[str, int] = {"tens": 10, "hundreds": 100}


def vague_range(multiplier: str | None, base: str) -> tuple[int, int]:
    """The (low, high) a vague quantity stands for: ("hundreds") -> (200, 999),
    ("tens", "thousands") -> (20000, 99999), ("dozens") -> (24, 99)."""
    unit = VAGUE_BASE[base.lower()] * (VAGUE_MULTIPLIER[multiplier.lower()] if multiplier else 1)
    if base.lower() == "dozens" and multiplier is None:
        return 24, 99
    return 2 * unit, 10 * unit - 1
