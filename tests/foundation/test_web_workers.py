"""How many web processes `meedoen serve` runs, and how they share the cores."""

import os
import subprocess
import sys

import pytest

from meedoen.settings import ConfigurationError, load_settings

BASE = {"MEEDOEN_ENV": "development", "SECRET_KEY": "x" * 40}


def test_by_default_one_web_process_per_usable_core(tmp_path):
    settings = load_settings({**BASE, "MEEDOEN_DATA_DIR": str(tmp_path)})

    assert settings.web_workers == len(os.sched_getaffinity(0))


def test_the_number_of_web_processes_can_be_set_and_one_is_allowed(tmp_path):
    for given in ("1", "3"):
        env = {**BASE, "MEEDOEN_DATA_DIR": str(tmp_path), "MEEDOEN_WEB_WORKERS": given}
        assert load_settings(env).web_workers == int(given)


@pytest.mark.parametrize("given", ["0", "-2", "two", "1.5"])
def test_a_number_of_web_processes_that_cannot_work_is_refused(tmp_path, given):
    env = {**BASE, "MEEDOEN_DATA_DIR": str(tmp_path), "MEEDOEN_WEB_WORKERS": given}

    with pytest.raises(ConfigurationError, match="MEEDOEN_WEB_WORKERS is"):
        load_settings(env)


def cpu_slots(environment: dict[str, str]) -> int:
    env = {k: v for k, v in os.environ.items() if k != "MEEDOEN_WEB_WORKERS"}
    result = subprocess.run(
        [sys.executable, "-c", "from meedoen.offload import CPU_SLOTS; print(CPU_SLOTS)"],
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return int(result.stdout)


def test_web_processes_share_the_cores_for_heavy_work_out_between_them():
    cores = len(os.sched_getaffinity(0))

    assert cpu_slots({}) == cores
    assert cpu_slots({"MEEDOEN_WEB_WORKERS": "2"}) == max(cores // 2, 1)
    assert cpu_slots({"MEEDOEN_WEB_WORKERS": str(cores * 4)}) == 1


def test_serve_refuses_zero_web_processes():
    result = subprocess.run(
        [sys.executable, "-m", "meedoen.cli", "serve", "--workers", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "--workers" in result.stderr and "Traceback" not in result.stderr
