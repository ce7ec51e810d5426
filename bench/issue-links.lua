-- wrk script: POST /v1/links with a realistic body; every request makes a new persisted link.
-- bench/links-benchmark.sh configures HUBS hubs with the keys bench-api-key-1 .. bench-api-key-HUBS (each
-- its own 360Dialog partner, so its own signature clock); requests go to them in turn.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"owner@shop.example","name":"Shop Owner","number":"4915112345678","partner":"tenant-42","lang":"en","next":"signup","plan_selection":"regular"}'

local requests = {}
local next_request = 0

-- Formatted once per thread: formatting per request would cost wrk CPU the service needs.
init = function(args)
  for i = 1, tonumber(os.getenv("HUBS") or "1") do
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Authorization"] = "Bearer bench-api-key-" .. i
    requests[i] = wrk.format(nil, nil, headers, nil)
  end
end

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

done = function(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx/3xx: %d, socket errors: %d\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
