#!/usr/bin/env bash
# What the tests need beyond `make install`: Debian's Chromium for the browser tests.
# Installed with apt where apt is available; otherwise the browser tests say they
# were skipped (and fail under CI, where skipping would hide a broken journey).
set -euo pipefail

wanted=()
command -v chromium >/dev/null 2>&1 || wanted+=(chromium)
# Validates docker-compose.yml without a Docker engine (`docker-compose config`).
command -v docker-compose >/dev/null 2>&1 || wanted+=(docker-compose)
if [ ${#wanted[@]} -eq 0 ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "${wanted[*]} not installed and apt-get is not available: the tests that need them will be skipped." >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo"
    else
        echo "${wanted[*]} not installed and installing needs root: run 'sudo apt-get install ${wanted[*]}'." >&2
        exit 0
    fi
fi
echo "Installing Debian's ${wanted[*]} for the tests…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
