-- wrk script for bench/web_load.sh: prints one line for the shell script to parse, latencies in
-- microseconds:
--
--   web_load: requests=N duration_us=N bytes=N p50_us=N p90_us=N p99_us=N max_us=N
--             connect=N read=N write=N timeout=N status=N non2xx=N first_non2xx=N strict=0|1
--
-- wrk itself counts only statuses of 400 and above (`status`). With WEB_LOAD_STRICT=1 in the
-- environment every response's status is checked, so a 3xx (a 303 to /login: the session was
-- refused) counts too (`non2xx`). That costs wrk a buffer of every body (a quarter of the rate
-- of the 120 KB stylesheet on 2 cores shared with the server), so it is off for timed runs;
-- without it `non2xx` is wrk's `status`.

local threads = {}
local strict = os.getenv("WEB_LOAD_STRICT") == "1"

function setup(thread)
    table.insert(threads, thread)
end

if strict then
    function init(args)
        non2xx = 0
        first_non2xx = 0
    end

    function response(status, headers, body)
        if status < 200 or status > 299 then
            non2xx = non2xx + 1
            if first_non2xx == 0 then first_non2xx = status end
        end
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    local bad, first = e.status, 0
    if strict then
        bad = 0
        for _, t in ipairs(threads) do
            bad = bad + (t:get("non2xx") or 0)
            if first == 0 then first = t:get("first_non2xx") or 0 end
        end
    end
    io.write(string.format(
        "web_load: requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
        "connect=%d read=%d write=%d timeout=%d status=%d non2xx=%d first_non2xx=%d strict=%d\n",
        summary.requests, summary.duration, summary.bytes,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        e.connect, e.read, e.write, e.timeout, e.status, bad, first, strict and 1 or 0))
end
