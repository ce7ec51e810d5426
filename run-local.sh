#!/usr/bin/env bash
# Runs the whole stack on this machine, no Docker: the embedded KRaft broker, the local PostgreSQL, the
# sandbox (Meta and 360Dialog emulated) and the five services, wired together. Ctrl-C (or SIGTERM) stops
# everything cleanly: the services first, then the sandbox, then Kafka.
#
#   ./run-local.sh             build, then start
#   ./run-local.sh --no-build  start what was built last
#
# Then, in another terminal, ./demo.sh drives both onboarding routes through it.
#
# Ports: KAFKA_PORT (9092), LINK_SERVICE_PORT (8081), WEBHOOK_INGEST_PORT (8082), TOKEN_SERVICE_PORT (8083),
# WABA_PROVISIONER_PORT (8084), PARTNER_WEBHOOKS_PORT (8085), SANDBOX_PORT (8090). Each service's management
# interface (health, metrics, OpenAPI): LINK_SERVICE_MANAGEMENT_PORT (9181), WEBHOOK_INGEST_MANAGEMENT_PORT (9182),
# TOKEN_SERVICE_MANAGEMENT_PORT (9183), WABA_PROVISIONER_MANAGEMENT_PORT (9184), PARTNER_WEBHOOKS_MANAGEMENT_PORT
# (9185). waba-provisioner's ops API wants the key DEMO_OPS_KEY (below); the credential hand-off (a channel's
# API key, a Tech Provider's business token) wants DEMO_CREDENTIALS_KEY.
# partner-webhooks delivers to plain-HTTP endpoints on this machine here (the sandbox's /partner-receiver):
# production refuses both.
# PROVIDERS: `sandbox` (default) starts the sandbox and points every service at it; `real` starts no sandbox
# and leaves the services on Meta's and 360Dialog's real URLs (the demo credentials below are not real ones,
# so provider calls fail there unless you override them).
# GRAPH_BASE_URL: the Graph API token-service and waba-provisioner call (default: the sandbox's /graph, or
# https://graph.facebook.com with PROVIDERS=real).
# READY_TIMEOUT: seconds to wait for each process to become ready (default 180).
# State lives in .local/ (delete it to start afresh); logs in .local/logs/.
set -euo pipefail
cd "$(dirname "$0")"

KAFKA_PORT=${KAFKA_PORT:-9092}
LINK_SERVICE_PORT=${LINK_SERVICE_PORT:-8081}
WEBHOOK_INGEST_PORT=${WEBHOOK_INGEST_PORT:-8082}
TOKEN_SERVICE_PORT=${TOKEN_SERVICE_PORT:-8083}
WABA_PROVISIONER_PORT=${WABA_PROVISIONER_PORT:-8084}
PARTNER_WEBHOOKS_PORT=${PARTNER_WEBHOOKS_PORT:-8085}
SANDBOX_PORT=${SANDBOX_PORT:-8090}
LINK_SERVICE_MANAGEMENT_PORT=${LINK_SERVICE_MANAGEMENT_PORT:-9181}
WEBHOOK_INGEST_MANAGEMENT_PORT=${WEBHOOK_INGEST_MANAGEMENT_PORT:-9182}
TOKEN_SERVICE_MANAGEMENT_PORT=${TOKEN_SERVICE_MANAGEMENT_PORT:-9183}
WABA_PROVISIONER_MANAGEMENT_PORT=${WABA_PROVISIONER_MANAGEMENT_PORT:-9184}
PARTNER_WEBHOOKS_MANAGEMENT_PORT=${PARTNER_WEBHOOKS_MANAGEMENT_PORT:-9185}
PROVIDERS=${PROVIDERS:-sandbox}
READY_TIMEOUT=${READY_TIMEOUT:-180}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

case "$PROVIDERS" in
  sandbox) SANDBOX_URL=http://localhost:$SANDBOX_PORT
           GRAPH_BASE_URL=${GRAPH_BASE_URL:-$SANDBOX_URL/graph} ;;
  real)    SANDBOX_URL=
           GRAPH_BASE_URL=${GRAPH_BASE_URL:-https://graph.facebook.com} ;;
  *)       echo "PROVIDERS must be 'sandbox' or 'real', not '$PROVIDERS'" >&2; exit 2 ;;
