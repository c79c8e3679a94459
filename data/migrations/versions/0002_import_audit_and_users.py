"""import audit and rollback (observation_change), who rolled a batch back, user accounts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "observation_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("indicator_code", sa.String(length=16), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("old_value", sa.Float(), nullable=True),
        sa.Column("old_numerator", sa.Float(), nullable=True),
        sa.Column("old_denominator", sa.Float(), nullable=True),
        sa.Column("old_source", sa.Text(), nullable=True),
        sa.Column("old_note", sa.Text(), nullable=True),
        sa.Column("old_batch_id", sa.Integer(), nullable=True),
        sa.Column("old_is_sample", sa.Boolean(), nullable=True),
        sa.Column("new_value", sa.Float(), nullable=True),
        sa.Column("new_numerator", sa.Float(), nullable=True),
        sa.Column("new_denominator", sa.Float(), nullable=True),
        sa.Column("new_source", sa.Text(), nullable=True),
        sa.Column("new_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batch.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("observation_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_observation_change_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "app_user",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username"),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rolled_back_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("rolled_back_by", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_column("rolled_back_by")
        batch_op.drop_column("rolled_back_at")
    op.drop_table("app_user")
    with op.batch_alter_table("observation_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observation_change_batch_id"))
    op.drop_table("observation_change")
