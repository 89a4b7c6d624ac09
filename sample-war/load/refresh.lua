-- wrk script: body-mode refreshes, POST /access-token {"refreshToken": ...}, taking the refresh tokens of a file in
-- turn (one token: every request redeems the same one). Prints one line for refresh-benchmark.sh to read:
--   RESULT <requests/s> <p50 ms> <p99 ms> <non-2xx> <socket errors>
-- usage: wrk -t1 -cN -dS -s refresh.lua https://host:port/access-token -- <token file>
local requests = {}
local next_index = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      requests[#requests + 1] = wrk.format("POST", nil, {["Content-Type"] = "application/json"},
        '{"refreshToken":"' .. line .. '"}')
    end
  end
  assert(#requests > 0, "no refresh token in " .. args[1])
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
