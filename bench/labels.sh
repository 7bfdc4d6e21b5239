#!/usr/bin/env bash
# What label selectors and merge patches cost (issue 19), on one cluster of NODES nodes and
# NODES x 30 pods (default 5,000 and 150,000) on H2, one pod in a hundred labelled app=web:
#
#   A  a page (limit=100) of the cluster's pods, unfiltered
#   B  a page (limit=100) of the pods with labelSelector=app=web (1% of them)
#   C  a merge patch of a pod's labels
#   D  a plain GET of a pod
#
# measured with wrk (a C load generator that leaves the cores to the service), each pair taken in
# turn A B B A ... after a warm-up. The pages are 20 different pages of each list (continue tokens
# walked beforehand), taken round robin, so that H2's result cache never answers a repeated query.
#
#   bench/labels.sh [--nodes N] [--rounds N] [--duration S] [--connections C] [--jar FILE] [--out FILE]
#
# BENCH_JAVA_OPTS adds JVM options to the service (e.g. -Dpodnet.h2.sync-commits=false, to see what
# the durable commit costs).
# Writes bench/RESULTS-labels.md. Needs wrk (installed if missing), curl and python3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

NODES=5000
ROUNDS=3
DURATION=10
CONNECTIONS=8
JAR=""
OUT="bench/RESULTS-labels.md"
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
PODS=$((NODES * 30))
. bench/lib/wrk-service.sh
bench_service "$JAR"

api -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/clusters" \
	-d '{"name":"bench","nodeNetwork":"10.0.0.0/16","podNetwork":"10.128.0.0/9","nodeSubnetPrefixLength":24}'
echo "loading $NODES nodes"
load_nodes bench "$NODES"
echo "loading $PODS pods"
START=$(date +%s)
TOTAL=$PODS THREADS=1 DONE="$WORK/pods.done" run_until "$WORK/pods.done.0" -t1 -c"$CONNECTIONS" -d4h \
	-s bench/lua/load-pods.lua "$BASE"
echo "loaded in $(( $(date +%s) - START )) s"
STORED=$(api "$BASE/api/v1/clusters/bench/nodes?limit=1" >/dev/null && python3 - "$BASE" <<'PY'
import json, os, sys, urllib.request
base, n, token = sys.argv[1], 0, None
while True:
    url = base + "/api/v1/clusters/bench/pods?limit=500&labelSelector=app%3Dweb" + ("&continue=" + token if token else "")
    page = json.load(urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": "Bearer " + os.environ["TOKEN"]})))
    n += len(page["items"]); token = page["metadata"].get("continue")
    if not token: break
print(n)
PY
)
echo "pods labelled app=web: $STORED (expected $((PODS / 100)))"

# 20 pages of each list, spread over the list, and 1,000 pods' paths
python3 - "$BASE" "$WORK" <<'PY'
import json, os, sys, urllib.request, urllib.parse, random
base, work = sys.argv[1], sys.argv[2]
def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + os.environ["TOKEN"]})
    return json.load(urllib.request.urlopen(req))
def pages(query, step):
    paths, token, k = [], None, 0
    while len(paths) < 20:
        path = "/api/v1/clusters/bench/pods?limit=100" + query + ("&continue=" + urllib.parse.quote(token) if token else "")
        page = get(path)
        if k % step == 0:
            paths.append(path)
        token = page["metadata"].get("continue"); k += 1
        if not token:
            token, k = None, 0
    return paths
open(work + "/plain.txt", "w").write("\n".join(pages("", 60)) + "\n")
open(work + "/selected.txt", "w").write("\n".join(pages("&labelSelector=app%3Dweb", 1)) + "\n")
pods = get("/api/v1/clusters/bench/pods?limit=1000")["items"]
open(work + "/pods.txt", "w").write("\n".join("/api/v1/clusters/bench/namespaces/%s/pods/%s" % (p["namespace"], p["name"]) for p in pods) + "\n")
PY

# measure KIND SECONDS: req/s
measure() {
	local kind="$1" seconds="$2" script file
	case "$kind" in
		plain) script=bench/lua/paths.lua; file="$WORK/plain.txt" ;;
		selected) script=bench/lua/paths.lua; file="$WORK/selected.txt" ;;
		patch) script=bench/lua/patch-pods.lua; file="$WORK/pods.txt" ;;
		get) script=bench/lua/paths.lua; file="$WORK/pods.txt" ;;
	esac
	PATHS="$file" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s "$script" "$BASE" \
		| awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "NON2XX " $0 > "/dev/stderr"}'
}

bench_pair plain selected "$ROUNDS" "$DURATION"; SEL_ROWS="$PAIR_ROWS"; SEL_MIN="$PAIR_MIN"; SEL_MAX="$PAIR_MAX"
bench_pair get patch "$ROUNDS" "$DURATION"; PATCH_ROWS="$PAIR_ROWS"; PATCH_MIN="$PAIR_MIN"; PATCH_MAX="$PAIR_MAX"
# cost ratio of a selected page to a plain one: the inverse of the rate ratio
COST_MIN=$(echo "$SEL_MAX" | awk '{printf "%.2f", 1/$1}'); COST_MAX=$(echo "$SEL_MIN" | awk '{printf "%.2f", 1/$1}')
CPU="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cat > "$OUT" <<MD
# What label selectors and merge patches cost

\`bench/labels.sh\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $CPU.
One service (H2, -Xmx512m${BENCH_JAVA_OPTS:+, $BENCH_JAVA_OPTS}) with one cluster of $NODES nodes and $PODS pods in 10 namespaces, one pod in a
hundred labelled \`app=web\` ($STORED found), every pod with two labels. \`wrk -t1 -c$CONNECTIONS -d${DURATION}s\`,
the two operations of each pair in turn (A B B A per round) after 2 × 5 s of warm-up each.

## A page of pods where 1% match (labelSelector=app=web) against an unfiltered page

Both \`limit=100\`, 20 pages of each list spread over it, taken round robin.

| round | unfiltered page, req/s (A, A) | app=web page, req/s (B, B) | rate ratio B ÷ A |
|---|---|---|---|
$SEL_ROWS
A selected page costs **${COST_MIN}× to ${COST_MAX}×** an unfiltered page (target ≤ 3×): the label index
(table pod_label, V10) hands the page its pods in (namespace, name) order without reading the 99% that do not match.

## A merge patch of a pod's labels against a plain GET of a pod

1,000 pods, round robin; each patch sets a new value of one label (\`{"labels":{"rev":"r…"}}\`),
so it writes the pod row, its label rows and a durable commit.

| round | GET, req/s (A, A) | PATCH, req/s (B, B) | ratio B ÷ A |
|---|---|---|---|
$PATCH_ROWS
Merge patch ÷ GET: **${PATCH_MIN}× to ${PATCH_MAX}×** (target ≥ 0.5×).
MD
echo "wrote $OUT: selected page costs ${COST_MIN}x-${COST_MAX}x a plain page; patch/GET ${PATCH_MIN}x-${PATCH_MAX}x"
