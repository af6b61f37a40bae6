#!/usr/bin/env bash
# Submit-to-alert latency with 1,000 staff WebSockets connected, and sustained intents per second:
# starts zhaoyin with the demo accounts (no demo history) on a fresh database, waits for /readyz,
# runs zhaoyin_alert_bench (server/bench/alert_latency.cpp) against it, and stops the server. It
# is a measurement, not a test: it exits 0 whatever the numbers are, and non-zero only when
# something broke (an alert lost, a request refused, the server did not start).
#
# Usage: server/bench/alert_latency.sh            (SQLite in a temporary data directory)
#        DB=postgres server/bench/alert_latency.sh (a temporary PostgreSQL, scripts/lib/postgres.sh)
# Results and reasoning: docs/performance.md.
#
# Environment (defaults in brackets):
#   DB [sqlite]          sqlite or postgres
#   SOCKETS [1000]       staff WebSockets, spread evenly over the ten districts
#   INTENTS [300]        intents in the latency phase, one after another
#   PAUSE_MS [50]        pause between them
#   CONCURRENCY [8]      submitters in the sustained phase (0 skips it)
#   DURATION [10]        seconds of the sustained phase
#   THREADS [1]          zhaoyin --threads (I/O threads)
#   DB_THREADS [4]       zhaoyin --db-threads
#   PIN [1]              1: server on SERVER_CPUS, benchmark on BENCH_CPUS (taskset); 0: no pinning
#   SERVER_CPUS [0]      CPU list for the server (and PostgreSQL) when PIN=1
#   BENCH_CPUS [1]       CPU list for the benchmark client when PIN=1
#   NICE [-10 as root, else 0]  nice value for the server and the client alike
#   LOG_LEVEL [info]     zhaoyin --log-level (stderr goes to a file)
#   QUIET_WAIT [30]      seconds to wait at most for the machine to be quiet (<10% busy)
#   CSV                  write the latency phase's samples to this file
#   KEEP [0]             1: keep the temporary directory (server log, database, outbox) and say where
#   PERF [0]             1: `perf record -g` the server during the run into the temporary directory
#                        (implies KEEP=1); then e.g. `perf report -i DIR/perf.data --no-children`
#   BUILD_JOBS [1]       parallel jobs if the programs have to be built
#   ZHAOYIN_BIN          server binary [build/release/server/zhaoyin]
#   BENCH_BIN            client binary [build/release/server/bench/zhaoyin_alert_bench]
#   Both are built with the release preset if missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DB="${DB:-sqlite}"
SOCKETS="${SOCKETS:-1000}"
INTENTS="${INTENTS:-300}"
PAUSE_MS="${PAUSE_MS:-50}"
CONCURRENCY="${CONCURRENCY:-8}"
DURATION="${DURATION:-10}"
THREADS="${THREADS:-1}"
DB_THREADS="${DB_THREADS:-4}"
PIN="${PIN:-1}"
SERVER_CPUS="${SERVER_CPUS:-0}"
BENCH_CPUS="${BENCH_CPUS:-1}"
LOG_LEVEL="${LOG_LEVEL:-info}"
QUIET_WAIT="${QUIET_WAIT:-30}"
KEEP="${KEEP:-0}"
PERF="${PERF:-0}"
[[ "$PERF" == 1 ]] && KEEP=1
BUILD_JOBS="${BUILD_JOBS:-1}"
ZHAOYIN_BIN="${ZHAOYIN_BIN:-$ROOT/build/release/server/zhaoyin}"
BENCH_BIN="${BENCH_BIN:-$ROOT/build/release/server/bench/zhaoyin_alert_bench}"
if [[ "$(id -u)" == 0 ]]; then NICE="${NICE:--10}"; else NICE="${NICE:-0}"; fi
PASSWORD=Zhaoyin-Demo-2026

log() { printf '%s\n' "$*" >&2; }
die() { log "alert_latency: $*"; exit 1; }

case "$DB" in
    sqlite | postgres) ;;
    *) die "DB must be sqlite or postgres" ;;
esac
command -v curl >/dev/null || die "curl is needed"
command -v taskset >/dev/null || [[ "$PIN" == 0 ]] || die "taskset (util-linux) is needed for PIN=1"

