-- Every change to a client is announced on channel auth_client_changed (payload: the client id)
-- so each instance drops its cached copy; NOTIFY is delivered on commit, to every listener.
create or replace function auth_notify_client_changed() returns trigger
language plpgsql as $$
begin
    perform pg_notify('auth_client_changed', coalesce(new.id, old.id));
    return null;
end
$$;

create trigger clients_notify_changed
    after insert or update or delete on clients
    for each row execute function auth_notify_client_changed();
