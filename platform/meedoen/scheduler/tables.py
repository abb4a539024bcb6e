from piccolo.columns import Integer, Text, Timestamptz, Varchar
from piccolo.table import Table


class ScheduledJob(Table):
    """One periodic job's turn: when it is due next and which process holds it now.

    A process that wants to run a due job claims its row with a lease; every other
    process sees the claim and leaves the job alone, so each turn runs once however
    many app workers run a scheduler.
    """

    name = Varchar(length=80, unique=True)
    next_run_at = Timestamptz()
    claimed_by = Varchar(length=36, default="")
    claimed_until = Timestamptz(null=True, default=None)
    last_started_at = Timestamptz(null=True, default=None)
    last_finished_at = Timestamptz(null=True, default=None)
    last_error = Text(default="")
    runs = Integer(default=0)