# --- build ----------------------------------------------------------------------------------------
if [[ ! -x "$ZHAOYIN_BIN" || ! -x "$BENCH_BIN" ]]; then
    log "building zhaoyin and zhaoyin_alert_bench (release preset)"
    if [[ ! -f "$ROOT/build/release/CMakeCache.txt" ]]; then
        (cd "$ROOT" && cmake --preset release -DZHAOYIN_BUILD_TESTS=ON >&2)
    fi
    (cd "$ROOT" && cmake --build --preset release -j "$BUILD_JOBS" --target zhaoyin zhaoyin_alert_bench >&2)
fi
[[ -x "$ZHAOYIN_BIN" ]] || die "no server binary at $ZHAOYIN_BIN"
[[ -x "$BENCH_BIN" ]] || die "no benchmark binary at $BENCH_BIN (configure with ZHAOYIN_BUILD_TESTS=ON)"

# 1,000 WebSockets on each side, plus the database's files.
want_fds=$((SOCKETS + 1024))
if (($(ulimit -n) < want_fds)); then
    ulimit -n "$want_fds" 2>/dev/null || ulimit -n "$(ulimit -Hn)" ||
        die "cannot raise the open-file limit to $want_fds"
fi
(($(ulimit -n) >= SOCKETS + 100)) || die "open-file limit $(ulimit -n) is too low for $SOCKETS sockets"

RUN_SERVER=(nice -n "$NICE")
RUN_BENCH=(nice -n "$NICE")
if [[ "$PIN" == 1 ]]; then
    RUN_SERVER+=(taskset -c "$SERVER_CPUS")
    RUN_BENCH+=(taskset -c "$BENCH_CPUS")
fi

# --- processes and cleanup ------------------------------------------------------------------------
WORK="$(mktemp -d -t zhaoyin-alert.XXXXXX)"
SERVER_PID=""

stop_pid() {
    local pid="$1"
    [[ -n "$pid" ]] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    stop_pid "$SERVER_PID"
    if [[ "$DB" == postgres ]]; then pg_stop; fi
    if [[ "$KEEP" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}

DB_ARGS=()
if [[ "$DB" == postgres ]]; then
    # shellcheck source=../../scripts/lib/postgres.sh
    source "$ROOT/scripts/lib/postgres.sh"
    # The same throw-away server the tests use (fsync=off, synchronous_commit=off), on the
    # server's CPUs when pinned: it is part of the server side.
    if [[ "$PIN" == 1 ]]; then
        all_cpus="$(taskset -pc $$ | sed 's/.*: //')"
        taskset -pc "$SERVER_CPUS" $$ >/dev/null
        pg_start
        taskset -pc "$all_cpus" $$ >/dev/null
    else
        pg_start
    fi
    DB_ARGS=(--db "$ZHAOYIN_TEST_PG")
fi
trap cleanup EXIT # after pg_start, which sets its own EXIT trap
trap 'exit 130' INT TERM

# --- the machine ------------------------------------------------------------------------------------
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 }' /proc/stat; }
busy_percent() {
    local a b
    a="$(machine_ticks)"
    sleep 1
    b="$(machine_ticks)"
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[2] - x[2]; printf "%.0f", (t > 0 ? 100 * (y[1] - x[1]) / t : 0) }'
}
idle_busy="$(busy_percent)"
for ((waited = 1; waited < QUIET_WAIT && idle_busy > 10; waited++)); do
    idle_busy="$(busy_percent)"
done

# --- zhaoyin ----------------------------------------------------------------------------------------
mkdir -p "$WORK/data" "$WORK/run"
: >"$WORK/zhaoyin.out"
# From an empty directory, so that nothing of the work tree (web/dist) is picked up.
(cd "$WORK/run" && exec "${RUN_SERVER[@]}" "$ZHAOYIN_BIN" serve --demo --demo-history=false \
    --demo-password "$PASSWORD" --listen 127.0.0.1:0 --data-dir "$WORK/data" "${DB_ARGS[@]}" \
    --threads "$THREADS" --db-threads "$DB_THREADS" --log-level "$LOG_LEVEL" \
    >"$WORK/zhaoyin.out" 2>"$WORK/zhaoyin.err") &
