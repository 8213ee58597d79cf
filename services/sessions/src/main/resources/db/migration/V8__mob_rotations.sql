-- Mob sessions (issue 17). How a session is run: a mob passes the keyboard every rotation_minutes.
create table session_formats (
    session_id       uuid primary key references coding_sessions (id) on delete cascade,
    format           text not null check (format in ('PAIR', 'MOB')),
    rotation_minutes int  not null check (rotation_minutes between 5 and 60)
);

-- The driver turns published for an occurrence of a mob session; earlier occurrences' turns make
-- the next rotation fair.
create table drive_turns (
    session_id       uuid        not null references coding_sessions (id) on delete cascade,
    occurrence_start timestamptz not null,
    turn_at          timestamptz not null,
    driver_id        uuid        not null,
    primary key (session_id, occurrence_start, turn_at)
);
create index drive_turns_driver on drive_turns (session_id, driver_id);
