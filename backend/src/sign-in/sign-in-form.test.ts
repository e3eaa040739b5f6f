import { describe, expect, it } from 'vitest';
import { parseSignInForm, SignInFormError } from './sign-in-form.js';

describe('parseSignInForm', () => {
  it('reads every field the page posts', () => {
    const form = new URLSearchParams({
      user_id: 'user_1',
      redirect_url: 'http://localhost:3000/',
      active_organization_id: 'org_1',
      pending: 'true',
      fva_first_factor: '5',
      fva_second_factor: '-1',
    });
    expect(parseSignInForm(form)).toEqual({
      userId: 'user_1',
      username: null,
      redirectUrl: 'http://localhost:3000/',
      activeOrganizationId: 'org_1',
      pending: true,
      factorVerificationAge: [5, -1],
    });
  });

  it('defaults: no organization, active, freshly verified first factor, no second factor', () => {
    expect(parseSignInForm(new URLSearchParams({ username: 'carol', active_organization_id: '' }))).toEqual({
      userId: null,
      username: 'carol',
      redirectUrl: null,
      activeOrganizationId: null,
      pending: false,
      factorVerificationAge: [0, -1],
    });
  });

  it('names the bad field', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'user_id'],
      [{ user_id: 'u', fva_first_factor: 'ten' }, 'fva_first_factor'],
      [{ user_id: 'u', fva_second_factor: '-2' }, 'fva_second_factor'],
      [{ user_id: 'u', fva_second_factor: '1.5' }, 'fva_second_factor'],
    ];
    for (const [fields, field] of cases) {
      try {
        parseSignInForm(new URLSearchParams(fields));
        expect.unreachable(`accepted ${JSON.stringify(fields)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(SignInFormError);
        expect((error as SignInFormError).field).toBe(field);
        expect((error as SignInFormError).code).toBe('ERR_SIGN_IN_FORM_INVALID');
      }
    }
  });
});
