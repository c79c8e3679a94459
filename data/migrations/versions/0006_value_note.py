"""notes on values (数据说明): on a value, a cell, an indicator's year or a whole year of a plan

Revision ID: 0006
Revises: 0005
Create Date: 2027-01-10 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "value_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_code", sa.String(length=64), nullable=False),
        sa.Column("indicator_code", sa.String(length=16), nullable=True),
        sa.Column("region_code", sa.String(length=12), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("edited_at", sa.DateTime(), nullable=True),
        sa.Column("edited_by", sa.String(length=64), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=64), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_code"], ["plan.code"], name="fk_value_note_plan"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("value_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_value_note_plan_code"), ["plan_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_value_note_import_batch_id"), ["import_batch_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("value_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_value_note_import_batch_id"))
        batch_op.drop_index(batch_op.f("ix_value_note_plan_code"))
    op.drop_table("value_note")
