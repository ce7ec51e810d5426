-- What the signup said beyond its ids: how Embedded Signup finished (FINISH, FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING
-- for a coexistence number, ...), the hosted signup session it came from and the partner's own customer reference.
-- Null for rows written before, and for signups that did not carry them.
ALTER TABLE wabas
    ADD COLUMN finish_type        text,
    ADD COLUMN signup_session_id  text,
    ADD COLUMN customer_reference text;
