#!/usr/bin/env bash
# Search latency against the bare full-text query, on both engines: generates 100,000 policy and
# news documents into a fresh database (a temporary SQLite file; a throw-away PostgreSQL from
# scripts/lib/postgres.sh), then runs typical queries and very common terms through search::find
# and through the raw FTS5 MATCH / tsvector @@ query (ORDER BY rank LIMIT 10), alternating, and
# prints p50/p99 of each and their ratios. A measurement, not a test: not in CI.
#
# Usage: server/bench/search_vs_raw.sh
# Environment: DOCS [100000], RUNS [200], ENGINES ["sqlite postgres"],
#              BENCH_BIN [build/release/server/bench/zhaoyin_search_bench]
# Results: docs/performance.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOCS="${DOCS:-100000}"
RUNS="${RUNS:-200}"
ENGINES="${ENGINES:-sqlite postgres}"
BENCH_BIN="${BENCH_BIN:-$ROOT/build/release/server/bench/zhaoyin_search_bench}"

if [ ! -x "$BENCH_BIN" ]; then
    (cd "$ROOT" && source scripts/lib/build.sh && cmake --build build/release -j1 \
        --target zhaoyin_search_bench)
fi

WORK=$(mktemp -d /tmp/zhaoyin-search-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

for engine in $ENGINES; do
    case "$engine" in
        sqlite)
            "$BENCH_BIN" --db "$WORK/search.db" --docs "$DOCS" --runs "$RUNS"
            ;;
        postgres)
            # shellcheck source=../../scripts/lib/postgres.sh
            source "$ROOT/scripts/lib/postgres.sh"
            # Shared buffers that hold the index and its table, as a production server's would
            # (the test server keeps PostgreSQL's default 128 MB, a quarter of them).
            ZY_PG_SETTINGS="-c shared_buffers=1GB" pg_start
            trap 'pg_stop; rm -rf "$WORK"' EXIT
            "$BENCH_BIN" --db "$ZHAOYIN_TEST_PG" --docs "$DOCS" --runs "$RUNS"
            pg_stop
            ;;
        *)
            echo "unknown engine $engine" >&2
            exit 2
            ;;
    esac
done
