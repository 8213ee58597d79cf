create table rsvps (
    id            uuid primary key,
    session_id    uuid        not null references coding_sessions (id) on delete cascade,
    user_id       uuid        not null,
    status        text        not null check (status in ('GOING', 'MAYBE', 'DECLINED')),
    -- GOING beyond capacity waits here; FIFO by waitlisted_at
    waitlisted    boolean     not null default false,
    waitlisted_at timestamptz,
    responded_at  timestamptz not null,
    version       bigint      not null default 0,
    unique (session_id, user_id)
);
create index rsvps_session_responded on rsvps (session_id, responded_at, id);
create index rsvps_waitlist on rsvps (session_id, waitlisted_at, id) where waitlisted;
