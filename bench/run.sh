#!/usr/bin/env bash
# podnet's scale benchmark (issue 6). Builds the jar if needed, starts podnet on a free port of
# 127.0.0.1 with a fixed heap, loads one cluster through the HTTP API (5,000 nodes, 150,000 pods),
# measures each operation for a fixed time, stops the service and writes bench/RESULTS.md.
#
#   bench/run.sh                 full run on embedded H2 (a file database in a temp dir)
#   bench/run.sh --postgres      full run on the local PostgreSQL (database podnet_bench, recreated),
#                                written to bench/RESULTS-postgres.md
#   bench/run.sh --quick         smoke run: 200 nodes, 6,000 pods, 5 s per measurement
#
# Other options: --duration S (per measurement, default 20), --warmup S (default 5),
# --threads N (concurrent clients, default 16), --heap SIZE (service -Xmx, default 512m),
# --nodes N, --pods-per-node N, --out FILE, --jar FILE (use this jar, do not build),
# --rebuild (always build). Environment for --postgres: PGHOST (127.0.0.1), PGPORT (5432),
# PGUSER (postgres), PGPASSWORD, BENCH_DB (podnet_bench). BENCH_COMMIT overrides the commit written
# to the results (for a jar given with --jar that was built from another tree). BENCH_JAVA_OPTS adds
# options to the service's JVM (e.g. -XX:StartFlightRecording=filename=$PWD/bench/out/podnet.jfr to
# profile; the service runs in a temp dir, so give absolute paths).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

POSTGRES=0
QUICK=0
REBUILD=0
JAR=""
HEAP=512m
THREADS=16
DURATION=""
WARMUP=""
NODES=""
PODS_PER_NODE=""
OUT=""
while [ $# -gt 0 ]; do
	case "$1" in
		--postgres) POSTGRES=1 ;;
		--quick) QUICK=1 ;;
		--rebuild) REBUILD=1 ;;
		--jar) JAR="$2"; shift ;;
		--heap) HEAP="$2"; shift ;;
		--threads) THREADS="$2"; shift ;;
		--duration) DURATION="$2"; shift ;;
		--warmup) WARMUP="$2"; shift ;;
		--nodes) NODES="$2"; shift ;;
		--pods-per-node) PODS_PER_NODE="$2"; shift ;;
		--out) OUT="$2"; shift ;;
		-h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
		*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ "$QUICK" = 1 ]; then
	MODE=quick
	: "${NODES:=200}" "${PODS_PER_NODE:=30}" "${DURATION:=5}" "${WARMUP:=2}" "${OUT:=bench/out/RESULTS-quick.md}"
	V6=(--v6-nodes 100 --v6-rounds 2)
else
	MODE=full
	if [ "$POSTGRES" = 1 ]; then
		: "${OUT:=bench/RESULTS-postgres.md}"
	fi
	: "${NODES:=5000}" "${PODS_PER_NODE:=30}" "${DURATION:=20}" "${WARMUP:=5}" "${OUT:=bench/RESULTS.md}"
	V6=(--v6-nodes 200 --v6-rounds 20)
fi
mkdir -p bench/out "$(dirname "$OUT")"

# --- the jar: built once, again only when the sources are newer
if [ -z "$JAR" ]; then
	JAR=target/podnet-0.1.0-SNAPSHOT.jar
	if [ "$REBUILD" = 1 ] || [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -type f -print -quit)" ]; then
		echo "building $JAR"
		./mvnw -B -q -DskipTests package
	fi
fi
[ -f "$JAR" ] || { echo "no jar at $JAR" >&2; exit 1; }
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")" # the service runs in a temp dir

COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain -- src/main pom.xml 2>/dev/null)" ]; then
	COMMIT="$COMMIT (with uncommitted changes in src/main or pom.xml)"
fi
COMMIT="${BENCH_COMMIT:-$COMMIT}" # what the jar was built from, when --jar names another build

# --- a free port on 127.0.0.1
PORT=""
for _ in $(seq 1 200); do
	candidate=$((20000 + RANDOM % 20000))
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
		PORT=$candidate
		break
	fi
done
[ -n "$PORT" ] || { echo "no free port found" >&2; exit 1; }

WORK="$(mktemp -d /tmp/podnet-bench.XXXXXX)"
LOG="bench/out/service.log"
BENCH_CLASSES="$WORK/bench-classes"
SERVICE_PID=""
VACUUM_PID=""
PG_DB="${BENCH_DB:-podnet_bench}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

