"""Pages rendered without a browser: the one place tests call the layouts.

Every test that wants a page's component tree comes through here, so a change to what layouts are
handed (a repository today) is made once.
"""

from __future__ import annotations

from dashboard.repository import Repository
from dashboard.viewstate import ViewState, parse


def render_state(repo: Repository, state: ViewState):
    """The component tree the app shows for a view state (``layouts.pages.render``)."""
    from layouts import pages

    return pages.render(state, repo)


def render_page(repo: Repository, path: str, search: str = ""):
    """The component tree the app shows at ``path`` + ``search`` (a URL's query, with its ``?``)."""
    return render_state(repo, parse(path, search, repo.choices()))
