import { describe, expect, it } from 'vitest';
import { normaliseOrigins, RedirectTargetError, resolveRedirectTarget } from './redirect-target.js';

const allowed = normaliseOrigins(['http://localhost:3000/', 'https://app.example.com', 'not a url']);

function refusal(redirectUrl: string): RedirectTargetError {
  try {
    resolveRedirectTarget(redirectUrl, allowed);
  } catch (error) {
    if (error instanceof RedirectTargetError) return error;
    throw error;
  }
  throw new Error(`expected ${redirectUrl} to be refused`);
}

describe('resolveRedirectTarget', () => {
  it('accepts any path on an allowed origin', () => {
    expect(resolveRedirectTarget('http://localhost:3000/dashboard?x=1', allowed).href).toBe(
      'http://localhost:3000/dashboard?x=1',
    );
    expect(resolveRedirectTarget('https://app.example.com', allowed).origin).toBe('https://app.example.com');
  });

  it('refuses other origins, including look-alikes, another port or scheme', () => {
    for (const url of [
      'https://evil.example',
      'http://localhost:3001/',
      'https://localhost:3000/',
      'http://localhost.evil.example:3000/',
      'http://evil.example/?next=http://localhost:3000',
      'https://app.example.com.evil.example/',
    ]) {
      expect(refusal(url).code).toBe('ERR_REDIRECT_ORIGIN_NOT_ALLOWED');
    }
  });

  it('names the refused origin but not the rest of the URL', () => {
    const error = refusal('https://evil.example/path?token=abc');
    expect(error.origin).toBe('https://evil.example');
    expect(error.message).toContain('https://evil.example');
    expect(error.message).not.toContain('token=abc');
  });

  it('refuses relative, protocol-relative and non-http URLs', () => {
    for (const url of ['/dashboard', '//evil.example/x', 'javascript:alert(1)', 'data:text/html,hi', '']) {
      expect(refusal(url).code).toBe('ERR_REDIRECT_URL_INVALID');
    }
  });
});
