import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { customClaims, signMachineJwt } from './machine-jwt.js';

describe('signMachineJwt', () => {
  it('signs RS256 with the kid and typ asked for', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwt = await signMachineJwt({ sub: 'mch_1' }, { privateKey, kid: 'ins_k' }, 'at+jwt');
    const [h, p, s] = jwt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'RS256', kid: 'ins_k', typ: 'at+jwt' });
    expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toEqual({ sub: 'mch_1' });
    expect(verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'))).toBe(true);
  });

  it("marks M2M JWTs with Clerk's M2M category, as Clerk does (Hardening finding 2)", async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const [h] = (await signMachineJwt({ sub: 'mch_1' }, { privateKey, kid: 'ins_k' }, 'JWT')).split('.') as [string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({
      alg: 'RS256',
      kid: 'ins_k',
      typ: 'JWT',
      cat: 'cl_B7d4PD333AAA',
    });
  });
});

describe('customClaims', () => {
  it('keeps custom claims and drops the registered ones the backend sets', () => {
    expect(customClaims({ job: 'sync', sub: 'x', exp: 1, iss: 'y', scopes: 'z', nested: { a: 1 } })).toEqual({
      job: 'sync',
      nested: { a: 1 },
    });
    expect(customClaims(null)).toEqual({});
  });
});
