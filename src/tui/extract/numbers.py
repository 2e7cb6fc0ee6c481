"""Hand-written number lexicon: written numbers, scale words, fractions, currencies, qualifiers.

Everything here is plain data plus small pure functions, used by :mod:`tui.extract.figures`.
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
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def plain(value: Decimal) -> int | float:
    """``value`` as an int when integral, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# Qualifiers written before a number, normalized. Longest first in the regex.
QUALIFIERS: dict[str, str] = {
    "more than": "more than",
    "more then": "more than",
    "in excess of": "more than",
    "upwards of": "more than",
    "exceeding": "more than",
    "over": "over",
    "well over": "over",
    "just over": "over",
    "above": "over",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "not less than": "at least",
    "a minimum of": "at least",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "just shy of": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx.": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "maybe": "about",
    "perhaps": "about",
    "possibly": "about",
    "up to": "up to",
    "as many as": "up to",
    "as much as": "up to",
    "at most": "up to",
    "no more than": "up to",
    "a maximum of": "up to",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
    "below": "less than",
}

# Currency symbols and prefixes written before the number.
CURRENCY_PREFIX: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "USD$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "S$": "SGD",
    "NZ$": "NZD",
    "R$": "BRL",
    "MX$": "MXN",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₹": "INR",
    "₩": "KRW",
    "₺": "TRY",
    "₴": "UAH",
    "₦": "NGN",
    "Rs.": "INR",
    "Rs": "INR",
}

# ISO 4217 codes accepted before or after the number ("RUB 10bn", "10bn RUB").
ISO_CODES = frozenset(
    [
        "USD",
        "EUR",
        "GBP",
        "RUB",
        "CNY",
        "RMB",
        "JPY",
        "INR",
        "BRL",
        "CHF",
        "CAD",
        "AUD",
        "NZD",
        "KRW",
        "TRY",
        "UAH",
        "ZAR",
        "MXN",
        "SAR",
        "AED",
        "VES",
        "VEF",
        "KZT",
        "BYN",
        "NGN",
        "EGP",
        "IRR",
        "SGD",
        "HKD",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "CZK",
        "HUF",
        "IDR",
        "MYR",
        "THB",
        "PHP",
        "PKR",
        "BDT",
        "VND",
        "ILS",
        "QAR",
        "KWD",
        "ARS",
        "CLP",
        "COP",
        "PEN",
        "UZS",
        "AZN",
        "GEL",
        "AMD",
    ]
)
CODE_ALIASES = {"RMB": "CNY", "VEF": "VES"}

# Currency names written after the number ("1.5 trillion rubles", "300 US dollars").
CURRENCY_NAMES: dict[str, str] = {
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "hong kong dollars": "HKD",
    "singapore dollars": "SGD",
    "new zealand dollars": "NZD",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "rubles": "RUB",
    "ruble": "RUB",
    "roubles": "RUB",
    "rouble": "RUB",
    "yuan": "CNY",
    "renminbi": "CNY",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "rupees": "INR",
    "rupee": "INR",
    "reais": "BRL",
    "reals": "BRL",
    "real": "BRL",
    "bolivars": "VES",
    "bolívars": "VES",
    "bolivares": "VES",
    "bolívares": "VES",
    "swiss francs": "CHF",
    "won": "KRW",
    "lira": "TRY",
    "liras": "TRY",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "rand": "ZAR",
    "mexican pesos": "MXN",
    "argentine pesos": "ARS",
    "dirhams": "AED",
    "riyals": "SAR",
    "tenge": "KZT",
    "naira": "NGN",
    "zloty": "PLN",
    "shekels": "ILS",
}

# Units of measurement: numbers with these are kind "other" with the unit kept.
MEASURE_UNITS = frozenset(
    [
        "tonnes",
        "tonne",
        "tons",
        "ton",
        "metric",
        "kilograms",
        "kilogram",
        "kg",
        "grams",
        "kilometres",
        "kilometers",
        "kilometre",
        "kilometer",
        "km",
        "miles",
        "mile",
        "metres",
        "meters",
        "metre",
        "meter",
        "hectares",
        "hectare",
        "acres",
        "acre",
        "barrels",
        "barrel",
        "bpd",
        "litres",
        "liters",
        "litre",
        "liter",
        "gallons",
        "gallon",
        "megawatts",
        "megawatt",
        "mw",
        "gigawatts",
        "gigawatt",
        "gw",
        "kilowatts",
        "kwh",
        "mwh",
        "gwh",
        "twh",
        "bcm",
        "cubic",
        "square",
        "degrees",
        "degree",
        "celsius",
        "fahrenheit",
        "ounces",
        "ounce",
        "feet",
        "foot",
        "inches",
        "inch",
    ]
)

TIME_UNITS: dict[str, str] = {
    "year": "years",
    "years": "years",
    "month": "months",
    "months": "months",
    "week": "weeks",
    "weeks": "weeks",
    "day": "days",
    "days": "days",
    "hour": "hours",
    "hours": "hours",
    "minute": "minutes",
    "minutes": "minutes",
    "second": "seconds",
    "seconds": "seconds",
    "decade": "decades",
    "decades": "decades",
    "century": "centuries",
    "centuries": "centuries",
}

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
