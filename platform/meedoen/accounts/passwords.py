"""Password hashing with Argon2id and the few rules that help: length and not common.

Hashing and verifying take tens of milliseconds of CPU each, so they run in the bounded
CPU pool (``meedoen.offload``): a burst of sign-ins queues there instead of freezing the
event loop for everyone else.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from meedoen.i18n import N_
from meedoen.offload import in_thread
from meedoen.paths import PACKAGE_DIR

MINIMUM_LENGTH = 10
_hasher = PasswordHasher()  # argon2-cffi's defaults are Argon2id with RFC 9106 parameters


async def hash_password(password: str) -> str:
    return await in_thread(_hasher.hash, password)


async def verify_password(password_hash: str, password: str) -> bool:
    return await in_thread(_verify, password_hash, password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@cache
def common_passwords() -> frozenset[str]:
    """zxcvbn's 30,000 most common passwords plus Dutch ones it does not know."""
    dutch = PACKAGE_DIR / "accounts" / "common_passwords_nl.txt"
    own = [
        line.strip().lower()
        for line in dutch.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return frozenset([*FREQUENCY_LISTS["passwords"], *own])


def password_problem(password: str) -> str | None:
    """A Dutch msgid saying what is wrong with a new password, or None when it is fine."""
    if len(password) < MINIMUM_LENGTH:
        return N_("Kies een wachtwoord van minstens 10 tekens.")
    if password.lower() in common_passwords():
        return N_(
            "Dit wachtwoord wordt heel vaak gebruikt en is makkelijk te raden. Kies een ander."
        )
    return None
