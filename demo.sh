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
# Before the routes it registers a webhook endpoint at partner-webhooks (the sandbox's demo receiver
# /partner-receiver/<name>, every event type) and keeps its signing secret; after them it shows the webhooks each
# route produced, verifies every signature itself (Standard Webhooks: HMAC-SHA256 with openssl), finds both
# onboardings by the partner's reference (GET /v1/onboardings?partner_reference=) and reads them
# (GET /v1/onboardings/{id}), and hands off the credentials with the hub's credentials key: the IO channel's API key
# (waba-provisioner, where channel.provisioned's credential_fetch says) and the ES business token (token-service,
# the demo hub being a Tech Provider). Secrets are printed masked. The endpoint is deleted again at the end.
#
#   ./demo.sh        (start ./run-local.sh first, in another terminal)
#
# Needs curl, openssl, base64, and jq or python3 (DEMO_JSON=python3 uses python3 even when jq is there). Ports as in
# run-local.sh (LINK_SERVICE_PORT, ..., PARTNER_WEBHOOKS_PORT, SANDBOX_PORT, KAFKA_PORT);
# DEMO_TIMEOUT: seconds to wait for each route to be provisioned (default 60), and then for its webhooks.
# DEMO_RECEIVER_BASE_URL: where partner-webhooks reaches the sandbox (default: SANDBOX_URL; with docker compose
# http://sandbox:8090).
set -euo pipefail
cd "$(dirname "$0")"

LINK_URL=http://localhost:${LINK_SERVICE_PORT:-8081}
INGEST_URL=http://localhost:${WEBHOOK_INGEST_PORT:-8082}
TOKEN_URL=http://localhost:${TOKEN_SERVICE_PORT:-8083}
PROVISIONER_URL=http://localhost:${WABA_PROVISIONER_PORT:-8084}
PARTNER_WEBHOOKS_URL=http://localhost:${PARTNER_WEBHOOKS_PORT:-8085}
SANDBOX_URL=http://localhost:${SANDBOX_PORT:-8090}
# Health (and metrics) of the services are on their management ports (run-local.sh), not the public ones.
LINK_MANAGEMENT_URL=http://localhost:${LINK_SERVICE_MANAGEMENT_PORT:-9181}
INGEST_MANAGEMENT_URL=http://localhost:${WEBHOOK_INGEST_MANAGEMENT_PORT:-9182}
TOKEN_MANAGEMENT_URL=http://localhost:${TOKEN_SERVICE_MANAGEMENT_PORT:-9183}
PROVISIONER_MANAGEMENT_URL=http://localhost:${WABA_PROVISIONER_MANAGEMENT_PORT:-9184}
PARTNER_WEBHOOKS_MANAGEMENT_URL=http://localhost:${PARTNER_WEBHOOKS_MANAGEMENT_PORT:-9185}
KAFKA=localhost:${KAFKA_PORT:-9092}
API_KEY=${DEMO_API_KEY:-demo-api-key-change-me}
OPS_KEY=${DEMO_OPS_KEY:-demo-ops-key-change-me}
# The hub's key with the credentials permission (run-local.sh's DEMO_CREDENTIALS_KEY).
CREDENTIALS_KEY=${DEMO_CREDENTIALS_KEY:-demo-credentials-key-change-me}
RECEIVER_BASE_URL=${DEMO_RECEIVER_BASE_URL:-$SANDBOX_URL}
APP_ID=${DEMO_APP_ID:-demo-app-id}
TIMEOUT=${DEMO_TIMEOUT:-60}
TIMELINE_CP="dev-stack/target/dev-stack-1.0.0-SNAPSHOT.jar:dev-stack/target/lib/*"

fail() { echo "demo.sh: $*" >&2; exit 1; }
command -v curl >/dev/null || fail "curl is needed"
command -v openssl >/dev/null || fail "openssl is needed (to verify the webhooks' signatures)"
command -v base64 >/dev/null || fail "base64 is needed"

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

