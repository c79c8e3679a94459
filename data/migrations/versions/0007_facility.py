"""the venue registry: science venues of a plan, with their location (issue 18)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "facility",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_code", sa.String(length=64), nullable=False),
        sa.Column("type_code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("unit_code", sa.String(length=12), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("orig_lon", sa.Float(), nullable=True),
        sa.Column("orig_lat", sa.Float(), nullable=True),
        sa.Column("orig_datum", sa.String(length=8), nullable=True),
        sa.Column("km_outside", sa.Float(), nullable=True),
        sa.Column("opened_year", sa.Integer(), nullable=True),
        sa.Column("closed_year", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("replaced_by", sa.Integer(), nullable=True),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["plan_code"], ["plan.code"], name="fk_facility_plan"),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batch.id"], name="fk_facility_batch"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_facility_plan_code"), ["plan_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_facility_batch_id"), ["batch_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_facility_batch_id"))
        batch_op.drop_index(batch_op.f("ix_facility_plan_code"))
    op.drop_table("facility")
