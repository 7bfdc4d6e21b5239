# Sourced by the wrk benchmarks (bench/labels.sh, bench/pictures.sh): one podnet service of their
# own and pairs of measurements taken in turn. Not a script of its own.
#
#   bench_service JAR              builds the jar when JAR is empty (sets JAR), starts it on a free port of
#                                  127.0.0.1 with H2 in a temp dir (WORK), an admin token (TOKEN, exported),
#                                  -Xmx$BENCH_HEAP (512m) and BENCH_JAVA_OPTS; sets BASE and PID, stops it on exit
#                                  (the work dir is kept with KEEP_WORK=1); installs wrk if missing
#   api ARGS...                    curl with the token, failing on an error status
#   run_until FILE WRK-ARGS...     runs wrk until its script has written FILE (a load's done file), then stops it
#   load_nodes CLUSTER N           creates node-00001 .. node-N in the cluster, one request at a time with wrk
#   bench_pair A B ROUNDS SECONDS  warm-up (2 x 5 s each), then ROUNDS rounds of A B B A, each a call to
#                                  the caller's `measure KIND SECONDS` (prints req/s); sets PAIR_ROWS
#                                  (markdown table rows) and PAIR_MIN/PAIR_MAX (ratios B ÷ A)

bench_service() {
	JAR="$1"
	command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	if [ -n "$JAR" ]; then
		JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"
	else
		./mvnw -B -q package -DskipTests -Dspectral.skip
		JAR="$ROOT/target/podnet-0.1.0-SNAPSHOT.jar"
	fi
	WORK="$(mktemp -d)"; echo "work dir $WORK"
	export TOKEN="podnet_bench_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
	PID=""
	trap bench_cleanup EXIT INT TERM
	local port
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	BASE="http://127.0.0.1:$port"
	(cd "$WORK" && PODNET_ADMIN_TOKEN="$TOKEN" exec java ${BENCH_JAVA_OPTS:-} -Xmx"${BENCH_HEAP:-512m}" -jar "$JAR" --server.port="$port") \
		>"$WORK/podnet.log" 2>&1 &
	PID=$!
	for _ in $(seq 1 180); do curl -fsS "$BASE/actuator/health" 2>/dev/null | grep -q UP && break; sleep 1; done
	curl -fsS "$BASE/actuator/health" >/dev/null || { echo "podnet did not start; see $WORK/podnet.log" >&2; exit 1; }
}

api() { curl -fsS -H "Authorization: Bearer $TOKEN" "$@"; }

run_until() {
	local done="$1"; shift
	wrk "$@" >/dev/null & local pid=$!
	while [ ! -e "$done" ]; do sleep 1; done
	kill "$pid"; wait "$pid" 2>/dev/null || true
}

load_nodes() {
	local cluster="$1" nodes="$2"
	# One connection, and the next name only once the last one is created: wrk calls request() once more
	# than it sends (a counter moved there skipped node-00001), so the name follows the answers instead.
	cat > "$WORK/nodes-$cluster.lua" <<LUA
local created, total = 0, $nodes
function request()
	if created >= total then return wrk.format("GET", "/actuator/health") end
	return wrk.format("POST", "/api/v1/clusters/$cluster/nodes", { ["Content-Type"] = "application/json",
		["Authorization"] = "Bearer $TOKEN" }, string.format('{"name":"node-%05d"}', created + 1))
end
function response(status, headers, body)
	if created >= total then
		local f = io.open("$WORK/nodes-$cluster.done", "w"); f:write("done\n"); f:close()
	elseif status == 201 then
		created = created + 1
	else
		io.stderr:write("status " .. status .. ": " .. body .. "\n")
	end
end
LUA
	run_until "$WORK/nodes-$cluster.done" -t1 -c1 -d4h -s "$WORK/nodes-$cluster.lua" "$BASE"
}

bench_cleanup() {
	[ -z "${PID:-}" ] || kill "$PID" 2>/dev/null || true
	[ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}

bench_pair() {
	local a="$1" b="$2" rounds="$3" seconds="$4" rows="" ratios=() a1 a2 b1 b2 av bv ratio
	for _ in 1 2; do measure "$a" 5 >/dev/null; measure "$b" 5 >/dev/null; done
	for round in $(seq 1 "$rounds"); do
		a1=$(measure "$a" "$seconds"); b1=$(measure "$b" "$seconds"); b2=$(measure "$b" "$seconds"); a2=$(measure "$a" "$seconds")
		av=$(awk -v x="$a1" -v y="$a2" 'BEGIN {printf "%.0f", (x + y) / 2}')
		bv=$(awk -v x="$b1" -v y="$b2" 'BEGIN {printf "%.0f", (x + y) / 2}')
		ratio=$(awk -v b="$bv" -v a="$av" 'BEGIN {printf "%.3f", b / a}')
		ratios+=("$ratio")
		echo "$a/$b round $round: $a $av req/s, $b $bv req/s: ${ratio}x" >&2
		rows+="| $round | $av ($a1, $a2) | $bv ($b1, $b2) | ${ratio}× |"$'\n'
	done
	PAIR_ROWS="$rows"
	PAIR_MIN=$(printf '%s\n' "${ratios[@]}" | sort -n | head -1)
	PAIR_MAX=$(printf '%s\n' "${ratios[@]}" | sort -n | tail -1)
}
