create table coding_sessions (
    id               uuid primary key,
    group_id         uuid        not null references groups (id) on delete cascade,
    title            text        not null,
    description      text        not null default '',
    starts_at        timestamptz not null,
    duration_minutes int         not null check (duration_minutes between 5 and 720),
    time_zone        text        not null,
    capacity         int check (capacity > 0),
    recurrence       text,
    meeting_url      text,
    organizer_id     uuid        not null,
    cancelled_at     timestamptz,
    cancel_reason    text,
    -- RFC 5545 SEQUENCE: bumped by every change a calendar client must notice
    sequence         int         not null default 0,
    created_at       timestamptz not null,
    version          bigint      not null default 0
);
-- a group's sessions in time order (listing upcoming occurrences)
create index coding_sessions_group_start on coding_sessions (group_id, starts_at);
