-- wrk script: settled wagers (WIN), each with its own wagerId, over 1,000 customers (bench/http-ab.sh). One wager
-- per request as a JSON object, or with WAGERS_PER_REQUEST=100 a JSON list of 100 per request.
local counter = 0
local threadId = 0
local threads = 0
local size = tonumber(os.getenv("WAGERS_PER_REQUEST") or "1")
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  threadId = tid .. "-" .. math.random(1, 1000000000)
end
local function wager()
  counter = counter + 1
  return string.format('{"wagerId":"W-%s-%d","customerId":"C-%d","agentId":"A-7","currency":"USD","stake":1000,"payout":2500,"outcome":"WIN","freePlay":false,"settledAt":"2026-11-27T12:00:00Z"}', threadId, counter, counter % 1000)
end
request = function()
  local body
  if size == 1 then
    body = wager()
  else
    local items = {}
    for i = 1, size do items[i] = wager() end
    body = "[" .. table.concat(items, ",") .. "]"
  end
  return wrk.format("POST", "/api/v1/wagers/settled", {["Content-Type"] = "application/json"}, body)
end
