-- A user's notifications. One event gives a recipient at most one: unique (event_id, recipient_id);
-- reminders use the reminder's id as their event id.
create table notifications (
    id           uuid primary key,
    seq          bigint generated always as identity unique,
    recipient_id uuid        not null,
    event_id     uuid        not null,
    type         text        not null,
    group_id     uuid,
    title        text        not null,
    body         text        not null,
    link         text        not null,
    created_at   timestamptz not null,
    read_at      timestamptz,
    unique (event_id, recipient_id)
);
-- the inbox (newest first, by seq) and its unread filter / count
create index notifications_recipient on notifications (recipient_id, seq desc);
create index notifications_unread on notifications (recipient_id, seq desc) where read_at is null;
