import { describe, expect, it } from 'vitest';
import { ApiError } from './api/problem';
import { formatLabel, kindLabel, newWebhookBody, toggleKind, webhookKinds, webhookState } from './webhooks';

const allKinds = webhookKinds.map(({ kind }) => kind);

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('the webhook form', () => {
  it('offers the five kinds of group news the API takes, in its order', () => {
    expect(allKinds).toEqual(['session.scheduled', 'session.rescheduled', 'session.cancelled', 'note.posted', 'group.member-joined']);
  });

  it('names a kind as a person reads it, and one it does not know by its key', () => {
    expect(kindLabel('note.posted')).toBe('A note is posted');
    expect(kindLabel('poll.opened')).toBe('poll.opened');
  });

  it('names the format, a missing one as the API’s default (chat)', () => {
    expect(formatLabel('CLOUDEVENTS')).toBe('Signed CloudEvents endpoint');
    expect(formatLabel('CHAT')).toBe('Discord or Slack chat');
    expect(formatLabel(undefined)).toBe('Discord or Slack chat');
  });

  it('sends the URL trimmed and the kinds in the API’s order', () => {
    expect(newWebhookBody('g1', { url: '  https://93.184.216.34/hooks ', format: 'CLOUDEVENTS', kinds: ['note.posted', 'session.scheduled'] }))
      .toEqual({ groupId: 'g1', url: 'https://93.184.216.34/hooks', format: 'CLOUDEVENTS', kinds: ['session.scheduled', 'note.posted'] });
  });

  it('refuses no kind and a URL that is missing or not https before sending, named as the API names them', () => {
    const none = refusal(() => newWebhookBody('g1', { url: ' ', format: 'CHAT', kinds: [] }));
    expect(none.fieldErrors).toEqual({ url: 'is required', kinds: 'choose at least one' });
    const http = refusal(() => newWebhookBody('g1', { url: 'http://discord.com/api/webhooks/1/x', format: 'CHAT', kinds: allKinds }));
    expect(http.errorOf('url')).toBe('must be an https URL');
    expect(http.messageWithout(['url', 'kinds'])).toBeUndefined();
    expect(newWebhookBody('g1', { url: 'HTTPS://discord.com/api/webhooks/1/x', format: 'CHAT', kinds: allKinds }).url)
      .toBe('HTTPS://discord.com/api/webhooks/1/x');
  });

  it('checks and unchecks a kind, keeping the API’s order', () => {
    expect(toggleKind(['note.posted'], 'session.scheduled', true)).toEqual(['session.scheduled', 'note.posted']);
    expect(toggleKind(['session.scheduled', 'note.posted'], 'session.scheduled', false)).toEqual(['note.posted']);
    expect(toggleKind(['note.posted'], 'note.posted', true)).toEqual(['note.posted']);
  });
});

describe('a webhook’s state', () => {
  it('is disabled after the failures the API counted', () => {
    expect(webhookState({ disabled: true, consecutiveFailures: 5 })).toEqual({ label: 'Disabled after 5 failures', problem: true });
    expect(webhookState({ disabled: true, consecutiveFailures: 1 }).label).toBe('Disabled after 1 failure');
  });

  it('is active, saying so when its last deliveries failed', () => {
    expect(webhookState({ disabled: false, consecutiveFailures: 0 })).toEqual({ label: 'Active', problem: false });
    expect(webhookState({ disabled: false, consecutiveFailures: 1 }).label).toBe('Active; the last delivery failed');
    expect(webhookState({ disabled: false, consecutiveFailures: 3 }).label).toBe('Active; the last 3 deliveries failed');
    expect(webhookState({}).label).toBe('Active');
  });
});
