"""Fixtures for the fault tests: postings that clean up after themselves, a private PostgreSQL."""

from opportunities.conftest import postings
from support.postgres_cluster import own_postgres

__all__ = ["own_postgres", "postings"]
