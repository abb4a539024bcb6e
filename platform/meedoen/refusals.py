"""What a service raises when the rules refuse a request a user made.

Each domain names its own refusal (``ResponseRefused``, ``CvRefused``…) so callers catch
exactly theirs; all carry ``message``, a Dutch msgid the page translates and shows.
"""

from __future__ import annotations


class Refused(Exception):
    """The request is refused; ``message`` is a Dutch msgid to show the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
