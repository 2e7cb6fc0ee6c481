"""Modal screens: help, choosers (article, filter), warnings, and the fatal-input message."""
