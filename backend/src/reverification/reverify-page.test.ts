import { describe, expect, it } from 'vitest';
import { renderReverifyPage } from './reverify-page.js';

describe('renderReverifyPage', () => {
  it('shows only the fields asked for, and keeps level and redirect_url in the form action', () => {
    const html = renderReverifyPage({
      displayName: 'Alice Admin',
      level: 'multi_factor',
      factors: { first: 'password', second: true },
      redirectUrl: 'http://127.0.0.1:3000/sensitive?x=1&y=2',
    });
    expect(html).toContain('name="password"');
    expect(html).toContain('name="second_factor_code"');
    expect(html).not.toContain('name="code"');
    expect(html).toContain(
      'action="/reverify?level=multi_factor&amp;redirect_url=http%3A%2F%2F127.0.0.1%3A3000%2Fsensitive%3Fx%3D1%26y%3D2"',
    );
    expect(html).not.toContain('<script');
  });

  it('escapes what it shows', () => {
    const html = renderReverifyPage({
      displayName: '<img src=x onerror=alert(1)>',
      level: 'second_factor',
      factors: { first: 'code', second: false },
      redirectUrl: 'http://127.0.0.1:3000/"><script>',
      error: { code: 'form_code_incorrect', message: '<b>no</b>' },
    });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('"><script>');
    expect(html).toContain('&lt;b&gt;no&lt;/b&gt;');
    expect(html).toContain('role="alert"');
  });
});
