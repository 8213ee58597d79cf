-- Single occurrences of a series that were moved or cancelled (session.rescheduled.v1 /
-- session.cancelled.v1 with occurrenceStartsAt), keyed by the start the rule gives them, so that
-- reminders follow each occurrence.
create table occurrence_changes (
    session_id     uuid        not null,
    original_start timestamptz not null,
    cancelled      boolean     not null,
    moved_to       timestamptz,
    primary key (session_id, original_start)
);
