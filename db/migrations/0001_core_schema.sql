-- Clients, users, signing keys and the token state of every grant.
-- Secrets, codes and refresh tokens are stored only as SHA-256 hashes.

create table clients (
    id                         text primary key,
    secret_hash                bytea,
    secret_expires_at          timestamptz,
    name                       text not null,
    description                text,
    auth_methods               text[] not null,
    grant_types                text[] not null,
    response_types             text[] not null default '{}',
    redirect_uris              text[] not null default '{}',
    post_logout_redirect_uris  text[] not null default '{}',
    scopes                     text[] not null default '{}',
    audiences                  text[] not null default '{}',
    access_token_ttl_seconds   integer not null default 3600 check (access_token_ttl_seconds > 0),
    refresh_token_ttl_seconds  integer not null default 2592000 check (refresh_token_ttl_seconds > 0),
    code_ttl_seconds           integer not null default 300 check (code_ttl_seconds > 0),
    client_settings            jsonb not null default '{}',
    enabled                    boolean not null default true,
    status                     text not null default 'active' check (status in ('active', 'pending', 'rejected')),
    platform                   text,
    source                     text,
    biz_tag                    text,
    tenant_id                  text,
    tenant_name                text,
    version                    integer not null default 1,
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now()
);

create table users (
    id             uuid primary key,
    username       text not null,
    password_hash  text not null,
    enabled        boolean not null default true,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create unique index users_username_key on users (lower(username));

-- Counted per username whether or not the user exists, so a lockout reveals nothing.
create table login_failures (
    username_key   text primary key,
    failures       integer not null,
    locked_until   timestamptz,
    updated_at     timestamptz not null default now()
);

create table signing_keys (
    kid              text primary key,
    private_key_pem  text not null,
    created_at       timestamptz not null default now(),
    -- set when a newer key takes over; the key stays published until every token it signed has expired
    retired_at       timestamptz,
    publish_until    timestamptz
);
-- Exactly one key signs at a time.
create unique index signing_keys_one_active on signing_keys ((true)) where retired_at is null;

-- One family per user sign-in (a code redemption or a password grant): every refresh
-- token rotated from it and every access token carrying its id as `sid`.
create table token_families (
    id          uuid primary key,
    client_id   text not null references clients (id) on delete cascade,
    user_id     uuid references users (id) on delete cascade,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);
create index token_families_client on token_families (client_id);
create index token_families_expires on token_families (expires_at);

create table refresh_tokens (
    token_hash   bytea primary key,
    family_id    uuid not null references token_families (id) on delete cascade,
    parent_hash  bytea,
    client_id    text not null,
    user_id      uuid,
    scope        text not null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    -- set when the token is rotated; a second use of a consumed token revokes its family
    consumed_at  timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_expires on refresh_tokens (expires_at);

create table authorization_codes (
    code_hash              bytea primary key,
    client_id              text not null references clients (id) on delete cascade,
    user_id                uuid not null references users (id) on delete cascade,
    redirect_uri           text not null,
    scope                  text not null,
    code_challenge         text,
    code_challenge_method  text,
    created_at             timestamptz not null default now(),
    expires_at             timestamptz not null,
    consumed_at            timestamptz,
    -- the family created on redemption, revoked if the code is presented again
    family_id              uuid
);
create index authorization_codes_expires on authorization_codes (expires_at);

-- Access tokens revoked one by one (RFC 7009), kept until they would have expired anyway.
create table revoked_access_tokens (
    jti         uuid primary key,
    client_id   text not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz not null default now()
);
create index revoked_access_tokens_expires on revoked_access_tokens (expires_at);
