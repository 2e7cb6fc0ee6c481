"""What an article says around its figures: whether a figure's sentence is a projection
("expected to reach"), and the names that tell which story the article tells."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping

from tui.records.models import Article, Figure
from tui.records.timevalue import MONTH_NAMES

_PROJECTION = re.compile(
    r"\b(?:will|would|could|(?-i:may)|might|shall|should|'ll|expects?|expected|expecting|forecasts?|"
    r"forecast(?:ed|ing)|projects?|projected|plans?|planned|planning|targets?|targeted|aims?|"
    r"aimed|intends?|set to|likely|hopes?|seeks?|goal|outlook)\b",
    re.IGNORECASE,
)
#: A sentence ends at end punctuation before a blank, or a line break; not at the full stop
#: of a title before a name ("Mrs. Ruiz leads Mr. Bell").
_SENT_END = re.compile(
    r"[.!?](?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSen\.)(?<!\bRep\.)"
    r"(?<!\bGov\.)(?<!\bGen\.)(?<!\bProf\.)(?<!\bSt\.)(?=\s)|\n"
)  # the look-behinds after the punctuation: tried only where a sentence may end
# Capitalized words inside a sentence (after a word or comma), and all-caps words of 3+ letters
# (datelines): sentence-initial capitals say nothing about the story. Written to start with the
# capital (the context is checked behind it), so that the regex engine skips ahead to capitals;
# it matches what "(?<=[\w,;:)] )[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b|\b[A-Z]{3,}\b" matches.
_CAPITALIZED = re.compile(
    r"[A-Z](?:(?<=[\w,;:)] [A-Z])[a-z]+(?:-[A-Z][a-z]+)?\b|(?<=\b[A-Z])[A-Z]{2,}\b)"
)
_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "Or",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Here",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "Your",
        "As",
        "By",
        "To",
        "Of",
        "From",
        "With",
        "After",
        "Before",
        "When",
        "While",
        "If",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "Prof",
        "President",
        "Minister",
        "Prime",
        "Deputy",
        "Chief",
        "Officials",
        "Analysts",
        *MONTH_NAMES,
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "So",
        "What",
        "Whatever",
        "Also",
        "Meanwhile",
        "However",
        "According",
        "Read",
        "More",
        "Share",
        "Photo",
        "File",
        "US",
        "UK",
        "EU",
        "UN",
        "AM",
        "PM",
    ]
)


def sentence_ends(text: str) -> list[int]:
    """Where sentences end in ``text``: end punctuation before a blank, or a line break."""
    return [m.start() for m in _SENT_END.finditer(text)]


def sentence(article: Article, fig: Figure, ends: list[int] | None = None) -> str:
    """The sentence (or line) around ``fig``; ``ends`` caches :func:`sentence_ends`."""
    text = article.text
    if ends is None:
        ends = sentence_ends(text)
    i = bisect_left(ends, fig.start)
    start = ends[i - 1] + 1 if i > 0 else 0
    j = bisect_left(ends, fig.end)
    return text[start : ends[j] if j < len(ends) else len(text)]


def sentences_of(articles: Mapping[str, Article]) -> Callable[[Figure], str]:
    """:func:`sentence` for the figures of ``articles`` (by id), each article's sentence
    ends found once, when one of its figures first asks."""
    ends: dict[str, list[int]] = {}

    def sentence_of(fig: Figure) -> str:
        article = articles[fig.article_id]
        found = ends.get(article.id)
        if found is None:
            found = ends[article.id] = sentence_ends(article.text)
        return sentence(article, fig, found)

    return sentence_of


def is_projection(article: Article, fig: Figure, ends: list[int] | None = None) -> bool:
    """Whether ``fig``'s sentence reports a forecast, plan or expectation."""
    return _PROJECTION.search(sentence(article, fig, ends)) is not None


#: Words that make a number a condition rather than a reported value of its measure: what is
#: needed or required ("needs 15 percent to qualify", "must win 60% of the remaining
#: delegates"), a threshold or minimum, what is enough, hypotheticals ("if turnout
#: reaches 60 percent") and what can or cannot be reached ("doubts she can get 50 percent
#: of the vote", session 9). Read in the figure's clause before it. Targets, goals and
#: plans are projections (:data:`_PROJECTION`), compared only with one another.
_CONDITION_BEFORE = re.compile(
    r"\b(?:needs?|needed|needing|requires?|required|requiring|requirements?|must|"
    r"ha(?:ve|s|d)\s+to|threshold|minimum|cutoff|cut-off|qualify|qualifying|enough|"
    r"if|unless|whether|"
    r"(?:can(?:not|'t|’t)?|could(?:n't|n’t)?)\s+(?:\w+\s+)?"
    r"(?:get|reach|return|regain|hit|top|win|climb|rise|fall|drop)\b)",
    re.IGNORECASE,
)
#: The same, written after the number: "the 1,237 delegates needed to clinch", "40 percent
#: required for a majority", "15 percent to qualify", "the 40 percent threshold".
_CONDITION_AFTER = re.compile(
    r"^[^,;:.!?]{0,30}?\b(?:needed|required|necessary|threshold|minimum|to\s+qualify|"
    r"to\s+clinch|to\s+win\s+the\s+nomination)\b",
    re.IGNORECASE,
)
#: Where the clause of a figure begins: a semicolon, colon, dash or sentence start.
_CLAUSE_START = re.compile(r"[;:—–]|\s-\s")


