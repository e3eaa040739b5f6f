import { describe, expect, it } from 'vitest';
import { AuthlensError } from '../errors.js';
import { BackendApiError, codeForStatus, parseClerkErrors, readClerkTraceId } from './backend-api-error.js';

const facts = { method: 'GET', pathTemplate: '/v1/users/{user_id}', retries: 0, rateLimit: null };

describe('BackendApiError', () => {
  it('is an AuthlensError with a stable code and the call facts', () => {
    const error = new BackendApiError({
      ...facts,
      code: 'ERR_BACKEND_API_RATE_LIMITED',
      status: 429,
      retryAfter: 7,
      clerkTraceId: 'trace_1',
      errors: [{ code: 'too_many_requests', message: 'slow down', longMessage: undefined, meta: undefined }],
    });
    expect(error).toBeInstanceOf(AuthlensError);
    expect(error.name).toBe('BackendApiError');
    expect(error.code).toBe('ERR_BACKEND_API_RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(7);
    expect(error.clerkTraceId).toBe('trace_1');
    expect(error.message).toBe('Backend API GET /v1/users/{user_id} answered 429 (too_many_requests); retry after 7s.');
  });

  it("never puts Clerk's free-text messages (which may quote input such as emails) in its message", () => {
    const error = new BackendApiError({
      ...facts,
      method: 'POST',
      pathTemplate: '/v1/email_addresses',
      code: 'ERR_BACKEND_API_BAD_REQUEST',
      status: 422,
      errors: parseClerkErrors({
        errors: [{ code: 'form_identifier_exists', message: 'alice@example.com is taken', long_message: 'x' }],
      }),
    });
    expect(error.message).not.toContain('alice@example.com');
    expect(error.message).toContain('form_identifier_exists');
    expect(error.errors[0]?.message).toBe('alice@example.com is taken');
  });

  it('names unreachable, timeout and bad-response failures without a status', () => {
    expect(new BackendApiError({ ...facts, code: 'ERR_BACKEND_API_UNREACHABLE' }).message).toBe(
      'Backend API GET /v1/users/{user_id} is unreachable (no HTTP response).',
    );
    expect(new BackendApiError({ ...facts, code: 'ERR_BACKEND_API_TIMEOUT' }).status).toBeNull();
  });
});

describe('codeForStatus', () => {
  it.each([
    [429, 'ERR_BACKEND_API_RATE_LIMITED'],
    [404, 'ERR_BACKEND_API_NOT_FOUND'],
    [401, 'ERR_BACKEND_API_UNAUTHORIZED'],
    [403, 'ERR_BACKEND_API_FORBIDDEN'],
    [400, 'ERR_BACKEND_API_BAD_REQUEST'],
    [422, 'ERR_BACKEND_API_BAD_REQUEST'],
    [500, 'ERR_BACKEND_API_SERVER_ERROR'],
    [503, 'ERR_BACKEND_API_SERVER_ERROR'],
    [409, 'ERR_BACKEND_API_ERROR'],
  ])('%i → %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});

describe('parseClerkErrors', () => {
  it("reads Clerk's error entries, camelCasing long_message", () => {
    expect(
      parseClerkErrors({
        errors: [
          { code: 'resource_not_found', message: 'not found', long_message: 'No user.', meta: { param_name: 'id' } },
        ],
        clerk_trace_id: 't',
      }),
    ).toEqual([
      { code: 'resource_not_found', message: 'not found', longMessage: 'No user.', meta: { param_name: 'id' } },
    ]);
  });

  it('gives no entries for bodies that are not Clerk errors', () => {
    expect(parseClerkErrors('<html>bad gateway</html>')).toEqual([]);
    expect(parseClerkErrors(null)).toEqual([]);
    expect(parseClerkErrors({ errors: 'nope' })).toEqual([]);
  });
});

describe('readClerkTraceId', () => {
  it('prefers the body, then x-clerk-trace-id, then cf-ray', () => {
    expect(readClerkTraceId({ clerk_trace_id: 'body' }, new Headers({ 'cf-ray': 'ray' }))).toBe('body');
    expect(readClerkTraceId({}, new Headers({ 'x-clerk-trace-id': 'hdr', 'cf-ray': 'ray' }))).toBe('hdr');
    expect(readClerkTraceId(undefined, new Headers({ 'cf-ray': 'ray' }))).toBe('ray');
    expect(readClerkTraceId(undefined, new Headers())).toBeNull();
  });
});
