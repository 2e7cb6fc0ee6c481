"""Cached extractions reused under another file name: copies, renames, two folders, kinds."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import loader, nlp
from tui.export import to_json
from tui.extract.article import extract_article
from tui.ingest.files import read_article
from tui.nlp import parse_article
from tui.pipeline import load_corpus
from tui.records.extraction import ArticleExtraction
from tui.records.models import MergeEvidence
from tui.store import Store, reid_json

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def quiet(message: str) -> None:
    pass


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))[:2]):
        shutil.copy(seed, folder / f"{'ab'[i]}.txt")
    return folder


def test_reidentified_extraction_equals_a_fresh_one() -> None:
    """Every id-bearing field is rewritten: the result is what extracting under the new
    id gives, field for field."""
    seed = sorted(SEEDS.glob("*.txt"))[0]
    old = extract_article(parse_article(read_article(seed, "old-id", quiet), nlp.load()))
    fresh = extract_article(parse_article(read_article(seed, "new-id", quiet), nlp.load()))
    assert old.people.persons and old.figures  # the check means something on this article
    assert old.for_article("new-id") == fresh
    assert old.for_article("old-id") is old


@pytest.fixture(scope="module")
def seed_extraction() -> ArticleExtraction:
    """A seed's extraction with its merge evidence naming the article, and one detail that
    names another article (left as it is)."""
    seed = sorted(SEEDS.glob("*.txt"))[0]
    made = extract_article(parse_article(read_article(seed, "old-id", quiet), nlp.load()))
    first = made.people.persons[0]
    evidence = [
        *first.evidence,
        MergeEvidence(rule="t", names=["x"], detail="same person within article old-id"),
        MergeEvidence(rule="t", names=["x"], detail="as in article old-id2"),
    ]
    persons = [first.model_copy(update={"evidence": evidence}), *made.people.persons[1:]]
    return made.model_copy(update={"people": made.people.model_copy(update={"persons": persons})})


IDS = st.text(min_size=1, max_size=12).filter(lambda t: t != "old-id")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(IDS, IDS)
def test_an_extraction_rewritten_as_json_equals_one_reidentified(
    seed_extraction: ArticleExtraction, old: str, new: str
) -> None:
    """The store's row rewritten for another article (quotes, backslashes, control
    characters, non-ASCII, ``:`` and ``-`` in either id), then decoded, is the record
    :meth:`ArticleExtraction.for_article` makes: every id-bearing field and nothing else."""
    record = seed_extraction.for_article(old)
    assert record.people.persons and record.figures and record.people.quotes
    rewritten = reid_json(record.model_dump_json(), new)
    assert rewritten is not None
    assert ArticleExtraction.model_validate_json(rewritten) == record.for_article(new)
    assert reid_json(record.model_dump_json(), old) == record.model_dump_json()


def test_an_extraction_json_of_another_shape_is_not_rewritten() -> None:
    assert reid_json('{"people":{},"article_id":"a"}', "b") is None


def test_renamed_file_opens_from_the_cache(folder: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, quiet, store=store)
        (folder / "a.txt").rename(folder / "renamed.txt")
        corpus = load_corpus(folder, quiet, store=store)
    assert sorted(a.id for a in corpus.articles) == ["b", "renamed"]
    assert {s.article_id for s in corpus.spans()} == {"b", "renamed"}
    assert to_json(corpus) == to_json(load_corpus(folder, quiet))


def test_copied_file_gets_its_own_records(folder: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, quiet, store=store)
        shutil.copy(folder / "a.txt", folder / "copy.txt")
        loaded = loader.load(folder, quiet, store=store)
        corpus = load_corpus(folder, quiet, store=store)
    assert (loaded.extracted, loaded.reused) == (0, 3)
    of = {a: [f.id for f in corpus.figures if f.article_id == a] for a in ("a", "copy")}
    assert len(of["a"]) == len(of["copy"]) > 0
    assert all(i.startswith("fig-copy-") for i in of["copy"])
    assert to_json(corpus) == to_json(load_corpus(folder, quiet))


def test_same_file_in_two_folders_shares_one_store(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(folder / "a.txt", other / "elsewhere.txt")
    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, quiet, store=store)
        corpus = load_corpus(other, quiet, store=store)
    assert [a.id for a in corpus.articles] == ["elsewhere"]
    assert to_json(corpus) == to_json(load_corpus(other, quiet))


def test_same_bytes_as_another_kind_are_not_reused(tmp_path: Path) -> None:
    """An HTML page saved as .txt keeps its tags; as .html it is read as a page."""
    page = "<html><body><p>Engineer Marta Bellini said the bridge reopened.</p></body></html>\n"
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "page.html").write_text(page)
    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, quiet, store=store)
        (folder / "page.html").rename(folder / "page.txt")
        loaded = loader.load(folder, quiet, store=store)
    assert (loaded.extracted, loaded.reused) == (1, 0)
    assert "<p>" in loaded.articles[0].text


def test_a_rename_to_another_named_day_is_extracted_again(tmp_path: Path) -> None:
    """An article dated by its file name: the same bytes under a name of another day are
    another article (its date, and what "yesterday" means), never the cached one."""
    folder = tmp_path / "dated"
    folder.mkdir()
    (folder / "wire_2021-06-12_port.txt").write_text(
        "Harbour strike ends\n\nDock workers in the northern port returned to work "
        "yesterday after the union accepted a pay offer, a spokeswoman said.\n"
    )
    with Store(tmp_path / "s.sqlite") as store:
        first = load_corpus(folder, quiet, store=store)
        (folder / "wire_2021-06-12_port.txt").rename(folder / "wire_2021-07-01_port.txt")
        again = load_corpus(folder, quiet, store=store)
    assert [a.published.date.isoformat() for a in first.articles if a.published.date] == [
        "2021-06-12"
    ]
    assert [a.published.date.isoformat() for a in again.articles if a.published.date] == [
        "2021-07-01"
    ]
    assert [e.when.value for e in again.events] == ["2021-06-30"]  # yesterday, re-anchored
    assert to_json(again) == to_json(load_corpus(folder, quiet))


def test_a_rename_to_another_outlet_is_extracted_again(tmp_path: Path) -> None:
    folder = tmp_path / "named"
    folder.mkdir()
    (folder / "portnews_2021-06-12_strike.txt").write_text(
        "Harbour strike ends\n\nDock workers returned to work after the union accepted.\n"
    )
    with Store(tmp_path / "s.sqlite") as store:
        first = load_corpus(folder, quiet, store=store)
        (folder / "portnews_2021-06-12_strike.txt").rename(folder / "harbourwire_2021-06-12_s.txt")
        again = load_corpus(folder, quiet, store=store)
    assert [a.source for a in first.articles] == ["portnews"]
    assert [a.source for a in again.articles] == ["harbourwire"]


def test_cached_reads_run_with_the_collector_paused_and_restore_it(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading cached extractions makes records that all survive: the cyclic collector is
    off while they are read (its passes over them found nothing and took most of the
    read) and on again afterwards."""
    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, quiet, store=store)
        seen: list[bool] = []
        real_get = Store.get

        def get(self: Store, digest: str, *rest: Any, **named: Any) -> object:
            seen.append(gc.isenabled())
            return real_get(self, digest, *rest, **named)

        monkeypatch.setattr(Store, "get", get)
        assert gc.isenabled()
        loaded = loader.load(folder, quiet, store=store)
    assert loaded.reused == 2 and seen == [False, False]
    assert gc.isenabled()


