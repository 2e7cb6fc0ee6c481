"""Batch parsing: primed parses are reused, equal one-by-one parses, and skips stay in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui import loader, nlp

TEXTS = [
    "Finance Minister Olga Berg said on Monday that prices rose 3%.",
    "The mayor, Ines Duarte, opened the bridge in March 2021.",
    "Talks resumed in Nairobi after a week-long pause, officials said.",
]


def signature(text: str) -> list[tuple[str, str, int, str]]:
    return [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in nlp.parse(text)]


def test_primed_parses_are_reused_and_equal_single_parses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    single = {}
    for text in TEXTS:
        nlp._cache.pop(text, None)
        single[text] = signature(text)
        nlp._cache.pop(text, None)
    nlp.prime(TEXTS)
    model = nlp.load()

    def refuse(text: str) -> object:
        raise AssertionError("parsed again although primed")

    monkeypatch.setattr(type(model), "__call__", refuse)
    for text in TEXTS:
        assert signature(text) == single[text]


def test_cache_is_bounded() -> None:
    for i in range(nlp.CACHE_SIZE + 10):
        nlp._remember(f"text {i}", nlp.load().make_doc(f"text {i}"))
    assert len(nlp._cache) == nlp.CACHE_SIZE
    assert "text 0" not in nlp._cache


def test_a_batch_with_a_bad_file_keeps_order_and_reports_it(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"n{i}.txt").write_text(text)
    (folder / "n1b.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    warnings: list[str] = []
    result = loader.load(folder, warnings.append)
    assert [a.id for a in result.articles] == ["n0", "n1", "n2"]
    assert result.skipped == 1 and any("n1b.txt: skipped" in w for w in warnings)
    assert all(result.extractions[a.id].people is not None for a in result.articles)


def test_release_drops_the_model_and_parsing_loads_it_again() -> None:
    before = nlp.load()
    signature_before = signature(TEXTS[0])
    nlp.release()
    assert not nlp._cache
    assert nlp.load() is not before
    assert signature(TEXTS[0]) == signature_before
