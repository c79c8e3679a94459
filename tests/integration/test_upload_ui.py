"""Import, history and login pages without a browser: callbacks as functions and over HTTP.

Writes are checked on the server: these tests post to /_dash-update-component
exactly as the browser does, with the session cookie of an editor, a viewer or
nobody, and look at the store afterwards.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy import select

from callbacks.upload import confirm_upload, decode, preview_upload
from dashboard.context import context_of
from dashboard.services.imports import ImportService
from dashboard.settings import Settings
from data import schema
from data.importer import commit_import, list_batches, preview_import
from data.users import Role, User, create_user
from tests.support.app import make_app, repo_of
from tests.support.http import SAME_SITE, post_callback
from tests.support.paths import CORPUS

GOOD = CORPUS / "good" / "clumsy_utf8_bom.csv"
PASSWORD = "correct horse battery"
DAOLI, NANGANG = "230102", "230103"


def data_url(path: Path) -> str:
    mime = "text/csv" if path.suffix == ".csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def csv_url(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode("utf-8")).decode()


def app_with_users(tmp_path_factory, **settings):
    """An app on a store of its own with an editor, a viewer and an administrator."""
    app = make_app(tmp_path_factory.mktemp("upload-ui"), secret_key="test-secret", **settings)
    for name, role in (("editor", "editor"), ("viewer", "viewer"), ("admin", "admin")):
        create_user(repo_of(app).engine, name, PASSWORD, role)
    return app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return app_with_users(tmp_path_factory)


@pytest.fixture
def client(app):
    return app.server.test_client()  # a fresh cookie jar: anonymous until it logs in


def login(client, name: str, password: str = PASSWORD, next_url: str = "/"):
    return client.post(
        "/auth/login", data={"username": name, "password": password, "next": next_url}, headers=SAME_SITE
    )


def snapshot(repo) -> tuple:
    """Everything an import or rollback could touch."""
    with repo.engine.connect() as conn:
        obs = conn.execute(select(schema.Observation).order_by(schema.Observation.id)).all()
        batches = conn.execute(select(schema.ImportBatch).order_by(schema.ImportBatch.id)).all()
        changes = conn.execute(select(schema.ObservationChange)).all()
    return [tuple(r) for r in obs], [tuple(r) for r in batches], len(changes)


def value(repo, indicator: str, region: str, year: int):
    o = schema.Observation
    with repo.engine.connect() as conn:
        return conn.execute(
            select(o.value, o.is_sample).where(o.indicator_code == indicator, o.region_code == region, o.year == year)
        ).first()


def response(resp) -> dict:
    return resp.get_json()["response"]


def text_of(component) -> str:
    """A component tree (or its JSON from a response) as text to search."""
    return json.dumps(component, ensure_ascii=False, cls=PlotlyJSONEncoder)


def preview_http(client, contents: str, filename: str, lang: str = "zh") -> dict:
    return response(
        post_callback(
            client,
            "upload-token.data",
            {"upload-file.contents": contents},
            {"upload-file.filename": filename, "upload-lang.data": lang},
        )
    )


def confirm_http(client, contents: str, filename: str, token, lang: str = "zh") -> dict:
    return response(
        post_callback(
            client,
            "upload-confirm.disabled@",
            {"upload-confirm.n_clicks": 1},
            {
                "upload-file.contents": contents,
                "upload-file.filename": filename,
                "upload-token.data": token,
                "upload-lang.data": lang,
            },
        )
    )


def history_http(client, target: dict, lang: str = "zh") -> dict:
    return response(
        post_callback(
            client,
            "hist-message.children",
            {"hist-confirm.n_clicks": 1},
            {"hist-target.data": target, "history-lang.data": lang},
        )
    )


def render_http(client, path: str, search: str = "") -> str:
    resp = post_callback(client, "page.children", {"url.pathname": path}, {"url.search": search})
    return text_of(response(resp))


# -- login ---------------------------------------------------------------------------------


def test_login_with_the_right_password_keeps_the_user_in_the_session(client):
    resp = login(client, "editor", next_url="/upload")
    assert resp.status_code == 303 and resp.headers["Location"].endswith("/upload")
    with client.session_transaction() as s:
        assert s["kepu_user"] == "editor"
    assert "editor" in text_of(
        response(post_callback(client, "chrome.children", {"url.pathname": "/upload"}, {"url.search": ""}))
    )


def test_a_wrong_password_or_unknown_user_goes_back_to_the_form_with_an_error(client):
    for name, password in (("editor", "wrong password"), ("nobody", PASSWORD), ("editor", "")):
        resp = login(client, name, password, next_url="/upload")
        assert resp.status_code == 303
        assert "/login?error=1" in resp.headers["Location"] and "next=%2Fupload" in resp.headers["Location"]
    with client.session_transaction() as s:
        assert "kepu_user" not in s
    out = response(
        post_callback(
            client, "login-error.children", {"url.pathname": "/login", "url.search": "?error=1&next=%2Fupload"}
        )
    )
    assert "用户名或密码不正确" in text_of(out["login-error"]) and out["login-next"]["value"] == "/upload"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x"])
def test_login_never_redirects_to_another_site(client, target):
    assert login(client, "editor", next_url=target).headers["Location"] in ("/", "http://localhost/")


def test_a_form_posted_from_another_site_is_refused(client):
    resp = client.post(
        "/auth/login", data={"username": "editor", "password": PASSWORD}, headers={"Origin": "https://evil.example"}
    )
    assert resp.status_code == 403


def test_logout_ends_the_session(client):
    login(client, "editor")
    assert client.post("/auth/logout", data={"next": "/map"}, headers=SAME_SITE).status_code == 303
    with client.session_transaction() as s:
        assert "kepu_user" not in s


def test_a_deleted_account_is_logged_out_at_its_next_request(app, repo, client):
    from data.users import delete_user

    create_user(repo.engine, "temp-editor", PASSWORD, "editor")
    login(client, "temp-editor")
    delete_user(repo.engine, "temp-editor")
    out = preview_http(client, data_url(GOOD), GOOD.name)
    assert "未登录用户" in text_of(out["upload-preview"])


# -- the upload page -----------------------------------------------------------------------


def test_the_upload_page_tells_viewers_they_need_an_editor_account(client):
    anonymous = render_http(client, "/upload")
    assert "导入数据需要编辑账号" in anonymous and '"upload-file"' not in anonymous
    assert '"upload-template-xlsx"' in anonymous  # the template is for everyone
    login(client, "viewer")
    viewer = render_http(client, "/upload")
    assert "viewer 是查看者" in viewer and '"upload-file"' not in viewer
    login(client, "editor")
    editor = render_http(client, "/upload", "?lang=en")
    assert '"upload-file"' in editor and "Importing as editor (editor)" in editor


def test_the_template_downloads_as_a_workbook(client):
    out = response(post_callback(client, "upload-template.data", {"upload-template-xlsx.n_clicks": 1}))
    download = out["upload-template"]["data"]
    assert download["filename"].endswith(".xlsx") and download["base64"]
    assert base64.b64decode(download["content"])[:2] == b"PK"


@pytest.mark.parametrize("lang, name", [("zh", "科普监测数据填报模板.xlsx"), ("en", "science-literacy-template.xlsx")])
def test_the_template_file_is_named_in_the_page_language(client, lang, name):
    out = response(
        post_callback(
            client, "upload-template.data", {"upload-template-xlsx.n_clicks": 1}, state={"upload-lang.data": lang}
        )
    )
    assert out["upload-template"]["data"]["filename"] == name


def test_the_import_ui_has_no_chinese_typed_into_its_code():
    """Every word of the import pages comes from STRINGS (the template name, the list separator of
    join_names), so nothing Chinese is left on the English page."""
    from tests.unit.test_i18n import ROOT, cjk_literals

    for rel in ("layouts/upload.py", "callbacks/upload.py"):
        assert cjk_literals(ROOT / rel) == [], rel


def test_preview_as_a_function_names_sheet_row_and_column_in_the_ui_language(app, repo):
    imports, editor = context_of(app).imports, User("editor", Role.editor)
    bad = CORPUS / "bad" / "unknown_district.xlsx"
    # The user is passed in: no request or session is needed.
    preview, disabled, token, result = preview_upload(repo, imports, editor, data_url(bad), bad.name, "zh")
    text = text_of(preview)
    assert disabled is True and token is None and result is None
    assert "未知区县" in text and "数据" in text and '"B3"' in text and "upload-problems" in text
    preview_en, *_ = preview_upload(repo, imports, editor, data_url(bad), bad.name, "en")
    assert "unknown district" in text_of(preview_en)

    preview, disabled, token, _ = preview_upload(repo, imports, editor, data_url(GOOD), GOOD.name, "zh")
    text = text_of(preview)
    assert disabled is False and token["token"]
    assert "upload-changes" in text and "道里区" in text and "123" in text


def test_an_unreadable_upload_or_a_crash_is_a_message_not_a_traceback(app, repo, monkeypatch):
    import dashboard.services.imports as service

    imports, editor = context_of(app).imports, User("editor", Role.editor)
    # The user is passed in: no request or session is needed.
    out, disabled, token, _ = preview_upload(repo, imports, editor, "not a data url", "x.csv", "zh")
    assert "无法读取上传的内容" in text_of(out) and disabled and token is None

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "preview_import", boom)
    out, disabled, token, _ = preview_upload(repo, imports, editor, data_url(GOOD), GOOD.name, "en")
    text = text_of(out)
    assert "Something went wrong" in text and "secret internals" not in text and "Traceback" not in text
    out, disabled, batch = confirm_upload(repo, imports, editor, 1, data_url(GOOD), GOOD.name, {"token": "x"}, "zh")
    assert disabled and batch is None
    assert "处理文件时出错" in text_of(out)


def test_an_oversized_upload_is_refused_before_it_is_decoded(app, repo):
    from data.import_read import Limits

    imports = ImportService(repo.engine, repo.plan, Limits(max_bytes=100))
    out, disabled, token, _ = preview_upload(
        repo, imports, User("editor", Role.editor), data_url(GOOD), GOOD.name, "zh"
    )
    assert "超过上限" in text_of(out) and disabled and token is None


def test_an_editor_imports_a_good_file_over_http_and_the_data_version_changes(repo, client):
    assert login(client, "editor").status_code == 303
    before_version = repo.version()
    assert value(repo, "T1-02", DAOLI, 2019).is_sample

    out = preview_http(client, data_url(GOOD), GOOD.name)
    token = out["upload-token"]["data"]
    assert out["upload-confirm"]["disabled"] is False and token["token"]
    assert repo.version() == before_version, "a preview writes nothing"

    out = confirm_http(client, data_url(GOOD), GOOD.name, token)
    text = text_of(out["upload-result"])
    assert "导入成功" in text and "upload-done" in text and out["upload-confirm"]["disabled"] is True
    batch = list_batches(repo.engine, repo.plan.code)[0]
    assert batch["created_by"] == "editor" and batch["filename"] == GOOD.name and f"#{batch['id']}" in text
    assert "/map?indicator=" in text  # the link to see it
    assert repo.version() != before_version
    row = value(repo, "T1-02", DAOLI, 2019)
    assert row.value == 123 and not row.is_sample
    assert repo.series("T1-02", DAOLI)[2019] == 123  # the pages see it at once

    # Confirming the same preview again writes nothing: the store no longer matches it.
    again = confirm_http(client, data_url(GOOD), GOOD.name, token)
    assert "重新预览" in text_of(again["upload-result"])
    assert list_batches(repo.engine, repo.plan.code)[0]["id"] == batch["id"]


@pytest.mark.parametrize("who", [None, "viewer"])
def test_a_viewer_or_anonymous_confirm_is_refused_and_the_store_is_unchanged(repo, client, who):
    contents = csv_url("指标代码,区县,年份,数值\nT1-02,南岗区,2018,999\n")
    token = {"token": preview_import(repo.engine, repo.plan, decode(contents), "attack.csv").state_token}
    if who:
        login(client, who)
    before = snapshot(repo)
    out = confirm_http(client, contents, "attack.csv", token, lang="en")
    text = text_of(out["upload-result"])
    assert "Permission denied" in text and ("anonymous" in text or "viewer" in text)
    out = preview_http(client, contents, "attack.csv")
    assert "无权限" in text_of(out["upload-preview"]) and out["upload-token"]["data"] is None
    assert snapshot(repo) == before


def test_a_preview_the_store_moved_past_is_not_written(repo, client):
    login(client, "editor")
    contents = csv_url("指标代码,区县,年份,数值\nT1-02,呼兰区,2017,321\n")
    token = preview_http(client, contents, "late.csv")["upload-token"]["data"]
    other = preview_import(repo.engine, repo.plan, "指标代码,区县,年份,数值\nT1-02,呼兰区,2017,320\n".encode(), "x.csv")
    commit_import(repo.engine, other, User("editor", Role.editor))
    before = snapshot(repo)
    out = confirm_http(client, contents, "late.csv", token)
    assert "预览之后数据已被修改" in text_of(out["upload-result"])
    assert snapshot(repo) == before


# -- history: rollback and clearing sample data --------------------------------------------


def test_the_history_page_lists_batches_and_offers_rollback_to_editors_only(repo, client):
    login(client, "editor")
    contents = csv_url("指标代码,区县,年份,数值\nT1-02,阿城区,2016,42\n")
    confirm_http(client, contents, "listed.csv", preview_http(client, contents, "listed.csv")["upload-token"]["data"])
    batch = list_batches(repo.engine, repo.plan.code)[0]
    page = render_http(client, "/history")
    assert "listed.csv" in page and batch["checksum"][:12] in page and '"hist-rollback"' in page
    client.post("/auth/logout", headers=SAME_SITE)
    page = render_http(client, "/history")
    assert "listed.csv" in page and '"hist-rollback"' not in page and "回滚导入需要编辑账号" in page


def test_rollback_through_the_callback_restores_the_values(repo, client):
    login(client, "editor")
    before = value(repo, "T1-02", "230108", 2018)
    contents = csv_url("指标代码,区县,年份,数值\nT1-02,平房区,2018,777\n")
    confirm_http(client, contents, "r.csv", preview_http(client, contents, "r.csv")["upload-token"]["data"])
    batch = list_batches(repo.engine, repo.plan.code)[0]["id"]
    assert value(repo, "T1-02", "230108", 2018).value == 777

    # Refused for a viewer and for nobody, even posting the callback directly.
    for who in ("viewer", None):
        other = client.application.test_client()
        if who:
            login(other, who)
        state = snapshot(repo)
        out = history_http(other, {"action": "rollback", "batch": batch})
        assert "无权限" in text_of(out["hist-message"])
        assert snapshot(repo) == state

    out = history_http(client, {"action": "rollback", "batch": batch}, lang="en")
    assert f"Batch #{batch} rolled back" in text_of(out["hist-message"])
    assert tuple(value(repo, "T1-02", "230108", 2018)) == tuple(before)
    assert "by editor, " in text_of(out["history-table"])
    again = history_http(client, {"action": "rollback", "batch": batch})
    assert "已于" in text_of(again["hist-message"])  # already rolled back: a message, not an error page


def test_rollback_of_nonsense_targets_is_a_message(client):
    login(client, "editor")
    for target in (
        {"action": "rollback", "batch": "1; DROP TABLE"},
        {"action": "rollback", "batch": 99999},
        {"action": "rollback", "batch": 1},
    ):
        out = history_http(client, target)
        assert "hist-result" in text_of(out["hist-message"])


def test_clearing_sample_data_is_for_administrators_once_real_data_exist(tmp_path_factory):
    app = app_with_users(tmp_path_factory)
    repo = repo_of(app)
    editor, admin = app.server.test_client(), app.server.test_client()
    login(editor, "editor")
    login(admin, "admin")
    out = history_http(admin, {"action": "clear"})
    assert "示例数据暂不清除" in text_of(out["hist-message"])  # nothing real yet: the pages would be empty

    contents = csv_url("指标代码,区县,年份,数值\nT1-02,道里区,2019,5\n")
    confirm_http(editor, contents, "a.csv", preview_http(editor, contents, "a.csv")["upload-token"]["data"])
    assert '"hist-clear"' not in render_http(editor, "/history")
    assert '"hist-clear"' in render_http(admin, "/history")

    before = snapshot(repo)
    out = history_http(editor, {"action": "clear"})
    assert "需要管理员账号" in text_of(out["hist-message"]) and snapshot(repo) == before

    out = history_http(admin, {"action": "clear"})
    assert "已清除" in text_of(out["hist-message"]) and out["hist-clear-area"]["children"] is None
    assert repo.status()["sample_rows"] == 0 and value(repo, "T1-02", DAOLI, 2019).value == 5


# -- KEPU_REQUIRE_LOGIN -----------------------------------------------------------------------


def test_require_login_sends_every_page_to_the_login_form_until_logged_in(tmp_path_factory):
    app = app_with_users(tmp_path_factory, require_login=True)
    client = app.server.test_client()
    resp = client.get("/map?year=2019")
    assert resp.status_code == 302 and resp.headers["Location"] == "/login?next=%2Fmap%3Fyear%3D2019"
    assert client.get("/login").status_code == 200
    assert client.get("/assets/app.css").status_code == 200
    # The login page's own callbacks answer; the frame shows the form whatever the path.
    assert '"login-form"' in render_http(client, "/map")
    deps = client.get("/_dash-dependencies").get_json()
    map_dep = next(d for d in deps if "mx-map.figure" in d["output"])
    resp = client.post(
        "/_dash-update-component",
        json={"output": map_dep["output"], "outputs": [], "inputs": [], "state": [], "changedPropIds": []},
    )
    assert resp.status_code == 401
    assert client.get(repo_of(app).geojson_url()).status_code == 302

    login(client, "viewer")
    assert client.get("/map").status_code == 200
    assert '"map-page"' in render_http(client, "/map")


def test_without_require_login_anyone_may_view(client):
    assert client.get("/map").status_code == 200
    assert '"map-page"' in render_http(client, "/map")


def test_without_a_secret_key_each_process_makes_one_and_says_so(caplog):
    from types import SimpleNamespace

    import dash

    from dashboard import auth

    app = dash.Dash(__name__)
    with caplog.at_level("WARNING", logger="kepu.auth"):
        auth.init_app(app, SimpleNamespace(engine=None), Settings(secret_key=""))
    assert len(app.server.secret_key) >= 32 and "KEPU_SECRET_KEY" in caplog.text
    configured = dash.Dash(__name__)
    auth.init_app(configured, SimpleNamespace(engine=None), Settings(secret_key="from-the-environment"))
    assert configured.server.secret_key == "from-the-environment"
    assert "from-the-environment" not in repr(Settings(secret_key="from-the-environment"))
