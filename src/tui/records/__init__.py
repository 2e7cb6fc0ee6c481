"""Records: the data every layer shares, below all of them.

:mod:`tui.records.extraction` is the per-article extraction the store caches. Nothing here
imports an extractor, the store, linking or the UI.
"""
