"""What a figure measures, as words: the measure lexicon and the normalized keys built from it.

A measure ("bilateral trade turnover", "trade between China and Kazakhstan") is compared by
its content words, singularized, with generic modifiers ("bilateral", "total", "annual")
dropped and synonyms mapped ("trade turnover" and "bilateral trade" both measure ``trade``);
the counted noun of a count by its head. :class:`MeasureMemo` keeps these keys for one
comparison run (a corpus repeats few wordings).
"""

from __future__ import annotations

import functools
import re

from tui.extract.figures.lemmas import noun_lemma
from tui.extract.figures.lexicon import TITLES
from tui.link.memo import Memo

#: Word-level synonyms: every key measures the same thing as its value.
SYNONYMS: dict[str, str] = {
    "accord": "agreement",
    "deal": "agreement",
    "treaty": "agreement",
    "pact": "agreement",
    "memorandum": "agreement",
    "memoranda": "agreement",
    "contract": "agreement",
    "turnover": "trade",
    "commerce": "trade",
    "delegate": "participant",
    "attendee": "participant",
    "participant": "participant",
    "firm": "company",
    "enterprise": "company",
    "business": "company",
    "corporation": "company",
    "venture": "venture",
    "fatality": "death",
    "casualty": "casualty",
    "worker": "employee",
    "staff": "employee",
    "job": "job",
    "visitor": "tourist",
    "investment": "investment",
    "fdi": "investment",
    "gdp": "gdp",
    "output": "output",
    "shipment": "export",
    "outflow": "outflow",
    "demonstrator": "protester",
    "marcher": "protester",
    "vehicle": "car",
    "automobile": "car",
    "plane": "aircraft",
    "jet": "aircraft",
    "airliner": "aircraft",
    "dockworker": "employee",
    "docker": "employee",
    "jobless": "unemployment",
    "spectator": "fan",
    "supporter": "fan",
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
}
#: Modifiers that do not change what is measured ("bilateral trade" is trade).
GENERIC = frozenset(
    [
        "bilateral",
        "mutual",
        "total",
        "overall",
        "annual",
        "yearly",
        "new",
        "more",
        "other",
        "additional",
        "some",
        "several",
        "various",
        "different",
        "separate",
        "cumulative",
        "combined",
        "entire",
        "whole",
        "current",
        "last",
        "latest",
        "recent",
        "record",
        "about",
        "nearly",
        "roughly",
        "estimated",
        "approximately",
        "over",
        "reported",
        "official",
        "their",
        "its",
        "our",
        "total",
        "goods",
        "commodity",
    ]
)
#: Modifiers of a counted noun that do not change what is counted: participles saying the
#: things counted were made or reported ("350 signed agreements" are the 350 agreements;
#: "documented cases", "known victims") and words that only individuate. Any other
#: modifier splits ("registered voters", "pledged delegates", "member countries").
NEUTRAL_MODIFIERS = frozenset(
    [
        "signed",
        "inked",
        "sealed",
        "concluded",
        "struck",
        "agreed",
        "reported",
        "recorded",
        "documented",
        "known",
        "existing",
        "individual",
        "distinct",
        "specific",
        "such",
    ]
)
#: Groups of people a percentage is taken of ("30 percent of voters", "a fifth of
#: respondents"): such a share measures what they do or think — "support", "view her
#: unfavorably", "were 45 or older" — so it is compared by its verb too (keys as
#: :func:`_word_key` gives them: synonyms mapped, singular).
POPULATIONS = frozenset(
    [
        "voter",
        "respondent",
        "adult",
        "american",
        "person",
        "resident",
        "citizen",
        "member",
        "republican",
        "democrat",
        "independent",
        "employee",
        "student",
        "parent",
        "woman",
        "man",
        "child",
        "household",
        "consumer",
        "customer",
        "user",
        "viewer",
        "reader",
        "fan",
        "participant",
        "caucusgoer",
        "immigrant",
        "latino",
        "hispanic",
        "black",
        "white",
        "conservative",
        "liberal",
        "moderate",
        "evangelical",
    ]
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "and",
        "or",
        "with",
        "from",
        "between",
    ]
)


