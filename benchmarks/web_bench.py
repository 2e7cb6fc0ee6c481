"""Web pages: main-text F1, publication dates and what ingestion costs (prints figures).

    PYTHONPATH=src python benchmarks/web_bench.py [folder] [--repeat N] [--pad KB] [--long N]

``folder`` (default ``tests/fixtures/web``) holds HTML pages and ``truth.json``: for each
page the lines of its article body (by how they start) and the date it states. For every
page it reads the file as the loader does (``read_file``), then scores

- **main text**: token-level precision, recall and F1 of the lines left as content (not
  boilerplate) against the article body, counting words as bags (the measure of the
  trafilatura and article-extraction benchmarks); micro-averaged over all pages;
- **date**: the publication date found equals the page's (an undated page must stay
  undated), and whether ``how`` names the markup that states it;
- **cost**: ingestion (``read_file``: decoding, visible text, trafilatura, htmldate,
  alignment, boilerplate) against the page's whole extraction (ingestion + spaCy parse +
  every extractor), median of N runs, the model loaded before timing.

``--pad KB`` weighs each page down as real news pages are (they run to hundreds of KB around
a few KB of article): KB of inline script and style in the head and a 400-link menu before
the body; scores are unchanged by it, the cost is what to read. ``--long N`` repeats each
paragraph of the article body N times (the pages' articles are ~150 words, a news article's
are 500-1,000): ingestion grows with the page's markup, extraction with the article's words,
so the share depends on both.

The script uses only ``read_file``/``finish_article``, so the same file can score an older
checkout (``PYTHONPATH=../old/src``) for a before/after comparison.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from tui import nlp
from tui.extract.article import extract_article
from tui.extract.pubdate import dated
from tui.ingest.boilerplate import lines_with_offsets
from tui.ingest.files import SkipFile, finish_article, read_file
from tui.nlp import ParsedArticle

WORD = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """Words, and each character of an unspaced script (CJK) as a word of its own."""
    out: Counter[str] = Counter()
    for word in WORD.findall(text.casefold()):
        if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", word):
            out.update(word)
        else:
            out[word] += 1
    return out


def is_truth(line: str, prefixes: list[str]) -> bool:
    return any(line == p or (len(p) >= 12 and line.startswith(p)) for p in prefixes)


def pad(data: bytes, kb: int) -> bytes:
    """The page with ``kb`` KB of script and style in its head and a big menu."""
    if kb <= 0:
        return data
    script = "<script>window.__STATE__=" + '{"k":"' + "x" * (kb * 512) + '"};</script>'
    style = "<style>" + ".c{color:#123456;margin:0 auto}" * (kb * 16) + "</style>"
    menu = (
        "<div class='mega-menu'><ul>"
        + "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(400))
        + "</ul></div>"
    )
    text = data.decode("utf-8", "replace")
    text = text.replace("</head>", script + style + "</head>", 1)
    text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + menu, text, count=1)
    return text.encode("utf-8")


def lengthen(data: bytes, times: int, prefixes: list[str]) -> bytes:
    """The page with each article paragraph (a ``<p>`` of the body) ``times`` times."""
    if times <= 1:
        return data

    def repeat(m: re.Match[str]) -> str:
        inner = re.sub(r"<[^>]+>", "", m.group(1)).strip()
        if not is_truth(inner, prefixes):
            return m.group(0)
        # Copies end differently: a page repeating a paragraph word for word is not an
        # article, and trafilatura drops such repeats.
        return "".join(f"<p>{m.group(1)} (part {k})</p>" for k in range(times))

    text = data.decode("utf-8", "replace")
    return re.sub(r"<p>(.*?)</p>", repeat, text, flags=re.S).encode("utf-8")


def main(argv: list[str]) -> int:
    args = list(argv)
    options: dict[str, int] = {}
    for flag in ("--repeat", "--pad", "--long"):
        if flag in args:
            at = args.index(flag)
            options[flag] = int(args[at + 1])
            del args[at : at + 2]
    repeat = options.get("--repeat", 3)
    padding = options.get("--pad", 0)
    times = options.get("--long", 1)
    folder = Path(args[0] if args else "tests/fixtures/web")
    truth = json.loads((folder / "truth.json").read_text())
    pipeline = nlp.load()
    tp = fp = fn = 0
    dates_right = how_right = n_dated = 0
    shares: list[float] = []
    print(f"{'page':16} {'P':>5} {'R':>5} {'F1':>5}  {'date':10} {'how':8} ingest/total")
    for name in sorted(k for k in truth if not k.startswith("_")):
        want = truth[name]
        path = folder / name
        data = pad(lengthen(path.read_bytes(), times, want["main"]), padding)
        try:
            read = read_file(path, lambda _m: None, data=data)
        except SkipFile as exc:  # an older checkout: the page came out empty
            print(f"{name:16} skipped: {exc}")
            words = sum(len(tokens(p)) for p in want["main"])
            fn += words  # counts the prefixes' words only: a lower bound of what was lost
            dates_right += want["date"] is None
            n_dated += want["date"] is not None
            shares.append(0.0)
            continue
        content = read.content
        got: Counter[str] = Counter()
        gold: Counter[str] = Counter()
        for s, e in lines_with_offsets(read.text):
            line = read.text[s:e]
            if content[s:e].strip():
                got.update(tokens(line))
            if is_truth(line, want["main"]):
                gold.update(tokens(line))
        hit = sum((got & gold).values())
        tp, fp, fn = tp + hit, fp + sum(got.values()) - hit, fn + sum(gold.values()) - hit
        p = hit / max(1, sum(got.values()))
        r = hit / max(1, sum(gold.values()))
        f1 = 2 * p * r / (p + r) if p + r else 0.0

        doc = pipeline(read.content)
        article = dated(ParsedArticle.of(finish_article(read, path.stem), doc)).article
        date = article.published.date.isoformat() if article.published.date else None
        dates_right += date == want["date"]
        n_dated += want["date"] is not None
        how_right += article.published.how == want["how"]

        ingest: list[float] = []
        total: list[float] = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            read = read_file(path, lambda _m: None, data=data)
            t1 = time.perf_counter()
            doc = nlp.parse_texts([read.content], pipeline)[0]
            parsed = dated(ParsedArticle.of(finish_article(read, path.stem), doc))
            extract_article(parsed)
            t2 = time.perf_counter()
            ingest.append(t1 - t0)
            total.append(t2 - t0)
        share = statistics.median(ingest) / statistics.median(total)
        shares.append(share)
        print(
            f"{name:16} {p:5.2f} {r:5.2f} {f1:5.2f}  {date or '-':10} "
            f"{article.published.how:8} {statistics.median(ingest) * 1000:6.1f} ms / "
            f"{statistics.median(total) * 1000:6.1f} ms = {share:.0%}"
        )
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    pages = len(shares)
    print(f"main text (micro): P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  ({pages} pages)")
    undated = pages - n_dated
    print(f"publication date right: {dates_right}/{pages} ({n_dated} dated, {undated} undated)")
    print(f"how names the evidence: {how_right}/{pages}")
    median, worst = statistics.median(shares), max(shares)
    print(f"ingest share of extraction: median {median:.0%}, max {worst:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
