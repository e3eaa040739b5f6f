/**
 * Property tests of the handoff reader: whatever a client puts in `x-authlens-auth` on a route the middleware does
 * not cover — random text, or a genuine handoff altered in any way — verifyHandoff() rejects it with a
 * HandoffInvalidError (ERR_AUTH_HANDOFF_INVALID), never with another exception, and never accepts an altered value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MachineAuthState } from '../../auth-state.js';
import { HandoffInvalidError } from '../errors.js';
import { handoffState } from '../test-support/handoff-fixtures.js';
import { handoffKey } from './handoff-key.js';
import type { HandoffState } from './handoff-state.js';
import { signHandoff, utf8ToBase64Url } from './sign-handoff.js';
import { verifyHandoff } from './verify-handoff.js';

const key = handoffKey('sk_test_property_handoff', 'node');
const b64 = (o: unknown) => utf8ToBase64Url(JSON.stringify(o));
const exp = Math.floor(Date.now() / 1000) + 3600;
const sessionToken = `${b64({ alg: 'RS256' })}.${b64({ sub: 'user_1', sid: 'sess_1', iat: 1, exp, v: 2 })}.sig`;
const request = { method: 'GET', path: '/dashboard', search: 'tab=1' };

const machine: MachineAuthState = {
  tokenType: 'm2m_token',
  id: 'mt_1',
  subject: 'mch_1',
  name: 'crawler é',
  scopes: ['mch_2'],
  claims: { a: 1 },
  userId: null,
  orgId: null,
  clientId: null,
  expiration: Date.now() + 3_600_000,
};

const states: Array<Partial<HandoffState>> = [
  { auth: { tokenType: 'session_token' } as never },
  { tokenType: 'm2m_token', tokenSource: 'header', auth: machine, kind: 'api' },
  { token: null, tokenSource: 'none', tokenType: null, reason: 'no_token', traceParent: '00-ab-cd-01' },
  { sealedKeys: 'c2VhbGVk', allowedRedirectOrigins: ['https://ok.test', /^https:\/\/.*\.ok\.test$/i] },
];

const state = (over: Partial<HandoffState>): HandoffState =>
  handoffState(sessionToken, { url: 'http://app.test/dashboard?tab=1', request, allowedRedirectOrigins: [], ...over });

/** Resolves to the error verifyHandoff() rejected with, or fails the property when it accepted the value. */
async function rejection(value: string): Promise<unknown> {
  try {
    await verifyHandoff(value, key, request);
  } catch (error) {
    return error;
  }
  throw new Error(`accepted ${JSON.stringify(value.slice(0, 80))}…`);
}

async function rejectedAsInvalid(value: string): Promise<void> {
  const error = await rejection(value);
  expect(error).toBeInstanceOf(HandoffInvalidError);
  expect(error).toMatchObject({ code: 'ERR_AUTH_HANDOFF_INVALID' });
}

/** Characters of every class a header value (or a mutation of one) can hold. */
const anyChar = fc.oneof(
  fc.constantFrom(...'ABCxyz019-_'.split('')), // base64url
  fc.constantFrom('.', '=', '+', '/', ' ', '%', '"', '{', '}', '\\'), // separators, padding, standard base64, JSON
  fc.constantFrom('\u0000', '\t', '\u007f', 'é', '\u2028', '😀', '\ud800'), // control, non-ASCII, lone surrogate
  fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
);

