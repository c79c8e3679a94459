"""The audit log: each event is written where it happens, admins read it on the history page and with
``kepu audit``, and no password ever reaches it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from dashboard.cli import cli
from dashboard.services.imports import ImportService
from data.audit import list_events
from data.users import PermissionDenied, Role, User
from layouts.history import audit_section
from tests.support.app import make_app, repo_of
from tests.support.components import text_of
from tests.support.http import SAME_SITE
from tests.support.paths import CORPUS

GOOD = CORPUS / "good" / "clumsy_utf8_bom.csv"
PASSWORD = "a long enough password"
ADMIN = User("admin", Role.admin)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("audit"), login_max_failures=3)


@pytest.fixture(scope="module")
def url(app):
    return str(repo_of(app).engine.url)


def _kepu(url: str, *args: str, stdin: str | None = None):
    result = CliRunner().invoke(cli, ["--database-url", url, *args], input=stdin, obj={}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _events(app, event: str) -> list[dict]:
    return [e for e in list_events(repo_of(app).engine, 1000) if e["event"] == event]


def test_accounts_made_and_changed_on_the_command_line_are_recorded_with_the_operator(app, url):
    _kepu(url, "users", "create", "admin", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    _kepu(url, "users", "create", "ed", "--role", "viewer", "--password-stdin", stdin=PASSWORD + "\n")
    _kepu(url, "users", "set-role", "ed", "editor")
    created = _events(app, "user_created")
    assert [e["detail"] for e in created] == ["ed (viewer)", "admin (admin)"]
    assert all(e["username"].startswith("cli:") for e in created)
    assert _events(app, "role_changed")[0]["detail"] == "ed: viewer -> editor"


def test_imports_rollbacks_and_sample_clears_name_who_batch_and_plan(app):
    repo = repo_of(app)
    imports = ImportService(repo.engine, repo.plan)
    editor = User("ed", Role.editor)
    batch = imports.commit(editor, imports.preview(GOOD.read_bytes(), GOOD.name))
    imports.rollback(editor, batch)
    imports.commit(editor, imports.preview(GOOD.read_bytes(), "again.csv"))
    with pytest.raises(PermissionDenied):
        imports.clear_sample(editor)
    imports.clear_sample(ADMIN)
    (imported, again) = sorted(_events(app, "import"), key=lambda e: e["id"])
    assert (imported["username"], imported["batch_id"], imported["plan_code"]) == ("ed", batch, repo.plan.code)
    assert GOOD.name in imported["detail"] and "again.csv" in again["detail"]
    (rolled,) = _events(app, "rollback")
    assert (rolled["username"], rolled["batch_id"]) == ("ed", batch)
    (cleared,) = _events(app, "sample_cleared")  # the refused try wrote nothing
    assert cleared["username"] == "admin" and cleared["plan_code"] == repo.plan.code


def test_logins_failures_and_a_lockout_are_recorded_with_the_address_never_the_password(app):
    client = app.server.test_client()

    def post(password: str):
        data = {"username": "ed", "password": password}
        return client.post("/auth/login", data=data, headers=SAME_SITE, environ_base={"REMOTE_ADDR": "10.1.2.3"})

    assert "error=1" not in post(PASSWORD).headers["Location"]
    for i in range(3):
        post(f"wrong password {i}")
    assert "locked=" in post(PASSWORD).headers["Location"]
    (login,) = _events(app, "login")
    assert (login["username"], login["address"]) == ("ed", "10.1.2.3")
    assert len(_events(app, "login_failed")) == 3
    assert len(_events(app, "lockout")) == 1
    with repo_of(app).engine.connect() as c:
        rows = c.execute(text("SELECT * FROM audit_event")).all()
    assert not any("wrong password" in str(v) or PASSWORD in str(v) for row in rows for v in row)


def test_admins_read_it_on_the_history_page_and_nobody_else(app):
    imports = context_imports(app)
    for user in (None, User("viewer", Role.viewer), User("ed", Role.editor)):
        assert audit_section(imports, user, "zh") is None
        with pytest.raises(PermissionDenied):
            imports.audit(user)
    section = audit_section(imports, ADMIN, "en")
    shown = text_of(section)
    assert "Audit log" in shown and "failed login" in shown and "10.1.2.3" in shown and "lockout" in shown
    assert "审计日志" in text_of(audit_section(imports, ADMIN, "zh"))


def context_imports(app) -> ImportService:
    from dashboard.context import context_of

    return context_of(app).imports


def test_kepu_audit_prints_the_newest_first_as_text_or_json(app, url):
    rows = json.loads(_kepu(url, "audit", "--json", "--limit", "3"))
    assert len(rows) == 3 and rows[0]["id"] > rows[1]["id"] > rows[2]["id"]
    assert set(rows[0]) >= {"at", "event", "username", "address", "plan_code", "batch_id", "detail"}
    out = _kepu(url, "audit")
    assert "user_created" in out and "lockout" in out and "10.1.2.3" in out


def test_an_empty_log_says_so(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    _kepu(url, "db", "upgrade")
    assert "audit log is empty" in _kepu(url, "audit")