def test_a_load_keeps_the_collector_paused_from_the_read_to_the_snapshot(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One pause from the read of cached extractions to the saved snapshot: switched back on
    between the read, the link and the snapshot, the collector walked every record again
    each time. It is on again once the load returns."""
    from tui import pipeline
    from tui import snapshot as snapshots

    seen: dict[str, list[bool]] = {"get": [], "link": [], "pack": []}
    real_get, real_link, real_pack = Store.get, pipeline.link, snapshots.pack

    def get(self: Store, digest: str, *rest: Any, **named: Any) -> object:
        seen["get"].append(gc.isenabled())
        return real_get(self, digest, *rest, **named)

    def link(*args: object, **kwargs: object) -> object:
        seen["link"].append(gc.isenabled())
        return real_link(*args, **kwargs)  # type: ignore[arg-type]

    def pack(corpus: object) -> bytes:
        seen["pack"].append(gc.isenabled())
        return real_pack(corpus)  # type: ignore[arg-type]

    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, quiet, store=store)
        (folder / "a.txt").write_text((folder / "a.txt").read_text() + "\nOne more line.\n")
        monkeypatch.setattr(Store, "get", get)
        monkeypatch.setattr(pipeline, "link", link)
        monkeypatch.setattr(snapshots, "pack", pack)
        assert gc.isenabled()
        load_corpus(folder, quiet, store=store)
    assert seen["get"] and seen["link"] == [False] and seen["pack"] == [False, False]
    assert not any(seen["get"])
    assert gc.isenabled()


def test_extraction_inside_the_pause_runs_with_the_collector_on(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parse leaves garbage cycles behind: the files a load extracts are extracted with
    the collector on, though the load around them keeps it paused."""
    seen: list[bool] = []
    real = loader.extract_batch

    def extract_batch(jobs: list[loader.Job]) -> list[loader.Done]:
        seen.append(gc.isenabled())
        return real(jobs)

    monkeypatch.setattr(loader, "extract_batch", extract_batch)
    with Store(tmp_path / "s.sqlite") as store:
        corpus = load_corpus(folder, quiet, store=store)
    assert len(corpus.articles) == 2 and seen == [True]
    assert gc.isenabled()


def test_files_resolved_folder_by_folder_as_path_resolve_gives_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader resolves each folder once (:class:`tui.loader.Resolved`): every path is
    the one ``Path.resolve`` gives — through symlinked folders, a symlinked file, a dangling
    one, ``..`` and relative paths."""
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    for name in ("a.txt", "sub/b.txt", "../other/c.txt"):
        (real / name).write_text("x")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    (real / "sub" / "to-c.txt").symlink_to(tmp_path / "other" / "c.txt")
    (real / "sub" / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (real / "sub" / "up.txt").symlink_to(Path("..") / "a.txt")
    monkeypatch.chdir(tmp_path)
    names = ["a.txt", "sub/b.txt", "sub/to-c.txt", "sub/dangling.txt", "sub/up.txt", "nothing.txt"]
    files = [
        base / name
        for base in (real, tmp_path / "linked", Path("linked"), Path("real/sub/.."))
        for name in names
    ]
    resolved = loader.Resolved()
    for file in files + files:
        assert resolved(file) == file.resolve().as_posix(), file
