create table groups (
    id          uuid primary key,
    name        text        not null,
    description text        not null default '',
    visibility  text        not null check (visibility in ('PUBLIC', 'PRIVATE')),
    time_zone   text        not null,
    owner_id    uuid        not null,
    created_at  timestamptz not null,
    version     bigint      not null default 0
);
-- the group list: newest first, keyset pagination
create index groups_created on groups (created_at desc, id desc);
-- ?q= finds a group by any part of its name
create extension if not exists pg_trgm;
create index groups_name_search on groups using gin (name gin_trgm_ops);

create table memberships (
    id        uuid primary key,
    group_id  uuid        not null references groups (id) on delete cascade,
    user_id   uuid        not null,
    role      text        not null check (role in ('OWNER', 'ORGANIZER', 'MEMBER')),
    joined_at timestamptz not null,
    version   bigint      not null default 0,
    unique (group_id, user_id)
);
-- "my groups" and the member list
create index memberships_user on memberships (user_id);
create index memberships_group_joined on memberships (group_id, joined_at, id);
-- at most one owner per group, checked at commit so that a hand-over can swap two rows
alter table memberships add constraint memberships_one_owner
    exclude using btree (group_id with =) where (role = 'OWNER') deferrable initially deferred;

create table invites (
    code       text primary key,
    group_id   uuid        not null references groups (id) on delete cascade,
    created_by uuid        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
