import { describe, expect, it } from 'vitest';
import { organizationByDefault, pendingByDefault, secondFactorAgeByDefault } from './sign-in-defaults.js';

describe('sign-in defaults', () => {
  it('starts paula’s sessions pending, nobody else’s', () => {
    expect(pendingByDefault('paula')).toBe(true);
    expect(pendingByDefault('alice')).toBe(false);
    expect(pendingByDefault(null)).toBe(false);
  });
  it('enrolls the second factor only with 2FA', () => {
    expect(secondFactorAgeByDefault(true)).toBe(0);
    expect(secondFactorAgeByDefault(false)).toBe(-1);
  });
  it('activates the first organization, or none', () => {
    expect(organizationByDefault(['org_a', 'org_b'])).toBe('org_a');
    expect(organizationByDefault([])).toBeNull();
  });
});
