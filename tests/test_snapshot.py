"""The saved linked corpus: reused only when nothing changed, and its head is a valid corpus."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from fixtures.dashboard_corpus import build_corpus

from tui import first_look, loader, pipeline, snapshot
from tui.export import to_json
from tui.pipeline import load_corpus
from tui.records.models import Corpus
from tui.store import Store

STORY = (
    "Port strike ends\n\n"
    "LISBON, May {d} (Wire) - Union leader Rosa Antunes said on {d} May 2024 that {n} "
    "dockers returned to work. Minister Paulo Reis said the deal costs €{n} million.\n"
)


def write(folder: Path, n: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"port{i:02d}.txt"
        path.write_text(STORY.format(d=i % 27 + 1, n=100 + i))
        paths.append(path)
    return paths


def forbid_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to read or extract an article fails the test."""

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("articles were read although nothing changed")

    monkeypatch.setattr(pipeline, "load", refuse)
    monkeypatch.setattr(loader, "read_file", refuse)


def test_unchanged_folder_reuses_the_linked_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a"
    write(folder, 4)
    with Store(tmp_path / "s.sqlite") as store:
        first = load_corpus(folder, lambda m: None, store=store)
        forbid_loading(monkeypatch)
        second = load_corpus(folder, lambda m: None, store=store)
    assert to_json(second) == to_json(first)
    assert len(second.articles) == 4 and second.people


def test_any_change_to_the_folder_loads_again(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    paths = write(folder, 3)
    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, lambda m: None, store=store)
        paths[0].write_text(STORY.format(d=5, n=977))
        changed = load_corpus(folder, lambda m: None, store=store)
        assert any(f.value == 977 for f in changed.figures)
        write(folder, 4)  # one more file (and the others rewritten with their old text)
        grown = load_corpus(folder, lambda m: None, store=store)
        assert len(grown.articles) == 4
        paths[1].unlink()
        shrunk = load_corpus(folder, lambda m: None, store=store)
        assert [a.id for a in shrunk.articles] == ["port00", "port02", "port03"]


