import type { NewWebhook, Webhook, WebhookFormat } from './api/api';
import { ApiError } from './api/problem';

/**
 * What a group webhook can receive, in the API's order, with what each means to an organizer. The
 * OpenAPI document types `kinds` as plain strings (the list is only in its description), so it is
 * kept here: the notifications service's `Webhooks.KINDS` (`Kind.GROUP_NEWS_KEYS_TEXT`).
 */
export const webhookKinds: { kind: string; label: string }[] = [
  { kind: 'session.scheduled', label: 'A session is scheduled' },
  { kind: 'session.rescheduled', label: 'A session is moved' },
  { kind: 'session.cancelled', label: 'A session is cancelled' },
  { kind: 'note.posted', label: 'A note is posted' },
  { kind: 'group.member-joined', label: 'Someone joins the group' },
];

/** A kind as a person reads it; one the app does not know yet shows its key. */
export function kindLabel(kind: string): string {
  return webhookKinds.find((known) => known.kind === kind)?.label ?? kind;
}

/** The two kinds of receiver, as the form offers them and the list names them. */
export const webhookFormats: { format: WebhookFormat; label: string; description: string }[] = [
  {
    format: 'CHAT',
    label: 'Discord or Slack chat',
    description: 'The incoming-webhook URL of a Discord or Slack channel (on discord.com, discordapp.com or'
      + ' hooks.slack.com): each piece of news is posted there as a chat message. The URL is its own secret,'
      + ' so the list shows it shortened.',
  },
  {
    format: 'CLOUDEVENTS',
    label: 'Signed CloudEvents endpoint',
    description: 'An https endpoint of your own on the public internet: each piece of news is posted as a'
      + ' CloudEvent (JSON), signed with a secret that is shown to you once, so that your endpoint can check'
      + ' that the post comes from Nexus.',
  },
];

export function formatLabel(format: WebhookFormat | undefined): string {
  return webhookFormats.find((known) => known.format === (format ?? 'CHAT'))!.label;
}

/** How a webhook is doing: switched off after repeated failures, failing lately, or fine. */
export function webhookState(webhook: Webhook): { label: string; problem: boolean } {
  const failures = webhook.consecutiveFailures ?? 0;
  const times = `${failures} ${failures === 1 ? 'failure' : 'failures'}`;
  if (webhook.disabled) return { label: `Disabled after ${times}`, problem: true };
  if (failures > 0) return { label: `Active; the last ${failures === 1 ? 'delivery' : `${failures} deliveries`} failed`, problem: true };
  return { label: 'Active', problem: false };
}

export interface WebhookDraft {
  url: string;
  format: WebhookFormat;
  kinds: readonly string[];
}

/**
 * The body of `POST /webhooks`, the kinds in the API's order. What the API would refuse whatever
 * the address resolves to (no kind, no address, not https) is refused here, named as the API names
 * its fields (`url`, `kinds`); the rest of the address check (allowed hosts, public addresses)
 * needs the server.
 */
export function newWebhookBody(groupId: string, draft: WebhookDraft): NewWebhook {
  const errors: Record<string, string> = {};
  const url = draft.url.trim();
  if (!url) errors.url = 'is required';
  else if (!/^https:\/\//i.test(url)) errors.url = 'must be an https URL';
  if (draft.kinds.length === 0) errors.kinds = 'choose at least one';
  if (Object.keys(errors).length > 0) throw new ApiError(400, 'Check the webhook.', errors);
  const kinds = webhookKinds.map(({ kind }) => kind).filter((kind) => draft.kinds.includes(kind));
  return { groupId, url, format: draft.format, kinds };
}

/** `kinds` with `kind` checked or not, in the API's order. */
export function toggleKind(kinds: readonly string[], kind: string, checked: boolean): string[] {
  const chosen = new Set(kinds);
  if (checked) chosen.add(kind);
  else chosen.delete(kind);
  return webhookKinds.map((known) => known.kind).filter((known) => chosen.has(known));
}
