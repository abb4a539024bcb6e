from piccolo.columns import Integer, Serial, Varchar
from piccolo.table import Table


class SearchDemand(Table):
    """How often a search found nothing or little, per month: aggregates only.

    No account, address, session or time of day: only the normalised words, the filters
    chosen, the month, a bucket for the number of results and a count. ``key`` is
    ``<month>|<bucket>|<filters>|<term>``; its unique index makes "add these searches" one
    atomic upsert, however many app instances count at once.
    """

    id: Serial

    key = Varchar(length=400, unique=True)
    month = Varchar(length=7, index=True)  # 2026-11
    term = Varchar(length=100, default="")
    filters = Varchar(length=280, default="")  # facet=value&… in a fixed order
    bucket = Varchar(length=10)  # geen (0 results) or weinig (1 to 4)
    searches = Integer(default=0)
