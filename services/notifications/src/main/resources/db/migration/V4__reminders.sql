-- Durable reminders: one per GOING member, session start and lead time. The scheduler fires due
-- ones under FOR UPDATE SKIP LOCKED, so several replicas fire each exactly once; one due while no
-- replica ran fires at the next start, marked late.
create table reminders (
    id           uuid primary key,
    session_id   uuid        not null,
    user_id      uuid        not null,
    starts_at    timestamptz not null,
    lead_minutes int         not null,
    fire_at      timestamptz not null,
    fired_at     timestamptz,
    late         boolean     not null default false,
    unique (session_id, user_id, starts_at, lead_minutes)
);
create index reminders_due on reminders (fire_at) where fired_at is null;
create index reminders_session on reminders (session_id, user_id) where fired_at is null;
