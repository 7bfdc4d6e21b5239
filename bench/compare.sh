#!/usr/bin/env bash
# Two builds of podnet side by side in one run (issue 17: a restructure must leave pod create, path
# and GET within 5%):
#
#   bench/compare.sh [--nodes N] [--pods-per-node P] [--rounds R] [--duration S] [--warmup S]
#                    [--connections C] [--out FILE] REV_A REV_B
#   bench/compare.sh [options] --jar-a FILE --jar-b FILE
#
# Each revision's jar is built in a throwaway git worktree (./mvnw -B -q package -DskipTests), or
# the two jars are taken as given. Both services run at once, each from its own temp directory
# (its own H2 file), with -Xmx512m, on a free port of 127.0.0.1, with one random admin token. Each
# is loaded in turn with the same cluster by bench/compare-cluster.py (default 1,000 nodes, 30 pods
# on each, every pod named on its node; its load time is reported, not judged) and then measured
# with wrk (a C load generator that leaves the cores to the service; -t1 -cC -dS) on three
# operations:
#
#   get     GET /api/v1/clusters/bench/nodes/{node}, round robin over every node
#   path    GET /api/v1/clusters/bench/paths?from=ns/pod&to=ns/pod&port=80&protocol=TCP between two
#           pods on different nodes, round robin over 1,000 pairs (ACCEPTED, CROSS_NODE)
#   create  POST a new pod (unique names, namespace created) on each node in turn
#
# Round robin, so that no cache (H2's copy of a statement's last result among them) answers a
# repeated request. Both JVMs are warmed up first: each operation 2 x --warmup seconds on each
# build in turn. Then each round takes each operation A B B A, one build loaded at a time while
# the other idles, so a drift of the shared machine's speed falls on both. Creates add pods as the
# run goes (each build as many as it manages): the cluster's maxPodsPerNode is 250 to leave room.
# The service's CPU per request is utime+stime from /proc/PID/stat before and after each
# measurement, divided by wrk's request count.
#
# Writes bench/RESULTS-compare.md (--out to change it) with the builds, the machine, the options,
# each round's req/s for A and B, B ÷ A per round with its range and mean, CPU per request, and a
# verdict per operation: within 5% when every round's B ÷ A lies in [0.95, 1.05] (the mean of the
# rounds is reported beside it, and named where only it is within). BENCH_JAVA_OPTS adds JVM options
# to both services. On failure the work directory (logs, H2 files) is kept; KEEP_WORK=1 keeps it
# always. Needs git, java, curl, python3 and wrk (the Debian package is installed if missing).
# Default size: roughly 10-15 minutes on 2 cores besides the builds.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

NODES=1000
PODS_PER_NODE=30
ROUNDS=3
DURATION=10
WARMUP=15
CONNECTIONS=8
MAX_PODS_PER_NODE=250
OUT="bench/RESULTS-compare.md"
JAR_A=""
JAR_B=""
REVS=()
while [ $# -gt 0 ]; do
	case "$1" in
		--nodes) NODES="$2"; shift ;;
		--pods-per-node) PODS_PER_NODE="$2"; shift ;;
		--rounds) ROUNDS="$2"; shift ;;
		--duration) DURATION="$2"; shift ;;
		--warmup) WARMUP="$2"; shift ;;
		--connections) CONNECTIONS="$2"; shift ;;
		--out) OUT="$2"; shift ;;
		--jar-a) JAR_A="$2"; shift ;;
		--jar-b) JAR_B="$2"; shift ;;
		-*) echo "unknown option $1" >&2; exit 2 ;;
		*) REVS+=("$1") ;;
	esac
	shift
