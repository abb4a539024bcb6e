#!/usr/bin/env bash
# Generate a Piccolo migration for one app. Piccolo's --auto works on PostgreSQL only,
# so this runs against a scratch database on the local server, brought up to date first.
set -euo pipefail
app="${1:?usage: make migration APP=<app name, e.g. opportunities>}"
server="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
scratch="meedoen_migrations_$$"
psql "$server" -qc "CREATE DATABASE $scratch"
trap 'psql "$server" -qc "DROP DATABASE IF EXISTS $scratch WITH (FORCE)"' EXIT
export PICCOLO_CONF=meedoen.piccolo_conf
export DATABASE_URL="${server%/*}/$scratch"
.venv/bin/piccolo migrations forwards all >/dev/null
.venv/bin/piccolo migrations new "$app" --auto --desc "${DESC:-change}"
