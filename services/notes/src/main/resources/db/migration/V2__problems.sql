create table problems (
    id                   uuid primary key,
    group_id             uuid        not null,
    session_id           uuid,
    author_id            uuid        not null,
    title                text        not null,
    statement            text        not null,
    html                 text        not null,
    link                 text,
    accepted_solution_id uuid,
    created_at           timestamptz not null,
    version              bigint      not null,
    -- title and statement only: solution bodies are never searchable (spoiler guard)
    search               tsvector generated always as
        (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', statement), 'B')) stored
);
create index problems_group_created on problems (group_id, created_at desc, id desc);
create index problems_search on problems using gin (search);

create table solutions (
    id         uuid primary key,
    problem_id uuid        not null references problems (id),
    group_id   uuid        not null,
    author_id  uuid        not null,
    body       text        not null,
    html       text        not null,
    language   text        not null,
    votes      int         not null default 0 check (votes >= 0),
    created_at timestamptz not null,
    version    bigint      not null
);
create index solutions_problem_created on solutions (problem_id, created_at desc, id desc);
create index solutions_problem_author on solutions (problem_id, author_id);

-- One vote per member per solution; solutions.votes is its count, kept in the same transaction.
create table votes (
    solution_id uuid        not null references solutions (id),
    user_id     uuid        not null,
    created_at  timestamptz not null,
    primary key (solution_id, user_id)
);

-- Who asked to see the other solutions of a problem before solving it.
create table reveals (
    problem_id  uuid        not null references problems (id),
    user_id     uuid        not null,
    revealed_at timestamptz not null,
    primary key (problem_id, user_id)
);
