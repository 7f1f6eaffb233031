#!/usr/bin/env bash
# The benchmark: livetasks against a bare-Liberty yardstick, in one server, in one run (docs/benchmarks.md).
#
#   bench/run.sh [quick|full]        quick (default): 100 clients, about two minutes; full: 1,000 and 10,000 clients
#
# Builds what is missing (the WAR with `mvn -o -DskipTests package` when src/ is newer, the yardstick WAR with javac,
# the Node client with `npm ci`), unpacks Open Liberty from the local Maven repository into target/liberty/wlp if
# no build has yet, creates its own server target/liberty/wlp/usr/servers/livetasks-bench (fresh database every
# run) with livetasks at / and the yardstick at /yardstick, starts it, runs bench/bench.mjs, prints the table and
# stops the server again, also on failure or Ctrl+C. Results: target/bench/results-<mode>-<time>.{json,txt}.
#
# Environment: BENCH_HTTP_PORT / BENCH_HTTPS_PORT (9681 / 10043), BENCH_SERVER (livetasks-bench),
# BENCH_BIG_CLIENTS (10000, capped by `ulimit -n`), LIVETASKS_POLL_INTERVAL_MS (the app's default, 250),
# BENCH_ONLY (phases to run, e.g. yardWs,appWs), BENCH_JFR=1 (record the server with Java Flight Recorder's
# "profile" settings for the whole run, into target/bench/results-<mode>-<time>.jfr).
# Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

mode=${1:-quick}
[[ $mode == quick || $mode == full ]] || { echo "usage: bench/run.sh [quick|full]" >&2; exit 2; }
http_port=${BENCH_HTTP_PORT:-9681}
https_port=${BENCH_HTTPS_PORT:-10043}
server=${BENCH_SERVER:-livetasks-bench}
[[ $server != livetasks && $server != livetasks-it ]] || { echo "the benchmark needs a server of its own" >&2; exit 2; }
m2=${MAVEN_REPO:-$HOME/.m2/repository}
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
liberty_version=$(pom_property openliberty.version)
h2_version=$(pom_property h2.version)
h2_jar=$m2/com/h2database/h2/$h2_version/h2-$h2_version.jar
api_jar=$m2/jakarta/platform/jakarta.jakartaee-api/10.0.0/jakarta.jakartaee-api-10.0.0.jar
wlp=$root/target/liberty/wlp
out=$root/target/bench
mkdir -p "$out"

# 1. The application WAR, rebuilt when the sources changed since.
if [[ ! -f target/livetasks.war ]] || [[ -n $(find src/main pom.xml -newer target/livetasks.war -print -quit) ]]; then
  echo "building the application: mvn -o -q -DskipTests package"
  mvn -o -q -DskipTests package
fi

# 2. The Open Liberty runtime the build uses (the full runtime zip from Maven Central).
if [[ ! -x $wlp/bin/server ]]; then
  zip=$m2/io/openliberty/openliberty-runtime/$liberty_version/openliberty-runtime-$liberty_version.zip
  [[ -f $zip ]] || mvn -q dependency:get -Dartifact="io.openliberty:openliberty-runtime:$liberty_version:zip" -Dtransitive=false
  echo "unpacking Open Liberty $liberty_version into target/liberty"
  mkdir -p target/liberty && (cd target/liberty && unzip -q "$zip")
fi
[[ -f $h2_jar && -f $api_jar ]] || mvn -o -q dependency:resolve -DincludeScope=provided

# 3. The yardstick WAR, compiled against the Jakarta EE 10 API jar.
rm -rf "$out/yardstick" && mkdir -p "$out/yardstick/WEB-INF/classes"
javac --release 17 -nowarn -d "$out/yardstick/WEB-INF/classes" -cp "$api_jar" $(find bench/yardstick/src -name '*.java')
(cd "$out/yardstick" && jar cf "$out/yardstick.war" .)

# 4. The Node client's pinned packages.
[[ -d bench/node_modules/ws ]] || (cd bench && npm ci --no-audit --no-fund --silent)

# 5. A fresh server of our own: livetasks' configuration, its H2 driver, both WARs.
dir=$wlp/usr/servers/$server
"$wlp/bin/server" stop "$server" >/dev/null 2>&1 || true
rm -rf "$dir"
"$wlp/bin/server" create "$server" >/dev/null
cp liberty/*.xml liberty/jvm.options "$dir/"
mkdir -p "$dir/jdbc" "$dir/apps" "$dir/configDropins/overrides"
cp "$h2_jar" "$dir/jdbc/h2.jar"
cp target/livetasks.war "$out/yardstick.war" "$dir/apps/"
cp bench/yardstick/yardstick.xml "$dir/configDropins/overrides/"

# One user opens every connection and writes far faster than a person: the per-user limits are raised for the run.
big=${BENCH_BIG_CLIENTS:-10000}
fds=$(ulimit -n)
if (( big > fds - 1000 )); then big=$(( fds - 1000 )); fi
export BENCH_BIG_CLIENTS=$big
export HTTP_PORT=$http_port HTTPS_PORT=$https_port HTTP_HOST=127.0.0.1
export LIVETASKS_LIMITS_CONNECTIONS_PER_CLIENT=100000 LIVETASKS_LIMITS_CONNECTIONS_PER_INSTANCE=100000
export LIVETASKS_LIMITS_WRITES_PER_SECOND=1000000 LIVETASKS_LIMITS_WRITE_BURST=1000000

jfr=""
stop() {
  if [[ -n $jfr ]]; then
    jcmd "$pid" JFR.stop name=bench >/dev/null 2>&1 || true
    echo "flight recording: $jfr (e.g. jfr print --events jdk.ExecutionSample $jfr)"
  fi
  echo "stopping $server"
  "$wlp/bin/server" stop "$server" >/dev/null 2>&1 || true
}
trap stop EXIT

started=$(date +%s%N)
"$wlp/bin/server" start "$server" >/dev/null
ready=""
for _ in $(seq 1 600); do
  if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/health/ready") == 200 ]] &&
     [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$http_port/yardstick/broadcast/ws?frames=1") == 200 ]]; then
    ready=$(( ($(date +%s%N) - started) / 1000000 ))
    break
  fi
  sleep 0.2
done
[[ -n $ready ]] || { echo "the server did not become ready; see $dir/logs/messages.log" >&2; exit 1; }
pid=$(cat "$wlp/usr/servers/.pid/$server.pid")
echo "server $server (pid $pid) ready in $ready ms on http://127.0.0.1:$http_port/; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
if [[ ${BENCH_JFR:-0} == 1 ]]; then
  jfr=$out/results-$mode-$stamp.jfr
  jcmd "$pid" JFR.start name=bench settings=profile filename="$jfr" >/dev/null
fi
export BENCH_RESULTS=$out/results-$mode-$stamp.json
status=0
timeout 2400 node bench/bench.mjs "$mode" "http://127.0.0.1:$http_port/" "$pid" "$h2_jar" "$dir/data/livetasks" "$ready" \
  | tee "$out/results-$mode-$stamp.txt" || status=$?
echo "results: $BENCH_RESULTS; server log: $dir/logs/messages.log"
exit $status
