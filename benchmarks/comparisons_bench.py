"""Score comparisons (agree / conflict / evolution) on small multi-article cases.

Run from the repository root:  PYTHONPATH=src python benchmarks/comparisons_bench.py [-v] [CASE...]

Each case in benchmarks/data/comparisons/ is one file holding two or three short articles
from different outlets, each after a line ``=== <name>``; expected.json lists, per case, the
conflicts, agreements and evolutions a reader expects, each as two (article, anchor) pairs —
an anchor is text of that article which a figure of the comparison must overlap. The cases
are true conflicts, agreements in other words, evolutions (one measure, two periods), and
traps: designators (model, index, route, union numbers; scores), restatements ("a loss of
$212 million, or 45 cents a share"; a percentage and the count it is computed from; a
second value in one article), different periods ("since January" and "this month"),
different subjects (two countries, a single and an album, every "N people" of a story), a
percentage beside a count, and copies.

The real pipeline runs on each case on its own (files -> articles -> extraction -> link), as
``newsdash export`` would on a folder of those articles. Printed: conflict precision and
recall (all conflicts, then "certain" ones only: a possible conflict the dashboard marks as
such is still counted as a conflict in the first line), agreement precision and recall
(agreements between independent sources: one listing only copies of one story does not
count), evolution recall.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from tui import nlp
from tui.extract.article import extract_article
from tui.ingest.files import load_articles
from tui.nlp import parse_article
from tui.pipeline import link
from tui.records.extraction import ArticleExtraction
from tui.records.models import Comparison, Corpus, Figure

DATA = Path(__file__).parent / "data" / "comparisons"
Anchor = tuple[str, int, int]  # article id, start, end


def split_case(path: Path) -> dict[str, str]:
    """The articles of one case file: name -> text."""
    out: dict[str, str] = {}
    name: str | None = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            if name is not None:
                out[name] = "\n".join(lines).strip() + "\n"
            name, lines = line[4:].strip(), []
        else:
            lines.append(line)
    if name is not None:
        out[name] = "\n".join(lines).strip() + "\n"
    return out


def run_case(path: Path, pipeline: Any) -> Corpus:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in split_case(path).items():
            (Path(tmp) / f"{name}.txt").write_text(text, encoding="utf-8")
        articles = load_articles(Path(tmp), lambda message: None)
    extractions: dict[str, ArticleExtraction] = {
        a.id: extract_article(parse_article(a, pipeline)) for a in articles
    }
    return link(articles, extractions)


def anchor(corpus: Corpus, article: str, needle: str) -> Anchor:
    text = corpus.article(article).text
    start = text.find(needle)
    if start < 0:
        raise SystemExit(f"anchor {needle!r} not in article {article}")
    return (article, start, start + len(needle))


def touches(fig: Figure, where: Anchor) -> bool:
    return fig.article_id == where[0] and fig.start < where[2] and where[1] < fig.end


def matches(cmp: Comparison, figs: dict[str, Figure], pair: tuple[Anchor, Anchor]) -> bool:
    members = [figs[i] for i in cmp.figures]
    return any(
        touches(x, pair[0]) and touches(y, pair[1]) for x in members for y in members if x is not y
    )


def independent(cmp: Comparison, figs: dict[str, Figure]) -> int:
    if cmp.independent is not None:
        return cmp.independent
    return len({figs[i].article_id for i in cmp.figures})


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    only = [a for a in argv if not a.startswith("-")]
    expected: dict[str, dict[str, list[list[str]]]] = json.loads(
        (DATA / "expected.json").read_text(encoding="utf-8")
    )
    pipeline = nlp.load()
    tally = dict.fromkeys(
        [
            "conf_pred", "conf_tp", "conf_gold", "conf_found",
            "cert_pred", "cert_tp", "cert_found", "cert_gold",
            "agr_pred", "agr_tp", "agr_gold", "agr_found",
            "evo_gold", "evo_found",
        ],
        0,
    )  # fmt: skip
    cases = sorted(p for p in DATA.glob("*.txt") if not only or p.stem in only)
    for path in cases:
        want = expected.get(path.stem, {})
        corpus = run_case(path, pipeline)
        figs = {f.id: f for f in corpus.figures}

        def pairs(status: str, want: dict[str, list[list[str]]] = want, c: Corpus = corpus):
            return [
                (anchor(c, a1, n1), anchor(c, a2, n2)) for a1, n1, a2, n2 in want.get(status, [])
            ]

        gold = {s: pairs(s) for s in ("conflict", "agree", "evolution", "possible")}
        notes: list[str] = []
        for cmp in corpus.comparisons:
            if cmp.status == "conflict":
                ok = any(matches(cmp, figs, p) for p in gold["conflict"])
                flag = any(matches(cmp, figs, p) for p in gold["possible"])
                tally["conf_pred"] += 1
                tally["conf_tp"] += ok or flag
                if cmp.certain:
                    tally["cert_pred"] += 1
                    tally["cert_tp"] += ok
                    if flag:
                        notes.append(f"  CERTAIN, should be possible: {cmp.detail}")
                if not ok and not flag:
                    notes.append(f"  FALSE conflict: {cmp.detail}")
            elif cmp.status == "agree":
                articles = {figs[i].article_id for i in cmp.figures}
                if len(articles) < 2 or independent(cmp, figs) < 2:
                    continue
                ok = any(matches(cmp, figs, p) for p in gold["agree"])
                tally["agr_pred"] += 1
                tally["agr_tp"] += ok
                if not ok:
                    notes.append(f"  FALSE agreement: {cmp.detail}")
        for status, key in (
            ("conflict", "conf"),
            ("possible", "conf"),
            ("agree", "agr"),
            ("evolution", "evo"),
        ):
            for pair in gold[status]:
                tally[f"{key}_gold"] += 1
                kind = "conflict" if status == "possible" else status
                hit = [c for c in corpus.comparisons if c.status == kind and matches(c, figs, pair)]
                tally[f"{key}_found"] += bool(hit)
                if status == "conflict":  # a "possible" one is no certain conflict to find
                    tally["cert_gold"] += 1
                    tally["cert_found"] += any(c.certain for c in hit)
                if not hit:
                    notes.append(f"  MISSED {status}: {pair[0]} {pair[1]}")
        if verbose or notes:
            print(f"{path.stem}: {len(corpus.comparisons)} comparisons")
            if verbose:
                for cmp in corpus.comparisons:
                    print(f"  [{cmp.status}{'' if cmp.certain else '?'}] {cmp.detail}")
            for note in notes:
                print(note)
    t = tally
    print(f"cases: {len(cases)}")
    print(f"conflict precision {ratio(t['conf_tp'], t['conf_pred'])}")
    print(f"conflict recall    {ratio(t['conf_found'], t['conf_gold'])}")
    print(f"certain conflicts: precision {ratio(t['cert_tp'], t['cert_pred'])}", end="")
    print(f", recall {ratio(t['cert_found'], t['cert_gold'])}")
    print(f"agreement precision {ratio(t['agr_tp'], t['agr_pred'])}")
    print(f"agreement recall    {ratio(t['agr_found'], t['agr_gold'])}")
    print(f"evolution recall    {ratio(t['evo_found'], t['evo_gold'])}")


if __name__ == "__main__":
    main(sys.argv[1:])
