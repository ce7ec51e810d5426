#!/usr/bin/env bash
# Benchmark: persisted link issuing at concurrency 32 against the running local stack
# (start it first with ./run-local.sh). Each request validates, signs, and commits the link with its
# outbox event; the relay publishes the events to Kafka (acks=all) meanwhile, as in production.
#
#   bench/links-benchmark.sh [duration, default 30s]
#
# WARMUP (default 60s) runs the same load first, unmeasured: the JIT needs about a minute of this load
# on 2 cores before latency settles (measured right after start-up, p99 is about twice as high).
#
# Needs wrk (Debian package "wrk"; installed here if missing and we are root).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30s}
WARMUP=${WARMUP:-60s}
URL=${LINK_SERVICE_URL:-http://localhost:8081}
CONNECTIONS=32

if ! command -v wrk >/dev/null; then
  apt-get install -y -qq wrk >/dev/null
fi
curl -fsS "$URL/q/health/ready" >/dev/null || { echo "link-service is not up at $URL (./run-local.sh)" >&2; exit 1; }
pid=$(pgrep -f 'link-service/target/quarkus-app/quarkus-run.jar' | head -n 1 || true)

echo "Warm-up ($WARMUP) ..."
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/issue-links.lua "$URL/v1/links" >/dev/null
before=$(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -tAq -d link_service -c "SELECT count(*) FROM links")

echo "Measuring ($DURATION, $CONNECTIONS connections) ..."
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/issue-links.lua "$URL/v1/links" | tee /tmp/links-benchmark.txt

after=$(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -tAq -d link_service -c "SELECT count(*) FROM links")
echo "links persisted during the measurement: $((after - before))"
for _ in $(seq 1 30); do
  pending=$(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -tAq -d link_service -c "SELECT count(*) FROM outbox_events")
  [ "$pending" = 0 ] && break
  sleep 1
done
echo "outbox events still pending 30 s after the run: $pending"
if [ -n "$pid" ]; then
  echo "link-service resident memory: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MiB (peak $(( $(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024 )) MiB)"
fi
