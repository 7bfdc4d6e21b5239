-- Creates new pods in cluster bench for as long as wrk runs: c<RUN>-<n> in namespace NAMESPACE
-- (default created), each named on the next node round robin from a random start (node-00001 ..
-- node-<NODES>), so no two creates in flight wait for the same node's lock. RUN must differ between
-- runs against one service: pod names are unique per namespace. A namespace of its own per run lets
-- a caller count (list) exactly the pods one run created (bench/watchers.sh).
-- wrk -t1 -s create-pods.lua <url> with env NODES, RUN, TOKEN and optionally NAMESPACE and CLUSTER
-- (default bench). One wrk thread: its connections share one counter.
local nodes, run = tonumber(os.getenv("NODES")), os.getenv("RUN")
local cluster = os.getenv("CLUSTER") or "bench"
local namespace = os.getenv("NAMESPACE") or "created"
local n, node, refusals = 0, 0, 0

function init(args)
	node = math.random(nodes) - 1
end

function request()
	n = n + 1
	node = (node + 1) % nodes
	local body = string.format('{"name":"c%s-%d","nodeName":"node-%05d",'
		.. '"containers":[{"name":"c","image":"nginx:1.27","ports":[{"containerPort":80}]}]}', run, n, node + 1)
	return wrk.format("POST", "/api/v1/clusters/" .. cluster .. "/namespaces/" .. namespace .. "/pods", { ["Content-Type"] = "application/json",
		["Authorization"] = "Bearer " .. os.getenv("TOKEN") }, body)
end

-- wrk counts the refusals; the first few are printed so that a full cluster says so
function response(status, headers, body)
	if status ~= 201 then
		refusals = refusals + 1
		if refusals <= 3 then
			io.stderr:write("pod create status " .. status .. ": " .. body .. "\n")
		end
	end
end
