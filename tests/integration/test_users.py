"""Accounts and roles: hashed passwords, authentication, role checks on the server side."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data import schema
from data.users import (
    PermissionDenied,
    Role,
    User,
    UserError,
    authenticate,
    create_user,
    get_user,
    list_users,
    require_role,
    set_password,
    set_role,
)

ADMIN = User("root", Role.admin)


def test_passwords_are_stored_hashed_and_checked(engine):
    create_user(engine, "zhang", "correct horse", "editor")
    with engine.connect() as conn:
        stored = conn.execute(select(schema.User.password_hash)).scalar_one()
    assert "correct horse" not in stored and stored.startswith(("scrypt:", "pbkdf2:"))
    assert authenticate(engine, "zhang", "correct horse") == User("zhang", Role.editor)
    assert authenticate(engine, "zhang", "wrong password") is None
    assert authenticate(engine, "nobody", "correct horse") is None
    assert [u["username"] for u in list_users(engine)] == ["zhang"]
    assert "password_hash" not in list_users(engine)[0]


def test_roles_can_be_changed_and_passwords_reset(engine):
    create_user(engine, "li", "password1", "viewer")
    assert set_role(engine, "li", "editor", by=ADMIN).role is Role.editor
    assert get_user(engine, "li").role is Role.editor
    set_password(engine, "li", "password2", by=User("li", Role.editor))  # a user changes their own
    assert authenticate(engine, "li", "password2") is not None
    with pytest.raises(PermissionDenied):
        set_password(engine, "root", "hijacked!", by=User("li", Role.editor))


@pytest.mark.parametrize(
    "name, password, role, key",
    [
        ("a b", "password1", "viewer", "bad_username"),
        ("ok", "short", "viewer", "short_password"),
        ("ok", "password1", "superuser", "bad_role"),
    ],
)
def test_bad_accounts_are_refused_with_a_message(engine, name, password, role, key):
    with pytest.raises(UserError) as info:
        create_user(engine, name, password, role)
    assert info.value.key == key and info.value.zh and info.value.en


def test_a_username_is_taken_once(engine):
    create_user(engine, "wang", "password1")
    with pytest.raises(UserError) as info:
        create_user(engine, "wang", "password2")
    assert info.value.key == "user_exists"


def test_only_admins_manage_users(engine):
    with pytest.raises(PermissionDenied):
        create_user(engine, "x", "password1", "admin", by=User("ed", Role.editor))
    create_user(engine, "x", "password1", "viewer", by=ADMIN)
    with pytest.raises(PermissionDenied):
        set_role(engine, "x", "admin", by=User("x", Role.viewer))


@pytest.mark.parametrize(
    "role, allowed",
    [
        (Role.viewer, {"view"}),
        (Role.editor, {"view", "import", "rollback"}),  # clearing sample data cannot be undone: admin only
        (Role.admin, {"view", "import", "rollback", "clear_sample", "manage_users"}),
    ],
)
def test_each_role_may_do_what_it_includes(role, allowed):
    user = User("u", role)
    for action in ("view", "import", "rollback", "clear_sample", "manage_users"):
        if action in allowed:
            assert require_role(user, action) is user
        else:
            with pytest.raises(PermissionDenied) as info:
                require_role(user, action)
            assert info.value.zh and info.value.en


def test_nobody_and_unknown_actions_are_denied():
    with pytest.raises(PermissionDenied):
        require_role(None, "view")
    with pytest.raises(PermissionDenied):
        require_role(User("ed", Role.editor), "drop_everything")  # unknown actions need admin
    with pytest.raises(PermissionDenied):
        require_role({"username": "forged", "role": "admin"}, "import")  # only a User counts
