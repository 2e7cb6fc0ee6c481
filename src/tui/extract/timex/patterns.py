"""The building blocks of the surface patterns for time expressions in news English.

Month and weekday names, year, day, number and unit groups, reused by the patterns in
:data:`tui.extract.timex.rules.RULES`; the prefix of a part of a period ("early", "the end
of") that a match may take in front of it. Spans follow TimeML: prepositions and signals
("on", "in", "since") stay outside, while determiners and modifiers ("last", "the end of",
"early") are part of the expression. Group names are what the normalizers read (``y`` year,
``mon`` month name, ``d`` day, ``n`` amount, ``unit``, ``rel`` …).
"""

from __future__ import annotations

import re

from tui.extract.timex.lexicon import NUMBER_WORDS

MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MON = rf"(?P<mon>(?:{MONTH_FULL})\b|(?:{MONTH_ABBR})(?:\.|\b))"
WD_FULL = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
WD_ABBR = "Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun"
WDP = rf"(?:(?P<wdp>(?:{WD_FULL})\b|(?:{WD_ABBR})(?:\.|\b)),?\s+)?"
YEAR = r"(?P<y>(?:1[5-9]|20)\d\d)"
DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"

_NUMWORD_ALT = "|".join(
    sorted((re.escape(w) for w in NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True)
)
# "twenty-five", "25", "2.5", "one and a half" is left out (rare in dates).
_TENS_UNIT = r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
NUM = rf"(?P<n>\d+(?:\.\d+)?|(?:{_NUMWORD_ALT}){_TENS_UNIT}|an?)"
UNIT = r"(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century|quarters?)"
YEAR_CTX = (
    rf"(?:{YEAR}|(?P<ctx>(?:this|last|next|that|the\s+(?:current|previous|same|following|past))"
    r"\s+year|the\s+year))"
)
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
YEAR_WORDS = (
    rf"nineteen(?:\s+hundred(?:\s+and)?)?\s+(?:{_TEENS}|(?:{_TENS})(?:[-\s](?:{_ONES}))?)"
    rf"|two\s+thousand(?:\s+and)?(?:\s+(?:{_TEENS}|{_ONES}))?"
)
"""A year spoken in words, as broadcast transcripts write it: "nineteen ninety-six",
"nineteen hundred and five", "two thousand", "two thousand and three"."""
REL = r"(?P<rel>last|next|this|past|coming|previous|following|current|same)"


# Left extensions: a part of a period or a range/subperiod prefix directly before a base.
PART_PREFIX = re.compile(
    r"(?:(?P<part>\b(?:early|mid|late|the\s+(?:beginning|start|end|middle|close|turn)\s+of))"
    r"(?:\s+|-)|(?P<part2>\b(?:end|start))-)$",  # "end-2023", "start-June": wire style
    re.IGNORECASE,
)
