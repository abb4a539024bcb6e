from typing import Any

from piccolo.columns import (
    Array,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
ORGANISATION = LazyTableReference("Organisation", module_path="meedoen.organisations.tables")


class Opportunity(Table):
    """A kans: volunteering, a stage, a leerwerkplek, dagbesteding or paid work."""

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    ref = Varchar(length=40, unique=True, index=True)  # type: ignore[assignment]  # shadows the unused Table.ref()
    organisation: ForeignKey[Any] = ForeignKey(
        references=ORGANISATION, on_delete=OnDelete.cascade, index=True
    )
    kind = Varchar(length=20, index=True)
    title = Varchar(length=200)
    description = Text(default="")
    what_you_learn = Text(default="")
    guidance = Text(default="")
    sector = Varchar(length=60)
    skills = Array(base_column=Varchar(length=60))
    wijk = Varchar(length=60)
    postcode = Varchar(length=10)
    hours_per_week_min = Integer(default=0)
    hours_per_week_max = Integer(default=0)
    paid = Boolean(default=False)
    allowance = Varchar(length=200, default="")
    suitable_for = Array(base_column=Varchar(length=30))
    language_level = Varchar(length=2, default="A1")
    min_age = Integer(null=True, default=None)
    start_date = Date(null=True, default=None)
    end_date = Date(null=True, default=None)
    # A stage's own facts (kind stage or leerwerkplek; empty for other kinds), as
    # Stagemarkt asks them. stage_allowance is euros a month: 0 is "geen", None unsaid.
    education_levels = Array(base_column=Varchar(length=10), default=list)
    learning_routes = Array(base_column=Varchar(length=3), default=list)
    duration_weeks = Integer(null=True, default=None)
    stage_allowance = Integer(null=True, default=None)
    study_programme = Varchar(length=200, default="")
    crebo = Varchar(length=5, default="")
    # When the work is done, as the Arbeidstijdenwet needs it for minors (see minors.py):
    # the most hours on one day, the days (ma..zo), the times ("HH:MM"), and whether it
    # is holiday work only and light work under supervision.
    hours_per_day_max = Integer(null=True, default=None)
    work_days = Array(base_column=Varchar(length=2), default=list)
    work_from = Varchar(length=5, default="")
    work_until = Varchar(length=5, default="")
    holidays_only = Boolean(default=False)
    light_supervised = Boolean(default=False)
    contact_name = Varchar(length=120, default="")
    contact_email = Varchar(length=254, default="")
    contact_phone = Varchar(length=30, default="")
    status = Varchar(length=10, default="concept", index=True)
    # Optimistic locking, as for placements: an edit names the version it read, and a
    # save only happens WHERE version = that one (then version + 1).
    version = Integer(default=1)
    created_at = Timestamptz()
    updated_at = Timestamptz()
