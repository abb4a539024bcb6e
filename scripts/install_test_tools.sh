#!/usr/bin/env bash
# What the tests need beyond `make install`, from Debian's packages:
#   chromium              the browser tests (axe, journeys, keyboard)
#   default-jre-headless  Java for the Nu Html Checker (node_modules/vnu-jar), the HTML gate
#   docker-compose        validates docker-compose.yml without a Docker engine
#   libpangoft2-1.0-0     Pango, which WeasyPrint (the proof-of-participation PDF) draws text with,
#   fonts-dejavu-core     and the font it uses
#   postgresql            initdb/pg_ctl for the PostgreSQL-restart fault test (a private
#                         cluster; as root it runs as the `postgres` user this package
#                         creates) and pg_dump/pg_restore for the backup test
# Installed with apt where apt is available; otherwise the tests that need them say they
# were skipped (and fail under CI=true, where skipping would hide a broken gate).
set -euo pipefail

has_java() {
    command -v java >/dev/null 2>&1 && return 0
    [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && return 0
    # Where Debian's default-jre-headless puts it, whatever else is on PATH.
    [ -x /usr/lib/jvm/default-java/bin/java ]
}

has_postgres_server_tools() {
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
        && compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null \
        && command -v pg_dump >/dev/null 2>&1 \
        && getent passwd postgres >/dev/null 2>&1
}

wanted=()
command -v chromium >/dev/null 2>&1 || wanted+=(chromium)
has_java || wanted+=(default-jre-headless)
command -v docker-compose >/dev/null 2>&1 || wanted+=(docker-compose)
has_postgres_server_tools || wanted+=(postgresql)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0' || wanted+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || wanted+=(fonts-dejavu-core)
if [ ${#wanted[@]} -eq 0 ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "${wanted[*]} not installed and apt-get is not available: the tests that need them will be skipped (and fail under CI=true)." >&2
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
