-- Creates TOTAL pods in cluster CLUSTER through POST .../namespaces/ns-K/pods (placed by podnet on
-- the node with the most room), p-<i> for i = 0 .. TOTAL-1 over all threads; nine in ten declare
-- 8080/TCP, so a reachability question on 8080 has exceptions to find. Env: TOTAL, THREADS (wrk -t),
-- CLUSTER, TOKEN, DONE (a file each thread writes when it has sent its share; the caller stops wrk).
local counter, total, threads, id = 0, tonumber(os.getenv("TOTAL")), tonumber(os.getenv("THREADS") or "1"), 0
local cluster = os.getenv("CLUSTER")
local next_id = 0
local finished = false

function setup(thread)
	thread:set("id", next_id)
	next_id = next_id + 1
end

function init(args)
	id = tonumber(wrk.thread:get("id"))
end

function request()
	local i = counter * threads + id
	counter = counter + 1
	if i >= total then
		return wrk.format("GET", "/actuator/health")
	end
	local ports = (i % 10 == 0) and "[]" or '[{"containerPort":8080}]'
	local body = string.format('{"name":"p-%d","containers":[{"name":"c","image":"nginx:1.27","ports":%s}],'
		.. '"labels":{"app":"a%d"}}', i, ports, i % 7)
	return wrk.format("POST", string.format("/api/v1/clusters/%s/namespaces/ns-%d/pods", cluster, i % 10),
		{ ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }, body)
end

function response(status, headers, body)
	if status ~= 201 and status ~= 200 then
		io.stderr:write("status " .. status .. ": " .. body .. "\n")
	end
	if counter * threads + id >= total + threads and not finished then
		finished = true
		local done = io.open(os.getenv("DONE") .. "." .. id, "w")
		done:write("done\n")
		done:close()
	end
end
