-- Session-aware quiet hours: while a person is in a session they have a place at, the pushes and
-- e-mails of their notifications wait (the inbox still records them), and are released after it
-- as one catch-up notification. On unless the person turns it off.
alter table preferences add column hold_in_sessions boolean not null default true;
-- the sessions a person has a place at, looked up for every notification
create index rsvps_going on rsvps (user_id) where status = 'GOING' and not waitlisted;

-- A person whose notifications are held: until when, and the session they are in.
create table holds (
    recipient_id uuid primary key,
    release_at   timestamptz not null,
    session_id   uuid        not null
);
create index holds_due on holds (release_at);

-- The held notifications, and whether each also wanted an e-mail.
create table held (
    notification_id uuid primary key,
    recipient_id    uuid    not null,
    email           boolean not null
);
create index held_recipient on held (recipient_id);
