-- Pair sessions (issue 17). A member's pairing profile: languages, level 1 (new) to 5 (expert), and
-- the hours of the week they are usually free, in UTC (0 = Monday 00:00 UTC … 167).
create table pairing_profiles (
    user_id    uuid primary key,
    languages  text[]      not null,
    level      int         not null check (level between 1 and 5),
    free_hours int[]       not null,
    updated_at timestamptz not null
);

-- The groups of an occurrence of a pair session as an organizer set them (the next occurrence's
-- proposal avoids repeating them): a JSON array of arrays of user ids.
create table occurrence_pairs (
    session_id       uuid        not null references coding_sessions (id) on delete cascade,
    occurrence_start timestamptz not null,
    groups           jsonb       not null,
    set_by           uuid        not null,
    set_at           timestamptz not null,
    primary key (session_id, occurrence_start)
);
