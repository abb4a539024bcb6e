"""The Docker deployment files describe a working four-service setup."""

import shutil
import subprocess
from pathlib import Path

import yaml

from support.prerequisites import require_command

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_app_worker_postgres_and_the_official_meilisearch_image():
    services = compose()["services"]

    assert set(services) == {"app", "worker", "postgres", "meilisearch"}
    assert services["meilisearch"]["image"] == "getmeili/meilisearch:v1.21"
    assert services["worker"]["command"] == ["meedoen", "worker"]


def test_the_app_is_healthy_only_when_ready_and_the_worker_does_not_wait_for_that():
    services = compose()["services"]
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert "/health/ready" in " ".join(services["app"]["healthcheck"]["test"])
    assert "/health/ready" in dockerfile
    # The app is ready only once the worker indexed the backlog: no waiting on each other.
    assert services["worker"]["depends_on"]["app"]["condition"] == "service_started"


def test_the_app_serves_with_a_process_per_core_and_leaves_background_work_to_the_worker():
    services = compose()["services"]
    dockerfile = (ROOT / "Dockerfile").read_text()

    # No --workers in the command: MEEDOEN_WEB_WORKERS or one per core decides.
    assert 'CMD ["meedoen", "serve", "--host", "0.0.0.0", "--port", "8000"]' in dockerfile
    assert services["app"]["environment"]["MEEDOEN_INPROCESS_WORKER"] == "0"
    assert "MEEDOEN_INPROCESS_WORKER" not in services["worker"]["environment"]


def test_every_service_has_a_healthcheck_and_persistent_data_has_volumes():
    services = compose()["services"]

    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no healthcheck"
    for name in ("app", "postgres", "meilisearch"):
        assert service_volumes(services[name]), f"{name} keeps its data in no volume"


def test_secrets_come_from_the_env_file_not_from_the_compose_file():
    text = (ROOT / "docker-compose.yml").read_text()
    services = compose()["services"]

    assert services["app"]["env_file"] == ".env"
    assert "${MEILI_MASTER_KEY}" in text and "${POSTGRES_PASSWORD}" in text
    example = (ROOT / ".env.example").read_text()
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD", "MEILI_MASTER_KEY"):
        assert f"{name}=" in example


def service_volumes(service: dict) -> list:
    return service.get("volumes", [])


def test_compose_file_has_no_obsolete_version_key():
    # Compose v2 ignores it with a warning on every command.
    assert "version" not in compose()


def test_docker_compose_accepts_the_file(tmp_path):
    docker_compose = require_command("docker-compose")
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    shutil.copy(ROOT / "Dockerfile", tmp_path / "Dockerfile")

    result = subprocess.run(
        [docker_compose, "config", "--quiet"], cwd=tmp_path, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr


def test_dockerfile_runs_the_app_as_an_unprivileged_user_in_production_mode():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert "USER meedoen" in dockerfile
    assert "MEEDOEN_ENV=production" in dockerfile
    assert "uv sync --locked" in dockerfile
