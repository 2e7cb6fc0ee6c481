"""Copy detection on real articles and programmatic edits of them: precision, recall, cost.

Usage: PYTHONPATH=src python benchmarks/copies_bench.py [--originals N] [--seed S]
       [--scale N ...] [--extract N]

The articles are read at run time from ``../shared/dev-eval/*/articles/*.txt`` (set
``NEWSDASH_DEV_EVAL`` to another folder); none of them is copied into the project. The corpus:

* ``--originals`` real articles (default 800), each a story of its own;
* for most of them one to three *copies*, each made by one to three edits: trim the ending
  (keep 55–95% of the sentences), insert one to three paragraphs of an unrelated article,
  retitle, change the dateline, reword one sentence, add outlet boilerplate; and *embeds*:
  the story printed in the middle of a longer unrelated article;
* *same-topic* look-alikes: an original with every name and number replaced (the same
  template telling another story: earnings reports, sports results), which must never be a
  copy.

Truth is measured, not assumed: a pair of articles is a copy pair when at least 70% of the
sentences (of four words or more, normalized) of the shorter are in the other. Every pair
sharing a sentence is measured (natural duplicates in the dev sets count too). A predicted
pair is two articles of one copy cluster (``copy_of``), or an article and a story it
embeds. Reported: copy-pair precision and recall (pairs of one family below 70% are neither
required nor counted wrong), false copies between different stories that share sentences
or a template, and the time per article of fingerprinting and detection against the time
of extraction (parse and every extractor) of ``--extract`` articles.

``--scale 10000 50000 100000`` times fingerprinting and detection on that many synthetic
articles (sentences of the dev sets, each with a name and a number changed, shuffled into new
articles; a tenth of them trimmed copies) to
show the cost grows linearly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from tui.ingest.fingerprint import fingerprint
from tui.link import copies
from tui.link.copies import CopyLink, detect_copies
from tui.records.models import Article, Published

ROOT = Path(__file__).resolve().parents[1]
DEV_EVAL = Path(os.environ.get("NEWSDASH_DEV_EVAL", ROOT.parent / "shared" / "dev-eval"))
TRUTH_SHARE = 0.7

_SENT = re.compile(r"[^\n.!?]+")
_WORD = re.compile(r"\w+")

CITIES = ["Lagos", "Oslo", "Lima", "Perth", "Quito", "Hanoi", "Riga", "Accra", "Porto"]
OUTLETS = ["Daily Ledger", "Evening Star", "Metro Wire", "Coast Herald", "Valley Post"]
BOILER = [
    "Copyright {year} {outlet}. All rights reserved.",
    "Sign up for our newsletter to get the day's top stories.",
    "Advertisement",
    "Follow {outlet} on social media for more updates.",
    "This article was reprinted with permission.",
]
SURNAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Ivanova", "Haddad", "Novak", "Silva"]
COMPANIES = ["Brightwater", "Kestrel", "Northgate", "Altura", "Redfern", "Solano", "Vantage"]


def truth_sentences(text: str) -> frozenset[str]:
    out = set()
    for match in _SENT.finditer(text):
        words = [w.casefold() for w in _WORD.findall(match.group())]
        if len(words) >= 4:
            out.add(" ".join(words))
    return frozenset(out)


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def sentences_of(text: str) -> list[str]:
    return [m.group() for m in re.finditer(r"[^.!?\n]+[.!?]*\s*|\n+", text)]


# --------------------------------------------------------------------------- edits


def trim(text: str, rng: random.Random) -> str:
    parts = sentences_of(text)
    keep = max(1, round(len(parts) * rng.uniform(0.55, 0.95)))
    return "".join(parts[:keep]).rstrip() + "\n"


def insert(text: str, rng: random.Random, pool: list[str]) -> str:
    paras = paragraphs(text)
    for _ in range(rng.randint(1, 3)):
        donor = paragraphs(rng.choice(pool))
        if donor:
            paras.insert(rng.randint(1, max(1, len(paras))), rng.choice(donor))
    return "\n\n".join(paras) + "\n"


def retitle(text: str, rng: random.Random) -> str:
    lines = text.split("\n", 1)
    words = _WORD.findall(text)[:60]
    title = " ".join(rng.sample(words, min(6, len(words)))).title()
    rest = lines[1] if len(lines) > 1 else ""
    return f"UPDATE {rng.randint(1, 4)}-{title}\n{rest}"


def dateline(text: str, rng: random.Random) -> str:
    paras = paragraphs(text)
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))
    line = f"{rng.choice(CITIES).upper()}, {day:%B} {day.day} ({rng.choice(OUTLETS)}) - "
    i = 1 if len(paras) > 1 and len(paras[0]) < 80 else 0
    paras[i] = line + paras[i]
    return "\n\n".join(paras) + "\n"


def reword(text: str, rng: random.Random) -> str:
    parts = sentences_of(text)
    long = [i for i, s in enumerate(parts) if len(_WORD.findall(s)) >= 8]
    if not long:
        return text
    i = rng.choice(long)
    words = parts[i].split()
    del words[1::4]
    words.insert(len(words) // 2, "reportedly")
    parts[i] = " ".join(words) + " "
    return "".join(parts)


def boilerplate(text: str, rng: random.Random) -> str:
    outlet = rng.choice(OUTLETS)
    lines = [b.format(year=rng.randint(2015, 2025), outlet=outlet) for b in BOILER]
    head = lines[2] + "\n\n" if rng.random() < 0.5 else ""
    return head + text.rstrip() + "\n\n" + "\n".join(rng.sample(lines, 2)) + "\n"


EDITS = {
    "trim": trim,
    "retitle": retitle,
    "dateline": dateline,
    "reword": reword,
    "boilerplate": boilerplate,
}


def template(text: str, rng: random.Random) -> str:
    """The same template telling another story: every capitalized word after the first of
    a sentence and every number replaced."""

    def number(match: re.Match[str]) -> str:
        return str(rng.randint(2, 999))

    out = re.sub(r"\d+(?:[.,]\d+)?", number, text)

    def name(match: re.Match[str]) -> str:
        return rng.choice(SURNAMES + COMPANIES)

    return re.sub(r"(?<=[a-z,] )[A-Z][a-z]+", name, out)


def embed(story: str, host: str, rng: random.Random) -> str:
    paras = paragraphs(host)
    at = rng.randint(1, max(1, len(paras)))
    return "\n\n".join([*paras[:at], *paragraphs(story), *paras[at:]]) + "\n"


# --------------------------------------------------------------------------- corpus


def read_pool() -> list[str]:
    files = sorted(DEV_EVAL.glob("*/articles/*.txt"))
    if not files:
        sys.exit(f"no articles under {DEV_EVAL}/*/articles (set NEWSDASH_DEV_EVAL)")
    texts = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if len(truth_sentences(text)) >= 3:
            texts.append(text)
    return texts


def build(pool: list[str], originals: int, seed: int) -> tuple[list[Article], dict[str, str]]:
    """The corpus and each article's family (its original's id)."""
    rng = random.Random(seed)
    order = list(range(len(pool)))
    rng.shuffle(order)
    chosen = order[:originals]
    rest = [pool[i] for i in order[originals:]] or pool
    hosts = rest[: len(rest) // 2]
    donors = rest[len(rest) // 2 :] or rest
    articles: list[Article] = []
    family: dict[str, str] = {}
    start = dt.date(2021, 1, 1)

    def add(aid: str, text: str, fam: str, day: int) -> None:
        published = Published(date=start + dt.timedelta(days=day), how="header")
        articles.append(Article(id=aid, path=f"{aid}.txt", text=text, published=published))
        family[aid] = fam

    for n, i in enumerate(chosen):
        orig = f"o{n}"
        text = pool[i]
        day = rng.randint(0, 900)
        add(orig, text, orig, day)
        roll = rng.random()
        if roll < 0.15:
            continue  # a story printed once
        if roll < 0.25:
            add(f"{orig}-t", template(text, rng), f"{orig}-t", day + rng.randint(0, 30))
            continue
        if roll < 0.35 and hosts:
            # A host of its own (two stories embedded in one host share the host).
            add(f"{orig}-e", embed(text, hosts.pop(), rng), orig, day + rng.randint(1, 5))
            continue
        for k in range(rng.randint(1, 3)):
            copy = text
            names = rng.sample([*sorted(EDITS), "insert"], rng.randint(1, 3))
            for name in names:
                copy = insert(copy, rng, donors) if name == "insert" else EDITS[name](copy, rng)
            if rng.random() < 0.1:
                copy = text  # an exact copy under another name
            add(f"{orig}-c{k}", copy, orig, day + rng.randint(0, 10))
    rng.shuffle(articles)
    return articles, family


def predicted_pairs(links: dict[str, list[CopyLink]]) -> set[frozenset[str]]:
    """Two articles of one copy cluster (an original and its copies), and an article that
    prints at least COPY_SHARE of a story with every member of that story's cluster."""
    cluster: dict[str, set[str]] = defaultdict(set)
    for aid, found in links.items():
        for link in found:
            if link.kind != "partial":
                cluster[link.source].update((link.source, aid))
    original = {m: o for o, members in cluster.items() for m in members}
    pairs: set[frozenset[str]] = set()
    for members in cluster.values():
        pairs.update(frozenset(p) for p in itertools.combinations(sorted(members), 2))
    for aid, found in links.items():
        for link in found:
            if link.kind == "partial" and link.contained >= copies.COPY_SHARE:
                story = cluster.get(original.get(link.source, link.source), {link.source})
                pairs.update(frozenset((aid, m)) for m in story if m != aid)
    return pairs


