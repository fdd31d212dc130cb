-- One canonical username (NFKC, case-folded, trimmed) for storage, lookup and counters, and
-- password attempts counted per (username, source) and per username, reserved before the hash.

-- Refuse, naming them, when two users would share one canonical username: an operator must
-- rename or merge them first (the service cannot tell which of them is the owner).
do $$
declare
    clashes text;
begin
    select string_agg(format('%s <- %s', canonical, spellings), '; ' order by canonical)
    into clashes
    from (
        select lower(normalize(btrim(username), NFKC)) as canonical,
               string_agg(format('%L (id %s)', username, id), ', ' order by username) as spellings
        from users
        group by 1
        having count(*) > 1
    ) c;
    if clashes is not null then
        raise exception 'users collide once usernames are canonical (NFKC, case-folded, trimmed); rename or merge them, then migrate again: %', clashes;
    end if;
end $$;

drop index users_username_key;
update users set username = lower(normalize(btrim(username), NFKC))
where username <> lower(normalize(btrim(username), NFKC));
-- Note: identity is the stored canonical form only; no lower() at lookup time.
create unique index users_username_key on users (username);

drop table login_failures;

-- source '' is the account counter; any other source is (client id + address) or (page + address).
create table password_attempts (
    username       text not null,
    source         text not null,
    failures       integer not null default 0,
    window_start   timestamptz not null,
    locked_until   timestamptz,
    -- reservations of checks in flight: {"reservation id": lease end as epoch seconds}
    in_flight      jsonb not null default '{}',
    last_check_at  timestamptz,
    -- whether the account counter was engaged at this source's last reservation
    slowed         boolean not null default false,
    updated_at     timestamptz not null,
    primary key (username, source)
);
create index password_attempts_updated on password_attempts (updated_at);

-- The reservations whose lease has not ended (a process that died mid-check stops counting).
create function password_attempt_live(leases jsonb, now_epoch double precision) returns jsonb
language sql immutable as $$
    select coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
    from jsonb_each(leases)
    where value::double precision > now_epoch
$$;
