-- wrk script: each request carries the next token of a file, in the Authorization header or the ss-tok cookie.
-- usage: wrk ... -s tokens.lua <url> -- <token file> <header|cookie>
local tokens = {}
local source = "header"
local next_index = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  source = args[2] or "header"
  -- threads start at different offsets so they do not replay the same sequence
  next_index = math.random(#tokens)
end

function request()
  next_index = next_index % #tokens + 1
  local headers = {}
  if source == "cookie" then
    headers["Cookie"] = "ss-tok=" .. tokens[next_index]
  else
    headers["Authorization"] = "Bearer " .. tokens[next_index]
  end
  return wrk.format("GET", nil, headers)
end

-- wrk counts a 401 as a "Non-2xx" response; the benchmark refuses results that have any.