def evaluate(
    articles: list[Article], family: dict[str, str], links: dict[str, list[CopyLink]]
) -> None:
    sents = {a.id: truth_sentences(a.text) for a in articles}
    index: dict[str, list[str]] = defaultdict(list)
    for aid, ss in sents.items():
        for s in ss:
            index[s].append(aid)
    shared: dict[frozenset[str], int] = defaultdict(int)
    for ids in index.values():
        if len(ids) > 200:
            continue  # boilerplate printed everywhere: never 70% of a text on its own
        for a, b in itertools.combinations(ids, 2):
            shared[frozenset((a, b))] += 1

    def share(pair: frozenset[str]) -> float:
        a, b = sorted(pair)
        small = min(len(sents[a]), len(sents[b]))
        return shared.get(pair, 0) / small if small else 0.0

    truth = {p for p in shared if share(p) >= TRUTH_SHARE}
    predicted = predicted_pairs(links)
    same_family = {p for p in predicted if len({family[a] for a in p}) == 1}
    right = {p for p in predicted if p in truth or p in same_family}
    wrong = predicted - right
    found = truth & predicted
    print(f"articles {len(articles)}; copy pairs (>= {TRUTH_SHARE:.0%} of sentences): {len(truth)}")
    natural = {p for p in truth if len({family[a] for a in p}) > 1}
    print(
        f"  of which between different originals of the dev sets (natural copies): {len(natural)}"
    )
    p = len(right) / len(predicted) if predicted else 1.0
    r = len(found) / len(truth) if truth else 1.0
    print(
        f"precision {p:.4f} ({len(right)}/{len(predicted)})"
        f"   recall {r:.4f} ({len(found)}/{len(truth)})"
    )
    topic = {q for q in shared if len({family[a] for a in q}) > 1 and share(q) < TRUTH_SHARE}
    templates = {
        frozenset((a, family[a][:-2]))
        for a in family
        if family[a].endswith("-t") and a == family[a]
    }
    print(
        f"false copies between different stories: {len(wrong)}"
        f" (same-topic pairs sharing sentences: {len(topic & wrong)}/{len(topic)};"
        f" same template, other names and numbers: {len(templates & wrong)}/{len(templates)})"
    )
    for q in sorted(wrong, key=sorted)[:10]:
        print("  wrong:", sorted(q), f"truth share {share(q):.2f}")
    missed = truth - predicted
    for q in sorted(missed, key=sorted)[:10]:
        print("  missed:", sorted(q), f"truth share {share(q):.2f}")
    by_kind: dict[str, int] = defaultdict(int)
    for found_links in links.values():
        for link in found_links:
            by_kind[link.kind] += 1
    print("links by kind:", dict(sorted(by_kind.items())))


