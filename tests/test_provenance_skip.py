"""Spans of articles checked before are not compared with their texts again
(:mod:`tui.link.provenance`), and only those: an article whose content changed, came back
under another content, or was extracted again is checked as ``Corpus`` checks it.

A "poisoned" extraction holds a time expression whose text is not its article's text at its
offsets (the same length, other characters): ``Corpus`` refuses it. Every test puts one
where a shortcut that trusted the wrong articles (by id instead of content, a changed
article kept as checked, a mark saved before the check passed) would let it through."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from test_incremental_link import POOL, SLOTS, Pool, _as
from test_incremental_link import pool as pool  # the module's fixture

from tui.export import to_json
from tui.extract.article import extract_article
from tui.link.incremental import Linker
from tui.link.provenance import linked_corpus, unchecked_spans
from tui.nlp import ParsedArticle
from tui.pipeline import CHECKED, LinkState, link, load_corpus
from tui.records.extraction import ArticleExtraction
from tui.records.models import Article, Corpus, Range
from tui.store import Store, linker_version


def poisoned(extraction: ArticleExtraction) -> ArticleExtraction:
    """``extraction`` with its first time expression's text replaced (same length)."""
    first = extraction.timexes[0]
    bad = first.model_copy(update={"text": "#" * len(first.text)})
    return extraction.model_copy(update={"timexes": [bad, *extraction.timexes[1:]]})


def message(error: BaseException) -> str:
    """What a refusal says (pydantic wraps ``Corpus``'s own)."""
    if isinstance(error, ValidationError):
        return str(error.errors()[0]["ctx"]["error"])
    return str(error)


def corpus_of(folder: dict[str, tuple[Article, ArticleExtraction]]) -> Corpus:
    ids = sorted(folder)
    return link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids})


def test_the_spans_left_to_check_are_corpus_all_spans_but_the_checked_articles(
    pool: Pool,
) -> None:
    corpus = corpus_of({slot: _as(pool, i, slot) for i, slot in enumerate(SLOTS[:-1])})
    fields = (corpus.people, corpus.quotes, corpus.events, corpus.figures, corpus.timexes)
    every = list(corpus.all_spans())
    assert len(every) > 100 and {type(s).__name__ for s in every} >= {"Quote", "TimeExpr"}
    assert unchecked_spans(*fields, frozenset()) == every
    some = frozenset(SLOTS[::3])
    assert unchecked_spans(*fields, some) == [s for s in every if s.article_id not in some]


def test_linked_corpus_equals_corpus_and_refuses_what_corpus_refuses(pool: Pool) -> None:
    folder = {slot: _as(pool, i, slot) for i, slot in enumerate(SLOTS[:4])}
    corpus = corpus_of(folder)
    records = {
        name: getattr(corpus, name)
        for name in ("articles", "people", "quotes", "events", "figures", "comparisons")
    }
    made = linked_corpus(**records, timexes=corpus.timexes, checked={SLOTS[0], SLOTS[1]})
    assert to_json(made) == to_json(corpus)
    place = next(i for i, t in enumerate(corpus.timexes) if t.article_id == SLOTS[2])
    timexes = list(corpus.timexes)
    timexes[place] = timexes[place].model_copy(update={"text": "#" * len(timexes[place].text)})
    with pytest.raises(ValueError, match="does not match its text") as theirs:
        Corpus(**records, timexes=timexes)
    for checked in ((), {SLOTS[0]}, set(SLOTS[:2])):
        with pytest.raises(ValueError, match="does not match its text") as mine:
            linked_corpus(**records, timexes=timexes, checked=checked)
        assert message(mine.value) == message(theirs.value)
    events = list(corpus.events)
    place = next(i for i, e in enumerate(events) if e.article_id == SLOTS[2])
    events[place] = events[place].model_copy(
        update={"sentence": Range(start=0, end=len(folder[SLOTS[2]][0].text) + 1)}
    )
    with pytest.raises(ValueError, match="sentence lies outside") as theirs:
        Corpus(**{**records, "events": events}, timexes=corpus.timexes)
    for checked in ((), {SLOTS[0]}, set(SLOTS[:2])):
        with pytest.raises(ValueError, match="sentence lies outside") as mine:
            linked_corpus(**{**records, "events": events}, timexes=corpus.timexes,
                          checked=checked)  # fmt: skip
        assert message(mine.value) == message(theirs.value)
    # a mark names an article that is not linked: its spans are still refused
    stray = [t.model_copy(update={"article_id": "gone"}) for t in corpus.timexes[:1]]
    with pytest.raises(ValueError, match="unknown article 'gone'"):
        linked_corpus(**records, timexes=corpus.timexes + stray, checked={"gone", SLOTS[0]})


