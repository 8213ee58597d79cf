import { describe, expect, it } from 'vitest';
import { ApiError, parseRetryAfter, toApiError } from './problem';

const invalidRegistration = {
  type: 'https://nexus.dev/problems/invalid-request',
  title: 'Invalid request',
  status: 400,
  detail: 'email: must be an e-mail address like ada@example.org; password: must be 10 to 72 characters long',
  errors: [
    { field: 'email', message: 'must be an e-mail address like ada@example.org' },
    { field: 'password', message: 'must be 10 to 72 characters long' },
  ],
};

describe('problem+json to ApiError', () => {
  it('maps each error to the field it names', () => {
    const error = toApiError(400, invalidRegistration, null);
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual({
      email: 'must be an e-mail address like ada@example.org',
      password: 'must be 10 to 72 characters long',
    });
  });

  it('joins two messages for one field', () => {
    const error = toApiError(400, { ...invalidRegistration, errors: [
      { field: 'password', message: 'is too short' },
      { field: 'password', message: 'is too common' },
    ] }, null);
    expect(error.fieldErrors.password).toBe('is too short; is too common');
  });

  it('uses the detail as the message of a problem without field errors', () => {
    const error = toApiError(409, { type: 'https://nexus.dev/problems/conflict', title: 'Conflict', status: 409,
      detail: 'An account with this e-mail address already exists.' }, null);
    expect(error.message).toBe('An account with this e-mail address already exists.');
    expect(error.fieldErrors).toEqual({});
  });

  it('gives a field the errors of its items, each named by its position', () => {
    const error = toApiError(400, { ...invalidRegistration, errors: [
      { field: 'reminderLeadMinutes[0]', message: 'must be 1 to 10080 minutes' },
      { field: 'reminderLeadMinutes[1]', message: 'must be 1 to 10080 minutes' },
      { field: 'quietStart', message: 'must be HH:mm' },
    ] }, null);
    expect(error.errorOf('reminderLeadMinutes')).toBe('value 1: must be 1 to 10080 minutes; value 2: must be 1 to 10080 minutes');
    expect(error.errorOf('quietStart')).toBe('must be HH:mm');
    expect(error.errorOf('quiet')).toBeUndefined();
    expect(error.messageWithout(['reminderLeadMinutes'])).toBe('quietStart: must be HH:mm');
  });

  it('gives a form only the errors of fields it does not show', () => {
    const error = toApiError(400, invalidRegistration, null);
    expect(error.messageWithout(['email', 'password'])).toBeUndefined();
    expect(error.messageWithout(['email'])).toBe('password: must be 10 to 72 characters long');
    expect(new ApiError(409, 'Taken').messageWithout(['email'])).toBe('Taken');
  });

  it('says when to retry a 429 from Retry-After', () => {
    expect(toApiError(429, { title: 'Too Many Requests', status: 429 }, '30').message)
      .toBe('Too many attempts. Try again in 30 seconds.');
    expect(toApiError(429, undefined, '120').message).toBe('Too many attempts. Try again in 2 minutes.');
    expect(toApiError(429, undefined, '120').retryAfterSeconds).toBe(120);
    expect(toApiError(429, undefined, null).message).toBe('Too many attempts. Try again in a moment.');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5);
    expect(parseRetryAfter('Wed, 02 Dec 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('gives a readable message for an answer that is not a problem', () => {
    expect(toApiError(502, '<html>Bad gateway</html>', null).message)
      .toBe('The server could not complete the request. Try again in a moment.');
    expect(toApiError(404, undefined, null).message).toBe('The request failed (HTTP 404).');
  });
});
