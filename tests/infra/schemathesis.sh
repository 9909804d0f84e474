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

curl -fsS "$BASE/openapi.json" >"$WORK/openapi.json" || { echo "no /openapi.json"; exit 1; }
# Parties to name in bodies (partyIds, toPartyId, survivorPartyId): ids that a create answers reach path
# parameters by themselves (and the stateful phase follows links), but schemathesis ties no captured id
# to an array item or to a field named after a role (toParty), so the fuzzing phase draws these.
seed_token=$("${CLI[@]}" token --role supervisor --sub fuzz-seed --department housing --department waste) || exit 1
for i in $(seq 1 24); do
  department=$([ $((i % 2)) = 1 ] && echo housing || echo waste)
  curl -fsS -X POST "$BASE/v1/parties" -H "Authorization: Bearer $seed_token" -H 'Content-Type: application/json' \
    -d "{\"kind\":\"person\",\"name\":{\"full\":\"Seed Person $i\"},\"department\":\"$department\"}" \
    | python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["id"]))' >>"$WORK/parties.dict" || { echo "could not register the seed parties"; exit 1; }
done
export SCHEMATHESIS_HOOKS="$ROOT/tests/infra/schemathesis_hooks.py"

# The settings sit next to parties.dict, which they name relative to themselves.
cp tests/infra/schemathesis.toml "$WORK/schemathesis.toml"
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,unsupported_method,allow_header_conformance
status=0
for role in supervisor clerk; do
  token=$("${CLI[@]}" token --role "$role" --sub "fuzz-$role" --department housing --department waste) || exit 1
  # The operations this role may not call (the document's x-roles): the examples and coverage phases
  # send them too (and check the 403 answers), the fuzzing and stateful phases leave them out.
  refused=$(python3 -c 'import json, sys
doc, role = json.load(open(sys.argv[1])), sys.argv[2]
for item in doc["paths"].values():
    for op in item.values():
        if isinstance(op, dict) and role not in op.get("x-roles", [role]):
            print("--exclude-operation-id", op["operationId"])' "$WORK/openapi.json" "$role") || exit 1
  for phases in examples,coverage fuzzing,stateful; do
    echo "== schemathesis as $role: $phases (seed $SEED)"
    # shellcheck disable=SC2086 # $refused is a list of options
    (cd "$WORK" && FUZZ_RUN="$role-${phases%%,*}" "$ROOT/$VENV/bin/st" --config-file "$WORK/schemathesis.toml" run "$BASE/openapi.json" \
      --seed "$SEED" --workers 1 --no-shrink --phases "$phases" $([ "$phases" = fuzzing,stateful ] && echo "$refused") \
      --checks "$CHECKS" --suppress-health-check all --request-timeout 30 \
      -H "Authorization: Bearer $token" \
      --report ndjson --report-ndjson-path "$WORK/$role-${phases%%,*}.ndjson" --output-truncate true) || status=1
  done
done

python3 - "$WORK" <<'PY' || status=1
import json, sys
from collections import Counter
# Accepted writes (2xx on POST/DELETE) per role and phase, from schemathesis' NDJSON event report.
writes, accepted, total = Counter(), Counter(), 0
for role, run in [(role, run) for role in ("supervisor", "clerk") for run in ("examples", "fuzzing")]:
    try:
        lines = open(f"{sys.argv[1]}/{role}-{run}.ndjson")
    except OSError:
        print(f"no report for {role} ({run})"); sys.exit(1)
    for line in lines:
        if not line.startswith('{"ScenarioFinished"'):
            continue
        event = json.loads(line)["ScenarioFinished"]
        for interaction in (event["recorder"].get("interactions") or {}).values():
            total += 1
            response = interaction.get("response")
            if interaction["request"]["method"] in ("POST", "DELETE"):
                writes[role, event["phase"]] += 1
                accepted[role, event["phase"]] += bool(response) and 200 <= response["status_code"] < 300
def share(keys):
    w, a = sum(writes[k] for k in keys), sum(accepted[k] for k in keys)
    return f"{a}/{w} ({100 * a / max(w, 1):.0f}%)"
phases = ("examples", "coverage", "fuzzing", "stateful")
print("accepted writes (2xx of POST/DELETE); coverage sends invalid data on purpose")
print(f"  {'':<11}" + "".join(f"{p:>20}" for p in phases) + f"{'fuzzing+stateful':>20}{'all':>20}")
for role in ("supervisor", "clerk", None):
    keys = [k for k in writes if role is None or k[0] == role]
    row = [share([k for k in keys if k[1] == p]) for p in phases]
    row += [share([k for k in keys if k[1] in ("fuzzing", "stateful")]), share(keys)]
    print(f"  {role or 'both':<11}" + "".join(f"{c:>20}" for c in row))
print(f"fuzzed requests: {total}")
if total < 5000:
    print(f"fewer than 5000 fuzzed requests ({total}); raise max-examples in tests/infra/schemathesis.toml"); sys.exit(1)
PY

stop_server
echo "== civic-ledger verify"
"${CLI[@]}" verify || status=1
exit $status
