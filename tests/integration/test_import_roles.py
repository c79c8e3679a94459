"""Each write action as each role, through the web and through the CLI: one service, one table of rules.

The actions (import, rollback, clear sample data) go through
``dashboard.services.imports.ImportService`` from both surfaces and are checked
against ``data.users.ACTIONS``; this test says what each role may do and checks
that the browser's callbacks and ``kepu`` agree, by what ends up in the store.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import cli
from dashboard.repository import Repository
from dashboard.services.imports import ImportService
from dashboard.settings import Settings
from data.users import ACTIONS, Role, User, create_user

ROOT = Path(__file__).resolve().parents[2]
GOOD = next(ROOT.glob("tests/**/import_corpus/good/clumsy_utf8_bom.csv"))
ROLES = ("viewer", "editor", "admin")
# What the product promises, written out so that a change to the table is a visible decision.
MAY = {
    "viewer": set(),
    "editor": {"import", "rollback", "set_due_date", "note"},
    "reviewer": {"import", "rollback", "set_due_date", "review", "note"},
    "admin": {"import", "rollback", "set_due_date", "review", "note", "clear_sample"},
}
OPERATOR = User("test-operator", Role.admin)


def test_the_promise_is_the_table():
    for role, actions in MAY.items():
        for action in ("import", "rollback", "set_due_date", "review", "note", "clear_sample"):
            assert (Role(role).rank >= ACTIONS[action].rank) == (action in actions), (role, action)


@pytest.fixture
def store(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    repo = Repository.from_settings(Settings.from_env(database_url=url))  # a new store with sample data
    return url, repo, ImportService(repo.engine, repo.plan)


def _batches(imports: ImportService) -> list[dict]:
    return [b for b in imports.batches() if b["kind"] not in ("sample", "facility_sample")]  # generated, not imported


def _web(repo: Repository, imports: ImportService, user: User | None, action: str, batch: int | None) -> None:
    from callbacks.history import history_action
    from callbacks.upload import confirm_upload, preview_upload

    if action == "import":
        contents = "data:text/csv;base64," + base64.b64encode(GOOD.read_bytes()).decode()
        _, _, token, _ = preview_upload(repo, imports, user, contents, GOOD.name, "zh")
        confirm_upload(repo, imports, user, 1, contents, GOOD.name, token or {"token": "none"}, "zh")
    elif action == "rollback":
        history_action(imports, user, 1, {"action": "rollback", "batch": batch}, "zh")
    else:
        history_action(imports, user, 1, {"action": "clear"}, "zh")


def _cli(url: str, name: str, action: str, batch: int | None) -> None:
    args = {"import": ["import", str(GOOD)], "rollback": ["rollback", str(batch)], "clear_sample": ["sample", "clear"]}[
        action
    ]
    CliRunner().invoke(cli, ["--database-url", url, *args, "--user", name], obj={}, catch_exceptions=False)


@pytest.mark.parametrize("surface", ["web", "cli"])
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_what_the_table_says_through_web_and_cli(store, surface, role):
    url, repo, imports = store
    name = f"{role}-1"
    create_user(repo.engine, name, "a long enough password", role)
    user = User(name, Role(role))

    def act(action: str, batch: int | None = None) -> None:
        if surface == "web":
            _web(repo, imports, user, action, batch)
        else:
            _cli(url, name, action, batch)

    # import
    act("import")
    imported = _batches(imports)
    assert bool(imported) == ("import" in MAY[role]), f"{role} import through {surface}"
    assert all(b["created_by"] == name for b in imported)

    # rollback: of a batch the operator imported if the role could not import one itself
    if not imported:
        imports.commit(OPERATOR, imports.preview(GOOD.read_bytes(), GOOD.name))
    batch = _batches(imports)[0]["id"]
    act("rollback", batch)
    rolled = next(b for b in imports.batches() if b["id"] == batch)["status"] != "active"
    assert rolled == ("rollback" in MAY[role]), f"{role} rollback through {surface}"

    # clear sample data, once real figures exist
    imports.commit(OPERATOR, imports.preview(GOOD.read_bytes(), "again-" + GOOD.name))
    assert imports.status()["sample_rows"] > 0
    act("clear_sample")
    cleared = imports.status()["sample_rows"] == 0
    assert cleared == ("clear_sample" in MAY[role]), f"{role} clear sample through {surface}"
