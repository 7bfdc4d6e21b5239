#!/usr/bin/env bash
# What the whole-cluster reachability answer costs (issue 22): GET /reachability?port=8080 on a
# cluster of SMALL nodes (default 50) and one of NODES nodes (default 5,000), both with 30 pods per
# node (150,000 pods, 22.5 billion ordered pairs, on the large one), nine pods in ten listening on
# 8080, and a few user routes (an external default, a blackhole, a static route that loops), on H2.
# Targets: the large answer <= 2 s, and <= 150x the small one in the same run.
#
# The two are timed in turn (S B B S per round, after warm-ups), each a full answer over HTTP with
# curl (time_total), so that a shared machine's drift hits both alike.
#
#   bench/reachability.sh [--nodes N] [--small N] [--pods-per-node N] [--rounds N] [--jar FILE] [--out FILE]
#
# Loading 150,000 pods through the API takes a while (tens of minutes on 2 cores); --nodes 500 makes
# a quick run. Writes bench/RESULTS-reachability.md. Needs wrk (installed if missing), curl, python3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

NODES=5000
SMALL=50
PODS_PER_NODE=30
ROUNDS=5
JAR=""
OUT="bench/RESULTS-reachability.md"
while [ $# -gt 0 ]; do
	case "$1" in
		--nodes) NODES="$2"; shift ;;
		--small) SMALL="$2"; shift ;;
		--pods-per-node) PODS_PER_NODE="$2"; shift ;;
		--rounds) ROUNDS="$2"; shift ;;
		--jar) JAR="$2"; shift ;;
		--out) OUT="$2"; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
. bench/lib/wrk-service.sh
BENCH_HEAP=1g bench_service "$JAR"

# load CLUSTER NODES: the cluster, its nodes, its user routes, 30 pods per node
load() {
	local cluster="$1" nodes="$2"
	api -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/clusters" \
		-d '{"name":"'"$cluster"'","nodeNetwork":"10.0.0.0/16","podNetwork":"10.128.0.0/9","nodeSubnetPrefixLength":24}'
	echo "$cluster: loading $nodes nodes"
	load_nodes "$cluster" "$nodes"
	for route in '{"destination":"0.0.0.0/0","type":"EXTERNAL"}' '{"destination":"10.64.0.0/16","type":"BLACKHOLE"}' \
		'{"destination":"192.168.0.0/16","nextHop":"10.0.0.2"}'; do
		api -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/clusters/$cluster/routes" -d "$route"
	done
	echo "$cluster: loading $((nodes * PODS_PER_NODE)) pods"
	local start; start=$(date +%s)
	TOTAL=$((nodes * PODS_PER_NODE)) THREADS=1 CLUSTER="$cluster" DONE="$WORK/pods-$cluster.done" \
		run_until "$WORK/pods-$cluster.done.0" -t1 -c8 -d8h -s bench/lua/load-reach-pods.lua "$BASE"
	echo "$cluster: loaded in $(( $(date +%s) - start )) s"
}
load small "$SMALL"
load big "$NODES"

# one answer's time in seconds (curl's time_total), checking that it is a whole answer
answer() {
	curl -fsS -o "$WORK/answer-$1.json" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
		"$BASE/api/v1/clusters/$1/reachability?port=8080"
}
for _ in 1 2 3 4 5; do answer small >/dev/null; answer big >/dev/null; done
summary() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%d pods on %d nodes, pairs %s, %d exceptions, %d outside classes, %d traces' % (d['sources']['pods'], d['sources']['nodes'], d['pairs'], len(d['exceptions']), len(d['outside']), d['traces']))" "$1"; }
PAIRS_SMALL=$(summary "$WORK/answer-small.json")
PAIRS_BIG=$(summary "$WORK/answer-big.json")
ROWS=""; SMALL_TIMES=(); BIG_TIMES=()
for round in $(seq 1 "$ROUNDS"); do
	s1=$(answer small); b1=$(answer big); b2=$(answer big); s2=$(answer small)
	SMALL_TIMES+=("$s1" "$s2"); BIG_TIMES+=("$b1" "$b2")
	ROWS+="| $round | $s1, $s2 | $b1, $b2 |"$'\n'
	echo "round $round: small $s1 $s2 s, big $b1 $b2 s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
MS=$(median "${SMALL_TIMES[@]}"); MB=$(median "${BIG_TIMES[@]}")
RATIO=$(echo "$MB $MS" | awk '{printf "%.1f", $1/$2}')
CPU="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cat > "$OUT" <<MD
# What the reachability answer costs

\`bench/reachability.sh\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $CPU,
load average $(cut -d' ' -f1-3 /proc/loadavg) at the end. One service (H2, -Xmx1g${BENCH_JAVA_OPTS:+, $BENCH_JAVA_OPTS}); cluster
\`small\`: $SMALL nodes, $((SMALL * PODS_PER_NODE)) pods; cluster \`big\`: $NODES nodes, $((NODES * PODS_PER_NODE)) pods; nine pods in ten
listen on 8080/TCP; user routes: default external, a blackhole, a static route that loops.
\`GET /api/v1/clusters/{c}/reachability?port=8080\`, whole answers over HTTP (curl time_total), S B B S per round after 5 warm-ups each.

small answer: $PAIRS_SMALL
big answer: $PAIRS_BIG

(The pods are loaded by wrk, which is stopped once it has sent them all; a request still in flight
then may be lost, so a cluster can hold a pod or so less than asked. The answer counts what is stored.)

| round | small, s (S, S) | big, s (B, B) |
|---|---|---|
$ROWS
Median: small **${MS} s**, big **${MB} s** (target at 5,000 nodes and 150,000 pods: ≤ 2 s), big ÷ small **${RATIO}×** (target ≤ 150×).
MD
echo "wrote $OUT: small ${MS}s, big ${MB}s, ratio ${RATIO}x"
