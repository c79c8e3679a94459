"""several plans in one store: indicators, targets, departments, observations and batches carry plan_code

Indicator codes (T1-01...) repeat from one plan period to the next, so they are
keyed by (plan_code, code) and everything that names an indicator or a department
names its plan too. An existing store keeps every row: the new columns are filled
from the indicator's (or the task's) plan, and departments and batches that name
no indicator get the store's one plan.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 11:00:00
"""

from contextlib import AbstractContextManager

import sqlalchemy as sa
from alembic import op
from alembic.operations import BatchOperations

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# SQLite keeps the constraints of 0001 unnamed; batch_alter_table names them by this convention
# when it reflects a table, so that they can be dropped. PostgreSQL has names of its own (_names).
NAMING = {
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
}

PLAN = sa.String(length=64)
ONE_PLAN = "(SELECT MIN(code) FROM plan)"
PLAN_OF_INDICATOR = "(SELECT i.plan_code FROM indicator i WHERE i.code = {table}.indicator_code)"


def _fk_name(table: str, column: str, referred: str) -> str:
    for fk in sa.inspect(op.get_bind()).get_foreign_keys(table):
        if fk["constrained_columns"] == [column] and fk["referred_table"] == referred and fk["name"]:
            return fk["name"]
    return NAMING["fk"] % {"table_name": table, "column_0_name": column, "referred_table_name": referred}


def _pk_name(table: str) -> str:
    return sa.inspect(op.get_bind()).get_pk_constraint(table).get("name") or NAMING["pk"] % {"table_name": table}


def _uq_name(table: str, columns: list[str]) -> str:
    for uq in sa.inspect(op.get_bind()).get_unique_constraints(table):
        if uq["column_names"] == columns and uq["name"]:
            return uq["name"]
    return NAMING["uq"] % {"table_name": table, "column_0_N_name": "_".join(columns)}


def _batch(table: str) -> AbstractContextManager[BatchOperations]:
    return op.batch_alter_table(table, naming_convention=NAMING)


