"""The seeds' JSON export is byte-identical to the recorded one (see tests/identity/).

A structural change must not change what the program outputs; a change of extraction on
purpose records the new digests (``python tests/identity/output_identity.py record``) in the
same commit, so every change of output is visible in review."""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent / "identity" / "output_identity.py"
spec = importlib.util.spec_from_file_location("output_identity", HERE)
assert spec is not None and spec.loader is not None
identity = importlib.util.module_from_spec(spec)
spec.loader.exec_module(identity)


def test_seeds_export_is_byte_identical_to_the_recorded_one(tmp_path: Path) -> None:
    want = identity.read_digests()["seeds"]
    got = identity.export(Path("seeds"), tmp_path / "seeds.json")
    assert got == want, (
        "the seeds' export changed: if on purpose, run "
        "`python tests/identity/output_identity.py record` and commit the digests"
    )
