#!/usr/bin/env bash
# SQL Server end to end, in one command (needs Docker, Java 17+, Maven, curl):
#   1. starts SQL Server (the image the tests pin) in Docker and creates the livetasks database;
#   2. runs the app against it exactly as the README says (DB_KIND=sqlserver, DB_URL, DB_USER, DB_PASSWORD,
#      mvn liberty:run), waits for /health/ready, and checks that a change written with plain SQL in the
#      database reaches an SSE stream of the list;
#   3. stops the app and SQL Server and runs the no-loss checker on SQL Server (SqlServerNoLossIT: two
#      instances, concurrent API and SQL writers, resuming clients, an outage; Testcontainers starts its own).
# Exits non-zero on the first failure.
#
#   scripts/sqlserver-smoke.sh
#
# Environment: SMOKE_SQL_PORT (14330), SMOKE_HTTP_PORT (9080), SMOKE_SKIP_NOLOSS (false), PORT_BASE (9310, for
# the no-loss checker's servers).
set -euo pipefail
cd "$(dirname "$0")/.."

image=$(sed -n 's/.*IMAGE = "\(mcr.microsoft.com[^"]*\)".*/\1/p' src/test/java/io/livetasks/testing/SqlServerContainers.java)
sql_port=${SMOKE_SQL_PORT:-14330}
http_port=${SMOKE_HTTP_PORT:-9080}
container=livetasks-smoke-sqlserver-$$
# A throw-away password for a throw-away server, never stored: SQL Server wants upper, lower, digits, symbols.
password="Lt-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')-A1"
app_pid=""
log=$(mktemp -t sqlserver-smoke-XXXXXX.log)

cleanup() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  mvn -q liberty:stop >/dev/null 2>&1 || true
  docker rm -f "$container" >/dev/null 2>&1 || true
}
trap cleanup EXIT

docker info >/dev/null 2>&1 || { echo "Docker is not available: this script needs it" >&2; exit 2; }

echo "1. SQL Server $image on port $sql_port"
docker run -d --name "$container" -e ACCEPT_EULA=Y -e "MSSQL_SA_PASSWORD=$password" -p "$sql_port:1433" "$image" >/dev/null
sqlcmd() { docker exec "$container" /opt/mssql-tools18/bin/sqlcmd -C -b -S localhost -U sa -P "$password" "$@"; }
for _ in $(seq 1 90); do
  if sqlcmd -Q "SELECT 1" >/dev/null 2>&1; then break; fi
  sleep 2
done
sqlcmd -Q "CREATE DATABASE livetasks" >/dev/null
echo "   database livetasks created"

echo "2. livetasks on SQL Server (mvn liberty:run, log: $log)"
export DB_KIND=sqlserver
export DB_URL="jdbc:sqlserver://localhost:$sql_port;databaseName=livetasks;encrypt=true;trustServerCertificate=true"
export DB_USER=sa DB_PASSWORD="$password" HTTP_PORT="$http_port"
mvn -B liberty:run >"$log" 2>&1 &
app_pid=$!
base="http://localhost:$http_port"
for _ in $(seq 1 150); do
  if curl -fs "$base/health/ready" >/dev/null 2>&1; then break; fi
  kill -0 "$app_pid" 2>/dev/null || { tail -40 "$log"; echo "RESULT: the app did not start" >&2; exit 1; }
  sleep 2
done
curl -fs "$base/health/ready" >/dev/null || { tail -40 "$log"; echo "RESULT: never ready" >&2; exit 1; }
echo "   ready: $(curl -s "$base/health/ready")"

list=$(curl -fs -u alice:alice-demo -X POST "$base/api/lists" -H 'Content-Type: application/json' -d '{"name":"smoke"}' \
  | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
curl -fs -u alice:alice-demo -X POST "$base/api/lists/$list/tasks" -H 'Content-Type: application/json' -d '{"title":"via API"}' >/dev/null
version=$(curl -fs -u alice:alice-demo "$base/api/lists/$list" | sed -n 's/.*"version":\([0-9]*\).*/\1/p')
events=$(mktemp -t sqlserver-smoke-events-XXXXXX)
curl -sN --max-time 20 -u alice:alice-demo "$base/api/lists/$list/events?since=$version" >"$events" &
stream=$!
sleep 2
sqlcmd -d livetasks -Q "SET NOCOUNT ON; INSERT INTO dbo.task (list_id, title) VALUES ($list, N'via plain SQL')" >/dev/null
for _ in $(seq 1 30); do
  grep -q 'via plain SQL' "$events" && break
  sleep 0.5
done
kill "$stream" 2>/dev/null || true
if grep -q 'via plain SQL' "$events"; then
  echo "   a plain SQL insert reached the SSE stream of list $list"
else
  cat "$events"; echo "RESULT: the plain SQL change did not arrive" >&2; exit 1
fi
cleanup
app_pid=""

if [[ "${SMOKE_SKIP_NOLOSS:-false}" != "true" ]]; then
  echo "3. the no-loss checker on SQL Server (SqlServerNoLossIT)"
  nolog=$(mktemp -t sqlserver-noloss-XXXXXX.log)
  if ! mvn -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SqlServerNoLossIT \
      -Dlivetasks.require.docker=true -Dit.server.name=livetasks-smoke-it -Dit.http.port=9391 -Dit.https.port=9392 \
      -Dcluster.port.base="${PORT_BASE:-9310}" >"$nolog" 2>&1; then
    grep -E 'Tests run:|FAIL|ERROR\]' "$nolog" | head -20 || true
    echo "RESULT: the no-loss checker FAILED (full log: $nolog)" >&2
    exit 1
  fi
  sed -n '/no-loss run (seed/,/violations/p' "$nolog"
  grep -E 'Tests run:.*SqlServerNoLossIT' "$nolog" || true
  .ci/check-sqlserver-ran.sh 1
fi
echo "RESULT: SQL Server smoke passed"
