import { describe, expect, it, vi } from 'vitest';
import { toSessionAuthState } from '../../tokens/session-auth-state.js';
import { boundRequest, handoffState, m2mState } from '../test-support/handoff-fixtures.js';
import { handoffKey } from './handoff-key.js';
import type { HandoffState } from './handoff-state.js';
import { rememberHandoff, takeHandoff } from './local-handoffs.js';
import { signHandoff, utf8ToBase64Url } from './sign-handoff.js';
import { verifyHandoff } from './verify-handoff.js';

const b64 = (o: unknown) => utf8ToBase64Url(JSON.stringify(o));
const claims = { sub: 'user_1', sid: 'sess_1', iat: 1, exp: Math.floor(Date.now() / 1000) + 3600, v: 2 };
const sessionToken = `${b64({ alg: 'RS256' })}.${b64(claims)}.sig`;
const bound = boundRequest;
const state = (over: Partial<HandoffState> = {}) =>
  handoffState(sessionToken, { auth: toSessionAuthState(claims), ...over });
const machine = m2mState;

/** A node:crypto handoff key whose signature checks are counted. */
function countedKey(secret: string) {
  const key = handoffKey(secret, 'node');
  const verify = vi.fn(key.verify);
  return { key: { ...key, verify }, verify };
}

/** Signs `s` as the middleware does: the value goes on the request, the state stays in process. */
function signLocally(s: HandoffState, key: ReturnType<typeof countedKey>['key']): string {
  const value = signHandoff(s, key) as string;
  rememberHandoff(value, key.id!, s);
  return value;
}

describe('handoffs signed in this process', () => {
  it('are read without checking the signature again, once; later reads verify the value', async () => {
    const { key, verify } = countedKey('sk_test_local_1');
    const s = state();
    const value = signLocally(s, key);

    const first = await verifyHandoff(value, key, bound);
    expect(first.requestId).toBe(s.requestId);
    expect(verify).not.toHaveBeenCalled();

    const again = await verifyHandoff(value, key, bound);
    expect(again.requestId).toBe(s.requestId);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('give the render the same state the wire gives it (session and machine)', async () => {
    for (const s of [state(), state({ token: 'mt_x', tokenType: 'm2m_token', auth: machine, tokenSource: 'header' })]) {
      const { key } = countedKey('sk_test_local_2');
      const value = signLocally(s, key);
      const local = await verifyHandoff(value, key, bound);
      const wire = await verifyHandoff(value, key, bound);
      expect(local).toEqual(wire);
    }
  });

  it('are still judged against the request that reads them', async () => {
    const { key } = countedKey('sk_test_local_3');
    const value = signLocally(state(), key);
    await expect(verifyHandoff(value, key, { ...bound, path: '/admin' })).rejects.toMatchObject({
      code: 'ERR_AUTH_HANDOFF_INVALID',
      reason: 'request_mismatch',
    });
    const stale = signLocally(state({ issuedAt: Date.now() - 10 * 60 * 1000 }), key);
    await expect(verifyHandoff(stale, key, bound)).rejects.toMatchObject({ reason: 'stale' });
  });

  it('are not trusted under another key: the value is verified with the reader’s key, and refused', async () => {
    const signer = countedKey('sk_test_local_4');
    const reader = countedKey('sk_test_local_5');
    const value = signLocally(state(), signer.key);
    await expect(verifyHandoff(value, reader.key, bound)).rejects.toMatchObject({ reason: 'bad_signature' });
    expect(reader.verify).toHaveBeenCalledTimes(1);
  });

  it('a value never signed here is verified as before: a forged one is refused', async () => {
    const { key, verify } = countedKey('sk_test_local_6');
    const forged = `${b64({ v: 1 })}.AAAA`;
    await expect(verifyHandoff(forged, key, bound)).rejects.toMatchObject({ reason: 'bad_signature' });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('are taken only for the whole value signed: another payload under the same signature is verified', async () => {
    const { key, verify } = countedKey('sk_test_local_9');
    const s = state();
    const value = signLocally(s, key);
    const signature = value.slice(value.lastIndexOf('.') + 1);
    const spliced = `${b64({ v: 1, id: 'other' })}.${signature}`;
    expect(takeHandoff(spliced, key.id!)).toBeNull();
    await expect(verifyHandoff(spliced, key, bound)).rejects.toMatchObject({ reason: 'bad_signature' });
    expect(verify).toHaveBeenCalledTimes(1);
    // The spliced value took nothing: the real one is still read from memory.
    expect((await verifyHandoff(value, key, bound)).requestId).toBe(s.requestId);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('keep at most 256 unread handoffs: the oldest give way', () => {
    const { key } = countedKey('sk_test_local_7');
    const values = Array.from({ length: 300 }, () => signLocally(state(), key));
    expect(takeHandoff(values[0]!, key.id!)).toBeNull();
    expect(takeHandoff(values[299]!, key.id!)).not.toBeNull();
  });

  it('Web Crypto keys have no id: their handoffs are always verified from the wire', () => {
    expect(handoffKey('sk_test_local_8', 'web').id).toBeNull();
    expect(handoffKey('sk_test_local_8', 'node').id).toMatch(/^[\w-]{43}$/);
  });
});
