"""Which candidates are people: the cues that vouch for a name and the vetoes against it.

A run becomes a person when the statistical model tags it PERSON or when news-writing cues
vouch for it: a title or honorific before it, a reporting verb next to it, an apposition with
a title after it, or a byline. A modifier of an organisation ("Nordfjord Energy") is vetoed.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from tui.docindex import entities, tokens_in
from tui.extract.people.candidates import caps_bylines, name_candidates
from tui.extract.people.lexicon import (
    COMPANY_DESIGNATORS,
    COORDINATORS,
    GIVEN_NAMES,
    LINKERS,
    MODEL_ONLY_CUES,
    NEWS_CUES,
    OTHER_ENTITY_LABELS,
    PARTICLES,
    TITLE_HEADS,
    WORD_GIVEN_NAMES,
    publishing_verbs,
)
from tui.extract.people.names import fold
from tui.extract.people.roles import role_before, role_before_comma, title_phrase_after
from tui.extract.people.tokens import TokenView, token_view
from tui.extract.people.words import (
    Candidate,
    Word,
    is_reporting,
    line_bounds,
    note_organisation,
    org_name_key,
    word_key,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from tui.nlp import ParsedArticle
    from tui.records.models import Article

_NON_ORG_ENTS = {"PERSON"}
_PERSON_ONLY = {"title", "apposition", "byline"}
"""Cues only a person has: organisations are said to say, announce and deny things too."""
_BYLINE_CUES = {"reporting", "editing", "writing", "additional", "compiled", "produced"}


def accepted_candidates(parsed: ParsedArticle, words: list[Word]) -> list[Candidate]:
    """The candidates of the article that are people, with the cues that made them so."""
    view = token_view(parsed)
    org_heads = _possessive_companies(view)
    designated = designated_companies(view)
    cands = name_candidates(parsed, words, org_heads) + caps_bylines(parsed.text, words)
    senses = _senses(parsed.doc)
    person_words = {t.text for e in entities(parsed.doc) if e.label_ == "PERSON" for t in e}
    surnames = {fold(c.words[-1].text) for c in cands if len(c.words) >= 2}
    lower_words = _lower_case_words(parsed.text)
    cands = _split_headline_runs(parsed.doc, parsed.text, cands, lower_words)
    for cand in cands:
        _trim_to_person(view, parsed.text, cand, person_words)
        _trim_common_opener(cand, lower_words, surnames)
        _trim_word_opener(parsed.doc, parsed.text, cand, person_words)
        _score(parsed, cand)
        if _vocative(parsed.doc, parsed.text, cand):
            cand.cues.add("vocative")
        _trim_place_tail(cand, senses, surnames)
        other, person = _votes(senses, cand)
        # one organisation tag on a name a reporting verb vouches for is the model's slip
        # on an unfamiliar name; two or more are how the article reads it
        if other and other >= person and (other >= 2 or "reporting" not in cand.cues):
            cand.cues.add("other-sense")
    for cand in cands:
        if "org-modifier" in cand.cues and not cand.cues & {"title", "apposition"}:
            note_organisation(org_heads, cand.words)
    accepted = [
        c
        for c in cands
        if _accepted(c)
        and not _family(parsed.doc, c, surnames)
        and not _family_name(parsed.doc, c)
        and not _reported_word(parsed.text, c, lower_words)
        and not _published_word(parsed.doc, c, surnames)
        and not _outlet_name(parsed.article, c)
        and "org-modifier" not in c.cues
        and not (len(c.words) == 1 and fold(c.words[0].text) in org_heads)
        # a name the article also writes before a company designator ("Holt-Baxter Cos.",
        # "Garvey Mutual Corp."): the company's, unless a title or byline vouches for a
        # person (an apposition does not: "Holt, the largest maker of pumps,")
        and not (_designated(c, designated) and not c.cues & {"title", "byline"})
        # the whole name of a company named after its founder ("Milton Roy Corp."): only a
        # cue a person alone has makes it a person elsewhere in the article
        and not (org_name_key(c.words) in org_heads and not c.cues & _PERSON_ONLY)
    ]
    accepted.extend(_list_mates(parsed.text, cands, accepted))
    # a full name whose surname the article vouches for elsewhere ("Minister Salcedo")
    known = {fold(c.words[-1].text) for c in accepted if c.cues - {"ner", "other-sense"}}
    taken = {_equality_key(c) for c in accepted}  # "c in accepted", in constant time
    for cand in cands:
        if (
            len(cand.words) >= 2
            and _equality_key(cand) not in taken
            and not cand.cues & {"not-propn", "other-entity"}
            and fold(cand.words[-1].text) in known
        ):
            cand.cues.add("surname-known")
            accepted.append(cand)
            taken.add(_equality_key(cand))
    return accepted


_KEEP = re.compile(r"[IVX]{1,4}|[JS]r\.?|[A-Z][’'][A-Z][\w’'-]+")
_NOT_NAME_POS = {"VERB", "AUX", "ADV", "ADJ", "NOUN", "ADP", "SCONJ", "CCONJ", "PART", "PRON"}


def _title_case_line(text: str, at: int) -> bool:
    """Whether the line holding offset ``at`` is written in title case (a web headline):
    four or more words of four letters or more, all capitalised."""
    start, end = line_bounds(text, at)
    long_words = re.findall(r"[^\W\d_]{4,}", text[start:end])
    return len(long_words) >= 4 and all(w[0].isupper() for w in long_words)


def _trim_to_person(view: TokenView, text: str, cand: Candidate, person_words: set[str]) -> None:
    """Drop capitalised words at the ends of a run that the model keeps out of the person it
    tags inside the run, where they are no name: a sentence's first word that the parse calls
    no proper noun ("Instead Joubert", "Despite Trump"), and in a title-case headline — where
    the parse calls every capitalised word a proper noun — any such word at either end ("Ted
    Cruz Refuses", "Paulo Mendes Scores Twice"). A word the model tags as part of a person
    anywhere in the article stays, and so do regnal numbers, "Jr." and "O'"/"D'" surnames
    (the model often leaves "O’Leary" out)."""
    ent_type = view.ent_type
    if len(cand.words) < 2 or "PERSON" not in ent_type[cand.first_tok : cand.last_tok + 1]:
        return
    headline = _title_case_line(text, cand.start)

    def outside(word: Word) -> bool:
        if _KEEP.fullmatch(word.text) or word.text in person_words:
            return False
        return "PERSON" not in ent_type[word.first_tok : word.last_tok + 1]

    if headline:
        while len(cand.words) > 1 and outside(cand.words[-1]):
            cand.words.pop()

    def opener(word: Word) -> bool:  # a sentence's first word, and no proper noun
        return view.sent_start[word.first_tok] and view.pos[word.first_tok] in _NOT_NAME_POS

    while len(cand.words) > 1 and outside(cand.words[0]) and (headline or opener(cand.words[0])):
        cand.before.append(cand.words.pop(0))


_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")


def _lower_case_words(text: str) -> frozenset[str]:
    """The words the article writes in lower case: its ordinary words."""
    return frozenset(_LOWER_WORD.findall(text))


def _reported_word(text: str, cand: Candidate, lower_words: frozenset[str]) -> bool:
    """One word that only a reporting verb vouches for (the entity model does not read it as
    a person) where it reads as no name: in a title-case headline, where every word is
    capitalised ("Newspaper Says Mayor Must Quit"), or a word the article also writes in
    lower case ("Aides said …" beside "the mayor's aides"). A surname alone that a reporting
    verb vouches for ("Okafor said") stays: the corpus may name that person in full."""
    if len(cand.words) != 1 or cand.cues != {"reporting"}:
        return False
    word = cand.words[0].text
    return _title_case_line(text, cand.start) or word.lower() in lower_words


def _published_word(doc: Doc, cand: Candidate, surnames: set[str]) -> bool:
    """One word that nothing but the entity model and a publishing verb vouch for
    (``Voxly reported that …``, ``publishing_verbs.txt``): an outlet, as people seldom
    "report" or "publish" in news copy. A surname the article gives someone in full stays."""
    if len(cand.words) != 1 or not cand.cues <= {"reporting", "ner", "other-sense"}:
        return False
    nxt = _next_token(doc, cand.last_tok)
    return (
        nxt is not None
        and nxt.lower_ in publishing_verbs()
        and fold(cand.words[0].text) not in surnames
    )


def _outlet_name(article: Article, cand: Candidate) -> bool:
    """The article's own outlet (its ``source`` or ``site_name``: ``according to Vantage
    Daily`` in a Vantage Daily story) is no person, whatever vouches for it."""
    name = "".join(ch for w in cand.words for ch in w.text.lower() if ch.isalnum())
    return any(
        name == "".join(ch for ch in outlet.lower() if ch.isalnum())
        for outlet in (article.source, article.site_name)
        if outlet
    )


def _given_name(word: str) -> bool:
    key = word.lower()
    return key in WORD_GIVEN_NAMES or key in GIVEN_NAMES


def _trim_common_opener(cand: Candidate, lower_words: frozenset[str], surnames: set[str]) -> None:
    """Drop an ordinary word the model read into the front of a name: a capitalised first word
    the article also writes in lower case, which is no given name — a sentence's or a
    headline's first word ("Certainly Ana Ruiz", "Maybe Ruiz", "Half Ruiz's meetings"), a
    capitalised noun or adjective before a name ("Rival Ana Ruiz", "Pastor Tomas Brandt").
    What is left must still be a name: two or more words, or a surname the article gives a
    person elsewhere. Given names that are also words ("Will", "Hope", "Grant") stay."""
    if len(cand.words) < 2:
        return
    first = cand.words[0].text
    if (
        not first[:1].isupper()
        or "-" in first
        or first.lower() not in lower_words
        or _given_name(first)
        or first.lower() in PARTICLES
    ):
        return
    rest = cand.words[1:]
    if len(rest) >= 2 or fold(rest[-1].text) in surnames:
        cand.before.append(cand.words.pop(0))


def _split_headline_runs(
    doc: Doc, text: str, cands: list[Candidate], lower_words: frozenset[str]
) -> list[Candidate]:
    """A run of three or more words on a title-case line (a web headline: "Ana Ruiz Thanks
    Tomas Brandt") read as the names the article's body gives: split into the longest
    sub-runs that are a body name (a full name, or the surname alone with the words before
    it the entity model tags as part of a person); the other words are the headline's verbs
    and nouns and are dropped. A run with no body name in it is left as it is (the body may
    name no one, or name them otherwise); two-word runs are left to the trims, as a headline
    may give a full name that the body shortens ("… About Ana Ruiz", then "Ruiz")."""
    headline: dict[int, bool] = {}

    def on_headline(cand: Candidate) -> bool:
        start = line_bounds(text, cand.start)[0]
        if start not in headline:
            headline[start] = _title_case_line(text, cand.start)
        return headline[start]

    body = [c for c in cands if not on_headline(c)]
    full = {tuple(fold(w.text) for w in c.words) for c in body if len(c.words) >= 2}
    surnames = {fold(c.words[-1].text) for c in body}
    longest = max((len(f) for f in full), default=0)

    def given(word: Word) -> bool:  # a word of the person's name before the surname
        tok = doc[word.first_tok]
        key = word.text.lower()
        return (
            _given_name(word.text)
            or key in PARTICLES
            or (
                tok.ent_type_ == "PERSON"
                and key not in lower_words
                and not key.endswith("s")  # a headline's verb ("Backs", "Thanks")
                and not _ordinary_by_form(tok, key)
            )
        )

    out: list[Candidate] = []
    for cand in cands:
        if len(cand.words) < 3 or not on_headline(cand):
            out.append(cand)
            continue
        keys = [fold(w.text) for w in cand.words]
        parts: list[tuple[int, int]] = []
        i = 0
        while i < len(keys):
            for j in range(min(len(keys), i + longest), i + 1, -1):
                if tuple(keys[i:j]) in full:
                    parts.append((i, j))
                    i = j
                    break
            else:
                if keys[i] in surnames:
                    k = i
                    floor = parts[-1][1] if parts else 0
                    while k > floor and given(cand.words[k - 1]):
                        k -= 1
                    parts.append((k, i + 1))
                i += 1
        if not parts or parts == [(0, len(keys))]:
            out.append(cand)
            continue
        for i, j in parts:
            before = [*cand.before, *cand.words[:i]]
            out.append(Candidate(cand.words[i:j], before, set(cand.cues)))
    return out


_ADVERB_ENDS = (
    "ingly",
    "edly",
    "ally",
    "ously",
    "fully",
    "ively",
    "ently",
    "antly",
    "ately",
    "ably",
    "ibly",
)
_NO_GIVEN_ED = ("eed", "med", "red", "hed", "ied")
"""Endings of given names in -ed ("Rasheed", "Mohammed", "Wilfred", "Murshed", "Herfried"):
no past participle is read there."""
_CLOSED_POS = frozenset({"ADP", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "PART"})


def _ordinary_by_form(tok: Token, key: str) -> bool:
    """Whether a capitalised word is an ordinary word by its form alone, whatever the entity
    model says: a closed-class word (a stop word, preposition, conjunction: "Whereas",
    "Unlike"), an adverb in -ly of a derived form ("Interestingly", "Reportedly"), a gerund
    ("Debating", "Joining") or past participle ("Endorsed") of six letters or more, or the
    plural of a title ("Presidents", "Senators"). No given name has these forms; given names
    that do ("Sterling", "Irving") are in the given-name lists."""
    if len(key) < 3:
        return False
    if tok.is_stop or tok.pos_ in _CLOSED_POS:
        return True
    if len(key) >= 7 and key.endswith(_ADVERB_ENDS):
        return True
    if len(key) >= 6 and key.endswith("ing"):
        return True
    if len(key) >= 7 and key.endswith("ed") and not key.endswith(_NO_GIVEN_ED):
        return True
    return key.endswith("s") and key[:-1] in TITLE_HEADS


def _quoted_start(doc: Doc, first_tok: int) -> bool:
    """Whether an opening quotation mark (one with no space after it) comes right before."""
    if first_tok == 0:
        return False
    mark = doc[first_tok - 1]
    return mark.text in {'"', "“", "‘", "'", "''", "``", "«"} and not mark.whitespace_


def _person_word_elsewhere(doc: Doc, word: Word) -> bool:
    """Whether the entity model tags ``word``'s text as part of a person anywhere in the
    article but at ``word`` itself."""
    return any(
        ent.label_ == "PERSON"
        and not ent.start <= word.first_tok < ent.end
        and any(t.text == word.text for t in ent)
        for ent in entities(doc)
    )


def _trim_word_opener(doc: Doc, text: str, cand: Candidate, person_words: set[str]) -> None:
    """Drop ordinary words read into the front of a name when the entity model takes them
    in ("Whereas Ana Ruiz", "Notably Ruiz", "Backing Ruiz"), which
    :func:`_trim_to_person` keeps: by their form (:func:`_ordinary_by_form`), or — a
    quoted title or slogan ("the ad, "Beating Ruiz," in which …", a "Dump Ruiz" sign) — a
    word the model tags as part of no person anywhere in the article at the start of a
    quotation, before a word it does tag so (a quoted full name, "Ana Ruiz," is tagged).
    Given names, particles, "O'"-surnames stay."""
    quoted = _quoted_start(doc, cand.first_tok)
    while len(cand.words) >= 2:
        word = cand.words[0]
        key = word.text.lower()
        if (
            not word.text[:1].isupper()
            or "-" in key
            or _given_name(word.text)
            or key in PARTICLES
            or _KEEP.fullmatch(word.text)
        ):
            return
        tok = doc[word.first_tok]
        slogan = (
            quoted
            and tok.ent_type_ != "PERSON"
            and not _person_word_elsewhere(doc, word)
            and any(w.text in person_words for w in cand.words[1:])
        )
        if not (slogan or _ordinary_by_form(tok, key)):
            return
        cand.before.append(cand.words.pop(0))


_OPENERS = frozenset({'"', "“", "‘", "'", "«", "—", "–", "-", ","})
_QUOTE_MARKS = '"“”«»'


_LIST_GAP = re.compile(r"(?:[ \t]*\([^()\n]{0,40}\))?[ \t]*[,;][ \t]*(?:\d{1,3}[ \t]*[-–][ \t]*)?")
"""What separates two items of a line-up or a list of names: a comma or semicolon, maybe a
note in brackets before it ("(captain)", "(Ruiz 46th)") and a shirt number after it."""


def _list_mates(text: str, cands: list[Candidate], accepted: list[Candidate]) -> list[Candidate]:
    """Items of one list share a type: in a run of three or more names separated only by
    commas (a line-up, a list of delegates), when most items are people, so are the others
    the model left out, unless it reads them as something else."""
    taken = {(c.start, c.end) for c in accepted}
    ordered = sorted(cands, key=lambda c: c.start)
    out: list[Candidate] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and _LIST_GAP.fullmatch(
            text[ordered[j].end : ordered[j + 1].start]
        ):
            j += 1
        items = ordered[i : j + 1]
        i = j + 1
        if len(items) < 3:
            continue
        people = [c for c in items if (c.start, c.end) in taken]
        if len(people) < 2 or len(people) * 2 < len(items):
            continue
        for cand in items:
            if (cand.start, cand.end) not in taken and not cand.cues & {
                "other-entity",
                "not-propn",
                "org-modifier",
            }:
                cand.cues.add("list")
                out.append(cand)
                taken.add((cand.start, cand.end))
    return out


def _family(doc: Doc, cand: Candidate, surnames: set[str]) -> bool:
    """ "The Okafors" / "the Clintons": the plural of a surname the article gives someone is
    the family, a group and no one person."""
    if len(cand.words) != 1:
        return False
    word = cand.words[0].text
    prev = doc[cand.first_tok - 1] if cand.first_tok > 0 else None
    return (
        word.endswith("s")
        and prev is not None
        and prev.lower_ == "the"
        and fold(word[:-1]) in surnames
    )


_FAMILY_NOUNS = frozenset({"family", "families", "clan", "dynasty"})


def _family_name(doc: Doc, cand: Candidate) -> bool:
    """ "the Brandle family", "Lisbon's Brandle family": one word before a noun for a
    family names the family — a group, no one person — unless a title or byline vouches."""
    nxt = _next_token(doc, cand.last_tok)
    return (
        len(cand.words) == 1
        and nxt is not None
        and nxt.lower_ in _FAMILY_NOUNS
        and not cand.cues & {"title", "byline"}
    )


def _possessive_companies(view: TokenView) -> set[str]:
    """Names a company carries with a possessive ("Hadley's Bancshares Inc.", "Ortega's
    Foods Co."): the name before the "'s" of a capitalised run that ends in a company's
    designator is the company's, so alone it is no person either. Other organisation words
    after a possessive belong to someone ("Clinton's State Department", "Obama's Council of
    Economic Advisers") and say nothing."""
    heads: set[str] = set()
    words = view.text
    for i, word in enumerate(words):
        if word not in {"'s", "’s"} or i == 0 or not words[i - 1][:1].isupper():
            continue
        for nxt in words[i + 1 : i + 4]:
            if not nxt[:1].isupper():
                break
            if word_key(nxt) in _COMPANY_ENDS:
                heads.add(fold(words[i - 1]))
                break
    return heads


_NAME_GLUE = frozenset({"'", "’", "-", "‐", "&", "amp"})
"""What may sit between the words of a company's name ("Brandle' Pastries", "Holt & Co.")."""


def designated_companies(view: TokenView) -> set[str]:
    """The words of every name written before a company designator (``Inc.``, ``Corp.``,
    ``Cos.``, ``S.p.A.``; ``company_designators.txt``), folded — each hyphenated part too
    ("Holt-Baxter Cos.": Holt and Baxter) — and each whole name between glue words under
    :func:`org_name_key`'s form ("Fenwick Ross & Co.": "Fenwick Ross"). A walk back from the
    designator over capitalised words, apostrophes, hyphens and ampersands (``amp`` where a
    feed spelled it out), within the sentence."""
    heads: set[str] = set()
    words = view.text
    for at, word in enumerate(words):
        if at == 0 or not word[:1].isupper():
            continue
        if word_key(word) not in COMPANY_DESIGNATORS:
            continue
        names: list[list[str]] = [[]]
        i = at - 1
        while i >= 0:
            prev = words[i]
            if prev in _NAME_GLUE:
                if names[-1]:
                    names.append([])
            elif prev[:1].isupper() and any(c.isalpha() for c in prev):
                names[-1].insert(0, fold(prev))
            else:
                break
            if view.sent_start[i]:
                break
            i -= 1
        for name in names:
            if not name:
                continue
            heads.add("\0" + " ".join(name))
            for word in name:
                heads.add(word)
                heads.update(part for part in re.split(r"[-‐]", word) if part)
    return heads


def _designated(cand: Candidate, designated: set[str]) -> bool:
    """Whether ``cand`` is a name :func:`designated_companies` found before a designator:
    one word of it, or the whole name."""
    if len(cand.words) == 1:
        return fold(cand.words[0].text) in designated
    return org_name_key(cand.words) in designated


_COMPANY_ENDS = frozenset(
    {
        "inc",
        "inc.",
        "corp",
        "corp.",
        "co",
        "co.",
        "ltd",
        "ltd.",
        "plc",
        "llc",
        "bancshares",
        "bancorp",
        "holdings",
        "foods",
        "stores",
        "brands",
        "airlines",
        "motors",
        "industries",
    }
)


def _trim_place_tail(cand: Candidate, senses: dict[str, Counter[str]], surnames: set[str]) -> None:
    """Drop a last word the model reads alone, across the article, as a place and never as a
    person, from a name nothing but the model vouches for, when the word before it is the
    surname of another name of the article: "Ruiz Chechnya" of a headline ("… endorses Ruiz
    Chechnya peace plan", after "Ana Ruiz") is Ruiz. A name with a title, an apposition or a
    reporting verb keeps all its words, and so does "Tom Holland" (no one is called Tom)."""
    if len(cand.words) < 2 or cand.cues - MODEL_ONLY_CUES:
        return
    sense = senses.get(cand.words[-1].text, Counter())
    if sense["place"] >= 2 and not sense["PERSON"] and fold(cand.words[-2].text) in surnames:
        cand.words.pop()


def _vocative(doc: Doc, text: str, cand: Candidate) -> bool:
    """Whether a one-word name is someone spoken to, inside a quotation or a dialogue line
    ("Anna, good morning!", "Listen, Marko, we have no time"): set off by an opening quote,
    dash or comma before and a comma or exclamation after, and no part of the clause. The
    person addressed may be no one the article is about."""
    if len(cand.words) != 1 or cand.first_tok == 0 or cand.last_tok + 1 >= len(doc):
        return False
    prev, word, nxt = doc[cand.first_tok - 1], doc[cand.last_tok], doc[cand.last_tok + 1]
    if prev.text not in _OPENERS or nxt.text not in {",", "!", "?"}:
        return False
    if word.dep_ not in {"ROOT", "npadvmod", "intj"}:
        return False
    before = text[line_bounds(text, cand.start)[0] : cand.start]
    dialogue = before.lstrip()[:1] in {"—", "–", "-"}
    quoted = sum(before.count(q) for q in _QUOTE_MARKS) % 2 == 1
    return dialogue or quoted


def _senses(doc: Doc) -> dict[str, Counter[str]]:
    """How often the model tags each entity text of the article, and each word that begins
    an entity, as a person and as an organisation, place or group (one sense per
    discourse)."""
    senses: dict[str, Counter[str]] = {}
    for ent in entities(doc):
        label = ""
        if ent.label_ == "PERSON":
            label = "PERSON"
        elif ent.label_ in OTHER_ENTITY_LABELS:
            label = "other"
        if label:
            senses.setdefault(ent.text, Counter())[label] += 1
            if len(ent) > 1:
                senses.setdefault("\0" + ent[0].text, Counter())[label] += 1
        if ent.label_ in {"GPE", "LOC"}:
            senses.setdefault(ent.text, Counter())["place"] += 1
    return senses


def _votes(senses: dict[str, Counter[str]], cand: Candidate) -> tuple[int, int]:
    """How often the model reads the name across the article as an organisation, place or
    group, and as a person: the whole name, or for a one-word name also the entities it
    begins ("Rotor" tagged a person once, a club and "Rotor Volgograd" elsewhere). A longer
    name is judged as a whole: "Virginia Welch" is not the state of Virginia."""
    text = " ".join(w.text for w in cand.words)
    votes = Counter(senses.get(text, Counter()))
    if len(cand.words) == 1:
        votes.update(senses.get("\0" + text, Counter()))
    return votes["other"], votes["PERSON"]


def _equality_key(cand: Candidate) -> tuple[object, ...]:
    """What ``==`` compares between candidates (their dataclass fields), hashable: a list
    membership test per candidate made an article listing thousands of names quadratic."""

    def words(ws: list[Word]) -> tuple[tuple[int, int, str, int, int], ...]:
        return tuple((w.start, w.end, w.text, w.first_tok, w.last_tok) for w in ws)

    return words(cand.words), words(cand.before), frozenset(cand.cues)


def _prev_token(doc: Doc, i: int) -> Token | None:
    return doc[i - 1] if i > 0 else None


def _next_token(doc: Doc, i: int) -> Token | None:
    return doc[i + 1] if i + 1 < len(doc) else None


def _score(parsed: ParsedArticle, cand: Candidate) -> None:
    doc = parsed.doc
    toks = doc[cand.first_tok : cand.last_tok + 1]
    person_toks = sum(1 for t in toks if t.ent_type_ == "PERSON")
    other_toks = sum(1 for t in toks if t.ent_type_ and t.ent_type_ not in _NON_ORG_ENTS)
    if person_toks * 2 >= len(toks) or (person_toks and other_toks * 2 <= len(toks)):
        cand.cues.add("ner")
    if other_toks * 2 > len(toks):
        cand.cues.add("other-entity")
    if cand.before and word_key(cand.before[-1].text) in TITLE_HEADS:
        cand.cues.add("title")
    prev = _prev_token(doc, cand.first_tok)
    if prev is not None and not cand.before and word_key(prev.text) in TITLE_HEADS:
        cand.cues.add("title")
    if not any(t.pos_ == "PROPN" for t in toks):
        cand.cues.add("not-propn")
    if "title" not in cand.cues and prev is not None and word_key(prev.text) not in LINKERS:
        role = role_before(parsed, cand.first_tok)
        # a title with a complement right before ("ambassador to Chile Oskar Brandt") vouches
        # for a full name only, and not across a determiner ("researcher at the Institute of
        # Latin American Studies": "Studies" ends the organisation)
        if role is not None and (
            word_key(prev.text) in TITLE_HEADS
            or (prev.text == "," and _vouching_comma(doc, prev.i, cand))
            or (len(cand.words) >= 2 and not _has_det(doc, role.start, role.end))
        ):
            cand.cues.add("title")
    if (
        prev is not None
        and prev.text == ","
        and cand.first_tok >= 2
        and word_key(doc[cand.first_tok - 2].text) in TITLE_HEADS
        and doc[cand.first_tok - 2].pos_ == "NOUN"
    ):
        cand.cues.add("apposition")
    if (
        prev is not None
        and prev.lower_ == "by"
        and (
            prev.is_sent_start
            or (cand.first_tok >= 2 and doc[cand.first_tok - 2].lower_ in _BYLINE_CUES)
        )
    ):
        cand.cues.add("byline")
    nxt = _next_token(doc, cand.last_tok)
    if (
        nxt is not None
        and nxt.text.islower()
        and word_key(nxt.text) in TITLE_HEADS
        and nxt.pos_ == "NOUN"
        and not nxt.whitespace_.count("\n")
    ):
        cand.cues.add("org-modifier")
    if nxt is not None and is_reporting(nxt):
        cand.cues.add("reporting")
    if prev is not None and is_reporting(prev) and not cand.before:
        cand.cues.add("reporting")
    if (
        prev is not None
        and prev.lower_ == "to"
        and cand.first_tok >= 2
        and doc[cand.first_tok - 2].lower_ == "according"
    ):
        cand.cues.add("reporting")
    if nxt is not None and nxt.text == ",":
        j = nxt.i + 1
        if j < len(doc) and (doc[j].pos_ == "DET" or doc[j].tag_ == "PRP$"):
            j += 1
        if j < len(doc) and doc[j].lower_ not in COORDINATORS and title_phrase_after(doc, j):
            cand.cues.add("apposition")
    # "…, and the Danish Ambassador to Chile, Oskar Brandt.": a title set off before a
    # name of two or more words that closes the clause
    if (
        "apposition" not in cand.cues
        and prev is not None
        and prev.text == ","
        and len(cand.words) >= 2
        and (nxt is None or nxt.text in {".", ",", ";", ":", ")", "!", "?"} or is_reporting(nxt))
        # after a lowercase common noun the name is that noun's ("the head of research at
        # the monitor, Human Rights Watch"); a person follows the title or a proper noun
        and _vouching_comma(doc, prev.i, cand)
        and role_before_comma(parsed, prev.i) is not None
    ):
        cand.cues.add("apposition")


def _vouching_comma(doc: Doc, comma: int, cand: Candidate) -> bool:
    """A title set off before ``comma`` vouches for the name after it when the title or a
    proper noun ends the phrase ("the Ambassador to Chile, X"); after a lowercase common noun
    the name is that noun's ("the head of research at the monitor, Human Rights Watch")."""
    if comma == 0:
        return False
    last = doc[comma - 1]
    return last.text[:1].isupper() or word_key(last.text) in TITLE_HEADS or "ner" in cand.cues


def _has_det(doc: Doc, start: int, end: int) -> bool:
    """Whether a determiner sits after the first word of the text span ``[start, end)``."""
    return any(t.pos_ == "DET" and t.idx > start for t in tokens_in(doc, start, end))


def _accepted(cand: Candidate) -> bool:
    cues = cand.cues
    strong = cues & (NEWS_CUES | {"ner"})
    if not strong:
        return False
    if "not-propn" in cues and (len(cand.words) == 1 or "ner" not in cues):
        return False
    if "vocative" in cues and not cues & {"title", "byline"}:
        # someone addressed in a quotation, not a person of the story (what follows the
        # comma is the greeting or the sentence, never an apposition)
        return False
    if "other-sense" in cues and not cues & _PERSON_ONLY:
        # the model reads the name otherwise elsewhere, and nothing that only a person has
        # vouches for it: companies "say" and "announce" as people do
        return False
    if "other-entity" in cues and "title" not in cues:
        return len(cand.words) >= 2 and bool(cues & {"reporting", "apposition", "ner", "byline"})
    if len(cand.words) == 1 and cues == {"ner"}:
        return bool(re.fullmatch(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*", cand.words[0].text))
    return True
