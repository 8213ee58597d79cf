-- Shared by every service (platform module): the transactional outbox and the consumer inbox.

create table outbox (
    id         uuid primary key,
    type       text        not null,
    envelope   text        not null,
    created_at timestamptz not null default clock_timestamp()
);
create index outbox_created_at on outbox (created_at);

-- NOTIFY is delivered when the inserting transaction commits, and never after a rollback:
-- it wakes the relay exactly when there is something committed to publish.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('nexus_outbox', '');
    return null;
end
$$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();

create table inbox (
    event_id    uuid primary key,
    type        text        not null,
    received_at timestamptz not null default now()
);
