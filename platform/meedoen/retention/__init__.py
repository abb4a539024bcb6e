"""Retention (AVG): personal data is kept no longer than its period, then deleted.

Each kind of personal data with a period is a :class:`~meedoen.retention.rules.Rule` in
the registry of ``meedoen.retention.rules``; a new domain adds its own rule with
``register``. The scheduler applies them daily; ``meedoen retention --dry-run`` and the
page ``/beheer/bewaartermijnen`` show what they would do now; the privacy page explains
them in plain words.
"""
