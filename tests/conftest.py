"""Test session set-up: a real database (SQLite or PostgreSQL) and a real Meilisearch.

Choose the database with ``--db sqlite`` (default) or ``--db postgres``; the PostgreSQL
server is ``TEST_DATABASE_URL`` or the one answering on 127.0.0.1:5432. Each session
gets its own fresh database and its own index prefix, so runs never see each other.
"""

pytest_plugins = [
    "support.event_loop",
    "support.database",
    "support.meili",
    "support.app",
    "support.smtp",
    "support.auth",
    "support.live_server",
    "support.browser",
    "support.prerequisites",
]
