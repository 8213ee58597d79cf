-- E-mails to send: written in the transaction that created their notification (or digest), sent
-- by a scheduler with retries and backoff, so a notification's e-mail is never lost with SMTP down.
create table emails (
    id              uuid primary key,
    recipient_id    uuid        not null,
    dedupe_key      text        not null unique,  -- event id + recipient, or digest + user + day
    to_address      text        not null,
    subject         text        not null,
    body            text        not null,
    created_at      timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts        int         not null default 0,
    sent_at         timestamptz,
    failed_at       timestamptz,
    last_error      text
);
create index emails_due on emails (next_attempt_at) where sent_at is null and failed_at is null;
