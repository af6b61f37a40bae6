#!/usr/bin/env bash
# The leaders' dashboards against the raw SQL of the same figures: generates PROJECTS key projects
# and UPDATES dispatch records into a fresh database (batched INSERTs, then a recomputation of the
# aggregates), then times the five dashboard modules' service functions (bureau and a district
# lead) against a full GROUP BY over the base tables, printing p50/p99 and the ratio. A
# measurement, not a test: not in CI (it takes minutes at full size). Results: docs/performance.md.
#
# Usage: server/bench/dashboard_vs_raw.sh               (SQLite in a temporary directory)
#        DB=postgres server/bench/dashboard_vs_raw.sh   (a temporary PostgreSQL, scripts/lib/postgres.sh)
# Environment: DB [sqlite], PROJECTS [1000000], UPDATES [10000000], ITERATIONS [200],
#              RAW_ITERATIONS [10], KEEP [0] (1: keep the SQLite file and say where).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-build/release/server/bench/zhaoyin_dashboard_bench}
DB=${DB:-sqlite}
PROJECTS=${PROJECTS:-1000000}
UPDATES=${UPDATES:-10000000}
ITERATIONS=${ITERATIONS:-200}
RAW_ITERATIONS=${RAW_ITERATIONS:-10}
work=$(mktemp -d)
if [[ "${KEEP:-0}" != 1 ]]; then
    trap 'rm -rf "$work"' EXIT
fi
if [[ "$DB" == postgres ]]; then
    # shellcheck source=/dev/null
    source scripts/lib/postgres.sh
    pg_start >/dev/null
    target="${ZHAOYIN_TEST_PG:?pg_start sets ZHAOYIN_TEST_PG}"
    schema="bench_$$"
    psql "$target" -qc "CREATE SCHEMA $schema" >/dev/null
    target="${target}$([[ "$target" == *\?* ]] && echo '&' || echo '?')options=-csearch_path%3D${schema}"
else
    target="$work/bench.sqlite"
fi
echo "== $DB: $PROJECTS projects, $UPDATES updates"
/usr/bin/time -f "generate: %e s, %M KB peak" "$BIN" generate --db "$target" --projects "$PROJECTS" --updates "$UPDATES"
"$BIN" bench --db "$target" --iterations "$ITERATIONS" --raw-iterations "$RAW_ITERATIONS"
if [[ "${KEEP:-0}" == 1 ]]; then
    echo "kept: $work"
fi
