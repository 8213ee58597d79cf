-- Which event posted each note, and when: like sessions.scheduled_by/scheduled_at (V9), so that a
-- member whose join is handled after a note posted after that join is told of the note then.
alter table contents add column posted_by uuid, add column posted_at timestamptz;
create index contents_group_posted_at on contents (group_id, posted_at) where kind = 'NOTE';