def upgrade() -> None:
    # 1. The new columns, filled from what each row already names.
    for table in ("target", "department", "task_role", "observation", "import_batch", "observation_change"):
        with _batch(table) as b:
            b.add_column(sa.Column("plan_code", PLAN, nullable=True))
    for table in ("target", "observation", "observation_change"):
        op.execute(f"UPDATE {table} SET plan_code = {PLAN_OF_INDICATOR.format(table=table)}")
    op.execute("UPDATE task_role SET plan_code = (SELECT t.plan_code FROM task t WHERE t.id = task_role.task_id)")
    op.execute(f"UPDATE department SET plan_code = {ONE_PLAN}")
    op.execute(
        "UPDATE import_batch SET plan_code = COALESCE("
        "(SELECT MIN(o.plan_code) FROM observation o WHERE o.batch_id = import_batch.id), "
        "(SELECT MIN(c.plan_code) FROM observation_change c WHERE c.batch_id = import_batch.id), "
        f"{ONE_PLAN})"
    )

    # 2. Constraints that name an indicator or a department by its code alone go first
    #    (PostgreSQL will not drop a key that a foreign key still uses).
    with _batch("observation") as b:
        b.drop_constraint(_fk_name("observation", "indicator_code", "indicator"), type_="foreignkey")
        b.drop_constraint(_uq_name("observation", ["indicator_code", "region_code", "year"]), type_="unique")
    with _batch("target") as b:
        b.drop_constraint(_fk_name("target", "indicator_code", "indicator"), type_="foreignkey")
    with _batch("task_role") as b:
        b.drop_constraint(_fk_name("task_role", "department_code", "department"), type_="foreignkey")

    # 3. Keys by plan.
    for table, columns in (
        ("indicator", ["plan_code", "code"]),
        ("target", ["plan_code", "indicator_code"]),
        ("department", ["plan_code", "code"]),
    ):
        with _batch(table) as b:
            b.drop_constraint(_pk_name(table), type_="primary")
            if table != "indicator":
                b.alter_column("plan_code", existing_type=PLAN, nullable=False)
            b.create_primary_key(f"pk_{table}", columns)
    # A department's rows for every further plan in the store (a store at 0002 holds one).
    op.execute(
        "INSERT INTO department (plan_code, code, name_zh, name_en, aliases) "
        "SELECT p.code, d.code, d.name_zh, d.name_en, d.aliases FROM department d, plan p "
        f"WHERE p.code <> d.plan_code AND d.plan_code = {ONE_PLAN}"
    )

    # 4. Foreign keys and the one-value-per-cell rule, by plan.
    with _batch("department") as b:
        b.create_foreign_key("fk_department_plan", "plan", ["plan_code"], ["code"], ondelete="CASCADE")
    with _batch("target") as b:
        b.create_foreign_key(
            "fk_target_indicator",
            "indicator",
            ["plan_code", "indicator_code"],
            ["plan_code", "code"],
            ondelete="CASCADE",
        )
    with _batch("task_role") as b:
        b.alter_column("plan_code", existing_type=PLAN, nullable=False)
        b.create_foreign_key(
            "fk_task_role_department", "department", ["plan_code", "department_code"], ["plan_code", "code"]
        )
    with _batch("observation") as b:
        b.alter_column("plan_code", existing_type=PLAN, nullable=False)
        b.create_foreign_key(
            "fk_observation_indicator", "indicator", ["plan_code", "indicator_code"], ["plan_code", "code"]
        )
        b.create_unique_constraint("uq_observation_cell", ["plan_code", "indicator_code", "region_code", "year"])
    with _batch("import_batch") as b:
        b.alter_column("plan_code", existing_type=PLAN, nullable=False)
        b.create_foreign_key("fk_import_batch_plan", "plan", ["plan_code"], ["code"])
        b.create_index("ix_import_batch_plan_code", ["plan_code"], unique=False)
    with _batch("observation_change") as b:
        b.alter_column("plan_code", existing_type=PLAN, nullable=False)


def downgrade() -> None:
    # Back to one plan's codes: only a store that holds one plan can go back (the keys would collide).
    with _batch("observation_change") as b:
        b.drop_column("plan_code")
    with _batch("import_batch") as b:
        b.drop_index("ix_import_batch_plan_code")
        b.drop_constraint("fk_import_batch_plan", type_="foreignkey")
        b.drop_column("plan_code")
    with _batch("observation") as b:
        b.drop_constraint("uq_observation_cell", type_="unique")
        b.drop_constraint("fk_observation_indicator", type_="foreignkey")
    with _batch("task_role") as b:
        b.drop_constraint("fk_task_role_department", type_="foreignkey")
    with _batch("target") as b:
        b.drop_constraint("fk_target_indicator", type_="foreignkey")
    with _batch("department") as b:
        b.drop_constraint("fk_department_plan", type_="foreignkey")
    for table, column in (("indicator", "code"), ("target", "indicator_code"), ("department", "code")):
        with _batch(table) as b:
            b.drop_constraint(f"pk_{table}", type_="primary")
            b.create_primary_key(f"pk_{table}", [column])
    with _batch("department") as b:
        b.drop_column("plan_code")
    with _batch("target") as b:
        b.drop_column("plan_code")
        b.create_foreign_key(
            "fk_target_indicator_code_indicator", "indicator", ["indicator_code"], ["code"], ondelete="CASCADE"
        )
    with _batch("task_role") as b:
        b.drop_column("plan_code")
        b.create_foreign_key("fk_task_role_department_code_department", "department", ["department_code"], ["code"])
    with _batch("observation") as b:
        b.drop_column("plan_code")
        b.create_foreign_key("fk_observation_indicator_code_indicator", "indicator", ["indicator_code"], ["code"])
        b.create_unique_constraint(
            "uq_observation_indicator_code_region_code_year", ["indicator_code", "region_code", "year"]
        )
