"""newsdash: structured, linked records from a folder of news articles.

The data layer (models, ingest, extract, link, pipeline, export, cli) never imports
Textual; the dashboard lives in :mod:`tui.app`.
"""

__version__ = "0.1.0"
