"""What a figure measures and whether it is a change, read from spaCy's dependency parse."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tui.docindex import entities
from tui.extract.figures.lemmas import (
    ALL_VERBS,
    CHANGE_NOUNS,
    CHANGE_VERBS,
    DOWN_WORDS,
    LEVEL_VERBS,
    MONEY_VERBS,
    PRICE_VERBS,
    UP_WORDS,
    noun_lemma,
    verb_lemma,
)
from tui.records.models import Direction

if TYPE_CHECKING:  # spaCy is imported by tui.nlp only when a parse is needed
    from spacy.tokens import Doc, Span, Token

_VERB_PREPS = frozenset(
    ["by", "to", "at", "from", "of", "around", "about", "near", "above", "below", "over", "under"]
)
_NOT_MEASURE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "DATE", "TIME"})
_STRIP_LEADING = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "this",
        "that",
        "these",
        "those",
        "some",
        "its'",
        "such",
    ]
)


def noun_phrase(doc: Doc, head: Token, exclude: frozenset[int] = frozenset()) -> str | None:
    """The measure phrase headed by ``head``: modifiers, the noun, one level of "of/to/in" PPs.

    Prepositional phrases containing a token of ``exclude`` (the figure itself) are left out.
    """
    if head.pos_ == "PRON" or (head.ent_type_ in _NOT_MEASURE_ENTS and head.pos_ == "PROPN"):
        return None
    tokens: list[Token] = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.lefts:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and child.pos_ != "PRON":
                if child.dep_ == "poss" and child.ent_type_ in ("PERSON",):
                    continue
                tokens.append(child)
                stack.append(child)
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "to", "from", "between", "in", "with"):
            continue
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if not objs or objs[0].ent_type_ in ("DATE", "TIME") or objs[0].like_num:
            continue
        if any(t.i in exclude for t in prep.subtree):
            continue
        tokens.append(prep)
        tokens.append(objs[0])
        tokens.extend(
            c for c in objs[0].lefts if c.dep_ in ("amod", "compound", "nmod", "poss", "det")
        )
        for conj in objs[0].conjuncts:
            tokens.append(conj)
    ordered = sorted(
        (t for t in doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]),
        key=lambda t: t.i,
    )
    while ordered and (ordered[0].lower_ in _STRIP_LEADING or not ordered[0].is_alpha):
        ordered = ordered[1:]
    while ordered and not ordered[-1].text[-1:].isalnum():
        ordered = ordered[:-1]
    if not ordered or len(ordered) > 12:
        return None
    phrase = " ".join(doc[ordered[0].i : ordered[-1].i + 1].text.split())
    return phrase or None


def _subject(verb: Token) -> Token | None:
    seen = 0
    while seen < 4:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            before = [c for c in subjects if c.i < verb.i]
            return before[-1] if before else subjects[0]
        if verb.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl") and verb.head is not verb:
            if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return verb.head
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _subject_measure(doc: Doc, verb: Token) -> str | None:
    subj = _subject(verb)
    if subj is None or subj.pos_ == "PRON":
        return None
    if subj.ent_type_ in _NOT_MEASURE_ENTS:
        return None
    return noun_phrase(doc, subj)


def _in_phrase(doc: Doc, noun: Token) -> str | None:
    """The object of "in"/"of" after a change noun ("a 40% increase in trade")."""
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "for"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and not obj.like_num and obj.ent_type_ not in ("DATE",):
                    if obj.ent_type_ in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY"):
                        continue
                    return noun_phrase(doc, obj)
    return None


#: The time an amount is earned in when it is a wage: "$12 an hour", "$600 a week".
_PAY_PER = frozenset(["a", "an", "per", "each"])
_PAY_TIME = frozenset(["hour", "day", "week", "shift"])


def _pay(doc: Doc, span: Span, named: Token | None) -> bool:
    """Whether what was earned is a person's pay: a rate of an hour, a day, a week or a shift
    follows the amount, or the earner is a person ("Ana Ruiz earns $3,000 a month")."""
    after = doc[span.end : span.end + 2]
    if len(after) == 2 and after[0].lower_ in _PAY_PER and after[1].lower_ in _PAY_TIME:
        return True
    return named is not None and (named.ent_type_ == "PERSON" or named.lower_ in ("he", "she"))


def analyse(doc: Doc, start: int, end: int, left_text: str) -> tuple[str | None, bool | None]:
    """(measure, change) for the figure covering characters ``start:end`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None
    inside = {t.i for t in span}
    roots = [t for t in span if t.head.i not in inside or t.head is t]
    if not roots:
        return None, None
    root = roots[-1]
    change: bool | None = None
    if left_text.rstrip().lower().endswith((" up", " down")) or left_text.rstrip().lower() in (
        "up",
        "down",
    ):
        change = True
    hops = 0
    while root.dep_ == "conj" and root.head is not root and hops < 5:
        root = root.head
        hops += 1
    head = root.head
    # "a 40% increase in trade"
    if (
        root.dep_ in ("nummod", "compound", "amod", "npadvmod")
        and head.pos_ == "NOUN"
        and (noun_lemma(head.text) in CHANGE_NOUNS or head.lower_ in CHANGE_NOUNS)
    ):
        return _in_phrase(doc, head), True
    if root.dep_ == "pobj" and head.dep_ == "prep":
        prep = head
        gov = prep.head
        word = prep.lower_
        if gov.pos_ in ("NOUN", "PROPN") and word in ("of", "by"):
            if gov.lower_ in CHANGE_NOUNS or noun_lemma(gov.text) in CHANGE_NOUNS:
                return _in_phrase(doc, gov) or _appositive_measure(doc, gov), True
            if word == "of" and gov.ent_type_ not in _NOT_MEASURE_ENTS:
                return noun_phrase(doc, gov, frozenset(inside)), change
        if gov.pos_ == "VERB" and word == "for" and gov.lower_ in PRICE_VERBS and _money(span):
            return "price", False
        if gov.pos_ in ("VERB", "AUX") and word in _VERB_PREPS:
            lemma = verb_lemma(gov.text)
            if lemma in CHANGE_VERBS:
                change = True if word == "by" else False if word in ("to", "at", "from") else None
                return _subject_measure(doc, gov), change
            if lemma in LEVEL_VERBS:
                return _subject_measure(doc, gov), False
        if gov.pos_ == "ADJ" and gov.lower_ in ("worth", "valued"):
            return None, False
        return None, change
    if root.dep_ in ("dobj", "npadvmod", "advmod", "attr", "oprd", "acomp", "nsubj") and (
        head.pos_ in ("VERB", "AUX")
    ):
        lemma = verb_lemma(head.text)
        if root.dep_ == "dobj" and head.lower_ in MONEY_VERBS and _money(span):
            named = _subject(head)
            what = MONEY_VERBS[head.lower_]
            # "Orbis lost $212 million"; a price only when paid for something ("pay $3.8
            # billion for Corvo"), not "pay $100 million in interest"
            priced = what != "price" or any(
                c.dep_ == "prep" and c.lower_ == "for" for c in head.children
            )
            if priced and (named is None or named.pos_ != "NOUN"):
                if what == "profit" and _pay(doc, span, named):
                    return "pay", False  # "earns $12 an hour": a wage, not a profit
                return what, False
        if root.dep_ != "nsubj" and lemma in CHANGE_VERBS:
            return _subject_measure(doc, head), True
        if root.dep_ != "nsubj" and lemma in LEVEL_VERBS:
            return _subject_measure(doc, head), False
    # "$3bn in loans", "30% of respondents", "$5bn for roads"
    for prep in root.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "for", "on"):
            measure = _in_phrase_direct(doc, prep)
            if measure is not None:
                return measure, change
    # "spend £2.4 billion on grid upgrades", "invest $3bn in ports"
    if root.dep_ == "dobj" and head.pos_ == "VERB":
        for prep in head.rights:
            if (
                prep.i > root.i
                and prep.dep_ == "prep"
                and prep.lower_ in ("on", "in", "into", "for")
            ):
                measure = _in_phrase_direct(doc, prep)
                if measure is not None:
                    return measure, change
    return None, change


def _money(span: Span) -> bool:
    """Whether the figure's words say it is money (a currency sign or name)."""
    return any(t.ent_type_ == "MONEY" or t.is_currency for t in span) or any(
        t.lower_ in ("dollars", "euros", "pounds", "yen", "cents") for t in span
    )


def _appositive_measure(doc: Doc, noun: Token) -> str | None:
    """ "Trade reached $5bn, an increase of 12%": the change measures the clause's subject.

    The parser attaches such an appositive to the figure before it or straight to the verb.
    """
    host = noun.head
    if noun.dep_ == "appos":
        verb = host.head if host.dep_ in ("dobj", "pobj", "attr", "npadvmod") else host
    elif noun.dep_ in ("dobj", "npadvmod"):
        verb = host
    else:
        return None
    if verb.dep_ == "prep":
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb_lemma(verb.text) not in ALL_VERBS:
        return None
    return _subject_measure(doc, verb)


def _in_phrase_direct(doc: Doc, prep: Token) -> str | None:
    for obj in prep.children:
        if obj.dep_ == "pobj" and obj.pos_ == "NOUN" and not obj.ent_type_:
            return noun_phrase(doc, obj)
    return None


#: Entity labels that name what a figure belongs to (a company, a country, an event).
_NAME_ENTS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
_NOT_NAME_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"})
#: Dependents through which a noun's owner is named: "Ostland's rate", "the rate in Ostland".
_OWNER_PREPS = frozenset(["of", "in", "at", "for", "between", "with", "to", "from"])
_OWN_PREPS = frozenset(["of"])
_PRONOUNS = frozenset(["its", "their", "his", "her", "it", "they", "he", "she"])
#: Clause dependencies climbed from a verb without a subject to the one that has it.
_CLIMB = frozenset(["advcl", "xcomp", "conj", "acl", "relcl", "pcomp"])


def _line_before(tok: Token) -> str:
    """The text of ``tok``'s line before it, read from the tokens back to the line break
    (``Doc.text`` joins every token of the article on each access: far too slow here)."""
    doc = tok.doc
    parts: list[str] = []
    i = tok.i - 1
    while i >= 0:
        word = doc[i].text_with_ws
        if "\n" in word:
            parts.append(word[word.rfind("\n") + 1 :])
            break
        parts.append(word)
        i -= 1
    return "".join(reversed(parts))


def _text_after(tok: Token, size: int) -> str:
    """Up to ``size`` characters of the text right after ``tok``."""
    doc = tok.doc
    parts = [tok.whitespace_]
    length = len(tok.whitespace_)
    i = tok.i + 1
    while length < size and i < len(doc):
        word = doc[i].text_with_ws
        parts.append(word)
        length += len(word)
        i += 1
    return "".join(parts)[:size]


def _in_dateline(tok: Token) -> bool:
    """An all-caps word of a dateline ("SORIN (Reuters) -"), parsed into the first sentence."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.text_with_ws.endswith("(") and _text_after(tok, 1) == ")":
        before = _line_before(tok)[:-1].strip()
        return bool(before) and before.upper() == before  # "SORIN (Reuters)"
    if not tok.is_upper or len(tok.text) < 3:
        return False
    before = _line_before(tok)
    if before.upper() != before:
        return False
    after = _text_after(tok, 40).lstrip(" ,")
    return after[:1] in ("(", ")", "-", "—", "–", "_") or (after[:1].isupper() and after.isupper())


def _is_name(tok: Token) -> bool:
    if tok.ent_type_ in _NOT_NAME_ENTS or tok.like_num or not tok.text[:1].isalpha():
        return False
    if not (tok.ent_type_ in _NAME_ENTS or tok.pos_ == "PROPN"):
        return False
    return not _in_dateline(tok)


def _names(tokens: list[Token], skip: frozenset[int]) -> str | None:
    """The runs of name tokens among ``tokens`` in text order, as written, joined by "; "
    ("Pelora; Aster"); a possessive "'s" is left out."""
    found = sorted({t.i for t in tokens if t.i not in skip and _is_name(t)})
    if not found:
        return None
    doc = tokens[0].doc
    runs: list[list[int]] = [[found[0]]]
    for i in found[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out: list[str] = []
    for run in runs:
        text = doc[run[0] : run[-1] + 1].text
        text = text[:-2] if text.endswith(("'s", "’s")) else text
        if text and text not in out:
            out.append(text)
    return "; ".join(out) or None


def _says_owner(verb: Token) -> str | None:
    """The names in the subject of the clause that reports ``verb``'s clause ("Norvale said
    its profit was …": the "its" is Norvale's)."""
    hops = 0
    while verb.dep_ in ("ccomp", "conj", "advcl", "xcomp") and verb.head is not verb and hops < 3:
        verb = verb.head
        hops += 1
        subj = _clause_subject(verb)
        if subj is not None:
            return _names(list(subj.subtree), frozenset())
    return None


def _clause_subject(verb: Token) -> Token | None:
    """``verb``'s subject: the nearest before it, a dateline word left out."""
    subjects = [
        c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not _in_dateline(c)
    ]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else subjects[0] if subjects else None


def _owner_tokens(
    noun: Token, skip: frozenset[int], preps: frozenset[str] = _OWNER_PREPS
) -> list[Token]:
    """What a noun says about its owner: possessor, compounds, "of/in/at ..." phrases."""
    out: list[Token] = []
    for child in noun.children:
        if child.i in skip:
            continue
        if (child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i) or (
            child.dep_ == "prep"
            and child.lower_ in preps
            and all(t.i not in skip for t in child.subtree)
        ):
            out.extend(child.subtree)
    return out


def _possessor_in_phrase(noun: Token, skip: frozenset[int]) -> list[Token]:
    """A possessor named in the figure's own phrase: "18 million viewers for Ostvision's
    debate" are Ostvision's viewers, whoever the clause's subject is ("Kanal 5 drew 8
    million viewers, less than half of the 18 million viewers for Ostvision's debate"). The
    phrase itself ("$35 million in funding") names no owner; a possessive in it does."""
    out: list[Token] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in _OWNER_PREPS or prep.i in skip:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for poss in obj.children:
                if poss.dep_ == "poss" and poss.i not in skip:
                    out.extend(poss.subtree)
    return out


def _clause_verb(tok: Token) -> Token | None:
    """The verb (or copula) whose clause ``tok`` is in: up through nouns and prepositions."""
    hops = 0
    while hops < 6:
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
        hops += 1
    return None


#: Words that make a measure belong to two parties the article names ("bilateral trade",
#: "the two neighbours have signed …").
_RELATIONAL = re.compile(
    r"\b(?:bilateral|two-way|(?:the|both) two (?:countries|nations|neighbou?rs|sides|"
    r"governments|states|economies|capitals))\b",
    re.IGNORECASE,
)


def anchor(doc: Doc, start: int, end: int) -> tuple[str | None, str | None]:
    """(subject, predicate) of the figure covering ``start:end`` (see :func:`_anchor`); a
    figure of a relation between two parties that its sentence does not name ("bilateral
    trade", "the two countries have signed …") belongs to the two places the article names
    most (:func:`_the_pair`)."""
    subject, predicate = _anchor(doc, start, end)
    if subject is None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) and _RELATIONAL.search(span[0].sent.text):
            subject = _the_pair(doc)
    return subject, predicate


def _the_pair(doc: Doc) -> str | None:
    """The two places an article names most often, in order of first mention, when two stand
    out (a third named as often makes the pair unknown)."""
    counts: dict[str, int] = {}
    for ent in entities(doc):
        if ent.label_ == "GPE" and not _in_dateline(ent[0]):
            name = ent.text.removeprefix("the ").removesuffix("'s").removesuffix("’s")
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])  # stable: first mention first
    if len(ranked) < 2 or (len(ranked) > 2 and ranked[2][1] == ranked[1][1]):
        return None
    pair = {ranked[0][0], ranked[1][0]}
    return "; ".join(name for name in counts if name in pair)


def _anchor(doc: Doc, start: int, end: int) -> tuple[str | None, str | None]:
    """(subject, predicate) of the figure covering characters ``start:end`` of ``doc``.

    The subject is the name the number belongs to — the company, country, event, product:
    the first name (a named entity or proper noun) found in the counted or measured noun's
    possessor, compounds and "of/in/at" phrases ("Ostland's unemployment rate", "inflation in
    Veltria"), else in the clause's subject ("Norvale Corp reported a profit of …", "an
    earthquake in Tarvia killed …"), else, when the figure is the subject, in the rest of its
    clause ("300 people gathered outside the Cassel block"). The predicate is the verb a count
    is the subject or object of ("killed 14 people", "14 people were evacuated"), as written,
    lower-cased; None for other kinds of figure or when the count hangs off a preposition.
    Reporting clauses ("…, the ministry said") are not climbed into: the figure's clause is
    the one the number is in.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None
    skip = frozenset(t.i for t in span)
    roots = [t for t in span if t.head.i not in skip or t.head is t]
    if not roots:
        return None, None
    root = roots[-1]
    noun = root
    while noun.dep_ in ("nummod", "quantmod", "compound", "amod") and noun.head.i not in skip:
        noun = noun.head
        if noun.pos_ in ("NOUN", "PROPN"):
            break
    predicate: str | None = None
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd") and noun.head.pos_ == "VERB":
        predicate = noun.head.lower_
    # The measured noun: the figure's own noun, or the noun "of" which it is ("a profit of
    # $1.2 billion"), or the subject of the copula or level verb it completes.
    # the figure's own noun: "$35 million in funding" and "$5bn for roads" name no owner
    owners: list[Token] = _owner_tokens(noun, skip, _OWN_PREPS) + _possessor_in_phrase(noun, skip)
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN",):
        owners += _owner_tokens(noun.head.head, skip | {noun.head.i})
    verb = _clause_verb(noun)
    if noun.dep_ in ("attr", "dobj", "oprd", "npadvmod") and verb is not None:
        # "Ostland's unemployment rate was 5.2%": the measured noun is the subject
        measured = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        measured = [c for c in measured if c.i < verb.i and c.pos_ == "NOUN"]
        if measured:
            owners += _owner_tokens(measured[-1], skip)
    subject = _names(owners, skip) if owners else None
    if subject is not None:
        return subject, predicate
    if verb is not None and any(t.lower_ in _PRONOUNS and t.dep_ == "poss" for t in owners):
        return _says_owner(verb), predicate
    hops = 0
    while verb is not None and hops < 4:
        subj = _clause_subject(verb)
        if subj is not None:
            if subj.pos_ == "PRON" and subj.lower_ in _PRONOUNS:
                return _says_owner(verb), predicate
            if subj.i in skip or any(t.i in skip for t in subj.subtree):
                rest = [
                    t
                    for c in verb.children
                    if c.dep_ in ("prep", "dobj", "attr", "advcl", "agent", "npadvmod")
                    for t in c.subtree
                    if c.i not in skip
                ]
                return _names(rest, skip), predicate
            named = _names(list(subj.subtree), skip)
            if named is None and any(
                t.lower_ in _PRONOUNS and t.dep_ == "poss" for t in subj.subtree
            ):
                return _says_owner(verb), predicate  # "Calder said its sales fell to $41m"
            return named, predicate
        if verb.dep_ in _CLIMB and verb.head is not verb:
            verb = verb.head
            hops += 1
            continue
        break
    return None, predicate


#: Verbs whose "up"/"down" is part of the verb, not a direction: "end up 4-4".
_PARTICLE_VERBS = frozenset(
    ["end", "ended", "ends", "pick", "picked", "picks", "make", "made", "take", "took",
     "wind", "wound", "show", "showed", "shows", "add", "adds", "added", "sum", "set", "back",
     "turn", "turned", "come", "came", "line", "lined", "sign", "signed"]
)  # fmt: skip


def _way(tok: Token) -> Direction | None:
    """ "up"/"down" for a word of change ("rose", "a decline", "edged up"), else None."""
    word = tok.lower_
    lemma = verb_lemma(word) if tok.pos_ in ("VERB", "AUX") else noun_lemma(word)
    if lemma in UP_WORDS or word in UP_WORDS:
        return "up"
    if lemma in DOWN_WORDS or word in DOWN_WORDS:
        return "down"
    for child in tok.children:
        if child.dep_ == "prt" and child.lower_ in ("up", "down"):
            return "up" if child.lower_ == "up" else "down"
    return None


def direction(doc: Doc, start: int, end: int, left_text: str) -> Direction | None:
    """Which way the change the figure at ``start:end`` reports went: the word of change it
    hangs from ("fell 3%", "rose by 8%", "an increase of 2%", "a 40% jump") or "up"/"down"
    written just before it ("up 4%"). Call it for changes only."""
    words = left_text.lower().split()
    if words and words[-1] in ("up", "down"):
        if len(words) > 1 and words[-2] in _PARTICLE_VERBS:
            return None  # "could end up 4-4", "pick up 15 seats": a phrasal verb
        return "up" if words[-1] == "up" else "down"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root.head
    if span.root.dep_ == "dobj" and verb_lemma(tok.text) in ("raise", "lose"):
        return None  # "raised $11.9 million" (funds), "lost two siblings": not a move
    for _ in range(3):  # the verb or noun, through "by"/"of" and a conjunction
        way = _way(tok)
        if way is not None:
            return way
        if tok.head is tok:
            break
        tok = tok.head
    return None