esac
case "${1:-}" in
  ""|--no-build) ;;
  *) echo "usage: $0 [--no-build]" >&2; exit 2 ;;
esac

STATE_DIR=.local
LOG_DIR=$STATE_DIR/logs
INGEST_URL=http://localhost:$WEBHOOK_INGEST_PORT
# The demo's settings. The sandbox is configured with the same ones (its app is the services' Meta app).
DEMO_API_KEY=demo-api-key-change-me
DEMO_API_KEY_SHA256=$(printf %s "$DEMO_API_KEY" | sha256sum | cut -d' ' -f1)
DEMO_OPS_KEY=demo-ops-key-change-me
DEMO_OPS_KEY_SHA256=$(printf %s "$DEMO_OPS_KEY" | sha256sum | cut -d' ' -f1)
# The hub's second key, with the credentials permission only (channel API keys, business tokens): the ordinary
# DEMO_API_KEY is refused there.
DEMO_CREDENTIALS_KEY=demo-credentials-key-change-me
DEMO_CREDENTIALS_KEY_SHA256=$(printf %s "$DEMO_CREDENTIALS_KEY" | sha256sum | cut -d' ' -f1)
DEMO_PARTNER_ID=demoPartner
DEMO_PLATFORM_SECRET=demo-platform-secret
DEMO_APP_ID=demo-app-id
DEMO_APP_SECRET=demo-app-secret
DEMO_SYSTEM_USER_TOKEN=demo-system-user-token
DEMO_VERIFY_TOKEN=demo-verify-token
DEMO_CHANNEL_AUTH_KEY=demo-channel-auth-key
DEMO_PARTNER_API_KEY=demo-partner-api-key
DEMO_CREDIT_LINE_ID=credit-line-1
DEMO_CONFIG_ID=demo-config-id
KAFKA_CP="dev-stack/target/dev-stack-1.0.0-SNAPSHOT.jar:dev-stack/target/lib/*"

pids=()
names=()
pid_of() { local i; for i in "${!names[@]}"; do [ "${names[$i]}" = "$1" ] && echo "${pids[$i]}"; done; return 0; }

