-- 360Dialog account sharing (a hub that hosts Embedded Signup itself): the client created for the WABA's
-- customer. Its channels belong to the hub because we created the client through the Partner API.
ALTER TABLE wabas ADD COLUMN dialog360_client_id text;
CREATE INDEX wabas_by_dialog360_client ON wabas (hub_id, dialog360_client_id) WHERE dialog360_client_id IS NOT NULL;
