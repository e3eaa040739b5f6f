import { describe, expect, it } from 'vitest';
import { alignLoopbackHost } from './loopback-host.js';

const page = (host: string) => new URL(`http://${host}:4000/sign-in?redirect_url=x`);

describe('alignLoopbackHost', () => {
  it('moves the page to the app’s loopback host name, keeping port, path and query', () => {
    expect(alignLoopbackHost(page('127.0.0.1'), new URL('http://localhost:3000/a'))?.href).toBe(
      'http://localhost:4000/sign-in?redirect_url=x',
    );
    expect(alignLoopbackHost(page('localhost'), new URL('http://127.0.0.1:3000/'))?.host).toBe('127.0.0.1:4000');
    expect(alignLoopbackHost(page('localhost'), new URL('http://[::1]:3000/'))?.host).toBe('[::1]:4000');
  });

  it('does nothing when the names already match or either side is not loopback', () => {
    expect(alignLoopbackHost(page('localhost'), new URL('http://localhost:3000/'))).toBeNull();
    expect(alignLoopbackHost(page('127.0.0.1'), new URL('https://app.example.com/'))).toBeNull();
    expect(alignLoopbackHost(page('dev.example.com'), new URL('http://localhost:3000/'))).toBeNull();
  });
});