# (slot, pool index, poisoned): a slot's content; None deletes the slot
EDIT = st.tuples(
    st.sampled_from(SLOTS[:6]),
    st.one_of(st.none(), st.tuples(st.integers(0, len(POOL) - 1), st.booleans())),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.lists(
        st.tuples(st.sampled_from(SLOTS[:6]), st.integers(0, len(POOL) - 1)),
        min_size=1,
        max_size=5,
    ),
    edits=st.lists(st.tuples(EDIT, st.booleans()), min_size=1, max_size=8),
)
def test_a_poisoned_article_is_refused_after_any_edit_sequence(
    pool: Pool,
    start: list[tuple[str, int]],
    edits: list[tuple[tuple[str, tuple[int, bool] | None], bool]],
) -> None:
    """A ``Linker`` re-linking in one process, or a new one (``restart``) given the marks a
    store would hold: the contents of every successful link. A link raises exactly when a
    poisoned content is linked, and is otherwise the full link's corpus."""
    contents: dict[str, tuple[int, bool]] = {slot: (i, False) for slot, i in start}
    marks: set[tuple[int, bool]] = set()

    def of(slot: str) -> tuple[Article, ArticleExtraction]:
        i, bad = contents[slot]
        article, extraction = _as(pool, i, slot)
        return article, poisoned(extraction) if bad else extraction

    linker = Linker()
    ids = sorted(contents)
    linker.link([of(i)[0] for i in ids], {i: of(i)[1] for i in ids})
    marks.update(contents.values())
    changed: set[str] | None = set()
    for (slot, content), restart in edits:
        if content is None:
            contents.pop(slot, None)
        else:
            contents[slot] = content
        if changed is not None:
            changed.add(slot)
        if not contents:
            continue
        folder = {s: of(s) for s in contents}
        ids = sorted(folder)
        if restart:
            linker, changed = Linker(), None
        # the store's marks: of the articles this run reads (all after a restart)
        read = ids if changed is None else sorted(changed & set(ids))
        checked = {s for s in read if contents[s] in marks}
        args = ([folder[i][0] for i in ids], {i: folder[i][1] for i in ids})
        if any(bad for _, bad in contents.values()):
            with pytest.raises(ValueError, match="does not match its text"):
                linker.link(*args, changed=changed, checked=checked)
            changed = None  # the Linker forgot what it kept: the next run links everything
            continue
        got = linker.link(*args, changed=changed, checked=checked)
        assert to_json(got) == to_json(corpus_of(folder))
        marks.update(contents.values())
        changed = set()


def test_the_checks_a_linker_skips_are_of_articles_it_did_not_reread(pool: Pool) -> None:
    folder = {slot: _as(pool, i, slot) for i, slot in enumerate(SLOTS[:5])}
    ids = sorted(folder)
    linker = Linker()
    linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids})
    assert linker.stats.checked == 0
    article, extraction = folder[SLOTS[1]]
    folder[SLOTS[1]] = (article, poisoned(extraction))
    with pytest.raises(ValueError):  # the same id, another content: checked again
        linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids},
                    changed={SLOTS[1]})  # fmt: skip
    folder[SLOTS[1]] = (article, extraction)
    linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids})
    linker.link([folder[i][0] for i in ids], {i: folder[i][1] for i in ids},
                changed={SLOTS[2]})  # fmt: skip
    assert linker.stats.checked == len(ids) - 1


