"""Tables of the store (SQLAlchemy 2 declarative models).

The schema itself is created and changed only by the Alembic migrations in
``data/migrations``; these classes must match them (a test compares the two).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Region(Base):
    __tablename__ = "region"
    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    short: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(16))  # city / county
    type: Mapped[str] = mapped_column(String(16))  # 市 / 区 / 县 / 县级市
    parent_code: Mapped[str | None] = mapped_column(String(12), nullable=True)
    population: Mapped[float | None] = mapped_column(Float, nullable=True)  # 万人
    urban: Mapped[bool] = mapped_column(Boolean, default=False)


class Plan(Base):
    __tablename__ = "plan"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    title_zh: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)
    baseline_year: Mapped[int] = mapped_column(Integer)
    goal_text: Mapped[str] = mapped_column(Text)
    source_note: Mapped[str] = mapped_column(Text)


class Task(Base):
    __tablename__ = "task"
    __table_args__ = (UniqueConstraint("plan_code", "code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_code: Mapped[str] = mapped_column(ForeignKey("plan.code", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    section: Mapped[str] = mapped_column(String(16))
    title_zh: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    short_zh: Mapped[str] = mapped_column(String(32))
    short_en: Mapped[str] = mapped_column(String(64))
    division_text: Mapped[str] = mapped_column(Text)


class Measure(Base):
    __tablename__ = "measure"
    __table_args__ = (UniqueConstraint("task_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(16))
    title_zh: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)  # sentences joined by newlines


class Department(Base):
    """A department as one plan names it: plans of one deployment may share codes (migration 0003)."""

    __tablename__ = "department"
    plan_code: Mapped[str] = mapped_column(
        ForeignKey("plan.code", ondelete="CASCADE", name="fk_department_plan"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(128))
    aliases: Mapped[str] = mapped_column(Text, default="")  # 、-separated, as the text writes them


class TaskRole(Base):
    __tablename__ = "task_role"
    __table_args__ = (
        ForeignKeyConstraint(
            ["plan_code", "department_code"],
            ["department.plan_code", "department.code"],
            name="fk_task_role_department",
        ),
    )
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), primary_key=True)
    department_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    plan_code: Mapped[str] = mapped_column(String(64))  # the task's plan: its department is that plan's
    role: Mapped[str] = mapped_column(String(16))  # lead / cooperate
    position: Mapped[int] = mapped_column(Integer)  # order in the 任务分工 line


class Indicator(Base):
    """An indicator of one plan: codes (T1-01...) repeat from one plan period to the next."""

    __tablename__ = "indicator"
    plan_code: Mapped[str] = mapped_column(ForeignKey("plan.code", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    task_code: Mapped[str | None] = mapped_column(String(8), nullable=True)
    measure_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    section: Mapped[str] = mapped_column(String(16))
    name_zh: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    unit_zh: Mapped[str] = mapped_column(String(16))
    unit_en: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(24))
    rollup: Mapped[str] = mapped_column(String(32))
    higher_is_better: Mapped[bool] = mapped_column(Boolean)
    decimals: Mapped[int] = mapped_column(Integer)
    monitoring_only: Mapped[bool] = mapped_column(Boolean)
    definition_zh: Mapped[str] = mapped_column(Text)
    definition_en: Mapped[str] = mapped_column(Text)
    source_zh: Mapped[str] = mapped_column(Text)
    source_en: Mapped[str] = mapped_column(Text)


class Target(Base):
    __tablename__ = "target"
    __table_args__ = (
        ForeignKeyConstraint(
            ["plan_code", "indicator_code"],
            ["indicator.plan_code", "indicator.code"],
            ondelete="CASCADE",
            name="fk_target_indicator",
        ),
    )
    plan_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    indicator_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    year: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(24))
    section: Mapped[str | None] = mapped_column(String(16), nullable=True)
    quote: Mapped[str | None] = mapped_column(Text, nullable=True)


class ImportBatch(Base):
    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The plan whose figures the batch wrote: imports, rollbacks and sample reloads act on one plan.
    plan_code: Mapped[str] = mapped_column(ForeignKey("plan.code", name="fk_import_batch_plan"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # sample / import
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str | None] = mapped_column(Text, nullable=True)
    checksum: Mapped[str | None] = mapped_column(String(64), nullable=True)
    rows_new: Mapped[int] = mapped_column(Integer, default=0)
    rows_changed: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    # active / rolled_back; with review on (migration 0005) an editor's import is pending, then active or returned
    status: Mapped[str] = mapped_column(String(16), default="active")
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Who rolled the batch back, and when (migration 0002).
    rolled_back_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    rolled_back_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Who accepted or returned a pending batch, when, and why it was returned (migration 0005).
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    review_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class ReportingRound(Base):
    """A plan's reporting round for one year: the date its figures are due (migration 0005)."""

    __tablename__ = "reporting_round"
    plan_code: Mapped[str] = mapped_column(
        ForeignKey("plan.code", ondelete="CASCADE", name="fk_reporting_round_plan"), primary_key=True
    )
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    set_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    set_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Observation(Base):
    __tablename__ = "observation"
    __table_args__ = (
        UniqueConstraint("plan_code", "indicator_code", "region_code", "year", name="uq_observation_cell"),
        ForeignKeyConstraint(
            ["plan_code", "indicator_code"], ["indicator.plan_code", "indicator.code"], name="fk_observation_indicator"
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_code: Mapped[str] = mapped_column(String(64))
    indicator_code: Mapped[str] = mapped_column(String(16), index=True)
    region_code: Mapped[str] = mapped_column(String(12), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    denominator: Mapped[float | None] = mapped_column(Float, nullable=True)
    source: Mapped[str | None] = mapped_column(Text, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)


class ObservationChange(Base):
    """One cell an import batch wrote: what was there before and what it put there.

    Rolling a batch back replays these rows in reverse: ``new`` cells are
    deleted, ``changed`` cells get their old fields (and old batch) back.
    ``old_batch_id`` is not a foreign key: sample batches are deleted when
    sample data is regenerated or cleared, and the audit row must survive that.
    """

    __tablename__ = "observation_change"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)
    plan_code: Mapped[str] = mapped_column(String(64))  # the batch's plan, so a cell is named in full
    indicator_code: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(String(12))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # new / changed
    old_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    old_numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    old_denominator: Mapped[float | None] = mapped_column(Float, nullable=True)
    old_source: Mapped[str | None] = mapped_column(Text, nullable=True)
    old_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    old_batch_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    old_is_sample: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    new_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    new_numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    new_denominator: Mapped[float | None] = mapped_column(Float, nullable=True)
    new_source: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_note: Mapped[str | None] = mapped_column(Text, nullable=True)


class User(Base):
    """An account: viewers look, editors import and roll back, admins manage users.

    Named ``app_user`` because ``user`` is a reserved word in PostgreSQL.
    """

    __tablename__ = "app_user"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))  # viewer / editor / admin
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEvent(Base):
    """One thing that happened to accounts or figures (migration 0004), newest last; never a password.

    ``event`` is one of ``data.audit.EVENTS``: logins (made, failed, refused while locked out, the
    lockout itself), accounts (created, role changed) and writes (import, rollback, sample clear).
    ``username`` is who acted or, for a login, the name typed; ``address`` the client's address.
    """

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC
    event: Mapped[str] = mapped_column(String(32), index=True)
    username: Mapped[str | None] = mapped_column(String(64), nullable=True)
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)
    plan_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    batch_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # not a key: the row outlives the batch
    detail: Mapped[str | None] = mapped_column(Text, nullable=True)