SERVER_PID=$!
SERVER_URL=""
for _ in $(seq 600); do
    SERVER_URL="$(sed -n 's/^zhaoyin listening on \(http:[^ ]*\).*/\1/p' "$WORK/zhaoyin.out")"
    [[ -n "$SERVER_URL" ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/zhaoyin.err" >&2; die "zhaoyin exited"; }
    sleep 0.1
done
[[ -n "$SERVER_URL" ]] || die "zhaoyin did not start"
for _ in $(seq 300); do
    curl -fsS -o /dev/null "$SERVER_URL/readyz" 2>/dev/null && break
    sleep 0.1
done
curl -fsS -o /dev/null "$SERVER_URL/readyz" || die "zhaoyin is not ready ($SERVER_URL/readyz)"

# --- run ----------------------------------------------------------------------------------------------
echo "== submit-to-alert latency, $SOCKETS staff WebSockets ($DB) =="
echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:     $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -sr); ${idle_busy}% busy before the run, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server:      $("$ZHAOYIN_BIN" --version), --threads $THREADS --db-threads $DB_THREADS --log-level $LOG_LEVEL, database $DB"
if [[ "$PIN" == 1 ]]; then
    echo "pinning:     server$([[ "$DB" == postgres ]] && echo " and PostgreSQL") on CPU $SERVER_CPUS, benchmark client on CPU $BENCH_CPUS (taskset); nice $NICE"
else
    echo "pinning:     none; nice $NICE"
fi
((idle_busy > 10)) && echo "WARNING:     the machine was ${idle_busy}% busy before the run: expect noise"

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
machine0="$(machine_ticks)"
server0="$(ticks "$SERVER_PID")"
# Our PostgreSQL only (other PostgreSQL servers may run on a shared machine): its postmaster,
# with the time of its exited children, and its live backends.
pg_ticks() {
    [[ "$DB" == postgres ]] || { echo 0; return; }
    local master total pid
    master="$(head -1 "$ZY_PG_DIR/data/postmaster.pid")"
    total="$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$master/stat")"
    for pid in $(pgrep -P "$master" || true); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}
pg0="$(pg_ticks)"
# CPU of this script's waited-for children: the benchmark client (and a few short tools).
children_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat"; }
client0="$(children_ticks)"

bench_args=(--url "$SERVER_URL" --password "$PASSWORD" --sockets "$SOCKETS" --intents "$INTENTS"
    --pause-ms "$PAUSE_MS" --concurrency "$CONCURRENCY" --duration "$DURATION")
[[ -n "${CSV:-}" ]] && bench_args+=(--csv "$CSV")
PERF_PID=""
if [[ "$PERF" == 1 ]]; then
    perf record -F 999 -g -o "$WORK/perf.data" -p "$SERVER_PID" >"$WORK/perf.log" 2>&1 &
    PERF_PID=$!
fi
set +e
"${RUN_BENCH[@]}" "$BENCH_BIN" "${bench_args[@]}"
status=$?
set -e
if [[ -n "$PERF_PID" ]]; then
    kill -INT "$PERF_PID" 2>/dev/null || true
    wait "$PERF_PID" 2>/dev/null || true
fi

machine1="$(machine_ticks)"
server1="$(ticks "$SERVER_PID")"
pg1="$(pg_ticks)"
client1="$(children_ticks)"
awk -v m0="$machine0" -v m1="$machine1" -v s="$((server1 - server0))" -v p="$((pg1 - pg0))" \
    -v c="$((client1 - client0))" -v n="$(nproc)" -v db="$DB" 'BEGIN {
        split(m0, a, " "); split(m1, b, " "); t = b[2] - a[2]; busy = b[1] - a[1]
        printf "CPU over the whole run (%% of one core): zhaoyin %.0f%%", (t > 0 ? 100 * s * n / t : 0)
        if (db == "postgres") printf ", PostgreSQL %.0f%%", (t > 0 ? 100 * p * n / t : 0)
        printf ", benchmark client %.0f%%", (t > 0 ? 100 * c * n / t : 0)
        other = busy - s - p - c; if (other < 0) other = 0
        printf "; other processes %.0f%% of the machine%s\n", (t > 0 ? 100 * other / t : 0),
               (t > 0 && 100 * other / t > 10 ? "  <- busy: treat the numbers with care" : "") }'
# Stopping the server flushes its buffered access log.
stop_pid "$SERVER_PID"
SERVER_PID=""

