#!/usr/bin/env bash
# Measures requests per second of a release-built `skill-server serve` with wrk, offline:
#   1. GET /healthz: the HTTP layer alone (libmicrohttpd, suspend/resume, a Swift task per request).
#   2. POST /alexa with a sample envelope: the whole pipeline, request-signature verification skipped.
# Usage: scripts/bench-http.sh [DURATION]   (wrk duration, default 5s)
# Environment: BENCH_PORT (8181), BENCH_CONNECTIONS (32), BENCH_THREADS (1, wrk threads),
#              BENCH_BODY (default interaction-model/samples/session-ended.json).
# Run it on an otherwise idle machine: wrk and the server share the cores, so figures from a busy
# machine say little.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f scripts/env.sh ]; then source scripts/env.sh; fi

command -v wrk >/dev/null || { echo "bench-http: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench-http: curl is not installed" >&2; exit 2; }

duration="${1:-5s}"
port="${BENCH_PORT:-8181}"
connections="${BENCH_CONNECTIONS:-32}"
threads="${BENCH_THREADS:-1}"
body="$(pwd)/${BENCH_BODY:-interaction-model/samples/session-ended.json}"
skill_id="${SKILL_ID:-amzn1.ask.skill.00000000-0000-0000-0000-000000000000}"
[ -f "$body" ] || { echo "bench-http: no request body at $body" >&2; exit 2; }

swift build -c release --product skill-server >&2
work="$(mktemp -d)"
# The issuer URL points at a closed port: no request in this benchmark needs a token.
.build/release/skill-server serve --host 127.0.0.1 --port "$port" --issuer "http://127.0.0.1:9/" --audience bench \
    --skill-id "$skill_id" --weather scripts/conditions.json --skip-request-verification \
    >"$work/serve.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || {
    echo "bench-http: the server did not come up; its log:" >&2
    cat "$work/serve.log" >&2
    exit 1
}

cat >"$work/post.lua" <<LUA
local file = assert(io.open("$body", "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()
LUA

status="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$body" "http://127.0.0.1:$port/alexa")"
echo "POST /alexa with $(basename "$body") answers HTTP $status" >&2

echo "== GET /healthz ($connections connections, $duration)"
wrk -t"$threads" -c"$connections" -d"$duration" "http://127.0.0.1:$port/healthz"
echo "== POST /alexa ($connections connections, $duration)"
wrk -t"$threads" -c"$connections" -d"$duration" -s "$work/post.lua" "http://127.0.0.1:$port/alexa"
