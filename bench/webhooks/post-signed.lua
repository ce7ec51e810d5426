-- wrk script: POST pre-signed Meta WhatsApp webhooks (bench/webhooks/make-payloads.py makes them).
--
--   wrk -t2 -c64 -d30s --latency -s bench/webhooks/post-signed.lua http://localhost:8082/webhooks/meta
--   WEBHOOK_BENCH_RATE=2000 WEBHOOK_BENCH_THREADS=2 wrk -t2 -c64 -d30s -s bench/webhooks/post-signed.lua ...
--
-- Every request sends one body (one line of payloads.jsonl, exact bytes) with Content-Type
-- application/json and X-Hub-Signature-256 taken from the same line of payloads.sig; each thread loads
-- the files into its own Lua state in init() and cycles through all bodies, from its own start offset.
--
-- Environment (optional; environment rather than "-- args" because wrk decides whether the script has a
-- delay() when it loads the file, before init() sees any arguments):
--   WEBHOOK_BENCH_RATE=R     hold an aggregate rate of R requests/s (default: unlimited = saturation)
--   WEBHOOK_BENCH_THREADS=T  the -t value, to split R across the threads (default 2)
--   WEBHOOK_PAYLOADS_DIR     where payloads.jsonl/.sig are (default: the directory of this script)
--
-- Fixed rate without wrk2 (not packaged by Debian): wrk calls delay() before each request on a
-- connection and waits that many ms before writing it. Each thread keeps a schedule of send slots spaced
-- T/R seconds apart (1 ms for 2,000/s on 2 threads); every delay() call takes the next free slot and
-- waits until it. So the aggregate rate is R as long as some connection is idle when its slot comes,
-- regardless of how long responses take (a plain "sleep C/R per connection" would give
-- C/(C/R + latency) < R). If all connections are busy, slots that passed are dropped rather than sent as a
-- burst later: the achieved rate then falls below R, which done() reports. wrk starts its latency clock
-- when the request is written (after the delay), so latency here is service time per request; it does
-- not include the time a request would have queued behind a stalled server (no coordinated-omission
-- correction, unlike wrk2) -- check that the achieved rate matched the target.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } wrk_bench_timespec;
  int clock_gettime(int clk_id, wrk_bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("wrk_bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local function script_dir()
  local src = debug.getinfo(1, "S").source
  if src:sub(1, 1) == "@" then
    local d = src:sub(2):match("^(.*)/[^/]*$")
    return d or "."
  end
  return "."
end

local RATE = tonumber(os.getenv("WEBHOOK_BENCH_RATE") or "")
if RATE and RATE <= 0 then RATE = nil end
local THREADS = tonumber(os.getenv("WEBHOOK_BENCH_THREADS") or "2")

-- ---------------------------------------------------------------- main Lua state (setup/done)
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

-- ---------------------------------------------------------------- per-thread Lua state
local requests = {}   -- pre-formatted raw HTTP requests
local n, i = 0, 0
local interval, next_slot = nil, nil
statuses = {}         -- global, so done() can read it through thread:get("statuses")

function init(args)
  local dir = os.getenv("WEBHOOK_PAYLOADS_DIR") or script_dir()
  local bodies, sigs = {}, {}
  local fb = io.open(dir .. "/payloads.jsonl", "rb")
  local fs = io.open(dir .. "/payloads.sig", "rb")
  if not fb or not fs then
    error("post-signed.lua: " .. dir .. "/payloads.jsonl or .sig missing; run bench/webhooks/make-payloads.py")
  end
  fb:close(); fs:close()
  for line in io.lines(dir .. "/payloads.jsonl") do bodies[#bodies + 1] = line end
  for line in io.lines(dir .. "/payloads.sig") do sigs[#sigs + 1] = line end
  if #bodies == 0 or #bodies ~= #sigs then
    error(string.format("post-signed.lua: %d bodies but %d signatures in %s", #bodies, #sigs, dir))
  end
  for k = 1, #bodies do
    -- A fresh header table per request: wrk.format() adds Host and Content-Length (byte length) to it.
    requests[k] = wrk.format("POST", wrk.path, {
      ["Content-Type"] = "application/json",
      ["X-Hub-Signature-256"] = sigs[k],
    }, bodies[k])
  end
  n = #requests
  local tid = thread_id or 0
  i = math.floor(tid * n / 7) % n  -- different starting offset per thread

  if RATE then
    interval = 1000 * THREADS / RATE              -- ms between this thread's sends
    next_slot = now_ms() + interval * tid / THREADS  -- stagger the threads' schedules
  end
end

if RATE then
  -- Must exist when wrk loads the file (see above), so it is defined here rather than in init().
  function delay()
    local now = now_ms()
    local slot = next_slot
    if slot < now then slot = now end  -- missed slots are dropped, not caught up in a burst
    next_slot = slot + interval
    return slot - now  -- wrk truncates to whole ms; the schedule itself keeps fractional precision
  end
end

function request()
  i = i + 1
  if i > n then i = 1 end
  return requests[i]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

-- ---------------------------------------------------------------- back in the main state
function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local by_status, ok, non2xx = {}, 0, 0
  for _, t in ipairs(threads) do
    for code, count in pairs(t:get("statuses") or {}) do
      by_status[code] = (by_status[code] or 0) + count
      if code >= 200 and code < 300 then ok = ok + count else non2xx = non2xx + count end
    end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local codes = {}
  for code in pairs(by_status) do codes[#codes + 1] = code end
  table.sort(codes)
  local parts = {}
  for _, code in ipairs(codes) do parts[#parts + 1] = code .. "=" .. by_status[code] end

  io.write("---- webhook benchmark summary ----\n")
  io.write(string.format("requests/s: %.0f (%d requests in %.1f s)\n", summary.requests / secs, summary.requests, secs))
  io.write(string.format("accepted (2xx) webhooks/s: %.0f\n", ok / secs))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
  io.write(string.format("responses by status: %s\n", #parts > 0 and table.concat(parts, " ") or "none"))
  io.write(string.format("non-2xx: %d (wrk's own non-2xx/3xx count: %d), socket errors: %d (connect %d, read %d, write %d, timeout %d)\n",
    non2xx, e.status, socket_errors, e.connect, e.read, e.write, e.timeout))
  -- one machine-readable line for bench/webhooks-benchmark.sh
  io.write(string.format("RESULT rps=%.1f accepted_rps=%.1f requests=%d ok=%d non2xx=%d socket_errors=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f\n",
    summary.requests / secs, ok / secs, summary.requests, ok, non2xx, socket_errors,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
