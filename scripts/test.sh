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

# Bytecode caches (in __pycache__, ignored by git) even where the environment turns them
# off: without them every Python process the suite starts (both pytest runs, the app
# instances, dozens of CLI calls) compiles every module it imports again, and pytest
# rewrites every test module again.
unset PYTHONDONTWRITEBYTECODE

step "ruff (lint and format) and import contracts" make -s lint
step "mypy" make -s typecheck
# The two engines run side by side (each has its own database, Meilisearch and ports):
# on two cores that halves the wall-clock time of the suite. Each prints its progress as
# it goes (one line per test file, a dot per test), prefixed with its engine.
run_pytest() {
    local name="$1" log="$2" engine="$3"; shift 3
    local started=$SECONDS
    if $PY -m pytest "$@" 2>&1 | tee "$log" | sed -u "s/^/[$engine] /"; then
        echo "ok      $name ($((SECONDS - started)) s)" >"$log.status"
    else
        echo "FAILED  $name ($((SECONDS - started)) s)" >"$log.status"
    fi
}

LOGS=test-artifacts/logs
mkdir -p "$LOGS"
rm -f "$LOGS"/*
echo "==> pytest on SQLite and on PostgreSQL (in parallel; logs in $LOGS)"
postgres_job=""
if postgres_reachable; then
    # Each engine-independent test runs once, on SQLite; the browser journeys run once,
    # on PostgreSQL (production's engine). That splits the work about evenly between the
    # two runs, so neither waits for the other on two cores.
    run_pytest "pytest on SQLite" "$LOGS/sqlite.log" sqlite --db sqlite -m "not browser" \
        --junitxml="$REPORTS/sqlite.xml" &
    sqlite_job=$!
    run_pytest "pytest on PostgreSQL" "$LOGS/postgres.log" postgres --db postgres \
        -m "browser or not engine_independent" \
        --junitxml="$REPORTS/postgres.xml" &
    postgres_job=$!
else
    # Without PostgreSQL everything, the browser journeys included, runs on SQLite.
    run_pytest "pytest on SQLite" "$LOGS/sqlite.log" sqlite --db sqlite \
        --junitxml="$REPORTS/sqlite.xml" &
    sqlite_job=$!
    if [ "${CI:-}" = "true" ]; then
        summary+=("FAILED  PostgreSQL not reachable at ${postgres_url%%\?*}: set TEST_DATABASE_URL")
        status=1
    else
        summary+=("SKIPPED PostgreSQL not reachable at ${postgres_url%%\?*}: its tests did not run (set TEST_DATABASE_URL)")
    fi
fi
wait $sqlite_job
[ -n "$postgres_job" ] && wait "$postgres_job"
for engine in sqlite postgres; do
    [ -f "$LOGS/$engine.log.status" ] || continue
    echo "----- $engine: failures and skips (full log: $LOGS/$engine.log) -----"
    grep -E "^(FAILED|ERROR|SKIPPED)" "$LOGS/$engine.log" | head -n 40
    line=$(cat "$LOGS/$engine.log.status")
    summary+=("$line: $($PY scripts/junit_totals.py "$REPORTS/$engine.xml")")
    case "$line" in FAILED*) status=1 ;; esac
done

echo
echo "Summary"
for line in "${summary[@]}"; do echo "  $line"; done
$PY scripts/junit_totals.py "$REPORTS"/*.xml || status=1
exit $status
