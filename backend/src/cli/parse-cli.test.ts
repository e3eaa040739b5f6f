import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCli } from './parse-cli.js';

describe('parseCli', () => {
  it('reads every flag, repeatable origins and the secret key from the environment', () => {
    const options = parseCli(
      [
        '--port',
        '4000',
        '--in-memory',
        '--seed',
        'demo',
        '--rate-limit',
        '50/5s',
        '--allowed-origin',
        'http://localhost:3000',
        '--allowed-origin',
        'http://localhost:3001',
      ],
      { CLERK_SECRET_KEY: 'sk_test_env' },
    );
    expect(options).toEqual({
      port: 4000,
      inMemory: true,
      dataDir: '.authlens/backend',
      seed: 'demo',
      rateLimit: { limit: 50, windowSeconds: 5 },
      allowedOrigins: ['http://localhost:3000', 'http://localhost:3001'],
      secretKey: 'sk_test_env',
    });
  });

  it('defaults the data dir and leaves the secret key to the store', () => {
    expect(parseCli(['--data-dir', '/tmp/x', '--rate-limit', 'off'], {})).toEqual({
      dataDir: '/tmp/x',
      rateLimit: 'off',
    });
  });

  it('refuses unknown flags, bad ports, bad limits and bad origins with a typed error', () => {
    for (const argv of [
      ['--nope'],
      ['--port', 'abc'],
      ['--port', '70000'],
      ['--rate-limit', '1/xs'],
      ['--allowed-origin', 'nope'],
    ]) {
      expect(() => parseCli(argv, {})).toThrow(CliUsageError);
    }
  });

  it('reads --repair (Hardening finding 11), which needs a data directory', () => {
    expect(parseCli(['--repair', '--data-dir', '/tmp/x'], {})).toEqual({ repair: true, dataDir: '/tmp/x' });
    expect(parseCli([], {}).repair).toBeUndefined();
    expect(() => parseCli(['--repair', '--in-memory'], {})).toThrow(CliUsageError);
  });
});
