import { describe, expect, it } from 'vitest';
import { pageOf } from './links';

describe('a notification’s page in the app', () => {
  it('opens sessions, groups, notes, problems and solutions, and nothing for what the app does not show', () => {
    expect(pageOf('/api/v1/sessions/s1')).toBe('/sessions/s1');
    expect(pageOf('/api/v1/groups/g1/members')).toBe('/groups/g1');
    expect(pageOf('/api/v1/notes/n1')).toBe('/notes/n1');
    expect(pageOf('/api/v1/problems/p1/solutions')).toBe('/problems/p1');
    expect(pageOf('/api/v1/solutions/x1')).toBe('/solutions/x1');
    expect(pageOf('/api/v1/polls/q1')).toBe('/polls/q1');
    expect(pageOf('/api/v1/notifications?unread=true')).toBe('/notifications');
    expect(pageOf('/api/v1/webhooks/w1')).toBeUndefined();
    expect(pageOf('/api/v1/webhooks')).toBeUndefined();
    expect(pageOf(undefined)).toBeUndefined();
  });

  it('opens the webhooks of the group a disabled webhook belongs to', () => {
    expect(pageOf('/api/v1/webhooks?groupId=g1')).toBe('/groups/g1/webhooks');
  });

  it('opens the recap page of the date a recap notification is about', () => {
    expect(pageOf('/api/v1/recaps/s1/2026-12-04T17:00:00Z')).toBe('/sessions/s1/recap/2026-12-04T17:00:00Z');
    expect(pageOf('/api/v1/recaps/s1')).toBeUndefined();
  });
});
