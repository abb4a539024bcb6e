"""Shared pytest plugins and helpers for the Meedoen West test suite."""
