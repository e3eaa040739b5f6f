import { describe, expect, it } from 'vitest';
import { redirectTargetOf } from './redirect-target.js';

describe('redirectTargetOf: the redirect target, never a token', () => {
  it('keeps the sign-in URL with its redirect_url', () => {
    expect(
      redirectTargetOf('http://127.0.0.1:4000/sign-in?redirect_url=http%3A%2F%2F127.0.0.1%3A3000%2Fprotected'),
    ).toBe('http://127.0.0.1:4000/sign-in?redirect_url=http%3A%2F%2F127.0.0.1%3A3000%2Fprotected');
  });

  it('drops every other parameter of the target, and Clerk’s own parameters of its redirect_url', () => {
    const handshake =
      'https://fapi.example/v1/client/handshake?redirect_url=http%3A%2F%2Fapp%2Fp%3Fa%3D1%26__clerk_db_jwt%3Ddvb_secret&__clerk_db_jwt=dvb_secret&format=nonce';
    const target = redirectTargetOf(handshake);
    expect(target).toBe('https://fapi.example/v1/client/handshake?redirect_url=http%3A%2F%2Fapp%2Fp%3Fa%3D1');
    expect(target).not.toContain('dvb_secret');
  });

  it('keeps a relative target relative, without its query', () => {
    expect(redirectTargetOf('/loop?__session=eyJ.secret')).toBe('/loop');
  });
});
