#!/usr/bin/env bash
# Runs the whole stack on this machine, no Docker: the embedded KRaft broker, the local PostgreSQL
# and every service built so far, wired together. Ctrl-C (or SIGTERM) stops everything cleanly.
#
#   ./run-local.sh             build, then start
#   ./run-local.sh --no-build  start what was built last
#
# Ports: KAFKA_PORT (9092), LINK_SERVICE_PORT (8081), WEBHOOK_INGEST_PORT (8082), TOKEN_SERVICE_PORT (8083),
# WABA_PROVISIONER_PORT (8084), PROVIDER_EMULATOR_PORT (8099).
# GRAPH_BASE_URL: the Graph API token-service calls (default Meta's; the sandbox will emulate it locally).
# PROVIDER_URL: where waba-provisioner finds Graph ($PROVIDER_URL), 360Dialog's Partner API ($PROVIDER_URL/api/v2)
# and messaging API ($PROVIDER_URL). By default the provider emulator of test-support is started for it.
# State lives in .local/ (delete it to start afresh).
set -euo pipefail
cd "$(dirname "$0")"

KAFKA_PORT=${KAFKA_PORT:-9092}
LINK_SERVICE_PORT=${LINK_SERVICE_PORT:-8081}
WEBHOOK_INGEST_PORT=${WEBHOOK_INGEST_PORT:-8082}
TOKEN_SERVICE_PORT=${TOKEN_SERVICE_PORT:-8083}
WABA_PROVISIONER_PORT=${WABA_PROVISIONER_PORT:-8084}
PROVIDER_EMULATOR_PORT=${PROVIDER_EMULATOR_PORT:-8099}
START_EMULATOR=$([ -z "${PROVIDER_URL:-}" ] && echo yes || echo no)
PROVIDER_URL=${PROVIDER_URL:-http://127.0.0.1:$PROVIDER_EMULATOR_PORT}
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
DEMO_CHANNEL_AUTH=demo-channel-auth
DEMO_PARTNER_API_KEY=demo-partner-api-key
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
for db in link_service token_service waba_provisioner; do
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

if [ "$START_EMULATOR" = yes ]; then
  echo "Starting the provider emulator (Graph, 360Dialog Partner and messaging APIs) on $PROVIDER_URL ..."
  java -Xmx128m -cp "test-support/target/test-support-1.0.0-SNAPSHOT.jar:test-support/target/lib/*" \
    com.bsp.onboarding.testing.emulator.ProviderEmulator "$PROVIDER_EMULATOR_PORT" 0 \
    >"$LOG_DIR/provider-emulator.log" 2>&1 &
  pids+=($!)
  wait_for "provider emulator" grep -q "Provider emulator on" "$LOG_DIR/provider-emulator.log"
fi

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
INGEST_DIALOG360_DEMO_CHANNEL_AUTH_VALUE=$DEMO_CHANNEL_AUTH \
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

# Its own storage keys, made once like token-service's; its transport key is token-service's.
[ -f "$STATE_DIR/provisioner-keys.env" ] || {
  printf 'PROVISIONER_STORAGE_KEYS_KEYS_K1=%s\n' "$(head -c 32 /dev/urandom | base64)" >"$STATE_DIR/provisioner-keys.env"
  chmod 600 "$STATE_DIR/provisioner-keys.env"
}
echo "Starting waba-provisioner on http://localhost:$WABA_PROVISIONER_PORT (Graph and 360Dialog: $PROVIDER_URL) ..."
( . "$STATE_DIR/token-keys.env"  # not exported: only the transport key is passed on
  set -a; . "$STATE_DIR/provisioner-keys.env"; set +a
  QUARKUS_HTTP_PORT=$WABA_PROVISIONER_PORT \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
  QUARKUS_DATASOURCE_USERNAME=$PGUSER \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/waba_provisioner \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/waba_provisioner \
  PROVISIONER_META_BASE_URL=$PROVIDER_URL \
  PROVISIONER_META_APP_ID=emulated-app PROVISIONER_META_SYSTEM_USER_TOKEN=demo-system-user-token \
  PROVISIONER_META_CREDIT_LINE_ID=credit-line-1 \
  PROVISIONER_DIALOG360_PARTNER_API_URL=$PROVIDER_URL/api/v2 \
  PROVISIONER_DIALOG360_MESSAGING_API_URL=$PROVIDER_URL \
  PROVISIONER_STORAGE_KEYS_CURRENT=k1 \
  PROVISIONER_TRANSPORT_KEYS_CURRENT=t1 PROVISIONER_TRANSPORT_KEYS_KEYS_T1=$TOKEN_TRANSPORT_KEYS_KEYS_T1 \
  PROVISIONER_HUBS_DEMO_PARTNER_ID=$DEMO_PARTNER_ID \
  PROVISIONER_HUBS_DEMO_PARTNER_API_KEY=$DEMO_PARTNER_API_KEY \
  PROVISIONER_HUBS_DEMO_PAYMENT_MODE=direct \
  PROVISIONER_HUBS_DEMO_CHANNEL_WEBHOOK_URL="http://localhost:$WEBHOOK_INGEST_PORT/webhooks/360dialog/{partnerId}/channels/{channelId}" \
  PROVISIONER_HUBS_DEMO_CHANNEL_WEBHOOK_SECRET=$DEMO_CHANNEL_AUTH \
  exec java -Xmx256m -jar waba-provisioner/target/quarkus-app/quarkus-run.jar ) >"$LOG_DIR/waba-provisioner.log" 2>&1 &
pids+=($!)
wait_for waba-provisioner curl -fsS "http://localhost:$WABA_PROVISIONER_PORT/q/health/ready"

providers="the Graph and 360Dialog APIs waba-provisioner calls"
[ "$START_EMULATOR" = yes ] && providers="provider emulator: $providers"
cat <<INFO

The stack is up (logs in $LOG_DIR):
  Kafka            127.0.0.1:$KAFKA_PORT
  PostgreSQL       $PGHOST:$PGPORT (databases link_service, token_service, waba_provisioner)
  link-service     http://localhost:$LINK_SERVICE_PORT   OpenAPI: /q/openapi   health: /q/health   metrics: /q/metrics
  webhook-ingest   http://localhost:$WEBHOOK_INGEST_PORT   POST /webhooks/meta (app secret $DEMO_APP_SECRET, verify token $DEMO_VERIFY_TOKEN)
                   POST /webhooks/360dialog/$DEMO_PARTNER_ID (platform secret $DEMO_PLATFORM_SECRET)
                   POST /webhooks/360dialog/$DEMO_PARTNER_ID/channels/{channelId} (header X-Channel-Auth: $DEMO_CHANNEL_AUTH)
  token-service    http://localhost:$TOKEN_SERVICE_PORT   POST /v1/signups (API key $DEMO_API_KEY)
  waba-provisioner http://localhost:$WABA_PROVISIONER_PORT   ops API (internal, no key): GET /v1/wabas?status=failed, GET /v1/wabas/{wabaId}
  provider APIs    $PROVIDER_URL   ($providers)

Demo hub "demo" (partner demoPartner, Direct Payment), API key: $DEMO_API_KEY
  curl -s -X POST http://localhost:$LINK_SERVICE_PORT/v1/links -H 'Authorization: Bearer $DEMO_API_KEY' \\
       -H 'Content-Type: application/json' -d '{"email":"owner@shop.example","lang":"en"}'

Press Ctrl-C to stop everything.
INFO
wait -n "${pids[@]}" || true
echo "A process of the stack exited on its own; stopping the rest (see $LOG_DIR)" >&2
exit 1
