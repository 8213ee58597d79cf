-- The producer's time of the newest change applied to a session (a reschedule of the whole series) and
-- to an occurrence, so that two changes handled at once by two replicas end with the newer one.
alter table sessions add column changed_at timestamptz;
alter table occurrence_changes add column changed_at timestamptz;
