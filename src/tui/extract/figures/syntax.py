"""What a figure measures and whether it is a change, read from spaCy's dependency parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.extract.figures.lemmas import (
    ALL_VERBS,
    CHANGE_NOUNS,
    CHANGE_VERBS,
    LEVEL_VERBS,
    noun_lemma,
    verb_lemma,
)

if TYPE_CHECKING:  # spaCy is imported by tui.nlp only when a parse is needed
    from spacy.tokens import Doc, Token

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