#: What a count's verb says happened to what is counted, as classes of verbs (inflected forms
#: listed): "killed 14 people" and "14 people died" count the dead; "300 people gathered" and
#: "85 people were evacuated" count something else. Counts compare only within one class.
PREDICATES: dict[str, tuple[str, ...]] = {
    "dead": ("kill", "kills", "killed", "killing", "die", "dies", "died", "dying", "perish",
             "perished", "claim", "claimed", "claims"),
    "injured": ("injure", "injured", "injures", "injuring", "wound", "wounded", "hurt",
                "hurts"),
    "displaced": ("force", "forced", "forces", "forcing", "evacuate", "evacuated",
                  "evacuates", "evacuating", "displace", "displaced", "flee", "fled",
                  "flees", "fleeing", "leave", "left"),
    "attended": ("attend", "attended", "attends", "gather", "gathered", "gathers", "draw",
                 "drew", "drawn", "draws", "march", "marched", "rally", "rallied", "join",
                 "joined", "protest", "protested", "demonstrated", "visit", "visited",
                 "visits", "welcome", "welcomed", "welcomes", "receive", "received",
                 "host", "hosted", "attract", "attracted", "attracts"),
    "rescued": ("rescue", "rescued", "rescues", "save", "saved", "saves"),
    "cut": ("cut", "cuts", "cutting", "eliminate", "eliminated", "shed", "sheds", "axe",
            "axed", "slash", "slashed", "lay", "laid"),
    "hired": ("hire", "hired", "hires", "add", "added", "adds", "create", "created",
              "creates"),
    "sold": ("sell", "sold", "sells", "selling", "deliver", "delivered", "delivers", "ship",
             "shipped", "ships"),
    "bought": ("buy", "bought", "buys", "buying", "order", "ordered", "orders", "purchase",
               "purchased", "acquire", "acquired"),
    "lost": ("lose", "lost", "loses", "losing", "destroy", "destroyed", "destroys"),
    "arrested": ("arrest", "arrested", "arrests", "detain", "detained", "detains"),
}  # fmt: skip
_PREDICATE_CLASS = {form: name for name, forms in PREDICATES.items() for form in forms}


def predicate_key(verb: str | None) -> str | None:
    """The class of a count's verb ("killed" -> "dead"); an unlisted verb is its own class."""
    if verb is None:
        return None
    word = verb.lower()
    return _PREDICATE_CLASS.get(word, word)


@functools.cache
def _subject_runs(subject: str) -> tuple[frozenset[str], ...]:
    """The names of a subject as sets of lower-cased words, titles left out ("Mrs. Clinton"
    is named by {"clinton"}: a title says nothing about which person it is)."""
    runs = [
        frozenset(
            word for w in run.split() if (word := w.strip(".,'’").lower()) and word not in TITLES
        )
        for run in subject.split(";")
    ]
    return tuple(run for run in runs if run)


def subject_words(subject: str | None) -> frozenset[str]:
    """The words of a subject's names, lower-cased ("Norvale Corp" -> {"norvale", "corp"})."""
    return frozenset().union(*_subject_runs(subject)) if subject else frozenset()


def same_subject(a: str | None, b: str | None) -> bool:
    """Whether two figures' subjects name one owner: one of the names of each is contained
    in one of the other's ("Norvale Corp" and "Norvale"; "Pelora; Aster" and "Aster").
    Unknown subjects are never the same: a figure without one is not compared."""
    if not a or not b:
        return False
    return any(_within(x, y) or _within(y, x) for x in _subject_runs(a) for y in _subject_runs(b))


def shared_owner_words(a: str | None, b: str | None) -> frozenset[str]:
    """The words of the names by which two subjects are the same (:func:`same_subject`):
    "Hillary Clinton" and "South Carolina; Barack Obama; Clinton" share {"hillary",
    "clinton"}; the other names of either are not the shared owner."""
    if not a or not b:
        return frozenset()
    return frozenset().union(
        *(
            x | y
            for x in _subject_runs(a)
            for y in _subject_runs(b)
            if _within(x, y) or _within(y, x)
        )
    )


def _within(x: frozenset[str], y: frozenset[str]) -> bool:
    """Every word of name ``x`` is a word of name ``y``, a place and its people's adjective
    matching ("Venezuelan" and "Venezuela", "Kenyan" and "Kenya", "Brazilian" and "Brazil")."""
    return all(w in y or any(_same_place(w, v) for v in y) for w in x)


def _same_place(a: str, b: str) -> bool:
    """``a`` and ``b`` differ only by a demonym ending: one is the other plus "n", "an" or
    "ian" (a stem of five letters or more)."""
    short, long = sorted((a, b), key=len)
    return (
        len(short) >= 5
        and long.startswith(short.removesuffix("a"))
        and long[len(short.removesuffix("a")) :] in ("n", "an", "ian")
    )


def _word_key(word: str) -> str | None:
    w = word.lower().strip(".,'’\"()")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if not w or w in _STOP or w in GENERIC or not any(c.isalpha() for c in w):
        return None
    lemma = SYNONYMS.get(w) or SYNONYMS.get(noun_lemma(w)) or noun_lemma(w)
    return lemma


