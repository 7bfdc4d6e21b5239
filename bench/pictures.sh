#!/usr/bin/env bash
# What the pictures cost (issue 23) under wrk, a load generator that leaves the cores to the service:
#
#   GET    a plain GET of one pod of the article's cluster (the ceiling)
#   TOPO   GET .../topology.svg of the article's cluster (2 nodes, 3 pods, a user route)
#   SUMMARY GET .../topology.svg of a NODES-node cluster (default 5,000): its summary
#   PATH   GET .../paths.svg from web to db, port 5432
#
# Each pair is taken in turn, A B B A per round, after a warm-up of each; the ratios are of the
# rates (TOPO ÷ GET ≥ 0.5 is the issue's target; the summary's cost is GET-rate ÷ SUMMARY-rate
# against TOPO's, ≤ 20× the article's picture). One service (the jar, H2 in a temp dir, -Xmx512m).
#
#   bench/pictures.sh [--nodes N] [--rounds N] [--duration S] [--connections C] [--jar FILE] [--out FILE]
#
# Writes bench/RESULTS-pictures-wrk.md. Needs wrk (installed if missing), curl and python3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

NODES=5000
ROUNDS=3
DURATION=10
CONNECTIONS=8
JAR=""
OUT="bench/RESULTS-pictures-wrk.md"
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

echo "building the article's cluster and a $NODES-node cluster"
python3 bench/pictures.py --base "$BASE" --token "$TOKEN" --nodes "$NODES" --build-only
echo "/api/v1/clusters/demo/namespaces/default/pods/web" > "$WORK/GET.txt"
echo "/api/v1/clusters/demo/topology.svg" > "$WORK/TOPO.txt"
echo "/api/v1/clusters/large/topology.svg" > "$WORK/SUMMARY.txt"
echo "/api/v1/clusters/demo/paths.svg?from=default/web&to=default/db&port=5432" > "$WORK/PATH.txt"
declare -A SIZE
for kind in GET TOPO SUMMARY PATH; do
	SIZE[$kind]=$(curl -fsS -H "Authorization: Bearer $TOKEN" -o /dev/null -w '%{size_download}' "$BASE$(cat "$WORK/$kind.txt")")
done

# measure KIND SECONDS: req/s (any non-2xx fails the run)
measure() {
	local out
	out=$(PATHS="$WORK/$1.txt" wrk -t1 -c"$CONNECTIONS" -d"$2s" -s bench/lua/paths.lua "$BASE")
	if grep -q "Non-2xx" <<<"$out"; then echo "$1: $(grep Non-2xx <<<"$out")" >&2; exit 1; fi
	awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out"
}

bench_pair GET TOPO "$ROUNDS" "$DURATION"; TOPO_ROWS="$PAIR_ROWS"; TOPO_MIN="$PAIR_MIN"; TOPO_MAX="$PAIR_MAX"
bench_pair TOPO SUMMARY "$ROUNDS" "$DURATION"; SUMMARY_ROWS="$PAIR_ROWS"; SUMMARY_MIN="$PAIR_MIN"; SUMMARY_MAX="$PAIR_MAX"
bench_pair GET PATH "$ROUNDS" "$DURATION"; PATH_ROWS="$PAIR_ROWS"; PATH_MIN="$PAIR_MIN"; PATH_MAX="$PAIR_MAX"
# the summary's cost in article pictures: the inverse of its rate ratio
COST_MIN=$(awk -v r="$SUMMARY_MAX" 'BEGIN {printf "%.1f", 1 / r}'); COST_MAX=$(awk -v r="$SUMMARY_MIN" 'BEGIN {printf "%.1f", 1 / r}')
CPU="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
cat > "$OUT" <<MD
# Pictures under wrk (issue 23)

\`bench/pictures.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $CPU,
load average at the end $LOAD. One service (the jar, H2 in a temp dir, -Xmx512m) with the article's cluster (2 nodes,
3 pods, a blackhole user route) and a cluster of $NODES nodes. \`wrk -t1 -c$CONNECTIONS -d${DURATION}s\`, the two
requests of each pair in turn (A B B A per round) after 2 × 5 s of warm-up each. Answer sizes: GET ${SIZE[GET]} B,
article topology.svg ${SIZE[TOPO]} B, $NODES-node summary ${SIZE[SUMMARY]} B, paths.svg ${SIZE[PATH]} B.

## The article's topology.svg against a plain GET of a pod

| round | GET, req/s (A, A) | topology.svg, req/s (B, B) | ratio B ÷ A |
|---|---|---|---|
$TOPO_ROWS
topology.svg ÷ GET: **${TOPO_MIN}× to ${TOPO_MAX}×** (target ≥ 0.5×).

## The $NODES-node summary against the article's picture

| round | article topology.svg, req/s (A, A) | summary, req/s (B, B) | ratio B ÷ A |
|---|---|---|---|
$SUMMARY_ROWS
The summary costs **${COST_MIN}× to ${COST_MAX}×** the article's picture (target ≤ 20×) and is ${SIZE[SUMMARY]} bytes (target < 1 MB).

## paths.svg against a plain GET of a pod

| round | GET, req/s (A, A) | paths.svg, req/s (B, B) | ratio B ÷ A |
|---|---|---|---|
$PATH_ROWS
paths.svg ÷ GET: **${PATH_MIN}× to ${PATH_MAX}×** (no target; for reference).
MD
echo "wrote $OUT: topology/GET ${TOPO_MIN}-${TOPO_MAX}x; summary ${COST_MIN}-${COST_MAX}x the article picture, ${SIZE[SUMMARY]} B; paths.svg/GET ${PATH_MIN}-${PATH_MAX}x"
