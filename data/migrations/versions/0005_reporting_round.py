"""reporting rounds (a due date per plan and year) and review of imports before they count

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10 10:00:00

``reporting_round``: one row per plan and year whose round has a due date (set by an editor).
``import_batch`` gains who reviewed a batch, when, and why it was returned: with review switched on
(KEPU_REVIEW_IMPORTS) an editor's import is stored with status ``pending`` (its cells only in
``observation_change``) until it is accepted (``active``) or returned (``returned``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reporting_round",
        sa.Column("plan_code", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("set_by", sa.String(length=64), nullable=True),
        sa.Column("set_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["plan_code"], ["plan.code"], name="fk_reporting_round_plan", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_code", "year"),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("review_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_column("review_reason")
        batch_op.drop_column("reviewed_by")
        batch_op.drop_column("reviewed_at")
    op.drop_table("reporting_round")
