import { describe, expect, it } from 'vitest';
import { frontendTokenSeconds } from './token-lifetime.js';

describe('frontendTokenSeconds', () => {
  it('is Clerk’s 60 s unless AUTHLENS_SIGN_IN_TOKEN_SECONDS says a whole number of seconds up to 7 days', () => {
    expect(frontendTokenSeconds({})).toBe(60);
    expect(frontendTokenSeconds({ AUTHLENS_SIGN_IN_TOKEN_SECONDS: '3600' })).toBe(3600);
    for (const bad of ['0', '-5', '1.5', 'soon', '604801']) {
      expect(frontendTokenSeconds({ AUTHLENS_SIGN_IN_TOKEN_SECONDS: bad }), bad).toBe(60);
    }
  });
});
