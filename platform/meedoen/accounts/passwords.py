"""Password hashing with Argon2id and the few rules that help: length and not common.

Hashing and verifying take tens of milliseconds of CPU each, so they run in the bounded
CPU pool (``meedoen.offload``): a burst of sign-ins queues there instead of freezing the
event loop for everyone else.
"""

from __future__ import annotations

import os
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from meedoen.i18n import N_
from meedoen.offload import in_thread
from meedoen.paths import PACKAGE_DIR
from meedoen.settings import password_hashing_from

MINIMUM_LENGTH = 10


@cache
def _hasher() -> PasswordHasher:
    """Argon2id at the cost from the settings (``ARGON2_*``; RFC 9106 by default).

    Read once per process from the environment, like every setting. A hash carries its
    own cost, so verifying never depends on this; only new hashes and ``needs_rehash`` do."""
    cost = password_hashing_from(os.environ)
    return PasswordHasher(
        time_cost=cost.time_cost, memory_cost=cost.memory_kib, parallelism=cost.parallelism
    )


async def hash_password(password: str) -> str:
    return await in_thread(_hasher().hash, password)


async def verify_password(password_hash: str, password: str) -> bool:
    return await in_thread(_verify, password_hash, password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


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