def test_a_new_corrections_file_is_applied(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    write(folder, 2)
    with Store(tmp_path / "s.sqlite") as store:
        before = load_corpus(folder, lambda m: None, store=store)
        assert any(p.name == "Rosa Antunes" for p in before.people)
        (folder / "newsdash.toml").write_text('[people]\nreject = ["Rosa Antunes"]\n')
        after = load_corpus(folder, lambda m: None, store=store)
    assert not any(p.name == "Rosa Antunes" for p in after.people)


def test_skipped_files_are_reported_again_and_a_fixed_one_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a"
    write(folder, 2)
    empty = folder / "empty.txt"
    empty.write_text("")
    with Store(tmp_path / "s.sqlite") as store:
        first: list[str] = []
        load_corpus(folder, first.append, store=store)
        again: list[str] = []
        with monkeypatch.context() as mp:
            forbid_loading(mp)
            load_corpus(folder, again.append, store=store)
        assert again == first and any("empty.txt: skipped" in w for w in again)
        # Same size and mtime, but its inode changed (as chmod or a fix in place does).
        stat = empty.stat()
        empty.write_text("")
        os.utime(empty, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        os.chmod(empty, 0o600)
        reloaded = load_corpus(folder, lambda m: None, store=store)
    assert len(reloaded.articles) == 2


def test_other_code_or_a_damaged_snapshot_loads_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a"
    write(folder, 2)
    with Store(tmp_path / "s.sqlite") as store:
        first = load_corpus(folder, lambda m: None, store=store)
        monkeypatch.setattr(pipeline, "linker_version", lambda: "other-code")
        monkeypatch.setattr(first_look, "linker_version", lambda: "other-code")
        calls: list[int] = []
        real = loader.load

        def counting(*args: object, **kwargs: object) -> loader.Loaded:
            calls.append(1)
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(pipeline, "load", counting)
        load_corpus(folder, lambda m: None, store=store)
        assert calls == [1]
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        db.execute("UPDATE snapshots SET full = ?, head = ?", (b"not zlib", b"not zlib"))
    with Store(tmp_path / "s.sqlite") as store:
        again = load_corpus(folder, lambda m: None, store=store)
    assert calls == [1, 1]
    assert to_json(again) == to_json(first)


def test_read_only_store_uses_the_snapshot_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a"
    write(folder, 2)
    with Store(tmp_path / "s.sqlite") as store:
        first = load_corpus(folder, lambda m: None, store=store)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    forbid_loading(monkeypatch)
    with Store(tmp_path / "s.sqlite", read_only=True) as store:
        second = load_corpus(folder, lambda m: None, store=store)
    assert to_json(second) == to_json(first)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before


def test_preview_gets_the_newest_articles_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a"
    write(folder, 5)
    monkeypatch.setattr(snapshot, "HEAD_ARTICLES", 2)
    seen: list[tuple[list[str], int]] = []

    def preview(part: Corpus, total: int) -> None:
        seen.append(([a.id for a in part.articles], total))

    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, lambda m: None, store=store, preview=preview)
        # Nothing saved yet: the preview is the first articles extracted, linked alone.
        assert seen == [(["port00", "port01"], 5)]
        whole = load_corpus(folder, lambda m: None, store=store, preview=preview)
    # From the saved corpus, datelines give May 1..5: the newest are the last two files.
    assert seen[1:] == [(["port03", "port04"], 5)]
    assert len(whole.articles) == 5


def test_no_preview_for_a_folder_smaller_than_the_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a"
    write(folder, 3)
    monkeypatch.setattr(snapshot, "HEAD_ARTICLES", 3)
    seen: list[int] = []
    with Store(tmp_path / "s.sqlite") as store:
        for _ in range(2):
            load_corpus(folder, lambda m: None, store=store, preview=lambda c, n: seen.append(n))
    assert seen == []


def test_restrict_keeps_a_valid_corpus_with_the_same_ids() -> None:
    corpus = build_corpus()
    keep = {corpus.articles[0].id}
    part = snapshot.restrict(corpus, keep)
    Corpus.model_validate_json(to_json(part))  # every span still matches its article
    assert [a.id for a in part.articles] == [corpus.articles[0].id]
    assert all(m.article_id in keep for p in part.people for m in p.mentions)
    assert {e.id for e in part.events} == {e.id for e in corpus.events if e.article_id in keep}
    whole_people = {p.id: p for p in corpus.people}
    for person in part.people:
        assert person.name == whole_people[person.id].name
    figure_ids = {f.id for f in part.figures}
    assert all(set(c.figures) <= figure_ids for c in part.comparisons)
    assert len(part.comparisons) < len(corpus.comparisons)  # cross-article ones are gone
    assert to_json(snapshot.restrict(corpus, {a.id for a in corpus.articles})) == to_json(corpus)


def test_restrict_drops_ambiguous_mentions_in_other_articles() -> None:
    # A namesake's mention in an article outside the head made the head's Corpus invalid
    # ("span points to unknown article"): `index` failed on folders over HEAD_ARTICLES.
    corpus = build_corpus()
    first, other = corpus.articles[0].id, corpus.articles[1].id
    elsewhere = next(m for p in corpus.people for m in p.mentions if m.article_id == other)
    people = [
        p.model_copy(update={"ambiguous": [elsewhere]})
        if any(m.article_id == first for m in p.mentions)
        else p
        for p in corpus.people
    ]
    corpus = corpus.model_copy(update={"people": people})
    part = snapshot.restrict(corpus, {first})
    Corpus.model_validate_json(to_json(part))
    assert part.people and all(not p.ambiguous for p in part.people)
    both = snapshot.restrict(corpus, {first, other})
    assert any(p.ambiguous == [elsewhere] for p in both.people)


def test_newest_orders_by_publication_date_with_undated_last() -> None:
    corpus = build_corpus()
    order = snapshot.newest(corpus, len(corpus.articles))
    dates = [corpus.article(i).published.date for i in order]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert dates[len(dated) :] == [None] * (len(dates) - len(dated))


def test_pack_round_trips_in_chunks_and_refuses_damage(monkeypatch: pytest.MonkeyPatch) -> None:
    import zlib

    corpus = build_corpus()
    monkeypatch.setattr(snapshot, "CHUNK", 2)
    data = snapshot.pack(corpus)
    lines = zlib.decompress(data).split(b"\n")
    assert sum(line.startswith(b"events\t") for line in lines) == (len(corpus.events) + 1) // 2
    assert to_json(snapshot.unpack(data)) == to_json(corpus)
    with pytest.raises((ValueError, zlib.error)):
        snapshot.unpack(data[: len(data) // 2])
    with pytest.raises(ValueError):
        snapshot.unpack(zlib.compress(b"secrets\t[]\n"))
    # A record whose span no longer matches its article is refused, as in any Corpus.
    bad = zlib.decompress(data).replace(b'"text":"HARBOURTON', b'"text":"HARBOURTOWN', 1)
    with pytest.raises(ValueError):
        snapshot.unpack(zlib.compress(bad))


def test_events_read_back_share_the_corpus_record_of_their_time() -> None:
    corpus = build_corpus()
    assert corpus.events
    # One event whose time differs from the corpus's record of that span keeps its own.
    odd = corpus.events[0].model_copy(
        update={"when": corpus.events[0].when.model_copy(update={"how": "changed"})}
    )
    timexes = [e.when for e in corpus.events]  # as a linked corpus lists them
    corpus = corpus.model_copy(update={"events": [odd, *corpus.events[1:]], "timexes": timexes})
    back = snapshot.unpack(snapshot.pack(corpus))
    assert to_json(back) == to_json(corpus)
    kept = {id(t) for t in back.timexes}
    assert back.events[0].when.how == "changed" and id(back.events[0].when) not in kept
    shared = [e for e in back.events[1:] if id(e.when) in kept]
    assert len(shared) == len(back.events) - 1


def test_a_figure_id_listed_by_several_comparisons_is_kept_once() -> None:
    """Read back, each id the comparisons list is one string, whether a comparison lists
    it as a member or as a reprint (the JSON parser shares only what its small cache
    holds: at 100,000 articles 567,036 strings for 333,734 ids)."""
    corpus = build_corpus()
    first = corpus.comparisons[0]

    def fresh(ids: list[str]) -> list[str]:  # equal strings, each its own object
        return ["".join(list(i)) for i in ids]

    again = first.model_copy(
        update={
            "id": "again",
            "figures": fresh(first.figures),
            "reprinted": fresh(first.figures[:1]),
        }
    )
    comparisons = [first.model_copy(update={"figures": fresh(first.figures)}), again]
    assert comparisons[0].figures[0] is not again.figures[0]
    snapshot._share_compared_ids(comparisons)
    one, two = comparisons
    assert one.figures == first.figures and two.figures == first.figures
    assert all(a is b for a, b in zip(one.figures, two.figures, strict=True))
    assert two.reprinted[0] is one.figures[0]
    back = snapshot.unpack(snapshot.pack(corpus.model_copy(update={"comparisons": comparisons})))
    assert [c.figures for c in back.comparisons] == [c.figures for c in comparisons]


def test_the_saved_head_is_read_before_the_folder_and_only_for_its_own_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a"
    paths = write(folder, 5)
    monkeypatch.setattr(snapshot, "HEAD_ARTICLES", 2)
    with Store(tmp_path / "s.sqlite") as store:
        assert first_look.saved_head(folder, store) is None  # nothing saved yet
        load_corpus(folder, lambda m: None, store=store)
    with Store(tmp_path / "s.sqlite", read_only=True) as store:
        # Read without listing, stat-ing or reading any article of the folder.
        listed: list[Path] = []

        def refuse(files: object) -> list[snapshot.ManifestEntry]:
            listed.append(folder)
            return []

        monkeypatch.setattr(snapshot, "manifest", refuse)
        monkeypatch.setattr(pipeline, "list_files", refuse)
        head = first_look.saved_head(folder, store)
        assert head is not None and listed == []
        part, total = head
        assert [a.id for a in part.articles] == ["port03", "port04"] and total == 5
        # Other options (or corrections, or code) than the saved corpus's: no first look.
        assert first_look.saved_head(folder, store, follow_symlinks=True) is None
        assert first_look.saved_head(tmp_path, store) is None  # another folder
    monkeypatch.undo()
    monkeypatch.setattr(snapshot, "HEAD_ARTICLES", 2)
    # A changed folder still shows the last saved state first (the load then replaces it).
    paths[0].write_text(STORY.format(d=9, n=999) + "One more sentence.\n")
    with Store(tmp_path / "s.sqlite") as store:
        head = first_look.saved_head(folder, store)
        assert head is not None and head[1] == 5
        (folder / "newsdash.toml").write_text('[people]\nreject = ["Paulo Reis"]\n')
        assert first_look.saved_head(folder, store) is None  # the corrections changed the key
        (folder / "newsdash.toml").write_text("not [valid")
        assert first_look.saved_head(folder, store) is None  # load_corpus reports it


def test_the_saved_head_is_not_offered_when_it_is_the_whole_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a"
    write(folder, 3)
    monkeypatch.setattr(snapshot, "HEAD_ARTICLES", 3)
    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(folder, lambda m: None, store=store)
        assert first_look.saved_head(folder, store) is None


def test_a_store_without_snapshots_has_no_saved_head(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        assert store.saved_head("/nowhere") is None
    db = sqlite3.connect(tmp_path / "s.sqlite")
    db.execute("DROP TABLE snapshots")  # as a store from before snapshots, opened read-only
    db.commit()
    db.close()
    with Store(tmp_path / "s.sqlite", read_only=True) as store:
        assert store.saved_head("/nowhere") is None


def test_the_dashboard_shows_the_saved_head_then_the_folder_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui import cli

    folder = tmp_path / "a"
    paths = write(folder, 5)
    monkeypatch.setattr(snapshot, "HEAD_ARTICLES", 2)
    argv = ["open", str(folder), "--store", str(tmp_path / "s.sqlite"), "--jobs", "1"]
    args = cli._parser().parse_args(argv)
    seen: list[tuple[list[str], int]] = []

    def preview(part: Corpus, total: int) -> None:
        seen.append(([a.id for a in part.articles], total))

    def load() -> Corpus:
        loader = cli._dashboard_loader(args)
        return loader(folder, lambda m: None, lambda d, t, n: None, preview)

    load()  # nothing saved: the first articles extracted, linked alone
    assert seen == [(["port00", "port01"], 5)]
    seen.clear()
    whole = load()  # the saved head first, then the saved corpus: no other first look
    assert seen == [(["port03", "port04"], 5)] and len(whole.articles) == 5
    seen.clear()
    paths[4].write_text(STORY.format(d=5, n=4242))
    changed = load()  # the last saved state's head first, then the folder as it is now
    assert seen == [(["port03", "port04"], 5)]
    assert "4242" in next(a.text for a in changed.articles if a.id == "port04")


def _joined_pack(corpus: Corpus) -> bytes:
    """The packing before it wrote into one buffer: pieces in a list, joined."""
    import zlib

    packer = zlib.compressobj(1)
    out: list[bytes] = []
    for name, adapter in snapshot._LISTS.items():
        records = getattr(corpus, name)
        for i in range(0, len(records), snapshot.CHUNK):
            line = name.encode() + b"\t" + adapter.dump_json(records[i : i + snapshot.CHUNK])
            out.append(packer.compress(line + b"\n"))
    out.append(packer.flush())
    return b"".join(out)


@pytest.mark.parametrize("chunk", [1, 3, 1000])
def test_pack_writes_the_bytes_the_joined_pieces_made(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = build_corpus()
    monkeypatch.setattr(snapshot, "CHUNK", chunk)
    assert snapshot.pack(corpus) == _joined_pack(corpus)


@pytest.mark.parametrize("size", [0, 1, 1 << 20, (5 << 20) + 7])
def test_a_saved_corpus_written_in_slices_reads_back_whole(tmp_path: Path, size: int) -> None:
    """``Store.put_snapshot`` writes the packed corpus into its blob a slice at a time: read
    back, every byte is where it was, whatever its size against a slice; saved again, the
    row is replaced."""
    full = os.urandom(size)
    entries: list[snapshot.ManifestEntry] = [("a.txt", 3, 4, 5)]
    with Store(tmp_path / "store.db") as store:
        for data in (b"older" * 1000, full):
            made = snapshot.Snapshot("key", entries, [], ["w"], 1, b"head", data)
            assert store.put_snapshot("/folder", made)
        saved = store.snapshot("/folder")
    assert saved is not None
    assert (saved.key, saved.manifest, saved.warnings, saved.head) == (
        "key",
        entries,
        ["w"],
        b"head",
    )
    assert saved.full == full and saved.stamp == made.stamp


@pytest.mark.parametrize("first", ["absolute", "relative"])
def test_a_folder_spelled_another_way_reuses_its_linked_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str
) -> None:
    """``newsdash news`` and ``newsdash /home/me/news`` name one folder: the corpus saved
    under one spelling is read for the other without linking again, its articles' paths
    (and the warnings about its files) as a load under that spelling gives them."""
    work = tmp_path / "work"
    folder = work / "news"
    work.mkdir()
    write(folder, 3)
    (folder / "empty.txt").write_text("")  # a skipped file: a warning that names it
    monkeypatch.chdir(work)
    spellings = {"absolute": folder.resolve(), "relative": Path("news")}
    second = "relative" if first == "absolute" else "absolute"
    fresh: list[str] = []
    expected = load_corpus(spellings[second], fresh.append)  # no store: a load from nothing
    with Store(tmp_path / "s.sqlite") as store:
        load_corpus(spellings[first], lambda m: None, store=store)
        with monkeypatch.context() as patched:
            forbid_loading(patched)
            warned: list[str] = []
            again = load_corpus(spellings[second], warned.append, store=store)
        assert to_json(again) == to_json(expected)
        assert [a.path for a in again.articles] == [a.path for a in expected.articles]
        assert any("empty.txt" in m for m in fresh) and warned == fresh
        # A file changed under the other spelling: linked again, never the stale corpus.
        (folder / "port00.txt").write_text(STORY.format(d=9, n=999))
        changed = load_corpus(spellings[first], lambda m: None, store=store)
        assert "999" in next(a.text for a in changed.articles if a.path.endswith("port00.txt"))
