-- Invites can be limited to a number of uses and revoked (issue 12).
alter table invites
    add column max_uses   integer,
    add column uses       integer not null default 0,
    add column revoked_at timestamptz;