# --- where the time goes, from the server's side ---------------------------------------------------
# The access log has each POST's time inside the server (us=); the outbox table has, for each
# unit push, when it was written (in the intent's transaction) and when it was handed to the
# WebSocket hub (after commit, by the outbox loop; millisecond stamps). The first 10 intents are
# the warm-up, the next INTENTS the latency phase (sequential, so in order), the rest sustained.
percentiles() { # label, then numbers on stdin
    sort -g | awk -v label="$1" '{ v[NR] = $1; s += $1 }
        function r(p,  k) { k = int(p * NR); if (k < p * NR) k++; if (k < 1) k = 1; return v[k] }
        END { if (NR) printf "| %-48s | %5d | %8.2f | %8.2f | %8.2f | %8.2f | %8.2f |\n", label, NR, r(0.5), r(0.9), r(0.99), v[NR], s / NR }'
}
split_phase() { # first, count: select lines first..first+count-1 (1-based) of stdin
    awk -v a="$1" -v n="$2" 'NR >= a && (n < 0 || NR < a + n)'
}
grep 'method=POST path="/api/v1/intents" status=201' "$WORK/zhaoyin.err" |
    sed -n 's/.* us=\([0-9]*\).*/\1/p' | awk '{ printf "%.3f\n", $1 / 1000 }' >"$WORK/post_us.txt"
outbox_sql="SELECT created_at, delivered_at FROM outbox_message WHERE recipient LIKE 'unit:%' AND delivered_at IS NOT NULL ORDER BY id"
if [[ "$DB" == postgres ]]; then
    psql "$ZHAOYIN_TEST_PG" -At -F ' ' -c "$outbox_sql" >"$WORK/outbox.txt" 2>/dev/null || : >"$WORK/outbox.txt"
else
    sqlite3 -separator ' ' "$WORK/data/zhaoyin.db" "$outbox_sql" >"$WORK/outbox.txt" 2>/dev/null || : >"$WORK/outbox.txt"
fi
awk '
    function ms(t,  d, h) { # 2026-11-26T09:56:05.612Z (or with +00 / a space) -> ms of the day
        sub(/^[0-9-]+[T ]/, "", t); sub(/(Z|[+-][0-9:]+)$/, "", t); split(t, h, ":")
        return ((h[1] * 60 + h[2]) * 60 + h[3]) * 1000 }
    { d = ms($2) - ms($1); if (d < -43200000) d += 86400000; printf "%.3f\n", d }' \
    "$WORK/outbox.txt" >"$WORK/outbox_ms.txt"
echo
echo "server side (access log us=, and the outbox table's created_at → delivered_at, ms stamps):"
echo
printf '| %-48s | %5s | %8s | %8s | %8s | %8s | %8s |\n' "measure (ms)" n p50 p90 p99 max mean
printf '|%s|------:|---------:|---------:|---------:|---------:|---------:|\n' "$(printf -- '-%.0s' $(seq 50))"
split_phase 11 "$INTENTS" <"$WORK/post_us.txt" | percentiles "latency phase: POST inside the server"
split_phase 11 "$INTENTS" <"$WORK/outbox_ms.txt" | percentiles "latency phase: unit push written -> delivered"
split_phase $((11 + INTENTS)) -1 <"$WORK/post_us.txt" | percentiles "sustained: POST inside the server"
split_phase $((11 + INTENTS)) -1 <"$WORK/outbox_ms.txt" | percentiles "sustained: unit push written -> delivered"
if ((CONCURRENCY > 0)); then
    # While the submitters run, how fast do alerts leave compared with intents coming in?
    split_phase $((11 + INTENTS)) -1 <"$WORK/outbox.txt" | awk '
        function ms(t,  h) {
            sub(/^[0-9-]+[T ]/, "", t); sub(/(Z|[+-][0-9:]+)$/, "", t); split(t, h, ":")
            return ((h[1] * 60 + h[2]) * 60 + h[3]) * 1000 }
        { c = ms($1); d = ms($2); if (NR == 1) first = c; if (c > last) last = c; if (d > done) done = d
          n++; delivered[n] = d }
        END {
            if (n < 2 || last <= first) exit
            during = 0; for (i = 1; i <= n; i++) if (delivered[i] <= last) during++
            span = (last - first) / 1000; after = (done - last) / 1000
            printf "sustained, from the outbox table: %d intents written in %.1f s (%.1f/s); their unit alerts delivered meanwhile: %d (%.1f/s); the rest (%d) delivered in the %.1f s after the last intent (%.1f/s)\n",
                n, span, n / span, during, during / span, n - during, after, (after > 0 ? (n - during) / after : 0) }'
fi
echo
warnings="$(grep 'level=\(warning\|error\)' "$WORK/zhaoyin.err" | grep -v 'event=no_web_app' || true)"
if [[ -n "$warnings" ]]; then
    echo "server warnings: $(printf '%s\n' "$warnings" | wc -l)"
    printf '%s\n' "$warnings" | head -5
fi
exit "$status"
