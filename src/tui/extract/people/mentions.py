"""The sweep: every mention of every person of the article, resolved to its owner.

Every other mention of an accepted person (surname alone — a title before it is a role,
not part of the mention — or the full name in unusual casing) is found by a sweep of the
text and resolved to the person introduced nearest before it; a surname shared by two
people in the article is left unresolved rather than guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tui.docindex import entities
from tui.extract.people.lexicon import (
    KIN_NOUNS,
    MODEL_ONLY_CUES,
    OTHER_ENTITY_LABELS,
    TITLE_HEADS,
    given_names_gender,
    reporting_verbs,
)
from tui.extract.people.names import fold
from tui.extract.people.tokens import token_view
from tui.extract.people.words import (
    Draft,
    Mention,
    Word,
    blocking,
    line_bounds,
    name_like,
    stop_words,
    word_key,
)
from tui.records.models import MergeEvidence

if TYPE_CHECKING:
    from tui.nlp import ParsedArticle


def _word_runs(text: str) -> dict[str, list[int]]:
    """Where each word (a lowercased run of word characters) starts in ``text``."""
    runs: dict[str, list[int]] = {}
    for m in re.finditer(r"\w+", text):
        runs.setdefault(m.group().lower(), []).append(m.start())
    return runs


def _occurrences(
    pattern: re.Pattern[str], form: str, text: str, runs: dict[str, list[int]]
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields for the literal name ``form``, found by trying
    only where the form's rarest word stands in the text: scanning the whole text once per
    form made an article listing thousands of names quadratic."""
    words = [(m.group().lower(), m.start()) for m in re.finditer(r"\w+", form)]
    if not words or not form[:1].isalnum() or len(form.lower()) != len(form):
        yield from pattern.finditer(text)  # not a plain name: the whole scan, as written
        return
    word, offset = min(words, key=lambda w: len(runs.get(w[0], ())))
    end = -1
    for at in runs.get(word, ()):
        start = at - offset
        if start < end or start < 0:
            continue
        m = pattern.match(text, start)
        if m is not None:
            end = m.end()
            yield m


def sweep(
    parsed: ParsedArticle, words: list[Word], drafts: list[Draft]
) -> tuple[dict[int, list[Mention]], list[Unresolved]]:
    """Every mention of every draft person: full forms in any case, then surnames."""
    article, doc, text = parsed.article, parsed.doc, parsed.text
    view = token_view(parsed)
    mask = bytearray(len(text) + 1)
    mentions: dict[int, list[Mention]] = {}
    by_start = {w.start: i for i, w in enumerate(words)}

    def free(s: int, e: int) -> bool:
        return not any(mask[s:e])

    def take(s: int, e: int) -> None:
        mask[s:e] = b"\x01" * (e - s)

    surname_owners: dict[str, list[int]] = {}
    given_owners: dict[str, list[int]] = {}
    for i, d in enumerate(drafts):
        if d.parts.given:
            for k in d.parts.surname_keys():
                surname_owners.setdefault(k, []).append(i)
            for g in set(d.parts.given):
                if len(g) > 1:
                    given_owners.setdefault(g, []).append(i)

    forms = sorted(
        ((form, idx) for idx, d in enumerate(drafts) for form in d.forms if len(form) > 1),
        key=lambda fi: -len(fi[0]),
    )
    runs = _word_runs(text)
    for form, idx in forms:
        pattern = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", re.IGNORECASE)
        multi = " " in form or "-" in form
        for m in _occurrences(pattern, form, text, runs):
            s, e = m.span()
            found = m.group(0)
            if not multi and not found[:1].isupper():
                continue
            if not multi and not _standalone(words, by_start, s, e):
                continue
            if free(s, e):
                take(s, e)
                mentions.setdefault(idx, []).append((s, e))
    read_otherwise = Counter(e.text for e in entities(doc) if e.label_ in OTHER_ENTITY_LABELS)
    read_as_person = Counter(e.text for e in entities(doc) if e.label_ == "PERSON")
    unresolved: list[Unresolved] = []
    for pos, word in enumerate(words):
        if not may_name(word.text):
            continue  # most words: neither name-like nor a headline's capitals (said sooner)
        if not free(word.start, word.end):
            continue
        # a surname in an all-capitals headline ("HENKE TAKES LEAD"): every word there is
        # capitalised, so only a surname that one person of the article holds is taken
        caps = _caps_line(text, word)
        if not (name_like(word.text) or caps):
            continue
        reason = blocking(word.text)
        if reason is not None and not (
            reason == "place"
            and fold(word.text) in surname_owners
            and view.ent_type[word.first_tok] not in OTHER_ENTITY_LABELS
        ):
            # a place's name is a surname only of a person the article names in full, and
            # where the entity model does not read it as the place ("Jordan said")
            continue
        if not caps and not _standalone(words, by_start, word.start, word.end):
            continue
        key = fold(word.text)
        rule = "surname-in-article"
        owners = surname_owners.get(key, [])
        if caps and len(owners) != 1:
            continue
        if not owners:
            rule = "given-name-in-article"
            owners = given_owners.get(key, [])
            if len(owners) != 1 or view.pos[word.first_tok] != "PROPN":
                continue
            if (
                not drafts[owners[0]].cues - MODEL_ONLY_CUES
                and view.ent_type[word.first_tok] != "PERSON"
                and read_otherwise[word.text] * 2 >= read_as_person[word.text]
            ):
                # a full name only the entity model vouches for ("Acme Cables") lends its
                # first word alone nothing where the model reads that word alone as an
                # organisation or place about as often as a person in the article
                continue
        if len(owners) > 1:
            owners = _of_honorific_gender(text, word.start, owners, drafts)
        owner: int | None = owners[0] if len(owners) == 1 else None
        if owner is None:
            owner = _disambiguate(words, pos, owners, mentions, text)
        if owner is None:
            unresolved.append((word.start, word.end, tuple(owners)))
            take(word.start, word.end)
            continue
        take(word.start, word.end)
        mentions.setdefault(owner, []).append((word.start, word.end))
        draft = drafts[owner]
        if word.text not in draft.forms:
            draft.forms.append(word.text)
            draft.evidence.append(
                MergeEvidence(
                    rule=rule,
                    names=[draft.name, word.text],
                    detail=f"resolved to the full name introduced in article {article.id}",
                )
            )
    return mentions, unresolved


