-- The memberships projection of a consuming service, fed by sessions' group.* events
-- (MembershipsProjection). A member who left keeps a row with role null, so that an older
-- "joined" arriving late cannot bring them back.
create table group_members (
    group_id   uuid        not null,
    user_id    uuid        not null,
    role       text check (role in ('OWNER', 'ORGANIZER', 'MEMBER')),
    updated_at timestamptz not null,
    primary key (group_id, user_id)
);
create index group_members_user on group_members (user_id) where role is not null;
