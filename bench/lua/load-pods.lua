-- Creates pods through POST .../namespaces/ns-K/pods, p-<i> for i = 0 .. total-1 over all
-- threads, every 100th labelled app=web and the others app=other, then stops.
-- wrk -s load-pods.lua <url> with env TOTAL (pods) and THREADS (wrk -t).
local counter, total, threads, id, created = 0, tonumber(os.getenv("TOTAL")), tonumber(os.getenv("THREADS") or "1"), 0, 0
local next_id = 0

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
	local app = (i % 100 == 0) and "web" or "other"
	local body = string.format('{"name":"p-%d","containers":[{"name":"c","image":"nginx:1.27"}],'
		.. '"labels":{"app":"%s","shard":"s%d"}}', i, app, i % 10)
	return wrk.format("POST", string.format("/api/v1/clusters/bench/namespaces/ns-%d/pods", i % 10),
		{ ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }, body)
end

function response(status, headers, body)
	if status ~= 201 and status ~= 200 then
		io.stderr:write("status " .. status .. ": " .. body .. "\n")
	end
	if counter * threads + id >= total + threads then
		wrk.thread:stop()
	end
end
