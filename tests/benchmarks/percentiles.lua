-- wrk reporter: one "name value" line per figure, for run.py to read.
-- Latencies are in microseconds; errors.status counts answers other than 2xx and 3xx.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format("result requests %d\n", summary.requests))
  io.write(string.format("result requests_per_second %.2f\n", summary.requests / seconds))
  io.write(string.format("result p50 %d\n", latency:percentile(50)))
  io.write(string.format("result p95 %d\n", latency:percentile(95)))
  io.write(string.format("result p99 %d\n", latency:percentile(99)))
  io.write(string.format("result non_2xx_3xx %d\n", summary.errors.status))
  io.write(string.format("result timeouts %d\n", summary.errors.timeout))
  local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write
  io.write(string.format("result socket_errors %d\n", socket_errors))
end
