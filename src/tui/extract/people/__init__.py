"""People in one article: names, mentions, roles and quotes.

The rooms, in the order :func:`extract_people` runs them: :mod:`.candidates` (runs of
capitalised words), :mod:`.cues` (which of them are people), :mod:`.drafts` (one draft per
person), :mod:`.mentions` (every mention swept and resolved), :mod:`.roles` (title phrases
around each mention) and :mod:`.quotes` (who said what). :mod:`.names` is the name algebra
the people linker shares, :mod:`.lexicon` the word lists, :mod:`.words` the shared types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.docindex import token_at
from tui.extract.people.candidates import text_words
from tui.extract.people.cues import accepted_candidates
from tui.extract.people.drafts import draft_people
from tui.extract.people.lexicon import HONORIFICS
from tui.extract.people.mentions import sweep
from tui.extract.people.quotes import extract_quotes
from tui.extract.people.roles import role_after, role_before, role_before_comma
from tui.extract.people.words import word_key
from tui.records.extraction import LocalPerson, PeopleResult
from tui.records.models import Role

if TYPE_CHECKING:
    from tui.nlp import ParsedArticle

__all__ = ["extract_people"]


def extract_people(parsed: ParsedArticle) -> PeopleResult:
    """People of one article with every mention, their roles and their quotes."""
    article, text, doc = parsed.article, parsed.text, parsed.doc
    if not text.strip():
        return PeopleResult()
    words = text_words(parsed)
    accepted = accepted_candidates(parsed, words)
    drafts = draft_people(article, text, accepted)
    mentions, unresolved = sweep(parsed, words, drafts)
    persons: list[LocalPerson] = []
    local_of: dict[int, LocalPerson] = {}
    for idx, draft in enumerate(drafts):
        spans = sorted(set(mentions.get(idx, [])))
        if not spans:
            continue
        key = f"{article.id}:p{len(persons) + 1}"
        roles: list[Role] = []
        seen_roles: set[tuple[int, int]] = set()
        forms = list(draft.forms)
        for name_start, name_end in spans:
            first_tok = token_at(doc, name_start)
            last_tok = token_at(doc, name_end - 1)
            if first_tok is None or last_tok is None:
                continue
            # "Saudi Arabia's energy minister, Prince Abdulaziz": a role across the honorific
            set_off = (
                role_before_comma(parsed, first_tok - 2)
                if first_tok >= 3
                and doc[first_tok - 2].text == ","
                and word_key(doc[first_tok - 1].text) in HONORIFICS
                else None
            )
            for role in (
                role_before(parsed, first_tok),
                set_off,
                *role_after(parsed, last_tok),
            ):
                if role is not None and (role.start, role.end) not in seen_roles:
                    seen_roles.add((role.start, role.end))
                    roles.append(role)
            form = text[name_start:name_end]
            if form not in forms:
                forms.append(form)
        persons.append(
            LocalPerson(
                key=key,
                name=draft.name,
                mentions=[article.span(s, e) for s, e in spans],
                roles=sorted(roles, key=lambda r: r.start),
                forms=forms,
                evidence=draft.evidence,
                cues=sorted(draft.cues),
            )
        )
        local_of[idx] = persons[-1]
    shared = [article.span(s, e) for s, e, _ in unresolved]
    # a surname the article shares between people is kept with each of them, as ambiguous
    for s, e, owners in unresolved:
        for idx in owners:
            if idx in local_of:
                local_of[idx].ambiguous.append(article.span(s, e))
    return PeopleResult(
        persons=persons,
        quotes=extract_quotes(parsed, persons, shared),
        unresolved=shared,
    )