# receiver_rows: one line per request, fields separated by the ASCII unit separator (\x1f: unlike a tab, `read`
# keeps empty fields apart), the demo receiver recorded (GET /partner-receiver/{name} on stdin): sequence, answered status, webhook-id, webhook-timestamp, webhook-signature, the body's bytes (base64),
# and from the body: type, data.onboarding_id, data.route, data.partner_reference, data.credential_fetch.path.
receiver_rows() {
  if [ $JSON = jq ]; then
    jq -r '.requests[] | (.body | (try fromjson catch {})) as $b
      | [.sequence, .answered_status, .headers["webhook-id"], .headers["webhook-timestamp"], .headers["webhook-signature"],
         .body_base64, $b.type, $b.data.onboarding_id, $b.data.route, $b.data.partner_reference,
         $b.data.credential_fetch.path]
      | map(. // "" | tostring | gsub("[\u001f\n]"; " ")) | join("\u001f")'
  else
    python3 -c '
import json, sys
for r in json.load(sys.stdin)["requests"]:
    try:
        b = json.loads(r["body"])
    except ValueError:
        b = {}
    b = b if isinstance(b, dict) else {}
    d = b.get("data") if isinstance(b.get("data"), dict) else {}
    h = r.get("headers", {})
    f = d.get("credential_fetch") if isinstance(d.get("credential_fetch"), dict) else {}
    cells = [r.get("sequence"), r.get("answered_status"), h.get("webhook-id"), h.get("webhook-timestamp"),
             h.get("webhook-signature"), r.get("body_base64"), b.get("type"), d.get("onboarding_id"), d.get("route"),
             d.get("partner_reference"), f.get("path")]
    print("\x1f".join("" if c is None else str(c).replace("\x1f", " ").replace("\n", " ") for c in cells))'
  fi
}

# --- Standard Webhooks signatures, checked here with openssl alone -------------------------------------
# signature_of <whsec_ secret> <webhook-id> <webhook-timestamp> <file with the body's bytes>: base64 of
# HMAC-SHA256 over "<id>.<timestamp>.<body>", keyed with the base64-decoded part of the secret after whsec_.
signature_of() {
  local key_hex
  key_hex=$(printf %s "${1#whsec_}" | base64 -d | od -An -vtx1 | tr -d ' \n')
  { printf '%s.%s.' "$2" "$3"; cat "$4"; } | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64 | tr -d '\n'
}
# signature_valid <secret> <id> <timestamp> <body file> <webhook-signature header>: one of the header's
# space-separated "v1,<base64>" entries (several during a secret rotation) is the expected one.
signature_valid() {
  local expected entry
  expected=$(signature_of "$1" "$2" "$3" "$4")
  for entry in $5; do
    [ "${entry%%,*}" = v1 ] && [ "${entry#v1,}" = "$expected" ] && return 0
  done
  return 1
}
# The self-check runs before anything else: the Standard Webhooks specification's own example.
[ "$(signature_of whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw msg_p5jXN8AQM9LWM0D4loKWxJek 1614265330 \
      <(printf '%s' '{"test": 2432232314}'))" = "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" ] \
  || fail "this machine's openssl/base64 do not reproduce the Standard Webhooks test vector"

# mask <secret>: enough to recognise it, not enough to use it.
mask() { printf '%s...%s (%d characters)' "${1:0:4}" "${1: -2}" "${#1}"; }

# --- HTTP ----------------------------------------------------------------------------------------------
# call <expected status...> -- <curl arguments>: the body on stdout, or a clear failure. Redirects are never
# followed: the status goes to the file $STATUS, and the Location of a 3xx to the file $LOCATION.
LOCATION=$(mktemp)
STATUS=$(mktemp)
BODY=$(mktemp)
JUL=$(mktemp)
ERRORS=$(mktemp)
WEBHOOK_BODY=$(mktemp)
endpoint_id=
# On the way out, also when a step failed: the run's endpoint goes (every run registers its own, and an endpoint
# left behind would get every later run's webhooks too).
cleanup() {
  rm -f "$LOCATION" "$STATUS" "$BODY" "$JUL" "$ERRORS" "$WEBHOOK_BODY"
  [ -z "$endpoint_id" ] || curl -sS -o /dev/null --max-time 10 -X DELETE "$PARTNER_WEBHOOKS_URL/v1/endpoints/$endpoint_id" \
    -H "X-API-Key: $API_KEY" || true
}
trap cleanup EXIT
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
               "waba-provisioner $PROVISIONER_MANAGEMENT_URL" "partner-webhooks $PARTNER_WEBHOOKS_MANAGEMENT_URL" \
               "sandbox $SANDBOX_URL"; do
  name=${service% *} url=${service#* }
  curl -fsS -o /dev/null --max-time 5 "$url/q/health/ready" 2>/dev/null || down+=("$name ($url)")
done
if [ ${#down[@]} -gt 0 ]; then
  echo "demo.sh: the stack is not running; no answer from /q/health/ready of:" >&2
  printf '  %s\n' "${down[@]}" >&2
  echo "Start it first, in another terminal: ./run-local.sh   (with the sandbox: the default PROVIDERS=sandbox)" >&2
  exit 1
fi

run_id=$(date +%s)
echo "== Partner webhooks: an endpoint for the demo hub (partner-webhooks) =="
receiver=demo-$run_id
receiver_url=$RECEIVER_BASE_URL/partner-receiver/$receiver
# No event type filter: every type of the catalogue is delivered.
endpoint=$(call 201 -- -X POST "$PARTNER_WEBHOOKS_URL/v1/endpoints" -H "X-API-Key: $API_KEY" -H 'Content-Type: application/json' \
  -d "$(jobject url "$receiver_url")")
endpoint_id=$(jget .id <<<"$endpoint")
secret=$(jget .secret <<<"$endpoint")
case "$secret" in
  whsec_?*) ;;
  *) fail "POST /v1/endpoints answered no whsec_ secret" ;;
esac
step "POST /v1/endpoints" "201, endpoint $endpoint_id"
step "" "url $receiver_url, secret $(mask "$secret") (kept to verify signatures)"
call 200 202 204 -- -X POST "$PARTNER_WEBHOOKS_URL/v1/endpoints/$endpoint_id/test" -H "X-API-Key: $API_KEY" >/dev/null
step "POST /v1/endpoints/{id}/test" "$(call_status), a webhook.test is on its way"
echo

started=$SECONDS
echo "== Route 1: 360Dialog Integrated Onboarding (link-service, sandbox hub) =="
state="demo-$run_id"
# The partner's own reference for this onboarding: `partner`, which 360Dialog keeps on the client; partner-webhooks
# calls it partner_reference (the `state` only travels back in the redirect).
io_reference=demo-io-$run_id
link=$(call 201 -- -X POST "$LINK_URL/v1/links" -H "X-API-Key: $API_KEY" -H 'Content-Type: application/json' \
  -d "$(jobject email owner@shop.example name 'Demo Shop' lang en state "$state" partner "$io_reference" \
        redirect_url https://localhost/onboarded)")
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
customer_reference=demo-customer-$run_id
echo "== Route 2: Meta Embedded Signup hosted by token-service (sandbox SDK and Graph) =="
session=$(call 201 -- -X POST "$TOKEN_URL/v1/signup-sessions" -H "X-API-Key: $API_KEY" -H 'Content-Type: application/json' \
  -d "$(jobject customer_reference "$customer_reference" flow default)")
session_id=$(jget .id <<<"$session")
page_url=$(jget .url <<<"$session")
step "POST /v1/signup-sessions" "201, session $session_id (customer_reference $customer_reference, ES v4)"

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
ids=("$link_id" "$client_id" "${channel_ids[@]}" "$session_id" "$waba_id" "$signup_id")
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
echo "== Partner webhooks: what the demo receiver got ($receiver_url) =="
# An onboarding's id is the one the partner's first call returned: the link's (IO), the signup session's (ES).
io_onboarding=$link_id
es_onboarding=$session_id
# The last webhook of each route: its channel provisioned (IO), its WABA provisioned (ES).
deadline=$((SECONDS + TIMEOUT))
while :; do
  received=$(call 200 -- "$SANDBOX_URL/partner-receiver/$receiver")
  rows=$(receiver_rows <<<"$received")
  awk -F$'\x1f' -v io="$io_onboarding" -v es="$es_onboarding" \
      '$7 == "channel.provisioned" && $8 == io { c = 1 } $7 == "waba.provisioned" && $8 == es { w = 1 } END { exit !(c && w) }' \
      <<<"$rows" && break
  [ $SECONDS -ge $deadline ] && { printf '%s\n' "$rows" | cut -d$'\x1f' -f1,2,3,7,8 | tr '\037' ' ' >&2; fail "no channel.provisioned (onboarding $io_onboarding) and waba.provisioned (onboarding $es_onboarding) webhooks within ${TIMEOUT}s"; }
  sleep 1
done
webhook_row() { printf '    %-4s %-6s %-28s %-36s %s\n' "$@"; }
failed=0 io_rows=() es_rows=() other_rows=() credential_path=
while IFS=$'\x1f' read -r seq answered id ts signatures body64 type onboarding route reference fetch_path; do
  [ -n "$seq" ] || continue
  printf '%s' "$body64" | base64 -d >"$WEBHOOK_BODY"
  if [ -n "$id" ] && [ -n "$ts" ] && signature_valid "$secret" "$id" "$ts" "$WEBHOOK_BODY" "$signatures"; then
    verdict=verified
  else
    verdict=FAILED failed=$((failed + 1))
  fi
  line=$(webhook_row "$seq" "$answered" "$type" "$id" "$verdict")
  case "$onboarding" in
    "$io_onboarding") io_rows+=("$line")
                      [ "$type" = channel.provisioned ] && credential_path=${credential_path:-$fetch_path} ;;
    "$es_onboarding") es_rows+=("$line") ;;
    *) other_rows+=("$line") ;;
  esac
