#!/usr/bin/env bash
# Every bench, with sizes that finish in minutes on a laptop; figures are printed, not judged.
#   bash bench/run_all.sh            the sensible sizes below
#   QUICK=1 bash bench/run_all.sh    much smaller sizes, to check that the benches still run
# The PostgreSQL benches use TEST_DATABASE_URL (default postgres@127.0.0.1:5432): each
# creates its own database there and drops it afterwards; the server itself is left alone.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
status=0
summary=()

bench() {
    local name="$1"; shift
    local started=$SECONDS
    echo
    echo "==> $name: $*"
    if "$PY" "$@"; then
        summary+=("ok      $name ($((SECONDS - started)) s)")
    else
        summary+=("FAILED  $name ($((SECONDS - started)) s)")
        status=1
    fi
}

if [ "${QUICK:-}" = "1" ]; then
    bench "search latency" bench/search_latency.py --searches 50 --documents 200
    bench "matching" bench/matching_bench.py --residents 2000 --opportunities 1000 --picks 20 \
        --fallback-picks 5 --recall-picks 5
    bench "dashboard" bench/dashboard_bench.py --residents 5000 --repeat 2
    bench "load" bench/load.py --duration 10 --concurrency 8 --residents 500 --opportunities 300
    bench "reset timing" bench/reset_timing.py --requests 10
    bench "page weight" bench/page_weight.py
else
    bench "search latency" bench/search_latency.py --searches 500 --documents 2000
    bench "matching" bench/matching_bench.py --residents 100000 --opportunities 50000
    bench "dashboard" bench/dashboard_bench.py --residents 100000 --repeat 5
    bench "load" bench/load.py --duration 60 --concurrency 20 --residents 5000 \
        --opportunities 2000 --organisations 200 --signed-in 10
    bench "reset timing" bench/reset_timing.py --requests 60
    bench "page weight" bench/page_weight.py
fi
if command -v wrk >/dev/null; then
    bench "web processes" bench/web_workers.py --duration "${WRK_SECONDS:-10}"
else
    summary+=("skipped web processes (no wrk: apt-get install wrk)")
fi

echo
echo "Summary"
for line in "${summary[@]}"; do echo "  $line"; done
exit $status
