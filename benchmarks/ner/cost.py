"""Cost of the news entity model against the base model, side by side in one run.

    .venv/bin/python benchmarks/ner/cost.py [FOLDER] [--rounds 5]

Parses the folder's ``.txt`` articles (default: seeds/) with the base pipeline and with the
shipped one, alternating rounds (and which goes first) so both see the same machine load,
and prints the median time of each and their ratio; then each pipeline's peak memory,
measured in a fresh process.
Figures are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]


def _peak_mb(news: bool, folder: Path) -> float:
    code = (
        "import resource, sys; sys.path.insert(0, sys.argv[1]); from tui import nlp; "
        "from pathlib import Path; "
        "p = nlp.load_pipeline(news_ner=sys.argv[2] == '1'); "
        "texts = [f.read_text(errors='replace') for f in sorted(Path(sys.argv[3]).glob('*.txt'))]; "
        "list(p.pipe(texts)); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "src"), "1" if news else "0", str(folder)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(out.stdout.strip()) / 1024


def main() -> None:
    from tui import nlp

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "seeds")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = _texts(args.folder)
    pipelines = {"base": nlp.load_pipeline(news_ner=False), "news": nlp.load_pipeline()}
    times: dict[str, list[float]] = {name: [] for name in pipelines}
    for i in range(args.rounds):
        order = list(pipelines.items())
        for name, pipeline in order if i % 2 == 0 else order[::-1]:
            start = time.perf_counter()
            list(pipeline.pipe(texts))
            times[name].append(time.perf_counter() - start)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words, {args.rounds} rounds")
    for name, ts in times.items():
        print(f"{name}: median {statistics.median(ts):.2f} s")
    ratios = [n / b for n, b in zip(times["news"], times["base"], strict=True)]
    print(f"news / base: median ratio {statistics.median(ratios):.3f}")
    for name in pipelines:
        print(f"{name}: peak RSS {_peak_mb(name == 'news', args.folder):.0f} MB")


if __name__ == "__main__":
    main()