done <<<"$rows"
webhook_header() { echo "  $1"; webhook_row "#" answer type webhook-id signature; }
webhook_header "Route 1, IO (onboarding $io_onboarding, partner_reference $io_reference):"
printf '%s\n' "${io_rows[@]}"
webhook_header "Route 2, ES (onboarding $es_onboarding, partner_reference $customer_reference):"
printf '%s\n' "${es_rows[@]}"
if [ ${#other_rows[@]} -gt 0 ]; then
  webhook_header "Not about these onboardings (the endpoint test; anything else of the hub meanwhile):"
  printf '%s\n' "${other_rows[@]}"
fi
echo "  Every signature checked here: v1,base64(HMAC-SHA256(base64-decode(secret after whsec_), id.timestamp.body))."
deliveries=$(call 200 -- "$PARTNER_WEBHOOKS_URL/v1/endpoints/$endpoint_id/deliveries?limit=100" -H "X-API-Key: $API_KEY")
step "GET /v1/endpoints/{id}/deliveries" "$(jrows . status attempts_made <<<"$deliveries" \
  | awk -F'\t' '{ n[$1]++; a += $2 } END { for (s in n) printf "%d %s, ", n[s], s; printf "%d attempts in all", a }')"

echo
echo "== One onboarding view for both routes (partner-webhooks /v1/onboardings) =="
for route in "IO $io_reference $io_onboarding" "ES $customer_reference $es_onboarding"; do
  read -r label reference id <<<"$route"
  found=$(call 200 -- -G "$PARTNER_WEBHOOKS_URL/v1/onboardings" --data-urlencode "partner_reference=$reference" -H "X-API-Key: $API_KEY")
  listed=$(jget '.data[0].id' <<<"$found")
  [ "$listed" = "$id" ] || fail "GET /v1/onboardings?partner_reference=$reference lists ${listed:-nothing}, not onboarding $id"
  step "GET /v1/onboardings?partner_reference=" "$reference: $listed"
  view=$(call 200 -- "$PARTNER_WEBHOOKS_URL/v1/onboardings/$id" -H "X-API-Key: $API_KEY")
  step "GET /v1/onboardings/{id} ($label)" "$(jget .route <<<"$view"), status $(jget .status <<<"$view")"
  known=""
  for field in waba_id phone_number_id business_id client_id; do
    value=$(jget ".$field" <<<"$view")
    [ -z "$value" ] || known+="${known:+, }${field%_id} $value"
  done
  [ -z "$known" ] || step "" "$known"
  while IFS=$'\t' read -r channel channel_status; do
    step "" "channel $channel: $channel_status"
  done < <(jrows .channels channel_id status <<<"$view")
  while IFS=$'\t' read -r type at message; do
    step "" "$(printf '%-28s %-31s %s' "$type" "$at" "$message")"
  done < <(jrows .timeline type timestamp message_id <<<"$view")
done
provisioned=$(call 200 -- -G "$PARTNER_WEBHOOKS_URL/v1/onboardings" --data-urlencode status=provisioned --data-urlencode limit=5 \
  -H "X-API-Key: $API_KEY")
step "GET /v1/onboardings?status=" "provisioned: the newest $(jrows .data id route <<<"$provisioned" | awk -F'\t' 'NR <= 2 { printf "%s%s (%s)", (NR > 1 ? ", " : ""), $1, $2 }')"

echo
echo "== Credential hand-off (the hub's credentials key; the ordinary key is refused) =="
channel_id=${channel_ids[0]}
# Where channel.provisioned said to fetch the key (data.credential_fetch): waba-provisioner, never the webhook itself.
[ "$credential_path" = "/v1/channels/$channel_id/api-key" ] \
  || fail "channel.provisioned names ${credential_path:-no} credential_fetch path, not /v1/channels/$channel_id/api-key"
handed=$(call 200 -- "$PROVISIONER_URL$credential_path" -H "X-API-Key: $CREDENTIALS_KEY")
channel_key=$(jget .api_key <<<"$handed")
[ -n "$channel_key" ] || fail "GET $credential_path answered no api_key"
step "GET /v1/channels/{id}/api-key" "200, channel $channel_id (client $(jget .client_id <<<"$handed")): $(mask "$channel_key")"
call 403 -- "$PROVISIONER_URL$credential_path" -H "X-API-Key: $API_KEY" >/dev/null
step "  ... with the ordinary API key" "403"
handed=$(call 200 -- "$TOKEN_URL/v1/signups/$signup_id/business-token" -H "X-API-Key: $CREDENTIALS_KEY")
business_token=$(jget .business_token <<<"$handed")
[ -n "$business_token" ] || fail "GET /v1/signups/$signup_id/business-token answered no business_token"
step "GET /v1/signups/{id}/business-token" "200 (Tech Provider hub), WABA $(jget .waba_id <<<"$handed"): $(mask "$business_token")"
call 403 -- "$TOKEN_URL/v1/signups/$signup_id/business-token" -H "X-API-Key: $API_KEY" >/dev/null
step "  ... with the ordinary API key" "403"
step "" "every read and refusal is audited (credential-read events), the values never leave these answers"

call 204 -- -X DELETE "$PARTNER_WEBHOOKS_URL/v1/endpoints/$endpoint_id" -H "X-API-Key: $API_KEY" >/dev/null
endpoint_id_deleted=$endpoint_id endpoint_id=
echo
echo "The run's endpoint $endpoint_id_deleted is deleted again (DELETE /v1/endpoints/{id}: 204)."
[ "$failed" -eq 0 ] || fail "$failed webhook signature(s) FAILED verification"
echo "Both routes provisioned: IO link $link_id (client $client_id) in ${io_seconds}s, Embedded Signup WABA $waba_id in ${es_seconds}s."
