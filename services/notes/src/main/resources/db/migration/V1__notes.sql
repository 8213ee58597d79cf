-- Sessions known to this service (from session.scheduled.v1), so that a note or problem can be
-- linked only to a session of its own group.
create table group_sessions (
    session_id uuid primary key,
    group_id   uuid not null
);

create table notes (
    id         uuid primary key,
    group_id   uuid        not null,
    session_id uuid,
    author_id  uuid        not null,
    title      text        not null,
    body       text        not null,
    html       text        not null,
    tags       text[]      not null default '{}',
    revision   int         not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null,
    search     tsvector generated always as
        (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) stored
);
-- GET /notes?groupId= (newest first) and its sessionId / tag / q filters
create index notes_group_created on notes (group_id, created_at desc, id desc);
create index notes_session_created on notes (session_id, created_at desc, id desc) where session_id is not null;
create index notes_tags on notes using gin (tags);
create index notes_search on notes using gin (search);

-- Every version of a note: number 1 is the note as posted, each edit adds one.
create table note_revisions (
    id         uuid primary key,
    note_id    uuid        not null references notes (id) on delete cascade,
    number     int         not null,
    author_id  uuid        not null,
    title      text        not null,
    body       text        not null,
    tags       text[]      not null,
    created_at timestamptz not null,
    unique (note_id, number)
);
