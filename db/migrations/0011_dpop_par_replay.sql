-- Financial-grade options (issue 16): the replay stores every instance shares, and DPoP key bindings.

-- The jti of every DPoP proof and client assertion seen, by a hash of (kind, scope, jti), kept
-- until the proof or assertion could no longer be accepted anyway (RFC 9449 §11.1, RFC 7523 §3).
create table used_jtis (
    key_hash    bytea primary key,
    expires_at  timestamptz not null
);
create index used_jtis_expires on used_jtis (expires_at);

-- Pushed authorization requests (RFC 9126): the request_uri's hash, the parameters pushed with it,
-- single use (consumed when the code is issued), short-lived.
create table pushed_authorization_requests (
    request_uri_hash  bytea primary key,
    client_id         text not null,
    parameters        jsonb not null,
    expires_at        timestamptz not null,
    consumed_at       timestamptz
);
create index pushed_authorization_requests_expires on pushed_authorization_requests (expires_at);

-- The DPoP key a code is bound to (dpop_jkt, RFC 9449 §10), and the key a public client's
-- refresh tokens are bound to (RFC 9449 §5).
alter table authorization_codes add column dpop_jkt text;
alter table token_families add column dpop_jkt text;
