"""``spacy train --code`` hooks: train with the vocabulary the shipped pipeline runs with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import spacy


@spacy.registry.callbacks("newsdash.base_vocab.v1")
def base_vocab(path: str) -> Callable[[Any], Any]:
    """Give the training pipeline the base model's lookups (its ``lexeme_norm`` table), so
    the NORM features the recognizer is trained on are the ones it sees at run time."""

    def before_init(nlp: Any) -> Any:
        base = spacy.load(path, exclude=["tok2vec", "tagger", "parser", "senter", "ner",
                                         "attribute_ruler", "lemmatizer"])  # fmt: skip
        nlp.vocab.lookups = base.vocab.lookups
        assert nlp.vocab["colour"].norm_ == "color", "lexeme norms not in place"
        return nlp

    return before_init
