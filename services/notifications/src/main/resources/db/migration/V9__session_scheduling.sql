-- Which event scheduled each session, and when: a member whose join is handled after the scheduling
-- of a session made after that join is told of the session then (GroupEvents), under the
-- scheduling's event id, so that nobody is told twice. Sessions scheduled before this have neither.
alter table sessions add column scheduled_by uuid, add column scheduled_at timestamptz;
create index sessions_group_scheduled_at on sessions (group_id, scheduled_at);
