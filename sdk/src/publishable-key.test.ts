import { createRedirect } from '@clerk/backend/internal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountPortalUrl, parsePublishableKey } from './publishable-key.js';

const keyFor = (prefix: string, frontendApi: string) => `${prefix}${btoa(`${frontendApi}$`).replace(/=+$/, '')}`;

describe('parsePublishableKey', () => {
  it('reads the instance type and the Frontend API host, padded or not', () => {
    expect(parsePublishableKey(keyFor('pk_test_', 'happy-hippo-1.clerk.accounts.dev'))).toEqual({
      instanceType: 'development',
      frontendApi: 'happy-hippo-1.clerk.accounts.dev',
    });
    expect(parsePublishableKey(`pk_live_${btoa('clerk.example.com$')}`)).toEqual({
      instanceType: 'production',
      frontendApi: 'clerk.example.com',
    });
    // The local backend's: a loopback host, which may have no dot.
    for (const host of ['127.0.0.1:4000', 'localhost:4000', '[::1]:4000']) {
      expect(parsePublishableKey(keyFor('pk_test_', host))?.frontendApi).toBe(host);
    }
  });

  it('refuses what is not a publishable key', () => {
    for (const key of [
      '',
      'pk_test_',
      'sk_test_abc',
      `pk_prod_${btoa('clerk.example.com$')}`,
      `${keyFor('pk_test_', 'clerk.example.com').slice(0, -2)}!!`,
      `pk_test_${btoa('clerk.example.com')}`, // no `$`
      `pk_test_${btoa('clerk.$example.com$')}`, // a `$` inside
      `pk_test_${btoa('intranet:4000$')}`, // no dot
      `pk_test_${btoa('clerk.example.com$')}_x`,
    ]) {
      expect(parsePublishableKey(key), key).toBeNull();
    }
  });
});

describe('accountPortalUrl', () => {
  it('turns the Frontend API host into the Account Portal origin, over HTTPS', () => {
    expect(accountPortalUrl('happy-hippo-1.clerk.accounts.dev')).toBe('https://happy-hippo-1.accounts.dev');
    expect(accountPortalUrl('clerk.example.com')).toBe('https://accounts.example.com');
    expect(accountPortalUrl('clerk.accountsstage.dev')).toBe('https://accountsstage.dev');
  });

  it('keeps a loopback host (the local backend serves the pages) and uses HTTP', () => {
    expect(accountPortalUrl('127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(accountPortalUrl('app.localhost:4000')).toBe('http://app.localhost:4000');
    expect(accountPortalUrl('[::1]:4000')).toBe('http://[::1]:4000');
    expect(accountPortalUrl('127.example.com')).toBe('https://127.example.com');
  });
});

// Differential: the sign-in/up page a key leads to, as @clerk/backend's createRedirect (what @clerk/nextjs uses)
// derives it, for Clerk-hosted instances (loopback hosts are authlens's own addition, above).
describe('the Account Portal pages agree with @clerk/backend', () => {
  const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/);
  const frontendApi = fc.oneof(
    fc.tuple(label, label, fc.integer({ min: 0, max: 99 })).map(([a, b, n]) => `${a}-${b}-${n}.clerk.accounts.dev`),
    fc.tuple(label, label).map(([a, b]) => `clerk.${a}.${b}`),
    fc.tuple(label, label).map(([a, b]) => `${a}.${b}.com`),
  );
  it('for development and production keys', () => {
    fc.assert(
      fc.property(frontendApi, fc.constantFrom('pk_test_', 'pk_live_'), (host, prefix) => {
        const publishableKey = keyFor(prefix, host);
        const clerk = createRedirect({
          publishableKey,
          redirectAdapter: (url: string) => url,
          baseUrl: 'https://app.example.com/',
        });
        const portal = accountPortalUrl(parsePublishableKey(publishableKey)!.frontendApi);
        expect(`${portal}/sign-in`).toBe(clerk.redirectToSignIn({ returnBackUrl: null }));
        expect(`${portal}/sign-up`).toBe(clerk.redirectToSignUp({ returnBackUrl: null }));
      }),
    );
  });
});