# ---------------------------------------------------------------- through the store

POISON = "The POISON report came out on March 9, 2024."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(POOL[:4]):
        (folder / f"p{i}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def poison(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction poisons the extraction of any text that holds ``POISON``."""

    def extract(parsed: ParsedArticle) -> ArticleExtraction:
        extraction = extract_article(parsed)
        return poisoned(extraction) if "POISON" in parsed.article.text else extraction

    monkeypatch.setattr("tui.loader.extract_article", extract)


def marks(store: Path) -> int:
    db = sqlite3.connect(store)
    try:
        (n,) = db.execute(
            "SELECT COUNT(*) FROM derived WHERE kind = ? AND version = ?",
            (CHECKED, linker_version()),
        ).fetchone()
    finally:
        db.close()
    return int(n)


def quiet(_message: str) -> None:
    pass


@pytest.mark.usefixtures("poison")
@pytest.mark.parametrize("with_state", [False, True])
def test_a_reopen_checks_again_only_what_changed_and_refuses_a_poisoned_file(
    folder: Path, tmp_path: Path, with_state: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.db"
    state = LinkState() if with_state else None
    skipped: list[int] = []
    real = linked_corpus

    def counting(**fields: Any) -> Corpus:
        skipped.append(len(fields["checked"]))
        return real(**fields)

    monkeypatch.setattr("tui.pipeline.linked_corpus", counting)
    monkeypatch.setattr("tui.link.incremental.linked_corpus", counting)

    def reopen() -> str:
        with Store(path) as store:  # a new LinkState: a new process's load
            return to_json(load_corpus(folder, quiet, store=store, state=LinkState()
                                       if with_state else None))  # fmt: skip

    def plain() -> str:
        """The corpus every span of which is checked (no store); ``skipped`` left as it was."""
        n = len(skipped)
        out = to_json(load_corpus(folder, quiet))
        del skipped[n:]
        return out

    assert reopen() == plain() and marks(path) == 4 and skipped[-1] == 0
    original = (folder / "p1.txt").read_text(encoding="utf-8")
    (folder / "p1.txt").write_text(original + " More talks followed.", encoding="utf-8")
    # the old content's mark goes with it (as every row of a content no file holds)
    assert reopen() == plain() and marks(path) == 4 and skipped[-1] == 3
    (folder / "p1.txt").write_text(original + " " + POISON, encoding="utf-8")
    for _ in range(2):  # stored, but never marked: refused again when read back
        with pytest.raises(ValueError, match="does not match its text"):
            reopen()
        assert marks(path) == 3
    # the poisoned content under another name: read back from the store, refused too
    shutil.copyfile(folder / "p1.txt", folder / "p9.txt")
    (folder / "p1.txt").write_text(original, encoding="utf-8")
    with pytest.raises(ValueError, match="does not match its text"):
        reopen()
    (folder / "p9.txt").unlink()
    assert reopen() == plain() and skipped[-1] == 3 and marks(path) == 4
    if state is not None:
        (folder / "p3.txt").write_text(POOL[3] + " More talks followed.", encoding="utf-8")
        with Store(path) as store:
            load_corpus(folder, quiet, store=store, state=state)
            assert state.linker.stats.checked == 3
            (folder / "p2.txt").write_text(POOL[2] + " " + POISON, encoding="utf-8")
            with pytest.raises(ValueError, match="does not match its text"):
                load_corpus(folder, quiet, store=store, state=state)
            (folder / "p2.txt").write_text(POOL[2], encoding="utf-8")
            load_corpus(folder, quiet, store=store, state=state)
            assert state.incremental is False  # after the failure: linked whole
