-- OpenID Connect (Core 1.0): the users' profile claims, the browser sign-in sessions, remembered
-- consent, and what an ID token needs from a code and a family (nonce, time of authentication).

-- The standard claims of the profile and email scopes (OpenID Connect Core §5.1); updated_at is users.updated_at.
alter table users
    add column name            text,
    add column given_name      text,
    add column family_name     text,
    add column email           text,
    add column email_verified  boolean not null default false;

-- One row per browser sign-in. The cookie carries a random handle; only its SHA-256 is stored,
-- so ending the row ends the session on every instance at its next request.
create table browser_sessions (
    handle_hash    bytea primary key,
    user_id        uuid not null references users (id) on delete cascade,
    auth_time      timestamptz not null,
    -- sliding: pushed forward on use, never beyond expires_at
    idle_until     timestamptz not null,
    expires_at     timestamptz not null,
    ended_at       timestamptz
);
create index browser_sessions_user on browser_sessions (user_id);
create index browser_sessions_expires on browser_sessions (expires_at);

-- Consent a user chose to remember, per client: the union of the scope sets allowed with "remember".
create table remembered_consents (
    user_id     uuid not null references users (id) on delete cascade,
    client_id   text not null references clients (id) on delete cascade,
    scopes      text[] not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (user_id, client_id)
);
create index remembered_consents_client on remembered_consents (client_id);

-- The nonce of the authentication request, echoed in the ID token (Core §3.1.2.1), and when the
-- user authenticated (auth_time), which a refreshed ID token repeats (Core §12.2).
alter table authorization_codes
    add column nonce      text,
    add column auth_time  timestamptz;
alter table token_families
    add column auth_time  timestamptz;
