#!/usr/bin/env bash
# Runs the whole stack on this machine, no Docker: the embedded KRaft broker, the local PostgreSQL
# and every service built so far, wired together. Ctrl-C (or SIGTERM) stops everything cleanly.
#
#   ./run-local.sh             build, then start
#   ./run-local.sh --no-build  start what was built last
#
# Ports: KAFKA_PORT (9092), LINK_SERVICE_PORT (8081), WEBHOOK_INGEST_PORT (8082), TOKEN_SERVICE_PORT (8083).
# GRAPH_BASE_URL: the Graph API token-service calls (default Meta's; the sandbox will emulate it locally). State lives in .local/ (delete it to start afresh).
set -euo pipefail
cd "$(dirname "$0")"

KAFKA_PORT=${KAFKA_PORT:-9092}
LINK_SERVICE_PORT=${LINK_SERVICE_PORT:-8081}
WEBHOOK_INGEST_PORT=${WEBHOOK_INGEST_PORT:-8082}
TOKEN_SERVICE_PORT=${TOKEN_SERVICE_PORT:-8083}
GRAPH_BASE_URL=${GRAPH_BASE_URL:-https://graph.facebook.com}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
STATE_DIR=.local
LOG_DIR=$STATE_DIR/logs
DEMO_API_KEY=demo-api-key-change-me
DEMO_PARTNER_ID=demoPartner
DEMO_PLATFORM_SECRET=demo-platform-secret
DEMO_APP_SECRET=demo-app-secret
DEMO_VERIFY_TOKEN=demo-verify-token
export PGHOST PGPORT PGUSER

pids=()
stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo
    echo "Stopping ..."
    # Services first (they drain in-flight work), the broker last.
    for (( i=${#pids[@]}-1; i>=0; i-- )); do
      kill -TERM "${pids[$i]}" 2>/dev/null || true
      wait "${pids[$i]}" 2>/dev/null || true
    done
    echo "Stopped."
  fi
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

wait_for() { # name, command; up to 60 s
  local name=$1; shift
  for _ in $(seq 1 120); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$name did not come up; see $LOG_DIR" >&2
  exit 1
}

if [ "${1:-}" != "--no-build" ]; then
  echo "Building ..."
  ./mvnw -q -B -DskipTests package
fi

mkdir -p "$LOG_DIR"
scripts/ensure-postgres.sh
for db in link_service token_service; do
  if [ -z "$(psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    psql -q -d postgres -c "CREATE DATABASE $db"
  fi
done

echo "Starting Kafka (embedded KRaft) on 127.0.0.1:$KAFKA_PORT ..."
java -Xmx512m -cp "test-support/target/test-support-1.0.0-SNAPSHOT.jar:test-support/target/lib/*" \
  com.bsp.onboarding.testing.kafka.EmbeddedKafkaMain --port "$KAFKA_PORT" --data-dir "$STATE_DIR/kafka" \
  >"$LOG_DIR/kafka.log" 2>&1 &
pids+=($!)
wait_for Kafka grep -q "Kafka ready" "$LOG_DIR/kafka.log"

echo "Starting link-service on http://localhost:$LINK_SERVICE_PORT ..."
QUARKUS_HTTP_PORT=$LINK_SERVICE_PORT \
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
QUARKUS_DATASOURCE_USERNAME=$PGUSER \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/link_service \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/link_service \
LINK_PUBLIC_BASE_URL=http://localhost:$LINK_SERVICE_PORT \
LINK_HUBS_DEMO_PARTNER_ID=$DEMO_PARTNER_ID \
LINK_HUBS_DEMO_PLATFORM_SECRET=$DEMO_PLATFORM_SECRET \
LINK_HUBS_DEMO_PAYMENT_MODE=direct \
LINK_HUBS_DEMO_ALLOWED_REDIRECT_HOSTS=localhost \
LINK_HUBS_DEMO_API_KEY_SHA256=$(printf %s "$DEMO_API_KEY" | sha256sum | cut -d' ' -f1) \
  java -Xmx512m -jar link-service/target/quarkus-app/quarkus-run.jar >"$LOG_DIR/link-service.log" 2>&1 &
pids+=($!)
wait_for link-service curl -fsS "http://localhost:$LINK_SERVICE_PORT/q/health/ready"

echo "Starting webhook-ingest on http://localhost:$WEBHOOK_INGEST_PORT ..."
QUARKUS_HTTP_PORT=$WEBHOOK_INGEST_PORT \
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
INGEST_META_APP_SECRET=$DEMO_APP_SECRET \
INGEST_META_VERIFY_TOKEN=$DEMO_VERIFY_TOKEN \
INGEST_DIALOG360_DEMO_PARTNER_ID=$DEMO_PARTNER_ID \
INGEST_DIALOG360_DEMO_PLATFORM_SECRET=$DEMO_PLATFORM_SECRET \
  java -Xmx512m -jar webhook-ingest/target/quarkus-app/quarkus-run.jar >"$LOG_DIR/webhook-ingest.log" 2>&1 &
pids+=($!)
wait_for webhook-ingest curl -fsS "http://localhost:$WEBHOOK_INGEST_PORT/q/health/ready"

# Demo keys are made once and kept in .local, so tokens sealed in earlier runs stay readable.
[ -f "$STATE_DIR/token-keys.env" ] || {
  printf 'TOKEN_STORAGE_KEYS_KEYS_K1=%s\nTOKEN_TRANSPORT_KEYS_KEYS_T1=%s\n' \
    "$(head -c 32 /dev/urandom | base64)" "$(head -c 32 /dev/urandom | base64)" >"$STATE_DIR/token-keys.env"
  chmod 600 "$STATE_DIR/token-keys.env"
}
echo "Starting token-service on http://localhost:$TOKEN_SERVICE_PORT (Graph: $GRAPH_BASE_URL) ..."
( set -a; . "$STATE_DIR/token-keys.env"; set +a
  QUARKUS_HTTP_PORT=$TOKEN_SERVICE_PORT \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
  QUARKUS_DATASOURCE_USERNAME=$PGUSER \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/token_service \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/token_service \
  TOKEN_GRAPH_BASE_URL=$GRAPH_BASE_URL \
  TOKEN_GRAPH_APP_ID=demo-app-id TOKEN_GRAPH_APP_SECRET=$DEMO_APP_SECRET TOKEN_GRAPH_SYSTEM_USER_TOKEN=demo-system-user-token \
  TOKEN_HOSTED_CONFIG_ID=demo-config-id \
  TOKEN_HOSTED_PUBLIC_BASE_URL=http://localhost:$TOKEN_SERVICE_PORT \
  TOKEN_STORAGE_KEYS_CURRENT=k1 TOKEN_TRANSPORT_KEYS_CURRENT=t1 \
  TOKEN_HUBS_DEMO_API_KEY_SHA256=$(printf %s "$DEMO_API_KEY" | sha256sum | cut -d' ' -f1) \
  exec java -Xmx256m -jar token-service/target/quarkus-app/quarkus-run.jar ) >"$LOG_DIR/token-service.log" 2>&1 &
pids+=($!)
wait_for token-service curl -fsS "http://localhost:$TOKEN_SERVICE_PORT/q/health/ready"

cat <<INFO

The stack is up (logs in $LOG_DIR):
  Kafka          127.0.0.1:$KAFKA_PORT
  PostgreSQL     $PGHOST:$PGPORT (databases link_service, token_service)
  link-service   http://localhost:$LINK_SERVICE_PORT   OpenAPI: /q/openapi   health: /q/health   metrics: /q/metrics
  webhook-ingest http://localhost:$WEBHOOK_INGEST_PORT   POST /webhooks/meta (app secret $DEMO_APP_SECRET, verify token $DEMO_VERIFY_TOKEN)
                 POST /webhooks/360dialog/$DEMO_PARTNER_ID (platform secret $DEMO_PLATFORM_SECRET)
  token-service  http://localhost:$TOKEN_SERVICE_PORT   POST /v1/signups (API key $DEMO_API_KEY)

Demo hub "demo" (partner demoPartner, Direct Payment), API key: $DEMO_API_KEY
  curl -s -X POST http://localhost:$LINK_SERVICE_PORT/v1/links -H 'Authorization: Bearer $DEMO_API_KEY' \\
       -H 'Content-Type: application/json' -d '{"email":"owner@shop.example","lang":"en"}'

Press Ctrl-C to stop everything.
INFO
wait -n "${pids[@]}" || true
echo "A process of the stack exited on its own; stopping the rest (see $LOG_DIR)" >&2
exit 1
