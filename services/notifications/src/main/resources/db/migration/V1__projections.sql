-- What the notification rules need to know, kept from other services' events.

-- Sessions (session.scheduled/rescheduled/cancelled): times, organizer, zone.
create table sessions (
    id           uuid primary key,
    group_id     uuid        not null,
    title        text        not null,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    time_zone    text        not null,
    organizer_id uuid        not null,
    recurrence   text,
    cancelled    boolean     not null default false
);

-- Answers (session.rsvp-changed, session.waitlist-promoted); the newest event per member wins.
create table rsvps (
    session_id uuid        not null,
    user_id    uuid        not null,
    status     text        not null,
    waitlisted boolean     not null,
    updated_at timestamptz not null,
    primary key (session_id, user_id)
);

-- Who wrote what (note.posted, problem.posted, solution.posted).
create table contents (
    id         uuid primary key,
    kind       text not null check (kind in ('NOTE', 'PROBLEM', 'SOLUTION')),
    group_id   uuid not null,
    author_id  uuid not null,
    problem_id uuid,
    title      text not null default ''
);
-- earlier solvers of a problem
create index contents_problem on contents (problem_id, author_id) where kind = 'SOLUTION';

-- Group names for texts (group.created / group.updated).
create table groups (
    id   uuid primary key,
    name text not null
);
