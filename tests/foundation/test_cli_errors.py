"""The meedoen command's one-sentence errors that never reach a database or a search
server (a bad setting, an unreachable address, a missing binary): the same on either
engine, so they run once, in the SQLite run (see ``ENGINE_INDEPENDENT``); each is a
Python process of its own."""

import pytest

from foundation.test_cli import CORPUS, ROOT, assert_one_sentence_error, meedoen


def test_an_unknown_database_url_is_explained():
    result = meedoen("migrate", env={"DATABASE_URL": "mysql://localhost/meedoen"})

    assert "DATABASE_URL" in assert_one_sentence_error(result)


# Each command with the arguments it needs to get as far as its work; a new command
# must be added here (the test below checks that every command is).
COMMANDS = {
    "migrate": ["migrate"],
    "seed demo": ["seed", "demo"],
    "import corpus": ["import", "corpus", str(CORPUS)],
    "reindex": ["reindex"],
    "backup": ["backup"],
    "restore": ["restore", str(ROOT / "no-such-archive.tar.gz"), "--force"],
    "retention": ["retention", "--dry-run"],
    "match resident": ["match", "resident", "bew-001"],
    "match opportunity": ["match", "opportunity", "kans-001"],
    "worker": ["worker"],
    "createuser": ["createuser", "--email", "a@example.nl", "--role", "admin", "--password-stdin"],
    "serve": ["serve", "--port", "9"],
}


def every_command() -> set[str]:
    import click

    from meedoen.cli import main

    def names(group: click.Group, prefix: str = "") -> set[str]:
        found: set[str] = set()
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                found |= names(command, f"{prefix}{name} ")
            else:
                found.add(prefix + name)
        return found

    return names(main) - {"install-meilisearch"}  # needs no settings


def test_every_command_that_reads_the_settings_is_listed_here():
    assert every_command() == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_explains_a_configuration_error_in_one_sentence(name):
    result = meedoen(
        *COMMANDS[name],
        env={"DATABASE_URL": "mysql://localhost/meedoen"},
        stdin="a-long-enough-password-for-sure\n",
    )

    assert "DATABASE_URL" in assert_one_sentence_error(result)


def test_an_unreachable_database_is_explained():
    result = meedoen("migrate", env={"DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"})

    message = assert_one_sentence_error(result)
    assert "cannot use the database" in message
    assert "DATABASE_URL" in message


@pytest.mark.parametrize(
    "command", [["reindex"], ["worker"], ["import", "corpus", "seeds/corpus"], ["seed", "demo"]]
)
def test_every_data_command_explains_an_unreachable_database(command):
    result = meedoen(
        *command,
        env={"DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none", "MEILI_URL": "http://x:1"},
    )

    message = assert_one_sentence_error(result)
    assert "cannot use the database" in message and "DATABASE_URL" in message
    assert "never awaited" not in result.stderr


def test_production_refuses_to_start_without_a_real_secret():
    result = meedoen("migrate", env={"MEEDOEN_ENV": "production", "SECRET_KEY": ""})

    assert "SECRET_KEY" in assert_one_sentence_error(result)


def test_a_missing_meilisearch_binary_is_explained(tmp_path):
    result = meedoen("install-meilisearch", env={"MEILI_BIN": str(tmp_path / "nope")})

    assert "MEILI_BIN" in assert_one_sentence_error(result)
