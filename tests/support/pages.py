"""Pages rendered without a browser: the one place tests call the layouts.

Every test that wants a page's component tree comes through here, so a change to what layouts are
handed (an app context) is made once.
"""

from __future__ import annotations

from dashboard.context import AppContext, Viewer
from dashboard.repository import Repository
from dashboard.settings import Settings
from dashboard.viewstate import ViewState, parse


def context_for(repo: Repository, viewer: Viewer | None = None) -> AppContext:
    """What the app factory hands layouts, around this repository (anonymous unless ``viewer``)."""
    return AppContext(repo=repo, settings=Settings.from_env(), viewer=viewer or Viewer())


def render_state(repo: Repository, state: ViewState, viewer: Viewer | None = None):
    """The component tree the app shows for a view state (``layouts.pages.render``)."""
    from layouts import pages

    return pages.render(state, context_for(repo, viewer))


def render_page(repo: Repository, path: str, search: str = ""):
    """The component tree the app shows at ``path`` + ``search`` (a URL's query, with its ``?``)."""
    return render_state(repo, parse(path, search, repo.choices()))
