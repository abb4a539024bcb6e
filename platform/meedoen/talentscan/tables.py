"""A resident's talent scan: one current scan each, answers as the resident gave them."""

from typing import Any

from piccolo.columns import Array, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

# Other domains' tables, referred to by name: a foreign key is a reference the database
# holds, not a use of that domain's code (see docs/architecture.md).
RESIDENT = LazyTableReference("Resident", module_path="meedoen.residents.tables")


class TalentScan(Table):
    """The resident's current scan: starting again replaces it (``resident`` is unique).

    ``answers`` is JSON, ``{"question code": ["answer code", ...]}``: the codes of
    ``talentscan.questions``, so a changed wording never changes a stored answer.
    Only the resident sees it; the accepted skills are what lands in the profile.
    """

    id: Serial  # Piccolo adds the primary key at runtime; declared for type checkers

    resident: ForeignKey[Any] = ForeignKey(
        references=RESIDENT, on_delete=OnDelete.cascade, unique=True, index=True
    )
    answers = Text(default="{}")
    last_question = Integer(default=0)
    started_at = Timestamptz()
    updated_at = Timestamptz()
    finished_at = Timestamptz(null=True, default=None)
    accepted_at = Timestamptz(null=True, default=None)
    accepted_skills = Array(base_column=Varchar(length=60))
    accepted_interests = Array(base_column=Varchar(length=60))
