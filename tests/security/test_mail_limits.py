"""Finding 3: every mail a user can cause is counted against the mail limits."""

from __future__ import annotations

import ast
from pathlib import Path

PLATFORM = Path(__file__).resolve().parents[2] / "platform" / "meedoen"
MAIL_CALLS = {"queue_mail", "queue_for_recipients"}


def test_every_mail_the_platform_queues_names_who_caused_it():
    """``sender=`` on every call, so no new mail slips past the limits unnoticed;
    ``sender=None`` is a visible decision (a digest the recipient asked for)."""
    missing = []
    for path in PLATFORM.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in MAIL_CALLS and not any(k.arg == "sender" for k in node.keywords):
                missing.append(f"{path.relative_to(PLATFORM)}:{node.lineno}")
    assert missing == []
