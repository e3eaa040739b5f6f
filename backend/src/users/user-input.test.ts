import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.js';
import { readUserInput } from './user-input.js';

describe('readUserInput', () => {
  it('reads Clerk’s create params, lower-casing emails and usernames', () => {
    expect(
      readUserInput({
        email_address: ['Alice@Example.com'],
        username: 'Alice',
        first_name: 'Alice',
        totp_secret: 'JBSWY3DPEHPK3PXP',
        backup_codes: ['a', 'b'],
        created_at: '2024-01-02T03:04:05Z',
      }),
    ).toEqual({
      email_address: ['alice@example.com'],
      username: 'alice',
      first_name: 'Alice',
      totp_enabled: true,
      backup_code_enabled: true,
      created_at: Date.parse('2024-01-02T03:04:05Z'),
    });
  });

  it('refuses malformed identifiers and short passwords, naming the field', () => {
    // 'accepted' when the input passes: an error that is not Clerk's 400 (or names no field) fails the test.
    const field = (body: Record<string, unknown>) => {
      try {
        readUserInput(body);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 400) throw error;
        return error.meta?.param_name;
      }
      return 'accepted';
    };
    expect(field({ email_address: ['nope'] })).toBe('email_address');
    expect(field({ phone_number: ['555'] })).toBe('phone_number');
    expect(field({ username: 'has space' })).toBe('username');
    expect(field({ password: 'short' })).toBe('password');
    expect(field({ password: 'short', skip_password_checks: true })).toBe('accepted');
    expect(field({ created_at: 'yesterday' })).toBe('created_at');
  });
});
