import { describe, expect, it } from 'vitest';
import {
  encryptionKeyFromEnv,
  handoffSecretFromEnv,
  InvalidConfigError,
  MissingSecretKeyError,
  resolveConfig,
  resolveRenderConfig,
} from './config.js';

const env = {
  CLERK_SECRET_KEY: 'sk_test_env',
  CLERK_PUBLISHABLE_KEY: 'pk_test_env',
  CLERK_JWT_KEY: '-----BEGIN PUBLIC KEY-----\\nAAA\\n-----END PUBLIC KEY-----',
  CLERK_API_URL: 'http://127.0.0.1:4000/',
  NEXT_PUBLIC_CLERK_SIGN_IN_URL: 'http://127.0.0.1:4000/sign-in',
  NEXT_PUBLIC_CLERK_SIGN_UP_URL: '/sign-up',
};

describe('resolveConfig', () => {
  it('reads Clerk’s environment variables', () => {
    const c = resolveConfig({}, env);
    expect(c.secretKey).toBe('sk_test_env');
    expect(c.publishableKey).toBe('pk_test_env');
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
    expect(handoffSecretFromEnv({ CLERK_ENCRYPTION_KEY: 'enc', CLERK_SECRET_KEY: 'sk' })).toBe('enc');
    expect(handoffSecretFromEnv({ CLERK_ENCRYPTION_KEY: '  ', CLERK_SECRET_KEY: 'sk' })).toBe('sk');
    expect(handoffSecretFromEnv({})).toBeNull();
    expect(encryptionKeyFromEnv({ CLERK_SECRET_KEY: 'sk' })).toBeNull();
    expect(encryptionKeyFromEnv({ CLERK_ENCRYPTION_KEY: 'enc\n' })).toBe('enc');
  });
});
