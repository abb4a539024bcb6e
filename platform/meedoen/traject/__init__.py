"""Mijn traject: a resident's own path, the agreements with their coach, hours and proofs."""
