-- Group webhooks (Discord/Slack-compatible incoming-webhook URLs) and their deliveries.
create table webhooks (
    id                   uuid primary key,
    group_id             uuid        not null,
    url                  text        not null,
    kinds                text[]      not null,
    created_by           uuid        not null,
    created_at           timestamptz not null,
    consecutive_failures int         not null default 0,
    disabled_at          timestamptz
);
create index webhooks_group on webhooks (group_id, created_at);

create table webhook_deliveries (
    id              uuid primary key,
    webhook_id      uuid        not null references webhooks (id) on delete cascade,
    dedupe_key      text        not null unique,  -- event id + webhook id
    payload         text        not null,
    created_at      timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts        int         not null default 0,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    last_error      text
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at)
    where delivered_at is null and failed_at is null;
