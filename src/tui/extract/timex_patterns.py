"""Surface patterns for time expressions in news English (hand-written regular expressions).

Each pattern is ``(kind, compiled regex)``; :mod:`tui.extract.timex` picks the longest
non-overlapping matches, filters them with the spaCy parse and normalizes them by ``kind``.
Spans follow TimeML: prepositions and signals ("on", "in", "since") stay outside, while
determiners and modifiers ("last", "the end of", "early") are part of the expression.
"""

from __future__ import annotations

import re

from tui.extract.numbers import TENS, UNITS

MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MON = rf"(?P<mon>(?:{MONTH_FULL})\b|(?:{MONTH_ABBR})(?:\.|\b))"
WD_FULL = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
WD_ABBR = "Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun"
WDP = rf"(?:(?P<wdp>(?:{WD_FULL})\b|(?:{WD_ABBR})(?:\.|\b)),?\s+)?"
YEAR = r"(?P<y>(?:1[5-9]|20)\d\d)"
DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"

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
_NUMWORD_ALT = "|".join(
    sorted((re.escape(w) for w in NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True)
)
# "twenty-five", "25", "2.5", "one and a half" is left out (rare in dates).
_TENS_UNIT = r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
NUM = rf"(?P<n>\d+(?:\.\d+)?|(?:{_NUMWORD_ALT}){_TENS_UNIT}|an?)"
UNIT = r"(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century|quarters?)"
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
YEAR_CTX = (
    rf"(?:{YEAR}|(?P<ctx>(?:this|last|next|that|the\s+(?:current|previous|same|following|past))"
    r"\s+year|the\s+year))"
)
REL = r"(?P<rel>last|next|this|past|coming|previous|following|current|same)"

_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"(?<![\w./-]){YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w/-]|\.\d)"),
    (
        "num",
        rf"(?<![\w./-]){WDP}(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep){YEAR}"
        r"(?![\w/-]|\.\d)",
    ),
    ("dmy", rf"\b{WDP}{DAY}(?:\s+of)?\s+{MON},?\s+{YEAR}\b(?![.,]\d|-\d)"),
    ("mdy", rf"\b{WDP}{MON}\s+{DAY},?\s+{YEAR}\b(?![.,]\d|-\d)"),
    (
        "dm_range",
        rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|—|to|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
        rf"\s+(?:of\s+)?{MON}(?:,?\s+{YEAR}\b)?",
    ),
    (
        "md_range",
        rf"\b{MON}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|—|to|and)\s*(?P<d2>[0-3]?\d)"
        rf"(?:st|nd|rd|th)?\b(?:,?\s+{YEAR}\b)?",
    ),
    ("dm", rf"\b{WDP}{DAY}(?:\s+of)?\s+{MON}"),
    ("md", rf"\b{WDP}{MON}\s+{DAY}\b(?!\s*(?:%|per\s*cent|percent)|[.,:]\d)"),
    ("my", rf"\b{MON},?\s+(?:of\s+)?{YEAR}\b(?!\s*(?:%|per\s*cent)|[.,]\d)"),
    ("m_rel_year", rf"\b(?P<mon>{MONTH_FULL})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b"),
    ("rel_m", rf"\b(?P<rel>last|next|this|past|coming)\s+(?P<mon>{MONTH_FULL})\b"),
    ("m", rf"\b(?P<mon>{MONTH_FULL})\b"),
    ("year", rf"(?<![\w$€£¥#.,/]){YEAR}(?![\w%$€£/]|[.,]\d|-\d|\s*(?:%|per\s*cent|percent))"),
    (
        "year_range",
        r"(?<![\w$€£¥#.,/-])(?P<y>(?:1[5-9]|20)\d\d)\s*(?:-|–|—|/)\s*"
        r"(?P<y2>(?:1[5-9]|20)\d\d|\d\d)(?![\w%]|[.,]\d)",
    ),
    ("fiscal", r"\b(?:FY\s?|fiscal\s+(?:year\s+)?)(?P<y>(?:19|20)\d\d|\d\d)\b"),
    (
        "quarter",
        r"\b(?P<the>the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
        rf"[\s-]+quarter(?P<of>\s+of\s+{YEAR_CTX})?\b",
    ),
    ("qnum", rf"\bQ(?P<q>[1-4])\b(?:\s*(?:of\s+)?{YEAR}\b|(?:\s*'|\s+)(?P<yy>\d\d)\b)?"),
    ("qnum", rf"\b{YEAR}[\s-]?Q(?P<q>[1-4])\b"),
    (
        "half",
        r"\b(?:the\s+)?(?P<ord>first|second|1st|2nd|latter)\s+half"
        rf"(?P<of>\s+of\s+{YEAR_CTX})?",
    ),
    ("hnum", rf"\bH(?P<h>[12])\b(?:\s*(?:of\s+)?{YEAR}\b)?"),
    ("hnum", rf"\b{YEAR}[\s-]?H(?P<h>[12])\b"),
    (
        "first_n",
        r"\b(?:the\s+)?(?P<ord>first|last|final)\s+(?P<n>\d+|one|two|three|four|five|six|seven|"
        r"eight|nine|ten|eleven|twelve)\s+(?P<unit>months|weeks|quarters)\s+of\s+" + YEAR_CTX,
    ),
    (
        "rel_unit",
        rf"\b(?:the\s+)?{REL}\s+(?P<unit>week|month|year|quarter|decade|century|weekend"
        r"|summer|winter|spring|autumn|fall)\b",
    ),
    (
        "season_year",
        rf"\b(?:the\s+)?(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+(?:of\s+)?{YEAR}"
        r"(?:[-/–](?:\d\d){1,2})?\b",
    ),
    (
        "earlier_this",
        r"\b(?P<eo>earlier|later)\s+(?P<rel>this|next|last)\s+(?P<unit>week|month|year)\b",
    ),
    (
        "deictic",
        r"\b(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        r"|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?"
        r"|this\s+(?:morning|afternoon|evening)|last\s+night|tonight|today)\b",
    ),
    ("ago", rf"\b{NUM}\s+(?P<unit>years?|months?|weeks?|days?|decades?)\s+ago\b"),
    (
        "narrative",
        rf"\b{NUM}\s+(?P<unit>years?|months?|weeks?|days?|decades?)\s+(?P<dir>later|earlier)\b",
    ),
    (
        "narrative_day",
        r"\b(?P<w>the\s+(?:next|following|previous|same)\s+(?:day|week|month|year)"
        r"|the\s+day\s+before|the\s+day\s+after)\b",
    ),
    (
        "duration",
        r"\b(?P<qual>(?:more|less|fewer)\s+than\s+|nearly\s+|almost\s+|about\s+|around\s+"
        r"|roughly\s+|some\s+|at\s+least\s+|up\s+to\s+)?"
        r"(?P<pre>the\s+(?:past|last|next|previous|coming|first|final)\s+)?"
        rf"{NUM}(?:\s+(?:single|full|whole|further|additional|extra))?(?:\s+|-){UNIT}\b"
        r"(?!-old|\s+old\b|\s+of\s+age\b|-long\b)",
    ),
    ("duration", rf"\b{NUM}-(?P<unit>year|month|week|day|hour|minute|decade)-long\b"),
    (
        "set",
        r"\b(?:every|each)\s+(?P<other>other\s+)?(?P<unit>year|month|week|day|quarter|morning"
        rf"|afternoon|evening|night|weekend|summer|winter|spring|autumn|{WD_FULL}|{MONTH_FULL})\b",
    ),
    ("set_n", rf"\b(?:every|each)\s+{NUM}\s+{UNIT}"),
    (
        "set_rate",
        rf"\b{NUM}\s+(?:days?|hours?|times|nights?|weeks?|months?|shifts?)\s+"
        r"(?P<per>a|an|per)\s+(?P<unit>year|month|week|day|hour)\b",
    ),
    ("set", r"\b(?P<unit>weekends)\b"),
    ("now", r"\b(?:right\s+)?now\b"),
    (
        "holiday",
        r"\b(?P<hol>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Boxing\s+Day"
        r"|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Halloween|Valentine['’]s\s+Day)\b"
        rf"(?:,?\s+{YEAR}\b)?",
    ),
    (
        "same_period",
        r"\bthe\s+same\s+(?:period|quarter|month|week|day|time|season)\s+(?:of\s+|in\s+)?"
        rf"(?:{YEAR}|(?P<ctx>(?:last|this|next|the\s+previous|the\s+following)\s+year))\b",
    ),
    ("week_num", rf"\b[Ww]eek\s+(?P<w>[1-5]?\d)(?:(?:\s+of|,)?\s+{YEAR})?\b"),
    ("week_of", rf"\bthe\s+week\s+of\s+{MON}\s+{DAY}\b(?:,?\s+{YEAR}\b)?"),
    ("week_of", rf"\bthe\s+week\s+of\s+{DAY}\s+{MON}(?:,?\s+{YEAR}\b)?"),
    ("year_part", r"\b(?:(?P<p1>mid|end|start)-year|year-end)\b"),
    ("the_unit", r"\bthe\s+(?P<unit>year|month|week|decade|century)\b"),
    ("weekend_bare", r"\bthe\s+weekend\b"),
    (
        "season_bare",
        r"\b(?P<the>the\s+)?(?P<season>spring|summer|autumn|fall|winter)\b",
    ),
    (
        "month_range",
        rf"\bthe\s+{MON}\s*(?:-|–|—)\s*(?P<mon2>(?:{MONTH_FULL})\b|(?:{MONTH_ABBR})(?:\.|\b))"
        rf"(?:,?\s+{YEAR})?\s+(?:quarter|period|half|months|season)\b",
    ),
    (
        "month_range",
        rf"\b{MON}\s*(?:-|–|—)\s*(?P<mon2>(?:{MONTH_FULL})\b|(?:{MONTH_ABBR})(?:\.|\b))"
        rf"(?:,?\s+{YEAR}\b)?",
    ),
    ("set_adv", r"\b(?P<adv>annually|yearly|monthly|weekly|daily|hourly|quarterly)\b"),
    (
        "set_rate",
        r"\b(?P<freq>(?:once|twice|\d+\s+times|(?:three|four|five|six|ten)\s+times)\s+)?"
        r"(?P<per>a|an|per)\s+(?P<unit>year|month|week|day|hour|annum|quarter)\b",
    ),
    (
        "decade",
        r"\b(?:the\s+)?(?:(?P<c>1[5-9]|20)(?P<dd>\d)0'?s\b|the\s+'?(?P<d2>\d)0s\b)",
    ),
    (
        "century",
        r"\b(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|"
        r"seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
        r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)\s+century\b",
    ),
    (
        "nth_weekday",
        r"\bthe\s+(?P<ord>first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th)\s+"
        rf"(?P<wd>{WD_FULL})\s+(?:in|of)\s+{MON}(?:,?\s+{YEAR}\b)?",
    ),
    (
        "weekday",
        rf"\b(?:(?P<rel>this|last|next|past|coming)\s+)?(?P<wd>{WD_FULL})(?P<pl>s)?\b"
        r"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?:\s*\(\s*(?P<dom>[0-3]?\d)\s*\))?",
    ),
    (
        "clock",
        r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)",
    ),
    (
        "clock",
        r"(?<![\w:.])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])"
        r"(?:\s*(?P<tz>GMT|UTC|CET|CEST|EST|EDT|BST|MSK|local\s+time))?",
    ),
    ("clock", r"\b(?P<w>noon|midday|midnight)\b"),
]

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _PATTERNS
]

# Priority among equal-length matches (lower wins).
PRIORITY: dict[str, int] = {kind: i for i, (kind, _) in enumerate(_PATTERNS)}

# Left extensions: a part of a period or a range/subperiod prefix directly before a base.
PART_PREFIX = re.compile(
    r"(?:(?P<part>\b(?:early|mid|late|the\s+(?:beginning|start|end|middle|close|turn)\s+of))"
    r"(?:\s+|-)|(?P<part2>\b(?:end|start))-)$",  # "end-2023", "start-June": wire style
    re.IGNORECASE,
)

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
