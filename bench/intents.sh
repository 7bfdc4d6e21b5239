#!/usr/bin/env bash
# What intents cost the writes they guard (issue 22): node creates (POST /nodes) on a cluster with 10
# intents against the same on a cluster without, under wrk, A B B A per round. Both clusters start
# alike: NODES nodes (default 50), PODS_PER_NODE pods on each (default 4, all listening on 8080,
# spread over 5 namespaces), an EXTERNAL default route and a BLACKHOLE; the guarded one then declares
# the 10 intents below. Target: node create with intents >= 0.7x without.
#
# Then, for information, pod creates likewise: a pod create touches the intents whose selectors
# select the new pod (pods-reach-pods and the like), and each is decided over the whole cluster.
#
#   bench/intents.sh [--nodes N] [--pods-per-node N] [--rounds N] [--seconds S] [--jar FILE] [--out FILE]
#
# Writes bench/RESULTS-intents.md. Needs wrk (installed if missing), curl, python3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

NODES=100
PODS_PER_NODE=4
ROUNDS=3
SECONDS_PER_RUN=4
JAR=""
OUT="bench/RESULTS-intents.md"
while [ $# -gt 0 ]; do
	case "$1" in
		--nodes) NODES="$2"; shift ;;
		--pods-per-node) PODS_PER_NODE="$2"; shift ;;
		--rounds) ROUNDS="$2"; shift ;;
		--seconds) SECONDS_PER_RUN="$2"; shift ;;
		--jar) JAR="$2"; shift ;;
		--out) OUT="$2"; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
. bench/lib/wrk-service.sh
bench_service "$JAR"

json() { api -o /dev/null -H 'Content-Type: application/json' "$@"; }

# load CLUSTER: its nodes, pods and routes
load() {
	local cluster="$1"
	json "$BASE/api/v1/clusters" -d '{"name":"'"$cluster"'","nodeNetwork":"10.0.0.0/16","podNetwork":"10.128.0.0/9","nodeSubnetPrefixLength":24}'
	for n in $(seq 1 "$NODES"); do
		json "$BASE/api/v1/clusters/$cluster/nodes" -d "{\"name\":\"base-$n\"}"
		for p in $(seq 1 "$PODS_PER_NODE"); do
			json "$BASE/api/v1/clusters/$cluster/namespaces/ns-$((p % 5))/pods" -d "{\"name\":\"p-$n-$p\",\"nodeName\":\"base-$n\",\"labels\":{\"app\":\"a$((n % 3))\",\"tier\":\"t$p\"},\"containers\":[{\"name\":\"c\",\"image\":\"img\",\"ports\":[{\"containerPort\":8080}]}]}"
		done
	done
	json "$BASE/api/v1/clusters/$cluster/routes" -d '{"destination":"0.0.0.0/0","type":"EXTERNAL"}'
	json "$BASE/api/v1/clusters/$cluster/routes" -d '{"destination":"10.64.0.0/16","type":"BLACKHOLE"}'
}
echo "loading two clusters of $NODES nodes and $((NODES * PODS_PER_NODE)) pods"
load plain
load guarded
INTENTS=(
	'{"name":"pods-reach-pods","from":{"pods":"*"},"to":{"pods":"*"},"port":8080,"expect":"ACCEPTED"}'
	'{"name":"pods-answer","to":{"pods":"*"},"expect":"ACCEPTED"}'
	'{"name":"quarantine","to":{"cidr":"10.64.0.0/16"},"expect":"NULL_ROUTED"}'
	'{"name":"quarantine-udp","to":{"cidr":"10.64.0.0/16"},"port":53,"protocol":"UDP","expect":"NULL_ROUTED"}'
	'{"name":"no-leak","from":{"pods":"*"},"to":{"cidr":"0.0.0.0/0","except":["10.128.0.0/9","10.0.0.0/16","10.64.0.0/16"]},"expect":"EXITS_NETWORK","via":"EXTERNAL"}'
	'{"name":"ns1-reaches-ns2","from":{"namespace":"ns-1"},"to":{"namespace":"ns-2"},"port":8080,"expect":"ACCEPTED"}'
	'{"name":"a0-reaches-a1","from":{"labels":"app=a0"},"to":{"labels":"app=a1"},"port":8080,"expect":"ACCEPTED"}'
	'{"name":"base-1-reaches-all","from":{"node":"base-1"},"to":{"pods":"*"},"port":8080,"expect":"ACCEPTED"}'
	'{"name":"one-pod","from":{"pod":"ns-1/p-1-1"},"to":{"labels":"tier=t2"},"port":8080,"expect":"ACCEPTED"}'
	'{"name":"no-9090","to":{"namespace":"ns-3"},"port":9090,"expect":"REFUSED"}'
)
for intent in "${INTENTS[@]}"; do
	json "$BASE/api/v1/clusters/guarded/intents" -d "$intent"