def is_condition(article: Article, fig: Figure, ends: list[int] | None = None) -> bool:
    """Whether ``fig`` is a threshold, requirement or hypothetical ("candidates need to
    capture about 40 percent of the vote", "the 1,237 delegates needed to clinch"), not a
    reported value of its measure: such a figure is never compared (a poll share of 43% is
    not set against "needs 40% to qualify")."""
    text = article.text
    if ends is None:
        ends = sentence_ends(text)
    i = bisect_left(ends, fig.start)
    start = ends[i - 1] + 1 if i > 0 else 0
    before = text[start : fig.start]
    cuts = [m.end() for m in _CLAUSE_START.finditer(before)]
    if cuts:
        before = before[cuts[-1] :]
    if _CONDITION_BEFORE.search(before):
        return True
    j = bisect_left(ends, fig.end)
    stop = ends[j] if j < len(ends) else len(text)
    return _CONDITION_AFTER.search(text[fig.end : stop]) is not None


#: "73 percent of 223 votes cast", "15 percent of the roughly 54,000 pages", "less than half
#: of the 18 million viewers": a share of a total the sentence states.
_OF_STATED_TOTAL = re.compile(
    r"\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|those\s+)?(?:(?:some|about|roughly|"
    r"nearly|almost|around|more\s+than|over|just)\s+)?[$€£]?\d",
    re.IGNORECASE,
)


def is_share_of_stated_total(article: Article, fig: Figure) -> bool:
    """Whether percentage ``fig`` is taken of a number the sentence states ("won 73 percent
    of 223 votes cast"): a ratio of two amounts, whose measure is that one total — not a
    reported value of a measure other reports can be set against."""
    return fig.kind == "percent" and _OF_STATED_TOTAL.match(article.text, fig.end) is not None


def story_words(article: Article) -> frozenset[str]:
    """Capitalized words that name things (places, organisations, people) in ``article``."""
    return frozenset(
        w.lower()
        for w in _CAPITALIZED.findall(article.content_text())
        if w not in _NOT_NAMES and w.title() not in _NOT_NAMES
    )


def sentence_names(article: Article, fig: Figure, ends: list[int] | None = None) -> frozenset[str]:
    """The names (capitalized words inside the sentence, as :func:`story_words` reads them)
    of ``fig``'s sentence, lower-cased: the organisations, places and people its number is
    set among ("a recent Gallup survey", "the 2008 South Carolina primary")."""
    words = _DATELINE.sub("", sentence(article, fig, ends), count=1)
    words = _ATTRIBUTION.sub("", words)
    return frozenset(
        w.lower()
        for w in _CAPITALIZED.findall(words)
        if w not in _NOT_NAMES and w.title() not in _NOT_NAMES
    ) | frozenset(w.lower() for w in _TITLED.findall(words))


#: A name after an abbreviated title ("Mr. Sanders", "Mrs. Ruiz"), which the capitalized
#: words' rule misses after the title's full stop.
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof)\. ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)")


#: A dateline opening a sentence ("RENNICK (AFP) - "): the place and outlet of the report,
#: not of the figure.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]*[A-Z](?:,[^()\n—–-]{0,30})?\s*(?:\([^)\n]*\))?\s*[-—–]+\s"
)
#: Who reports the number, not what it is set among: "according to the General
#: Administration of Customs", "…, the Tarvian interior ministry said on Tuesday".
_ATTRIBUTION = re.compile(
    r"\baccording to [^,.;]*|,[^,.;]*\b(?:said|says|say|reported|reports|told|shows?|"
    r"showed|found|estimated|announced)\b[^,.;]*",
    re.IGNORECASE,
)


_TITLE_WORD = re.compile(r"[A-Za-z][\w'’.&-]*")


def _first_is_name(article: Article, words: list[str]) -> bool:
    """Whether a headline's first word is a name: the text capitalizes it inside a
    sentence, or it begins a name of two words the text writes too ("Lena Marsh's label
    grows" and "… - Lena Marsh's fashion label …")."""
    if words[0].lower() in story_words(article):
        return True
    second = words[1].removesuffix("'s").removesuffix("’s") if len(words) > 1 else ""
    return second[:1].isupper() and f"{words[0]} {second}" in article.text


