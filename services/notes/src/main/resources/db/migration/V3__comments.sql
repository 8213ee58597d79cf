create table comments (
    id                 uuid primary key,
    target_type        text        not null check (target_type in ('NOTE', 'SOLUTION')),
    target_id          uuid        not null,
    group_id           uuid        not null,
    author_id          uuid        not null,
    body               text        not null,
    html               text        not null,
    mentioned_user_ids uuid[]      not null default '{}',
    created_at         timestamptz not null
);
-- GET /notes/{id}/comments, /solutions/{id}/comments (oldest first)
create index comments_target_created on comments (target_type, target_id, created_at, id);
