"""A load that reads every file's extraction from the store does not import the extractors:
their modules (rule tables compiled at import) cost a re-open about 0.1 s of CPU for nothing.
They are imported when a file is extracted (:func:`tui.loader.extract_article`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXTRACTORS = ("tui.extract.article", "tui.extract.pubdate", "tui.extract.timex")

LOAD = """
import hashlib, json, sys
from pathlib import Path
from tui.export import to_json
from tui.pipeline import LinkState, load_corpus
from tui.store import Store

folder, store_path, with_state = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
with Store(store_path) as store:
    corpus = load_corpus(folder, lambda _m: None, store=store,
                         state=LinkState() if with_state else None)
extractors = {extractors!r}
print(json.dumps({{
    "imported": sorted(m for m in sys.modules if m.startswith(extractors)),
    "export": hashlib.sha256(to_json(corpus).encode()).hexdigest(),
}}))
"""


def _load(folder: Path, store: Path, with_state: bool) -> dict[str, Any]:
    code = LOAD.format(extractors=EXTRACTORS)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(store), "1" if with_state else "0"],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_importing_the_pipeline_and_loader_imports_no_extractor() -> None:
    code = (
        "import sys, tui.pipeline, tui.loader\n"
        f"print(sorted(m for m in sys.modules if m.startswith({EXTRACTORS!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_load_from_the_store_imports_no_extractor_and_links_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    store = tmp_path / "store.sqlite"
    first = _load(folder, store, with_state=False)  # extracts: the extractors are imported
    assert "tui.extract.article" in first["imported"]
    touched = sorted(folder.iterdir())[0]
    for with_state in (False, True):
        # a file touched: the saved corpus no longer matches, every extraction is read back
        # (the touched file's by its content) and linked
        stat = touched.stat()
        os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        again = _load(folder, store, with_state)
        assert again["imported"] == []
        assert again["export"] == first["export"]
