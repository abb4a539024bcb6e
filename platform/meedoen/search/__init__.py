"""Meilisearch runtime: the server binary (binary), its process (server), app access (client)."""