def title_subject(article: Article) -> str | None:
    """The names of ``article``'s headline ("Harbourton port chief says …" -> "Harbourton"),
    as a subject for its figures whose sentence names none: an unnamed "the cost of the
    backlog" is the cost of what the article is about. None for a headline in title case
    (every word capitalized: nothing tells a name) or without names. Its first word counts
    only when the article also capitalizes it inside a sentence or it begins a two-word name
    the text writes too; consecutive name words are one name."""
    words = _TITLE_WORD.findall(article.title or "")
    if len(words) < 3:
        return None
    capitalized = [w for w in words if w[0].isupper()]
    if len(capitalized) * 2 > len(words):
        return None
    # consecutive name words are one name ("Lena Marsh's label grows" -> "Lena Marsh": not
    # "Lena; Marsh", whose bare "Marsh" would be any Marsh)
    names: list[str] = []
    run: list[str] = []
    for i, w in enumerate(words):
        word = w.rstrip(".").removesuffix("'s").removesuffix("’s")
        named = w[0].isupper() and w not in _NOT_NAMES and w.title() not in _NOT_NAMES
        if named and i == 0 and not _first_is_name(article, words):
            named = False  # a headline's first word is capitalized anyway
        if named and word:
            run.append(word)
        if run and (not named or word != w):
            names.append(" ".join(run))
            run = []
    if run:
        names.append(" ".join(run))
    return "; ".join(dict.fromkeys(names)) or None


#: Words that tell a sentence reports one of several events ("another bomb", "a second
#: blast", "a separate attack", "a similar raid"): its number may be another event's.
_ANOTHER = re.compile(
    r"\b(?:another|a\s+(?:second|third|fourth|separate|further|similar)|separate|"
    r"the\s+(?:second|third|latest|earlier)\s+(?:such\s+)?(?:attack|blast|bomb|bombing|"
    r"explosion|incident|raid|strike|crash|fire|shooting|clash|quake|earthquake|accident))\b",
    re.IGNORECASE,
)
#: Where an event happened, as news writes it: a preposition of place before a name ("in
#: Tarvia", "near Koran", "west of the capital Koran", "on the outskirts of Lome"). The
#: relation is normalized (:data:`_RELATIONS`); the name is its capitalized words.
_PLACE = re.compile(
    r"\b(?P<rel>in|at|inside|near|outside|around|close\s+to|on\s+the\s+outskirts\s+of|"
    r"(?:north|south)(?:-?(?:east|west))?(?:ern)?\s+of|(?:east|west)(?:ern)?\s+of)\s+"
    r"(?:the\s+(?:[a-z]+\s+)?)?(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
_RELATIONS = {"at": "in", "inside": "in", "outside": "near", "around": "near"}


def _relation(word: str) -> str:
    rel = " ".join(word.lower().replace("-", "").split()).replace("ern of", " of")
    if rel.startswith(("close", "on the")):
        return "near"
    return _RELATIONS.get(rel, rel)


def place_phrases(sentence: str) -> frozenset[tuple[str, str]]:
    """The (relation, place) phrases of ``sentence`` outside its dateline and attribution:
    "a restaurant west of Koran" -> ("west of", "koran"); "in"/"at"/"inside" are one
    relation, "near"/"outside"/"around"/"close to" another."""
    sentence = _ATTRIBUTION.sub("", _DATELINE.sub("", sentence, count=1))
    out: set[tuple[str, str]] = set()
    for m in _PLACE.finditer(sentence):
        words = [w for w in m["name"].split() if w not in _NOT_NAMES]
        if words and m["name"].split()[0] not in _NOT_NAMES:
            out.add((_relation(m["rel"]), " ".join(words).lower()))
    return frozenset(out)


def other_event(first: str, second: str) -> str | None:
    """Why two sentences that report one measure on one day may tell of two events, or None
    when nothing says so: one says "another", "a second", "a separate" …; both place what
    they report but at one place in different relations ("near Koran" and "west of Koran"),
    or at different places ("in Lome" and "in Kara"). A conflict between such sentences
    stays possible: a second event with its own toll is how news tells of several."""
    for sentence in (first, second):
        m = _ANOTHER.search(_DATELINE.sub("", sentence, count=1))
        if m:
            return f'one report tells of more than one event ("{" ".join(m[0].split())}")'
    a, b = place_phrases(first), place_phrases(second)
    if not a or not b or a & b:
        return None
    names_a = {name for _, name in a}
    names_b = {name for _, name in b}
    if names_a & names_b:
        rel_a = sorted(r for r, n in a if n in names_b)
        rel_b = sorted(r for r, n in b if n in names_a)
        place = sorted(names_a & names_b)[0]
        return f'the reports place it differently ("{rel_a[0]}" and "{rel_b[0]}" {place})'
    return f"the reports name different places ({sorted(names_a)[0]}, {sorted(names_b)[0]})"
