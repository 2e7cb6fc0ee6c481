"""Memo: a pure function's results kept for one linking run, then dropped with it.

Linking asks the same questions of few distinct values many times (a corpus repeats its
measures' wordings and its time values). A stage creates its memos when it starts and passes
them down; nothing is kept between runs, so no module holds results.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict[K, V]):
    """``fn``'s result per argument, computed on first use: ``memo[arg]``.

    A dict whose missing keys compute themselves, so a repeated look-up costs one dict access
    (``memo.__getitem__`` is the memoized ``fn`` as a callable).
    """

    def __init__(self, fn: Callable[[K], V]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, arg: K) -> V:
        value = self.fn(arg)
        self[arg] = value
        return value
