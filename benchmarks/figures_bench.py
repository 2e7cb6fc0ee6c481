"""Score the figures extractor and the comparisons linker on hand-annotated articles.

Run from the repository root:  PYTHONPATH=src python benchmarks/figures_bench.py [-v]

Two sets, each a folder of articles with a gold.json: benchmarks/data/figures/ (development:
the rules were revised while looking at its errors) and benchmarks/data/figures/heldout/
(written and annotated before the extractor ever ran on it; its first-run scores are the
unbiased ones, recorded in README — its errors were then used to fix general rules).
A predicted figure matches a gold one when their spans overlap (one-to-one, in text order).
Printed: detection precision/recall/F1; the share of matched figures whose value, kind,
currency and qualifier are right; "strict" P/R/F1 counting a match only when all four are
right; comparison P/R/F1 over (figure pair, status) and over (figure pair, status, certain);
period accuracy where the gold gives a period (sixth field); and time per article.
A third set, benchmarks/data/figures/periods/, tests periods and the certainty of conflicts
(an article may have no publication date: "published": null).
Periods come from the timeline extractor when it finds anything, else from the annotated
time expressions (so comparisons can be scored before the timeline lands).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from itertools import combinations
from pathlib import Path
from typing import Any

from tui import nlp
from tui.extract.figures import extract_figures
from tui.extract.timex import extract_timexes
from tui.link.comparisons import attach_periods, compare_figures
from tui.records.models import Article, Figure, Published, TimeExpr

DATA = Path(__file__).parent / "data" / "figures"

Gold = dict[str, Any]
Pair = tuple[tuple[str, int], tuple[str, int]]


def locate(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Offsets of each needle, searched in order (a needle may repeat)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for needle in needles:
        start = text.find(needle, pos)
        if start < 0:
            start = text.find(needle)
        if start < 0:
            raise SystemExit(f"annotation {needle!r} not found")
        out.append((start, start + len(needle)))
        pos = start + 1
    return out


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def same_value(fig: Figure, gold: Any) -> bool:
    if isinstance(gold, list):
        return fig.low == gold[0] and fig.high == gold[1]
    return fig.value is not None and abs(float(fig.value) - float(gold)) <= 0.01


def run(data: Path, label: str, verbose: bool) -> None:
    """Score one annotated set (a folder of articles with its gold.json)."""
    print(f"== {label}: {data.relative_to(Path(__file__).parent)}")
    gold: Gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    articles: list[Article] = []
    matched: dict[str, int] = {}  # predicted figure id -> gold index
    gold_index: dict[tuple[str, str], int] = {}
    all_figures: list[Figure] = []
    tp = npred = ngold = strict = 0
    fields = {"value": 0, "kind": 0, "currency": 0, "qualifier": 0}
    periods_ok = periods_gold = 0
    timings: list[float] = []
    warm: list[float] = []
    timex_source = "annotated"
    for aid, ann in gold["articles"].items():
        text = (data / f"{aid}.txt").read_text(encoding="utf-8")
        article = Article(
            id=aid,
            path=f"{aid}.txt",
            text=text,
            published=(
                Published(date=dt.date.fromisoformat(ann["published"]), how="header")
                if ann["published"]
                else Published()
            ),
        )
        articles.append(article)
        t0 = time.perf_counter()
        parsed = nlp.parse_article(article, nlp.load())
        found = extract_timexes(parsed)  # as the product does: durations it holds are no figures
        figures = extract_figures(parsed, found)
        timings.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        extract_figures(parsed, found)
        warm.append(time.perf_counter() - t0)
        timexes = found
        if timexes:
            timex_source = "timeline extractor"
        else:
            spans = locate(text, [t[0] for t in ann["timexes"]])
            timexes = [
                TimeExpr(article_id=aid, start=s, end=e, text=text[s:e], value=t[1], type="DATE")
                for (s, e), t in zip(spans, ann["timexes"], strict=True)
            ]
        figures = attach_periods(article, figures, timexes)
        all_figures.extend(figures)
        gspans = locate(text, [g[0] for g in ann["figures"]])
        for i, g in enumerate(ann["figures"]):
            gold_index[(aid, g[0])] = i
        used: set[int] = set()
        npred += len(figures)
        ngold += len(gspans)
        for fig in figures:
            hit = next(
                (
                    i
                    for i, (s, e) in enumerate(gspans)
                    if i not in used and s < fig.end and fig.start < e
                ),
                None,
            )
            if hit is None:
                if verbose:
                    print(f"  FP {aid}: {fig.text!r} {fig.kind} {fig.value}")
                continue
            used.add(hit)
            matched[fig.id] = hit
            tp += 1
            g = ann["figures"][hit]
            ok = {
                "value": same_value(fig, g[1]),
                "kind": fig.kind == g[2],
                "currency": fig.currency == g[3],
                "qualifier": fig.qualifier == g[4],
            }
            for k, v in ok.items():
                fields[k] += v
            if len(g) > 5:
                periods_gold += 1
                periods_ok += fig.period == g[5]
                if verbose and fig.period != g[5]:
                    print(f"  ~  {aid}: {fig.text!r} period {fig.period} (gold {g[5]})")
            if all(ok.values()):
                strict += 1
            elif verbose:
                bad = [k for k, v in ok.items() if not v]
                print(
                    f"  ~  {aid}: {fig.text!r} wrong {bad}: {fig.value} {fig.kind} "
                    f"{fig.currency} {fig.qualifier} (gold {g[1:]})"
                )
        if verbose:
            for i, g in enumerate(ann["figures"]):
                if i not in used:
                    print(f"  FN {aid}: {g[0]!r}")

    p, r, f = prf(tp, npred, ngold)
    print(f"articles: {len(articles)}  gold figures: {ngold}  predicted: {npred}")
    print(f"figures (span overlap)       P={p:.3f} R={r:.3f} F1={f:.3f}")
    sp, sr, sf = prf(strict, npred, ngold)
    print(f"figures (value+kind+cur+qual) P={sp:.3f} R={sr:.3f} F1={sf:.3f}")
    print(
        "attribute accuracy on matched: "
        + "  ".join(f"{k}={v / tp:.3f}" for k, v in fields.items() if tp)
    )

    if periods_gold:
        print(
            f"period accuracy (matched figures with a gold period): {periods_ok / periods_gold:.3f}"
        )
    comparisons = compare_figures(all_figures, articles)
    by_id = {f.id: f for f in all_figures}
    pred_pairs: set[tuple[Pair, str]] = set()
    pred_certain: set[tuple[Pair, str, bool]] = set()
    for cmp in comparisons:
        refs = sorted((by_id[i].article_id, matched[i]) for i in cmp.figures if i in matched)
        for a, b in combinations(refs, 2):
            pred_pairs.add(((a, b), cmp.status))
            pred_certain.add(((a, b), cmp.status, cmp.certain))
        if verbose:
            print(f"  cmp {cmp.status}{'' if cmp.certain else ' (uncertain)'}: {cmp.detail}")
    unmatched_pairs = sum(
        len(list(combinations(c.figures, 2)))
        - len(list(combinations([i for i in c.figures if i in matched], 2)))
        for c in comparisons
    )
    gold_pairs: set[tuple[Pair, str]] = set()
    gold_certain: set[tuple[Pair, str, bool]] = set()
    for cmp in gold["comparisons"]:
        refs = sorted((a, gold_index[(a, t)]) for a, t in cmp["figures"])
        for a, b in combinations(refs, 2):
            gold_pairs.add(((a, b), cmp["status"]))
            gold_certain.add(((a, b), cmp["status"], cmp.get("certain", True)))
    ctp = len(pred_pairs & gold_pairs)
    cp, cr, cf = prf(ctp, len(pred_pairs) + unmatched_pairs, len(gold_pairs))
    print(
        f"comparisons ({len(comparisons)} predicted, {len(gold['comparisons'])} gold; "
        f"scored on figure pairs with status, periods from {timex_source})"
    )
    print(f"comparison pairs             P={cp:.3f} R={cr:.3f} F1={cf:.3f}")
    ktp = len(pred_certain & gold_certain)
    kp, kr, kf = prf(ktp, len(pred_certain) + unmatched_pairs, len(gold_certain))
    print(f"pairs, status and certainty  P={kp:.3f} R={kr:.3f} F1={kf:.3f}")
    cold = sum(timings) / len(timings) * 1000
    hot = sum(warm) / len(warm) * 1000
    print(f"time per article: {cold:.1f} ms including the spaCy parse, {hot:.1f} ms figures only")


def main(verbose: bool) -> None:
    nlp.load()
    run(DATA, "development set (rules were revised while looking at it)", verbose)
    run(
        DATA / "heldout",
        "second set (written blind; its first-run errors then led to fixes)",
        verbose,
    )
    run(
        DATA / "periods",
        "period set (periods from durations, bounds and clauses; certainty of conflicts)",
        verbose,
    )


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
