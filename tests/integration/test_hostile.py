"""Hostile requests against the app (Flask's test client): each is refused, and refused without writing.

- a login form posted from another site, or naming no site at all;
- a viewer or an anonymous visitor calling each write callback directly (import confirm, rollback,
  clear sample data, a reporting round's due date), whatever the page showed them;
- another site framing the dashboard;
- markup in what users type (a file name, a note, a username) shown back on a page;
- a request body far larger than any upload.
"""

from __future__ import annotations

import base64
import hashlib

import pytest
from dash import dcc
from sqlalchemy import MetaData, select

from dashboard.context import context_of
from dashboard.services.imports import ImportService
from data.users import Role, User, create_user
from layouts.data_table import column_defs
from layouts.history import audit_section, history_table
from tests.support.app import make_app, repo_of
from tests.support.components import text_of, walk
from tests.support.http import SAME_SITE, post_callback
from tests.support.paths import CORPUS

GOOD = CORPUS / "good" / "clumsy_utf8_bom.csv"
PASSWORD = "a long enough password"
OPERATOR = User("test-operator", Role.admin)
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
HOSTILE_CSV = (
    "指标代码,区县(市),年份,数值(单位见说明),分子,分母,数据来源,备注\n"
    f"T1-02,道里,2019,123,,,{IMG},{SCRIPT}\n"
    f'T1-02,南岗区,2019,456,,,,"{IMG}"\n'
).encode()
HOSTILE_NAME = f"{IMG}.csv"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("hostile"))
    engine = repo_of(app).engine
    create_user(engine, "viewer", PASSWORD, "viewer")
    create_user(engine, "admin", PASSWORD, "admin")
    imports = context_of(app).imports
    imports.commit(OPERATOR, imports.preview(GOOD.read_bytes(), GOOD.name))  # real figures: clearing is offered
    return app


def store_state(app) -> str:
    """A digest of every row of every table: equal before and after means nothing was written."""
    engine = repo_of(app).engine
    meta = MetaData()
    meta.reflect(engine)
    digest = hashlib.sha256()
    with engine.connect() as c:
        for name in sorted(meta.tables):
            table = meta.tables[name]
            for row in c.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr((name, tuple(row))).encode())
    return digest.hexdigest()


def _client(app, username: str | None):
    client = app.server.test_client()
    if username:
        resp = client.post("/auth/login", data={"username": username, "password": PASSWORD}, headers=SAME_SITE)
        assert "error" not in resp.headers["Location"]
    return client


# -- a login form from elsewhere ----------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/login"},
        {"Origin": "https://evil.example", "Referer": "http://localhost/login"},
        {"Origin": "http://localhost.evil.example"},
    ],
    ids=["neither", "foreign-origin", "null-origin", "foreign-referer", "foreign-origin-own-referer", "lookalike"],
)
def test_a_login_post_that_does_not_come_from_this_site_is_refused_and_writes_nothing(app, headers):
    client = app.server.test_client()
    before = store_state(app)
    resp = client.post("/auth/login", data={"username": "admin", "password": PASSWORD}, headers=headers)
    assert resp.status_code == 403
    assert "kepu_session" not in resp.headers.get("Set-Cookie", "")
    assert store_state(app) == before  # no audit row either


def test_a_login_post_whose_referer_names_this_site_is_accepted(app):
    client = app.server.test_client()
    resp = client.post(
        "/auth/login", data={"username": "admin", "password": PASSWORD}, headers={"Referer": "http://localhost/login"}
    )
    assert resp.status_code == 303 and "kepu_session" in resp.headers.get("Set-Cookie", "")


# -- write callbacks called directly ---------------------------------------------------------------


def _confirm_import(client, app) -> str:
    imports: ImportService = context_of(app).imports
    token = imports.preview(GOOD.read_bytes(), "again.csv").state_token  # a real, current preview
    contents = "data:text/csv;base64," + base64.b64encode(GOOD.read_bytes()).decode()
    resp = post_callback(
        client,
        "upload-batch.data",
        {"upload-confirm.n_clicks": 1},
        {
            "upload-file.contents": contents,
            "upload-file.filename": "again.csv",
            "upload-token.data": {"token": token},
            "upload-lang.data": "en",
            "url.search": "",
        },
    )
    return resp.get_data(as_text=True)


def _history(client, target) -> str:
    resp = post_callback(
        client,
        "hist-message.children",
        {"hist-confirm.n_clicks": 1},
        {"hist-target.data": target, "history-lang.data": "en", "url.search": ""},
    )
    return resp.get_data(as_text=True)


def _rollback(client, app) -> str:
    batch = next(b for b in context_of(app).imports.batches() if b["kind"] == "import" and b["status"] == "active")
    return _history(client, {"action": "rollback", "batch": batch["id"]})


def _clear(client, app) -> str:
    return _history(client, {"action": "clear"})


def _due_date(client, app) -> str:
    resp = post_callback(
        client,
        "rep-due-message.children",
        {"rep-due-save.n_clicks": 1},
        {"rep-due-input.value": "2021-03-31", "rep-year.value": 2020, "rep-lang.data": "en", "url.search": ""},
    )
    return resp.get_data(as_text=True)


