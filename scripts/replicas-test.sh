#!/usr/bin/env bash
# podnet's multi-replica test (issue 7): two podnet processes on one PostgreSQL, 16 concurrent
# clients spread over both, >= 10,000 pods on >= 50 nodes, one replica killed with SIGKILL and
# restarted while the load runs; afterwards the invariants are checked through the API and
# directly in the database, and the counts printed. Exit status 0 only when nothing is violated.
#
#   scripts/replicas-test.sh               the full run (3-4 minutes on 2 busy cores)
#   scripts/replicas-test.sh --pods 2000   a smaller run (the kill/restart cycle still completes)
#
# Options: --pods N (acknowledged live pods to reach, default 10000), --nodes N (default 60),
# --clients N (default 16), --heap SIZE (each replica's -Xmx, default 384m), --max-seconds S
# (deadline of the load phase, default 300; reaching it is a failure), --jar FILE (default
# target/podnet-0.1.0-SNAPSHOT.jar, built when missing), --keep (keep the work directory with
# the replicas' logs even when the run passes), --strict (also fail when a write of a pod that no
# other client touches is refused with 409 in-use, i.e. lost an internal race it should have
# retried), --sabotage (self-test of the checks: corrupt the database after the load, so the run
# must fail and name what broke).
# Environment: REPLICAS_JAVA_OPTS (the replicas' JVM options besides -Xmx; default
# "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", quicker to start on 2 cores), PGHOST (127.0.0.1),
# PGPORT (5432), PGUSER (postgres), PGPASSWORD, REPLICAS_DB (podnet_replicas: dropped and created
# anew at the start, dropped at the end).
#
# Everything listens on and talks to 127.0.0.1 only. The replicas' logs go to a temp dir, printed
# at the end (and kept when the run fails).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SELF="$ROOT/scripts/$(basename "$0")"
cd "$ROOT"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${REPLICAS_DB:-podnet_replicas}"
CLUSTER_NAME=chaos

# --- internal: start one replica in the background (also what the load program calls to restart
# the killed one). Uses the environment exported below; writes WORK/NAME.pid, appends to
# WORK/NAME.log.
if [ "${1:-}" = "__start-replica" ]; then
	name="$2"
	port="$3"
	: "${REPLICAS_WORK:?}" "${REPLICAS_JAR:?}" "${REPLICAS_HEAP:?}"
	{
		echo "=== $(date -u +%H:%M:%S.%N | cut -c1-12) starting replica $name on 127.0.0.1:$port"
	} >>"$REPLICAS_WORK/$name.log"
	# setsid: its own process group, so a Ctrl-C of the test does not reach it before the cleanup does
	# C1 only and the serial collector: on 2 cores a replica starts in about half the time (the JIT
	# and GC threads of three JVMs and PostgreSQL fight for the same cores); no effect on semantics
	# shellcheck disable=SC2086 # REPLICAS_JAVA_OPTS: several options
	setsid java "-Xmx$REPLICAS_HEAP" -XX:+ExitOnOutOfMemoryError \
		${REPLICAS_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -jar "$REPLICAS_JAR" \
		--server.port="$port" --server.address=127.0.0.1 --spring.profiles.active=postgres \
		</dev/null >>"$REPLICAS_WORK/$name.log" 2>&1 &
	echo $! >"$REPLICAS_WORK/$name.pid"
	exit 0
fi

PODS=10000
NODES=60
CLIENTS=16
HEAP=384m
MAX_SECONDS=300
JAR=""
KEEP=0
STRICT=false
SABOTAGE=0
while [ $# -gt 0 ]; do
	case "$1" in
		--pods) PODS="$2"; shift ;;
		--nodes) NODES="$2"; shift ;;
		--clients) CLIENTS="$2"; shift ;;
		--heap) HEAP="$2"; shift ;;
		--max-seconds) MAX_SECONDS="$2"; shift ;;
		--jar) JAR="$2"; shift ;;
		--keep) KEEP=1 ;;
		--strict) STRICT=true ;;
		--sabotage) SABOTAGE=1 ;;
		-h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

T_START=$(date +%s)
elapsed() { echo $(( $(date +%s) - T_START )); }
log() { echo "[replicas-test $(printf '%3d' "$(elapsed)")s] $*"; }

# --- the jar: built only when missing (CI builds it with ./mvnw -B verify just before)
if [ -z "$JAR" ]; then
	JAR=target/podnet-0.1.0-SNAPSHOT.jar
	if [ ! -f "$JAR" ]; then
		log "building $JAR"
		./mvnw -B -q -DskipTests package
	fi
