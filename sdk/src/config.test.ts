import { describe, expect, it } from 'vitest';
import {
  encryptionKeyFromEnv,
  handoffSecretFromEnv,
  InvalidConfigError,
  MissingSecretKeyError,
  resolveConfig,
  resolveRenderConfig,
} from './config.js';
import { testKeyPair } from './tokens/test-support/mint.js';

/** A CLERK_ENCRYPTION_KEY of the accepted length (32 characters at least). */
const encryptionKey = 'a-long-random-string-of-32-chars-or-more';

/** A development key whose Frontend API is `happy-hippo-1.clerk.accounts.dev`. */
const devKey = `pk_test_${btoa('happy-hippo-1.clerk.accounts.dev$')}`;

const env = {
  CLERK_SECRET_KEY: 'sk_test_env',
  CLERK_PUBLISHABLE_KEY: devKey,
  CLERK_JWT_KEY: '-----BEGIN PUBLIC KEY-----\\nAAA\\n-----END PUBLIC KEY-----',
  CLERK_API_URL: 'http://127.0.0.1:4000/',
  NEXT_PUBLIC_CLERK_SIGN_IN_URL: 'http://127.0.0.1:4000/sign-in',
  NEXT_PUBLIC_CLERK_SIGN_UP_URL: '/sign-up',
};

describe('resolveConfig', () => {
  it('reads Clerk’s environment variables', () => {
    const c = resolveConfig({}, env);
    expect(c.secretKey).toBe('sk_test_env');
    expect(c.publishableKey).toBe(devKey);
    expect(c.jwtKey).toBe('-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----');
    expect(c.apiUrl).toBe('http://127.0.0.1:4000');
    expect(c.signInUrl).toBe('http://127.0.0.1:4000/sign-in');
    expect(c.signUpUrl).toBe('/sign-up');
    expect(c.clockSkewInMs).toBe(5000);
  });

  it('lets middleware options win over the environment', () => {
    const c = resolveConfig(
      {
        secretKey: 'sk_opt',
        apiUrl: 'https://api.example.test',
        signInUrl: '/login',
        authorizedParties: ['https://a.test'],
      },
      env,
    );
    expect(c.secretKey).toBe('sk_opt');
    expect(c.apiUrl).toBe('https://api.example.test');
    expect(c.signInUrl).toBe('/login');
    expect(c.authorizedParties).toEqual(['https://a.test']);
  });

  it('reads the publishable key as @clerk/nextjs does: the option, NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_PUBLISHABLE_KEY', () => {
    const live = `pk_live_${btoa('clerk.example.com$')}`;
    const both = { ...env, NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: live };
    expect(resolveConfig({}, both).publishableKey).toBe(live);
    expect(resolveConfig({ publishableKey: devKey }, both).publishableKey).toBe(devKey);
    expect(resolveConfig({}, { CLERK_SECRET_KEY: 'sk' }).publishableKey).toBeNull();
  });

  it('without sign-in/up URLs, sends redirects to the Account Portal the publishable key names', () => {
    const c = resolveConfig({}, { CLERK_SECRET_KEY: 'sk', NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: devKey });
    expect(c.signInUrl).toBe('https://happy-hippo-1.accounts.dev/sign-in');
    expect(c.signUpUrl).toBe('https://happy-hippo-1.accounts.dev/sign-up');
    // The local backend's key names a loopback host: its own pages, over HTTP.
    const local = resolveConfig(
      {},
      { CLERK_SECRET_KEY: 'sk', CLERK_PUBLISHABLE_KEY: `pk_test_${btoa('127.0.0.1:4000$')}` },
    );
    expect([local.signInUrl, local.signUpUrl]).toEqual([
      'http://127.0.0.1:4000/sign-in',
      'http://127.0.0.1:4000/sign-up',
    ]);
    // A configured URL wins over the portal; sign-up then falls back to the sign-in page's sign-up step.
    const own = resolveConfig(
      { signInUrl: '/login/' },
      { CLERK_SECRET_KEY: 'sk', NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: devKey },
    );
    expect([own.signInUrl, own.signUpUrl]).toEqual(['/login/', '/login/create']);
    const absolute = resolveConfig({ signInUrl: 'https://auth.example.com/sign-in?x=1' }, { CLERK_SECRET_KEY: 'sk' });
    expect(absolute.signUpUrl).toBe('https://auth.example.com/sign-in/create?x=1');
    // Neither: no page (a redirect then fails with ERR_MISSING_SIGN_IN_URL).
    const none = resolveConfig({}, { CLERK_SECRET_KEY: 'sk' });
    expect([none.signInUrl, none.signUpUrl]).toEqual([null, null]);
  });

  it('refuses a publishable key that is not one, without echoing it', () => {
    const bad = 'pk_test_not-a-key';
    let error: unknown;
    try {
      resolveConfig({}, { CLERK_SECRET_KEY: 'sk', NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: bad });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error).toMatchObject({
      code: 'ERR_INVALID_CONFIG',
      option: expect.stringContaining('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY'),
    });
    expect((error as Error).message).not.toContain(bad);
  });

  it('defaults the API URL to Clerk’s', () => {
    expect(resolveConfig({}, { CLERK_SECRET_KEY: 'sk' }).apiUrl).toBe('https://api.clerk.com');
  });

  it('fails with ERR_MISSING_SECRET_KEY without a secret key, naming the variable', () => {
    expect(() => resolveConfig({}, {})).toThrow(MissingSecretKeyError);
    expect(() => resolveConfig({}, { CLERK_SECRET_KEY: '  ' })).toThrow(
      expect.objectContaining({
        code: 'ERR_MISSING_SECRET_KEY',
        message: expect.stringContaining('CLERK_SECRET_KEY'),
      }),
    );
  });

  it('rejects unusable URLs without echoing secrets', () => {
    expect(() => resolveConfig({ apiUrl: 'not a url' }, env)).toThrow(InvalidConfigError);
    expect(() => resolveConfig({ apiUrl: 'ftp://x.test' }, env)).toThrow(InvalidConfigError);
    expect(() => resolveConfig({ signInUrl: 'sign-in' }, env)).toThrow(/signInUrl/);
    expect(() => resolveConfig({ clockSkewInMs: -1 }, env)).toThrow(InvalidConfigError);
  });
});

