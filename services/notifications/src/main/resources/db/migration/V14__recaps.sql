-- Session recaps. The session a note or problem was posted for (note.posted and problem.posted
-- carry it; a solution belongs to its problem's), and when problems and solutions were posted.
alter table contents add column session_id uuid;
create index contents_session on contents (session_id) where session_id is not null;

-- One row per occurrence recapped: its key makes each recap go out once, with several replicas.
create table recaps (
    session_id       uuid        not null,
    occurrence_start timestamptz not null,
    sent_at          timestamptz not null default now(),
    primary key (session_id, occurrence_start)
);
