-- The broker client (document 002) that issued a code or started a token family, so its
-- DELETE /v1/oauth/token/{token_id} finds only the tokens it issued and those refreshed from
-- them. Null for codes and families of every other flow. No foreign key: deleting a broker
-- leaves the families alone (and its id is never reused, migration 0014).
alter table authorization_codes add column broker_client_id text;
alter table token_families add column broker_client_id text;
