"""Cross-article linking: people merged across articles, events grouped, figures compared."""
