#!/usr/bin/env bash
# Drives both onboarding routes through the stack ./run-local.sh runs, with curl only (no browser), and
# prints the timeline of the events they caused:
#
#   1. 360Dialog Integrated Onboarding: a partner asks link-service for a link, the customer completes the
#      (sandbox) hub's signup page and is sent back through link-service's /io/callback, and the link is
#      followed until its channel is provisioned.
#   2. Meta Embedded Signup hosted by token-service: a partner opens a signup session, the customer's page
#      gets a code as the SDK's popup would and completes the session as the page's script does, and the
#      WABA is followed in waba-provisioner until it is provisioned.
#
#   ./demo.sh        (start ./run-local.sh first, in another terminal)
#
# Needs curl, and jq or python3 (DEMO_JSON=python3 uses python3 even when jq is there). Ports as in run-local.sh (LINK_SERVICE_PORT, ..., SANDBOX_PORT, KAFKA_PORT);
# DEMO_TIMEOUT: seconds to wait for each route to be provisioned (default 60).
set -euo pipefail
cd "$(dirname "$0")"

LINK_URL=http://localhost:${LINK_SERVICE_PORT:-8081}
INGEST_URL=http://localhost:${WEBHOOK_INGEST_PORT:-8082}
TOKEN_URL=http://localhost:${TOKEN_SERVICE_PORT:-8083}
PROVISIONER_URL=http://localhost:${WABA_PROVISIONER_PORT:-8084}
SANDBOX_URL=http://localhost:${SANDBOX_PORT:-8090}
# Health (and metrics) of the services are on their management ports (run-local.sh), not the public ones.
LINK_MANAGEMENT_URL=http://localhost:${LINK_SERVICE_MANAGEMENT_PORT:-9181}
INGEST_MANAGEMENT_URL=http://localhost:${WEBHOOK_INGEST_MANAGEMENT_PORT:-9182}
TOKEN_MANAGEMENT_URL=http://localhost:${TOKEN_SERVICE_MANAGEMENT_PORT:-9183}
PROVISIONER_MANAGEMENT_URL=http://localhost:${WABA_PROVISIONER_MANAGEMENT_PORT:-9184}
KAFKA=localhost:${KAFKA_PORT:-9092}
API_KEY=${DEMO_API_KEY:-demo-api-key-change-me}
OPS_KEY=${DEMO_OPS_KEY:-demo-ops-key-change-me}
APP_ID=${DEMO_APP_ID:-demo-app-id}
TIMEOUT=${DEMO_TIMEOUT:-60}
TIMELINE_CP="dev-stack/target/dev-stack-1.0.0-SNAPSHOT.jar:dev-stack/target/lib/*"

fail() { echo "demo.sh: $*" >&2; exit 1; }
command -v curl >/dev/null || fail "curl is needed"

# --- JSON, with jq when it is there, else python3 -----------------------------------------------------
if [ -n "${DEMO_JSON:-}" ]; then
  JSON=$DEMO_JSON  # jq or python3, to choose
elif command -v jq >/dev/null; then
  JSON=jq
elif command -v python3 >/dev/null; then
  JSON=python3
else
  fail "jq or python3 is needed to read JSON"
fi

# jget <path>: the value at a path such as .a.b or .a[0].b of the JSON on stdin ("" when absent; arrays and
# objects as compact JSON).
jget() {
  if [ $JSON = jq ]; then
    jq -r "($1) // empty | if type == \"array\" or type == \"object\" then tojson else . end"
  else
    python3 -c '
import json, re, sys
v = json.load(sys.stdin)
for name, index in re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", sys.argv[1]):
    if name:
        v = v.get(name) if isinstance(v, dict) else None
    else:
        v = v[int(index)] if isinstance(v, list) and int(index) < len(v) else None
if isinstance(v, (dict, list)):
    print(json.dumps(v, separators=(",", ":")))
elif isinstance(v, bool):
    print(str(v).lower())
elif v is not None:
    print(v)' "$1"
  fi
}

# jrows <path> <field...>: one tab-separated line per element of the array at <path>.
jrows() {
  local path=$1; shift
  if [ $JSON = jq ]; then
    local fields="" f
    for f in "$@"; do fields+="${fields:+, }(.$f // \"\" | tostring)"; done
    jq -r "(($path) // [])[] | [$fields] | @tsv"
  else
    python3 -c '
import json, re, sys
v = json.load(sys.stdin)
for name in re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)", sys.argv[1]):
    v = v.get(name) if isinstance(v, dict) else None
