-- Mob driver turns (session.rotation-published.v1): each driver is told at their turn, by a
-- scheduler on every replica (FOR UPDATE SKIP LOCKED), once. published_at is the producer's time of
-- the rotation, so that an older publication handled later does not replace a newer one.
create table drive_turns (
    id               uuid primary key,
    session_id       uuid        not null,
    occurrence_start timestamptz not null,
    group_id         uuid        not null,
    title            text        not null,
    driver_id        uuid        not null,
    turn_at          timestamptz not null,
    until            timestamptz not null,
    published_at     timestamptz not null,
    fired_at         timestamptz
);
create index drive_turns_due on drive_turns (turn_at) where fired_at is null;
create index drive_turns_occurrence on drive_turns (session_id, occurrence_start);