@pytest.mark.parametrize("who", [None, "viewer"], ids=["anonymous", "viewer"])
@pytest.mark.parametrize(
    "write", [_confirm_import, _rollback, _clear, _due_date], ids=["import", "rollback", "clear-sample", "due-date"]
)
def test_a_write_callback_called_directly_by_a_viewer_or_anonymous_is_refused_and_writes_nothing(app, who, write):
    client = _client(app, who)
    assert context_of(app).imports.status()["sample_rows"] > 0  # there is something to clear
    before = store_state(app)
    answer = write(client, app)
    assert "denied" in answer  # upload-denied / hist-denied: the refusal, in words
    assert store_state(app) == before


def test_an_editor_is_not_refused_by_the_same_calls(app):
    """The refusals above are the roles', not the requests' shape."""
    engine = repo_of(app).engine
    create_user(engine, "editor", PASSWORD, "editor")
    before = store_state(app)
    answer = _confirm_import(_client(app, "editor"), app)
    assert "denied" not in answer and store_state(app) != before


# -- framing ---------------------------------------------------------------------------------------


def test_only_this_site_may_frame_the_dashboard(app):
    resp = app.server.test_client().get("/?embed=1")
    csp = resp.headers["Content-Security-Policy"]
    ancestors = next(d for d in csp.split(";") if d.strip().startswith("frame-ancestors")).split()[1:]
    assert ancestors == ["'self'"]
    assert resp.headers["X-Frame-Options"] == "SAMEORIGIN"


# -- markup typed by users -------------------------------------------------------------------------


def _no_markup_renderers(tree) -> None:
    for c in walk(tree):
        assert not isinstance(c, dcc.Markdown), c
        assert not getattr(c, "dangerously_allow_html", False), c


def test_markup_in_a_file_name_note_or_username_is_shown_as_text(app):
    imports: ImportService = context_of(app).imports
    admin = User("admin", Role.admin)
    pv = imports.preview(HOSTILE_CSV, HOSTILE_NAME)
    assert pv.ok, [p.to_dict() for p in pv.errors]
    imports.commit(admin, pv)
    client = _client(app, None)
    client.post("/auth/login", data={"username": SCRIPT, "password": "x" * 10}, headers=SAME_SITE)  # a failed login

    # history page: the file name in the table, the note-less batch, the username typed in the audit log
    table, audit = history_table(imports, admin, "en"), audit_section(imports, admin, "en")
    for tree in (table, audit):
        _no_markup_renderers(tree)
    strings = [c.children for c in walk([table, audit]) if isinstance(getattr(c, "children", None), str)]
    assert any(IMG in s for s in strings)  # the file name, as a string child (Dash renders it as text)
    assert any(SCRIPT in s for s in strings)  # the username tried

    # data page: the grid's rows carry the note and source as values; no column renders HTML
    answer = post_callback(
        client,
        "dt-grid.rowData",
        {"dt-task.value": None, "dt-indicator.value": "T1-02", "dt-district.value": "230102", "dt-year.value": 2019},
        {"url.pathname": "/data", "url.search": ""},
    ).get_json()["response"]
    rows = [r for r in answer["dt-grid"]["rowData"] if r.get("year") == 2019]
    assert rows and rows[0]["note"] == SCRIPT
    defs = text_of(column_defs("en"))
    assert "cellRenderer" not in defs and "markdown" not in defs.lower() and "dangerously" not in defs
    # and nothing the server sends as HTML holds it: pages are drawn from JSON in the browser
    page = client.get("/history").get_data(as_text=True) + client.get("/data").get_data(as_text=True)
    assert SCRIPT not in page and IMG not in page


# -- oversized bodies --------------------------------------------------------------------------------


def test_a_huge_callback_body_is_refused_413_without_a_traceback(app):
    client = app.server.test_client()
    before = store_state(app)
    body = b'{"output": "x", "pad": "' + b"a" * (20 * 1024 * 1024) + b'"}'
    resp = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert resp.status_code == 413
    text = resp.get_data(as_text=True)
    assert "Traceback" not in text and "werkzeug" not in text.lower()
    assert "请求过大" in text and "too large" in text
    assert store_state(app) == before


def test_the_largest_upload_still_fits_in_a_callback_body(app):
    settings = context_of(app).settings
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    assert limit == settings.request_limit() < 20 * 1024 * 1024
    assert limit > settings.import_max_bytes * 4 / 3 + 512 * 1024  # base64 and the callback's JSON around it


# -- over HTTPS (a proxy that terminates TLS and sends X-Forwarded-Proto) ----------------------------


def test_over_https_responses_ask_for_https_from_now_on_and_cookies_are_secure(app):
    client = app.server.test_client()
    plain = client.get("/healthz")
    assert "Strict-Transport-Security" not in plain.headers  # plain http: HSTS would lock the host out of it
    secure = app.server.test_client()
    resp = secure.post(
        "/auth/login",
        base_url="https://localhost",
        data={"username": "admin", "password": PASSWORD},
        headers={"Origin": "https://localhost"},
    )
    assert resp.status_code == 303
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=")
    cookie = next(c for c in resp.headers.getlist("Set-Cookie") if c.startswith("kepu_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