describe('resolveRenderConfig', () => {
  it('needs CLERK_SECRET_KEY in the environment of the render', () => {
    expect(resolveRenderConfig(env)).toEqual({ secretKey: 'sk_test_env', apiUrl: 'http://127.0.0.1:4000' });
    expect(() => resolveRenderConfig({})).toThrow(MissingSecretKeyError);
  });

  it('signs the handoff with CLERK_ENCRYPTION_KEY when set, else CLERK_SECRET_KEY (blank counts as unset)', () => {
    expect(handoffSecretFromEnv({ CLERK_ENCRYPTION_KEY: encryptionKey, CLERK_SECRET_KEY: 'sk' })).toBe(encryptionKey);
    expect(handoffSecretFromEnv({ CLERK_ENCRYPTION_KEY: '  ', CLERK_SECRET_KEY: 'sk' })).toBe('sk');
    expect(handoffSecretFromEnv({})).toBeNull();
    expect(encryptionKeyFromEnv({ CLERK_SECRET_KEY: 'sk' })).toBeNull();
    expect(encryptionKeyFromEnv({ CLERK_ENCRYPTION_KEY: `${encryptionKey}\n` })).toBe(encryptionKey);
  });

  // Hardening finding 4: a 2-character CLERK_ENCRYPTION_KEY was recovered from one handoff by brute force.
  it('refuses a CLERK_ENCRYPTION_KEY shorter than 32 characters, naming the variable and never its value', () => {
    for (const weak of ['x', 'zq', 'weak-but-31-characters-long-abc']) {
      for (const read of [encryptionKeyFromEnv, handoffSecretFromEnv]) {
        let thrown: unknown;
        try {
          read({ CLERK_ENCRYPTION_KEY: weak, CLERK_SECRET_KEY: 'sk_test_env' });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(InvalidConfigError);
        expect(thrown).toMatchObject({ code: 'ERR_INVALID_CONFIG', option: 'CLERK_ENCRYPTION_KEY' });
        expect((thrown as Error).message).toContain('CLERK_ENCRYPTION_KEY');
        expect((thrown as Error).message).not.toContain(weak);
      }
    }
    // Exactly 32 characters, and the usual generated forms (base64 of 32 bytes: 44; hex: 64), are accepted.
    for (const ok of ['k'.repeat(32), 'A'.repeat(43) + '=', 'f'.repeat(64)]) {
      expect(encryptionKeyFromEnv({ CLERK_ENCRYPTION_KEY: ok })).toBe(ok);
    }
  });
});

describe('resolveConfig refuses unsafe verification settings (Hardening finding 10)', () => {
  const base = { CLERK_SECRET_KEY: 'sk_test_env' };

  function invalid(run: () => unknown): InvalidConfigError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigError);
      expect((error as InvalidConfigError).code).toBe('ERR_INVALID_CONFIG');
      return error as InvalidConfigError;
    }
    throw new Error('expected ERR_INVALID_CONFIG');
  }

  it('a clockSkewInMs above 5 minutes', () => {
    expect(resolveConfig({ clockSkewInMs: 300_000 }, base).clockSkewInMs).toBe(300_000);
    expect(invalid(() => resolveConfig({ clockSkewInMs: 300_001 }, base)).option).toBe('clockSkewInMs');
    expect(invalid(() => resolveConfig({ clockSkewInMs: Number.POSITIVE_INFINITY }, base)).option).toBe(
      'clockSkewInMs',
    );
  });

  it.each([
    ['a public exponent below 65537', testKeyPair('config-e3', 2048, 3), /exponent is below 65537/],
    ['a modulus below 2048 bits', testKeyPair('config-short', 1024), /shorter than 2048 bits/],
  ])('a CLERK_JWT_KEY or jwtKey with %s, named but not echoed', (_name, weak, why) => {
    const oneLine = weak.pem.trim().replace(/\n/g, '\\n');
    for (const run of [
      () => resolveConfig({}, { ...base, CLERK_JWT_KEY: oneLine }),
      () => resolveConfig({ jwtKey: weak.pem }, base),
    ]) {
      const error = invalid(run);
      expect(error.option).toBe('jwtKey (CLERK_JWT_KEY)');
      expect(error.message).toMatch(why);
      expect(error.message).not.toContain(weak.pem.split('\n')[1]!.slice(0, 20));
    }
    expect(resolveConfig({}, { ...base, CLERK_JWT_KEY: testKeyPair().pem }).jwtKey).toContain('PUBLIC KEY');
  });
});
