-- Availability polls: candidate slots, members' answers, and the session their closing scheduled.
create table polls (
    id             uuid primary key,
    group_id       uuid        not null references groups (id) on delete cascade,
    title          text        not null,
    description    text        not null default '',
    -- the zone the chosen slot is scheduled in (a series keeps its wall-clock time there)
    time_zone      text        not null,
    deadline       timestamptz not null,
    organizer_id   uuid        not null,
    created_at     timestamptz not null,
    closed_at      timestamptz,
    chosen_slot_id uuid,
    session_id     uuid,
    version        bigint      not null default 0
);
-- a group's polls, newest first
create index polls_group_created on polls (group_id, created_at desc, id desc);

create table poll_slots (
    id               uuid primary key,
    poll_id          uuid        not null references polls (id) on delete cascade,
    starts_at        timestamptz not null,
    duration_minutes int         not null check (duration_minutes between 5 and 720),
    unique (poll_id, starts_at, duration_minutes)
);

create table poll_answers (
    id          uuid primary key,
    poll_id     uuid        not null references polls (id) on delete cascade,
    slot_id     uuid        not null references poll_slots (id) on delete cascade,
    user_id     uuid        not null,
    answer      text        not null check (answer in ('YES', 'IF_NEED_BE', 'NO')),
    answered_at timestamptz not null,
    unique (slot_id, user_id)
);
create index poll_answers_poll on poll_answers (poll_id, user_id);