describe('verifyHandoff on hostile input (property)', () => {
  it('random text is rejected as ERR_AUTH_HANDOFF_INVALID, never with another error', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.base64String({ maxLength: 300 }),
      fc.tuple(fc.base64String(), fc.base64String()).map(([a, b]) => `${a.replace(/=/g, '')}.${b}`),
      fc.json().map((j) => `${utf8ToBase64Url(j)}.${'A'.repeat(43)}`),
    );
    await fc.assert(fc.asyncProperty(text, rejectedAsInvalid), { numRuns: 400 });
  });

  it('a genuine handoff altered in any way — a character substituted, cut, extended, re-encoded — is refused', async () => {
    const signed = await Promise.all(states.map((over) => signHandoff(state(over), key)));
    // The unaltered values are accepted: what the properties below refuse is the alteration.
    for (const value of signed) expect((await verifyHandoff(value, key, request)).request).toEqual(request);

    const genuine = fc.constantFrom(...signed);
    const substituted = fc
      .tuple(genuine, fc.nat(), anyChar)
      .map(([v, i, c]) => v.slice(0, i % v.length) + c + v.slice((i % v.length) + 1));
    const truncated = fc.tuple(genuine, fc.nat()).map(([v, i]) => v.slice(0, i % v.length));
    const extended = fc
      .tuple(genuine, fc.string({ minLength: 1, maxLength: 20, unit: anyChar }), fc.boolean())
      .map(([v, extra, atEnd]) => (atEnd ? v + extra : extra + v));
    const reencoded = fc.tuple(genuine, fc.constantFrom('base64', 'json', 'dots')).map(([v, how]) => {
      const [payload, signature] = v.split('.') as [string, string];
      const json = Buffer.from(payload, 'base64url').toString('utf8');
      if (how === 'base64') return `${Buffer.from(json).toString('base64')}.${signature}`;
      if (how === 'json') return `${utf8ToBase64Url(JSON.stringify(JSON.parse(json), null, 1))}.${signature}`;
      return `${payload}..${signature}`;
    });
    const altered = fc
      .tuple(fc.oneof(substituted, truncated, extended, reencoded), genuine)
      .filter(([value]) => !signed.includes(value))
      .map(([value]) => value);
    await fc.assert(fc.asyncProperty(altered, rejectedAsInvalid), { numRuns: 1500 });
  });

  it('even a value signed with the right key but holding any JSON is accepted or refused as invalid, nothing else', async () => {
    // What only a holder of the key could send: the reader must still fail with its own typed error on any shape.
    // Mostly well-formed fields (so values get past the first checks and reach the deeper ones), sometimes anything.
    const mostly = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof(
        { weight: 6, arbitrary: valid },
        { weight: 1, arbitrary: fc.oneof(fc.jsonValue(), fc.constant(undefined)) },
      );
    const wire = fc.record({
      v: mostly(fc.constant(1)),
      id: mostly(fc.string()),
      iat: mostly(fc.constant(Date.now())),
      u: mostly(fc.string()),
      rm: mostly(fc.constant('GET')),
      rp: mostly(fc.constant('/dashboard')),
      rq: mostly(fc.constantFrom('tab=1', '?tab=1&_rsc=x')),
      cs: mostly(fc.nat()),
      k: mostly(fc.constantFrom('document', 'api', 'server_action')),
      t: mostly(fc.oneof(fc.constant(sessionToken), fc.constant(null), fc.string())),
      ts: mostly(fc.constantFrom('cookie', 'header', 'none')),
      y: mostly(fc.constantFrom(null, 'session_token', 'm2m_token')),
      a: mostly(fc.constantFrom('s', 'm', undefined)),
      m: mostly(fc.oneof(fc.constant(machine), fc.constant({ tokenType: 'session_token' }), fc.object())),
      r: mostly(fc.option(fc.string())),
      si: mostly(fc.option(fc.string())),
      su: mostly(fc.option(fc.string())),
      ro: mostly(fc.array(fc.oneof(fc.string(), fc.tuple(fc.string(), fc.string())))),
      tp: mostly(fc.option(fc.string(), { nil: undefined })),
      ik: mostly(fc.option(fc.string(), { nil: undefined })),
      kw: mostly(fc.constantFrom(1, undefined)),
    });
    await fc.assert(
      fc.asyncProperty(wire, async (w) => {
        const payload = utf8ToBase64Url(JSON.stringify(w));
        try {
          await verifyHandoff(`${payload}.${await key.sign(payload)}`, key, request);
        } catch (error) {
          expect(error).toBeInstanceOf(HandoffInvalidError);
        }
      }),
      { numRuns: 800 },
    );
  });
});