cleanup() {
	if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
		echo "stopping podnet (pid $SERVICE_PID)"
		kill "$SERVICE_PID" 2>/dev/null || true
		for _ in $(seq 1 60); do
			kill -0 "$SERVICE_PID" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$SERVICE_PID" 2>/dev/null || true
		wait "$SERVICE_PID" 2>/dev/null || true
	fi
	if [ -n "$VACUUM_PID" ]; then
		kill "$VACUUM_PID" 2>/dev/null || true
	fi
	if [ "$POSTGRES" = 1 ]; then
		dropdb --if-exists --force "$PG_DB" 2>/dev/null || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the load generator (bench/src, JDK only), compiled before the service starts so a mistake in it
# costs no service start-up; Java 17 cannot run a program of several source files directly
# shellcheck disable=SC2046 # the file names have no spaces
javac -d "$BENCH_CLASSES" $(find bench/src -name '*.java')

ARGS=(--server.port="$PORT" --server.address=127.0.0.1)
if [ "$POSTGRES" = 1 ]; then
	dropdb --if-exists "$PG_DB"
	createdb "$PG_DB"
	export SPRING_PROFILES_ACTIVE=postgres
	export POSTGRES_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB" POSTGRES_USER="$PGUSER" POSTGRES_PASSWORD="${PGPASSWORD:-}"
	PG_VERSION="$(psql -d "$PG_DB" -Atc 'show server_version' 2>/dev/null || echo '?')"
	DATABASE="PostgreSQL $PG_VERSION on $PGHOST:$PGPORT (database $PG_DB, same machine)"
	# Without autovacuum nothing ever analyzes the tables, and the plans PostgreSQL caches for the
	# service's prepared statements while the tables are still empty stay in use once they hold
	# 150,000 rows (a pod lookup by name took 0.5 s). Production servers run autovacuum; here the
	# script stands in for it.
	if [ "$(psql -d "$PG_DB" -Atc 'show autovacuum' 2>/dev/null)" = "off" ]; then
		(while sleep 20; do psql -q -d "$PG_DB" -c 'VACUUM ANALYZE' >/dev/null 2>&1 || true; done) &
		VACUUM_PID=$!
		DATABASE="$DATABASE; autovacuum is off on this server, so the script runs VACUUM ANALYZE every 20 s in its place"
	fi
else
	# The default database of application.yml, ./data/podnet, with all its settings: the service
	# runs in the temp dir, so what is measured is what `./mvnw spring-boot:run` runs.
	DATABASE="H2 (embedded, the default file database ./data/podnet, in a temp dir)"
fi

# the service's admin token (every API request needs one), random per run, shared with the load generator
PODNET_ADMIN_TOKEN="podnet_bench_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
export PODNET_ADMIN_TOKEN

GC="$(java "-Xmx$HEAP" -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 ~ /^Use(G1|Parallel|Serial|Z|Shenandoah)GC$/ && $4 == "true" {sub(/^Use/, "", $2); print $2}' | head -1)"
echo "starting podnet on 127.0.0.1:$PORT with -Xmx$HEAP ($DATABASE); log in $LOG"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of JVM options, e.g. a JFR recording
(cd "$WORK" && exec java "-Xmx$HEAP" ${BENCH_JAVA_OPTS:-} -jar "$JAR" "${ARGS[@]}") >"$LOG" 2>&1 &
SERVICE_PID=$!

for i in $(seq 1 240); do
	if curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; then
		break
	fi
	if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
		echo "podnet exited during start; see $LOG" >&2
		tail -30 "$LOG" >&2
		exit 1
	fi
	if [ "$i" = 240 ]; then
		echo "podnet not healthy after 120 s; see $LOG" >&2
		exit 1
	fi
	sleep 0.5
done
echo "podnet is up (pid $SERVICE_PID)"

COMMAND="bench/run.sh"
[ "$POSTGRES" = 1 ] && COMMAND="$COMMAND --postgres"
[ "$QUICK" = 1 ] && COMMAND="$COMMAND --quick"

java -Xmx1g -cp "$BENCH_CLASSES" io.podnet.bench.Main \
	--base "http://127.0.0.1:$PORT" --pid "$SERVICE_PID" --clk-tck "$(getconf CLK_TCK)" \
	--nodes "$NODES" --pods-per-node "$PODS_PER_NODE" --threads "$THREADS" \
	--duration "$DURATION" --warmup "$WARMUP" "${V6[@]}" \
	--out "$OUT" --database "$DATABASE" --heap "-Xmx$HEAP (${GC:-default} collector)" \
	--commit "$COMMIT" --mode "$MODE" --service-log "$LOG" --command "$COMMAND"

echo "results: $OUT"