fi
[ -f "$JAR" ] || { echo "no jar at $JAR" >&2; exit 2; }
for tool in curl psql createdb dropdb pg_isready java javac; do
	command -v "$tool" >/dev/null 2>&1 || { echo "$tool is needed and not installed" >&2; exit 2; }
done
pg_isready -h "$PGHOST" -p "$PGPORT" -q || { echo "PostgreSQL is not ready on $PGHOST:$PGPORT" >&2; exit 2; }

WORK="$(mktemp -d /tmp/podnet-replicas.XXXXXX)"
# a private copy: a rebuild of target/ during the run cannot change what the restart starts
cp "$JAR" "$WORK/podnet.jar"
# the replicas' admin token (podnet refuses every API request without one), random per run
PODNET_ADMIN_TOKEN="podnet_replicas_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
export PODNET_ADMIN_TOKEN
export REPLICAS_WORK="$WORK" REPLICAS_JAR="$WORK/podnet.jar" REPLICAS_HEAP="$HEAP"
export POSTGRES_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" POSTGRES_USER="$PGUSER" POSTGRES_PASSWORD="${PGPASSWORD:-}"
unset SPRING_PROFILES_ACTIVE SPRING_DATASOURCE_URL 2>/dev/null || true

STATUS=1
LOAD_PID=""
cleanup() {
	local rc=$?
	set +e
	if [ -n "$LOAD_PID" ] && kill -0 "$LOAD_PID" 2>/dev/null; then
		kill "$LOAD_PID" 2>/dev/null
		wait "$LOAD_PID" 2>/dev/null
	fi
	for f in "$WORK"/*.pid; do
		[ -f "$f" ] || continue
		pid="$(cat "$f")"
		if kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null
		fi
	done
	for f in "$WORK"/*.pid; do
		[ -f "$f" ] || continue
		pid="$(cat "$f")"
		for _ in $(seq 1 40); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.25
		done
		kill -9 "$pid" 2>/dev/null
	done
	dropdb --if-exists --force "$DB" 2>/dev/null
	if [ "$STATUS" = 0 ] && [ "$KEEP" = 0 ]; then
		rm -rf "$WORK"
	else
		echo "replica logs and the expected-state files are kept in $WORK"
	fi
	log "done (exit $rc)"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- a fresh database
dropdb --if-exists --force "$DB"
createdb "$DB"
log "database $DB created on $PGHOST:$PGPORT; work dir $WORK"

# --- two free ports on 127.0.0.1
free_port() {
	local candidate
	for _ in $(seq 1 200); do
		candidate=$((20000 + RANDOM % 20000))
		if [ "$candidate" != "${PORT_A:-}" ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
			echo "$candidate"
			return 0
		fi
	done
	return 1
}
PORT_A="$(free_port)" || { echo "no free port" >&2; exit 2; }
PORT_B="$(free_port)" || { echo "no free port" >&2; exit 2; }

# --- both replicas at once: both run Flyway against the empty database at the same moment
log "starting replicas A (127.0.0.1:$PORT_A) and B (127.0.0.1:$PORT_B) together, -Xmx$HEAP, profile postgres"
"$SELF" __start-replica A "$PORT_A"
"$SELF" __start-replica B "$PORT_B"
wait_healthy() {
	local name="$1" port="$2" pid
	for i in $(seq 1 240); do
		if curl -fsS --max-time 2 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then
			return 0
		fi
		pid="$(cat "$WORK/$name.pid")"
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "replica $name exited during start; its log:" >&2
			tail -40 "$WORK/$name.log" >&2
			return 1
		fi
		sleep 0.5
	done
	echo "replica $name not healthy after 120 s" >&2
	return 1
}
wait_healthy A "$PORT_A"
wait_healthy B "$PORT_B"
log "both replicas healthy"

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -At -F '|' "$@"; }
MIGRATIONS="$(find src/main/resources/db/migration -name 'V*.sql' 2>/dev/null | wc -l)"
read -r FW_ROWS FW_FAILED FW_DISTINCT <<<"$(psql_q -c \
	"select count(*), count(*) filter (where not success), count(distinct version) from flyway_schema_history where version is not null" | tr '|' ' ')"
log "flyway after the simultaneous start: $FW_ROWS migrations applied ($FW_DISTINCT distinct versions, $FW_FAILED failed; $MIGRATIONS in src/)"

# --- the load, the kill -9 and restart of B, and the API checks. In the background and waited
# for, so that an INT or TERM runs the cleanup at once (bash defers traps until a foreground child
# ends). The program, scripts/replicas/*.java, is compiled first (JDK only, into the work dir): on
# Java 17 the source launcher runs single files only. Compiled here, where the launcher used to
# compile it, so that the replicas get the same pause and a compile error fails the same way.
set +e
javac -d "$WORK/classes" scripts/replicas/*.java </dev/null &
LOAD_PID=$!
wait "$LOAD_PID"
LOAD_RC=$?
if [ "$LOAD_RC" = 0 ]; then
	java -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$WORK/classes" replicas.ReplicaChaos \
		--replica "A=http://127.0.0.1:$PORT_A" --replica "B=http://127.0.0.1:$PORT_B" \
		--work "$WORK" --clients "$CLIENTS" --nodes "$NODES" --pods "$PODS" --max-seconds "$MAX_SECONDS" \
		--strict "$STRICT" --victim B --cluster "$CLUSTER_NAME" --restart-command "'$SELF' __start-replica B $PORT_B" \
		</dev/null &
	LOAD_PID=$!
	wait "$LOAD_PID"
	LOAD_RC=$?
else
	echo "the load program (scripts/replicas/*.java) does not compile" >&2
fi
LOAD_PID=""
set -e
log "load program exited with $LOAD_RC"
if [ "$LOAD_RC" = 2 ] || [ ! -f "$WORK/expected-live.csv" ]; then
	echo "the load program failed before it could record the expected state" >&2
	exit 1
fi

if [ "$SABOTAGE" = 1 ]; then
	log "SABOTAGE: corrupting the database on purpose; the checks below must fail"
	psql_q <<'SQL'
update node_pods set pod_count = pod_count + 1 where node_name = 'node-000';
delete from gateway_route where node_id = (select id from node where name = 'node-001');
delete from pod where id = (select min(id) from pod where namespace like 'team-%');
update pod set ip = '10.99.0.5', ip_value = 174260229 where id = (select max(id) from pod where namespace like 'team-%');
SQL
fi

# --- the invariants, directly in the database
log "checking the invariants in the database"
FAILED=0
CHECKS="$WORK/db-checks.txt"
if ! psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -At -F '|' >"$CHECKS" <<SQL
create temp table expected_live (namespace text, name text, ip text);
create temp table expected_absent (namespace text, name text);
create temp table expected_maybe (namespace text, name text);
create temp table expected_nodes (name text, address text, pod_subnet text);
\copy expected_live from '$WORK/expected-live.csv' with (format csv)
\copy expected_absent from '$WORK/expected-absent.csv' with (format csv)
\copy expected_maybe from '$WORK/expected-maybe.csv' with (format csv)
\copy expected_nodes from '$WORK/expected-nodes.csv' with (format csv)

-- each row: check name | offending count | a few examples
select 'duplicate pod IPs in a cluster', count(*), coalesce(string_agg(ip, ' '), '') from (
  select cluster_id, ip_value, min(ip) ip from pod group by cluster_id, ip_value having count(*) > 1 limit 1000) d;
select 'duplicate pod IPs (text) in a cluster', count(*), coalesce(string_agg(ip, ' '), '') from (
  select cluster_id, ip from pod group by cluster_id, ip having count(*) > 1) d;
select 'duplicate node subnets in a cluster', count(*), coalesce(string_agg(s, ' '), '') from (
  select cluster_id, min(pod_subnet) s from node group by cluster_id, pod_subnet_value having count(*) > 1) d;
select 'duplicate node addresses in a cluster', count(*), coalesce(string_agg(a, ' '), '') from (
  select cluster_id, min(address) a from node group by cluster_id, address_value having count(*) > 1) d;
select 'acknowledged pods missing', count(*), coalesce(string_agg(e.namespace || '/' || e.name, ' ') filter (where rn <= 5), '') from (
  select e.*, row_number() over () rn from expected_live e
  where not exists (select 1 from pod p join cluster c on c.id = p.cluster_id
                    where c.name = '$CLUSTER_NAME' and p.namespace = e.namespace and p.name = e.name)) e;
select 'acknowledged pods with another IP', count(*), coalesce(string_agg(e.namespace || '/' || e.name || ' ' || e.ip || '->' || p.ip, ' '), '') from
  expected_live e join pod p on p.namespace = e.namespace and p.name = e.name
  join cluster c on c.id = p.cluster_id and c.name = '$CLUSTER_NAME' where p.ip <> e.ip;
select 'acknowledged-deleted (or refused) pods present', count(*), coalesce(string_agg(p.namespace || '/' || p.name, ' '), '') from
  expected_absent e join pod p on p.namespace = e.namespace and p.name = e.name;
select 'pods no client was told of', count(*), coalesce(string_agg(p.namespace || '/' || p.name, ' '), '') from pod p
  where not exists (select 1 from expected_live e where e.namespace = p.namespace and e.name = p.name)
    and not exists (select 1 from expected_absent e where e.namespace = p.namespace and e.name = p.name)
    and not exists (select 1 from expected_maybe e where e.namespace = p.namespace and e.name = p.name);
select 'acknowledged nodes missing or changed', count(*), coalesce(string_agg(e.name, ' '), '') from expected_nodes e
  where not exists (select 1 from node n where n.name = e.name and n.address = e.address and n.pod_subnet = e.pod_subnet);
select 'nodes never acknowledged', count(*), coalesce(string_agg(n.name, ' '), '') from node n
  where not exists (select 1 from expected_nodes e where e.name = n.name);
select 'routes whose node is gone', count(*), coalesce(string_agg(r.destination, ' '), '') from gateway_route r
  where r.node_id is not null and not exists (select 1 from node n where n.id = r.node_id);
select 'NODE routes without a node_id', count(*), coalesce(string_agg(r.destination, ' '), '') from gateway_route r
  where r.type = 'NODE' and r.node_id is null;
select 'nodes without exactly one NODE route', count(*), coalesce(string_agg(n.name || '(' || coalesce(k.c, 0) || ')', ' '), '') from node n
  left join (select node_id, count(*) c from gateway_route where type = 'NODE' group by node_id) k on k.node_id = n.id
  where coalesce(k.c, 0) <> 1;
select 'NODE routes count minus node count', (select count(*) from gateway_route where type = 'NODE') - (select count(*) from node), '';
select 'NODE routes not "subnet via address"', count(*), coalesce(string_agg(n.name, ' '), '') from gateway_route r join node n on n.id = r.node_id
  where r.destination <> n.pod_subnet or r.next_hop <> n.address or r.cluster_id <> n.cluster_id;
select 'nodes whose pod_count is off', count(*), coalesce(string_agg(n.name || ' says ' || coalesce(np.pod_count::text, 'nothing') || ' has ' || coalesce(k.c, 0), ', '), '') from node n
  left join node_pods np on np.node_id = n.id
  left join (select node_id, count(*) c from pod group by node_id) k on k.node_id = n.id
  where np.pod_count is distinct from coalesce(k.c, 0);
select 'node_pods rows that disagree with their node', count(*), coalesce(string_agg(np.node_name, ' '), '') from node_pods np
  left join node n on n.id = np.node_id where n.id is null or n.name <> np.node_name or n.cluster_id <> np.cluster_id;
select 'nodes over capacity', count(*), coalesce(string_agg(n.name, ' '), '') from node n join cluster c on c.id = n.cluster_id
  join node_pods np on np.node_id = n.id where np.pod_count > c.max_pods_per_node;
select 'pods outside their node''s subnet (or on its network/bridge/broadcast address)', count(*),
  coalesce(string_agg(p.namespace || '/' || p.name || ' ' || p.ip || ' on ' || n.name || ' ' || n.pod_subnet, ', '), '') from pod p
  join node n on n.id = p.node_id join cluster c on c.id = n.cluster_id
  where p.ip_value <= n.pod_subnet_value + 1
     or p.ip_value >= n.pod_subnet_value + power(2::numeric, 32 - c.node_subnet_prefix_length) - 1
     or p.cluster_id <> n.cluster_id;
select 'pods whose ip text and value disagree', count(*), coalesce(string_agg(p.ip, ' '), '') from pod p
  where p.ip_value <> (split_part(p.ip, '.', 1)::numeric * 16777216 + split_part(p.ip, '.', 2)::numeric * 65536
                       + split_part(p.ip, '.', 3)::numeric * 256 + split_part(p.ip, '.', 4)::numeric);
select 'failed or duplicated flyway migrations', count(*) filter (where not success)
  + (count(*) filter (where version is not null) - count(distinct version)), '' from flyway_schema_history;
SQL
then
	echo "the database checks could not run" >&2
	exit 1
fi

# the numbers
read -r N_CLUSTERS N_NODES N_PODS N_ROUTES N_NODE_ROUTES <<<"$(psql_q -c "select (select count(*) from cluster),
	(select count(*) from node), (select count(*) from pod), (select count(*) from gateway_route),
	(select count(*) from gateway_route where type = 'NODE')" | tr '|' ' ')"
read -r N_IPS N_SUBNETS N_ADDRESSES <<<"$(psql_q -c "select (select count(distinct (cluster_id, ip_value)) from pod),
	(select count(distinct (cluster_id, pod_subnet_value)) from node),
	(select count(distinct (cluster_id, address_value)) from node)" | tr '|' ' ')"
EXPECTED_LIVE=$(wc -l <"$WORK/expected-live.csv")

echo
echo "== database $DB"
printf '  %-50s %s\n' "clusters" "$N_CLUSTERS" "nodes (distinct addresses / subnets)" "$N_NODES ($N_ADDRESSES / $N_SUBNETS)" \
	"pods (distinct IPs)" "$N_PODS ($N_IPS)" "acknowledged live pods expected" "$EXPECTED_LIVE" \
	"gateway routes (NODE routes)" "$N_ROUTES ($N_NODE_ROUTES)"
echo "== database invariants"
while IFS='|' read -r name count examples; do
	if [ "$count" = 0 ]; then
		printf '  ok    %-72s 0\n' "$name"
	else
		printf '  FAIL  %-72s %s\n' "$name" "$count"
		[ -n "$examples" ] && echo "        e.g. ${examples:0:400}"
		FAILED=$((FAILED + 1))
	fi
done <"$CHECKS"
if [ "$FW_FAILED" != 0 ] || [ "$FW_ROWS" != "$FW_DISTINCT" ] || [ "$FW_ROWS" -lt 1 ]; then
	echo "  FAIL  the simultaneous start did not migrate cleanly ($FW_ROWS rows, $FW_DISTINCT versions, $FW_FAILED failed)"
	FAILED=$((FAILED + 1))
fi
if [ "$N_PODS" -lt "$PODS" ]; then
	echo "  FAIL  only $N_PODS pods in the database; the target was $PODS"
	FAILED=$((FAILED + 1))
fi
if [ "$N_NODES" -lt 50 ]; then
	echo "  FAIL  only $N_NODES nodes"
	FAILED=$((FAILED + 1))
fi

# the replicas' logs: every 5xx is logged as "Unexpected error"
ERRORS="$(cat "$WORK"/A.log "$WORK"/B.log | grep -c ' ERROR ' || true)"
UNEXPECTED="$(cat "$WORK"/A.log "$WORK"/B.log | grep -c 'Unexpected error' || true)"
RACES="$(cat "$WORK"/A.log "$WORK"/B.log | grep -c 'Refused a write that lost a race' || true)"
echo "== replica logs: $ERRORS ERROR lines, $UNEXPECTED 'Unexpected error' (500) entries, $RACES 'Refused a write that lost a race' (409)"
if [ "$UNEXPECTED" != 0 ]; then
	grep -h -A3 'Unexpected error' "$WORK"/A.log "$WORK"/B.log | head -40 | sed 's/^/  /'
	FAILED=$((FAILED + 1))
fi

TOTAL=$(elapsed)
API_status5xx="?" API_conflicts="?" API_spurious409="?" API_retried="?"
if [ -f "$WORK/api-summary.txt" ]; then
	# shellcheck disable=SC1090
	. <(grep -E '^[a-z0-9]+=[0-9]+$' "$WORK/api-summary.txt" | sed 's/^/API_/')
fi
echo
echo "== summary: $N_PODS pods on $N_NODES nodes, $N_NODE_ROUTES NODE routes; $API_status5xx 5xx, $API_conflicts 409s" \
	"($API_spurious409 of them on uncontended pods), $API_retried retried requests; $FAILED database check(s) failed;" \
	"load program exit $LOAD_RC; ${TOTAL}s"
if [ "$FAILED" = 0 ] && [ "$LOAD_RC" = 0 ]; then
	STATUS=0
	log "PASSED in ${TOTAL}s: every invariant holds"
	exit 0
fi
log "FAILED in ${TOTAL}s: $FAILED database check(s) failed; load program exit $LOAD_RC"
exit 1
