"""What the mail outbox holds about a person, for erasing it (AVG)."""

from __future__ import annotations

from meedoen.mail.tables import OutgoingMail


async def forget_address(address: str) -> None:
    """Mail still addressed to the person (queued, or kept after sending) goes."""
    await OutgoingMail.delete().where(OutgoingMail.to_address == address).run()
