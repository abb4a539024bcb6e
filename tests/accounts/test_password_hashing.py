"""Argon2id's cost comes from the settings: RFC 9106's by default, never below OWASP's
minimum in production. A hash records its own cost, so any instance verifies any hash,
and signing in brings an older or cheaper hash up to the instance's cost."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from meedoen.settings import ConfigurationError, PasswordHashing, password_hashing_from


def test_the_default_cost_is_rfc_9106_and_production_refuses_less_than_owasp():
    assert password_hashing_from({}) == PasswordHashing(3, 65536, 4)
    defaults = PasswordHasher()
    assert (defaults.time_cost, defaults.memory_cost, defaults.parallelism) == (3, 65536, 4)
    cheap = {"ARGON2_TIME_COST": "1", "ARGON2_MEMORY_KIB": "1024", "ARGON2_PARALLELISM": "1"}
    assert password_hashing_from(cheap) == PasswordHashing(1, 1024, 1)
    with pytest.raises(ConfigurationError, match="too low for production"):
        password_hashing_from({**cheap, "MEEDOEN_ENV": "production"})
    with pytest.raises(ConfigurationError, match="ARGON2_MEMORY_KIB"):
        password_hashing_from({"ARGON2_MEMORY_KIB": "veel"})
    owasp = {"ARGON2_TIME_COST": "2", "ARGON2_MEMORY_KIB": "19456", "MEEDOEN_ENV": "production"}
    assert password_hashing_from(owasp) == PasswordHashing(2, 19456, 4)


async def test_signing_in_brings_a_hash_of_another_cost_to_the_instances_cost(client):
    from meedoen.accounts.tables import Account
    from meedoen.settings import load_settings
    from support.auth import DEFAULT_PASSWORD, make_account, sign_in

    account = await make_account("resident")
    other = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1)
    await Account.update({Account.password_hash: other.hash(DEFAULT_PASSWORD)}).where(
        Account.id == account.id
    )

    assert (await sign_in(client, account.email, DEFAULT_PASSWORD)).status_code == 303

    cost = load_settings().password_hashing
    stored = (await Account.objects().get(Account.id == account.id)).password_hash
    assert stored.startswith(
        f"$argon2id$v=19$m={cost.memory_kib},t={cost.time_cost},p={cost.parallelism}$"
    ), stored