def cost(articles: list[Article], extract: int) -> None:
    t0 = time.perf_counter()
    prints = {a.id: fingerprint(a) for a in articles}
    t1 = time.perf_counter()
    detect_copies(articles, prints)
    t2 = time.perf_counter()
    per_fp = (t1 - t0) / len(articles) * 1000
    per_detect = (t2 - t1) / len(articles) * 1000
    print(f"fingerprint {per_fp:.3f} ms/article, detection {per_detect:.3f} ms/article")
    if extract <= 0:
        return
    from tui import nlp
    from tui.extract.article import extract_article

    pipeline = nlp.load()
    sample = articles[:extract]
    t0 = time.perf_counter()
    docs = nlp.parse_texts([a.content_text() for a in sample], pipeline)
    for article, doc in zip(sample, docs, strict=True):
        extract_article(nlp.ParsedArticle.of(article, doc))
    per_extract = (time.perf_counter() - t0) / len(sample) * 1000
    t0 = time.perf_counter()
    for article in sample:
        fingerprint(article)
    per_fp_sample = (time.perf_counter() - t0) / len(sample) * 1000
    share = (per_fp_sample + per_detect) / per_extract
    print(
        f"extraction {per_extract:.1f} ms/article ({len(sample)} articles, fingerprint included);"
        f" fingerprint {per_fp_sample:.3f} ms + detection {per_detect:.3f} ms"
        f" = {share:.2%} of extraction"
    )


