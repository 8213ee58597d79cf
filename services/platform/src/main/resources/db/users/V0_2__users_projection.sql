-- The users projection of a consuming service, fed by identity's user.* events (UsersProjection).
create table users (
    id           uuid primary key,
    display_name text        not null,
    time_zone    text        not null,
    email        text        not null default '',
    updated_at   timestamptz not null
);