done
if [ -n "$JAR_A" ] && [ -n "$JAR_B" ] && [ ${#REVS[@]} -eq 0 ]; then
	MODE=jars
elif [ -z "$JAR_A$JAR_B" ] && [ ${#REVS[@]} -eq 2 ]; then
	MODE=revs
else
	echo "give two revisions (REV_A REV_B) or two jars (--jar-a FILE --jar-b FILE)" >&2; exit 2
fi
[ "$NODES" -ge 2 ] || { echo "--nodes must be at least 2: a path goes between pods on different nodes" >&2; exit 2; }
[ "$PODS_PER_NODE" -ge 1 ] && [ "$PODS_PER_NODE" -lt "$MAX_PODS_PER_NODE" ] \
	|| { echo "--pods-per-node must be between 1 and $((MAX_PODS_PER_NODE - 1))" >&2; exit 2; }
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
for tool in git java curl python3; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done

WORK="$(mktemp -d)"; echo "work dir $WORK"
export TOKEN="podnet_bench_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
PIDS=()
WORKTREES=()
cleanup() {
	local status=$?
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	for tree in "${WORKTREES[@]}"; do git -C "$ROOT" worktree remove --force "$tree" 2>/dev/null || true; done
	if [ "$status" -ne 0 ]; then echo "failed; logs and data kept in $WORK" >&2
	elif [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# build NAME REV: the revision's jar, built in a throwaway worktree, copied to $WORK/NAME.jar
build() {
	local name="$1" rev="$2" tree="$WORK/src-$1"
	git -C "$ROOT" rev-parse --verify -q "$rev^{commit}" >/dev/null || { echo "no such revision: $rev" >&2; exit 2; }
	echo "building $name: $rev"
	git -C "$ROOT" worktree add -q --detach "$tree" "$rev"
	WORKTREES+=("$tree")
	(cd "$tree" && ./mvnw -B -q package -DskipTests) >"$WORK/build-$name.log" 2>&1 \
		|| { tail -n 30 "$WORK/build-$name.log" >&2; echo "the build of $rev failed; see $WORK/build-$name.log" >&2; exit 1; }
	cp "$(ls "$tree"/target/podnet-*.jar | grep -v -- '-plain\.jar$' | head -1)" "$WORK/$name.jar"
	git -C "$ROOT" worktree remove --force "$tree"
}

# describe REV: short hash and subject, as the report names a build
describe() { git -C "$ROOT" log -1 --format='%h %s' "$1" | cut -c1-120; }

if [ "$MODE" = revs ]; then
	build a "${REVS[0]}"; build b "${REVS[1]}"
	export COMPARE_BUILD_A="\`${REVS[0]}\` = $(describe "${REVS[0]}")"
	export COMPARE_BUILD_B="\`${REVS[1]}\` = $(describe "${REVS[1]}")"
else
	for name in a b; do
		jar="$JAR_A"; [ "$name" = a ] || jar="$JAR_B"
		[ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }
		cp "$jar" "$WORK/$name.jar"
	done
	export COMPARE_BUILD_A="jar \`$JAR_A\` (sha256 $(sha256sum "$JAR_A" | cut -c1-12))"
	export COMPARE_BUILD_B="jar \`$JAR_B\` (sha256 $(sha256sum "$JAR_B" | cut -c1-12))"
fi

read -r PORT_A PORT_B < <(python3 -c '
import socket
a, b = socket.socket(), socket.socket()
a.bind(("127.0.0.1", 0)); b.bind(("127.0.0.1", 0))
print(a.getsockname()[1], b.getsockname()[1])')
declare -A PORT=([a]="$PORT_A" [b]="$PORT_B") PID

# start NAME: the build's service in its own directory (its own H2 file under data/), fixed heap
start() {
	local name="$1"
	mkdir -p "$WORK/$name"
	(cd "$WORK/$name" && PODNET_ADMIN_TOKEN="$TOKEN" exec java ${BENCH_JAVA_OPTS:-} -Xmx512m -jar "$WORK/$name.jar" \
		--server.address=127.0.0.1 --server.port="${PORT[$name]}") >"$WORK/$name.log" 2>&1 &
	PID[$name]=$!
	PIDS+=($!)
}
start a; start b
for name in a b; do
	# a service may take 4 minutes to start on a loaded machine
	for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:${PORT[$name]}/actuator/health" 2>/dev/null | grep -q UP && break; sleep 1; done
	curl -fsS "http://127.0.0.1:${PORT[$name]}/actuator/health" >/dev/null \
		|| { tail -n 20 "$WORK/$name.log" >&2; echo "build $name did not start" >&2; exit 1; }
	[ "$(cat "/proc/${PID[$name]}/comm")" = java ] || { echo "process ${PID[$name]} is not the service" >&2; exit 1; }
done

# load NAME: the same cluster into one build, the other idling
declare -A LOAD_SECONDS
load() {
	local name="$1" start
	echo "loading build $name: $NODES nodes, $((NODES * PODS_PER_NODE)) pods"
	start=$(date +%s)
	python3 bench/compare-cluster.py load "http://127.0.0.1:${PORT[$name]}" \
		"$NODES" "$PODS_PER_NODE" "$MAX_PODS_PER_NODE" "$CONNECTIONS"
	LOAD_SECONDS[$name]=$(( $(date +%s) - start ))
	echo "loaded build $name in ${LOAD_SECONDS[$name]} s"
}
load a; load b
echo "room for $((NODES * (MAX_PODS_PER_NODE - PODS_PER_NODE))) created pods on each build"
export COMPARE_LOAD_A="${LOAD_SECONDS[a]}" COMPARE_LOAD_B="${LOAD_SECONDS[b]}"
python3 bench/compare-cluster.py requests "$WORK" "$NODES" "$PODS_PER_NODE" \
	"http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B"

CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
MEASUREMENTS="$WORK/measurements.tsv"
# measure NAME OP SECONDS: one wrk run against one build; prints
# req/s, requests, CPU ticks of the service, non-2xx answers, socket errors
measure() {
	local name="$1" op="$2" seconds="$3" base="http://127.0.0.1:${PORT[$1]}" before after out
	before=$(cpu_ticks "${PID[$name]}")
	if [ "$op" = create ]; then
		# measure runs in a subshell, so the clock, not a counter, keeps pod names apart
		out=$(NODES=$NODES RUN="$(date +%s%N)" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s bench/lua/create-pods.lua "$base")
	else
		out=$(PATHS="$WORK/$op.txt" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s bench/lua/paths.lua "$base")
	fi
	after=$(cpu_ticks "${PID[$name]}")
	echo "$out" | awk -v cpu=$((after - before)) '
		/requests in/ { requests = $1 }
		/Requests\/sec/ { rate = $2 }
		/Non-2xx/ { failed = $NF }
		/Socket errors/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
		END { printf "%s\t%d\t%d\t%d\t%d\n", rate, requests, cpu, failed, errors }'
}

OPS=(get path create)
echo "warming up: each operation 2 x $WARMUP s on each build in turn"
for op in "${OPS[@]}"; do
	for _ in 1 2; do
		for name in a b; do echo "warm-up $op $name: $(measure "$name" "$op" "$WARMUP" | cut -f1) req/s"; done
	done
done
for round in $(seq 1 "$ROUNDS"); do
	for op in "${OPS[@]}"; do
		slot=0
		for name in a b b a; do
			slot=$((slot + 1))
			row=$(measure "$name" "$op" "$DURATION")
			printf '%s\t%s\t%s\t%s\t%s\n' "$op" "$round" "$name" "$slot" "$row" >>"$MEASUREMENTS"
			echo "round $round $op $name: $(echo "$row" | cut -f1) req/s"
		done
	done
done

export COMPARE_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
export COMPARE_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
export COMPARE_MACHINE="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), \
$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, Linux $(uname -r), \
$(java -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
export COMPARE_OPTIONS="--nodes $NODES --pods-per-node $PODS_PER_NODE --rounds $ROUNDS --duration $DURATION \
--warmup $WARMUP --connections $CONNECTIONS${BENCH_JAVA_OPTS:+; BENCH_JAVA_OPTS=$BENCH_JAVA_OPTS}"
export COMPARE_NODES="$NODES" COMPARE_PODS="$((NODES * PODS_PER_NODE))" COMPARE_MAX_PODS="$MAX_PODS_PER_NODE"
export COMPARE_WARMUP="$WARMUP" COMPARE_DURATION="$DURATION" COMPARE_CONNECTIONS="$CONNECTIONS" COMPARE_CLK_TCK="$CLK_TCK"
python3 bench/compare-report.py "$MEASUREMENTS" "$OUT"
