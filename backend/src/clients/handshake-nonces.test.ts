import { describe, expect, it } from 'vitest';
import { HandshakeNonces } from './handshake-nonces.js';

describe('HandshakeNonces', () => {
  it('gives the directives back once per nonce', () => {
    const nonces = new HandshakeNonces(() => 0);
    const a = nonces.issue(['__session=a']);
    const b = nonces.issue(['__session=b']);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(nonces.take(b)).toEqual(['__session=b']);
    expect(nonces.take(b)).toBeNull();
    expect(nonces.take(a)).toEqual(['__session=a']);
    expect(nonces.take('unknown')).toBeNull();
  });

  it('forgets a nonce after 60 s', () => {
    let now = 0;
    const nonces = new HandshakeNonces(() => now);
    const live = nonces.issue(['x']);
    const late = nonces.issue(['y']);
    now = 59_999;
    expect(nonces.take(live)).toEqual(['x']);
    now = 60_000;
    expect(nonces.take(late)).toBeNull();
  });
});
