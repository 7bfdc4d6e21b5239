-- GETs the paths listed one per line in the file named by env PATHS, round robin from a
-- per-thread random start, so that no database result cache answers a repeated request.
local paths, i = {}, 0

function init(args)
	for line in io.lines(os.getenv("PATHS")) do
		paths[#paths + 1] = line
	end
	i = math.random(#paths)
end

function request()
	i = i % #paths + 1
	return wrk.format("GET", paths[i], { ["Authorization"] = "Bearer " .. os.getenv("TOKEN") })
end

function response(status, headers, body)
	if status ~= 200 then
		io.stderr:write("status " .. status .. " for a GET\n")
	end
end
