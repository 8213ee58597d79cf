create table accounts (
    id            uuid primary key,
    email         text        not null unique,
    password_hash text        not null,
    display_name  text        not null,
    time_zone     text        not null,
    created_at    timestamptz not null,
    version       bigint      not null default 0
);

create table refresh_tokens (
    id          uuid primary key,
    family_id   uuid        not null,
    account_id  uuid        not null references accounts (id) on delete cascade,
    token_hash  text        not null unique,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz,
    version     bigint      not null default 0
);
create index refresh_tokens_family on refresh_tokens (family_id);
