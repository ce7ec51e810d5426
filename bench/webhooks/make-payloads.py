#!/usr/bin/env python3
"""Generate pre-signed Meta (WhatsApp Business) webhook bodies for bench/webhooks/post-signed.lua.

    python3 bench/webhooks/make-payloads.py [-n 1000] [--target-size 2048] [--seed 42] [--if-stale]

Writes, next to this script (or into --out-dir):
  payloads.jsonl  one compact JSON body per line (pure ASCII, no raw newlines; the line *is* the exact
                  byte sequence that is sent, so the signature is computed over exactly those bytes)
  payloads.sig    line i = "sha256=<lowercase hex HMAC-SHA256(app secret, line i of payloads.jsonl)>",
                  i.e. the ready-to-send X-Hub-Signature-256 header value
  payloads.meta   count, seed, target size and a fingerprint of the secret (HMAC of a fixed string,
                  not the secret itself) so that --if-stale can tell whether the files still match

The app secret is $APP_SECRET, default "demo-app-secret" (the local stack's secret).

Mix (per body): ~90% "messages" status updates (sent/delivered/read/failed, several statuses per
change, as Meta batches them), ~5% "message_template_status_update", ~5% "account_update"
(PARTNER_ADDED). Bodies are padded towards the target size the way real traffic is: more statuses per
change, or a second entry (another WABA) carrying status updates, since Meta batches entries of
different accounts into one POST. Like Meta, non-ASCII is sent \\u-escaped and "/" as "\\/" in URLs, so a
receiver that re-serialises the JSON before verifying will fail the signature check (as it should).

Stdlib only; deterministic for a given seed.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import random
import sys

FINGERPRINT_INPUT = b"webhook-ingest bench payload fingerprint"


def secret_fingerprint(secret: bytes) -> str:
    return hmac.new(secret, FINGERPRINT_INPUT, hashlib.sha256).hexdigest()[:16]


class Gen:
    def __init__(self, rng: random.Random):
        self.rng = rng
        # A realistic population: a few dozen business accounts, 1-3 phone numbers each.
        self.wabas = []
        for _ in range(40):
            waba_id = str(rng.randint(100000000000000, 999999999999999))
            phones = []
            for _ in range(rng.randint(1, 3)):
                display = "1555" + str(rng.randint(1000000, 9999999))
                phones.append((display, str(rng.randint(100000000000000, 199999999999999))))
            self.wabas.append((waba_id, phones))
        self.base_time = 1744823932  # 2025-04-16, then moving forward per body
        self.templates = ["order_confirmation", "shipping_update", "appointment_reminder",
                          "spring_sale_2025", "otp_login", "welcome_series_1", "cart_recovery",
                          "r\u00fcckruf_termin", "promo_f\u00e9vrier"]
        self.categories = ["marketing", "utility", "authentication", "service"]
        self.countries = ["49151", "49160", "44770", "33612", "34612", "1415", "5511", "91981", "62812"]

    def recipient(self) -> str:
        prefix = self.rng.choice(self.countries)
        return prefix + "".join(self.rng.choice("0123456789") for _ in range(12 - len(prefix) + 1))

    def wamid(self, recipient: str) -> str:
        # Same shape as real ids: base64 of a small protobuf-ish blob holding the recipient and a hex id.
        hexid = "".join(self.rng.choice("0123456789ABCDEF") for _ in range(20)).encode()
        raw = b"\x1c\x18" + bytes([len(recipient)]) + recipient.encode() + b"\x15\x02\x00\x11\x18" \
            + bytes([len(hexid)]) + hexid + b"\x00"
        return "wamid." + base64.b64encode(raw).decode()

    def status(self, ts: int) -> dict:
        r = self.rng.random()
        kind = "delivered" if r < 0.45 else "read" if r < 0.70 else "sent" if r < 0.95 else "failed"
        rcpt = self.recipient()
        st = {
            "id": self.wamid(rcpt),
            "status": kind,
            "timestamp": str(ts - self.rng.randint(0, 90)),
            "recipient_id": rcpt,
        }
        if kind in ("sent", "delivered"):
            category = self.rng.choice(self.categories)
            origin = "service" if category == "service" else category
            conv = {"id": "".join(self.rng.choice("0123456789abcdef") for _ in range(32)),
                    "origin": {"type": origin}}
            if kind == "sent":
                conv["expiration_timestamp"] = str(ts + 86400)
            st["conversation"] = conv
            st["pricing"] = {"billable": category != "service", "pricing_model": "CBP", "category": category}
        elif kind == "failed":
            code = self.rng.choice([(131026, "Message undeliverable",
                                     "Message failed to send because the recipient is not on WhatsApp."),
                                    (131047, "Re-engagement message",
                                     "Message failed to send because more than 24 hours have passed since the customer last replied to this number."),
                                    (131049, "This message was not delivered to maintain healthy ecosystem engagement.",
                                     "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.")])
            st["errors"] = [{"code": code[0], "title": code[1], "message": code[1],
                             "error_data": {"details": code[2]},
                             "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]
        return st

    def messages_change(self, phones, ts: int, n_statuses: int) -> dict:
        display, phone_id = self.rng.choice(phones)
        return {"field": "messages",
                "value": {"messaging_product": "whatsapp",
                          "metadata": {"display_phone_number": display, "phone_number_id": phone_id},
                          "statuses": [self.status(ts) for _ in range(n_statuses)]}}

    def template_change(self) -> dict:
        event = self.rng.choice(["APPROVED", "APPROVED", "REJECTED", "PAUSED", "DISABLED"])
        value = {"event": event,
                 "message_template_id": self.rng.randint(100000000000000, 999999999999999),
                 "message_template_name": self.rng.choice(self.templates),
                 "message_template_language": self.rng.choice(["en_US", "de", "fr", "es", "pt_BR"]),
                 "reason": "NONE" if event == "APPROVED" else self.rng.choice(
                     ["INCORRECT_CATEGORY", "INVALID_FORMAT", "ABUSIVE_CONTENT", "SCAM"])}
        if event in ("PAUSED", "DISABLED"):
            value["other_info"] = {"title": "FIRST_PAUSE" if event == "PAUSED" else "TEMPLATE_DISABLED",
                                   "description": "Your WhatsApp message template has been paused for 3 hours "
                                                  "because it continued to have issues."}
        return {"field": "message_template_status_update", "value": value}

    def account_update_change(self, waba_id: str) -> dict:
        return {"field": "account_update",
                "value": {"event": "PARTNER_ADDED",
                          "waba_info": {"waba_id": waba_id,
                                        "owner_business_id": str(self.rng.randint(100000000000000, 999999999999999)),
                                        "partner_app_id": "1053409362983720"}}}

    def body(self, i: int, target: int) -> bytes:
        ts = self.base_time + i * 3 + self.rng.randint(0, 2)
        waba_id, phones = self.rng.choice(self.wabas)
        r = self.rng.random()
        if r < 0.05:
            primary = self.account_update_change(waba_id)
        elif r < 0.10:
            primary = self.template_change()
        else:
            primary = self.messages_change(phones, ts, 1)
        envelope = {"object": "whatsapp_business_account",
                    "entry": [{"id": waba_id, "time": ts, "changes": [primary]}]}
        # Pad towards target (+/- 15%), like batched real traffic: more statuses in the same change, or a
        # second entry for another account when the primary change is not a status update.
        goal = int(target * self.rng.uniform(0.85, 1.15))
        if primary["field"] == "messages":
            statuses = primary["value"]["statuses"]
        else:
            other_waba, other_phones = self.rng.choice(self.wabas)
            pad = self.messages_change(other_phones, ts, 1)
            envelope["entry"].append({"id": other_waba, "time": ts, "changes": [pad]})
            statuses = pad["value"]["statuses"]
        while True:
            encoded = encode(envelope)
            if len(encoded) >= goal:
                break
            statuses.append(self.status(ts))
            if len(encode(envelope)) > goal + 200 and len(statuses) > 1:  # don't overshoot by a lot
                statuses.pop()
                encoded = encode(envelope)
                break
        return encoded


def encode(obj) -> bytes:
    # Meta style: compact, non-ASCII \u-escaped, "/" escaped as "\/".
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=True).replace("/", "\\/").encode("ascii")


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("-n", "--count", type=int, default=int(os.environ.get("PAYLOADS", "1000")))
    p.add_argument("--target-size", type=int, default=2048, help="approximate body size in bytes")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out-dir", default=here)
    p.add_argument("--if-stale", action="store_true",
                   help="do nothing if the output files exist and match count, seed, size and secret")
    args = p.parse_args()

    secret = os.environ.get("APP_SECRET", "demo-app-secret").encode()
    meta = {"count": args.count, "seed": args.seed, "target_size": args.target_size,
            "secret_fingerprint": secret_fingerprint(secret)}
    paths = {k: os.path.join(args.out_dir, "payloads." + k) for k in ("jsonl", "sig", "meta")}

    if args.if_stale and all(os.path.exists(p_) for p_ in paths.values()):
        try:
            with open(paths["meta"]) as f:
                if json.load(f) == meta:
                    print(f"payloads up to date ({args.count} bodies in {paths['jsonl']})")
                    return 0
        except (OSError, ValueError):
            pass

    gen = Gen(random.Random(args.seed))
    bodies, fields = [], {}
    for i in range(args.count):
        b = gen.body(i, args.target_size)
        assert b"\n" not in b and b"\r" not in b
        bodies.append(b)
        for entry in json.loads(b)["entry"]:
            for ch in entry["changes"]:
                fields[ch["field"]] = fields.get(ch["field"], 0) + 1

    os.makedirs(args.out_dir, exist_ok=True)
    # Write to temp files and rename, so a concurrently starting wrk never sees a half-written pair.
    tmp = {k: v + ".tmp" for k, v in paths.items()}
    with open(tmp["jsonl"], "wb") as fb, open(tmp["sig"], "wb") as fs:
        for b in bodies:
            fb.write(b + b"\n")
            fs.write(b"sha256=" + hmac.new(secret, b, hashlib.sha256).hexdigest().encode() + b"\n")
    with open(tmp["meta"], "w") as f:
        json.dump(meta, f)
    for k in ("jsonl", "sig", "meta"):
        os.replace(tmp[k], paths[k])

    sizes = [len(b) for b in bodies]
    statuses = sum(b.count(b'"recipient_id"') for b in bodies)
    print(f"wrote {len(bodies)} signed bodies to {paths['jsonl']} (+ .sig)")
    print(f"body size: avg {sum(sizes) / len(sizes):.0f} B, min {min(sizes)} B, max {max(sizes)} B; "
          f"{statuses / len(bodies):.1f} statuses per body on average")
    print("changes by field: " + ", ".join(f"{k}={v}" for k, v in sorted(fields.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
