import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import {
  nullableString,
  optionalInteger,
  optionalObject,
  optionalStringArray,
  queryInteger,
  queryStrings,
  requiredString,
} from './params.js';

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
  }
  throw new Error('expected an ApiError');
}

describe('body readers', () => {
  it('name the field in Clerk’s 400s', () => {
    expect(errorOf(() => requiredString({}, 'user_id'))).toMatchObject({
      status: 400,
      code: 'form_param_missing',
      meta: { param_name: 'user_id' },
    });
    expect(errorOf(() => requiredString({ user_id: 3 }, 'user_id'))).toMatchObject({
      code: 'form_param_format_invalid',
      meta: { param_name: 'user_id' },
    });
    expect(errorOf(() => optionalInteger({ n: 1.5 }, 'n')).code).toBe('form_param_format_invalid');
    expect(errorOf(() => optionalInteger({ n: 0 }, 'n', 1)).longMessage).toContain('at least 1');
    expect(errorOf(() => optionalObject({ o: [] }, 'o')).code).toBe('form_param_format_invalid');
    expect(errorOf(() => optionalStringArray({ a: [1] }, 'a')).code).toBe('form_param_format_invalid');
  });

  it('tell absent from cleared, and accept a single string for an array', () => {
    expect(nullableString({}, 'x')).toBeUndefined();
    expect(nullableString({ x: null }, 'x')).toBeNull();
    expect(optionalStringArray({ a: 'one' }, 'a')).toEqual(['one']);
  });
});

describe('query readers', () => {
  it('read bounded integers and repeated or comma-separated lists', () => {
    const q = new URLSearchParams('limit=20&user_id=a&user_id=b,c');
    expect(queryInteger(q, 'limit', 10, 1, 500)).toBe(20);
    expect(queryInteger(q, 'offset', 0)).toBe(0);
    expect(queryStrings(q, 'user_id')).toEqual(['a', 'b', 'c']);
    expect(errorOf(() => queryInteger(new URLSearchParams('limit=501'), 'limit', 10, 1, 500)).code).toBe(
      'form_param_format_invalid',
    );
  });
});
