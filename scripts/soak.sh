#!/usr/bin/env bash
# The soak test (SoakIT) for as long as you like: writers add tasks through the API while clients over plain
# WebSocket, SignalR (WebSocket) and plain SSE connect, subscribe and vanish abruptly (TCP reset or FIN, never a
# protocol goodbye), and a few clients stay connected throughout. Afterwards it checks that every client that
# stayed received every change (its versions exactly the list's change versions after its cursor), and that the
# server's open connections, live threads and used heap (after a GC), read from /metrics as the demo
# administrator, are back at their baseline within the release bound. See docs/soak.md.
#
#   scripts/soak.sh [seconds] [churners] [writers]     defaults: 600 16 4
#
# Environment: SOAK_STAYERS (clients per transport that stay, 4), SOAK_WRITE_INTERVAL_MS (each writer's pause
# between tasks, 100), SOAK_RELEASE_SECONDS (45), SOAK_THREAD_MARGIN (40), SOAK_HEAP_MARGIN_MB (64),
# IT_SERVER_NAME (livetasks-soak), IT_HTTP_PORT / IT_HTTPS_PORT (9401 / 9402), PORT_BASE (9410, unused here).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
churners=${2:-16}
writers=${3:-4}
log=$(mktemp -t soak-XXXXXX.log)

set +e
mvn verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SoakIT \
  -Dit.server.name="${IT_SERVER_NAME:-livetasks-soak}" \
  -Dit.http.port="${IT_HTTP_PORT:-9401}" -Dit.https.port="${IT_HTTPS_PORT:-9402}" \
  -Dcluster.port.base="${PORT_BASE:-9410}" \
  -Dsoak.seconds="$seconds" -Dsoak.churners="$churners" -Dsoak.writers="$writers" \
  -Dsoak.stayers="${SOAK_STAYERS:-4}" -Dsoak.write.interval.ms="${SOAK_WRITE_INTERVAL_MS:-100}" \
  -Dsoak.release.seconds="${SOAK_RELEASE_SECONDS:-45}" -Dsoak.thread.margin="${SOAK_THREAD_MARGIN:-40}" \
  -Dsoak.heap.margin.mb="${SOAK_HEAP_MARGIN_MB:-64}" >"$log" 2>&1
status=$?
set -e

grep -E "Soak: |Tests run:|AssertionError|expected|Expecting" "$log" | sed 's/\x1b\[[0-9;]*m//g' | head -40
if [[ $status -eq 0 ]]; then
  echo "soak passed (full log: $log)"
else
  echo "soak FAILED (full log: $log)" >&2
fi
exit $status
