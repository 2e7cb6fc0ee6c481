"""Peak memory of one long article: parsed whole versus in pieces (issue 19, item 10).

Usage:  python benchmarks/memory_bench.py [MEGABYTES ...]   (default: 0.25 0.5 1)

For each size, builds one article of that many megabytes from the seed articles repeated
(real news paragraphs), then in a fresh process per run parses it (`tui.nlp.parse_texts`)
and runs every extractor on it (`extract_article`), once with the text parsed whole and
once in pieces of `tui.nlp.CHUNK_CHARS`; the two runs of a size go back to back. Prints the
peak resident memory (`ru_maxrss`) and the seconds of each, and their ratio. Nothing is
asserted: the figures go to docs/performance.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUN = """
import json, resource, sys, time
from pathlib import Path
from tui import nlp
from tui.extract.article import extract_article
from tui.records.models import Article
size, chunk = float(sys.argv[1]), int(sys.argv[2])
seeds = "\\n\\n".join(p.read_text() for p in sorted(Path("seeds").glob("*.txt")))
text = (seeds * (int(size * 1_000_000) // len(seeds) + 1))[: int(size * 1_000_000)]
text = text[: text.rfind("\\n") + 1]
pipeline = nlp.load()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
[doc] = nlp.parse_texts([text], pipeline, chunk_chars=chunk)
article = Article(id="long", path="long.txt", text=text)
extraction = extract_article(nlp.ParsedArticle.of(article, doc))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"chars": len(text), "tokens": len(doc), "model_mb": base / 1024,
                  "peak_mb": peak / 1024, "seconds": time.perf_counter() - started,
                  "figures": len(extraction.figures)}))
"""


def run(size: float, chunk: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", RUN, str(size), str(chunk)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main(sizes: list[float]) -> None:
    from tui.nlp import CHUNK_CHARS

    print("MB    chars     tokens   whole: peak MB  s      pieces: peak MB  s      peak ratio")
    for size in sizes:
        whole = run(size, 10**9)
        piecewise = run(size, CHUNK_CHARS)
        print(
            f"{size:<5} {whole['chars']:<9.0f} {whole['tokens']:<8.0f} "
            f"{whole['peak_mb']:>10.0f} {whole['seconds']:>7.1f}   "
            f"{piecewise['peak_mb']:>12.0f} {piecewise['seconds']:>7.1f}   "
            f"{whole['peak_mb'] / piecewise['peak_mb']:>6.2f}x"
        )


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [0.25, 0.5, 1.0])
