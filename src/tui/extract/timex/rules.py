"""The table of time-expression rules: each kind's surface patterns and its normalizer.

One :class:`Rule` per kind, in priority order: when two matches have the same length, the
kind listed first wins. Adding a kind of expression is one entry here: its regular
expressions (case-insensitive, built from :mod:`tui.extract.timex.patterns`) and the
:data:`~tui.extract.timex.base.Normalizer` that reads a match of it (:mod:`.normalize`).
A kind that needs more than its pattern to be believed ("May" the month, not the modal)
also gets a filter in :mod:`tui.extract.timex.accept`. :func:`normalize` runs the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.extract.timex.base import Cand, Context, Norm, Normalizer
from tui.extract.timex.lexicon import PART_MODS
from tui.extract.timex.normalize import dates, durations, periods, relative
from tui.extract.timex.patterns import (
    DAY,
    MON,
    MONTH_ABBR,
    MONTH_FULL,
    NUM,
    REL,
    UNIT,
    WD_FULL,
    WDP,
    YEAR,
    YEAR_CTX,
    YEAR_WORDS,
)
from tui.extract.timex.prefilter import Need, Opening, opening, required


@dataclass(frozen=True)
class Rule:
    """One kind of time expression: its normalizer and its surface patterns (tried in order)."""

    kind: str
    normalize: Normalizer
    patterns: tuple[str, ...]


_ZONE = r"(?P<tz>GMT\b|UTC\b|CET\b|CEST\b|EST\b|EDT\b|PST\b|PDT\b|BST\b|MSK\b|local\s+time\b)"
_QORD = "first|second|third|fourth|final|last|1st|2nd|3rd|4th"

RULES: tuple[Rule, ...] = (
    Rule("iso", dates.iso, (rf"(?<![\w./-]){YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w/-]|\.\d)",)),
    Rule(
        "num",
        dates.numeric,
        (
            rf"(?<![\w./-]){WDP}(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep){YEAR}"
            r"(?![\w/-]|\.\d)",
        ),
    ),
    Rule(
        "dmy",
        dates.day_month_year,
        (rf"\b{WDP}{DAY}(?:\s+of)?\s+{MON},?\s+{YEAR}\b(?![.,]\d|-\d)",),
    ),
    Rule("mdy", dates.day_month_year, (rf"\b{WDP}{MON}\s+{DAY},?\s+{YEAR}\b(?![.,]\d|-\d)",)),
    Rule(
        "dm_range",
        dates.day_range,
        (
            rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|—|to|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
            rf"\s+(?:of\s+)?{MON}(?:,?\s+{YEAR}\b)?",
        ),
    ),
    Rule(
        "md_range",
        dates.day_range,
        (
            rf"\b{MON}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|—|to|and)\s*(?P<d2>[0-3]?\d)"
            rf"(?:st|nd|rd|th)?\b(?:,?\s+{YEAR}\b)?",
        ),
    ),
    Rule("dm", dates.month_day, (rf"\b{WDP}{DAY}(?:\s+of)?\s+{MON}",)),
    Rule(
        "md", dates.month_day, (rf"\b{WDP}{MON}\s+{DAY}\b(?!\s*(?:%|per\s*cent|percent)|[.,:]\d)",)
    ),
    Rule(
        "my", dates.month_year, (rf"\b{MON},?\s+(?:of\s+)?{YEAR}\b(?!\s*(?:%|per\s*cent)|[.,]\d)",)
    ),
    Rule(
        "m_rel_year",
        dates.month_of_rel_year,
        (rf"\b(?P<mon>{MONTH_FULL})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b",),
    ),
    Rule(
        "rel_m",
        dates.rel_month,
        (rf"\b(?P<rel>last|next|this|past|coming)\s+(?P<mon>{MONTH_FULL})\b",),
    ),
    Rule("m", dates.bare_month, (rf"\b(?P<mon>{MONTH_FULL})\b",)),
    Rule(
        "year",
        periods.year,
        (rf"(?<![\w$€£¥#.,/]){YEAR}(?![\w%$€£/]|[.,]\d|-\d|\s*(?:%|per\s*cent|percent))",),
    ),
    Rule(
        "year_range",
        periods.year_range,
        (
            r"(?<![\w$€£¥#.,/-])(?P<y>(?:1[5-9]|20)\d\d)\s*(?:-|–|—|/)\s*"
            r"(?P<y2>(?:1[5-9]|20)\d\d|\d\d)(?![\w%]|[.,]\d)",
        ),
    ),
    Rule(
        "fiscal",
        periods.fiscal_year,
        (r"\b(?:FY\s?|fiscal\s+(?:year\s+)?)(?P<y>(?:19|20)\d\d|\d\d)\b",),
    ),
    Rule(
        "quarter",
        periods.quarter,
        (
            # "the third quarter", but "the third-quarter loss": the article is the noun's
            rf"\b(?P<the>the\s+(?=(?:fiscal[\s-]+)?(?:{_QORD})\s+quarter))?(?:fiscal[\s-]+)?"
            rf"(?P<ord>{_QORD})[\s-]+quarter(?P<of>\s+of\s+{YEAR_CTX})?\b",
        ),
    ),
    Rule(
        "qnum",
        periods.quarter,
        (
            rf"\bQ(?P<q>[1-4])\b(?:\s*(?:of\s+)?{YEAR}\b|(?:\s*'|\s+)(?P<yy>\d\d)\b)?",
            rf"\b{YEAR}[\s-]?Q(?P<q>[1-4])\b",
        ),
    ),
    Rule(
        "half",
        periods.half,
        (
            r"\b(?:the\s+)?(?P<ord>first|second|1st|2nd|latter|last)\s+half"
            rf"(?P<of>\s+of\s+{YEAR_CTX})?",
        ),
    ),
    Rule(
        "hnum",
        periods.half,
        (
            rf"\bH(?P<h>[12])\b(?:\s*(?:of\s+)?{YEAR}\b)?",
            rf"\b{YEAR}[\s-]?H(?P<h>[12])\b",
        ),
    ),
    Rule(
        "year_period",
        periods.year_period,
        (
            rf"\b(?:the\s+)?{YEAR}\s+(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+)?"
            r"(?:fiscal\s+)?(?P<unit>quarter|period|half)\b",
            r"\b(?P<rel>this|last|next)\s+year['’]s\s+(?:(?P<ord>first|second|third|fourth|1st|2nd"
            r"|3rd|4th)[\s-]+)?(?:fiscal\s+)?(?P<unit>quarter|period|half)\b",
        ),
    ),
    Rule(
        "fiscal_rel",
        periods.fiscal_rel,
        (
            r"\b(?:the\s+(?P<which>current\s+|latest\s+|last\s+|previous\s+|past\s+|next\s+"
            r"|new\s+|coming\s+)?|(?P<rel>this|last|next)\s+)fiscal\s+year\b"
            r"(?!\s+(?:ended|ending|that\s+ended|to)\b)",
        ),
    ),
    Rule(
        "year_words",
        periods.year_words,
        (
            rf"\b(?:(?P<mon>{MONTH_FULL})\s+|the\s+year\s+"
            r"|(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+of\s+)?"
            rf"(?P<yw>{YEAR_WORDS})\b(?!-)",
        ),
    ),
    Rule(
        "first_n",
        periods.first_n,
        (
            r"\b(?:the\s+)?(?P<ord>first|last|final)\s+(?P<n>\d+|one|two|three|four|five|six|seven|"
            r"eight|nine|ten|eleven|twelve)\s+(?P<unit>months|weeks|quarters)\s+of\s+" + YEAR_CTX,
        ),
    ),
    Rule(
        "rel_unit",
        relative.rel_unit,
        (
            rf"\b(?:the\s+|this\s+(?=past\b))?{REL}\s+(?P<unit>week|month|year|quarter|decade|century|weekend"
            r"|summer|winter|spring|autumn|fall)\b",
        ),
    ),
    Rule(
        "season_year",
        periods.season_year,
        (
            rf"\b(?:the\s+)?(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+(?:of\s+)?{YEAR}"
            r"(?:[-/–](?:\d\d){1,2})?\b",
        ),
    ),
    Rule(
        "earlier_this",
        relative.earlier_this,
        (r"\b(?P<eo>earlier|later)\s+(?P<rel>this|next|last)\s+(?P<unit>week|month|year)\b",),
    ),
    Rule(
        "deictic",
        relative.deictic,
        (
            r"\b(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
            r"|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?"
            r"|this\s+(?:morning|afternoon|evening)|last\s+night|tonight|today)\b",
        ),
    ),
    Rule(
        "part_of_day",
        relative.part_of_day,
        (
            r"\bmid[- ]?(?P<pod>morning|afternoon)(?:\s+(?P<dw>yesterday|today|tomorrow))?\b",
            r"(?<=\bin )the\s+(?P<pod>morning|afternoon|evening)\b(?!\s+(?:of|paper|news|show))",
        ),
    ),
    Rule(
        "ago",
        relative.ago,
        (
            r"\b(?:(?P<qual>nearly|almost|about|around|roughly|some|just\s+over|more\s+than"
            rf"|less\s+than)\s+)?{NUM}\s+(?P<unit>years?|months?|weeks?|days?|decades?)"
            # "a week or so ago", "a year or two ago", "a month or more ago"
            r"(?:\s+or\s+(?P<post>so|more|two|three))?\s+ago\b",
        ),
    ),
    Rule(
        "narrative",
        relative.narrative,
        (rf"\b{NUM}\s+(?P<unit>years?|months?|weeks?|days?|decades?)\s+(?P<dir>later|earlier)\b",),
    ),
    Rule(
        "narrative_day",
        relative.narrative_day,
        (
            r"\b(?P<w>the\s+(?:next|following|previous|same)\s+(?:day|week|month|year"
            r"|morning|afternoon|evening|night)"
            r"|the\s+day\s+before|the\s+day\s+after)\b",
            # "down from $4m the year before.": at the end of a clause, counted from the date
            # the story is at (before a clause it is the event's: "the year before the war")
            r"\b(?P<w>the\s+(?:year|month|week)\s+(?:before|after))(?=\s*[.,;:)])",
        ),
    ),
    Rule(
        "that_unit",
        relative.that_unit,
        (
            # "later that year", "that same day": the unit of the date the story is at; not
            # "that day care", "that week-long", nor "that year's" of a conjunction
            r"\b(?:(?P<eo>earlier|later)\s+)?that\s+(?:same\s+)?(?P<unit>year|month|week|day)\b"
            r"(?![-\w]|\s+(?:care|trader|traders|trading|job|jobs|shift|shifts)\b)",
            # "later in the day", "earlier in the year"
            r"\b(?P<eo>earlier|later)\s+in\s+the\s+(?P<unit>year|month|week|day)\b(?![-\w])",
        ),
    ),
    Rule(
        "nth_day",
        relative.nth_day,
        (
            # "the eighth day of the strike", "the third straight day of talks"
            r"\bthe\s+(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
            r"|\d{1,3}(?:st|nd|rd|th))\s+(?:(?:straight|consecutive|successive)\s+)?day\b"
            r"(?=\s+(?:of|in\s+a\s+row)\b)",
        ),
    ),
    Rule(
        "duration",
        durations.duration,
        (
            r"\b(?P<qual>(?:more|less|fewer)\s+than\s+|nearly\s+|almost\s+|about\s+|around\s+"
            r"|roughly\s+|some\s+|at\s+least\s+|up\s+to\s+)?"
            r"(?P<pre>the\s+(?:past|last|next|previous|coming|first|final)\s+)?"
            rf"{NUM}(?:\s+(?:single|full|whole|further|additional|extra))?(?:\s+|-){UNIT}\b"
            r"(?!-old|\s+old\b|\s+of\s+age\b|-long\b)",
            rf"\b{NUM}-(?P<unit>year|month|week|day|hour|minute|decade)-long\b",
        ),
    ),
    Rule("set_n", durations.every_n, (rf"\b(?:every|each)\s+{NUM}\s+{UNIT}",)),
    Rule(
        "set",
        durations.recurring,
        (
            r"\b(?:every|each)\s+(?P<other>other\s+)?(?P<unit>year|month|week|day|quarter|morning"
            rf"|afternoon|evening|night|weekend|summer|winter|spring|autumn|{WD_FULL}|{MONTH_FULL})\b",
            r"\b(?P<unit>weekends)\b",
        ),
    ),
    Rule("now", relative.now, (r"\b(?:right\s+)?now\b",)),
    Rule(
        "present_ref",
        relative.present_ref,
        (
            r"\b(?:currently|nowadays|these\s+days)\b",
            # the adjective before a noun ("current market conditions"), not accounting's
            # "current assets" nor a preceding "then" (a past present)
            r"(?<!\bthen )\bcurrent\b(?=\s+[a-z])(?!\s+(?:account|accounts|affairs|assets"
            r"|liabilities|ratio|events|sea|flows?|carrying|electric)\b)",
        ),
    ),
    Rule(
        "past_ref",
        relative.past_ref,
        (
            r"\brecently\b",
            r"(?<=\bin )the\s+past\b(?!\s+(?:\w+\s+)?(?:year|month|week|day|decade|quarter"
            r"|centur|hour|minute|season|term)\w*)",
        ),
    ),
    Rule(
        "future_ref",
        relative.future_ref,
        (r"(?<=\bin )the\s+(?:near\s+|distant\s+|foreseeable\s+)?future\b",),
    ),
    Rule(
        "holiday",
        dates.holiday,
        (
            r"\b(?:(?P<hrel>last|next|this)\s+)?"
            r"(?P<hol>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Boxing\s+Day"
            r"|Easter(?:\s+(?:Sunday|Monday|week))?|Good\s+Friday|Halloween|Valentine['’]s\s+Day"
            # US holidays on a weekday of a month; the capital keeps "election day" abroad out
            r"|Thanksgiving(?:\s+Day)?|(?-i:Labor\s+Day|Memorial\s+Day|Election\s+Day))\b"
            rf"(?:,?\s+{YEAR}\b)?",
        ),
    ),
    Rule(
        "same_period",
        periods.same_period,
        (
            r"\bthe\s+same\s+(?:period|quarter|month|week|day|time|season)\s+(?:of\s+|in\s+)?"
            rf"(?:{YEAR}|(?P<ctx>(?:last|this|next|the\s+previous|the\s+following)\s+year))\b",
        ),
    ),
    Rule(
        "week_num",
        dates.week_number,
        (rf"\b[Ww]eek\s+(?P<w>[1-5]?\d)(?:(?:\s+of|,)?\s+{YEAR})?\b",),
    ),
    Rule(
        "week_of",
        dates.week_of,
        (
            rf"\bthe\s+week\s+of\s+{MON}\s+{DAY}\b(?:,?\s+{YEAR}\b)?",
            rf"\bthe\s+week\s+of\s+{DAY}\s+{MON}(?:,?\s+{YEAR}\b)?",
        ),
    ),
    Rule(
        "year_part",
        periods.year_part,
        # "year-end", "by year end", "by year's end" (not "the year ended")
        (r"\b(?:(?P<p1>mid|end|start)-year|year(?:['’]s)?[\s-]end)\b(?!-)",),
    ),
    Rule(
        "year_earlier",
        relative.year_earlier,
        (
            r"\b(?:the\s+)?(?:comparable\s+)?year-(?:earlier|ago)(?:\s+(?:(?:first|second|third"
            r"|fourth)\s+)?(?:quarter|period|half))?(?![\w-])",
        ),
    ),
    Rule("full_year", relative.full_year, (r"\bthe\s+full\s+year\b",)),
    Rule(
        "the_period",
        relative.the_period,
        (
            # not "the quarter of 1990", "the period ended/to March 31" ("to total" is no end)
            r"\bthe\s+(?:latest\s+|most\s+recent\s+|current\s+)?(?:quarter|period)\b"
            rf"(?!\s+(?:of|ended|ending)\b|\s+to\s+(?:{MONTH_FULL}|{MONTH_ABBR}|\d))",
        ),
    ),
    Rule(
        "quarter_ended",
        periods.quarter_ended,
        (rf"\bthe\s+(?:fiscal\s+)?quarter(?=\s+(?:ended|ending)\s+{MON}\s+{DAY}\b)",),
    ),
    Rule("the_unit", relative.the_unit, (r"\bthe\s+(?P<unit>year|month|week|decade|century)\b",)),
    Rule("weekend_bare", relative.weekend, (r"\bthe\s+weekend\b",)),
    Rule(
        "season_bare",
        periods.season,
        (r"\b(?P<the>the\s+)?(?P<season>spring|summer|autumn|fall|winter)\b",),
    ),
    Rule(
        "month_range",
        dates.month_range,
        (
            rf"\bthe\s+{MON}\s*(?:-|–|—)\s*(?P<mon2>(?:{MONTH_FULL})\b|(?:{MONTH_ABBR})(?:\.|\b))"
            rf"(?:,?\s+{YEAR})?\s+(?:quarter|period|half|months|season)\b",
            rf"\b{MON}\s*(?:-|–|—)\s*(?P<mon2>(?:{MONTH_FULL})\b|(?:{MONTH_ABBR})(?:\.|\b))"
            rf"(?:,?\s+{YEAR}\b)?",
        ),
    ),
    Rule(
        "set_adv",
        durations.recurring,
        (r"\b(?P<adv>annually|yearly|monthly|weekly|daily|hourly|quarterly)\b",),
    ),
    Rule(
        "set_rate",
        durations.recurring,
        (
            rf"\b{NUM}\s+(?:days?|hours?|times|nights?|weeks?|months?|shifts?)\s+"
            r"(?P<per>a|an|per)\s+(?P<unit>year|month|week|day|hour)\b",
            r"\b(?P<freq>(?:once|twice|\d+\s+times|(?:three|four|five|six|ten)\s+times)\s+)?"
            r"(?P<per>a|an|per)\s+(?P<unit>year|month|week|day|hour|annum|quarter)\b",
        ),
    ),
    Rule(
        "decade",
        periods.decade,
        (
            r"\b(?:the\s+)?(?:(?P<c>1[5-9]|20)(?P<dd>\d)0'?s\b|the\s+'?(?P<d2>\d)0s\b)",
            r"\bthe\s+(?:nineteen[\s-]+)?(?P<dw>twenties|thirties|forties|fifties|sixties"
            r"|seventies|eighties|nineties)\b",
        ),
    ),
    Rule(
        "century",
        periods.century,
        (
            r"\b(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|"
            r"seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
            r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)\s+century\b",
        ),
    ),
    Rule(
        "nth_weekday",
        dates.nth_weekday_in_month,
        (
            r"\bthe\s+(?P<ord>first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th)\s+"
            rf"(?P<wd>{WD_FULL})\s+(?:in|of)\s+{MON}(?:,?\s+{YEAR}\b)?",
        ),
    ),
    Rule(
        "weekday",
        dates.weekday,
        (
            rf"\b(?:(?:the\s+)?(?P<rel>this|last|next|past|coming|previous|following)\s+)?"
            rf"(?P<wd>{WD_FULL})(?P<pl>s)?\b"
            r"(?:\s+(?P<pod>morning|afternoon|evening|night)(?P<podpl>s)?)?"
            r"(?:\s*\(\s*(?P<dom>[0-3]?\d)\s*\))?",
        ),
    ),
    Rule(
        "event_span",
        relative.by_event,
        # "in the weeks before the shooting": TimeML marks the unit word; dated (or dropped)
        # from the event's date by tui.extract.timex.eventdates
        (
            r"(?<=\bthe )(?P<u>days|weeks|months)(?=\s+(?:before|after|leading\s+up\s+to"
            r"|preceding|following)\s)",
        ),
    ),
    Rule(
        "clock",
        dates.clock,
        (
            r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
            rf"(?:\s*{_ZONE})?",
            r"(?<![\w:.])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])"
            rf"(?:\s*{_ZONE})?",
            r"\b(?P<w>noon|midday|midnight)\b",
            r"\b(?P<h>1[0-2]|[1-9])\s+(?:o['’]clock\s+)?in\s+the\s+(?P<ampod>morning|afternoon|evening)\b",
        ),
    ),
)

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (rule.kind, re.compile(rx, re.IGNORECASE)) for rule in RULES for rx in rule.patterns
]
"""Every pattern with its kind, in table order."""

NEEDS: list[Need] = [required(rx) for _, rx in PATTERNS]
"""What each pattern of :data:`PATTERNS` requires of a text to match in it (see
:mod:`~tui.extract.timex.prefilter`): a text without it is not scanned with the pattern."""

OPENINGS: list[Opening | None] = [opening(rx) for _, rx in PATTERNS]
"""What the text holds where a match of each pattern of :data:`PATTERNS` starts (see
:func:`~tui.extract.timex.prefilter.opening`): a pattern is tried only there."""

PRIORITY: dict[str, int] = {rule.kind: i for i, rule in enumerate(RULES)}
"""Priority among equal-length matches (lower wins): the kind's place in the table."""

NORMALIZERS: dict[str, Normalizer] = {rule.kind: rule.normalize for rule in RULES}


def normalize(cand: Cand, ctx: Context) -> Norm:
    """The TIMEX3 reading of ``cand``: its kind's normalizer (spaCy-only candidates:
    :func:`~tui.extract.timex.normalize.durations.vague`), then a part-of-period prefix
    ("early", "the end of") as the mod."""
    if cand.kind == "vague" or cand.match is None:
        norm = durations.vague(cand, ctx)
    else:
        try:
            norm = NORMALIZERS[cand.kind](cand, ctx)
        except (ValueError, OverflowError) as exc:
            # Date arithmetic beyond what datetime holds (years 1-9999): a publication date
            # at the calendar's edge, "5000000 days ago", a count hundreds of digits long.
            # A legitimate outcome: the expression has no value. Any other error is a bug.
            norm = Norm(None, how=f"could not normalize: {exc}")
    if cand.part is not None and norm.type == "DATE":
        key = re.sub(r"^the\s+", "", cand.part).split()[0]
        norm.mod = PART_MODS.get(key, norm.mod)
        norm.how = f"'{cand.part}' → mod {norm.mod}; {norm.how}"
    return norm
