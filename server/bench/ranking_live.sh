#!/bin/bash
# GET /api/v1/rankings/live latency on the demo data (SQLite): 100 sequential requests as the
# leader, after one warm-up. Run from the repository root after a release build.
set -e
dir=$(mktemp -d)
build/release/server/zhaoyin --demo --data-dir "$dir" --listen 127.0.0.1:18431 >"$dir/log" 2>&1 &
pid=$!
for i in $(seq 1 120); do curl -sf http://127.0.0.1:18431/readyz >/dev/null && break; sleep 1; done
jar="$dir/jar"
curl -s -c "$jar" -H 'Cookie: zy_csrf=bench' -H 'X-CSRF-Token: bench' -H 'Content-Type: application/json' -X POST http://127.0.0.1:18431/api/v1/auth/login -d '{"login":"leader","password":"Zhaoyin-Demo-2026"}' -o /dev/null -w 'login %{http_code}\n'
curl -s -b "$jar" 'http://127.0.0.1:18431/api/v1/rankings/live?period=2026' -o "$dir/live.json" -w 'live %{http_code} %{size_download} bytes\n'
for i in $(seq 1 100); do curl -s -b "$jar" 'http://127.0.0.1:18431/api/v1/rankings/live?period=2026' -o /dev/null -w '%{time_total}\n'; done | sort -n > "$dir/times"
echo "p50 $(sed -n 50p $dir/times) p90 $(sed -n 90p $dir/times) p99 $(sed -n 99p $dir/times) max $(tail -1 $dir/times) (seconds)"
echo "projects $(sqlite3 $dir/zhaoyin.db 'SELECT COUNT(*) FROM project' 2>/dev/null)"
kill $pid; wait $pid 2>/dev/null || true
rm -rf "$dir"
