"""Every word list the time rooms read, and the two word-to-value helpers.

Number and ordinal words, the context words that make a bare month, year or weekday a date,
the tense words that point a clause forward or back, TIMEX3 unit and mod codes, season and
holiday names. Nothing here looks at an article; the cardinal words are the figures
extractor's (:mod:`tui.extract.figures.numbers`), one list for both.
"""

from __future__ import annotations

from tui.extract.figures.numbers import TENS, UNITS
from tui.records.models import TimexMod

# ----------------------------------------------------------------------------- numbers

NUMBER_WORDS: dict[str, int] = {
    # cardinal words are the figures extractor's lexicon (one list for both)
    **{word: value for word, value in {**UNITS, **TENS}.items() if value},
    "hundred": 100,
    "a": 1,
    "an": 1,
    "a couple of": 2,
    # vague quantities: a duration of unknown length ("several years")
    "a few": -1,
    "several": -1,
    "many": -1,
    "some": -1,
    "a number of": -1,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "final": 4,
    "last": 4,
    "latter": 2,
}
# "the fifth Monday", "the last Friday of May": -1 counts from the end of the month.
NTH: dict[str, int] = {"fifth": 5, "5th": 5, "last": -1, "final": -1}


def as_number(s: str) -> int:
    """The count a numeral or number word stands for ("25", "twenty-five"); -1 when vague
    ("several") or not a number."""
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


def unit_name(s: str) -> str:
    """A time unit word in the singular ("decades" -> "decade")."""
    s = s.lower()
    if s in ("centuries", "century"):
        return "century"
    return s[:-1] if s.endswith("s") else s


# ----------------------------------------------------------------------------- codes

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
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
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
EASTER_OFFSETS["easter week"] = 0  # the week that ends on Easter Sunday (its ISO week)
# Holidays on the nth weekday of a month, as the US calendar fixes them: (month, weekday
# with Monday 0, nth; -1 the last). Election Day is the Tuesday after the first Monday of
# November, which is the Tuesday falling on the 2nd to the 8th (see _holiday_date).
NTH_WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 3, 4),
    "thanksgiving day": (11, 3, 4),
    "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1),
    "election day": (11, 1, 0),
}

# ----------------------------------------------------------------------------- context words

# Words that make a bare month name a date ("in March"): strong ones alone suffice.
STRONG_MONTH_CONTEXT = frozenset(
    {
        "in",
        "since",
        "until",
        "till",
        "til",
        "during",
        "before",
        "after",
        "through",
        "throughout",
        "early",
        "late",
        "mid",
        "last",
        "next",
        "this",
        "between",
        "around",
        "past",
        "coming",
        "of",
        "end",
        "start",
    }
)
WEAK_MONTH_CONTEXT = frozenset({"to", "from", "by", "and", "or", "for", "on", "with", "that"})
# Month names that are also common words or names: need a spaCy DATE reading with weak context.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "april", "june", "august"})
YEAR_CONTEXT = frozenset(
    {
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "to",
        "through",
        "before",
        "after",
        "during",
        "of",
        "early",
        "late",
        "mid",
        "between",
        "and",
        "around",
        "circa",
        "year",
        "fiscal",
        "throughout",
        "for",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    }
)
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lady", "lord"})
VERSION_WORDS = frozenset(
    {"v", "version", "release", "build", "firmware", "update", "ver", "patch"}
)
# Words that may precede a weekday in a date ("on Monday", "Last Monday", "by Friday").
WEEKDAY_LEADS = frozenset(
    {"on", "last", "this", "next", "since", "until", "till", "by", "from", "and", "or", "every"}
    | {"each", "early", "late", "before", "after", "that", "said", "the", "of", "to", "through"}
    # sentence-initial adverbs of news narration: "Also Friday, …", "Earlier Sunday, …"
    | {"also", "earlier", "later", "again", "then", "but", "during", "at", "as"}
    # a sentence-initial preposition: "In Sunday's debate", "For Friday's match"
    | {"in", "for"}
    # a time zone between a clock time and its day: "4 a.m. EDT Thursday"
    | {"gmt", "utc", "est", "edt", "pst", "pdt", "cet", "cest", "bst", "msk"}
)
# Units a number counts ("a 2000 acre farm", "a 1500 seat hall"): not a year before them.
MEASURE_NOUNS = frozenset(
    {"acre", "foot", "feet", "mile", "yard", "meter", "metre", "kilometer", "kilometre"}
    | {"ton", "tonne", "pound", "dollar", "seat", "member", "page", "word", "square"}
    | {"horsepower", "bed", "room", "unit", "man", "strong", "point", "hectare", "gallon"}
)
# Nouns after which a four-digit number is an identifier, not a year.
IDENTIFIER_NOUNS = frozenset(
    {"room", "flight", "route", "gate", "platform", "line", "bus", "highway", "article"}
    | {"section", "resolution", "decree", "item", "number", "no", "code", "model", "page"}
    | {"unit", "ward", "block", "lot", "case", "file", "tel", "phone", "call"}
    # union locals, roads, berths and other designators ("Local 2010", "Interstate 2001")
    | {"local", "interstate", "pier", "exit", "channel", "suite", "apartment", "apt"}
    | {"precinct", "chapter", "terminal", "track", "berth", "hangar", "jersey", "bill"}
)
# Nouns that follow a person's name as often as a month ("the May government").
NAME_HEADS = frozenset(
    {"government", "administration", "cabinet", "era", "ministry", "doctrine", "camp", "team"}
    | {"allies", "premiership", "presidency", "years", "family", "campaign", "deal", "plan"}
)
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

