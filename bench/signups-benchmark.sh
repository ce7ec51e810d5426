#!/usr/bin/env bash
# Benchmark: the time token-service adds to an Embedded Signup beyond its Graph calls, at 200 signups/s,
# with Graph emulated at zero latency by the sandbox (the project's provider emulator, module sandbox). Before
# each phase the script has the sandbox issue one Embedded Signup per request it will send (POST
# /_sandbox/codes {count}), long-lived (SANDBOX_CODE_TTL) so none expires, and writes them to a file
# submit-codes.lua splits between wrk's threads: every request carries a fresh valid code, used once. The
# service claims it, exchanges it, checks the token's scopes, seals the token twice (storage and transport
# keys) and commits the signup with its outbox event; the relay publishes to Kafka.
#
#   bench/signups-benchmark.sh            (needs the local stack's Kafka and PostgreSQL: ./run-local.sh)
#
# Environment: RATE (200), DURATION (60s), WARMUP (90s: at 200/s the JIT needs about that long before
# the tail settles; with 30 s the p99 is nearly twice as high), CONNECTIONS (16), PORT (8093), GRAPH_PORT (8099: the sandbox).
# The figure of record is signup_service_added_seconds, measured inside the service per request as its
# total handling time minus the time of its Graph calls; the client latency (Graph included) is shown too.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-200}
DURATION=${DURATION:-60s}
WARMUP=${WARMUP:-90s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-8093}
GRAPH_PORT=${GRAPH_PORT:-8099}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-9193}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
API_KEY=bench-api-key
APP_ID=bench-app APP_SECRET=bench-app-secret SYSTEM_USER_TOKEN=bench-system-user-token
LOGS=bench/signups/logs
mkdir -p "$LOGS"

command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
[ -f token-service/target/quarkus-app/quarkus-run.jar ] && [ -f sandbox/target/quarkus-app/quarkus-run.jar ] ||
  ./mvnw -q -B -pl token-service,sandbox -am package -DskipTests
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_open 9092 || { echo "Kafka is not up on 127.0.0.1:9092: start the local stack (./run-local.sh)" >&2; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Codes outlive the whole run; PARTNER_ADDED webhooks go to a closed port, tried once (no webhook-ingest here).
QUARKUS_HTTP_PORT=$GRAPH_PORT \
SANDBOX_META_APP_ID=$APP_ID SANDBOX_META_APP_SECRET=$APP_SECRET SANDBOX_META_SYSTEM_USER_TOKEN=$SYSTEM_USER_TOKEN \
SANDBOX_CODE_TTL=1h \
SANDBOX_META_WEBHOOK_URL=http://127.0.0.1:9/webhooks/meta SANDBOX_WEBHOOKS_MAX_ATTEMPTS=1 \
  java -Xmx512m -jar sandbox/target/quarkus-app/quarkus-run.jar >"$LOGS/graph.log" 2>&1 &
pids+=($!)

psql -h "$PGHOST" -U "$PGUSER" -q -d postgres -c "DROP DATABASE IF EXISTS token_service_bench WITH (FORCE)" -c "CREATE DATABASE token_service_bench"
key() { head -c 32 /dev/urandom | base64; }
QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT RATE_LIMIT_ENABLED=false \
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 \
QUARKUS_DATASOURCE_USERNAME=$PGUSER \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:5432/token_service_bench \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:5432/token_service_bench \
TOKEN_GRAPH_BASE_URL=http://127.0.0.1:$GRAPH_PORT/graph \
TOKEN_GRAPH_APP_ID=$APP_ID TOKEN_GRAPH_APP_SECRET=$APP_SECRET TOKEN_GRAPH_SYSTEM_USER_TOKEN=$SYSTEM_USER_TOKEN \
TOKEN_STORAGE_KEYS_CURRENT=k1 TOKEN_STORAGE_KEYS_KEYS_K1=$(key) \
TOKEN_TRANSPORT_KEYS_CURRENT=t1 TOKEN_TRANSPORT_KEYS_KEYS_T1=$(key) \
TOKEN_HOSTED_CONFIG_ID=bench-config \
TOKEN_HUBS_BENCH_API_KEY_SHA256=$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1) \
  java -Xmx256m -jar token-service/target/quarkus-app/quarkus-run.jar >"$LOGS/token-service.log" 2>&1 &
