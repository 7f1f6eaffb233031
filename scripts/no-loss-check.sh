#!/usr/bin/env bash
# The no-loss checker at a size of your choosing: two livetasks instances (real Liberty servers) on one
# H2 database in server mode, concurrent writers (API on both instances, plain SQL transactions), clients
# over WebSocket and SSE that drop and resume at random, one database outage of an instance in the middle;
# then every client is checked against the database. Prints the summary; exits non-zero on any loss.
# Everyone signs in as the embedded demo user alice (HTTP Basic): she creates the lists, the API writers and
# the clients act as her, so the servers run with the default auth.mode=embedded.
#
#   scripts/no-loss-check.sh [writers] [clients] [changes] [lists]     defaults: 8 100 10000 10
#
# Environment: NOLOSS_WRITE_SECONDS (the changes are spread over this long, default 180), NOLOSS_SETTLE_SECONDS (60),
# NOLOSS_OUTAGE (true), NOLOSS_SEED (random), PORT_BASE (9310: servers, database and proxies use
# PORT_BASE..PORT_BASE+12), IT_HTTP_PORT (9301, the build's own test server, unused by this run).
set -euo pipefail
cd "$(dirname "$0")/.."

writers=${1:-8}
clients=${2:-100}
changes=${3:-10000}
lists=${4:-10}
seed_arg=()
if [[ -n "${NOLOSS_SEED:-}" ]]; then
  seed_arg=("-Dnoloss.seed=${NOLOSS_SEED}")
fi
log=$(mktemp -t no-loss-XXXXXX.log)

set +e
mvn verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NoLossIT \
  -Dit.server.name="${IT_SERVER_NAME:-livetasks-noloss-it}" \
  -Dit.http.port="${IT_HTTP_PORT:-9301}" -Dit.https.port="${IT_HTTPS_PORT:-9302}" \
  -Dcluster.port.base="${PORT_BASE:-9310}" \
  -Dnoloss.writers="$writers" -Dnoloss.clients="$clients" -Dnoloss.changes="$changes" -Dnoloss.lists="$lists" \
  -Dnoloss.write.seconds="${NOLOSS_WRITE_SECONDS:-180}" -Dnoloss.settle.seconds="${NOLOSS_SETTLE_SECONDS:-60}" \
  -Dnoloss.outage="${NOLOSS_OUTAGE:-true}" "${seed_arg[@]}" >"$log" 2>&1
status=$?
set -e

# The summary the test logs (see NoLossReport), then the verdict.
sed -n '/no-loss run (seed/,/violations/p' "$log"
if [[ $status -eq 0 ]]; then
  echo "RESULT: no change lost (full log: $log)"
else
  grep -E 'Tests run:|FAIL|ERROR\]' "$log" | head -20 || true
  echo "RESULT: FAILED (exit $status; full log: $log)"
fi
exit $status
