-- 360Dialog's IO signature is HMAC-SHA512 over {partnerId}|{io_timestamp} only, and 360Dialog accepts each
-- signature once. Two links of one partner signed in the same second would carry the same signature, and the
-- second customer's onboarding would be refused as a replay. So every link of a partner takes a second of
-- its own from this clock: the last second handed out, advanced atomically by one statement (SignatureClock),
-- which is safe across replicas.
CREATE TABLE signature_clock (
    partner_id  text   PRIMARY KEY,
    last_second bigint NOT NULL
);

-- Start each partner's clock after its links issued so far: a link signed before this migration may still
-- be unused at 360Dialog, and a new link in the same second would carry its signature.
INSERT INTO signature_clock (partner_id, last_second)
SELECT partner_id, max(io_timestamp) FROM links GROUP BY partner_id;

-- Backstop for the clock: no two links of a partner with one second, whatever sets io_timestamp (a clock
-- row deleted by hand, a replica still on the old version during a rolling deploy). A colliding insert
-- fails (500, safe to retry: the retry takes a new second) instead of handing out a link 360Dialog would
-- refuse. Links issued before this migration may already share a second (the defect this fixes) and
-- cannot be changed (their URLs are out), so the index covers only the seconds after them; the cut-off is
-- a constant because an index predicate must be immutable.
DO $$
BEGIN
    EXECUTE format(
        'CREATE UNIQUE INDEX links_one_signature_second_per_partner ON links (partner_id, io_timestamp) WHERE io_timestamp > %s',
        GREATEST(COALESCE((SELECT max(io_timestamp) FROM links), 0), floor(extract(epoch FROM now()))::bigint));
END
$$;