Unresolved = tuple[int, int, tuple[int, ...]]
"""A surname two or more people of the article hold, left to none of them: its start, end
and the drafts it could belong to."""


def may_name(word: str) -> bool:
    """False only for a word that is neither :func:`name_like` nor, on any line,
    :func:`_caps_line`'s: one with no capital first, in no capitals, with no hyphen."""
    return word[:1].isupper() or word.isupper() or "-" in word or "‐" in word


def _caps_line(text: str, word: Word) -> bool:
    """Whether ``word`` is a word of two letters or more in capitals on a line with no
    lowercase letter (a wire headline)."""
    if len(word.text) < 2 or not word.text.isupper() or not word.text.isalpha():
        return False
    start, end = line_bounds(text, word.start)
    return not any(c.islower() for c in text[start:end])


def _standalone(words: list[Word], by_start: dict[int, int], s: int, e: int) -> bool:
    """The word is not part of a longer capitalised name or organisation ("Costa Rica")."""
    i = by_start.get(s)
    if i is None:
        return True
    prev = words[i - 1] if i > 0 else None
    nxt = words[i + 1] if i + 1 < len(words) else None
    if (
        nxt is not None
        and name_like(nxt.text)
        and nxt.start - e <= 1
        and blocking(nxt.text) not in {"title"}
        and nxt.text.lower() not in reporting_verbs()
        and nxt.text.lower() not in stop_words()
    ):
        return False
    return not (
        prev is not None
        and name_like(prev.text)
        and s - prev.end <= 1
        and blocking(prev.text) is None
        and not prev.text.endswith(".")
    )


_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def _of_honorific_gender(
    text: str, start: int, owners: list[int], drafts: list[Draft]
) -> list[int]:
    """Namesakes a gendered honorific before the surname leaves (``Mrs. Ruiz`` is not the
    Ruiz whose given name is a man's): those whose given name is not of the other gender."""
    before = text[max(0, start - 6) : start].split()
    gender = _HONORIFIC_GENDER.get(word_key(before[-1])) if before else None
    if gender is None:
        return owners
    other = "m" if gender == "f" else "f"
    fits = [
        i for i in owners if given_names_gender([fold(w) for w in drafts[i].parts.given]) != other
    ]
    return fits or owners


