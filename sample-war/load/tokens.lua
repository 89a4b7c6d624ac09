-- wrk script: each request carries the next token of a file, in the Authorization header, the ss-tok cookie or,
-- as "Bearer <token>", in an X-Padding header nobody reads.
-- usage: wrk ... -s tokens.lua <url> -- <token file> <header|cookie|padding> [copies]
-- With copies > 1 each token goes into that many requests, told apart by an X-Copy header: as many distinct
-- requests for wrk to walk through as distinct tokens give, with the server seeing the same token in each.
-- The requests are built once, in init: wrk shares the machine's cores with the server, so the less it does per
-- request, the less it disturbs what is measured.
local requests = {}
local next_index = 0

function init(args)
  local source = args[2] or "header"
  local copies = tonumber(args[3] or "1")
  -- a typo in a case must stop the benchmark, not measure another case under its name
  assert(source == "header" or source == "cookie" or source == "padding", "unknown token source " .. source)
  assert(copies and copies >= 1, "copies must be a number of at least 1")
  for line in io.lines(args[1]) do
    if #line > 0 then
      for copy = 1, copies do
        local headers = {}
        if source == "cookie" then
          headers["Cookie"] = "ss-tok=" .. line
        elseif source == "padding" then
          headers["X-Padding"] = "Bearer " .. line
        else
          headers["Authorization"] = "Bearer " .. line
        end
        if copies > 1 then
          headers["X-Copy"] = tostring(copy)
        end
        requests[#requests + 1] = wrk.format("GET", nil, headers)
      end
    end
  end
  -- threads start at different offsets so they do not replay the same sequence
  next_index = math.random(#requests)
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end

-- wrk counts a 401 as a "Non-2xx" response; the benchmark refuses results that have any.
