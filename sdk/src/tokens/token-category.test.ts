import { describe, expect, it } from 'vitest';
import {
  isNonSessionCategory,
  JWT_CATEGORY_IGNORE,
  JWT_CATEGORY_JWT_TEMPLATE,
  JWT_CATEGORY_M2M_TOKEN,
  JWT_CATEGORY_SESSION_TOKEN,
} from './token-category.js';

describe('isNonSessionCategory', () => {
  it('accepts no category (older tokens), the session category and the ignore marker', () => {
    expect(isNonSessionCategory(undefined)).toBe(false);
    expect(isNonSessionCategory(JWT_CATEGORY_SESSION_TOKEN)).toBe(false);
    expect(isNonSessionCategory(JWT_CATEGORY_IGNORE)).toBe(false);
  });

  it('flags JWT templates, M2M tokens and unknown categories', () => {
    expect(isNonSessionCategory(JWT_CATEGORY_JWT_TEMPLATE)).toBe(true);
    expect(isNonSessionCategory(JWT_CATEGORY_M2M_TOKEN)).toBe(true);
    expect(isNonSessionCategory('cl_something_new')).toBe(true);
  });
});
