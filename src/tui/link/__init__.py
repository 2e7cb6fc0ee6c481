"""Cross-article linking: people merged across articles, events grouped, figures compared."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a block that builds many long-lived records.

    A corpus-wide stage creates tens of thousands of records that all survive it; every
    automatic collection during it walks every live object (the loaded corpus included) and
    frees nothing. Reference counting still frees everything as usual; the collector's
    previous state is restored on exit.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