class ValueNote(Base):
    """A note that explains figures (数据说明, migration 0006), shown wherever they are.

    What it is about, from narrow to wide: one value (``batch_id``: the batch that brought the
    value; it stops showing once another batch replaces that value), a cell (indicator, unit and
    year), an indicator in a year (``region_code`` null: every unit) or a whole year of the plan
    (``indicator_code`` null too). ``import_batch_id``: the import whose file carried it (a 说明
    column); rolling that batch back withdraws it. Notes are never deleted: a withdrawn note keeps
    its text with who withdrew it and when. ``revision`` counts its writes (the data version sums it).
    """

    __tablename__ = "value_note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_code: Mapped[str] = mapped_column(ForeignKey("plan.code", name="fk_value_note_plan"), index=True)
    indicator_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    region_code: Mapped[str | None] = mapped_column(String(12), nullable=True)
    year: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # not a key: sample batches are deleted
    import_batch_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    created_by: Mapped[str] = mapped_column(String(64))
    edited_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    edited_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    withdrawn_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)


class Facility(Base):
    """One venue of a plan's registry (migration 0007): a 科技馆, a 科普教育基地, a station ...

    ``lon``/``lat`` are in the boundaries' system (GCJ-02 for the shipped shapes); ``orig_*`` what
    the file gave and the system it declared. A row is never changed in place: an import that
    changes a venue adds a new row and marks the old one ``replaced_by`` its batch, so rolling the
    batch back deletes its rows and clears that mark (data/facilities.py).
    """

    __tablename__ = "facility"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_code: Mapped[str] = mapped_column(ForeignKey("plan.code", name="fk_facility_plan"), index=True)
    type_code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    level: Mapped[str | None] = mapped_column(String(16), nullable=True)  # national / provincial / city / county
    unit_code: Mapped[str] = mapped_column(String(12))
    address: Mapped[str | None] = mapped_column(Text, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    orig_lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    orig_lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    orig_datum: Mapped[str | None] = mapped_column(String(8), nullable=True)  # WGS-84 / GCJ-02 / BD-09
    km_outside: Mapped[float | None] = mapped_column(Float, nullable=True)  # how far outside its unit, if at all
    opened_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    closed_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str | None] = mapped_column(Text, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", name="fk_facility_batch"), index=True)
    replaced_by: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the batch that replaced it
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