def _disambiguate(
    words: list[Word],
    pos: int,
    owners: list[int],
    mentions: dict[int, list[Mention]],
    text: str,
) -> int | None:
    """Among namesakes, the one a title or the current paragraph points to, if only one."""
    word = words[pos]
    introduced = [i for i in owners if any(m[0] < word.start for m in mentions.get(i, []))]
    # "her husband, Tomas Brandt": the relative of a namesake named in full before is not
    # whom the family's bare surname means, anywhere in the article
    first = {
        i: min((s for s, e in mentions.get(i, []) if " " in text[s:e]), default=len(text))
        for i in owners
    }
    kin = {i: _kin_noun(text, first[i]) for i in owners if first[i] < len(text)}
    relatives = [i for i, noun in kin.items() if noun is not None]
    rest = [i for i in owners if i not in relatives]
    if relatives and len(rest) == 1 and first[rest[0]] < min(first[i] for i in relatives):
        # after "Mr."/"Ms." only where the relatives are of the other gender ("Mr. Brandt"
        # beside "his wife, Ana Brandt"): "Mr. Brandt" beside "her son, Tomas Brandt" may
        # be a third Brandt the article never names in full
        # "Captain Brandt": a title before the surname says whom it means, not the rule
        title = word_key(words[pos - 1].text) if pos else ""
        honorific = _HONORIFIC_GENDER.get(title)
        if (honorific is None and title not in TITLE_HEADS) or all(
            _kin_gender(kin[i]) not in {None, honorific} for i in relatives
        ):
            return rest[0]
    if len(introduced) == 1:
        return introduced[0]
    para_start = text.rfind("\n\n", 0, word.start)
    para_start = 0 if para_start < 0 else para_start
    in_para = [
        i for i in owners if any(para_start <= m[0] < word.start for m in mentions.get(i, []))
    ]
    if len(in_para) == 1:
        return in_para[0]
    # the writer's own disambiguation: a namesake named in full again after being introduced
    # ("Naina Yeltsin" each time) is the one the bare surname does not mean; the bare
    # surname is the namesake introduced once in full and then by surname alone
    # — unless the writer has used the bare surname for another of them more often ("Clinton"
    # for the Hillary Clinton of every entry of a live blog, before one Bill Clinton)
    surname = fold(word.text)
    # named in full: a mention of more than one word that ends in the surname (given names
    # alone, "Ana Maria", are no full naming)
    full = {
        i: sum(
            1
            for s, e in mentions.get(i, [])
            if " " in text[s:e] and fold(text[s:e].split()[-1]) == surname
        )
        for i in owners
    }
    once = [i for i in owners if full[i] == 1]
    bare = {
        i: sum(1 for s, e in mentions.get(i, []) if s < word.start and fold(text[s:e]) == surname)
        for i in owners
    }
    if (
        len(once) == 1
        and all(full[i] >= 2 for i in owners if i != once[0])
        and all(bare[once[0]] >= bare[i] for i in owners)
    ):
        return once[0]
    return None


_KIN_BEFORE = re.compile(
    r"(?:\b(?:his|her|their|my|our)|[^\W\d_]['’]s?)[ \t]+(?:[a-z-]+[ \t]+)?"
    r"([a-z-]+),?[ \t]*$"
)
_FEMALE_KIN = re.compile(
    r"(?:ex-|step|grand)?(?:wife|daughter|mother|sister|aunt|niece|widow|fianc[eé]e)"
    r"(?:-in-law)?"
)


def _kin_noun(text: str, start: int) -> str | None:
    """The kinship noun the name at ``start`` is introduced with ("her husband, X", "Ruiz's
    late wife X", "his son X"), if any."""
    m = _KIN_BEFORE.search(text[max(0, start - 40) : start])
    return m.group(1) if m is not None and m.group(1) in KIN_NOUNS else None


def _kin_gender(noun: str | None) -> str | None:
    """ "f" or "m" for a kinship noun of one gender; ``None`` for "cousin" or no noun."""
    if noun is None or noun == "cousin":
        return None
    return "f" if _FEMALE_KIN.fullmatch(noun) else "m"
