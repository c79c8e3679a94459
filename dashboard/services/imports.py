"""The import service: preview, commit, roll back and clear sample data, for the web and the CLI alike.

Every write goes through here and is checked against the one table of actions and
roles (``data.users.ACTIONS``): an upload in the browser and ``kepu import`` meet the
same rules, the same district names and the same limits. The web passes the
session's user, the CLI ``--user NAME`` or the operator at the shell (an
administrator: whoever runs the CLI can open the store anyway). A refusal raises
``data.users.PermissionDenied``, whose words name the action and the role needed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from data.audit import list_events
from data.facilities import VENUES, VenuePreview, clear_sample_venues, commit_venues, preview_venues
from data.import_read import FIGURES, Limits, header_found
from data.importer import (
    Preview,
    commit_import,
    district_resolver,
    list_batches,
    preview_import,
    preview_path,
    rollback_batch,
)
from data.plan import Plan
from data.store import clear_sample_data, data_status
from data.users import User, require_role

__all__ = ["ImportService", "Preview", "VenuePreview"]  # Preview: what a preview returns, for the pages that show it


@dataclass(frozen=True)
class ImportService:
    engine: Engine
    plan: Plan
    limits: Limits = Limits()
    shapes_dir: str | None = None  # the repository's: another city's shapes live outside geo/shapes
    review: bool = False  # KEPU_REVIEW_IMPORTS: an import by someone who may not review waits for review

    # -- reading (writes nothing, needs no role) ---------------------------------------------
    def resolver(self) -> Callable[[str], str | None]:
        """geo's district names (suffix-less, former names) for the importer, which may not import geo:
        looked up in the shapes the app runs on (``shapes_dir``, as the repository reads them)."""
        from dashboard.places import name_index

        return name_index(self.plan, self.shapes_dir).resolve

    def preview(self, data: bytes, filename: str) -> Preview | VenuePreview:
        """A file of figures, or a venue list (told apart by its header: 名称 and 类型 columns)."""
        if self.is_venue_list(data, filename):
            return self.preview_venues(data, filename)
        pv = preview_import(self.engine, self.plan, data, filename, resolver=self.resolver(), limits=self.limits)
        return self._with_jumps(pv)

    def is_venue_list(self, data: bytes, filename: str) -> bool:
        """A venue list has the registry's header (名称, 类型 ...) and not the figures' (指标代码 ...):
        the figures template's reference sheet of units has 名称 and 类型 columns too."""
        return (
            bool(self.plan.facility_types)
            and header_found(data, filename, VENUES, self.limits)
            and not header_found(data, filename, FIGURES, self.limits)
        )

    def preview_file(self, path: Path) -> Preview | VenuePreview:
        try:
            if path.is_file() and path.stat().st_size <= self.limits.max_bytes:
                return self.preview(path.read_bytes(), path.name)
        except OSError:
            pass
        pv = preview_path(self.engine, self.plan, path, resolver=self.resolver(), limits=self.limits)
        return self._with_jumps(pv)

    def _with_jumps(self, pv: Preview) -> Preview:
        """The preview's figures that jump past their threshold (dashboard/services/changes.py)."""
        from dashboard.services.changes import import_jumps

        if pv.ok:
            pv.jumps = import_jumps(self.engine, self.plan, pv)
        return pv

    # -- the venue registry (issue 18; data/facilities.py) ------------------------------------
    def placer(self):
        from dashboard.services.facilities import placer_for

        return placer_for(self.plan, self.shapes_dir)

    def preview_venues(self, data: bytes, filename: str, default_datum: str | None = None) -> VenuePreview:
        return preview_venues(
            self.engine,
            self.plan,
            data,
            filename,
            self.placer(),
            resolver=district_resolver(self.plan, self.resolver()),
            limits=self.limits,
            default_datum=default_datum,
        )

    def venue_template_xlsx(self) -> bytes:
        from data.facility_template import build_venue_template

        return build_venue_template(self.plan, self.placer().datum)

    def venue_template_csv(self) -> bytes:
        from data.facility_template import venue_template_csv

        return venue_template_csv(self.plan, self.placer().datum)

    def template_xlsx(self) -> bytes:
        """The import template generated from the plan (data sheet, 说明, 区县)."""
        from data.template import build_template

        return build_template(self.plan)

    def template_csv(self) -> bytes:
        from data.template import template_csv

        return template_csv(self.plan)

    def batches(self) -> list[dict]:
        return list_batches(self.engine, self.plan.code)

    def status(self) -> dict:
        """Sample and real rows, read now (not the cached status: this may follow a write)."""
        return data_status(self.engine, self.plan.code)

    def audit(self, user: User | None, limit: int = 200) -> list[dict]:
        """The newest audit events (logins, account changes, writes of every plan), for admins only."""
        self.authorize(user, "read_audit")
        return list_events(self.engine, limit)

    # -- who may do what ---------------------------------------------------------------------
    @staticmethod
    def authorize(user: User | None, action: str) -> User:
        """The user, if the table of actions lets its role do ``action``; else PermissionDenied."""
        return require_role(user, action)

    @staticmethod
    def may(user: User | None, action: str) -> bool:
        """For showing a control; the write itself checks again."""
        return user is not None and user.can(action)

    def may_clear_sample(self, user: User | None) -> bool:
        """Clearing is offered once real figures exist and sample ones are left."""
        status = self.status()
        return self.may(user, "clear_sample") and status["real_rows"] > 0 and status["sample_rows"] > 0

    def needs_review(self, user: User | None) -> bool:
        """Whether ``user``'s import would wait for review: review is on and they may not review."""
        return self.review and not self.may(user, "review")

    def pending_batches(self) -> list[dict]:
        """Batches awaiting review, oldest first."""
        from data.review import pending_batches

        return pending_batches(self.engine, self.plan.code)

    # -- writes ------------------------------------------------------------------------------
    def commit(self, user: User | None, preview: Preview | VenuePreview, *, expect_token: str | None = None) -> int:
        """Write a confirmed preview (figures or a venue list) as one batch; its id. With review on, an
        editor's batch of figures waits for review (``needs_review``): its values count once it is
        accepted. A venue list is not reviewed (yet): it is written at once."""
        editor = self.authorize(user, "import")
        if isinstance(preview, VenuePreview):
            return commit_venues(self.engine, preview, editor, expect_token=expect_token)
        return commit_import(self.engine, preview, editor, expect_token=expect_token, pending=self.needs_review(editor))

    def accept(self, user: User | None, batch_id: int) -> dict:
        """Accept a batch awaiting review: its values enter the store."""
        from data.review import accept_batch

        return accept_batch(self.engine, self.plan.code, batch_id, self.authorize(user, "review"))

    def return_batch(self, user: User | None, batch_id: int, reason: str) -> dict:
        """Return a batch awaiting review with a reason; the store stays as it was."""
        from data.review import return_batch

        return return_batch(self.engine, self.plan.code, batch_id, self.authorize(user, "review"), reason)

    def set_due_date(self, user: User | None, year: int, due) -> object:
        """Set or clear (None) the due date of a year's reporting round."""
        from data.reporting import set_due_date

        return set_due_date(self.engine, self.plan.code, year, due, self.authorize(user, "set_due_date"))

    def rollback(self, user: User | None, batch_id: int) -> dict:
        return rollback_batch(self.engine, self.plan.code, batch_id, self.authorize(user, "rollback"))

    def clear_sample(self, user: User | None) -> int:
        """Remove this plan's sample rows (real imports stay); the number removed. It cannot be rolled back."""
        editor = self.authorize(user, "clear_sample")
        clear_sample_venues(self.engine, self.plan.code)  # sample venues go with the sample figures
        return clear_sample_data(self.engine, self.plan.code, by=editor.username)
