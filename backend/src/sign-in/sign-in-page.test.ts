import { describe, expect, it } from 'vitest';
import { renderProblemPage, renderSignInPage, type SignInUserChoice } from './sign-in-page.js';

const users: SignInUserChoice[] = [
  {
    id: 'user_alice',
    username: 'alice',
    displayName: 'Alice Admin',
    banned: false,
    twoFactorEnabled: true,
    organizations: [{ id: 'org_acme', name: 'Acme Inc', role: 'org:admin' }],
  },
  {
    id: 'user_paula',
    username: 'paula',
    displayName: 'Paula Pending',
    banned: false,
    twoFactorEnabled: false,
    organizations: [],
  },
  {
    id: 'user_bruno',
    username: 'bruno',
    displayName: 'Bruno <Banned>',
    banned: true,
    twoFactorEnabled: false,
    organizations: [],
  },
];

function formOf(html: string, username: string): string {
  const forms = html.split('<form ').slice(1);
  const form = forms.find((f) => f.includes(`data-username="${username}"`));
  if (!form) throw new Error(`no form for ${username}`);
  return form.slice(0, form.indexOf('</form>'));
}

describe('renderSignInPage', () => {
  const html = renderSignInPage({
    users,
    redirectUrl: 'http://localhost:3000/dashboard?a=1&b="2"',
    defaultTokenLifetimeSeconds: 60,
  });

  it('has one form per user with stable field names and a data-username button', () => {
    for (const user of users) {
      const form = formOf(html, user.username!);
      expect(form).toContain('method="post" action="/sign-in"');
      expect(form).toContain(`name="user_id" value="${user.id}"`);
      for (const name of [
        'active_organization_id',
        'pending',
        'fva_first_factor',
        'fva_second_factor',
        'token_lifetime_seconds',
        'redirect_url',
      ]) {
        expect(form).toContain(`name="${name}"`);
      }
    }
  });

  it('offers the user’s organizations, first one selected, or none', () => {
    const alice = formOf(html, 'alice');
    expect(alice).toContain('<option value="">None</option>');
    expect(alice).toContain('<option value="org_acme" selected>Acme Inc (org:admin)</option>');
    expect(formOf(html, 'paula')).not.toContain('org_');
  });

  it('defaults pending on for paula only, and the second factor age to 0 only with 2FA enabled', () => {
    expect(formOf(html, 'paula')).toMatch(/name="pending" value="true" checked/);
    expect(formOf(html, 'alice')).not.toMatch(/name="pending" value="true" checked/);
    expect(formOf(html, 'alice')).toContain('name="fva_second_factor" value="0"');
    expect(formOf(html, 'paula')).toContain('name="fva_second_factor" value="-1"');
  });

  it('offers a token lifetime per sign-in, empty by default, naming the server’s default', () => {
    const alice = formOf(html, 'alice');
    expect(alice).toContain('Session token lifetime (seconds, empty = 60)');
    expect(alice).toMatch(
      /<input type="number" name="token_lifetime_seconds" min="1" max="604800"[^>]* placeholder="60">/,
    );
    expect(alice).not.toMatch(/name="token_lifetime_seconds"[^>]* value=/);
  });

  it('marks banned users and escapes everything it echoes', () => {
    expect(formOf(html, 'bruno')).toContain(
      'Bruno &lt;Banned&gt; <small>@bruno</small> <span class="banned">(banned)</span>',
    );
    expect(html).toContain('value="http://localhost:3000/dashboard?a=1&amp;b=&quot;2&quot;"');
    expect(html).not.toContain('<Banned>');
  });

  it('labels every input and uses no script', () => {
    const inputs = html.match(/<(input|select)(?![^>]*type="hidden")[^>]*>/g) ?? [];
    expect(inputs.length).toBeGreaterThan(0);
    for (const form of html.split('<form ').slice(1)) {
      const labels = form.match(/<label/g)?.length ?? 0;
      const fields = form.match(/<(input|select)(?![^>]*type="hidden")/g)?.length ?? 0;
      expect(labels).toBe(fields);
    }
    expect(html).not.toMatch(/<script/i);
  });

  it('shows an error with role=alert', () => {
    const page = renderSignInPage({
      users,
      redirectUrl: null,
      error: { code: 'user_banned', message: 'banned' },
      defaultTokenLifetimeSeconds: 60,
    });
    expect(page).toContain('<div class="error" role="alert"><p><strong>user_banned</strong>: banned</p></div>');
  });
});

describe('renderProblemPage', () => {
  it('names the problem, escaped', () => {
    const page = renderProblemPage('Redirect refused', 'ERR_REDIRECT_ORIGIN_NOT_ALLOWED', 'origin <x> not allowed');
    expect(page).toContain('ERR_REDIRECT_ORIGIN_NOT_ALLOWED');
    expect(page).toContain('origin &lt;x&gt; not allowed');
  });
});
