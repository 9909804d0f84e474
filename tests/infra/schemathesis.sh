#!/usr/bin/env bash
# API fuzz stage: schemathesis against /openapi.json of a fresh embedded server, as a supervisor and
# as a clerk, with a fixed seed, every phase (examples, coverage, fuzzing, stateful via the document's
# links). Fails on any 5xx, undocumented status, response-schema or header mismatch, or a method that
# does not answer 405; then `civic-ledger verify` must find every hash chain intact.
# Needs python3 (venv) and a built dist/ (npm run build). FUZZ_SEED overrides the seed; example
# counts per phase are in tests/infra/schemathesis.toml.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

SCHEMATHESIS_VERSION=4.32.5
SEED="${FUZZ_SEED:-20240501}"
VENV=.cache/schemathesis-venv
CLI=(node bin/civic-ledger)

if [ "$("$VENV/bin/st" --version 2>/dev/null)" != "st, version $SCHEMATHESIS_VERSION" ]; then
  echo "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" || exit 1
fi
[ -f dist/apps/api/src/main.js ] || npm run build --silent || exit 1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cl-fuzz-XXXXXX")
export DATA_DIR="$WORK/data" RATE_LIMIT_PER_MINUTE=0 LOG_LEVEL=warn HOST=127.0.0.1
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PORT
SERVER_PID=
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; SERVER_PID=; }
# FUZZ_KEEP=1 keeps the data directory, reports and server log for a closer look.
trap 'stop_server; if [ -n "${FUZZ_KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi' EXIT

"${CLI[@]}" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 300); do
  curl -fsS "$BASE/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:"; cat "$WORK/server.log"; exit 1; }
  sleep 0.1
done
curl -fsS "$BASE/health/ready" >/dev/null || { echo "server did not become ready"; cat "$WORK/server.log"; exit 1; }

status=0
for role in supervisor clerk; do
  token=$("${CLI[@]}" token --role "$role" --sub "fuzz-$role" --department housing --department waste) || exit 1
  echo "== schemathesis as $role (seed $SEED)"
  # Run from the scratch directory: schemathesis and hypothesis keep their caches in the working directory.
  (cd "$WORK" && "$ROOT/$VENV/bin/st" --config-file "$ROOT/tests/infra/schemathesis.toml" run "$BASE/openapi.json" \
    --seed "$SEED" --workers 1 --no-shrink \
    --phases examples,coverage,fuzzing,stateful \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,unsupported_method,allow_header_conformance \
    --suppress-health-check all --request-timeout 30 \
    -H "Authorization: Bearer $token" \
    --report har --report-har-path "$WORK/$role.har" --output-truncate true) || status=1
done

python3 - "$WORK/supervisor.har" "$WORK/clerk.har" <<'PY' || status=1
import json, sys
total = writes = accepted = 0
for path in sys.argv[1:]:
    try:
        entries = json.load(open(path))["log"]["entries"]
    except (OSError, ValueError, KeyError):
        print(f"no report at {path}"); sys.exit(1)
    for e in entries:
        total += 1
        if e["request"]["method"] in ("POST", "DELETE"):
            writes += 1
            accepted += 200 <= e["response"]["status"] < 300
print(f"fuzzed requests: {total}; writes (POST/DELETE): {writes}, accepted (2xx): {accepted} ({100 * accepted / max(writes, 1):.0f}%)")
if total < 5000:
    print(f"fewer than 5000 fuzzed requests ({total}); raise max-examples in tests/infra/schemathesis.toml"); sys.exit(1)
PY

stop_server
echo "== civic-ledger verify"
"${CLI[@]}" verify || status=1
exit $status
