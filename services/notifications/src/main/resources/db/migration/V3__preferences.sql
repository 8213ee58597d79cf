-- A user's notification preferences; no row = the defaults (every type in-app, no muted group,
-- no digest, reminders 60 and 10 minutes before, no quiet hours).
create table preferences (
    user_id        uuid primary key,
    channels       jsonb       not null default '{}',   -- type -> IN_APP | EMAIL | OFF
    muted_groups   uuid[]      not null default '{}',
    digest         text        not null default 'OFF' check (digest in ('OFF', 'DAILY')),
    reminder_leads int[]       not null default '{60,10}',
    quiet_start    time,
    quiet_end      time,
    last_digest_at timestamptz,
    version        bigint      not null default 0
);
