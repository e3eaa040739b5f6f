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

  it('leaves unsaid options null (organization: undefined) so the user’s defaults apply', () => {
    expect(parseSignInForm(new URLSearchParams({ username: 'carol' }))).toEqual({
      userId: null,
      username: 'carol',
      redirectUrl: null,
      activeOrganizationId: undefined,
      pending: null,
      factorVerificationAge: [null, null],
    });
  });

  it('reads an empty organization as none', () => {
    expect(
      parseSignInForm(new URLSearchParams({ username: 'alice', active_organization_id: '' })).activeOrganizationId,
    ).toBeNull();
  });

  it('reads an unchecked pending box as false only when the page’s marker says the box was there', () => {
    expect(parseSignInForm(new URLSearchParams({ username: 'paula', pending_checkbox: '1' })).pending).toBe(false);
    expect(
      parseSignInForm(new URLSearchParams({ username: 'paula', pending_checkbox: '1', pending: 'true' })).pending,
    ).toBe(true);
    expect(parseSignInForm(new URLSearchParams({ username: 'paula', pending: 'false' })).pending).toBe(false);
    expect(parseSignInForm(new URLSearchParams({ username: 'paula' })).pending).toBeNull();
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