def own(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    words[rng.randrange(len(words))] = rng.choice(SURNAMES + COMPANIES)
    words.insert(rng.randrange(len(words)), str(rng.randint(2, 99999)))
    return " ".join(words)


def scale(pool: list[str], sizes: list[int], seed: int) -> None:
    rng = random.Random(seed)
    sentences = [s.strip() for text in pool for s in sentences_of(text) if len(s.split()) >= 5]
    for size in sizes:
        articles = []
        for i in range(size):
            if i and rng.random() < 0.1:
                base = articles[rng.randrange(len(articles))]
                text = trim(base.text, rng)
            else:
                # Each sentence made this article's own (a name and a number changed), as
                # unrelated news rarely shares whole sentences.
                text = "\n\n".join(
                    " ".join(own(rng.choice(sentences), rng) for _ in range(3))
                    for _ in range(rng.randint(3, 8))
                )
            day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 2000))
            articles.append(
                Article(id=f"s{i}", path=f"s{i}.txt", text=text, published=Published(date=day))
            )
        t0 = time.perf_counter()
        prints = {a.id: fingerprint(a) for a in articles}
        t1 = time.perf_counter()
        links = detect_copies(articles, prints)
        t2 = time.perf_counter()
        copies = sum(1 for ls in links.values() if any(k.kind != "partial" for k in ls))
        print(
            f"scale {size}: fingerprint {(t1 - t0) / size * 1e3:.3f} ms/article,"
            f" detection {(t2 - t1) / size * 1e3:.3f} ms/article"
            f" ({t2 - t1:.1f} s), {copies} copies found"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--originals", type=int, default=800)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--extract", type=int, default=200)
    parser.add_argument("--scale", type=int, nargs="*", default=[])
    parser.add_argument("--share", type=float, nargs="*", default=[], help="try these COPY_SHARE")
    args = parser.parse_args()
    for share in args.share:  # tuning: the same corpus at other thresholds
        copies.COPY_SHARE = share
        print(f"--- COPY_SHARE {share}")
        articles, family = build(read_pool(), args.originals, args.seed)
        evaluate(
            articles, family, detect_copies(articles, {a.id: fingerprint(a) for a in articles})
        )
    if args.share:
        return
    pool = read_pool()
    if args.scale:
        scale(pool, args.scale, args.seed)
        return
    articles, family = build(pool, args.originals, args.seed)
    links = detect_copies(articles, {a.id: fingerprint(a) for a in articles})
    evaluate(articles, family, links)
    cost(articles, args.extract)


if __name__ == "__main__":
    main()
