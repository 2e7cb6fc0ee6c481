"""Extractors: pure functions of one article (its text, boilerplate and publication date).

Each returns records whose offsets index into ``article.text``. Cross-article work (merging
people, grouping events, comparing figures) lives in :mod:`tui.link`. Everything one article
yields together is :class:`tui.extract.article.ArticleExtraction`; this package module
imports nothing, so that importing one extractor does not load them all.
"""
