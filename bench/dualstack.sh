#!/usr/bin/env bash
# What a second address family costs (issue 21): pod create and path on a dual-stack cluster against
# the same on a single-stack one, in one service and one run, measured with wrk (a C load generator
# that leaves the cores to the service), each pair taken in turn (A B B A) after a warm-up:
#
#   create  a pod create on cluster "single" (IPv4) ÷ on cluster "dual" (IPv4 + IPv6: two addresses)
#   path    a pod-to-pod path on "single" ÷ on "dual", half of the dual ones in IPv6 (family=IPv6)
#
# Both clusters have NODES nodes (default 100) and PODS_PER_NODE pods each (default 10) to begin with;
# /20 IPv4 node subnets and maxPodsPerNode 4,000, so the creates of a run never fill a node.
#
#   bench/dualstack.sh [--nodes N] [--rounds N] [--duration S] [--connections C] [--jar FILE] [--out FILE]
#
# Writes bench/RESULTS-dualstack.md. Needs wrk (installed if missing), curl and python3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

NODES=100
PODS_PER_NODE=10
ROUNDS=3
DURATION=10
CONNECTIONS=8
JAR=""
OUT="bench/RESULTS-dualstack.md"
while [ $# -gt 0 ]; do
	case "$1" in
		--nodes) NODES="$2"; shift ;;
		--rounds) ROUNDS="$2"; shift ;;
		--duration) DURATION="$2"; shift ;;
		--connections) CONNECTIONS="$2"; shift ;;
		--jar) JAR="$2"; shift ;;
		--out) OUT="$2"; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
. bench/lib/wrk-service.sh
bench_service "$JAR"
export NODES

api -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/clusters" \
	-d '{"name":"single","nodeNetwork":"10.0.0.0/16","podNetwork":"10.128.0.0/9","nodeSubnetPrefixLength":20,"maxPodsPerNode":4000}'
api -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/clusters" \
	-d '{"name":"dual","podNetworks":["10.128.0.0/9","fd00:10:244::/48"],"nodeNetworks":["10.0.0.0/16","fd00:10:100::/64"],"nodeSubnetPrefixLengths":[20,64],"maxPodsPerNode":4000}'
for cluster in single dual; do
	echo "loading $NODES nodes and $((NODES * PODS_PER_NODE)) pods into $cluster"
	load_nodes "$cluster" "$NODES"
	for i in $(seq 1 $((NODES * PODS_PER_NODE))); do
		api -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/clusters/$cluster/namespaces/default/pods" \
			-d "$(printf '{"name":"seed-%d","nodeName":"node-%05d","containers":[{"name":"c","image":"nginx","ports":[{"containerPort":80}]}]}' \
				"$i" $(( (i - 1) % NODES + 1 )))"
	done
done

# 2,000 random pod pairs per cluster; the dual cluster's alternate between its two families
python3 - "$WORK" "$NODES" "$PODS_PER_NODE" <<'PY'
import random, sys
work, nodes, per_node = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
pods = nodes * per_node
rng = random.Random(21)
for cluster in ("single", "dual"):
    lines = []
    for k in range(2000):
        a, b = rng.randrange(1, pods + 1), rng.randrange(1, pods + 1)
        family = "&family=IPv6" if cluster == "dual" and k % 2 else ""
        lines.append("/api/v1/clusters/%s/paths?from=default/seed-%d&to=default/seed-%d&port=80%s" % (cluster, a, b, family))
    open("%s/paths-%s.txt" % (work, cluster), "w").write("\n".join(lines) + "\n")
PY

# measure KIND SECONDS: req/s. Each create run names its pods from the clock: bench_pair calls this in
# subshells, so a counter kept here would start over and the names repeat (409, not a create).
measure() {
	local kind="$1" seconds="$2"
	case "$kind" in
		create-single|create-dual)
			CLUSTER="${kind#create-}" RUN="r$(date +%s%N)" NAMESPACE="created" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" \
				-s bench/lua/create-pods.lua "$BASE" ;;
		path-single|path-dual)
			PATHS="$WORK/paths-${kind#path-}.txt" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s bench/lua/paths.lua "$BASE" ;;
	esac | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "NON2XX " $0 > "/dev/stderr"}'
}

bench_pair create-single create-dual "$ROUNDS" "$DURATION"; CREATE_ROWS="$PAIR_ROWS"; CREATE_MIN="$PAIR_MIN"; CREATE_MAX="$PAIR_MAX"
bench_pair path-single path-dual "$ROUNDS" "$DURATION"; PATH_ROWS="$PAIR_ROWS"; PATH_MIN="$PAIR_MIN"; PATH_MAX="$PAIR_MAX"
CPU="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cat > "$OUT" <<MD
# What a second address family costs

\`bench/dualstack.sh --nodes $NODES --rounds $ROUNDS --duration $DURATION\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $CPU.
One service (H2, durable commits, -Xmx${BENCH_HEAP:-512m}${BENCH_JAVA_OPTS:+, $BENCH_JAVA_OPTS}) with two clusters of $NODES nodes and
$((NODES * PODS_PER_NODE)) pods each to begin with: \`single\` (IPv4) and \`dual\` (IPv4 primary, IPv6 second).
\`wrk -t1 -c$CONNECTIONS -d${DURATION}s\`, the two of each pair in turn (A B B A per round) after 2 × 5 s of warm-up each.

## Pod create

Pods on the next node round robin; on \`dual\` each gets an address per family from its node's two subnets.

| round | single-stack, req/s (A, A) | dual-stack, req/s (B, B) | ratio B ÷ A |
|---|---|---|---|
$CREATE_ROWS
Dual-stack pod create ÷ single-stack: **${CREATE_MIN}× to ${CREATE_MAX}×** (target ≥ 0.8×).

## Path between two pods

2,000 random pod pairs per cluster, port 80, round robin; on \`dual\` every other one asks for IPv6.

| round | single-stack, req/s (A, A) | dual-stack, req/s (B, B) | ratio B ÷ A |
|---|---|---|---|
$PATH_ROWS
Dual-stack path ÷ single-stack: **${PATH_MIN}× to ${PATH_MAX}×** (target ≥ 0.9×).
MD
echo "wrote $OUT: create ${CREATE_MIN}x-${CREATE_MAX}x, path ${PATH_MIN}x-${PATH_MAX}x"
