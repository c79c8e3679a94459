"""Fixtures of the integration tests: the app on a store of its own, and its repository.

A module gets one app (``app``, module scope, sample data on SQLite) unless it defines its own
``app`` fixture with other settings; ``repo`` is always that app's repository, reached through the
app context as the app's own code reaches it.
"""

from __future__ import annotations

import pytest

from tests.support.app import freeze_version, make_app, repo_of


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "store_unchanged: the module's tests never change its app's store (the repository reads "
        "the data version once instead of on every cached look-up)",
    )


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app on a fresh SQLite store of sample data, one per test module."""
    return make_app(tmp_path_factory.mktemp("app"))


@pytest.fixture(scope="module")
def repo(app, request):
    """The module's app's repository; its data version frozen in a module marked ``store_unchanged``."""
    repo = repo_of(app)
    if request.node.get_closest_marker("store_unchanged"):
        freeze_version(repo)
    return repo


@pytest.fixture(scope="module")
def client(app):
    """Flask's test client on the module's app (one cookie jar for the module)."""
    return app.server.test_client()


@pytest.fixture(scope="session")
def report_store_url(tmp_path_factory):
    """The store of the report tests (test_reports.py, test_reports_documents.py): sample data take
    seconds to generate, so both modules share one store, made and filled once per session."""
    return f"sqlite:///{tmp_path_factory.mktemp('report-store') / 'k.sqlite3'}"


@pytest.fixture(scope="session")
def report_repo(report_store_url):
    from dashboard.repository import Repository
    from dashboard.settings import Settings

    return Repository.from_settings(Settings.from_env(database_url=report_store_url))
