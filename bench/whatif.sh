#!/usr/bin/env bash
# What a what-if of one route change costs against a single /paths trace (issue 22: target <= 20x),
# on a cluster of NODES nodes (default 200) with PODS_PER_NODE pods each (default 5, loaded by wrk),
# an EXTERNAL default route and a BLACKHOLE. Timed in turn with curl (time_total), P W W P per round
# after warm-ups: P = GET /paths between pods on two nodes on 8080, W = POST /what-if adding a
# BLACKHOLE 192.0.2.0/24 on 8080.
#
#   bench/whatif.sh [--nodes N] [--pods-per-node N] [--rounds N] [--jar FILE] [--out FILE]
#
# Writes bench/RESULTS-whatif.md. Needs wrk (installed if missing), curl, python3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

NODES=200
PODS_PER_NODE=5
ROUNDS=5
JAR=""
OUT="bench/RESULTS-whatif.md"
while [ $# -gt 0 ]; do
	case "$1" in
		--nodes) NODES="$2"; shift ;;
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

api -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/clusters" \
	-d '{"name":"demo","nodeNetwork":"10.0.0.0/16","podNetwork":"10.128.0.0/9","nodeSubnetPrefixLength":24}'
cat > "$WORK/nodes.lua" <<LUA
local i, total = 0, $NODES
function request()
	i = i + 1
	if i > total then return wrk.format("GET", "/actuator/health") end
	return wrk.format("POST", "/api/v1/clusters/demo/nodes", { ["Content-Type"] = "application/json",
		["Authorization"] = "Bearer $TOKEN" }, string.format('{"name":"node-%05d"}', i))
end
function response(status, headers, body)
	if i > total then local f = io.open("$WORK/nodes.done", "w"); f:write("done\\n"); f:close() end
end
LUA
run_until "$WORK/nodes.done" -t1 -c1 -d1h -s "$WORK/nodes.lua" "$BASE"
for route in '{"destination":"0.0.0.0/0","type":"EXTERNAL"}' '{"destination":"10.64.0.0/16","type":"BLACKHOLE"}'; do
	api -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/clusters/demo/routes" -d "$route"
done
TOTAL=$((NODES * PODS_PER_NODE)) THREADS=1 CLUSTER=demo DONE="$WORK/pods.done" \
	run_until "$WORK/pods.done.0" -t1 -c4 -d1h -s bench/lua/load-reach-pods.lua "$BASE"
# two pods on different nodes that both listen (nine in ten do; p-1 and p-2 are placed apart)
FROM="ns-1/p-1"
TO=$(api "$BASE/api/v1/clusters/demo/namespaces/ns-2/pods/p-2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ip"])')

paths() {
	curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
		"$BASE/api/v1/clusters/demo/paths?from=$FROM&to=$TO&port=8080"
}
whatif() {
	curl -fsS -o "$WORK/whatif.json" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
		"$BASE/api/v1/clusters/demo/what-if" \
		-d '{"port":8080,"changes":[{"action":"add","route":{"destination":"192.0.2.0/24","type":"BLACKHOLE"}}]}'
}
for _ in $(seq 1 20); do paths >/dev/null; done
for _ in 1 2 3 4 5; do whatif >/dev/null; done
ROWS=""; P=(); W=()
for round in $(seq 1 "$ROUNDS"); do
	p1=$(paths); w1=$(whatif); w2=$(whatif); p2=$(paths)
	P+=("$p1" "$p2"); W+=("$w1" "$w2")
	ROWS+="| $round | $p1, $p2 | $w1, $w2 |"$'\n'
	echo "round $round: paths $p1 $p2 s, what-if $w1 $w2 s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
MP=$(median "${P[@]}"); MW=$(median "${W[@]}")
RATIO=$(echo "$MW $MP" | awk '{printf "%.1f", $1/$2}')
CHANGED=$(python3 -c "import json; d=json.load(open('$WORK/whatif.json')); print(len(d['changed']), 'changed class(es):', [(c['destinations'], c.get('prefix'), c['before']['disposition'] if c.get('before') else None, c['after']['disposition'] if c.get('after') else None) for c in d['changed']])")
PODS=$(api "$BASE/api/v1/clusters/demo/reachability?port=8080" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["sources"]["pods"])')
CPU="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cat > "$OUT" <<MD
# What a what-if costs against one trace

\`bench/whatif.sh --nodes $NODES --pods-per-node $PODS_PER_NODE --rounds $ROUNDS\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $CPU,
load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (a shared machine: another build may have run at the same time).
One service (H2, -Xmx1g); cluster of $NODES nodes and $PODS pods, nine in ten listening on 8080, an EXTERNAL default and a BLACKHOLE.
P = \`GET /paths?from=$FROM&to=$TO&port=8080\`, W = \`POST /what-if\` adding a BLACKHOLE 192.0.2.0/24 with port 8080
($CHANGED). curl time_total, P W W P per round after warm-ups.

| round | paths, s | what-if, s |
|---|---|---|
$ROWS
Median: paths **${MP} s**, what-if **${MW} s**: what-if ÷ paths **${RATIO}×** (target ≤ 20×).
MD
echo "wrote $OUT: paths ${MP}s, what-if ${MW}s, ratio ${RATIO}x"
