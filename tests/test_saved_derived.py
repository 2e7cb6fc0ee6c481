"""What linking derives from each article's content, saved in the store (``derived``) and
read back by the next process: keyed figures and copy detection's pair measures read back
equal to deriving them again, refused when they do not match, and a re-open that derives
them only for the changed files links exactly what deriving everything links."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tui import loader
from tui.export import to_json
from tui.link import copies, saved_copies
from tui.link.comparisons import attach_periods, saved
from tui.link.comparisons.grouping import Keyed, keyed_figures
from tui.link.comparisons.measures import MeasureMemo
from tui.pipeline import LinkState, load_corpus
from tui.records.models import Article, Figure
from tui.store import Store

ARTICLES = {
    "a.txt": (
        "Port of Marvento handles more boxes\n\n"
        "MARVENTO, March 3 (Coastwire) - The port of Marvento handled 4.2 million containers "
        "in 2022, the port authority said. Olive oil exports rose 12 percent to $310 million "
        "last year, trade minister Ilse Varga told reporters. The ministry expects olive oil "
        "exports to reach $400 million by 2025.\n"
    ),
    "b.txt": (
        "Marvento port traffic\n\n"
        "MARVENTO, March 5 (Bayline) - The port of Marvento handled 4.5 million containers in "
        "2022, according to the shipping council. Olive oil exports rose 14 percent to $320 "
        "million last year, said Tomas Ekdal, an analyst at Northbank.\n"
    ),
    "c.txt": (
        "Ferry fares rise\n\n"
        "PELLA, April 9 (Coastwire) - Ferry fares between Pella and Marvento will rise 8 "
        "percent in May, the operator Seaway Lines said. The company carried 1.1 million "
        "passengers in 2022, up from 900,000 in 2021.\n"
    ),
    "d.txt": (
        "Marvento trade figures\n\n"
        "MARVENTO, March 9 (Bayline) - Olive oil exports reached $310 million last year, "
        "the trade ministry said, and the port of Marvento handled 4.2 million containers in "
        "2022.\n"
    ),
    "e.txt": (
        "Port of Marvento handles more boxes\n\n"
        "MARVENTO, March 4 (Harborpost) - The port of Marvento handled 4.2 million containers "
        "in 2022, the port authority said. Olive oil exports rose 12 percent to $310 million "
        "last year, trade minister Ilse Varga told reporters. The ministry expects olive oil "
        "exports to reach $400 million by 2025. Dock workers plan a strike in June.\n"
    ),
    "f.txt": (
        "Marvento exports\n\n"
        "LODRA, March 6 (Eastdesk) - The port of Marvento handled 4.2 million containers in "
        "2022, the port authority said. Olive oil exports rose 12 percent to $310 million last "
        "year, trade minister Ilse Varga told reporters. The ministry expects olive oil exports "
        "to reach $400 million by 2025. Farmers in the hills of Lodra said the harvest was "
        "poor this year and that prices at the market had doubled since the spring rains.\n"
    ),
}


def quiet(message: str) -> None:
    pass


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def attached(folder: Path) -> list[tuple[Article, list[tuple[int, Figure]]]]:
    loaded = loader.load(folder, quiet)
    out = []
    for article in loaded.articles:
        ex = loaded.extractions[article.id]
        figures = attach_periods(article, ex.figures, ex.timexes, sentences=ex.sentences)
        out.append((article, list(enumerate(figures))))
    return out


def fields(entries: list[Keyed]) -> list[tuple[object, ...]]:
    return [(e.key, e.figure, e.place, e.names, e.context) for e in entries]


def test_saved_keyed_figures_read_back_equal_keying_again(folder: Path) -> None:
    keyed = 0
    for article, figures in attached(folder):
        entries = keyed_figures(article, figures, MeasureMemo())
        keyed += sum(e.key is not None for e in entries)
        back = saved.decode(saved.encode(entries, figures), figures)
        assert back is not None
        assert fields(back) == fields(entries)
        # the figure itself is the one given (its period attached by this run), unless its
        # subject was taken from the headline
        given = {id(f) for _, f in figures}
        for mine, theirs in zip(back, entries, strict=True):
            assert (mine.figure is theirs.figure) == (id(theirs.figure) in given)
    assert keyed >= 6  # the articles' figures are grouped: the test exercises keys and names


def test_a_subject_taken_from_the_headline_is_read_back(folder: Path) -> None:
    _, figures = next((a, f) for a, f in attached(folder) if f)
    place, fig = figures[0]
    bare = fig.model_copy(update={"subject": None})
    given = [(place, bare)]
    headline = Keyed(("money", "usd"), bare.model_copy(update={"subject": "Marvento"}), place,
                     frozenset({"marvento", "varga"}), frozenset({"ilse"}))  # fmt: skip
    back = saved.decode(saved.encode([headline], given), given)
    assert back is not None and fields(back) == fields([headline])
    assert back[0].figure.subject == "Marvento" and bare.subject is None


def test_saved_keyed_figures_of_other_figures_are_not_read(folder: Path) -> None:
    article, figures = next((a, f) for a, f in attached(folder) if len(f) >= 2)
    entries = keyed_figures(article, figures, MeasureMemo())
    data = saved.encode(entries, figures)
    assert saved.decode(data, figures) is not None
    assert saved.decode(data, figures[:-1]) is None  # another count of figures
    moved = [(p, f.model_copy(update={"start": f.start + 1})) for p, f in figures]
    assert saved.decode(data, moved) is None  # other offsets
    assert saved.decode(data.replace('"format":1', '"format":9'), figures) is None
    assert saved.decode("not json", figures) is None
    assert saved.decode('{"format":1,"figures":2,"story":[],"entries":[[-1,0,null,null,[],[]]]}',
                        figures[:2]) is None  # fmt: skip


@pytest.mark.parametrize("with_state", [False, True])
def test_a_reopen_keys_only_the_changed_articles_and_links_the_same(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_state: bool
) -> None:
    """A new process (a fresh load, with or without a link state) reads the keyed figures of
    unchanged files from the store and keys only the changed one; the corpus equals keying
    everything (no store)."""
    keyed: list[str] = []
    real = keyed_figures

    def counting(
        article: Article, figures: list[tuple[int, Figure]], measures: MeasureMemo
    ) -> list[Keyed]:
        keyed.append(article.id)
        return real(article, figures, measures)

    attached: list[str] = []
    real_attach = attach_periods

    def attaching(article: Article, figures: list[Figure], *args: Any, **kw: Any) -> list[Figure]:
        attached.append(article.id)
        return real_attach(article, figures, *args, **kw)

    monkeypatch.setattr(saved, "keyed_figures", counting)
    monkeypatch.setattr(saved, "attach_periods", attaching)
    with Store(tmp_path / "s.sqlite") as store:
        state = LinkState() if with_state else None
        load_corpus(folder, quiet, store=store, state=state)
        assert sorted(keyed) == ["a", "b", "c", "d", "e", "f"] == sorted(attached)
        with open(folder / "b.txt", "a") as f:
            f.write("Officials said the port of Marvento handled 4.6 million containers in 2022.\n")
        keyed.clear()
        attached.clear()
        state = LinkState() if with_state else None
        again = load_corpus(folder, quiet, store=store, state=state)
        assert keyed == ["b"] == attached
    fresh = load_corpus(folder, quiet)
    assert fresh.comparisons and to_json(again) == to_json(fresh)


def test_derived_rows_are_misses_under_another_version_or_checksum_and_go_with_files(
    folder: Path, tmp_path: Path
) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        load_corpus(folder, quiet, store=store)
        digests = [h for (h,) in store._db.execute("SELECT hash FROM files")]
        assert len(store.derived("keyed", digests)) == 6
        with store._db:
            store._db.execute("UPDATE derived SET data = data || ' ' WHERE rowid = 1")
        assert len(store.derived("keyed", digests)) == 5  # a damaged row is a miss
        with store._db:
            store._db.execute("UPDATE derived SET version = 'other'")
        assert store.derived("keyed", digests) == {}  # another linker's rows are misses
        (folder / "c.txt").unlink()
        load_corpus(folder, quiet, store=store)
        rows = store._db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT version) FROM derived WHERE kind = 'keyed'"
        )
        assert rows.fetchone() == (5, 1)  # the other version's and the gone file's dropped


def test_a_read_only_store_without_the_table_is_a_miss_and_stays_untouched(
    folder: Path, tmp_path: Path
) -> None:
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        load_corpus(folder, quiet, store=store)
    db = sqlite3.connect(path)
    db.execute("DROP TABLE derived")
    db.execute("DELETE FROM snapshots")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = path.read_bytes()
    with Store(path, read_only=True) as store:
        corpus = load_corpus(folder, quiet, store=store)
        assert store.derived("keyed", ["x"]) == {} and store.failure is None
    assert path.read_bytes() == before
    assert to_json(corpus) == to_json(load_corpus(folder, quiet))


def test_saved_periods_read_back_equal_attaching_again(folder: Path) -> None:
    loaded = loader.load(folder, quiet)
    given = 0
    for article in loaded.articles:
        ex = loaded.extractions[article.id]
        out = attach_periods(article, ex.figures, ex.timexes, sentences=ex.sentences)
        given += sum(f.period is not None for f in out)
        back = saved.decode_periods(saved.encode_periods(out, ex.figures), ex.figures)
        assert back == out
        assert back is not None and all(
            (b is f) == (o is f) for b, o, f in zip(back, out, ex.figures, strict=True)
        )
    assert given >= 4  # "in 2022", "last year": the articles give figures periods


def test_saved_periods_of_other_figures_are_not_read(folder: Path) -> None:
    loaded = loader.load(folder, quiet)
    ex = loaded.extractions["a"]
    out = attach_periods(loaded.articles[0], ex.figures, ex.timexes, sentences=ex.sentences)
    data = saved.encode_periods(out, ex.figures)
    assert '"periods":[[' in data
    assert saved.decode_periods(data, ex.figures[:-1]) is None
    moved = [f.model_copy(update={"start": f.start + 1}) for f in ex.figures]
    assert saved.decode_periods(data, moved) is None
    first = ex.figures[0]
    nulled = f'{{"format":1,"figures":{len(ex.figures)},"periods":[[0,{first.start},null]]}}'
    assert saved.decode_periods(nulled, ex.figures) is None
    assert saved.decode_periods("{}", ex.figures) is None


def test_saved_copy_pairs_read_back_equal_their_measures() -> None:
    pairs: list[tuple[str, copies.Measure]] = [
        ("b" * 64, (0.8125, ((0, 120), (130, 245)), 0.40625)),
        ("a" * 64, (1 / 3, (), None)),
        ("c" * 64, (0.0, ((7, 9),), 0.1)),
    ]
    back = saved_copies.decode(saved_copies.encode(pairs))
    assert back is not None and sorted(back) == sorted(pairs)
    assert all(type(m[0]) is float and type(m[1]) is tuple for _, m in back)
    assert saved_copies.decode('{"format":9,"pairs":[]}') is None
    assert saved_copies.decode('{"format":1,"pairs":[["x",0.5]]}') is None
    assert saved_copies.decode("[") is None


@pytest.mark.parametrize("with_state", [False, True])
def test_a_reopen_compares_only_the_changed_articles_copy_pairs(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_state: bool
) -> None:
    """Copy detection in a new process starts from the pairs the last load measured: only
    pairs with a changed article are compared on their texts, and the copies found (and the
    whole corpus) are those of comparing every pair."""
    compared: list[tuple[str, str]] = []
    real = copies.CopyIndex._measure

    def measure(
        self: copies.CopyIndex, article: Article, other_id: str, both: bool = False
    ) -> copies.Measure:
        before = self.memo.measured
        got = real(self, article, other_id, both)
        if self.memo.measured > before:
            compared.append((article.id, other_id))
        return got

    monkeypatch.setattr(copies.CopyIndex, "_measure", measure)
    with Store(tmp_path / "s.sqlite") as store:
        first = load_corpus(folder, quiet, store=store, state=LinkState() if with_state else None)
        assert {a.id for a in first.articles if a.copy_of or a.shared} >= {"a", "e"}
        assert compared and all("c" not in pair for pair in compared)
        with open(folder / "f.txt", "a") as f:
            f.write("Exporters said prices would fall.\n")
        compared.clear()
        again = load_corpus(folder, quiet, store=store, state=LinkState() if with_state else None)
        assert compared and all("f" in pair for pair in compared)
    fresh = load_corpus(folder, quiet)
    assert to_json(again) == to_json(fresh)
