-- Generic webhooks (issue 17): any public https endpoint gets the group's events as CloudEvents,
-- signed the Standard Webhooks way with the webhook's secret. A rotated-out secret still signs for a
-- day beside the new one, so that a receiver can switch without losing a post.
alter table webhooks
    add column format text not null default 'CHAT' check (format in ('CHAT', 'CLOUDEVENTS')),
    add column secret text,
    add column previous_secret text,
    add column previous_secret_until timestamptz,
    add constraint webhooks_signed check ((format = 'CLOUDEVENTS') = (secret is not null));
