/**
 * The cookie protocol on the Edge runtime: no Buffer, no process.getBuiltinModule. The cookie suffix (SHA-1), the
 * handshake redirect and a handshake token's verification must run on Web APIs alone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nowSeconds, signRs, testKeyPair } from '../tokens/test-support/mint.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

const FAPI = 'clerk.edge-app.dev';
const PK = `pk_test_${btoa(`${FAPI}$`)}`;

async function loadWithoutNode() {
  vi.resetModules();
  vi.stubGlobal('Buffer', undefined);
  vi.stubGlobal('process', { env: {} });
  const sessions = await import('./index.js');
  const tokens = await import('../tokens/index.js');
  return { sessions, tokens };
}

describe('the cookie protocol without node:crypto and Buffer (Edge runtime)', () => {
  it('hands shake for a document without a dev browser, and resolves a handshake token', async () => {
    const pair = testKeyPair('sessions-edge');
    const now = nowSeconds();
    const session = signRs({ exp: now + 60, iat: now, iss: `https://${FAPI}`, sid: 'sess_e', sub: 'user_e' }, pair);
    const handshake = signRs({ handshake: [`__session=${session}; Path=/`, `__client_uat=${now}; Path=/`] }, pair);
    const document = { 'sec-fetch-dest': 'document', accept: 'text/html' };
    // Built with Node's fetch classes before Buffer goes (Node's own Request needs it; the Edge runtime's does not).
    const firstVisit = new Request('https://app.test/', { headers: document });
    const comingBack = new Request(`https://app.test/?__clerk_handshake=${handshake}`, { headers: document });
    const { sessions, tokens } = await loadWithoutNode();
    const instance = await sessions.sessionInstanceFor(PK);
    expect(instance?.cookieSuffix).toMatch(/^[A-Za-z0-9_-]{8}$/);
    const keys = new tokens.PemKeySource(pair.pem);
    const deps = {
      instance: instance!,
      verifySessionToken: (token: string) => tokens.verifySessionToken(token, { jwks: keys }),
      handshakeKeys: () => keys,
      getHandshakePayload: () => Promise.reject(new Error('no Backend API here')),
    };

    const first = await sessions.authenticateSessionRequest(firstVisit, deps);
    expect(first).toMatchObject({ status: 'handshake', reason: 'dev-browser-missing' });
    expect(first.headers.get('location')).toMatch(new RegExp(`^https://${FAPI}/v1/client/handshake\\?`));

    const back = await sessions.authenticateSessionRequest(comingBack, deps);
    expect(back).toMatchObject({ status: 'signed-in', auth: { userId: 'user_e' } });
    expect(back.headers.get('location')).toBe('https://app.test/');
  }, 30_000);
});
