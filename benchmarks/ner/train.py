"""Reproduce the news-trained entity recognizer shipped in ``src/tui/data/news_ner/``.

Not run by CI. Needs ``../shared/dev-eval`` (the CoNLL-2003 training and development splits):

    .venv/bin/python benchmarks/ner/train.py prepare   # DocBins under /tmp/newsdash-ner
    .venv/bin/python benchmarks/ner/train.py train     # spacy train with benchmarks/ner/config.cfg
    .venv/bin/python benchmarks/ner/train.py install   # copy model-best's ner into src/tui/data
    .venv/bin/python benchmarks/ner/train.py evaluate  # entity P/R/F1 per label, base vs news

What it does and why is in docs/extraction/people.md ("The news-trained entity model").

**The training documents.** Each CoNLL article is tokenized by the shipped pipeline
(``tui.nlp.load``: the same tokenizer, vocabulary and lexeme norms as at run time) and given
entity annotation from two sources:

- CoNLL's gold mentions, mapped to the base model's OntoNotes labels: PER -> PERSON,
  ORG -> ORG, LOC -> the base model's label for that exact span when it is GPE, LOC or FAC,
  else GPE; MISC -> the base model's label for that exact span when it is one of the
  miscellaneous OntoNotes kinds (NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE), else
  *missing* (no loss either way: CoNLL's MISC has no single OntoNotes label).
- The base model's own predictions for the kinds CoNLL does not annotate (dates, times,
  money, percentages, quantities, ordinals, cardinals), where they overlap no gold mention:
  so fine-tuning keeps what the timeline and figures extractors read from the base model.

Each article's headline is added once more in title case, as web pages write headlines
(CoNLL's are in capitals or sentence case): there capitals mark no name, and without such
lines the recognizer took "Talks Will Resume" for a person.

Tokens outside both are "not an entity": CoNLL annotated every person, organisation,
location and miscellaneous name, so a base-model PERSON/ORG/GPE there was a false positive.

The recognizer starts from the base model's own ``ner`` weights (sourced in the config) and
is fine-tuned on the training split only; the development split is used for early stopping.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEV_EVAL = ROOT.parent / "shared" / "dev-eval"
WORK = Path("/tmp/newsdash-ner")
CONFIG = Path(__file__).with_name("config.cfg")
HOOKS = Path(__file__).with_name("hooks.py")
TARGET = ROOT / "src" / "tui" / "data" / "news_ner"

SPLITS = {"train": "people-conll-train", "dev": "people-conll-dev"}
KEEP_FROM_BASE = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"}
LOC_KINDS = {"GPE", "LOC", "FAC"}
MISC_KINDS = {"NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}


def _gold(split: str) -> list[tuple[str, str, list[dict[str, Any]]]]:
    folder = DEV_EVAL / SPLITS[split]
    out = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text = (folder / "articles" / f"{rec['doc_id']}.txt").read_text(encoding="utf-8")
        out.append((rec["doc_id"], text, rec["mentions"]))
    return out


SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "and", "or", "as"}


def _title_case(line: str, keep: list[tuple[int, int]]) -> str:
    """``line`` as a web headline would write it ("Japan Get Lucky Win, China In Surprise
    Defeat"), each character where it was: short words inside a gold mention (likely
    acronyms: "EU", "U.S.") keep their case."""
    out = list(line)
    for m in re.finditer(r"\S+", line):
        word = m.group()
        if any(a <= m.start() and m.end() <= b for a, b in keep) and len(word) <= 4:
            continue
        lower = word.lower()
        cased = lower if lower in SMALL_WORDS and m.start() > 0 else lower[:1].upper() + lower[1:]
        out[m.start() : m.end()] = cased
    return "".join(out)


def _headline_copies(
    docs: list[tuple[str, str, list[dict[str, Any]]]],
) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Each article's first line again, in title case: CoNLL's headlines are in capitals or
    sentence case, web pages' mostly in title case, where capitals mark no name."""
    out = []
    for doc_id, text, mentions in docs:
        end = text.find("\n")
        end = len(text) if end == -1 else end
        inside = [m for m in mentions if m["end"] <= end]
        line = _title_case(text[:end], [(m["start"], m["end"]) for m in inside])
        if line != text[:end]:
            out.append((f"{doc_id}-title", line, inside))
    return out


