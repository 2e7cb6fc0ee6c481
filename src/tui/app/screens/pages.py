"""The pages pushed over the dashboard: a person's, the conflict view, a date's. On each,
the page's own keys apply (the dashboard's record keys wait under it), and a row shown in
Source comes back to its page with Esc."""

from __future__ import annotations

from tui.app.screens.conflict import ConflictScreen
from tui.app.screens.date import DateScreen
from tui.app.screens.person import PersonScreen

PAGES = (PersonScreen, ConflictScreen, DateScreen)
