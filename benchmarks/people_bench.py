"""Score the people extractor and linker against hand-annotated articles.

Usage: PYTHONPATH=src python benchmarks/people_bench.py [folder]

Each ``NN_name.txt`` in the folder (default ``benchmarks/data/people``) has an ``NN_name.json``
annotation: ``people`` (``id`` shared by the same real person across articles, ``name``,
other ``forms``, ``roles`` with ``title`` and ``org``) and ``quotes`` (a phrase the quote
``contains``, the ``speaker`` id or null, and ``kind``). Printed figures:

* names — a predicted person is right when its name is the gold name or one of its forms;
* roles — a (person, title) pair is right when the titles agree after case folding, one
  containing the other; org agreement is reported over the matched roles;
* merges — pairs of (article, gold person) that should be one person across the folder,
  against the pairs the linker put in one record (namesakes merged count as false merges);
* quotes — a gold quote is found when a predicted quote of the same kind contains its
  phrase, and attributed when its person is the gold speaker;
* time per article for parse and extraction (the model load is timed separately).
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
from tui.extract.people import extract_people
from tui.extract.people.names import fold
from tui.link.people import link_people
from tui.records.extraction import PeopleResult
from tui.records.models import Article, Published

DEFAULT = Path(__file__).parent / "data" / "people"


def _prf(tp: int, n_pred: int, n_gold: int) -> str:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.2f} R={r:.2f} F1={f:.2f}  (tp={tp}, pred={n_pred}, gold={n_gold})"


def _title_match(gold: str, pred: str) -> bool:
    g, p = fold(gold), fold(pred)
    return g == p or g in p or p in g


def main(folder: Path) -> None:
    t0 = time.perf_counter()
    pipeline = nlp.load()
    load_s = time.perf_counter() - t0
    golds: dict[str, dict[str, Any]] = {}
    results: dict[str, PeopleResult] = {}
    times: list[float] = []
    for path in sorted(folder.glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        article = Article(
            id=path.stem,
            path=path.name,
            text=path.read_text(encoding="utf-8"),
            published=Published(date=dt.date(2025, 6, 6), how="header"),
        )
        t = time.perf_counter()
        results[article.id] = extract_people(nlp.parse_article(article, pipeline))
        times.append(time.perf_counter() - t)
        golds[article.id] = gold
    people, quotes, index = link_people(results)

    name_tp = name_pred = name_gold = 0
    role_tp = role_pred = role_gold = org_ok = 0
    # (article, gold id) -> global person id
    assigned: dict[tuple[str, str], str] = {}
    misses: list[str] = []
    for aid, gold in golds.items():
        forms = {
            g["id"]: {fold(g["name"])} | {fold(f) for f in g.get("forms", [])}
            for g in gold["people"]
        }
        matched: dict[str, str] = {}  # local key -> gold id
        for local in results[aid].persons:
            name_pred += 1
            hit = next((gid for gid, fs in forms.items() if fold(local.name) in fs), None)
            if hit is None:
                misses.append(f"  {aid}: spurious {local.name!r}")
                continue
            if hit not in matched.values():
                name_tp += 1
            matched[local.key] = hit
            assigned.setdefault((aid, hit), index[(aid, local.key)])
        name_gold += len(forms)
        for gid in forms:
            if gid not in matched.values():
                misses.append(f"  {aid}: missed {gid}")
        gold_roles = [(g["id"], r) for g in gold["people"] for r in g.get("roles", [])]
        role_gold += len(gold_roles)
        pred_roles = [(matched.get(p.key), r) for p in results[aid].persons for r in p.roles]
        role_pred += len(pred_roles)
        used: set[int] = set()
        for gid, grole in gold_roles:
            for k, (pid, prole) in enumerate(pred_roles):
                if k in used or pid != gid or not _title_match(grole["title"], prole.title):
                    continue
                used.add(k)
                role_tp += 1
                g_org, p_org = grole.get("org"), prole.org
                if (g_org is None and p_org is None) or (
                    g_org and p_org and _title_match(g_org, p_org)
                ):
                    org_ok += 1
                break
            else:
                misses.append(f"  {aid}: role missed {gid} {grole['title']!r}")

    gold_pairs: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    keys = sorted({(aid, g["id"]) for aid, gold in golds.items() for g in gold["people"]})
    for a, b in combinations(keys, 2):
        if a[1] == b[1]:
            gold_pairs.add((a, b))
    pred_pairs = {
        (a, b)
        for a, b in combinations(sorted(assigned), 2)
        if assigned[a] == assigned[b] and a[0] != b[0]
    }
    gold_pairs = {(a, b) for a, b in gold_pairs if a[0] != b[0]}
    merge_tp = len(gold_pairs & pred_pairs)

    q_found = q_attr = q_gold = 0
    for aid, gold in golds.items():
        local_to_global = {q.start: q for q in quotes if q.article_id == aid}
        for gq in gold.get("quotes", []):
            q_gold += 1
            hits = [
                q
                for q in local_to_global.values()
                if gq["contains"] in q.text and q.kind == gq["kind"]
            ]
            if not hits:
                misses.append(f"  {aid}: quote missed {gq['contains'][:40]!r}")
                continue
            q_found += 1
            want = None if gq["speaker"] is None else assigned.get((aid, gq["speaker"]))
            if hits[0].person_id == want:
                q_attr += 1
            else:
                misses.append(f"  {aid}: quote misattributed {gq['contains'][:40]!r}")
    n_quotes = len(quotes)

    print(f"articles: {len(golds)}   people records: {len(people)}   quotes: {n_quotes}")
    print(f"names   {_prf(name_tp, name_pred, name_gold)}")
    print(f"roles   {_prf(role_tp, role_pred, role_gold)}   org agrees on {org_ok}/{role_tp}")
    print(f"merges  {_prf(merge_tp, len(pred_pairs), len(gold_pairs))}")
    print(f"quotes  found {q_found}/{q_gold}, attributed correctly {q_attr}/{q_found}")
    per = sum(times) / len(times) * 1000 if times else 0.0
    print(f"time    {per:.1f} ms/article (model load {load_s:.2f} s, not included)")
    if "-v" in sys.argv:
        print("\n".join(misses))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    main(Path(args[0]) if args else DEFAULT)
