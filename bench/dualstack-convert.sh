#!/usr/bin/env bash
# How long converting a loaded cluster to dual-stack and back takes (issue 21: "in bounded time at
# 5,000 nodes and 150,000 pods"): one single-stack cluster of NODES nodes and NODES x 30 pods on H2,
# then POST .../families (every node a subnet and an address of IPv6, every pod an address, a route
# per node, a watch event per changed object), then DELETE .../families/IPv6, each timed by curl,
# ROUNDS times. Pods are then spot-checked for the right number of addresses.
#
#   bench/dualstack-convert.sh [--nodes N] [--rounds N] [--jar FILE] [--out FILE]
#
# BENCH_HEAP sets the service's heap (default here 2g: a conversion holds one watch event per pod
# until its commit). Writes bench/RESULTS-dualstack-convert.md. Needs wrk, curl and python3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

NODES=5000
ROUNDS=2
JAR=""
OUT="bench/RESULTS-dualstack-convert.md"
while [ $# -gt 0 ]; do
	case "$1" in
		--nodes) NODES="$2"; shift ;;
		--rounds) ROUNDS="$2"; shift ;;
		--jar) JAR="$2"; shift ;;
		--out) OUT="$2"; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
PODS=$((NODES * 30))
export BENCH_HEAP="${BENCH_HEAP:-2g}"
. bench/lib/wrk-service.sh
bench_service "$JAR"

api -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/clusters" \
	-d '{"name":"bench","nodeNetwork":"10.0.0.0/16","podNetwork":"10.128.0.0/9","nodeSubnetPrefixLength":24}'
echo "loading $NODES nodes"
load_nodes bench "$NODES"
echo "loading $PODS pods"
START=$(date +%s)
TOTAL=$PODS THREADS=1 DONE="$WORK/pods.done" run_until "$WORK/pods.done.0" -t1 -c8 -d4h -s bench/lua/load-pods.lua "$BASE"
LOAD_SECONDS=$(( $(date +%s) - START ))
echo "loaded in $LOAD_SECONDS s"

# families POST|DELETE: seconds, failing on an error status
convert() {
	if [ "$1" = POST ]; then
		api -o "$WORK/answer.json" -w '%{time_total}' -H 'Content-Type: application/json' "$BASE/api/v1/clusters/bench/families" \
			-d '{"podNetwork":"fd00:10:244::/48","nodeNetwork":"fd00:10:100::/64"}'
	else
		api -o "$WORK/answer.json" -w '%{time_total}' -X DELETE "$BASE/api/v1/clusters/bench/families/IPv6"
	fi
}
# spot check: pods at the start, middle and end, each with the expected number of addresses (load-pods.lua's
# first request() call is never sent, as load_nodes found, so p-0 is not there; p-1 .. p-(PODS-1) are)
check() {
	python3 - "$BASE" "$PODS" "$1" <<'PY'
import json, os, sys, urllib.request
base, pods, want = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in (1, 2, pods // 2, pods - 1):
    req = urllib.request.Request("%s/api/v1/clusters/bench/namespaces/ns-%d/pods/p-%d" % (base, i % 10, i),
                                 headers={"Authorization": "Bearer " + os.environ["TOKEN"]})
    ips = json.load(urllib.request.urlopen(req))["ips"]
    assert len(ips) == want, (i, ips)
print("ok")
PY
}

ROWS=""
for round in $(seq 1 "$ROUNDS"); do
	add=$(convert POST); echo "round $round: add IPv6 ${add} s"; check 2 >/dev/null
	remove=$(convert DELETE); echo "round $round: remove IPv6 ${remove} s"; check 1 >/dev/null
	ROWS+="| $round | $add | $remove |"$'\n'
done
CPU="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cat > "$OUT" <<MD
# Converting a loaded cluster to dual-stack and back

\`bench/dualstack-convert.sh --nodes $NODES --rounds $ROUNDS\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $CPU.
One service (H2, durable commits, -Xmx$BENCH_HEAP${BENCH_JAVA_OPTS:+, $BENCH_JAVA_OPTS}), one single-stack cluster of $NODES nodes and $PODS pods
(pods loaded in $LOAD_SECONDS s; one fewer, since load-pods.lua's first request is never sent). Each request timed by curl; every round
checks afterwards that pods at the start, middle and end of the cluster have two addresses (after
the add) and one (after the remove).

| round | POST families (IPv6 added), s | DELETE families/IPv6, s |
|---|---|---|
$ROWS
An add writes $NODES node rows and their counters, $PODS pod rows, $NODES gateway routes and
$((PODS + 2 * NODES + 1)) watch events in one transaction; a remove as many changes back.
MD
echo "wrote $OUT"
