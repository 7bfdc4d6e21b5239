#!/usr/bin/env bash
# What authentication costs (issue 18): the same GET of one node, with a bearer token against a
# service that checks it, and without one against a service started with
# podnet.security.enabled=false, measured with wrk (a C load generator that leaves the cores to
# the service), the two services taken in turn A B B A ... after a warm-up of each, in one run.
#
#   bench/auth.sh [--rounds N] [--duration S] [--connections C] [--jar FILE] [--out FILE]
#
# Writes bench/RESULTS-auth.md. Needs wrk (apt-get install wrk) and curl.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

ROUNDS=3
DURATION=10
CONNECTIONS=8
JAR=""
OUT="bench/RESULTS-auth.md"
while [ $# -gt 0 ]; do
	case "$1" in
		--rounds) ROUNDS="$2"; shift ;;
		--duration) DURATION="$2"; shift ;;
		--connections) CONNECTIONS="$2"; shift ;;
		--jar) JAR="$2"; shift ;;
		--out) OUT="$2"; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -n "$JAR" ]; then
	JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"
else
	./mvnw -B -q package -DskipTests
	JAR="$ROOT/target/podnet-0.1.0-SNAPSHOT.jar"
fi

WORK="$(mktemp -d)"; echo "work dir $WORK"
TOKEN="podnet_bench_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start NAME PORT EXTRA-ARGS...: one service in its own directory (own H2 file), fixed heap
start() {
	local name="$1" port="$2"; shift 2
	mkdir -p "$WORK/$name"
	(cd "$WORK/$name" && PODNET_ADMIN_TOKEN="$TOKEN" exec java -Xmx512m -jar "$JAR" --server.port="$port" "$@") \
		>"$WORK/$name.log" 2>&1 &
	PIDS+=($!)
}

SECURED=$(free_port); start secured "$SECURED"
OPEN=$(free_port); start open "$OPEN" --podnet.security.enabled=false
for port in "$SECURED" "$OPEN"; do
	for _ in $(seq 1 180); do curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q UP && break; sleep 1; done
	curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "podnet on port $port did not start; see $WORK" >&2; tail -n 20 "$WORK"/*.log >&2; exit 1; }
	for body in '{"name":"demo","nodeNetwork":"10.100.0.0/24","podNetwork":"10.244.0.0/16"}' ; do
		curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
			"http://127.0.0.1:$port/api/v1/clusters" -d "$body"
	done
	curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
		"http://127.0.0.1:$port/api/v1/clusters/demo/nodes" -d '{"name":"node-1"}'
done
PATH_="/api/v1/clusters/demo/nodes/node-1"
curl -fsS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$OPEN$PATH_" | grep -q 200 || { echo "open service refused" >&2; exit 1; }
test "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SECURED$PATH_")" = 401 || { echo "secured service answered without a token" >&2; exit 1; }

# measure KIND SECONDS: req/s of wrk against one of the two
measure() {
	local kind="$1" seconds="$2" port header=()
	if [ "$kind" = secured ]; then port=$SECURED; header=(-H "Authorization: Bearer $TOKEN"); else port=$OPEN; fi
	wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" "${header[@]}" "http://127.0.0.1:$port$PATH_" \
		| awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "NON2XX " $0 > "/dev/stderr"}'
}

echo "warming both services up (2 x 2 x 15 s)"
for _ in 1 2; do measure secured 15 >/dev/null; measure open 15 >/dev/null; done
ROWS=""
RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
	# A B B A: each one first and last in turn, so a drift of the machine's speed falls on both
	s1=$(measure secured "$DURATION"); o1=$(measure open "$DURATION"); o2=$(measure open "$DURATION"); s2=$(measure secured "$DURATION")
	s=$(echo "$s1 $s2" | awk '{printf "%.0f", ($1+$2)/2}'); o=$(echo "$o1 $o2" | awk '{printf "%.0f", ($1+$2)/2}')
	ratio=$(echo "$s $o" | awk '{printf "%.3f", $1/$2}')
	RATIOS+=("$ratio")
	echo "round $round: with a token $s req/s, security off $o req/s: $ratio x"
	ROWS+="| $round | $s ($s1, $s2) | $o ($o1, $o2) | ${ratio}× |"$'\n'
done
MIN=$(printf '%s\n' "${RATIOS[@]}" | sort -n | head -1); MAX=$(printf '%s\n' "${RATIOS[@]}" | sort -n | tail -1)
CPU="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cat > "$OUT" <<MD
# What authentication costs

\`bench/auth.sh\` on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $CPU.
Two services from the same jar, each on its own H2 file with one cluster and one node:
one checks bearer tokens (the default), one runs with \`podnet.security.enabled=false\`.
\`wrk -t1 -c$CONNECTIONS -d${DURATION}s\` GETs \`$PATH_\` from each in turn (A B B A per round,
after 2 × 15 s of warm-up each, in turn); the secured one is sent the admin token.

| round | with a token, req/s (A, A) | security off, req/s (B, B) | ratio |
|---|---|---|---|
$ROWS
Ratio with a token ÷ security off: **$MIN× to $MAX×** over $ROUNDS rounds (target ≥ 0.9×).
A checked token is cached for \`podnet.security.token-cache\` (500 ms), so a request costs a
SHA-256 and a map lookup, not a query; a revoked token is refused on every replica within that time.
MD
echo "wrote $OUT: $MIN x to $MAX x"
