"""What a load holds while it links (issue 21: peak memory while indexing): the extractions
handed over to linking are freed before figures are compared, and the corpus is the same as
linking them kept. ``benchmarks/index_memory.py`` measures the peak."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from typing import Any

import pytest
from copytexts import DAILY, OTHER_STORY, WIRE, redated

import tui.pipeline as pipeline
from tui import loader, snapshot
from tui.export import to_json
from tui.link.comparisons import compare_figures
from tui.link.events import BuiltEvent
from tui.pipeline import link, load_corpus
from tui.records.extraction import ArticleExtraction
from tui.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _folder(root: Path) -> Path:
    """The seeds, a wire story, its reprint, an article on the same dispute and another
    story: people, events, figures, comparisons and copies."""
    folder = root / "articles"
    shutil.copytree(SEEDS, folder)
    for name, text in (
        ("wire.txt", WIRE),
        ("herald.txt", redated(WIRE)),
        ("daily.txt", DAILY),
        ("tram.txt", OTHER_STORY),
    ):
        (folder / name).write_text(text)
    shutil.copyfile(folder / "wire.txt", folder / "wire-again.txt")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _folder(tmp_path_factory.mktemp("index-memory"))


@pytest.fixture(scope="module")
def loaded(folder: Path) -> loader.Loaded:
    return loader.load(folder, lambda _m: None)


def test_the_events_as_built_are_freed_before_figures_are_compared(
    loaded: loader.Loaded, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Grouping replaces the events as built (with their key terms): none is alive while
    figures are compared."""
    seen: list[int] = []

    def built() -> int:
        return sum(isinstance(o, BuiltEvent) for o in gc.get_objects())

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(built())
        return compare_figures(*args, **kwargs)

    kept = to_json(link(loaded.articles, loaded.extractions))
    before = built()  # other tests' (a suite's worker runs many)
    monkeypatch.setattr(pipeline, "compare_figures", spy)
    corpus = link(loaded.articles, loaded.extractions)
    assert seen == [before]
    assert corpus.events and to_json(corpus) == kept


def test_released_extractions_link_to_the_same_corpus(loaded: loader.Loaded) -> None:
    kept = to_json(link(loaded.articles, dict(loaded.extractions)))
    handed = dict(loaded.extractions)
    assert to_json(link(loaded.articles, handed, release=True)) == kept
    assert handed == {}


@pytest.fixture(autouse=True)
def nothing_frozen() -> None:
    """As ``newsdash index`` runs: nothing frozen. A dashboard test before these may have
    frozen its corpus, and a load's pause then freezes what it makes with it, out of
    ``gc.get_objects()``, which counts what is alive here."""
    gc.unfreeze()


def _alive() -> int:
    return sum(isinstance(o, ArticleExtraction) for o in gc.get_objects())


def test_released_extractions_are_freed_before_figures_are_compared(
    loaded: loader.Loaded, monkeypatch: pytest.MonkeyPatch
) -> None:
    handed = {
        aid: ArticleExtraction.model_validate(x.model_dump())
        for aid, x in loaded.extractions.items()
    }  # fresh copies: only this dict holds them
    before = _alive()
    seen: list[int] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(_alive())
        return compare_figures(*args, **kwargs)

    monkeypatch.setattr(pipeline, "compare_figures", spy)
    link(loaded.articles, handed, release=True)
    assert seen == [before - len(loaded.articles)]


def test_an_index_frees_the_extractions_before_figures_are_compared(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``load_corpus`` as ``newsdash index`` runs it, cold and then on a new name for every
    file (extractions read back from the store): no extraction is alive when figures are
    compared, and the corpus is the one linking them kept gives."""
    seen: list[int] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(_alive())
        return compare_figures(*args, **kwargs)

    before = _alive()  # other tests' fixtures
    with Store(tmp_path / "store.db") as store:
        load_corpus(folder, lambda _m: None, store=store)
        renamed = tmp_path / "renamed"
        shutil.copytree(folder, renamed)
        monkeypatch.setattr(pipeline, "compare_figures", spy)
        corpus = load_corpus(renamed, lambda _m: None, store=store)
    monkeypatch.undo()
    assert seen == [before]
    reference = loader.load(renamed, lambda _m: None)
    assert to_json(corpus) == to_json(link(reference.articles, reference.extractions))


def test_a_stale_snapshot_is_not_kept_through_the_load(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder indexed, one file changed, indexed again: the snapshot read back (which no
    longer matches) is not held while the folder is linked."""
    seen: list[int] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(sum(isinstance(o, snapshot.Snapshot) for o in gc.get_objects()))
        return compare_figures(*args, **kwargs)

    changed = tmp_path / "changed"
    shutil.copytree(folder, changed)
    with Store(tmp_path / "store.db") as store:
        load_corpus(changed, lambda _m: None, store=store)
        assert store.snapshot(str(changed.resolve())) is not None
        with (changed / "tram.txt").open("a") as f:
            f.write("Officials said talks would continue.\n")
        monkeypatch.setattr(pipeline, "compare_figures", spy)
        load_corpus(changed, lambda _m: None, store=store)
    assert seen == [0]
