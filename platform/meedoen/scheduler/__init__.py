"""Periodic jobs with their own lease, apart from the search indexer (see ``scheduler``)."""

from meedoen.scheduler.scheduler import Job, Scheduler, Turn

__all__ = ["Job", "Scheduler", "Turn"]
