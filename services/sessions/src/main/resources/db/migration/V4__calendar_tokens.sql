-- One secret feed token per user; only its SHA-256 is stored. Rotating replaces it.
create table calendar_tokens (
    user_id    uuid primary key,
    token_hash text        not null unique,
    created_at timestamptz not null
);
