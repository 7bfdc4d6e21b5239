-- Merge-patches the labels of the pods listed one per line (their paths) in the file named by env
-- PATHS, round robin from a per-thread random start: each patch sets a new value of label rev.
local paths, i, n = {}, 0, 0

function init(args)
	for line in io.lines(os.getenv("PATHS")) do
		paths[#paths + 1] = line
	end
	i = math.random(#paths)
	n = math.random(1000000)
end

function request()
	i = i % #paths + 1
	n = n + 1
	return wrk.format("PATCH", paths[i], { ["Content-Type"] = "application/merge-patch+json",
		["Authorization"] = "Bearer " .. os.getenv("TOKEN") }, string.format('{"labels":{"rev":"r%d"}}', n))
end

function response(status, headers, body)
	if status ~= 200 then
		io.stderr:write("status " .. status .. ": " .. body .. "\n")
	end
end
