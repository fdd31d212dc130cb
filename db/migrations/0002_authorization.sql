-- The authorization-code flow: the data-protection key ring shared by every instance (sign-in
-- cookies and anti-forgery tokens), and the access tokens that may be deleted by id (broker API).

create table data_protection_keys (
    friendly_name  text primary key,
    xml            text not null,
    created_at     timestamptz not null default now()
);

-- Access tokens issued by the code flow and the broker API, by jti, so that
-- DELETE /v1/oauth/token/{token_id} finds the token's family and lifetime.
create table issued_access_tokens (
    jti         uuid primary key,
    family_id   uuid not null references token_families (id) on delete cascade,
    client_id   text not null,
    expires_at  timestamptz not null
);
create index issued_access_tokens_family on issued_access_tokens (family_id);
create index issued_access_tokens_expires on issued_access_tokens (expires_at);
create index authorization_codes_family on authorization_codes (family_id);