def prepare(_: argparse.Namespace) -> None:
    from spacy.tokens import Doc, DocBin

    sys.path.insert(0, str(ROOT / "src"))
    from tui import nlp

    pipeline = nlp.load()
    WORK.mkdir(parents=True, exist_ok=True)
    for split in SPLITS:
        docs = _gold(split)
        docs += _headline_copies(docs)
        bin_ = DocBin(attrs=["ORTH", "SPACY", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
        stats: Counter[str] = Counter()
        digest = hashlib.sha256()
        parsed = pipeline.pipe([t for _, t, _ in docs], batch_size=64)
        for (doc_id, text, mentions), base in zip(docs, parsed, strict=True):
            digest.update(doc_id.encode() + b"\0" + text.encode() + b"\0")
            digest.update(json.dumps(mentions, sort_keys=True).encode())
            words = [t.text for t in base]
            spaces = [bool(t.whitespace_) for t in base]
            doc = Doc(pipeline.vocab, words=words, spaces=spaces)
            by_span = {(e.start_char, e.end_char): e.label_ for e in base.ents}
            ents, missing, covered = [], [], set()
            for m in mentions:
                span = doc.char_span(m["start"], m["end"], alignment_mode="strict")
                if span is None:
                    stats["misaligned"] += 1
                    span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
                    if span is not None:
                        missing.append(span)
                        covered.update(range(span.start, span.end))
                    continue
                covered.update(range(span.start, span.end))
                base_label = by_span.get((m["start"], m["end"]))
                kind = m["type"]
                label: str | None
                if kind == "PER":
                    label = "PERSON"
                elif kind == "ORG":
                    label = "ORG"
                elif kind == "LOC":
                    label = base_label if base_label in LOC_KINDS else "GPE"
                else:
                    label = base_label if base_label in MISC_KINDS else None
                if label is None:
                    missing.append(span)
                    stats["MISC missing"] += 1
                else:
                    ents.append(doc.char_span(m["start"], m["end"], label=label))
                    stats[f"{kind}->{label}"] += 1
            for e in base.ents:
                if e.label_ in KEEP_FROM_BASE and not covered.intersection(range(e.start, e.end)):
                    ents.append(doc.char_span(e.start_char, e.end_char, label=e.label_))
                    stats[f"base {e.label_}"] += 1
            doc.set_ents(ents, missing=missing, default="outside")
            bin_.add(doc)
        bin_.to_disk(WORK / f"{split}.spacy")
        print(f"{split}: {len(docs)} documents, data sha256 {digest.hexdigest()}")
        for key, n in sorted(stats.items()):
            print(f"  {key}: {n}")


def _base_model_dir() -> Path:
    import importlib

    sys.path.insert(0, str(ROOT / "src"))
    from tui import nlp

    module = importlib.import_module(nlp.model_package())
    assert module.__file__ is not None
    root = Path(module.__file__).parent
    [model] = [p for p in root.iterdir() if (p / "config.cfg").is_file()]
    return model


def train(args: argparse.Namespace) -> None:
    out = WORK / "output"
    cmd = [
        sys.executable, "-m", "spacy", "train", str(CONFIG),
        "--code", str(HOOKS),
        "--output", str(out),
        "--paths.train", str(WORK / "train.spacy"),
        "--paths.dev", str(WORK / "dev.spacy"),
        "--paths.base", str(_base_model_dir()),
        *args.overrides,
    ]  # fmt: skip
    print(" ".join(cmd))
    subprocess.run(cmd, check=True)


def install(_: argparse.Namespace) -> None:
    best = WORK / "output" / "model-best" / "ner"
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in ("cfg", "model", "moves"):
        shutil.copyfile(best / name, TARGET / name)
        print(name, hashlib.sha256((TARGET / name).read_bytes()).hexdigest())


def evaluate(_: argparse.Namespace) -> None:
    """Entity P/R/F1 per CoNLL type on the development split: the base model's ``ner``
    against the shipped news one, mapped back to CoNLL types (exact spans)."""
    sys.path.insert(0, str(ROOT / "src"))
    from tui import nlp

    to_conll = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
    to_conll.update({k: "MISC" for k in MISC_KINDS})
    docs = _gold("dev")
    for name, news in (("base", False), ("news", True)):
        pipeline = nlp.load_pipeline(news_ner=news)
        counts: Counter[tuple[str, str]] = Counter()
        for (_, _text, mentions), doc in zip(
            docs, pipeline.pipe([t for _, t, _ in docs]), strict=True
        ):
            gold = {(m["type"], m["start"], m["end"]) for m in mentions}
            pred = {
                (to_conll[e.label_], e.start_char, e.end_char)
                for e in doc.ents
                if e.label_ in to_conll
            }
            for kind in ("PER", "ORG", "LOC", "MISC"):
                g = {x for x in gold if x[0] == kind}
                p = {x for x in pred if x[0] == kind}
                counts[(kind, "tp")] += len(g & p)
                counts[(kind, "fp")] += len(p - g)
                counts[(kind, "fn")] += len(g - p)
        for kind in ("PER", "ORG", "LOC", "MISC"):
            tp, fp, fn = (counts[(kind, x)] for x in ("tp", "fp", "fn"))
            p = tp / max(1, tp + fp)
            r = tp / max(1, tp + fn)
            f = 2 * p * r / max(1e-9, p + r)
            print(f"{name:5} {kind:5} P {p:.3f} R {r:.3f} F1 {f:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(required=True)
    for name, func in (("prepare", prepare), ("install", install), ("evaluate", evaluate)):
        sub.add_parser(name).set_defaults(func=func)
    sub.add_parser("train", help="extra arguments go to spacy train").set_defaults(func=train)
    args, extra = parser.parse_known_args()
    if extra and args.func is not train:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.overrides = extra
    args.func(args)


if __name__ == "__main__":
    main()
