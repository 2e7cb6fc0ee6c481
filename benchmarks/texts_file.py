"""A corpus's texts file, written as a dashboard session saves it, for the benchmarks that
read a corpus as the dashboard then does (``dashboard_memory.py --lean``, ``lean_pages.py``).
Works with the code of another checkout too (``--against``): one that saves only the texts.
"""

from __future__ import annotations

import inspect
import tempfile
from pathlib import Path
from typing import Any


def texts_file(corpus: Any) -> Any:
    """``corpus``'s texts (and statements, when the code saves them there) written to a texts
    file in a new temporary folder, opened: what ``snapshot.unpack(data, texts)`` reads it
    with."""
    from tui import texts as saved_texts

    path = Path(tempfile.mkdtemp(prefix="newsdash-bench-")) / "texts.sqlite"
    pairs = ((a.id, a.text) for a in corpus.articles)
    # What this code saves there: the texts, and the statements, events, figures and people's
    # mentions if it
    # takes them.
    takes = inspect.signature(saved_texts.save_texts).parameters
    held = {
        name: getattr(corpus, name)
        for name in ("quotes", "events", "figures", "people")
        if name in takes
    }
    saved_texts.save_texts(path, "bench", pairs, **held)
    found = saved_texts.SavedTexts.open(path, "bench")
    assert found is not None
    return found
