"""Coaching: a coach's caseload, the participatieladder, placements and notes."""
