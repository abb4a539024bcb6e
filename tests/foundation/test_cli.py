"""The meedoen command: imports, accounts and clear one-sentence errors."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "seeds" / "corpus"


def meedoen(*args: str, env: dict | None = None, stdin: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "meedoen.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def assert_one_sentence_error(result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


async def counts():
    from meedoen.opportunities.tables import Opportunity
    from meedoen.organisations.tables import Organisation
    from meedoen.residents.tables import Resident

    return (await Organisation.count(), await Opportunity.count(), await Resident.count())


async def test_importing_the_corpus_loads_everything_and_a_second_import_changes_nothing(
    clean_database,
):
    from meedoen.opportunities.tables import Opportunity

    first = meedoen("import", "corpus", str(CORPUS))
    assert first.returncode == 0, first.stderr
    assert await counts() == (60, 400, 150)
    before = await Opportunity.select(Opportunity.ref, Opportunity.updated_at).run()

    second = meedoen("import", "corpus", str(CORPUS))

    assert second.returncode == 0, second.stderr
    assert "0 new, 0 updated, 400 unchanged" in second.stdout
    assert await counts() == (60, 400, 150)
    assert await Opportunity.select(Opportunity.ref, Opportunity.updated_at).run() == before


async def test_import_keeps_each_records_id_as_its_public_reference(clean_database):
    from meedoen.opportunities.tables import Opportunity

    meedoen("import", "corpus", str(CORPUS))

    opportunity = await Opportunity.objects().get(Opportunity.ref == "opp-0001")
    assert opportunity is not None
    assert opportunity.title == "Afstudeerstage werktuigbouwkunde"


async def test_a_bad_line_names_file_and_line_and_imports_nothing_from_that_file(
    clean_database, tmp_path
):
    lines = (CORPUS / "organisations.jsonl").read_text().splitlines()[:5]
    lines[2] = lines[2].replace('"type": "', '"type": "pizzeria-')
    (tmp_path / "organisations.jsonl").write_text("\n".join(lines) + "\n")

    result = meedoen("import", "corpus", str(tmp_path))

    message = assert_one_sentence_error(result)
    assert f"{tmp_path / 'organisations.jsonl'}:3" in message
    assert await counts() == (0, 0, 0)


async def test_an_opportunity_of_an_unknown_organisation_is_refused(clean_database, tmp_path):
    line = (CORPUS / "opportunities.jsonl").read_text().splitlines()[0]
    (tmp_path / "opportunities.jsonl").write_text(line + "\n")

    result = meedoen("import", "corpus", str(tmp_path))

    assert "not known" in assert_one_sentence_error(result)
    assert await counts() == (0, 0, 0)


def test_a_folder_without_corpus_files_is_refused(tmp_path):
    assert "holds none of" in assert_one_sentence_error(meedoen("import", "corpus", str(tmp_path)))


@pytest.mark.parametrize("command", [["reindex"], ["worker"]])
def test_every_command_that_needs_search_explains_an_unreachable_meilisearch(command):
    # With and without a master key: without one, no key call reveals the problem early.
    for key in ("", "a-master-key-of-more-than-sixteen-bytes"):
        result = meedoen(*command, env={"MEILI_URL": "http://127.0.0.1:9", "MEILI_MASTER_KEY": key})

        message = assert_one_sentence_error(result)
        assert "cannot reach Meilisearch at http://127.0.0.1:9" in message
        assert "MEILI_URL" in message


def test_serve_explains_a_port_that_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = meedoen("serve", "--port", str(port))

    assert f"port {port}" in assert_one_sentence_error(result)


async def test_createuser_reads_the_password_from_stdin_and_refuses_a_common_one(
    clean_database,
):
    from meedoen.accounts.passwords import verify_password
    from meedoen.accounts.tables import Account

    weak = meedoen(
        "createuser",
        "--role",
        "coach",
        "--email",
        "c@example.org",
        "--password-stdin",
        stdin="wachtwoord123\n",
    )
    strong = meedoen(
        "createuser",
        "--role",
        "coach",
        "--email",
        "Coach@Example.org",
        "--password-stdin",
        stdin="paars-fiets-onder-de-brug\n",
    )

    assert "easy to guess" in assert_one_sentence_error(weak)
    assert strong.returncode == 0, strong.stderr
    account = await Account.objects().get(Account.email == "coach@example.org")
    assert account.role == "coach"
    assert account.password_hash.startswith("$argon2id$")
    assert await verify_password(account.password_hash, "paars-fiets-onder-de-brug")


def test_createuser_for_an_organisation_needs_an_existing_organisation():
    result = meedoen(
        "createuser",
        "--role",
        "organisation",
        "--email",
        "o@example.org",
        "--organisation",
        "org-999",
        "--password-stdin",
        stdin="paars-fiets-onder-de-brug\n",
    )

    assert "org-999" in assert_one_sentence_error(result)


def test_the_worker_stops_cleanly_on_sigterm(database, meili, tmp_path):
    """``docker stop`` and ``meedoen serve`` stop a worker with SIGTERM: it hands back what
    it holds and exits without an error, as on Ctrl-C."""
    env = {
        **os.environ,
        "MEILI_URL": meili.url,
        "MEILI_MASTER_KEY": meili.master_key,
        "MEEDOEN_DATA_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "meedoen.cli", "worker", "--no-mail"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    heartbeat = tmp_path / "worker-heartbeat"
    deadline = time.monotonic() + 60
    while not heartbeat.exists() and worker.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert heartbeat.exists(), worker.communicate(timeout=10)[0] if worker.poll() else "late"

    worker.send_signal(signal.SIGTERM)
    output, _ = worker.communicate(timeout=20)

    assert worker.returncode == 0, output
    assert "Traceback" not in output and "Aborted" not in output
