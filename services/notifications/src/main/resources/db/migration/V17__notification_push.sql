-- Whether the notification was to be pushed live when stored (false: the recipient's quiet hours, or
-- held while they were in a session). MissedPushes sends only these to sockets that missed them.
alter table notifications add column push boolean not null default true;
