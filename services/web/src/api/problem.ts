import type { components } from './generated/identity';

/** An RFC 9457 problem document, as every Nexus service answers errors. */
export type Problem = components['schemas']['Problem'];

/**
 * A failed API call, typed from its problem document: `fieldErrors` (field → message) go next to
 * the form field they name, `message` is the readable text for everything else.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** What the API says about a field, its items (`leads[0]`) and members (`channels.x`) included. */
  errorOf(field: string): string | undefined {
    const messages = Object.entries(this.fieldErrors)
      .filter(([path]) => belongsTo(path, field))
      .map(([path, message]) => (path === field ? message : `${itemName(path.slice(field.length))}: ${message}`));
    return messages.length > 0 ? messages.join('; ') : undefined;
  }

  /** The message for a form: field errors the form shows itself are left out of it. */
  messageWithout(shownFields: readonly string[]): string | undefined {
    const others = Object.keys(this.fieldErrors).filter((path) => !shownFields.some((field) => belongsTo(path, field)));
    if (Object.keys(this.fieldErrors).length > 0 && others.length === 0) return undefined;
    if (others.length > 0) return others.map((field) => `${field}: ${this.fieldErrors[field]}`).join('; ');
    return this.message;
  }
}

/** `leads[0]` and `channels.x` belong to `leads` and `channels`. */
function belongsTo(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}[`) || path.startsWith(`${field}.`);
}

/** `[0]` → `value 1`, `.x` → `x`: the rest of a field path as a person reads it. */
function itemName(rest: string): string {
  return rest.replace(/^\[(\d+)\]/, (_, index) => `value ${Number(index) + 1}`).replace(/^\./, '');
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'title' in body;
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), if it has a usable value. */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Turns an error answer (its status, parsed body and Retry-After header) into an ApiError. */
export function toApiError(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (status === 429) {
    const wait = retryAfter === undefined ? 'a moment' : describeWait(retryAfter);
    return new ApiError(status, `Too many attempts. Try again in ${wait}.`, {}, retryAfter);
  }
  if (!isProblem(body)) {
    return new ApiError(status, status >= 500
      ? 'The server could not complete the request. Try again in a moment.'
      : `The request failed (HTTP ${status}).`, {}, retryAfter);
  }
  const fieldErrors: Record<string, string> = {};
  for (const { field, message } of body.errors ?? []) {
    fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]}; ${message}` : message;
  }
  return new ApiError(status, body.detail ?? body.title, fieldErrors, retryAfter);
}

/** A readable message for anything a call can throw (a network failure included). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'The server cannot be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
