#!/usr/bin/env bash
# What 1,000 concurrent watchers cost one replica (issue 20): pod create throughput with 1,000 watch
# streams open against none, in the same run, and how fast each event reaches every watcher.
#
#   bench/watchers.sh                 full run on H2 (the default durable file database), about 8 minutes
#   bench/watchers.sh --postgres      the same on the local PostgreSQL (a schema of its own in database
#                                     test, dropped afterwards), written to bench/RESULTS-watch-postgres.md
#   bench/watchers.sh --quick         smoke run, 1-2 minutes: 1 round of 8 s, written to bench/out/
#
# One service process (the jar, built if missing or older than the sources, -Xmx512m) on a free port
# of 127.0.0.1, one cluster of --nodes nodes (maxPodsPerNode 250). Then bench/WatchBench.java (JDK
# only, run as a single source file) takes the measurements: pod creates by wrk
# (bench/lua/create-pods.lua, a namespace of their own per measurement), without watches (A) and
# with --watchers watch streams open (B), in turn A B A B ... A after a warm-up of each, so that each
# B has an A right before and after it; every event each watch receives is timed (client clock at
# receipt minus the pod's createdAt) and counted against the pods listed afterwards. See the report
# it writes (default bench/RESULTS-watch.md) for what each column means.
#
# Options: --nodes N (default 2000), --watchers N (1000), --node-watchers N (100 of them watch one
# node's pods, the rest the whole cluster's), --rounds N (3), --duration S (20), --warmup S (40; quick 8),
# --connections C (wrk's, 8), --io-threads N (the client's selector threads, 1), --heap SIZE (512m),
# --jar FILE, --out FILE, --jfr DIR (flight-record the last round's B and A, for a profile; the
# recording slows those two measurements, so do it in a run of its own), --perf DIR (the same with
# perf record, kernel included; starts the service with -XX:+PreserveFramePointer and writes its JIT
# symbols to /tmp/perf-PID.map: perf report -i DIR/B3.perf.data --no-children --sort sym).
# BENCH_JAVA_OPTS adds options to the service's JVM. Environment for --postgres: PGHOST (127.0.0.1),
# PGPORT (5432), PGUSER (postgres), PGPASSWORD, BENCH_PG_DB (test). The work directory (service log,
# raw rows) is kept on failure, or always with KEEP_WORK=1. Needs java, curl, python3 and wrk (the
# Debian package is installed if missing).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

POSTGRES=0
QUICK=0
NODES=""
WATCHERS=1000
NODE_WATCHERS=100
ROUNDS=""
DURATION=""
WARMUP=""
CONNECTIONS=8
IO_THREADS=1
HEAP=512m
JAR=""
OUT=""
JFR=""
PERF=""
ARGS_GIVEN="$*"
while [ $# -gt 0 ]; do
	case "$1" in
		--postgres) POSTGRES=1 ;;
		--quick) QUICK=1 ;;
		--nodes) NODES="$2"; shift ;;
		--watchers) WATCHERS="$2"; shift ;;
		--node-watchers) NODE_WATCHERS="$2"; shift ;;
		--rounds) ROUNDS="$2"; shift ;;
		--duration) DURATION="$2"; shift ;;
		--warmup) WARMUP="$2"; shift ;;
		--connections) CONNECTIONS="$2"; shift ;;
		--io-threads) IO_THREADS="$2"; shift ;;
		--heap) HEAP="$2"; shift ;;
		--jar) JAR="$2"; shift ;;
		--out) OUT="$2"; shift ;;
		--jfr) JFR="$2"; shift ;;
		--perf) PERF="$2"; shift ;;
		-h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
		*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done
if [ "$QUICK" = 1 ]; then
	MODE=quick
	: "${NODES:=400}" "${ROUNDS:=1}" "${DURATION:=8}" "${WARMUP:=8}"
	[ "$POSTGRES" = 1 ] && : "${OUT:=bench/out/RESULTS-watch-postgres-quick.md}"
	: "${OUT:=bench/out/RESULTS-watch-quick.md}"
