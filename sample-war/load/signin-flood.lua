-- wrk script of signin-flood.sh: every request a wrong password for a user name of its own (flood-1, flood-2, …),
-- which exists nowhere, so each one that gets through costs the server a password hash; each connection pauses
-- the given milliseconds before each request (default 100), and the answers are counted by status.
-- usage: wrk ... -s signin-flood.lua <url> -- [pause ms]
local sent = 0
local pause = 100
statuses = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  pause = tonumber(args[1] or "100")
  assert(pause and pause >= 0, "the pause must be a number of milliseconds")
end

function delay()
  return pause
end

function request()
  sent = sent + 1
  return wrk.format("POST", "/auth/credentials", {["Content-Type"] = "application/json"},
    '{"userName":"flood-' .. sent .. '","password":"wrong-password"}')
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done()
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d %d\n", status, count))
  end
end
