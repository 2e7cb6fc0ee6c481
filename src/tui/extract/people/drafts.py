"""The people of one article before their mentions are swept: one draft per person.

Full names are joined by the name algebra (the same person under two forms, with the rule
that says so); a surname-only multiword form joins the one full name with that surname; a
single word is a person only when no full name of the article owns it.
"""

from __future__ import annotations

from tui.extract.people.names import (
    NameParts,
    fold,
    fullness,
    given_compatible,
    split_name,
    surname_relation,
)
from tui.extract.people.words import Candidate, Draft
from tui.records.models import Article, MergeEvidence

_PRONOUNS = {"he", "she", "him", "her"}


def _join_draft(drafts: list[Draft], name: str, parts: NameParts) -> tuple[Draft, str] | None:
    """An existing draft this full name belongs to, and the rule that says so."""
    matches: list[tuple[Draft, str]] = []
    for d in drafts:
        if fold(d.name) == fold(name):
            return d, "same-name" if d.name == name else "case-accent-fold"
        if not d.parts.given or not parts.given:
            continue
        rel = surname_relation(d.parts.surname, parts.surname)
        if rel is None:
            continue
        ok, rule = given_compatible(d.parts.given, parts.given)
        if not ok:
            continue
        if rule == "initial" and rel != "same":
            continue
        if rel == "compound" and rule != "same-given":
            continue
        matches.append((d, rule if rel == "same" else f"{rel}-surname"))
    if len(matches) == 1:
        return matches[0]
    return None


def _surname_owners(drafts: list[Draft], key: str) -> list[Draft]:
    return [d for d in drafts if d.parts.given and key in d.parts.surname_keys()]


def _given_owners(drafts: list[Draft], key: str) -> list[Draft]:
    """Full-name people one of whose given names (not an initial) is ``key``."""
    return [d for d in drafts if len(key) > 1 and key in d.parts.given]


def draft_people(article: Article, text: str, accepted: list[Candidate]) -> list[Draft]:
    """One draft per person of the article, in order of first appearance."""
    drafts: list[Draft] = []
    for cand in sorted(accepted, key=lambda c: (-len(c.words), c.start)):
        if len(cand.words) < 2:
            continue
        name = text[cand.start : cand.end]
        parts = split_name(name)
        joined = _join_draft(drafts, name, parts)
        if joined is None:
            drafts.append(Draft(name, parts, cand.start, set(cand.cues), [name]))
            continue
        draft, rule = joined
        draft.cues |= cand.cues
        draft.first_pos = min(draft.first_pos, cand.start)
        if name not in draft.forms:
            draft.forms.append(name)
            if rule != "same-name":
                draft.evidence.append(
                    MergeEvidence(
                        rule=rule,
                        names=[draft.name, name],
                        detail=f"same person within article {article.id}",
                    )
                )
        if fullness(name) > fullness(draft.name):
            draft.name = name
            draft.parts = parts
    # surname-only multiword forms ("van der Berg") join the one full name with that surname
    for draft in [d for d in drafts if not d.parts.given]:
        surname = " ".join(draft.parts.surname)
        owners = [d for d in drafts if d.parts.given and " ".join(d.parts.surname) == surname]
        if len(owners) != 1:
            continue
        owner = owners[0]
        drafts.remove(draft)
        owner.cues |= draft.cues
        owner.first_pos = min(owner.first_pos, draft.first_pos)
        for form in draft.forms:
            if form not in owner.forms:
                owner.forms.append(form)
                owner.evidence.append(
                    MergeEvidence(
                        rule="surname-in-article",
                        names=[owner.name, form],
                        detail=f"resolved to the full name introduced in article {article.id}",
                    )
                )
    # single-word people: only when no full name in the article owns the word
    for cand in sorted(accepted, key=lambda c: c.start):
        if len(cand.words) != 1:
            continue
        name = cand.words[0].text
        key = fold(name)
        if _surname_owners(drafts, key) or _given_owners(drafts, key):
            continue
        if any(fold(d.name) == key for d in drafts):
            continue
        if len(key) < 2 or key in _PRONOUNS:
            continue
        drafts.append(Draft(name, split_name(name), cand.start, set(cand.cues), [name]))

    drafts.sort(key=lambda d: d.first_pos)
    return drafts
