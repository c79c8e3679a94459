"""Accounts and roles, checked on the server.

Four roles, each including the one before it:

- viewer: looks at the dashboard (by default anyone who can reach it);
- editor: imports figures, rolls import batches back and sets a reporting round's due date;
- reviewer: also accepts or returns imports awaiting review (KEPU_REVIEW_IMPORTS), and its own
  imports count at once;
- admin: manages accounts (and reviews).

Passwords are stored as werkzeug hashes (scrypt or pbkdf2, salted); the
plain password never reaches the store.  Every write path (``data.importer``
commit and rollback, the user functions here) calls ``require_role`` itself,
so hiding a button in the UI is never the only guard.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from data import schema
from data.audit import record_in


class Role(str, enum.Enum):
    viewer = "viewer"
    editor = "editor"
    reviewer = "reviewer"
    admin = "admin"

    @property
    def rank(self) -> int:
        return ROLE_ORDER.index(self.value)


ROLE_ORDER = ("viewer", "editor", "reviewer", "admin")  # each role may do what the ones before it may


# The least role each action needs.
ACTIONS: dict[str, Role] = {
    "view": Role.viewer,
    "import": Role.editor,
    "rollback": Role.editor,
    "set_due_date": Role.editor,  # a reporting round's due date (data/reporting.py)
    "review": Role.reviewer,  # accept or return an import awaiting review (data/review.py)
    "note": Role.editor,  # write, edit or withdraw a note on values (data/notes.py)
    "clear_sample": Role.admin,  # it cannot be rolled back, only generated again
    "manage_users": Role.admin,
    "read_audit": Role.admin,  # the audit log names who logged in from where
}

USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
MIN_PASSWORD = 8


class PermissionDenied(Exception):
    """The user's role does not allow the action; carries a bilingual message."""

    def __init__(self, user: User | None, action: str):
        self.user = user
        self.action = action
        need = ACTIONS.get(action, Role.admin).value
        who = user.username if user else "(anonymous)"
        self.zh = f"无权限:{who} 不能执行 {action}(需要 {need} 角色)"
        self.en = f"permission denied: {who} may not {action} (needs role {need})"
        super().__init__(f"{self.zh} / {self.en}")


class UserError(ValueError):
    """A bad username, password or role, or an unknown / duplicate user."""

    def __init__(self, key: str, zh: str, en: str):
        self.key, self.zh, self.en = key, zh, en
        super().__init__(f"{zh} / {en}")


@dataclass(frozen=True)
class User:
    """Who is acting: what the UI keeps in the session and the CLI builds."""

    username: str
    role: Role

    def can(self, action: str) -> bool:
        return self.role.rank >= ACTIONS.get(action, Role.admin).rank


def require_role(user: User | None, action: str) -> User:
    """Return ``user`` if it may do ``action``; raise PermissionDenied otherwise.

    An unknown action needs admin, so a typo never opens a door.
    """
    if user is None or not isinstance(user, User) or not user.can(action):
        raise PermissionDenied(user if isinstance(user, User) else None, action)
    return user


def _role(role: str | Role) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise UserError(
            "bad_role",
            f"未知角色 {role!r}(应为 viewer、editor、reviewer 或 admin)",
            f"unknown role {role!r} (viewer, editor, reviewer or admin)",
        ) from None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _actor(by: User | None, actor: str | None) -> str | None:
    """Who the audit log names for an account change: the admin acting, or the CLI's operator."""
    return by.username if by is not None else actor


def create_user(
    engine: Engine,
    username: str,
    password: str,
    role: str | Role = Role.viewer,
    by: User | None = None,
    *,
    actor: str | None = None,
) -> User:
    """Add an account.  ``by`` must be an admin, except for the very first account
    (created from the command line to bootstrap a fresh store) — pass ``by=None``
    only from trusted code such as the CLI, with ``actor`` naming the operator for the audit log."""
    if by is not None:
        require_role(by, "manage_users")
    role = _role(role)
    if not isinstance(username, str) or not USERNAME.match(username):
        raise UserError(
            "bad_username",
            "用户名只能包含字母、数字和 _ . @ -,最长 64 个字符",
            "usernames are 1-64 letters, digits or _ . @ -",
        )
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise UserError(
            "short_password", f"密码至少 {MIN_PASSWORD} 个字符", f"passwords need at least {MIN_PASSWORD} characters"
        )
    with Session(engine) as s, s.begin():
        if s.get(schema.User, username) is not None:
            raise UserError("user_exists", f"用户 {username} 已存在", f"user {username} already exists")
        s.add(
            schema.User(
                username=username, password_hash=generate_password_hash(password), role=role.value, created_at=_now()
            )
        )
        record_in(s.connection(), "user_created", _actor(by, actor), detail=f"{username} ({role.value})")
    return User(username, role)


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    """The user if the password is right, else None (same answer for an unknown name)."""
    if not isinstance(username, str) or not isinstance(password, str):
        return None  # type: ignore[unreachable]  # form data from callers the type checker does not see
    with Session(engine) as s:
        row = s.get(schema.User, username)
        if row is None:
            # Hash anyway so that timing does not tell which names exist.
            check_password_hash(_dummy_hash(), password)
            return None
        if not check_password_hash(row.password_hash, password):
            return None
        return User(row.username, Role(row.role))


def get_user(engine: Engine, username: str) -> User | None:
    with Session(engine) as s:
        row = s.get(schema.User, username)
        return User(row.username, Role(row.role)) if row else None


def set_role(
    engine: Engine, username: str, role: str | Role, by: User | None = None, *, actor: str | None = None
) -> User:
    if by is not None:
        require_role(by, "manage_users")
    role = _role(role)
    with Session(engine) as s, s.begin():
        row = s.get(schema.User, username)
        if row is None:
            raise UserError("unknown_user", f"没有用户 {username}", f"no user {username}")
        old = row.role
        row.role = role.value
        record_in(s.connection(), "role_changed", _actor(by, actor), detail=f"{username}: {old} -> {role.value}")
    return User(username, role)


def set_password(
    engine: Engine, username: str, password: str, by: User | None = None, *, actor: str | None = None
) -> None:
    """Change a password: admins for anyone, a user for themself."""
    if by is not None and by.username != username:
        require_role(by, "manage_users")
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise UserError(
            "short_password", f"密码至少 {MIN_PASSWORD} 个字符", f"passwords need at least {MIN_PASSWORD} characters"
        )
    with Session(engine) as s, s.begin():
        row = s.get(schema.User, username)
        if row is None:
            raise UserError("unknown_user", f"没有用户 {username}", f"no user {username}")
        row.password_hash = generate_password_hash(password)
        record_in(s.connection(), "password_changed", _actor(by, actor), detail=username)


def delete_user(engine: Engine, username: str, by: User | None = None, *, actor: str | None = None) -> None:
    if by is not None:
        require_role(by, "manage_users")
    with Session(engine) as s, s.begin():
        row = s.get(schema.User, username)
        if row is None:
            raise UserError("unknown_user", f"没有用户 {username}", f"no user {username}")
        s.delete(row)
        record_in(s.connection(), "user_deleted", _actor(by, actor), detail=username)


def list_users(engine: Engine) -> list[dict[str, Any]]:
    """Accounts without their hashes, oldest first."""
    with Session(engine) as s:
        rows = s.scalars(select(schema.User).order_by(schema.User.created_at, schema.User.username)).all()
        return [{"username": r.username, "role": r.role, "created_at": r.created_at} for r in rows]


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash("not a real password")
