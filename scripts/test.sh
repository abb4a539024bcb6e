#!/usr/bin/env bash
# The whole test suite: lint, type-check, then every test on SQLite and on PostgreSQL.
# Prints a summary; exits non-zero when anything failed (or, under CI, was skipped).
set -uo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
REPORTS=test-artifacts/reports
mkdir -p "$REPORTS"
rm -f "$REPORTS"/*.xml
status=0
summary=()

step() {
    local name="$1"; shift
    local started=$SECONDS
    echo "==> $name"
    if "$@"; then
        summary+=("ok      $name ($((SECONDS - started)) s)")
    else
        summary+=("FAILED  $name ($((SECONDS - started)) s)")
        status=1
    fi
}

postgres_url="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
postgres_reachable() {
    $PY - "$postgres_url" <<'PYEOF' 2>/dev/null
import asyncio, sys
import asyncpg
async def main():
    connection = await asyncio.wait_for(asyncpg.connect(sys.argv[1]), 5)
    await connection.close()
asyncio.run(main())
PYEOF
}

step "ruff (lint and format)" make -s lint
step "mypy" make -s typecheck
step "pytest on SQLite" $PY -m pytest --db sqlite --junitxml="$REPORTS/sqlite.xml"
if postgres_reachable; then
    # Browser journeys exercise the pages, not the engine: they run once, on SQLite.
    step "pytest on PostgreSQL" $PY -m pytest --db postgres -m "not browser" \
        --junitxml="$REPORTS/postgres.xml"
else
    if [ "${CI:-}" = "true" ]; then
        summary+=("FAILED  PostgreSQL not reachable at ${postgres_url%%\?*}: set TEST_DATABASE_URL")
        status=1
    else
        summary+=("SKIPPED PostgreSQL not reachable at ${postgres_url%%\?*}: its tests did not run (set TEST_DATABASE_URL)")
    fi
fi

echo
echo "Summary"
for line in "${summary[@]}"; do echo "  $line"; done
$PY scripts/junit_totals.py "$REPORTS"/*.xml || status=1
exit $status
