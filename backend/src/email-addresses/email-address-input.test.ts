import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.js';
import { readEmailAddressInput } from './email-address-input.js';

const fieldOf = (body: Record<string, unknown>) => {
  try {
    readEmailAddressInput(body);
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, code: error.code, field: error.meta?.param_name };
    throw error;
  }
  return null;
};

describe('readEmailAddressInput', () => {
  it('lower-cases the address and defaults to unverified, primary left to the user’s other addresses', () => {
    expect(readEmailAddressInput({ user_id: 'user_1', email_address: 'New@Example.COM' })).toEqual({
      user_id: 'user_1',
      email_address: 'new@example.com',
      verified: false,
      primary: undefined,
    });
  });

  it('keeps explicit verified and primary flags', () => {
    const input = readEmailAddressInput({ user_id: 'u', email_address: 'a@b.co', verified: true, primary: false });
    expect(input).toMatchObject({ verified: true, primary: false });
  });

  it.each([
    [{ email_address: 'a@b.co' }, 'form_param_missing', 'user_id'],
    [{ user_id: 'u' }, 'form_param_missing', 'email_address'],
    [{ user_id: 'u', email_address: 'not-an-email' }, 'form_param_format_invalid', 'email_address'],
    [{ user_id: 42, email_address: 'a@b.co' }, 'form_param_format_invalid', 'user_id'],
    [{ user_id: 'u', email_address: 'a@b.co', verified: 'yes' }, 'form_param_format_invalid', 'verified'],
    [{ user_id: 'u', email_address: 'a@b.co', primary: 1 }, 'form_param_format_invalid', 'primary'],
    [
      { user_id: 'u', email_address: 'a@b.co', reserved_for_second_factor: 'no' },
      'form_param_format_invalid',
      'reserved_for_second_factor',
    ],
  ])('answers 400 naming the field for %j', (body, code, field) => {
    expect(fieldOf(body)).toEqual({ status: 400, code, field });
  });
});