for item in v or []:
    if not isinstance(item, dict):
        item = {}
    cells = []
    for f in sys.argv[2:]:
        c = item.get(f)
        cells.append("" if c is None else (json.dumps(c) if isinstance(c, (dict, list)) else str(c)))
    print("\t".join(cells))' "$path" "$@"
  fi
}

# jitems <path>: the elements of the array at <path>, one a line.
jitems() {
  if [ $JSON = jq ]; then
    jq -r "(($1) // [])[] | tostring"
  else
    python3 -c '
import json, re, sys
v = json.load(sys.stdin)
for name in re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)", sys.argv[1]):
    v = v.get(name) if isinstance(v, dict) else None
for item in v or []:
    print(item)' "$1"
  fi
}

# jobject <name> <value> ...: a JSON object of strings.
jobject() {
  if [ $JSON = jq ]; then
    local args=() filter="" i=0
    while [ $# -gt 0 ]; do
      args+=(--arg "v$i" "$2"); filter+="${filter:+, }\"$1\": \$v$i"; shift 2; i=$((i + 1))
    done
    jq -cn "${args[@]}" "{$filter}"
  else
    python3 -c 'import json, sys; a = sys.argv[1:]; print(json.dumps(dict(zip(a[0::2], a[1::2]))))' "$@"
  fi
}

# --- HTTP ----------------------------------------------------------------------------------------------
# call <expected status...> -- <curl arguments>: the body on stdout, or a clear failure. Redirects are never
# followed: the status goes to the file $STATUS, and the Location of a 3xx to the file $LOCATION.
LOCATION=$(mktemp)
STATUS=$(mktemp)
BODY=$(mktemp)
JUL=$(mktemp)
ERRORS=$(mktemp)
trap 'rm -f "$LOCATION" "$STATUS" "$BODY" "$JUL" "$ERRORS"' EXIT
call() {
  local expected=()
  while [ "$1" != -- ]; do expected+=("$1"); shift; done
  shift
  local out status
  out=$(curl -sS -o "$BODY" -w '%{http_code} %{redirect_url}' --max-time 30 "$@") \
    || fail "no answer from curl $*"
  status=${out%% *}
  printf '%s' "${out#* }" >"$LOCATION"
  printf '%s' "$status" >"$STATUS"
  local e
  for e in "${expected[@]}"; do
    if [ "$status" = "$e" ]; then cat "$BODY"; return 0; fi
  done
  echo "demo.sh: HTTP $status (expected ${expected[*]}) from curl $*" >&2
  head -c 1500 "$BODY" >&2; echo >&2
  exit 1
}

call_status() { cat "$STATUS"; }
step() { printf '  %-36s %s\n' "$1" "$2"; }

# --- the stack must be running -------------------------------------------------------------------------
down=()
for service in "link-service $LINK_MANAGEMENT_URL" "webhook-ingest $INGEST_MANAGEMENT_URL" "token-service $TOKEN_MANAGEMENT_URL" \
               "waba-provisioner $PROVISIONER_MANAGEMENT_URL" "sandbox $SANDBOX_URL"; do
  name=${service% *} url=${service#* }
  curl -fsS -o /dev/null --max-time 5 "$url/q/health/ready" 2>/dev/null || down+=("$name ($url)")
done
if [ ${#down[@]} -gt 0 ]; then
  echo "demo.sh: the stack is not running; no answer from /q/health/ready of:" >&2
  printf '  %s\n' "${down[@]}" >&2
  echo "Start it first, in another terminal: ./run-local.sh   (with the sandbox: the default PROVIDERS=sandbox)" >&2
  exit 1
fi

started=$SECONDS
echo "== Route 1: 360Dialog Integrated Onboarding (link-service, sandbox hub) =="
state="demo-$(date +%s)"
link=$(call 201 -- -X POST "$LINK_URL/v1/links" -H "X-API-Key: $API_KEY" -H 'Content-Type: application/json' \
  -d "$(jobject email owner@shop.example name 'Demo Shop' lang en state "$state" redirect_url https://localhost/onboarded)")
link_id=$(jget .id <<<"$link")
link_url=$(jget .url <<<"$link")
step "POST /v1/links" "201, link $link_id"
step "" "$link_url"

hub_page=$(call 200 -- "$link_url")
signup=$(sed -n 's/.*name="signup" value="\([^"]*\)".*/\1/p' <<<"$hub_page" | head -n 1)
action=$(sed -n 's/.*<form[^>]* action="\([^"]*\)".*/\1/p' <<<"$hub_page" | head -n 1)
[ -n "$signup" ] && [ -n "$action" ] || fail "the hub page has no signup form (is the link's url the sandbox hub?)"
hub_origin=$(sed -E 's#^(https?://[^/]+).*#\1#' <<<"$link_url")
step "GET the link (hub signup page)" "200, signup $signup"

call 303 -- -X POST "$hub_origin$action" --data-urlencode "signup=$signup" --data-urlencode channels=1 >/dev/null
callback=$(cat "$LOCATION")
step "POST /hub/signup/{partner}/complete" "303 to link-service's callback"
step "" "$callback"
case "$callback" in
  "$LINK_URL/io/callback?"*) ;;
  *) fail "the hub sent the browser to $callback, not to $LINK_URL/io/callback" ;;
esac

call 302 303 -- "$callback" >/dev/null
step "GET /io/callback" "$(call_status) to $(cut -d'?' -f1 "$LOCATION") (the partner's redirect_url, not followed)"

deadline=$((SECONDS + TIMEOUT))
while :; do
  link=$(call 200 -- "$LINK_URL/v1/links/$link_id" -H "X-API-Key: $API_KEY")
  onboarding=$(jget .onboarding.status <<<"$link")
  [ "$onboarding" = provisioned ] && break
  [ "$onboarding" = failed ] && { echo "$link" >&2; fail "link $link_id: onboarding failed"; }
  [ $SECONDS -ge $deadline ] && { echo "$link" >&2; fail "link $link_id not provisioned within ${TIMEOUT}s (onboarding: ${onboarding:-none})"; }
  sleep 1
done
client_id=$(jget .client_id <<<"$link")
mapfile -t channel_ids < <(jitems .channels <<<"$link")
step "GET /v1/links/{id}" "status $(jget .status <<<"$link"), onboarding provisioned"
step "" "client $client_id, channels ${channel_ids[*]}"
while IFS=$'\t' read -r id hub_status provisioning provisioned_at; do
  step "" "channel $id: hub $hub_status, provisioning $provisioning at $provisioned_at"
done < <(jrows .onboarding.channels id hub_status provisioning provisioned_at <<<"$link")
io_seconds=$((SECONDS - started))
echo "Route 1 provisioned in ${io_seconds}s."

echo
started=$SECONDS
echo "== Route 2: Meta Embedded Signup hosted by token-service (sandbox SDK and Graph) =="
session=$(call 201 -- -X POST "$TOKEN_URL/v1/signup-sessions" -H "X-API-Key: $API_KEY" -H 'Content-Type: application/json' \
  -d "$(jobject customer_reference demo-customer-1 flow default)")
session_id=$(jget .id <<<"$session")
page_url=$(jget .url <<<"$session")
step "POST /v1/signup-sessions" "201, session $session_id (customer_reference demo-customer-1, ES v4)"

page=$(call 200 -- "$page_url")
sdk_url=$(sed -n 's/.*data-sdk-url="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1)
case "$sdk_url" in
  */sdk/sdk.js) sdk_origin=${sdk_url%/sdk/sdk.js} ;;
  *) fail "the hosted page loads the SDK from '$sdk_url', not the sandbox's: run the stack with PROVIDERS=sandbox" ;;
esac
step "GET the session's page" "200, SDK $sdk_url"

# What the SDK's popup does when the customer finishes: Meta issues a code for a new WABA and number.
issued=$(call 201 -- -X POST "$sdk_origin/sdk/signup/codes" -H 'Content-Type: application/json' -d "$(jobject app_id "$APP_ID")")
code=$(jget .code <<<"$issued")
waba_id=$(jget .waba_id <<<"$issued")
phone_number_id=$(jget .phone_number_id <<<"$issued")
business_id=$(jget .business_id <<<"$issued")
step "POST /sdk/signup/codes (popup)" "201, WABA $waba_id, number $phone_number_id, business $business_id"

# What the page's script does with every WA_EMBEDDED_SIGNUP message: the session records it (ES v4 sends one
# for every way the flow ends) and announces it on Kafka.
call 204 -- -X POST "${page_url%/}/events" -H 'Content-Type: application/json' \
  -d "{\"event\":\"FINISH\",\"data\":$(jobject waba_id "$waba_id" phone_number_id "$phone_number_id" business_id "$business_id")}" >/dev/null
step "POST /signup/{token}/events" "204, FINISH recorded on the session"

# What the page's script posts once it has FB.login's code and the WA_EMBEDDED_SIGNUP FINISH message.
completed=$(call 201 -- -X POST "${page_url%/}/complete" -H 'Content-Type: application/json' \
  -H 'Accept: application/json, application/problem+json' \
  -d "$(jobject code "$code" waba_id "$waba_id" phone_number_id "$phone_number_id" business_id "$business_id" finish_type FINISH)")
step "POST /signup/{token}/complete" "201, signup $(jget .id <<<"$completed"), $(jget .status <<<"$completed")"

deadline=$((SECONDS + TIMEOUT))
while :; do
  session=$(call 200 -- "$TOKEN_URL/v1/signup-sessions/$session_id" -H "X-API-Key: $API_KEY")
  signup_id=$(jget .signup_id <<<"$session")
  [ -n "$signup_id" ] && break
  [ $SECONDS -ge $deadline ] && { echo "$session" >&2; fail "session $session_id produced no signup within ${TIMEOUT}s"; }
  sleep 1
done
step "GET /v1/signup-sessions/{id}" "$(jget .status <<<"$session"), outcome $(jget .outcome <<<"$session"), signup $signup_id, events $(jget '.events[0].event' <<<"$session")"
signup_json=$(call 200 -- "$TOKEN_URL/v1/signups/$signup_id" -H "X-API-Key: $API_KEY")
signed_waba=$(jget .waba_id <<<"$signup_json")
[ "$signed_waba" = "$waba_id" ] || fail "signup $signup_id is for WABA $signed_waba, not $waba_id"
step "GET /v1/signups/{id}" "$(jget .status <<<"$signup_json"), WABA $signed_waba"

while :; do
  waba=$(call 200 404 -- "$PROVISIONER_URL/v1/wabas/$waba_id" -H "X-API-Key: $OPS_KEY")
  status=$(jget .status <<<"$waba")
  [ "$status" = provisioned ] && break
  [ "$status" = failed ] && { echo "$waba" >&2; fail "WABA $waba_id: provisioning failed at $(jget .current_step <<<"$waba")"; }
  [ $SECONDS -ge $deadline ] && { echo "$waba" >&2; fail "WABA $waba_id not provisioned within ${TIMEOUT}s (status: ${status:-unknown to waba-provisioner})"; }
  sleep 1
done
step "GET /v1/wabas/{wabaId} (provisioner)" "provisioned at $(jget .provisioned_at <<<"$waba")"
while IFS=$'\t' read -r name st attempts outcome; do
  step "" "$(printf '%-24s %-8s attempts %s%s' "$name" "$st" "$attempts" "${outcome:+, $outcome}")"
done < <(jrows .steps step status attempts outcome <<<"$waba")
step "" "credit sharing $(jget .credit_sharing <<<"$waba"), phone $(jget .phone_registration <<<"$waba"), template namespace $(jget .message_template_namespace <<<"$waba")"
es_seconds=$((SECONDS - started))
echo "Route 2 provisioned in ${es_seconds}s."

echo
ids=("$link_id" "$client_id" "${channel_ids[@]}" "$waba_id" "$signup_id")
echo "== Events on Kafka ($KAFKA) for ${ids[*]} =="
if [ ! -f dev-stack/target/dev-stack-1.0.0-SNAPSHOT.jar ] || [ ! -d dev-stack/target/lib ]; then
  fail "dev-stack is not built (dev-stack/target/lib): run ./run-local.sh without --no-build once"
fi
# The Kafka client logs through java.util.logging: warnings only, and those only if it fails.
printf 'handlers=java.util.logging.ConsoleHandler\n.level=WARNING\n' >"$JUL"
if ! java -Djava.util.logging.config.file="$JUL" -cp "$TIMELINE_CP" com.bsp.onboarding.devstack.kafka.EventTimeline \
    "$KAFKA" "${ids[@]}" 2>"$ERRORS"; then
  tail -n 20 "$ERRORS" >&2
  fail "could not read the timeline from Kafka at $KAFKA"
fi

echo
echo "Both routes provisioned: IO link $link_id (client $client_id) in ${io_seconds}s, Embedded Signup WABA $waba_id in ${es_seconds}s."
