-- The operators' console and the users' connected-apps page: roles granted to user accounts
-- (by the CLI), and audit entries that name a user acted on or carry a note (a rejection's reason).

create table user_roles (
    user_id     uuid not null references users (id) on delete cascade,
    role        text not null check (role in ('operator')),
    granted_at  timestamptz not null default now(),
    primary key (user_id, role)
);

-- A console action on a user (disable, unlock) has no client; a grant revoked has both.
alter table client_audit alter column client_id drop not null;
alter table client_audit add column user_id uuid;
alter table client_audit add column note text;
create index client_audit_user on client_audit (user_id, id) where user_id is not null;

-- The registrations queue lists pending clients oldest first.
create index clients_pending on clients (created_at) where status = 'pending';
-- A user's grants, for the console and the connected-apps page.
create index token_families_user on token_families (user_id) where revoked_at is null;