# stop_group <name...>: SIGTERM to each, then waits for all of them (up to 30 s, then SIGKILL).
stop_group() {
  local name pid running=() stopped=()
  for name; do
    pid=$(pid_of "$name")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      running+=("$name")
    fi
  done
  [ ${#running[@]} -gt 0 ] || return 0
  local deadline=$((SECONDS + 30)) alive
  while :; do
    alive=no
    for name in "${running[@]}"; do kill -0 "$(pid_of "$name")" 2>/dev/null && alive=yes; done
    [ "$alive" = no ] && break
    if [ $SECONDS -ge $deadline ]; then
      for name in "${running[@]}"; do
        pid=$(pid_of "$name")
        kill -0 "$pid" 2>/dev/null && { echo "  $name did not stop within 30 s; killing it" >&2; kill -KILL "$pid" 2>/dev/null || true; }
      done
      break
    fi
    sleep 0.3
  done
  for name in "${running[@]}"; do wait "$(pid_of "$name")" 2>/dev/null || true; stopped+=("$name"); done
  echo "  stopped: ${stopped[*]}"
}
stopping=no
stop_all() {
  trap '' INT TERM HUP  # a second Ctrl-C does not cut the clean stop short (it takes at most 30 s per step)
  trap - EXIT
  [ "$stopping" = yes ] && return 0
  stopping=yes
  [ ${#pids[@]} -gt 0 ] || return 0
  echo
  echo "Stopping ..."
  # The services first (they drain in-flight work and their outbox), then the sandbox, Kafka last.
  stop_group partner-webhooks waba-provisioner token-service webhook-ingest link-service
  stop_group sandbox
  stop_group kafka
  echo "Stopped."
}
trap 'stop_all; exit 0' INT TERM HUP
trap stop_all EXIT

# start <name> [NAME=value ...] -- <java arguments>: starts a process in the background, output in its log.
# Each one gets a process group of its own (set -m), so a signal to this script's group (Ctrl-C, or kill of
# the group) reaches only this script, which then stops everything in order.
start() {
  local name=$1; shift
  local vars=()
  while [ "$1" != -- ]; do vars+=("$1"); shift; done
  shift
  set -m
  env "${vars[@]}" java "$@" >"$LOG_DIR/$name.log" 2>&1 &
  local pid=$!
  set +m
  pids+=("$pid")
  names+=("$name")
}

# await <name> <command...>: until the command succeeds; fails at once if the process exited.
await() {
  local name=$1; shift
  local pid; pid=$(pid_of "$name")
  local deadline=$((SECONDS + READY_TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during start-up; from $LOG_DIR/$name.log:" >&2
      { grep -m 5 -E '^Caused by:|^[0-9: ,-]+ERROR|^[A-Za-z.]*(Exception|Error):' "$LOG_DIR/$name.log" \
        || tail -n 15 "$LOG_DIR/$name.log"; } | cut -c1-400 >&2 || true
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "$name was not ready within ${READY_TIMEOUT}s; see $LOG_DIR/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "  $name ready"
}
ready() { curl -fsS -o /dev/null "$1/q/health/ready"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=("$KAFKA_PORT" "$LINK_SERVICE_PORT" "$WEBHOOK_INGEST_PORT" "$TOKEN_SERVICE_PORT" "$WABA_PROVISIONER_PORT"
  "$PARTNER_WEBHOOKS_PORT" "$LINK_SERVICE_MANAGEMENT_PORT" "$WEBHOOK_INGEST_MANAGEMENT_PORT" "$TOKEN_SERVICE_MANAGEMENT_PORT"
  "$WABA_PROVISIONER_MANAGEMENT_PORT" "$PARTNER_WEBHOOKS_MANAGEMENT_PORT")
[ "$PROVIDERS" = sandbox ] && ports+=("$SANDBOX_PORT")
for port in "${ports[@]}"; do
  if port_in_use "$port"; then
    echo "Port $port is already in use (another ./run-local.sh?). Stop what listens there, or set the *_PORT variables." >&2
    exit 1
  fi
done

if [ "${1:-}" != "--no-build" ]; then
  echo "Building (the five services, the sandbox, dev-stack) ..."
  # Only what the stack runs: deploy-checks and e2e-tests would fetch their test tools (kubectl, Chromium).
  ./mvnw -q -B -DskipTests package -pl link-service,webhook-ingest,token-service,waba-provisioner,partner-webhooks,sandbox,dev-stack -am
fi
for jar in link-service webhook-ingest token-service waba-provisioner partner-webhooks sandbox; do
  if [ ! -f "$jar/target/quarkus-app/quarkus-run.jar" ]; then
    echo "$jar/target/quarkus-app/quarkus-run.jar is missing: run ./run-local.sh without --no-build" >&2
    exit 1
  fi
done

mkdir -p "$LOG_DIR"
scripts/ensure-postgres.sh
for db in link_service token_service waba_provisioner partner_webhooks; do
  if [ -n "$(psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    # A local database migrated before the outbox and inbox tables moved to the eventing module (its
    # migrations are versions 0.x) has a history Flyway refuses; it holds demo data only, so start it anew.
    if [ -n "$(psql -tAq -d "$db" -c "SELECT 1 FROM pg_tables WHERE tablename = 'flyway_schema_history'")" ] &&
       [ -z "$(psql -tAq -d "$db" -c "SELECT 1 FROM flyway_schema_history WHERE version = '0.1'")" ]; then
      echo "Recreating $db: it was migrated before the eventing module's tables (local demo data only)"
      psql -q -d postgres -c "DROP DATABASE $db WITH (FORCE)"
    fi
  fi
  if [ -z "$(psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    psql -q -d postgres -c "CREATE DATABASE $db"
  fi
done

# Demo keys are made once and kept in .local, so what earlier runs sealed stays readable.
[ -f "$STATE_DIR/token-keys.env" ] || {
  printf 'TOKEN_STORAGE_KEYS_KEYS_K1=%s\nTOKEN_TRANSPORT_KEYS_KEYS_T1=%s\n' \
    "$(head -c 32 /dev/urandom | base64)" "$(head -c 32 /dev/urandom | base64)" >"$STATE_DIR/token-keys.env"
  chmod 600 "$STATE_DIR/token-keys.env"
}
[ -f "$STATE_DIR/provisioner-keys.env" ] || {
  printf 'PROVISIONER_STORAGE_KEYS_KEYS_K1=%s\n' "$(head -c 32 /dev/urandom | base64)" >"$STATE_DIR/provisioner-keys.env"
  chmod 600 "$STATE_DIR/provisioner-keys.env"
}
# Seals the registered endpoints' signing secrets: kept, so endpoints registered by earlier runs still sign.
[ -f "$STATE_DIR/partner-webhooks-keys.env" ] || {
  printf 'PARTNER_WEBHOOKS_STORAGE_KEYS_KEYS_K1=%s\n' "$(head -c 32 /dev/urandom | base64)" >"$STATE_DIR/partner-webhooks-keys.env"
  chmod 600 "$STATE_DIR/partner-webhooks-keys.env"
}
# Read into this script only (not exported): each service is given just its own keys.
. "$STATE_DIR/token-keys.env"
. "$STATE_DIR/provisioner-keys.env"
. "$STATE_DIR/partner-webhooks-keys.env"

echo "Starting Kafka (embedded KRaft) on 127.0.0.1:$KAFKA_PORT ..."
start kafka -- -Xmx512m -cp "$KAFKA_CP" com.bsp.onboarding.devstack.kafka.EmbeddedKafkaMain \
  --port "$KAFKA_PORT" --data-dir "$STATE_DIR/kafka"
await kafka grep -q "Kafka ready" "$LOG_DIR/kafka.log"

db_env() { # the service's database and Kafka
  echo "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT"
  echo "QUARKUS_DATASOURCE_USERNAME=$PGUSER"
  echo "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$PGHOST:$PGPORT/$1"
  echo "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$1"
}
mapfile -t link_db < <(db_env link_service)
mapfile -t token_db < <(db_env token_service)
mapfile -t provisioner_db < <(db_env waba_provisioner)
mapfile -t partner_webhooks_db < <(db_env partner_webhooks)

# Where the services find the providers: the sandbox, or (PROVIDERS=real) the services' own defaults.
link_providers=() token_providers=() provisioner_providers=()
if [ "$PROVIDERS" = sandbox ]; then
  link_providers=(
    "LINK_HUBS_DEMO_SIGNUP_BASE_URL=$SANDBOX_URL/hub/signup/{partnerId}"
    "LINK_HUBS_DEMO_PERMISSION_BASE_URL=$SANDBOX_URL/hub/permissions/{partnerId}")
  token_providers=(
    "TOKEN_HOSTED_SDK_URL=$SANDBOX_URL/sdk/sdk.js"
    "TOKEN_HOSTED_ALLOWED_MESSAGE_ORIGINS=facebook.com,localhost")
  provisioner_providers=(
    "PROVISIONER_DIALOG360_PARTNER_API_URL=$SANDBOX_URL/360dialog/partner/api/v2"
    "PROVISIONER_DIALOG360_MESSAGING_API_URL=$SANDBOX_URL/360dialog/messaging")
fi

if [ "$PROVIDERS" = sandbox ]; then
  echo "Starting the sandbox, link-service, webhook-ingest, token-service, waba-provisioner and partner-webhooks ..."
  start sandbox \
    QUARKUS_HTTP_PORT="$SANDBOX_PORT" \
    SANDBOX_META_APP_ID=$DEMO_APP_ID \
    SANDBOX_META_APP_SECRET=$DEMO_APP_SECRET \
    SANDBOX_META_SYSTEM_USER_TOKEN=$DEMO_SYSTEM_USER_TOKEN \
    SANDBOX_META_WEBHOOK_URL="$INGEST_URL/webhooks/meta" \
    SANDBOX_META_CREDIT_LINE_ID=$DEMO_CREDIT_LINE_ID \
    SANDBOX_HUBS_DEMO_PARTNER_ID=$DEMO_PARTNER_ID \
    SANDBOX_HUBS_DEMO_PLATFORM_SECRET=$DEMO_PLATFORM_SECRET \
    SANDBOX_HUBS_DEMO_WEBHOOK_URL="$INGEST_URL/webhooks/360dialog/$DEMO_PARTNER_ID" \
    -- -Xmx256m -jar sandbox/target/quarkus-app/quarkus-run.jar
else
  echo "Starting link-service, webhook-ingest, token-service, waba-provisioner and partner-webhooks (no sandbox: PROVIDERS=real) ..."
fi

start link-service \
  QUARKUS_HTTP_PORT="$LINK_SERVICE_PORT" QUARKUS_MANAGEMENT_PORT="$LINK_SERVICE_MANAGEMENT_PORT" "${link_db[@]}" \
  LINK_PUBLIC_BASE_URL="http://localhost:$LINK_SERVICE_PORT" \
  LINK_HUBS_DEMO_PARTNER_ID=$DEMO_PARTNER_ID \
  LINK_HUBS_DEMO_PLATFORM_SECRET=$DEMO_PLATFORM_SECRET \
  LINK_HUBS_DEMO_PAYMENT_MODE=direct \
  LINK_HUBS_DEMO_ALLOWED_REDIRECT_HOSTS=localhost \
  LINK_HUBS_DEMO_API_KEY_SHA256="$DEMO_API_KEY_SHA256" \
  "${link_providers[@]}" \
  -- -Xmx384m -jar link-service/target/quarkus-app/quarkus-run.jar

start webhook-ingest \
  QUARKUS_HTTP_PORT="$WEBHOOK_INGEST_PORT" QUARKUS_MANAGEMENT_PORT="$WEBHOOK_INGEST_MANAGEMENT_PORT" \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
  INGEST_META_APP_SECRET=$DEMO_APP_SECRET \
  INGEST_META_VERIFY_TOKEN=$DEMO_VERIFY_TOKEN \
  INGEST_DIALOG360_DEMO_PARTNER_ID=$DEMO_PARTNER_ID \
  INGEST_DIALOG360_DEMO_PLATFORM_SECRET=$DEMO_PLATFORM_SECRET \
  INGEST_DIALOG360_DEMO_CHANNEL_AUTH_KEY=$DEMO_CHANNEL_AUTH_KEY \
  -- -Xmx384m -jar webhook-ingest/target/quarkus-app/quarkus-run.jar

start token-service \
  QUARKUS_HTTP_PORT="$TOKEN_SERVICE_PORT" QUARKUS_MANAGEMENT_PORT="$TOKEN_SERVICE_MANAGEMENT_PORT" "${token_db[@]}" \
  TOKEN_GRAPH_BASE_URL="$GRAPH_BASE_URL" \
  TOKEN_GRAPH_APP_ID=$DEMO_APP_ID \
  TOKEN_GRAPH_APP_SECRET=$DEMO_APP_SECRET \
  TOKEN_GRAPH_SYSTEM_USER_TOKEN=$DEMO_SYSTEM_USER_TOKEN \
  TOKEN_HOSTED_CONFIG_ID=$DEMO_CONFIG_ID \
  TOKEN_HOSTED_PUBLIC_BASE_URL="http://localhost:$TOKEN_SERVICE_PORT" \
  TOKEN_STORAGE_KEYS_CURRENT=k1 TOKEN_STORAGE_KEYS_KEYS_K1="$TOKEN_STORAGE_KEYS_KEYS_K1" \
  TOKEN_TRANSPORT_KEYS_CURRENT=t1 TOKEN_TRANSPORT_KEYS_KEYS_T1="$TOKEN_TRANSPORT_KEYS_KEYS_T1" \
  TOKEN_HUBS_DEMO_API_KEY_SHA256="$DEMO_API_KEY_SHA256" \
  TOKEN_HUBS_DEMO_CREDENTIALS_API_KEY_SHA256="$DEMO_CREDENTIALS_KEY_SHA256" \
  TOKEN_HUBS_DEMO_TECH_PROVIDER=true \
  "${token_providers[@]}" \
  -- -Xmx256m -jar token-service/target/quarkus-app/quarkus-run.jar

# The hub's ordinary key as well as its credentials key: a channel key asked for with the ordinary one is refused
# (403) and the refusal audited under the hub; an unknown key is only a 401.
start waba-provisioner \
  QUARKUS_HTTP_PORT="$WABA_PROVISIONER_PORT" QUARKUS_MANAGEMENT_PORT="$WABA_PROVISIONER_MANAGEMENT_PORT" "${provisioner_db[@]}" \
  PROVISIONER_OPS_API_KEY_SHA256="$DEMO_OPS_KEY_SHA256" \
  PROVISIONER_META_BASE_URL="$GRAPH_BASE_URL" \
  PROVISIONER_META_APP_ID=$DEMO_APP_ID \
  PROVISIONER_META_SYSTEM_USER_TOKEN=$DEMO_SYSTEM_USER_TOKEN \
  PROVISIONER_META_CREDIT_LINE_ID=$DEMO_CREDIT_LINE_ID \
  PROVISIONER_STORAGE_KEYS_CURRENT=k1 PROVISIONER_STORAGE_KEYS_KEYS_K1="$PROVISIONER_STORAGE_KEYS_KEYS_K1" \
  PROVISIONER_TRANSPORT_KEYS_CURRENT=t1 PROVISIONER_TRANSPORT_KEYS_KEYS_T1="$TOKEN_TRANSPORT_KEYS_KEYS_T1" \
  PROVISIONER_HUBS_DEMO_PARTNER_ID=$DEMO_PARTNER_ID \
  PROVISIONER_HUBS_DEMO_PARTNER_API_KEY=$DEMO_PARTNER_API_KEY \
  PROVISIONER_HUBS_DEMO_PAYMENT_MODE=direct \
  PROVISIONER_HUBS_DEMO_CHANNEL_WEBHOOK_URL="$INGEST_URL/webhooks/360dialog/{partnerId}/channels/{channelId}" \
  PROVISIONER_HUBS_DEMO_CHANNEL_WEBHOOK_KEY=$DEMO_CHANNEL_AUTH_KEY \
  PROVISIONER_HUBS_DEMO_API_KEY_SHA256="$DEMO_API_KEY_SHA256" \
  PROVISIONER_HUBS_DEMO_CREDENTIALS_API_KEY_SHA256="$DEMO_CREDENTIALS_KEY_SHA256" \
  "${provisioner_providers[@]}" \
  -- -Xmx256m -jar waba-provisioner/target/quarkus-app/quarkus-run.jar

# The demo receiver is the sandbox on localhost over plain HTTP: allowed here only.
start partner-webhooks \
  QUARKUS_HTTP_PORT="$PARTNER_WEBHOOKS_PORT" QUARKUS_MANAGEMENT_PORT="$PARTNER_WEBHOOKS_MANAGEMENT_PORT" "${partner_webhooks_db[@]}" \
  PARTNER_WEBHOOKS_HUBS_DEMO_API_KEY_SHA256="$DEMO_API_KEY_SHA256" \
  PARTNER_WEBHOOKS_STORAGE_KEYS_CURRENT=k1 PARTNER_WEBHOOKS_STORAGE_KEYS_KEYS_K1="$PARTNER_WEBHOOKS_STORAGE_KEYS_KEYS_K1" \
  PARTNER_WEBHOOKS_DELIVERY_REQUIRE_HTTPS=false \
  PARTNER_WEBHOOKS_DELIVERY_ALLOW_PRIVATE_ADDRESSES=true \
  -- -Xmx256m -jar partner-webhooks/target/quarkus-app/quarkus-run.jar

# Started together (start-up is the long part), awaited one by one.
[ "$PROVIDERS" = sandbox ] && await sandbox ready "$SANDBOX_URL"
await link-service ready "http://localhost:$LINK_SERVICE_MANAGEMENT_PORT"
await webhook-ingest ready "http://localhost:$WEBHOOK_INGEST_MANAGEMENT_PORT"
await token-service ready "http://localhost:$TOKEN_SERVICE_MANAGEMENT_PORT"
await waba-provisioner ready "http://localhost:$WABA_PROVISIONER_MANAGEMENT_PORT"
await partner-webhooks ready "http://localhost:$PARTNER_WEBHOOKS_MANAGEMENT_PORT"

row() { printf '  %-17s %-26s %-38s %s\n' "$@" | sed 's/ *$//'; }
echo
echo "The stack is up (logs in $LOG_DIR/):"
echo
row process URL OpenAPI more
for service in "link-service $LINK_SERVICE_PORT $LINK_SERVICE_MANAGEMENT_PORT /q/health, /q/metrics" \
               "webhook-ingest $WEBHOOK_INGEST_PORT $WEBHOOK_INGEST_MANAGEMENT_PORT /q/health, /q/metrics" \
               "token-service $TOKEN_SERVICE_PORT $TOKEN_SERVICE_MANAGEMENT_PORT /q/health, /q/metrics" \
               "waba-provisioner $WABA_PROVISIONER_PORT $WABA_PROVISIONER_MANAGEMENT_PORT /q/health, /q/metrics; ops API /v1/wabas, /v1/channels (X-API-Key: $DEMO_OPS_KEY)" \
               "partner-webhooks $PARTNER_WEBHOOKS_PORT $PARTNER_WEBHOOKS_MANAGEMENT_PORT /q/health, /q/metrics; /v1/endpoints, /v1/onboardings (X-API-Key: $DEMO_API_KEY)"; do
  read -r name port management more <<<"$service"
  row "$name" "http://localhost:$port" "http://localhost:$management/q/openapi" "on :$management $more"
done
if [ "$PROVIDERS" = sandbox ]; then
  row sandbox "$SANDBOX_URL" "$SANDBOX_URL/q/openapi" "admin API $SANDBOX_URL/_sandbox (e.g. /_sandbox/summary)"
else
  row sandbox "(not started: PROVIDERS=real)"
fi
row "Kafka (KRaft)" "127.0.0.1:$KAFKA_PORT"
row PostgreSQL "$PGHOST:$PGPORT" "" "databases link_service, token_service, waba_provisioner, partner_webhooks"
echo
if [ "$PROVIDERS" = sandbox ]; then
  echo "Meta and 360Dialog are the sandbox: Graph $GRAPH_BASE_URL, hub pages $SANDBOX_URL/hub, SDK $SANDBOX_URL/sdk/sdk.js"
else
  echo "Meta and 360Dialog are the real ones (Graph $GRAPH_BASE_URL); the demo credentials will be refused there."
fi
cat <<INFO
Demo hub "demo": partner $DEMO_PARTNER_ID (Direct Payment), API key $DEMO_API_KEY, Meta app $DEMO_APP_ID
  webhook-ingest: Meta app secret $DEMO_APP_SECRET, verify token $DEMO_VERIFY_TOKEN, 360Dialog platform secret
  $DEMO_PLATFORM_SECRET, channel webhooks with X-Channel-Auth derived per channel from key $DEMO_CHANNEL_AUTH_KEY
  credential hand-off (waba-provisioner /v1/channels/{id}/api-key, token-service /v1/signups/{id}/business-token,
  Tech Provider mode): key $DEMO_CREDENTIALS_KEY
  partner webhooks: register an endpoint at http://localhost:$PARTNER_WEBHOOKS_PORT/v1/endpoints; the sandbox records
  deliveries at ${SANDBOX_URL:-<sandbox>}/partner-receiver/<name>

Both onboarding routes, end to end (with the sandbox):  ./demo.sh
Or by hand:
  curl -s -X POST http://localhost:$LINK_SERVICE_PORT/v1/links -H 'X-API-Key: $DEMO_API_KEY' \\
       -H 'Content-Type: application/json' -d '{"email":"owner@shop.example","lang":"en"}'

Press Ctrl-C to stop everything.
INFO

# Until Ctrl-C or SIGTERM (the trap), or until a process of the stack exits on its own.
exited=
wait -n -p exited "${pids[@]}" || true
for i in "${!pids[@]}"; do [ "${pids[$i]}" = "$exited" ] && exited=${names[$i]}; done
echo "${exited:-A process of the stack} exited on its own; stopping the rest (see $LOG_DIR/)" >&2
exit 1
