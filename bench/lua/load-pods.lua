-- Creates pods through POST .../namespaces/ns-K/pods, p-<i> for i = 0 .. total-1 over all
-- threads, every 100th labelled app=web and the others app=other, then stops.
-- wrk -s load-pods.lua <url> with env TOTAL (pods), THREADS (wrk -t) and DONE, a file each thread
-- writes when it has sent its share (wrk itself runs until its -d; the caller then stops it).
local counter, total, threads, id, created = 0, tonumber(os.getenv("TOTAL")), tonumber(os.getenv("THREADS") or "1"), 0, 0
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
	if counter * threads + id >= total + threads and not finished then
		finished = true
		local done = io.open(os.getenv("DONE") .. "." .. id, "w")
		done:write("done\n")
		done:close()
	end
end
