"""Extractors: pure functions of one parsed article (:class:`tui.nlp.ParsedArticle`).

Rooms: :mod:`tui.extract.people` (people, roles, quotes), :mod:`tui.extract.timex` (time
expressions and event anchors), :mod:`tui.extract.figures` (reported numbers), and
:mod:`tui.extract.article`, which runs them all. Each returns records whose offsets index
into ``article.text``. Cross-article work (merging people, grouping events, comparing
figures) lives in :mod:`tui.link`. Everything one article yields together is a
:class:`tui.records.extraction.ArticleExtraction`; this package module imports nothing, so
that importing one extractor does not load them all.
"""
