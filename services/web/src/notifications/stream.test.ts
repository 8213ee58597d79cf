import { describe, expect, it } from 'vitest';
import { firstSighting, parseStreamMessage, reconnectDelay } from './stream';

describe('notification stream', () => {
  it('reads the two kinds of message and ignores anything else', () => {
    expect(parseStreamMessage('{"type":"unread-count","count":3}')).toEqual({ type: 'unread-count', count: 3 });
    expect(parseStreamMessage('{"type":"notification","notification":{"id":"n1","title":"Ada joined Katas"}}'))
      .toEqual({ type: 'notification', notification: { id: 'n1', title: 'Ada joined Katas' } });
    expect(parseStreamMessage('{"type":"unread-count","count":"3"}')).toBeNull();
    expect(parseStreamMessage('{"type":"typing"}')).toBeNull();
    expect(parseStreamMessage('not json')).toBeNull();
  });

  it('passes each notification id once and forgets the oldest beyond its limit', () => {
    const isNew = firstSighting(2);
    expect([isNew('a'), isNew('b'), isNew('a')]).toEqual([true, true, false]);
    expect(isNew('c')).toBe(true); // 'a' is forgotten now
    expect([isNew('a'), isNew('c')]).toEqual([true, false]);
  });

  it('reconnects with a growing delay, at once after a membership change, never after the login ended', () => {
    expect([0, 1, 2, 5, 10].map((failures) => reconnectDelay(1006, failures))).toEqual([1000, 2000, 4000, 30000, 30000]);
    expect(reconnectDelay(4004, 3)).toBe(0);
    expect(reconnectDelay(4003, 0)).toBeNull();
    expect(reconnectDelay(4001, 0)).toBeNull();
  });
});
