"""The people rooms' word lists: ``data/people/*.txt`` loaded, and the sets built from them.

The lexicons are plain text files under ``tui/data/people/`` (one entry a line, ``#``
comments), written from general knowledge of news English. This module imports nothing of the
project: every other people room (and the people linker) reads its words from here.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def lexicon(name: str) -> frozenset[str]:
    """The entries of ``data/people/<name>.txt`` (lowercased, comments dropped)."""
    path = resources.files("tui").joinpath("data", "people", f"{name}.txt")
    entries: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            entries.add(line)
    return frozenset(entries)


@cache
def given_name_genders() -> dict[str, str]:
    """``data/people/given_name_gender.tsv``: given name -> ``f`` or ``m``.

    Derived from the nomquamgender name data (MIT) by ``scripts/given_name_gender.py``: only
    names whose bearers are almost all of one gender. Read through
    :func:`given_name_gender`, which puts the hand lists first; never a cue that a word is a
    name (``GIVEN_NAMES`` stays the hand lists)."""
    path = resources.files("tui").joinpath("data", "people", "given_name_gender.tsv")
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, tab, gender = line.partition("\t")
        if tab and not name.startswith("#"):
            out[name] = gender.strip()
    return out


def given_name_gender(key: str) -> str | None:
    """The gender (``f``/``m``) a given name points to, ``None`` when unknown or either.

    ``key`` is the name folded as the lexicons list it (:func:`tui.extract.people.words.
    word_key`). The hand lists (``given_names_female.txt``, ``given_names_male.txt``) decide
    when they list the name (a name on both decides nothing); otherwise the derived
    resource (:func:`given_name_genders`)."""
    female, male = key in lexicon("given_names_female"), key in lexicon("given_names_male")
    if female or male:
        return None if female and male else "f" if female else "m"
    return given_name_genders().get(key)


def given_names_gender(keys: list[str]) -> str | None:
    """The gender a person's given names (folded, in order) agree on, ``None`` when none is
    known or two disagree (``Marine John …``: a word before the name taken for one)."""
    genders = {g for key in keys if (g := given_name_gender(key)) is not None}
    return genders.pop() if len(genders) == 1 else None


@cache
def title_abbreviations() -> dict[str, str]:
    """Abbreviated titles and their full forms (``pm`` -> ``prime minister``)."""
    out: dict[str, str] = {}
    for entry in lexicon("title_abbreviations"):
        short, _, full = entry.partition("=")
        if full.strip():
            out[short.strip()] = full.strip()
    return out


@cache
def title_groups() -> dict[str, frozenset[str]]:
    """General words for titles (``diplomat``) and the title words they stand for."""
    out: dict[str, frozenset[str]] = {}
    for entry in lexicon("title_groups"):
        word, _, members = entry.partition("=")
        if members.strip():
            out[word.strip()] = frozenset(members.split())
    return out


@cache
def nicknames() -> dict[str, frozenset[str]]:
    """Each given name -> the names it may stand for or be short for (both directions)."""
    out: dict[str, set[str]] = {}
    for entry in lexicon("nicknames"):
        full, _, shorts = entry.partition("=")
        full = full.strip()
        for short in shorts.split():
            out.setdefault(full, set()).add(short)
            out.setdefault(short, set()).add(full)
    return {k: frozenset(v) for k, v in out.items()}


def _inflect(base: str) -> set[str]:
    """Regular English inflections of a verb: -s, -ed, -ing (with the usual spelling rules)."""
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in set("aeiou"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    if re.search(r"(?:^|[^aeiou]|qu)[aeiou][bdgklmnprt]$", base):
        # a final consonant after one short vowel doubles when the last syllable is stressed
        # (admitted, quipped, bragged); stress is not in the spelling (answered), so both
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


@cache
def reporting_verbs() -> frozenset[str]:
    """Every inflected single-word form of the reporting verbs lexicon."""
    return _verb_forms("reporting_verbs")


@cache
def publishing_verbs() -> frozenset[str]:
    """Every inflected form of the publishing verbs lexicon (``reported``, ``wrote``)."""
    return _verb_forms("publishing_verbs")


def _verb_forms(name: str) -> frozenset[str]:
    forms: set[str] = set()
    for entry in lexicon(name):
        words = entry.split()
        if len(words) > 1 and words[1] in {"that", "out"}:
            forms |= _inflect(words[0])
            continue
        forms |= _inflect(words[0])
        forms |= set(words[1:])
    return frozenset(forms)


# --------------------------------------------------------------------------- word sets
# Built once at import from the files above: constants, looked up by every people room.


def _title_words() -> frozenset[str]:
    """Every word of every title, minus words that are common outside titles too."""
    words: set[str] = set()
    for entry in lexicon("titles"):
        words.update(w.rstrip(".") for w in entry.replace("-", " ").split())
    words -= {"of", "the", "in", "state", "general", "head", "chief", "major", "justice"}
    return frozenset(words)


TITLE_WORDS = _title_words()
TITLE_HEADS = frozenset(
    e.replace("-", " ").split()[-1].rstrip(".") for e in lexicon("titles")
) | frozenset(e.rstrip(".") for e in lexicon("honorifics"))
"""Words that end a title or are an honorific: a name may follow them directly."""
TITLES = frozenset(e.rstrip(".") for e in lexicon("titles"))
HONORIFICS = frozenset(e.rstrip(".") for e in lexicon("honorifics"))
NEWS_CUES = frozenset({"title", "reporting", "apposition", "byline"})
"""The news-writing cues that vouch for a name besides the entity model (``ner``)."""
MODEL_ONLY_CUES = frozenset({"ner", "other-sense", "other-entity", "not-propn"})
"""Cues that are the entity model's reading (or the parse's) alone: a name with no other cue
has nothing from news writing behind it."""
OTHER_ENTITY_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
"""Entity labels of an organisation, place or group: the model reads the name as no person."""
TITLE_GIVEN_NAMES = lexicon("title_given_names")
"""Title words that are also given names ("Dean", "Don"): a name when the model says so."""
TITLE_SURNAMES = lexicon("title_surnames")
"""Title words that are also surnames ("Dean", "King"): a surname after a given name when
the model reads the run as one person (see :func:`tui.extract.people.candidates`)."""
WORD_GIVEN_NAMES = lexicon("word_given_names")
"""Given names that are also ordinary words ("will", "hope", "grant"): see
:func:`tui.extract.people.cues._trim_to_person`."""
GIVEN_NAMES = lexicon("given_names_female") | lexicon("given_names_male")
"""The hand-listed given names: what may open a person's name (gender comes from
:func:`given_name_gender`, which reads a larger resource too)."""
MODIFIERS = lexicon("title_modifiers")
PORTFOLIOS = frozenset(w for e in lexicon("portfolios") for w in e.split())
PARTICLES = lexicon("particles")
KIN_NOUNS = lexicon("kin_nouns")
"""Kinship nouns ("husband", "daughter"): see ``data/people/kin_nouns.txt``."""
RELATION_NOUNS = frozenset(tuple(e.split()) for e in lexicon("relation_nouns"))
"""Titles whose complement names whom the holder serves ("spokesman for", "aide to"): a name
in that complement is not the holder (see ``data/people/relation_nouns.txt``)."""
ORG_WORDS = lexicon("org_words")
INSTITUTION_HEADS = lexicon("institution_heads")
"""Heads of institutions named after people ("X Library", "X Prize"): see the data file."""
ADJECTIVE_TAILS = lexicon("adjective_tails")
"""Second parts of hyphenated adjectives ("-based", "-born"): see the data file."""
COMPANY_DESIGNATORS = lexicon("company_designators")
"""What follows a company's name ("Inc.", "Cos.", "S.p.A."): see the data file."""
DEMONYMS = lexicon("demonyms")
PLACES = lexicon("places")
NONPERSON = lexicon("nonperson")
ABBREV = title_abbreviations()
LINKERS = frozenset({"of", "for", "to", "at", "and", "the", "in", "on"})
"""Small words inside a title phrase ("minister of state for trade")."""
COORDINATORS = frozenset({"and", "or", "but", "while", "whereas", "nor"})
"""Words that coordinate two phrases: a title before one belongs to another name."""
