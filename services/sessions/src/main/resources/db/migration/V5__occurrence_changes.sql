-- One occurrence of a series cancelled or moved, without touching the series.
create table occurrence_changes (
    session_id     uuid        not null references coding_sessions (id) on delete cascade,
    -- the start the series rule gives this occurrence (its RECURRENCE-ID)
    original_start timestamptz not null,
    cancelled      boolean     not null default false,
    moved_to       timestamptz,
    reason         text,
    primary key (session_id, original_start)
);