pids+=($!)
service_pid=$!
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$GRAPH_PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS -X POST "http://127.0.0.1:$GRAPH_PORT/_sandbox/latency" -d '{"millis":0}' >/dev/null

seconds() { # 90s, 2m, 1h -> seconds
  case $1 in *h) echo $(( ${1%h} * 3600 ));; *m) echo $(( ${1%m} * 60 ));; *s) echo "${1%s}";; *) echo "$1";; esac
}
issue_codes() { # issue_codes <how many> <file>: one signup a line, "code waba_id business_id phone_number_id"
  local left=$1 n
  : >"$2"
  while [ "$left" -gt 0 ]; do
    n=$(( left < 100000 ? left : 100000 ))
    curl -fsS -X POST "http://127.0.0.1:$GRAPH_PORT/_sandbox/codes" -d "{\"count\":$n}" |
      jq -r '.[] | "\(.code) \(.waba_id) \(.business_id) \(.phone_number_id)"' >>"$2"
    left=$(( left - n ))
  done
}
run() { # run <duration> <label>: as many codes as the rate asks for, plus a tenth and some
  local codes=$LOGS/codes-$2.txt
  issue_codes $(( RATE * $(seconds "$1") * 11 / 10 + 100 )) "$codes"
  SIGNUP_BENCH_SECONDS=$(seconds "$1") SIGNUP_BENCH_RATE=$RATE SIGNUP_BENCH_API_KEY=$API_KEY SIGNUP_BENCH_CODES=$codes \
    wrk -t2 -c"$CONNECTIONS" -d"$1" --latency -s bench/signups/submit-codes.lua "http://127.0.0.1:$PORT"
}
echo "Warm-up ($WARMUP at $RATE/s) ..."
run "$WARMUP" warmup >/dev/null
# The service's timers report percentiles over the last 30 to 60 s, so reading them right after the
# measured run leaves the warm-up out.
echo "Measuring ($DURATION at $RATE/s, $CONNECTIONS connections) ..."
run "$DURATION" measure | tee "$LOGS/last-run.txt" | grep -E 'requests/s|client latency'
metrics=$(curl -fsS "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics")
q() { awk -v name="$1" -v qt="$2" '$1 == name "{quantile=\"" qt "\",}" || $1 == name "{quantile=\"" qt "\"}" { printf "%.2f", $2 * 1000 }' <<<"$metrics"; }
echo "service-added time (total minus Graph), last window: p50 $(q signup_service_added_seconds 0.5) ms," \
     "p90 $(q signup_service_added_seconds 0.9) ms, p99 $(q signup_service_added_seconds 0.99) ms"
echo "Graph calls (sandbox, zero latency): p50 $(q signup_graph_seconds 0.5) ms, p99 $(q signup_graph_seconds 0.99) ms"
sleep 2  # let the requests still in flight when wrk stopped finish
echo "signups completed: $(psql -h "$PGHOST" -U "$PGUSER" -tAq -d token_service_bench -c "SELECT count(*) FROM signups WHERE status = 'completed'")," \
     "not completed: $(psql -h "$PGHOST" -U "$PGUSER" -tAq -d token_service_bench -c "SELECT count(*) FROM signups WHERE status <> 'completed'")"
sleep 3
echo "outbox events pending: $(psql -h "$PGHOST" -U "$PGUSER" -tAq -d token_service_bench -c "SELECT count(*) FROM outbox_events")"
echo "token-service resident memory: $(( $(awk '/VmRSS/ {print $2}' /proc/$service_pid/status) / 1024 )) MiB"
