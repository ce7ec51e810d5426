-- wrk script: POST /v1/signups at a fixed rate, every request with a new Embedded Signup code (a code
-- is exchanged once; a repeated one would only measure the replay path).
-- Codes: SIGNUP_BENCH_CODES names a file of signups the sandbox issued, one a line
-- ("code waba_id business_id phone_number_id"); thread t of n takes lines t+1, t+1+n, ... so no code
-- goes out twice. When a thread runs out it sends an empty code (answered 400: check non-2xx).
-- Rate: SIGNUP_BENCH_RATE requests/s in total over SIGNUP_BENCH_THREADS wrk threads. Each thread sends on
-- its own schedule of slots spaced threads/rate apart (slots missed while every connection is busy are
-- dropped, so check the achieved rate). Latency is measured from the write of each request.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } signup_bench_timespec;
  int clock_gettime(int clk_id, signup_bench_timespec *tp);
]]
local ts = ffi.new("signup_bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local RATE = tonumber(os.getenv("SIGNUP_BENCH_RATE") or "200")
local THREADS = tonumber(os.getenv("SIGNUP_BENCH_THREADS") or "2")
local API_KEY = os.getenv("SIGNUP_BENCH_API_KEY") or "bench-api-key"
-- The phase's length (wrk's -d, in seconds): no request starts in its last second, so none is in flight
-- when wrk closes its connections (a signup cut off mid-exchange would stay "exchanging").
local SECONDS = tonumber(os.getenv("SIGNUP_BENCH_SECONDS") or "0")
local CODES = os.getenv("SIGNUP_BENCH_CODES") or error("SIGNUP_BENCH_CODES: the file of issued codes")

local thread_count = 0
function setup(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
end

local bodies, counter, interval, next_slot, last_start = {}, 0, nil, nil, math.huge
function init(args)
  interval = 1000 * THREADS / RATE
  if SECONDS > 1 then last_start = now_ms() + (SECONDS - 1) * 1000 end
  next_slot = now_ms() + interval * (thread_id or 0) / THREADS
  local line_no = 0
  for line in io.lines(CODES) do
    if line_no % THREADS == (thread_id or 0) then
      local code, waba, business, phone = line:match("^(%S+) (%S+) (%S+) (%S+)$")
      bodies[#bodies + 1] = string.format('{"code":"%s","waba_id":"%s","phone_number_id":"%s",'
        .. '"business_id":"%s","finish_type":"FINISH"}', code, waba, phone, business)
    end
    line_no = line_no + 1
  end
end

function delay()
  local now = now_ms()
  local slot = next_slot
  if slot < now then slot = now end
  if slot > last_start then return 60000 end
  next_slot = slot + interval
  return slot - now
end

function request()
  counter = counter + 1
  local body = bodies[counter] or '{"code":"","waba_id":"1","finish_type":"FINISH"}'
  return wrk.format("POST", "/v1/signups", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. API_KEY,
  }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("requests/s: %.1f, non-2xx: %d, socket errors: %d\n", summary.requests / (summary.duration / 1e6),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("client latency (Graph calls included) p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
