"""events, event_signals, event_records: what happened, the signals and records about it

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 18:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from beatwire.store.schema import UtcDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("trigger_record_id", sa.Integer(), nullable=False),
        sa.Column("first_seen", UtcDateTime(timezone=True), nullable=False),
        sa.Column("beat", sa.String(length=64), nullable=True),
        sa.Column("updated_at", UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["trigger_record_id"],
            ["records.id"],
            name=op.f("fk_events_trigger_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_first_seen"), "events", ["first_seen"], unique=False)
    op.create_table(
        "event_signals",
        sa.Column("event_id", sa.String(length=32), nullable=False),
        sa.Column("signal_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_signals_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "signal_id", name=op.f("pk_event_signals")),
    )
    op.create_index(
        op.f("ix_event_signals_signal_id"), "event_signals", ["signal_id"], unique=False
    )
    op.create_table(
        "event_records",
        sa.Column("event_id", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_records_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_event_records_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "record_id", name=op.f("pk_event_records")),
    )
    op.create_index(
        op.f("ix_event_records_record_id"), "event_records", ["record_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_event_records_record_id"), table_name="event_records")
    op.drop_table("event_records")
    op.drop_index(op.f("ix_event_signals_signal_id"), table_name="event_signals")
    op.drop_table("event_signals")
    op.drop_index(op.f("ix_events_first_seen"), table_name="events")
    op.drop_table("events")