else
	MODE=full
	: "${NODES:=2000}" "${ROUNDS:=3}" "${DURATION:=20}" "${WARMUP:=40}"
	[ "$POSTGRES" = 1 ] && : "${OUT:=bench/RESULTS-watch-postgres.md}"
	: "${OUT:=bench/RESULTS-watch.md}"
fi
mkdir -p bench/out "$(dirname "$OUT")"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
for tool in java curl python3; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done

# --- the jar: built once, again only when the sources are newer (as bench/run.sh)
if [ -z "$JAR" ]; then
	JAR=target/podnet-0.1.0-SNAPSHOT.jar
	if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -type f -print -quit)" ]; then
		echo "building $JAR"
		./mvnw -B -q -DskipTests package
	fi
fi
[ -f "$JAR" ] || { echo "no jar at $JAR" >&2; exit 1; }
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")" # the service runs in the work dir
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain -- src/main pom.xml 2>/dev/null)" ]; then
	COMMIT="$COMMIT (with uncommitted changes in src/main or pom.xml)"
fi

WORK="$(mktemp -d /tmp/podnet-watchers.XXXXXX)"; echo "work dir $WORK"
export TOKEN="podnet_bench_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
PID=""
PG_SCHEMA=""
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PG_DB="${BENCH_PG_DB:-test}"
cleanup() {
	local status=$?
	if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
		kill "$PID" 2>/dev/null || true
		for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
		kill -9 "$PID" 2>/dev/null || true
	fi
	if [ -n "$PG_SCHEMA" ]; then
		psql -q -d "$PG_DB" -c "drop schema if exists $PG_SCHEMA cascade" >/dev/null 2>&1 || true
	fi
	if [ "$status" -ne 0 ]; then echo "failed; service log and data kept in $WORK" >&2
	elif [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
if [ "$POSTGRES" = 1 ]; then
	PG_SCHEMA="watchbench_$$"
	psql -q -v ON_ERROR_STOP=1 -d "$PG_DB" -c "create schema $PG_SCHEMA" >/dev/null
	export SPRING_PROFILES_ACTIVE=postgres
	export POSTGRES_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB?currentSchema=$PG_SCHEMA" POSTGRES_USER="$PGUSER" \
		POSTGRES_PASSWORD="${PGPASSWORD:-}"
	DATABASE="PostgreSQL $(psql -d "$PG_DB" -Atc 'show server_version' 2>/dev/null || echo '?') on $PGHOST:$PGPORT (database $PG_DB, schema $PG_SCHEMA, same machine)"
else
	DATABASE="H2 (embedded, the default durable file database ./data/podnet, in a temp dir)"
fi
echo "starting podnet on $BASE with -Xmx$HEAP ($DATABASE)"
if [ -n "$PERF" ]; then
	command -v perf >/dev/null || { echo "--perf needs perf" >&2; exit 2; }
	BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:+$BENCH_JAVA_OPTS }-XX:+PreserveFramePointer"
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options
(cd "$WORK" && PODNET_ADMIN_TOKEN="$TOKEN" exec java "-Xmx$HEAP" ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
	--server.address=127.0.0.1 --server.port="$PORT") >"$WORK/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 240); do
	curl -fsS "$BASE/actuator/health" 2>/dev/null | grep -q UP && break
	kill -0 "$PID" 2>/dev/null || { tail -n 30 "$WORK/service.log" >&2; echo "podnet exited during start" >&2; exit 1; }
	sleep 1
done
curl -fsS "$BASE/actuator/health" >/dev/null || { tail -n 20 "$WORK/service.log" >&2; echo "podnet did not start" >&2; exit 1; }
[ "$(cat "/proc/$PID/comm")" = java ] || { echo "process $PID is not the service" >&2; exit 1; }
echo "podnet is up (pid $PID); loading cluster bench with $NODES nodes"

# the cluster and its nodes, one request after another (each node gets the next subnet)
python3 - "$BASE" "$NODES" <<'PY'
import http.client, json, os, sys, urllib.parse
base, nodes = sys.argv[1], int(sys.argv[2])
url = urllib.parse.urlsplit(base)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
headers = {"Authorization": "Bearer " + os.environ["TOKEN"], "Content-Type": "application/json"}
def create(path, body):
    conn.request("POST", path, body=json.dumps(body), headers=headers)
    answer = conn.getresponse()
    text = answer.read()
    if answer.status != 201:
        raise SystemExit("POST %s answered %d: %s" % (path, answer.status, text.decode(errors="replace")))
create("/api/v1/clusters", {"name": "bench", "nodeNetwork": "10.0.0.0/16", "podNetwork": "10.128.0.0/9",
                            "nodeSubnetPrefixLength": 24, "maxPodsPerNode": 250})
for n in range(nodes):
    create("/api/v1/clusters/bench/nodes", {"name": "node-%05d" % (n + 1)})
PY

COMMAND="bench/watchers.sh${ARGS_GIVEN:+ $ARGS_GIVEN}"
GC="$(java "-Xmx$HEAP" -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 ~ /^Use(G1|Parallel|Serial|Z|Shenandoah)GC$/ && $4 == "true" {sub(/^Use/, "", $2); print $2}' | head -1)"
JFR_ARGS=()
[ -n "$JFR" ] && { mkdir -p "$JFR"; JFR_ARGS=(--jfr "$(cd "$JFR" && pwd)"); }
[ -n "$PERF" ] && { mkdir -p "$PERF"; JFR_ARGS+=(--perf "$(cd "$PERF" && pwd)"); }
# the watch client: a small heap; its CPU is measured and reported
java -Xmx256m bench/WatchBench.java --base "$BASE" --pid "$PID" --nodes "$NODES" \
	--watchers "$WATCHERS" --node-watchers "$NODE_WATCHERS" --rounds "$ROUNDS" --duration "$DURATION" \
	--warmup "$WARMUP" --connections "$CONNECTIONS" --io-threads "$IO_THREADS" "${JFR_ARGS[@]}" \
	--out "$OUT" --tsv "$WORK/measurements.tsv" --database "$DATABASE" --commit "$COMMIT" --mode "$MODE" \
	--command "$COMMAND" --heap "-Xmx$HEAP (${GC:-default} collector)${BENCH_JAVA_OPTS:+, $BENCH_JAVA_OPTS}"
cp "$WORK/measurements.tsv" "bench/out/$(basename "$OUT" .md).tsv"
# what the service logged at WARN or ERROR while the benchmark ran (before it is stopped), by logger and message
cp "$WORK/service.log" "bench/out/$(basename "$OUT" .md)-service.log"
{
	echo "## The service's log"
	echo
	LINES=$(awk '/Started .* in [0-9.]+ seconds/ {started = 1; next} started && / (WARN|ERROR) [0-9]+ ---/' "$WORK/service.log")
	if [ -z "$LINES" ]; then
		echo "Nothing at WARN or ERROR after start."
	else
		echo "Lines at WARN or ERROR after start, by level, logger and the first words of the message (count):"
		echo
		echo "$LINES" | sed -E 's/^[^ ]+ +(WARN|ERROR) [0-9]+ --- \[[^]]*\] \[[^]]*\] ([^ ]+) +: (.{0,90}).*/\1 \2: \3/' \
			| sort | uniq -c | sort -rn | head -12 | awk '{c = $1; $1 = ""; printf "- %d × `%s`\n", c, substr($0, 2)}'
		echo
		echo "First exception after start:"
		echo
		echo '```'
		awk '/Started .* in [0-9.]+ seconds/ {started = 1; next} started && /Exception|Error/ {print; n++} n >= 1 && /^\tat / {print; if (++k >= 12) exit}' \
			"$WORK/service.log" | cut -c1-200 | head -14
		echo '```'
	fi
	echo
} >>"$OUT"
echo "results: $OUT"
