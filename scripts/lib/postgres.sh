# Starts a throw-away PostgreSQL 15 server for the tests: initialised in a temporary directory,
# run as the unprivileged `postgres` user, listening only on a Unix socket in that directory.
# Source this file, call pg_start, and the server is stopped and removed when the shell exits.
# Exports ZHAOYIN_TEST_PG, the connection URL the C++ tests read. ZY_PG_SETTINGS adds server
# settings ("-c shared_buffers=1GB"), for the benchmarks.

pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

pg_stop() {
    if [ -n "${ZY_PG_DIR:-}" ] && [ -d "$ZY_PG_DIR" ]; then
        runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$ZY_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$ZY_PG_DIR"
    fi
}

pg_start() {
    local bin port
    bin=$(pg_bin) || { echo "PostgreSQL server binaries not found" >&2; return 1; }
    ZY_PG_DIR=$(mktemp -d /tmp/zhaoyin-pg.XXXXXX)
    chown postgres:postgres "$ZY_PG_DIR"
    chmod 700 "$ZY_PG_DIR"
    port=$(( 20000 + RANDOM % 20000 ))
    runuser -u postgres -- "$bin/initdb" -D "$ZY_PG_DIR/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 >"$ZY_PG_DIR/initdb.log" 2>&1 \
        || { cat "$ZY_PG_DIR/initdb.log" >&2; return 1; }
    runuser -u postgres -- "$bin/pg_ctl" -D "$ZY_PG_DIR/data" -l "$ZY_PG_DIR/server.log" -w \
        -o "-k $ZY_PG_DIR -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${ZY_PG_SETTINGS:-}" \
        start >/dev/null || { cat "$ZY_PG_DIR/server.log" >&2; return 1; }
    trap pg_stop EXIT
    export ZHAOYIN_TEST_PG="postgresql:///postgres?host=$ZY_PG_DIR&port=$port&user=postgres"
}
