#!/usr/bin/env bash
# Benchmark: persisted link issuing at concurrency 32. Each request validates, takes the partner's next
# signature second, signs, and commits the link with its outbox event; the relay publishes the events to
# Kafka (acks=all) meanwhile, as in production.
#
#   bench/links-benchmark.sh [duration, default 30s]     (needs the local stack's Kafka and PostgreSQL: ./run-local.sh)
#
# The script starts a link-service instance of its own (the packaged jar, -Xmx384m as in the stack) on PORT
# (8091) against a fresh link_service_bench database and the stack's Kafka, because it needs one setting the
# stack's instance must not have: LINK_SIGNATURE_MAX_LEAD=P30D. Every link of a partner takes a second of
# its own (360Dialog accepts an IO signature once, and it covers only partner and second), and a partner's
# clock may run only link.signature-max-lead (10 min) ahead, then POST /v1/links answers 429: at thousands
# of links/s every bench hub would be refused within seconds. The figure of record is the service's own
# latency and throughput, so the lead is lifted here, and only here.
#
# HUBS (64) hubs, each its own partner, share the load in turn, as many partners do in production (each
# gets one link per second on average); HUBS=1 is the worst case, every request through one clock row.
#
# WARMUP (default 60s) runs the same load first, unmeasured: the JIT needs about a minute of this load
# on 2 cores before latency settles (measured right after start-up, p99 is about twice as high).
#
# Needs wrk (Debian package "wrk"; installed here if missing and we are root).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30s}
WARMUP=${WARMUP:-60s}
PORT=${PORT:-8091}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
KAFKA=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}
CONNECTIONS=32
URL=http://127.0.0.1:$PORT
MANAGEMENT_PORT=${MANAGEMENT_PORT:-9191}
MANAGEMENT_URL=http://127.0.0.1:$MANAGEMENT_PORT
DB=link_service_bench
HUBS=${HUBS:-64}
export HUBS  # read by bench/issue-links.lua

command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
[ -f link-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B -pl link-service -am package -DskipTests
(exec 3<>"/dev/tcp/${KAFKA%:*}/${KAFKA##*:}") 2>/dev/null \
  || { echo "Kafka is not up on $KAFKA: start the local stack (./run-local.sh)" >&2; exit 1; }
sql() { psql -h "$PGHOST" -U "$PGUSER" -tAq -d "$DB" -c "$1"; }

pid=
cleanup() { [ -z "$pid" ] || { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; }
trap cleanup EXIT

hubs=()
for i in $(seq 1 "$HUBS"); do
  hubs+=("LINK_HUBS_BENCH$i""_PARTNER_ID=benchPartner$i" "LINK_HUBS_BENCH$i""_PLATFORM_SECRET=bench-platform-secret-$i"
         "LINK_HUBS_BENCH$i""_API_KEY_SHA256=$(printf %s "bench-api-key-$i" | sha256sum | cut -d' ' -f1)")
done
psql -h "$PGHOST" -U "$PGUSER" -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
# The progress consumers get a group of their own, reading only new records: in the stack's group they
# would take partitions from the stack's link-service.
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT RATE_LIMIT_ENABLED=false \
KAFKA_BOOTSTRAP_SERVERS=$KAFKA \
QUARKUS_DATASOURCE_USERNAME=$PGUSER \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:5432/$DB \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:5432/$DB \
LINK_PUBLIC_BASE_URL=$URL \
LINK_SIGNATURE_MAX_LEAD=P30D \
  env "${hubs[@]}" java -Xmx384m \
    -Dmp.messaging.incoming.dialog360-webhook-events-in.group.id=link-service-bench \
    -Dmp.messaging.incoming.dialog360-webhook-events-in.auto.offset.reset=latest \
    -Dmp.messaging.incoming.provisioning-events-in.group.id=link-service-bench \
    -Dmp.messaging.incoming.provisioning-events-in.auto.offset.reset=latest \
    -jar link-service/target/quarkus-app/quarkus-run.jar >/tmp/links-benchmark-service.log 2>&1 &
pid=$!
for _ in $(seq 1 90); do curl -fsS "$MANAGEMENT_URL/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "$MANAGEMENT_URL/q/health/ready" >/dev/null || { echo "link-service did not start; see /tmp/links-benchmark-service.log" >&2; exit 1; }

echo "Warm-up ($WARMUP) ..."
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/issue-links.lua "$URL/v1/links" >/dev/null
before=$(sql "SELECT count(*) FROM links")

echo "Measuring ($DURATION, $CONNECTIONS connections) ..."
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/issue-links.lua "$URL/v1/links" | tee /tmp/links-benchmark.txt

sleep 1  # let the requests still in flight when wrk stopped finish
after=$(sql "SELECT count(*) FROM links")
echo "links persisted during the measurement: $((after - before))"
echo "links sharing a partner's io_timestamp second with an earlier one: $(sql "SELECT count(*) - count(DISTINCT (partner_id, io_timestamp)) FROM links")"
for _ in $(seq 1 30); do
  pending=$(sql "SELECT count(*) FROM outbox_events")
  [ "$pending" = 0 ] && break
  sleep 1
done
echo "outbox events still pending 30 s after the run: $pending"
echo "link-service resident memory: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MiB (peak $(( $(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024 )) MiB)"
