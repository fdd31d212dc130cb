-- A deleted client id stays dead. Deleting a client cascades away its token families, and with
-- them every family revocation; re-creating the id would make its old, unexpired access tokens
-- (which the service checks against the client row) valid again. So every deleted id is kept,
-- by a trigger whoever deletes, and an insert of a kept id is refused, whoever inserts.

create table deleted_client_ids (
    id          text primary key,
    deleted_at  timestamptz not null default now()
);

create or replace function auth_keep_deleted_client_id() returns trigger
language plpgsql as $$
begin
    insert into deleted_client_ids (id) values (old.id) on conflict (id) do nothing;
    return null;
end
$$;

create trigger clients_keep_deleted_id
    after delete on clients
    for each row execute function auth_keep_deleted_client_id();

-- Raised as a unique violation of the pseudo-constraint clients_id_deleted, so the stores tell
-- it apart from a taken id; ON CONFLICT does not catch it, the insert fails as a whole.
create or replace function auth_refuse_deleted_client_id() returns trigger
language plpgsql as $$
begin
    if exists (select 1 from deleted_client_ids where id = new.id) then
        raise exception 'this client id belonged to a deleted client and is not reused'
            using errcode = 'unique_violation', constraint = 'clients_id_deleted';
    end if;
    return new;
end
$$;

create trigger clients_refuse_deleted_id
    before insert or update of id on clients
    for each row execute function auth_refuse_deleted_client_id();
