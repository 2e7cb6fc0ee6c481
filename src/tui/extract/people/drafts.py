"""The people of one article before their mentions are swept: one draft per person.

Full names are joined by the name algebra (the same person under two forms, with the rule
that says so); a surname-only multiword form joins the one full name with that surname; a
single word is a person only when no full name of the article owns it.
"""

from __future__ import annotations

from tui.extract.people.lexicon import lexicon
from tui.extract.people.names import (
    NameParts,
    fold,
    fullness,
    given_compatible,
    split_name,
    surname_relation,
    translit_key,
)
from tui.extract.people.words import Candidate, Draft
from tui.records.models import Article, MergeEvidence

_PRONOUNS = {"he", "she", "him", "her"}


class _DraftIndex:
    """The article's drafts, looked up by the keys a relation needs, so that joining a name
    costs the drafts it could join, not all of them (a list of hundreds of names used to
    compare every pair). Keys are only added, never removed: a look-up may return drafts
    whose name has since changed, and :func:`_join_draft` checks each against its current
    name, exactly as a scan of every draft would."""

    def __init__(self) -> None:
        self.order: dict[int, int] = {}
        self._by_fold: dict[str, list[Draft]] = {}
        self._by_key: dict[str, list[Draft]] = {}

    def add(self, draft: Draft) -> None:
        self.order.setdefault(id(draft), len(self.order))
        self._put(self._by_fold, fold(draft.name), draft)
        for key in _relation_keys(draft.parts):
            self._put(self._by_key, key, draft)

    @staticmethod
    def _put(table: dict[str, list[Draft]], key: str, draft: Draft) -> None:
        bucket = table.setdefault(key, [])
        if not any(d is draft for d in bucket):
            bucket.append(draft)

    def same_fold(self, name: str) -> Draft | None:
        """The first draft (in draft order) whose name folds like ``name``."""
        key = fold(name)
        found = [d for d in self._by_fold.get(key, []) if fold(d.name) == key]
        return min(found, key=lambda d: self.order[id(d)], default=None)

    def related(self, parts: NameParts) -> list[Draft]:
        """Every draft whose surname could relate to ``parts``' (a superset), in order."""
        seen: dict[int, Draft] = {}
        for key in _relation_keys(parts):
            for d in self._by_key.get(key, []):
                seen[id(d)] = d
        return sorted(seen.values(), key=lambda d: self.order[id(d)])


def _relation_keys(parts: NameParts) -> set[str]:
    """Keys two surnames share whenever :func:`surname_relation` relates them: the
    transliteration key of the whole (same, transliteration), the surname without particles
    (particle), and its first word or hyphenated part (compound)."""
    if not parts.surname:
        return set()
    whole = " ".join(parts.surname)
    core = " ".join(w for w in parts.surname if w not in lexicon("particles"))
    keys = {"t:" + translit_key(whole.replace(" ", "")), "c:" + core}
    keys.add("p:" + core.replace(" ", "-").split("-")[0])
    return keys


def _join_draft(index: _DraftIndex, name: str, parts: NameParts) -> tuple[Draft, str] | None:
    """An existing draft this full name belongs to, and the rule that says so."""
    same = index.same_fold(name)
    if same is not None:
        return same, "same-name" if same.name == name else "case-accent-fold"
    matches: list[tuple[Draft, str]] = []
    for d in index.related(parts) if parts.given else []:
        if not d.parts.given:
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


def _join_given_forms(article: Article, drafts: list[Draft]) -> None:
    """A name of two or more words that is the whole run of given names of exactly one longer
    name of the article ("Ana Maria" beside "Ana Maria Costa") is that person called by
    given names alone, as a surname alone is: it joins that draft."""
    words = {id(d): tuple(fold(w) for w in d.name.split()) for d in drafts}
    # each name by its run of given names (looked up, not compared pairwise: an article may
    # list thousands of names)
    by_given: dict[tuple[str, ...], list[Draft]] = {}
    for d in drafts:
        given = len(d.parts.given)
        if given and len(words[id(d)]) > given:
            by_given.setdefault(words[id(d)][:given], []).append(d)
    removed: set[int] = set()
    for draft in [d for d in drafts if len(words[id(d)]) >= 2]:
        owners = [
            d for d in by_given.get(words[id(draft)], []) if d is not draft and id(d) not in removed
        ]
        if len(owners) != 1:
            continue
        drafts.remove(draft)
        removed.add(id(draft))
        _absorb(owners[0], draft, "given-name-in-article", article.id)


def _absorb(owner: Draft, draft: Draft, rule: str, article_id: str) -> None:
    """``draft`` (a shorter form: a surname or the given names alone) is ``owner`` named
    in part: its cues, first position and forms go to ``owner``, each new form with the
    evidence of ``rule``."""
    owner.cues |= draft.cues
    owner.first_pos = min(owner.first_pos, draft.first_pos)
    for form in draft.forms:
        if form not in owner.forms:
            owner.forms.append(form)
            owner.evidence.append(
                MergeEvidence(
                    rule=rule,
                    names=[owner.name, form],
                    detail=f"resolved to the full name introduced in article {article_id}",
                )
            )


def draft_people(article: Article, text: str, accepted: list[Candidate]) -> list[Draft]:
    """One draft per person of the article, in order of first appearance."""
    drafts: list[Draft] = []
    index = _DraftIndex()
    for cand in sorted(accepted, key=lambda c: (-len(c.words), c.start)):
        if len(cand.words) < 2:
            continue
        name = text[cand.start : cand.end]
        if cand.nicknames:  # George "Jay" Smith: the name is George Smith, Jay an alias
            name = " ".join(w.text for w in cand.words)
        parts = split_name(name)
        joined = _join_draft(index, name, parts)
        if joined is None:
            drafts.append(Draft(name, parts, cand.start, set(cand.cues), [name]))
            drafts[-1].forms.extend(n for n in cand.nicknames if n not in drafts[-1].forms)
            index.add(drafts[-1])
            continue
        draft, rule = joined
        draft.forms.extend(n for n in cand.nicknames if n not in draft.forms)
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
            index.add(draft)
    _join_given_forms(article, drafts)
    # surname-only multiword forms ("van der Berg") join the one full name with that surname
    full_by_surname: dict[str, list[Draft]] = {}
    for d in drafts:
        if d.parts.given:
            full_by_surname.setdefault(" ".join(d.parts.surname), []).append(d)
    for draft in [d for d in drafts if not d.parts.given]:
        owners = full_by_surname.get(" ".join(draft.parts.surname), [])
        if len(owners) != 1:
            continue
        drafts.remove(draft)
        _absorb(owners[0], draft, "surname-in-article", article.id)
    # single-word people: only when no full name in the article owns the word
    owned = {k for d in drafts if d.parts.given for k in d.parts.surname_keys()}
    owned |= {g for d in drafts for g in d.parts.given if len(g) > 1}
    folded = {fold(d.name) for d in drafts}
    for cand in sorted(accepted, key=lambda c: c.start):
        if len(cand.words) != 1:
            continue
        name = cand.words[0].text
        key = fold(name)
        if key in owned or key in folded:
            continue
        if sum(c.isalpha() for c in key) < 2 or key in _PRONOUNS:  # an initial alone: "A."
            continue
        drafts.append(Draft(name, split_name(name), cand.start, set(cand.cues), [name]))
        folded.add(key)
        if drafts[-1].parts.given:  # a single word is never a full name; kept exact anyway
            owned |= drafts[-1].parts.surname_keys() | set(drafts[-1].parts.given)

    drafts.sort(key=lambda d: d.first_pos)
    return drafts
