-- Self-registered apps (document 000) and the audit trail of every change to a client.

-- What a company declared when it registered an app; the client row holds what the grants use.
create table app_registrations (
    client_id       text primary key references clients (id) on delete cascade,
    app_code_name   text not null check (app_code_name ~ '^[a-z0-9.-]+$'),
    company_name    text not null,
    company_info    text not null,
    homepage_url    text not null,
    contact_name    text not null,
    contact_phone   text not null,
    contact_email   text not null,
    logo            text,
    created_at      timestamptz not null default now()
);
create unique index app_registrations_app_code_name_key on app_registrations (app_code_name);

-- Who changed which client, how and when. Field names only: never a value, so never a secret.
-- No foreign key: the trail of a deleted client stays readable.
create table client_audit (
    id               bigint generated always as identity primary key,
    client_id        text not null,
    action           text not null,
    actor            text not null,
    actor_client_id  text,
    fields           text[] not null default '{}',
    at               timestamptz not null default now()
);
create index client_audit_client on client_audit (client_id, id);
