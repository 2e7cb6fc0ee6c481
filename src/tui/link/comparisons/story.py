"""What an article says around its figures: whether a figure's sentence is a projection
("expected to reach"), and the names that tell which story the article tells."""

from __future__ import annotations

import re
from bisect import bisect_left

from tui.records.models import Article, Figure
from tui.records.timevalue import MONTH_NAMES

_PROJECTION = re.compile(
    r"\b(?:will|would|could|(?-i:may)|might|shall|should|'ll|expects?|expected|expecting|forecasts?|"
    r"forecast(?:ed|ing)|projects?|projected|plans?|planned|planning|targets?|targeted|aims?|"
    r"aimed|intends?|set to|likely|hopes?|seeks?|goal|outlook)\b",
    re.IGNORECASE,
)
_SENT_END = re.compile(r"[.!?](?=\s)|\n")
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


def _sentence(article: Article, fig: Figure, ends: list[int] | None = None) -> str:
    """The sentence (or line) around ``fig``; ``ends`` caches :func:`sentence_ends`."""
    text = article.text
    if ends is None:
        ends = sentence_ends(text)
    i = bisect_left(ends, fig.start)
    start = ends[i - 1] + 1 if i > 0 else 0
    j = bisect_left(ends, fig.end)
    return text[start : ends[j] if j < len(ends) else len(text)]


def is_projection(article: Article, fig: Figure, ends: list[int] | None = None) -> bool:
    """Whether ``fig``'s sentence reports a forecast, plan or expectation."""
    return _PROJECTION.search(_sentence(article, fig, ends)) is not None


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
    sentence = _DATELINE.sub("", _sentence(article, fig, ends), count=1)
    sentence = _ATTRIBUTION.sub("", sentence)
    return frozenset(
        w.lower()
        for w in _CAPITALIZED.findall(sentence)
        if w not in _NOT_NAMES and w.title() not in _NOT_NAMES
    )


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


def title_subject(article: Article) -> str | None:
    """The names of ``article``'s headline ("Harbourton port chief says …" -> "Harbourton"),
    as a subject for its figures whose sentence names none: an unnamed "the cost of the
    backlog" is the cost of what the article is about. None for a headline in title case
    (every word capitalized: nothing tells a name) or without names. Its first word counts
    only when the article also capitalizes it inside a sentence."""
    words = _TITLE_WORD.findall(article.title or "")
    if len(words) < 3:
        return None
    capitalized = [w for w in words if w[0].isupper()]
    if len(capitalized) * 2 > len(words):
        return None
    names = [
        w.rstrip(".").removesuffix("'s").removesuffix("’s")
        for w in capitalized
        if w not in _NOT_NAMES and w.title() not in _NOT_NAMES
    ]
    first = words[0].rstrip(".").removesuffix("'s").removesuffix("’s")
    # a headline's first word is capitalized anyway: a name only if the text says so
    if names and names[0] == first and first.lower() not in story_words(article):
        names = names[1:]
    return "; ".join(dict.fromkeys(n for n in names if n)) or None
