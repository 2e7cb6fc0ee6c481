"""The surface patterns the figure scanner matches: numerals, their suffixes and the words
around them (qualifiers, currencies, percent signs, dates and labels that rule a number out).
"""

from __future__ import annotations

import re

from tui.extract.figures import lexicon as L
from tui.extract.figures import numbers as N

MONTH = "|".join(L.MONTHS)
WEEKDAY = "|".join(L.WEEKDAYS)
SPACE = r"[ \t\u00a0\u202f]"

NUMERAL_CORE = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+"
    r"|\d+,\d{1,2}(?=\s?(?:%|mn\b|bn\b|million|billion|trillion|per\s?cent))"
    r"|\d{1,3}(?: \d{3})+(?![\d.,])|\d+(?:\.\d+)?)"
)
# Without the space-grouped thousands of translated copy ("300 000"), for "March 14 200 ...".
NUMERAL_NOSPACE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
NUMERAL = re.compile(r"(?<![\w.,/:\-+\u2013])" + NUMERAL_CORE)
NUMERAL_AT = re.compile(NUMERAL_CORE)
GLUED = re.compile(
    r"(mn|bn|tn|trn|mln|bln|k|m|b)(?![\w])|(st|nd|rd|th)(?![\w])|(x)(?![\w])|([A-Za-z])",
    re.IGNORECASE,
)
SCALE_WORD = re.compile(
    rf"{SPACE}?(million|billion|trillion|thousand|mn|bn|mln|bln|tn|lakh|crore)\b", re.IGNORECASE
)
PERCENT = re.compile(
    rf"{SPACE}?(%|per{SPACE}?cent\b|percent\b|pct\b|(?<=\d)pc\b|percentage(?:{SPACE}|-)points?\b)",
    re.IGNORECASE,
)
POINTS = re.compile(rf"{SPACE}(basis{SPACE}points?|points?|bps)\b", re.IGNORECASE)
CODES = "|".join(sorted(L.ISO_CODES))
CODE_AFTER = re.compile(rf"{SPACE}?({CODES})\b")
NAMES = "|".join(re.escape(n) for n in sorted(L.CURRENCY_NAMES, key=len, reverse=True))
NAME_AFTER = re.compile(rf"{SPACE}(?:of{SPACE})?({NAMES})\b", re.IGNORECASE)
#: A prefix spelled with letters ("US$", "Rs", wire copy's "dlrs") starts a word: "dlrs 40
#: million" is money, the end of another word is not.
PREFIXES = "|".join(
    (r"(?<![A-Za-z])" if p[0].isalpha() else "") + re.escape(p)
    for p in sorted(L.CURRENCY_PREFIX, key=len, reverse=True)
)
CODE_GLUED = re.compile(rf"(?<![A-Za-z])(?:{CODES}|Rs|RM)(?=\d)")
CODE_GLUED_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{CODES}|Rs|RM)$")
PREFIX_BEFORE = re.compile(rf"(?:(?<![A-Za-z])({CODES}|RM){SPACE}?|({PREFIXES}){SPACE}?)$")
GLUED_UNIT = re.compile(
    "(" + "|".join(re.escape(u) for u in sorted(L.GLUED_UNITS, key=len, reverse=True)) + r")"
    r"(?![\w/])",
    re.IGNORECASE,
)
GLUED_PC = re.compile(r"pc(?!\w)", re.IGNORECASE)
# "20 pounds of cocaine", "weighed 8 pounds": weight, not sterling.
OF_AFTER = re.compile(rf"{SPACE}+of\b", re.IGNORECASE)
WEIGH_BEFORE = re.compile(r"\bweigh", re.IGNORECASE)
QUALS = "|".join(re.escape(q) for q in sorted(L.QUALIFIERS, key=len, reverse=True))
QUAL_BEFORE = re.compile(rf"(?<![\w])({QUALS}){SPACE}+$", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(rf"(?<![\w])between{SPACE}+$", re.IGNORECASE)
FROM_BEFORE = re.compile(rf"(?<![\w])from{SPACE}+$", re.IGNORECASE)
RANGE_SEP = re.compile(rf"{SPACE}?(?:-|–|—|to{SPACE})(?:{SPACE})?")
AND_SEP = re.compile(rf"{SPACE}+and{SPACE}+")
TIME_UNIT = re.compile(
    r"(?:-|" + SPACE + r")(years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|"
    r"century|centuries)\b(-old|" + SPACE + r"old)?",
    re.IGNORECASE,
)
TIME_REL = re.compile(rf"{SPACE}+(ago|later|earlier|before|after|from{SPACE}now)\b", re.I)
CLOCK_AFTER = re.compile(
    rf"(?:[:.]\d{{2}}\b|{SPACE}?(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|h\b|GMT\b|UTC\b|CET\b|MSK\b|"
    r"EST\b|EDT\b|o'clock\b))",
    re.IGNORECASE,
)
MONTH_BEFORE = re.compile(rf"\b(?:{MONTH})\.?{SPACE}+(?:the{SPACE}+)?$", re.IGNORECASE)
MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?,?{SPACE}+(?:of{SPACE}+)?(?:{MONTH})\b", re.IGNORECASE)
WEEKDAY_BEFORE = re.compile(rf"\b(?:{WEEKDAY}),?{SPACE}+$", re.IGNORECASE)
WEEKDAY_PAREN = re.compile(rf"\b(?:{WEEKDAY})\b[^\n]{{0,12}}\({SPACE}*$", re.IGNORECASE)
LABEL_BEFORE = re.compile(
    r"(?:\b(?:page|pages|p\.|pp\.|section|sections|sec\.|article|articles|art\.|paragraph|para\.|"
    r"chapter|ch\.|clause|item|part|volume|vol\.|no\.|nos\.|number|issue|rule|resolution|decree|"
    r"law|annex|appendix|table|figure|fig\.|footnote|line|step|phase|stage|round|season|episode|"
    r"grade|flight|route|gate|platform|room|building|block|lot|seat|row|case|file|bill|act|"
    r"amendment|protocol|version|v\.|level|category|subsection|tel\.?|phone|fax|ext\.|code|"
    r"zone|district|highway|road|street|st\.|avenue|ave\.|channel|division|unit|ward|terminal|"
    r"model|generation|gen\.|verse|psalm|session)|[#§№])" + SPACE + r"*$",
    re.IGNORECASE,
)
LINE_START = re.compile(r"(?:^|\n)[ \t]*\(?$")
#: An identifier, not a quantity: a run of ten or more digits with no separator (tweet and
#: post ids, order, account and tracking numbers). News prints counts that large grouped
#: ("1,250,000,000") or with a scale word ("1.25 billion").
IDENTIFIER_DIGITS = 10
#: A sign written before a margin or a change in points or percent: "a +32 point lead",
#: "+12-point jump", "lost -7 points", "-2.5%". Only there: elsewhere a sign is a phone
#: prefix ("+44 20 …") or a minus the scanner does not read.
SIGNED = re.compile(
    rf"(?:(?<=[\s(\[])|^)[+\-\u2212](?=\d+(?:\.\d+)?(?:{SPACE}?%|{SPACE}?per{SPACE}?cent\b|"
    rf"{SPACE}?percent\b|(?:{SPACE}|-)(?:percentage(?:{SPACE}|-))?points?\b|{SPACE}pts?\b))",
    re.IGNORECASE,
)
LIST_AFTER = re.compile(r"[.)](?:\s|$)")
PHONE = re.compile(
    r"\+\d{1,3}(?:[\s.\-]?\(?\d{1,5}\)?){2,}[\s.\-]?\d{2,4}"
    r"|\(\d{2,5}\)\s?\d{2,4}(?:[\s.\-]\d{2,4})+"
    r"|\b\d{2,4}(?:-\d{2,4}){2,}\b"
    r"|\b\d{3}[.\s]\d{3}[.\s]\d{4}\b"
)
# An e-mail starts at a word boundary: "\S+@" tried from every character of a long run of
# punctuation made the scan quadratic.
URLISH = re.compile(r"(?:https?://|www\.)\S+|(?<!\S)\S+@\S+\.\w+")
ISO_DATE = re.compile(r"\b\d{1,4}[./]\d{1,2}[./]\d{2,4}\b")
WORD = re.compile(r"[A-Za-z]+")
WRITTEN = re.compile(
    r"(?<![\w-])(?:(?:a|an)" + SPACE + r"+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    r"(?:" + "|".join(sorted(N.NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:(?:"
    + SPACE
    + r"+|-)(?:and"
    + SPACE
    + r"+)?(?:"
    + "|".join(sorted(N.NUMBER_WORDS, key=len, reverse=True))
    + r"))*\b",
    re.IGNORECASE,
)
FRACTION = re.compile(
    r"(?<![\w-])(?:(a|an|one|two|three|four|five|six|seven|eight|nine)(?:" + SPACE + r"+|-))?"
    r"(half|halves|thirds?|quarters?|fifths?|tenths?)(?=" + SPACE + r"+(?:of|the)\b)",
    re.IGNORECASE,
)
WRITTEN_ORDINAL = re.compile(
    r"(?<![\w-])(" + "|".join(N.ORDINAL_WORDS) + r")(?=[ \t-]+(?:anniversary|consecutive|"
    r"straight|largest|biggest|highest|lowest|round|time|edition)\b|-\w+est\b)"
    r"|(?<=\b(?:the|its|his|her|our) )(" + "|".join(N.ORDINAL_WORDS) + r")"
    r"(?=[ \t]+(?!(?:of|quarter|half|and|or|to|in)\b|world[ \t]+war\b)[a-z])"
    r"|(?<=\btheir )(" + "|".join(N.ORDINAL_WORDS) + r")"
    r"(?=[ \t]+(?!(?:of|quarter|half|and|or|to|in)\b)[a-z])",
    re.IGNORECASE,
)
NAME_BEFORE = re.compile(rf"(?<=[\w,;] )[A-Z][A-Za-z]*{SPACE}+$")
CAMEL_BEFORE = re.compile(rf"\b[a-z]+[A-Z]\w*{SPACE}+$")
#: "the 20th century", "a 16th-century map", "21st Century Fox": an ordinal naming a century is
#: a date (or part of a name), not a figure; only a possessor makes it a count of centuries
#: scored ("his ninth century", in cricket).
CENTURY_AFTER = re.compile(rf"(?:{SPACE}+|-)centur(?:y|ies)\b", re.IGNORECASE)
POSSESSOR_BEFORE = re.compile(
    rf"(?:\b(?:his|her|their|its|my|our|your)|\w['’]s?){SPACE}+$", re.IGNORECASE
)
ORDINAL_BEFORE = re.compile(
    rf"\b(?:first|second|third|fourth|last|final|latter|former|past|next|previous|same)"
    rf"{SPACE}+$",
    re.IGNORECASE,
)
FOR_BEFORE = re.compile(rf"\bfor{SPACE}+$", re.IGNORECASE)
#: A small written number after a determiner refers to things already known rather than
#: reports how many: "the two countries", and with a position word between, "the last two
#: winners", "the next two states", "the other two" (fourth pass). Not "first" ("won the
#: first three contests" counts what was won) nor "top" ("the top two" ranks, ``_RANKS``), and
#: only after the/these/those: "won their last nine games" is a streak, a count.
REFERENCE_BEFORE = re.compile(
    rf"\b(?:(?:the|these|those)(?:{SPACE}+(?:last|next|other))?|its|their|our|his|her|both|all)"
    rf"{SPACE}+$",
    re.IGNORECASE,
)
# Ages: "aged 63", "age 7"; a name then the age between commas or brackets ("Ana Ruiz, 51,",
# "Tom Bell (63)") — the name must be a PERSON in the parse.
AGED_BEFORE = re.compile(rf"\b(?:aged|age|ages){SPACE}+$", re.IGNORECASE)
#: "As Ana Ruiz turns 70,", "he turned 51 on Friday": a birthday; the subject of the verb
#: must be a person (checked in the parse), and the number ends the phrase (AGE_AFTER, or a
#: time word follows).
TURNS_BEFORE = re.compile(rf"\b(?:turns|turned|turning|turn){SPACE}+$", re.IGNORECASE)
TURNS_AFTER = re.compile(
    rf"\s*(?:[,;:)!?]|\.(?!\d)|$)|{SPACE}+(?:on|in|this|last|next|today|tomorrow|yesterday)\b",
    re.IGNORECASE,
)
NAME_THEN_AGE = re.compile(rf"([A-Z][\w'’.-]*)(?:,{SPACE}+|{SPACE}+\({SPACE}*)$")
AGE_AFTER = re.compile(r"\s*(?:[,;)]|\.(?!\d))")
# Vague quantities: "hundreds of jobs", "tens of thousands of people", "billions of dollars".
VAGUE = re.compile(
    rf"(?<![\w-])(?:(tens|hundreds){SPACE}+of{SPACE}+(thousands|millions|billions)"
    rf"(?:{SPACE}+of(?={SPACE}+\w))?"
    rf"|(dozens|hundreds|thousands|millions|billions|trillions){SPACE}+of(?={SPACE}+\w))",
    re.IGNORECASE,
)
# Proportions: "four in 10 voters", "one in five", "9 out of 10": a share, not a count of
# the noun after the denominator. Small numbers only (a year or a time unit after "in" is not
# a denominator: "2 in 2016", "one in three years" are left to the other rules).
_SMALL = r"(?:\d{1,3}|" + "|".join(sorted(N.UNITS, key=len, reverse=True)) + r"|ten|twenty|hundred)"
#: What follows "N times" when it multiplies an amount rather than counting occasions: "three
#: times as much", "four times more likely", "five times the national average", "10 times
#: larger than", "three times what it raised" (a ratio of two amounts). Not "met three times
#: that year": occasions.
MULTIPLE_AFTER = re.compile(
    rf"{SPACE}+(?:as|more|less|fewer|what|higher|lower|larger|smaller|bigger|greater|faster|"
    r"slower|longer|shorter|cheaper|[a-z]+er(?=\s+than\b)|the\s+(?:amount|number|size|rate|"
    r"level|average|national|price|cost|value|total|sum|population))\b",
    re.IGNORECASE,
)
PROPORTION = re.compile(
    rf"(?<![\w.,$£€-])({_SMALL}){SPACE}+(?:in|out{SPACE}+of){SPACE}+({_SMALL})\b(?![.,]\d)"
    rf"(?!{SPACE}+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?)\b)",
    re.IGNORECASE,
)
# Results and scores (session 9, wire news). A results table prints one result a line: "Team
# 4 Other Team 1" (team, score, team, score) or a leaderboard's "63 Ana Brook" / "65 Lee
# Tam, Rosa Vint (Chile)" (a score, then the names that made it). Two or more such
# lines in a row (blank lines between them aside) are a table: its numbers are scores and
# places, not reported quantities. One line alone is not ("3 Dead In Blast" is a headline).
_NAME = r"[A-Z][\w.'&’-]*(?:[ \t]+(?:[A-Z(][\w.'&’()-]*|of|de|la|van|von|al|el|del))*"
_NAMES = rf"{_NAME}(?:[ \t]*,[ \t]*{_NAME})*,?"
RESULT_LINE = re.compile(
    rf"^[ \t]*(?:{_NAME}[ \t]+\d{{1,3}}[ \t]+{_NAME}[ \t]+\d{{1,3}}"
    rf"|\d{{1,3}}[ \t]+{_NAMES})[ \t]*$",
    re.MULTILINE,
)
#: A line of names alone, continuing a leaderboard's line ("Udeh, Joe Pratt, Ivo Lind").
NAMES_LINE = re.compile(rf"[ \t]*{_NAMES}[ \t]*")
#: Words before a hyphenated pair of small whole numbers that make it a score: "drew 1-1",
#: "won 5-2", "lost 4-6", "beat them 3-0" — a result, not a range.
SCORE_BEFORE = re.compile(
    rf"\b(?:drew|draw|drawn|draws|won|win|wins|winning|beat|beats|beaten|lost|lose|loses|"
    rf"losing|tied|tie|ties|defeated|edged|thrashed|routed|led|lead|leads|leading|trailed|"
    rf"trailing|trails|score|scores|scored|scoreline|result){SPACE}+(?:\w+{SPACE}+)?$",
    re.IGNORECASE,
)
#: What follows a score: another set or game score ("4-6 6-4 7-5"), or the word for the match.
SCORE_AFTER = re.compile(
    rf"{SPACE}+(?:\d{{1,2}}-\d{{1,2}}\b|(?:victory|win|defeat|loss|draw|triumph|home|away|"
    rf"aggregate|scoreline|result|thrashing|rout)\b|on{SPACE}+aggregate\b)",
    re.IGNORECASE,
)
SCORE_BEFORE_PAIR = re.compile(rf"\b\d{{1,2}}-\d{{1,2}}{SPACE}+$")
#: A stock price's fraction, as financial copy printed them before decimals: "rose 3 3/8
#: to 41 1/4", "eased 1/4" — eighths, quarters, halves, sixteenths, thirty-seconds.
FRACTION_AFTER = re.compile(r"[ \t\u00a0-](\d{1,2})/(2|4|8|16|32|64)(?![\d/])")
PRICE_FRACTION = re.compile(r"(\d{1,2})/(2|4|8|16|32|64)(?![\d/])")
#: "a few hundred", "several thousand": a vague quantity, not one hundred or one thousand.
FEW_BEFORE = re.compile(rf"\b(?:few|several|many|some){SPACE}+$", re.IGNORECASE)
#: Before "the year": "by the year nineteen ninety" is a date.
YEAR_WORD_BEFORE = re.compile(rf"\byear{SPACE}+$", re.IGNORECASE)
