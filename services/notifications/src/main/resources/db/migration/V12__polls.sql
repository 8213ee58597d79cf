-- Availability polls (poll.opened/answered/closed): who has answered, and when to remind the rest.
create table polls (
    id           uuid primary key,
    group_id     uuid        not null,
    title        text        not null,
    organizer_id uuid        not null,
    deadline     timestamptz not null,
    -- a day before the deadline; halfway to it for a poll opened less than two days before
    remind_at    timestamptz not null,
    closed       boolean     not null default false,
    reminded_at  timestamptz
);
create index polls_due on polls (remind_at) where not closed and reminded_at is null;

create table poll_respondents (
    poll_id uuid not null,
    user_id uuid not null,
    primary key (poll_id, user_id)
);
