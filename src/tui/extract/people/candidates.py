"""Name candidates: runs of capitalised words in one sentence, split at words no name holds.

Candidates are runs of capitalised words (with name particles, initials and hyphenated
compounds) inside one sentence; organisation words, titles, places, demonyms, calendar words
and interface strings split a run. A byline in capitals is a candidate by its byline alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tui.extract.people.lexicon import (
    GIVEN_NAMES,
    PARTICLES,
    TITLE_GIVEN_NAMES,
    TITLE_SURNAMES,
    reporting_verbs,
)
from tui.extract.people.tokens import token_view
from tui.extract.people.words import (
    Candidate,
    Word,
    blocking,
    name_like,
    note_organisation,
    org_name_key,
    word_key,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from tui.nlp import ParsedArticle

_MAX_NAME_WORDS = 5
_SEN = "Sen"
"""The senator abbreviation without its period: after a name word it is a name ("Chen Sen")."""
_NAMED_AFTER = frozenset({"org", "institution"})
"""Blocking reasons whose word makes the name before it an organisation's or institution's."""
SAINTS = frozenset({"st", "saint", "ste", "sainte", "san", "santa", "sao", "são"})
"""A name after these is a place, club or church named after a saint, not a person."""


def _opens_person(doc: Doc, word: Word) -> bool:
    """Whether ``word`` is a title that is also a given name ("Dean", "Don") and the model's
    person entity begins at it and goes on past it: there it is the given name."""
    first, last = doc[word.first_tok], doc[word.last_tok]
    return (
        word_key(word.text) in TITLE_GIVEN_NAMES
        and first.ent_type_ == "PERSON"
        and first.ent_iob_ == "B"
        and last.i + 1 < len(doc)
        and doc[last.i + 1].ent_iob_ == "I"
    )


def _closes_person(doc: Doc, seg: list[Word], word: Word) -> bool:
    """Whether ``word`` is a title that is also a surname ("King", "Dean", "Singer") closing
    a person's name: it comes right after a given name or an initial ("Walter Dean", "Agnes
    T. King") and the model's person entity runs from before it to its end. "King Osric",
    "Dean Holt" (the title first) and "Ana Ruiz Miss" (no such surname) stay titles."""
    if not seg or word_key(word.text) not in TITLE_SURNAMES:
        return False
    prev = seg[-1]
    initial = len(prev.text.rstrip(".")) == 1 and prev.text[:1].isupper()
    if not initial and word_key(prev.text) not in GIVEN_NAMES:
        return False
    return _place_in_a_name(doc, word) and doc[prev.last_tok].ent_type_ == "PERSON"


def _place_in_a_name(doc: Doc, word: Word) -> bool:
    """A place's name as the last word of a person's name: the entity model reads the run as
    one person, and it starts with another word ("Neil Jordan"; not "Jordan" alone, and
    not "Paris" in "Paris Hilton Hotel" unless the model says person)."""
    tok = doc[word.first_tok]
    if tok.ent_type_ != "PERSON" or tok.ent_iob_ == "B":
        return False
    ent_end = word.last_tok + 1
    while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
        ent_end += 1
    return ent_end == word.last_tok + 1  # the name ends here


def text_words(parsed: ParsedArticle) -> list[Word]:
    """The words of the document, in-word hyphens joining tokens into one word.

    Read from the token offsets (``parsed.index``), not from spaCy's tokens: making a
    ``Token`` object per look-up was most of this function's time. A token has no space
    after it exactly when the next one starts where it ends."""
    text, starts, ends = parsed.text, parsed.index.starts, parsed.index.ends
    words: list[Word] = []
    i = 0
    n = len(starts)
    while i < n:
        j = i
        while (
            j + 2 < n
            and text[starts[j + 1] : ends[j + 1]] in {"-", "‐"}
            and ends[j] == starts[j + 1]
            and ends[j + 1] == starts[j + 2]
            and text[starts[j + 2] : starts[j + 2] + 1].isalpha()
            and text[starts[j] : starts[j] + 1].isalpha()
        ):
            j += 2
        start = starts[i]
        end = ends[j]
        words.append(Word(start, end, text[start:end], i, j))
        i = j + 1
    return words


_OPEN_MARKS = frozenset({'"', "“", "‘", "'"})
_CLOSE_MARKS = frozenset({'"', "”", "’", "'"})


def _nickname_at(doc: Doc, text: str, words: list[Word], idx: int) -> bool:
    """Whether ``words[idx]`` opens a nickname in quotation marks set inside a name: a given
    name before it (from the given-name lists, or where the model's person entity runs on
    into the marks), one name-like word between the marks and a name-like word right after
    them, on one line (``George "Jay" Smith``, ``Ana “Nena” Ruiz``; not ``calling Ruiz
    "Crooked" Ana``)."""
    if idx < 1 or idx + 3 >= len(words):
        return False
    before, mark, nick, close, after = words[idx - 1 : idx + 4]
    given = word_key(before.text) in GIVEN_NAMES or (
        doc[before.last_tok].ent_type_ == "PERSON" and doc[mark.first_tok].ent_iob_ == "I"
    )
    return (
        given
        and mark.text in _OPEN_MARKS
        and close.text in _CLOSE_MARKS
        and name_like(before.text)
        and name_like(nick.text)
        and name_like(after.text)
        and "\n" not in text[before.start : after.end]
        and mark.start > before.end
        and after.start > close.end
    )


def _runs(
    parsed: ParsedArticle, words: list[Word], nicknames: dict[int, str] | None = None
) -> list[list[Word]]:
    """Maximal runs of name-like words (particles allowed inside) within one sentence; a
    nickname in quotation marks inside a name is left out of the run and kept in
    ``nicknames`` by the start of the word after it."""
    doc, text = parsed.doc, parsed.text
    view = token_view(parsed)
    runs: list[list[Word]] = []
    current: list[Word] = []
    skip = 0
    for idx, word in enumerate(words):
        if skip:
            skip -= 1
            continue
        if current and nicknames is not None and _nickname_at(doc, text, words, idx):
            nicknames[words[idx + 3].start] = words[idx + 1].text
            skip = 2  # the nickname and its closing mark; the name goes on after them
            continue
        if view.sent_start[word.first_tok] and current:
            runs.append(current)
            current = []
        like = name_like(word.text)
        if not like and word.text.lower() in PARTICLES:
            k = idx + 1
            while k < len(words) and words[k].text.lower() in PARTICLES and k - idx < 3:
                k += 1
            if (
                k < len(words)
                and name_like(words[k].text)
                and not any(view.sent_start[w.first_tok] for w in words[idx + 1 : k + 1])
            ):
                like = True
        if like and current and "\n" in text[current[-1].end : word.start]:
            runs.append(current)
            current = []
        if like:
            current.append(word)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def name_candidates(
    parsed: ParsedArticle, words: list[Word], org_heads: set[str]
) -> list[Candidate]:
    """Split runs at blocking words; drop segments that are modifiers of an organisation
    (their words go to ``org_heads``: "Nordfjord" of "Nordfjord Energy" is no person)."""
    out: list[Candidate] = []
    doc = parsed.doc
    nicknames: dict[int, str] = {}
    for run in _runs(parsed, words, nicknames):
        seg: list[Word] = []
        before: list[Word] = []
        pending_before: list[Word] = []
        for word in [*run, None]:
            reason = None if word is None else blocking(word.text)
            if reason == "title" and word is not None and _opens_person(doc, word):
                reason = None  # "Dean Jones", "Don Rivers": a given name, not a title
            if reason == "title" and word is not None and _closes_person(doc, seg, word):
                reason = None  # "Walter Dean", "Agnes T. King": a surname, not a title
            if reason == "place" and word is not None and _place_in_a_name(doc, word):
                reason = None  # "Neil Jordan", "Anthony Washington": a surname
            if reason == "title" and word is not None and seg and word.text == _SEN:
                reason = None  # "Chen Sen": "Sen" after a name and without its period
            if word is not None and reason is None:
                tok = doc[word.first_tok]
                if tok.lower_ in reporting_verbs() or (
                    tok.ent_type_ != "PERSON" and tok.is_stop and len(word.text) > 1
                ):
                    reason = "common"
            if word is not None and reason is None:
                if not seg:
                    before = pending_before
                    pending_before = []
                seg.append(word)
                continue
            if seg:
                while seg and seg[-1].text.lower() in PARTICLES:
                    seg.pop()
                while seg and seg[0].text.lower() in PARTICLES and len(seg) == 1:
                    seg.pop()
                core = [w for w in seg if w.text.lower() not in PARTICLES]
                # more name words than a person's name has: a title-case headline or a thing
                too_long = len(core) > _MAX_NAME_WORDS
                saint = bool(before) and word_key(before[-1].text) in SAINTS
                if seg and reason not in _NAMED_AFTER and not too_long and not saint:
                    nicks = [nicknames[w.start] for w in seg[1:] if w.start in nicknames]
                    out.append(Candidate(list(seg), list(before), nicknames=nicks))
                elif seg and (saint or reason == "institution"):
                    # "St Mirren", "St. Petersburg": a place or a club; "Helen Brandt
                    # Library": an institution named after a person, who may be one elsewhere
                    org_heads.add(org_name_key(seg))
                elif seg and not too_long:
                    note_organisation(org_heads, seg)
                seg = []
                before = []
            if word is not None:
                pending_before.append(word)
    return out


_CAPS_NAME = r"[A-Z][A-Z'’-]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+[A-Z][A-Z'’-]+){1,3}"
_CAPS_BYLINE = re.compile(
    rf"^[ \t]*(?:[Bb][Yy]|Reporting by|Writing by)[ \t]+({_CAPS_NAME})\b"
    rf"(?:,?[ \t]+and[ \t]+({_CAPS_NAME})\b)?",
    re.M,
)


def caps_bylines(text: str, words: list[Word]) -> list[Candidate]:
    """A byline in capitals ("By ANA COSTA-LIMA"): the byline, not the case, makes it a name."""
    out: list[Candidate] = []
    for m in _CAPS_BYLINE.finditer(text):
        for group in (1, 2):
            if m.start(group) < 0:
                continue
            span_words = [w for w in words if m.start(group) <= w.start and w.end <= m.end(group)]
            if not span_words or span_words[0].start != m.start(group):
                continue
            if any(blocking(w.text) is not None for w in span_words):
                continue
            if len(span_words) > _MAX_NAME_WORDS:
                continue
            out.append(Candidate(span_words, [], {"byline"}))
    return out
