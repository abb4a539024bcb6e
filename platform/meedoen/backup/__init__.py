"""Backing up and restoring a deployment: the database, uploaded CVs and a manifest."""
