"""Prove a change is structure-only: the JSON export of ``seeds/`` and of every development
set in ``../shared/dev-eval/`` is byte-identical before and after.

    python tests/identity/output_identity.py record   # on the commit before the change
    python tests/identity/output_identity.py check    # on the change

``record`` writes the SHA-256 of each export to ``tests/identity/digests.txt`` (committed: the
development data itself never is); ``check`` exports again and compares, naming every set
that differs and keeping the new exports in a fresh temporary folder for ``diff``.
``tests/test_output_identity.py`` checks the seeds' digest on every test run; the
development sets (a few minutes) are checked by hand before a structural change lands.
An intended change of output is recorded again with ``record``, in the same commit.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = Path(__file__).with_name("digests.txt")
DEV_EVAL = ROOT.parent / "shared" / "dev-eval"
DEV_SETS = (
    "timex-timebank",
    "timex-aquaint",
    "people-conll-dev",
    "people-conll-train",
    "quotes-polnear-train",
)


def sets() -> dict[str, Path]:
    """Name -> folder (relative to the checkout) of every set present here (seeds always)."""
    found = {"seeds": Path("seeds")}
    for name in DEV_SETS:
        folder = DEV_EVAL / name / "articles"
        if folder.is_dir():
            found[name] = Path(os.path.relpath(folder, ROOT))
    return found


def export(folder: Path, out: Path) -> str:
    """The SHA-256 of the JSON export of ``folder`` (relative to the checkout, where it runs:
    articles' paths are part of the export, so the digest holds in any clone)."""
    command = [sys.executable, "-m", "tui", "export", str(folder), "--no-store", "--force"]
    subprocess.run([*command, "-o", str(out)], check=True, stderr=subprocess.DEVNULL, cwd=ROOT)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def read_digests() -> dict[str, str]:
    lines = DIGESTS.read_text().splitlines() if DIGESTS.exists() else []
    return dict(reversed(line.split(maxsplit=1)) for line in lines if line.strip())  # type: ignore[misc]


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in ("record", "check"):
        print(__doc__)
        return 2
    out = Path(tempfile.mkdtemp(prefix="newsdash-identity-"))  # one per run: checks may overlap
    todo = sets()
    with ThreadPoolExecutor(max_workers=2) as pool:
        got = dict(
            zip(todo, pool.map(lambda n: export(todo[n], out / f"{n}.json"), todo), strict=True)
        )
    if argv[0] == "record":
        DIGESTS.write_text("".join(f"{digest}  {name}\n" for name, digest in got.items()))
        print(f"recorded {len(got)} digests in {DIGESTS.relative_to(ROOT)}")
        return 0
    want = read_digests()
    bad = 0
    for name, digest in got.items():
        if name not in want:
            print(f"{name}: no recorded digest (run record on the commit before the change)")
            bad += 1
        elif want[name] != digest:
            print(f"{name}: DIFFERS from the recorded export (see {out / (name + '.json')})")
            bad += 1
        else:
            print(f"{name}: identical")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