done

# the lua of one run: RUN names its objects apart from every other run's
script() {
	local kind="$1" cluster="$2" run="$3"
	if [ "$kind" = node ]; then
		cat <<LUA
local i = 0
function request()
	i = i + 1
	return wrk.format("POST", "/api/v1/clusters/$cluster/nodes", { ["Content-Type"] = "application/json",
		["Authorization"] = "Bearer $TOKEN" }, string.format('{"name":"r$run-%d"}', i))
end
function response(status, headers, body)
	if status ~= 201 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
end
LUA
	else
		cat <<LUA
local i = 0
function request()
	i = i + 1
	return wrk.format("POST", "/api/v1/clusters/$cluster/namespaces/ns-$((run % 5))/pods", { ["Content-Type"] = "application/json",
		["Authorization"] = "Bearer $TOKEN" }, string.format('{"name":"r$run-%d","labels":{"app":"a%d"},"containers":[{"name":"c","image":"img","ports":[{"containerPort":8080}]}]}', i, i % 3))
end
function response(status, headers, body)
	if status ~= 201 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
end
LUA
	fi
}

# measure CLUSTER SECONDS: creates per second on it. bench_pair calls it in subshells too, so the run's
# name comes from the clock, not from a counter: every run creates objects of names of its own.
measure() {
	local run; run=$(date +%s%N)
	script "$KIND" "$1" "$run" > "$WORK/run-$run.lua"
	wrk -t1 -c4 -d"${2}s" -s "$WORK/run-$run.lua" "$BASE" 2>>"$WORK/errors.txt" | awk '/Requests\/sec/ {printf "%.0f", $2}'
}
KIND=pod
bench_pair plain guarded "$ROUNDS" "$SECONDS_PER_RUN"
POD_ROWS="$PAIR_ROWS"; POD_MIN="$PAIR_MIN"; POD_MAX="$PAIR_MAX"
KIND=node
bench_pair plain guarded "$ROUNDS" "$SECONDS_PER_RUN"
NODE_ROWS="$PAIR_ROWS"; NODE_MIN="$PAIR_MIN"; NODE_MAX="$PAIR_MAX"
ERRORS=$(sort "$WORK/errors.txt" | uniq -c | sort -rn | head -5 || true)
CPU="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
INTENT_LIST=$(printf -- '- `%s`\n' "${INTENTS[@]}")
cat > "$OUT" <<MD
# What intents cost the writes they guard

\`bench/intents.sh --nodes $NODES --pods-per-node $PODS_PER_NODE --rounds $ROUNDS --seconds $SECONDS_PER_RUN\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $CPU,
load average $(cut -d' ' -f1-3 /proc/loadavg) at the end. One service (H2, -Xmx${BENCH_HEAP:-512m}); two clusters loaded alike with
$NODES nodes and $((NODES * PODS_PER_NODE)) pods (all listening on 8080), an EXTERNAL default route and a BLACKHOLE 10.64.0.0/16;
\`guarded\` has these 10 intents, \`plain\` none:

$INTENT_LIST

wrk -t1 -c4, ${SECONDS_PER_RUN} s per run, A B B A per round (plain guarded guarded plain) after 2 warm-ups (5 s) of each; each
run names its objects apart. Pod creates are measured first, node creates after (on the clusters as the pod creates left them).
The machine is shared (2 cores, another build may run at the same time): single rounds are noisy; the A B B A order puts
both sides in the same minutes.

## Node create (target: guarded >= 0.7x plain)

| round | plain, creates/s (A, A) | guarded, creates/s (B, B) | guarded ÷ plain |
|---|---|---|---|
$NODE_ROWS
Ratio per round: **$NODE_MIN – $NODE_MAX×**. A node create changes no flow to a pod and only the flows to its
own subnet and address, which none of these intents is about: each write locks the cluster's intent
guard row and reads and parses the 10 intents, and decides none.

## Pod create (for information)

| round | plain, creates/s (A, A) | guarded, creates/s (B, B) | guarded ÷ plain |
|---|---|---|---|
$POD_ROWS
Ratio per round: **$POD_MIN – $POD_MAX×**. A pod create is decided against every intent whose selectors select
the new pod (here pods-reach-pods, pods-answer, base-1-reaches-all, and by namespace and labels a few more),
each over the whole cluster, under the guard row: pod creates of a cluster with such intents run one at a time.

Refused or failed requests during the runs (count, first lines): ${ERRORS:-none}
MD
echo "wrote $OUT: node create ${NODE_MIN}-${NODE_MAX}x, pod create ${POD_MIN}-${POD_MAX}x"