# ----------------------------------------------------------------------------- tense

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
DEFERRING_STEMS = ("postpon", "delay", "extend", "defer", "adjourn", "suspend", "recess", "prolong")
"""Stems of verbs whose "until"/"till" names a later deadline even in the past tense
("postponed until Tuesday" is the coming Tuesday); stems, as the parse has no lemmas."""
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
TELLING_VERBS_PAST = frozenset(
    {"told", "said", "announced", "reported", "warned", "informed", "notified", "promised"}
    | {"predicted", "forecast", "expected", "estimated", "projected", "planned", "scheduled"}
    | {"set", "slated"}
)
"""Past verbs whose object may be a thing still to come ("told refiners of a cut in
November"): a month after them is not dated by them (the pipeline sets no lemmas)."""
PLAN_VERBS_PAST = frozenset({"planned", "scheduled", "set", "slated", "arranged", "intended"})
"""Past tenses of planning: "planned a rally on Saturday" names a day that may still be
ahead of the publication date, so the tense alone gives no direction (the nearest day)."""

TENSELESS_HEADS = frozenset(
    {"payable", "effective", "due", "record", "until", "till", "through", "thru", "expiring"}
)
"""Words a yearless date hangs on that carry no tense of their own ("a dividend payable
Dec. 15", "holders of record Nov. 17", "effective Feb. 1", "extended until March 3"): the
clause's tense says nothing about the date, so its year is the nearest one."""

TENSE_REACH_DAYS = 183
NEAREST_CLOSE_DAYS = 92
"""The past tense alone never moves a yearless day more than about six months back from the
publication date when the other reading of it lies within about three months ("extended the offer to
Nov. 20" in late October is this November, not last year's): the nearest-date rule of
HeidelTime and SUTime, kept narrow so that "the year ended March 31" in October stays in
the past."""


def _forms(kind: str, *words: str) -> dict[str, str]:
    return dict.fromkeys(words, kind)


EVENT_KINDS: dict[str, str] = {
    **_forms(
        "killing",
        *("shoot", "shoots", "shot", "shooting", "kill", "kills", "killed", "killing"),
        *("slay", "slain", "slew", "slaying", "murder", "murders", "murdered", "murdering"),
        *("assassinate", "assassinated", "assassination", "stab", "stabbed", "stabbing"),
    ),
    **_forms("bombing", "bomb", "bombed", "bombing", "blast", "explosion", "exploded"),
    **_forms("crash", "crash", "crashed", "derailment", "derailed", "collision"),
    **_forms("earthquake", "earthquake", "quake"),
    **_forms("kidnapping", "kidnap", "kidnapped", "kidnapping", "abduction", "abducted"),
}
"""Words of events news dates once and then names by the word alone ("the Oct. 23 slaying"
… "in the weeks before the shooting"), by the kind of event they tell: a killing told as
"shot" is "the murder" later (:mod:`~tui.extract.timex.eventdates`). Inflected forms are
listed: the shared parse has no lemmatizer."""
