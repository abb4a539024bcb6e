"""Hearing when something changes: notifications in the app and by e-mail, per kind."""
