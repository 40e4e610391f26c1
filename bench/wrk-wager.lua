-- wrk script: single settled wagers (WIN), each with its own wagerId, over 1,000 customers (bench/http-ab.sh)
local counter = 0
local threadId = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  threadId = tid .. "-" .. math.random(1, 1000000000)
end
request = function()
  counter = counter + 1
  local body = string.format('{"wagerId":"W-%s-%d","customerId":"C-%d","agentId":"A-7","currency":"USD","stake":1000,"payout":2500,"outcome":"WIN","freePlay":false,"settledAt":"2026-11-27T12:00:00Z"}', threadId, counter, counter % 1000)
  return wrk.format("POST", "/api/v1/wagers/settled", {["Content-Type"] = "application/json"}, body)
end