def measure_key(measure: str | None) -> frozenset[str] | None:
    """The content words of a measure, normalized; None when nothing is left."""
    if not measure:
        return None
    words = {k for w in re.split(r"[\s\-/]+", measure) if (k := _word_key(w))}
    return frozenset(words) or None


def split_measure(measure: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """(common words, names) of a measure: names are capitalized words after the first
    ("Trade between China and Kazakhstan" -> {"trade"}, {"china", "kazakhstan"})."""
    words: set[str] = set()
    names: set[str] = set()
    for i, raw in enumerate(re.split(r"[\s/]+", measure or "")):
        for part in raw.split("-"):
            key = _word_key(part)
            if key is None:
                continue
            stripped = part.strip(".,'’\"()")
            is_name = stripped[:1].isupper() and (i > 0 or stripped.isupper())
            (names if is_name else words).add(key)
    return frozenset(words), frozenset(names)


_PREPOSITIONS = frozenset(
    ["of", "to", "from", "between", "in", "with", "for", "by", "on", "among", "at"]
)
_TRANSPARENT = frozenset(
    ["value", "volume", "amount", "level", "total", "figure", "size", "sum", "share"]
)


_RATE_WORDS = frozenset(["rate", "level", "figure", "number", "count", "tally"])


def measure_head(measure: str | None) -> str | None:
    """The measured noun: the last word before the first preposition, looking through
    "value/volume/amount of" ("value of goods trade" -> "trade"); synonyms mapped."""
    words = [w for w in re.split(r"[\s/]+", measure or "") if w]
    chunks: list[list[str]] = [[]]
    for w in words:
        if w.lower() in _PREPOSITIONS:
            chunks.append([w.lower()])
        else:
            chunks[-1].append(w)
    head: str | None = None
    for n, chunk in enumerate(chunks):
        body = chunk[1:] if n > 0 else chunk
        keys = [k for w in body for part in w.split("-") if (k := _word_key(part))]
        if len(keys) > 1 and keys[-1] in _RATE_WORDS:
            keys = keys[:-1]  # "inflation rate" is inflation, "jobless rate" unemployment
        if not keys:
            continue
        if head is None or (head in _TRANSPARENT and chunk[0] == "of"):
            head = keys[-1]
            if head not in _TRANSPARENT:
                break
        else:
            break
    return head


def unit_key(unit: str | None) -> str | None:
    """The counted noun's head, normalized ("cooperation agreements" -> "agreement")."""
    if not unit:
        return None
    words = unit.split()
    return _word_key(words[-1]) if words else None


@functools.cache
def unit_modifiers(unit: str | None) -> frozenset[str]:
    """The counted noun's modifiers, normalized: "first-place votes" counts other votes than
    "votes", "member countries" other countries than "countries" ({"first", "place"},
    {"member"}; empty for a bare noun). Generic words ("new", "other", "more"), words of
    :data:`NEUTRAL_MODIFIERS` ("signed agreements" are agreements) and numbers ("20 Boeing
    787 jets": {"boeing"}) are left out."""
    if not unit:
        return frozenset()
    words = unit.split()[:-1]
    return frozenset(
        k
        for w in words
        for part in w.split("-")
        if part.lower() not in NEUTRAL_MODIFIERS and (k := _word_key(part)) is not None
    )


def measures_nest(a: str | None, b: str | None) -> bool:
    """Same measured noun, and words and names each contained one in the other."""
    return MeasureMemo().nest(a, b)


class MeasureMemo:
    """:func:`measure_key`, :func:`split_measure`, :func:`measure_head`,
    :func:`measures_nest`, :func:`same_subject` and :func:`shared_owner_words`, each computed
    once per distinct measure or subject (or pair) in one run."""

    def __init__(self) -> None:
        key = self.key = Memo(measure_key).__getitem__
        split = self.split = Memo(split_measure).__getitem__
        head = self.head = Memo(measure_head).__getitem__

        def nest(a: str | None, b: str | None) -> bool:
            if key(a) is None or key(b) is None:
                return False
            if head(a) != head(b):
                return False
            wa, na = split(a)
            wb, nb = split(b)
            return (wa <= wb or wb <= wa) and (na <= nb or nb <= na)

        self.nest = functools.cache(nest)
        """:func:`measures_nest`, once per pair."""
        self.same_subject = functools.cache(same_subject)
        """:func:`same_subject`, once per pair of subjects (a group of a story retold in
        many articles meets the same few subjects thousands of times)."""
        self.shared_owner_words = functools.cache(shared_owner_words)
        """:func:`shared_owner_words`, once per pair of subjects."""
