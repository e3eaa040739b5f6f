/**
 * Telemetry end to end: the example app (the same `next build`, a second `next start`) registers OpenTelemetry in
 * `instrumentation.ts` and exports through the real OTLP/HTTP exporters — once `http/json`, once `http/protobuf` — to
 * the devtools receiver. For every cell of the protection table, the decision the devtools assembled from the
 * received spans matches the HTTP outcome the client saw; and no token, key, cookie or email used in the run appears
 * in any exported span or metric.
 */
import { randomBytes } from 'node:crypto';
import type { DecisionRecord } from '@authlens/otel';
import { DedupeResult, Metric, Outcome, type Reason, SpanName } from '@authlens/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppRequest, appFetch, callAction } from './support/app.js';
import { backendApi, type DemoSession, m2mToken, sessionFor } from './support/backend.js';
import { e2e } from './support/context.js';
import { type OtlpProtocol, startTelemetryApp, type TelemetryApp } from './support/telemetry-app.js';

const PROTECT_ACTIONS = 'app/actions/protect-actions.ts';

interface Cell {
  name: string;
  /** Sends the request; `path` is what the decision records (`url.path`, no query). */
  send: ((base: string, headers: Record<string, string>) => Promise<Response>) & { path: string };
  status: number;
  outcome: Outcome;
  reason: Reason;
}

let alice: DemoSession; // org:admin of acme
let bob: DemoSession; // org:member of acme
let m2m: string;

function cells(): Cell[] {
  const get = (path: string, req: AppRequest = {}) =>
    Object.assign(
      (base: string, headers: Record<string, string>) =>
        appFetch(path, { ...req, base, headers: { ...req.headers, ...headers } }),
      { path: path.split('?')[0]! },
    );
  const action = (name: string, req: AppRequest = {}) =>
    Object.assign(
      (base: string, headers: Record<string, string>) =>
        callAction('/actions', name, PROTECT_ACTIONS, { ...req, base, headers }),
      { path: '/actions' },
    );
  const doc = { kind: 'document' as const };
  const post = { method: 'POST', body: '{}' };
  return [
    // Documents.
    {
      name: 'document, signed out',
      send: get('/protected', doc),
      status: 307,
      outcome: 'redirect_sign_in',
      reason: 'missing_token',
    },
    {
      name: 'document, signed in',
      send: get('/protected', { ...doc, cookie: bob.token }),
      status: 200,
      outcome: 'allowed',
      reason: 'authorized',
    },
    {
      name: 'document, role missing',
      send: get('/protected/admin', { ...doc, cookie: bob.token }),
      status: 404,
      outcome: 'not_found',
      reason: 'role_missing',
    },
    {
      name: 'document, permission missing',
      send: get('/protected/team', { ...doc, cookie: bob.token }),
      status: 404,
      outcome: 'not_found',
      reason: 'permission_missing',
    },
    {
      name: 'document, condition false',
      send: get('/protected/feature', { ...doc, cookie: bob.token }),
      status: 404,
      outcome: 'not_found',
      reason: 'condition_false',
    },
    {
      name: 'document, role held',
      send: get('/protected/admin', { ...doc, cookie: alice.token }),
      status: 200,
      outcome: 'allowed',
      reason: 'authorized',
    },
    {
      name: 'document, unauthenticatedUrl',
      send: get('/premium', doc),
      status: 307,
      outcome: 'redirect_unauthenticated_url',
      reason: 'missing_token',
    },
    {
      name: 'document, unauthorizedUrl',
      send: get('/premium', { ...doc, cookie: alice.token }),
      status: 307,
      outcome: 'redirect_unauthorized_url',
      reason: 'role_missing',
    },
    {
      name: 'document, protected in the middleware, signed out',
      send: get('/mw/protected', doc),
      status: 307,
      outcome: 'redirect_sign_in',
      reason: 'missing_token',
    },
    {
      name: 'document, role required in the middleware',
      send: get('/mw/admin', { ...doc, cookie: bob.token }),
      status: 404,
      outcome: 'not_found',
      reason: 'role_missing',
    },
    // API requests.
    {
      name: 'API, signed out',
      send: get('/api/protect-check'),
      status: 404,
      outcome: 'not_found',
      reason: 'missing_token',
    },
    {
      name: 'API, signed out, expired-looking garbage cookie',
      send: get('/api/protect-check', { cookie: 'not.a.jwt' }),
      status: 404,
      outcome: 'not_found',
      reason: 'malformed',
    },
    {
      name: 'API, signed in (Bearer)',
      send: get('/api/resources', { ...post, bearer: bob.token }),
      status: 200,
      outcome: 'allowed',
      reason: 'authorized',
    },
    {
      name: 'API, role missing',
      send: get('/api/protect-check?role=admin', { cookie: bob.token }),
      status: 404,
      outcome: 'not_found',
      reason: 'role_missing',
    },
    {
      name: 'API, permission missing',
      send: get('/api/protect-check?permission=org:team:manage', { cookie: bob.token }),
      status: 404,
      outcome: 'not_found',
      reason: 'permission_missing',
    },
    {
      name: 'API, role held',
      send: get('/api/protect-check?role=admin', { cookie: alice.token }),
      status: 200,
      outcome: 'allowed',
      reason: 'authorized',
    },
    {
      name: 'API, unauthenticatedUrl',
      send: get('/api/protect-check?unauthenticatedUrl=/sign-in'),
      status: 307,
      outcome: 'redirect_unauthenticated_url',
      reason: 'missing_token',
    },
    {
      name: 'API, unauthorizedUrl',
      send: get('/api/protect-check?role=admin&unauthorizedUrl=/upgrade', { cookie: bob.token }),
      status: 307,
      outcome: 'redirect_unauthorized_url',
      reason: 'role_missing',
    },
    // Server actions.
    {
      name: 'server action, signed out',
      send: action('protectedAction'),
      status: 401,
      outcome: 'unauthorized',
      reason: 'missing_token',
    },
    {
      name: 'server action, signed in',
      send: action('protectedAction', { cookie: bob.token }),
      status: 200,
      outcome: 'allowed',
      reason: 'authorized',
    },
    {
      name: 'server action, role missing',
      send: action('adminAction', { cookie: bob.token }),
      status: 404,
      outcome: 'not_found',
      reason: 'role_missing',
    },
    {
      name: 'server action, role held',
      send: action('adminAction', { cookie: alice.token }),
      status: 200,
      outcome: 'allowed',
      reason: 'authorized',
    },
    // Machine tokens.
    {
      name: 'M2M token, valid',
      send: get('/api/m2m', { ...post, bearer: m2m }),
      status: 200,
      outcome: 'allowed',
      reason: 'authorized',
    },
    {
      name: 'M2M required, no token',
      send: get('/api/m2m', post),
      status: 401,
      outcome: 'unauthorized',
      reason: 'missing_token',
    },
    {
      name: 'M2M required, a session token',
      send: get('/api/m2m', { ...post, bearer: alice.token }),
      status: 401,
      outcome: 'unauthorized',
      reason: 'token_type_not_accepted',
    },
    {
      name: 'M2M required, an invalid M2M token',
      send: get('/api/m2m', { ...post, bearer: 'mt_not_a_real_token_000000' }),
      status: 401,
      outcome: 'unauthorized',
      reason: 'machine_token_invalid',
    },
  ];
}

/** A fresh W3C trace context per request: Next continues it, so the decision is found by its trace id. */
function traceContext(): { traceId: string; headers: Record<string, string> } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } };
}

/** The decision of the request sent with `traceId` for `path`, once `complete` says all its spans are in. */
async function decisionFor(app: TelemetryApp, traceId: string, path: string, complete: (d: DecisionRecord) => boolean) {
  const deadline = Date.now() + 15_000;
  let found: DecisionRecord | undefined;
  while (Date.now() < deadline) {
    found = (await app.decisions()).map((i) => i.decision).find((d) => d.traceIds.includes(traceId) && d.path === path);
    if (found && complete(found)) return found;
    await new Promise((r) => setTimeout(r, 150));
  }
  return found;
}

beforeAll(async () => {
  [alice, bob, m2m] = await Promise.all([
    sessionFor('alice', { org: 'acme' }),
    sessionFor('bob', { org: 'acme' }),
    m2mToken(),
  ]);
});

// The registration's providers: global (Next.js traces its own request too) or kept for authlens alone.
const setups: Array<{ protocol: OtlpProtocol; providers: 'global' | 'authlens' }> = [
  { protocol: 'http/json', providers: 'global' },
  { protocol: 'http/protobuf', providers: 'global' },
  { protocol: 'http/protobuf', providers: 'authlens' },
];

for (const { protocol, providers } of setups) {
  describe(`exported over OTLP ${protocol}, ${providers} providers`, () => {
    let app: TelemetryApp;
    /** Every credential, key and email the run used: none may appear in what was exported. */
    const secrets = new Set<string>();

    beforeAll(async () => {
      app = await startTelemetryApp(protocol, {
        name: `${providers}-providers`,
        env: { AUTHLENS_TELEMETRY_PROVIDERS: providers },
      });
    }, 90_000);
    afterAll(async () => {
      await app?.stop();
    });

    it('every cell of the protection table: the assembled decision matches what the client saw', async () => {
      const table = cells();
      const seen: Array<{ cell: Cell; traceId: string; status: number }> = [];
      for (const cell of table) {
        const { traceId, headers } = traceContext();
        const res = await cell.send(app.appUrl, headers);
        await res.arrayBuffer();
        seen.push({ cell, traceId, status: res.status });
      }
      for (const { cell, traceId, status } of seen) {
        expect(status, cell.name).toBe(cell.status);
        const decision = await decisionFor(app, traceId, cell.send.path, (d) => d.outcome === cell.outcome);
        expect(decision, `${cell.name}: no decision for trace ${traceId}`).toBeDefined();
        expect({ outcome: decision!.outcome, reason: decision!.reason }, cell.name).toEqual({
          outcome: cell.outcome,
          reason: cell.reason,
        });
        // The status the decision answered with is the one the client got (200 is a pass-through).
        if (status !== 200) expect(decision!.statusCode, cell.name).toBe(status);
        expect(decision!.requestId, cell.name).toEqual(expect.any(String));
        // One request, one decision — also when Next runs the middleware again for a middleware 404's rewrite.
        const inTrace = (await app.decisions()).filter((i) => i.decision.traceIds.includes(traceId));
        expect(
          inTrace.map((i) => i.decision.path),
          cell.name,
        ).toEqual([cell.send.path]);
      }
    }, 120_000);

    it('one request’s middleware and render spans form one decision; currentUser() dedupes within it', async () => {
      const { traceId, headers } = traceContext();
      const res = await appFetch('/user/dedupe', { kind: 'document', cookie: bob.token, base: app.appUrl, headers });
      expect(res.status).toBe(200);
      const decision = await decisionFor(app, traceId, '/user/dedupe', (d) => d.currentUserCalls.length >= 3);
      expect(decision).toBeDefined();
      expect(decision!.outcome).toBe(Outcome.signed_in);
      expect(decision!.userId).toBe(bob.userId);
      const served = decision!.currentUserCalls.map((c) => c.dedupe);
      expect(served.filter((d) => d === DedupeResult.hit)).toHaveLength(served.length - 1);
      expect([DedupeResult.miss, DedupeResult.joined]).toContain(served.find((d) => d !== DedupeResult.hit));
      // The Backend API call beneath it, by template, never the raw id.
      expect(decision!.backendCalls.map((c) => c.pathTemplate)).toContain('/v1/users/{user_id}');
    }, 30_000);

    it(`Next.js traces its own request only with global providers (here: ${providers})`, async () => {
      const { traceId, headers } = traceContext();
      const res = await appFetch('/user/dedupe', { kind: 'document', cookie: alice.token, base: app.appUrl, headers });
      expect(res.status).toBe(200);
      expect(await decisionFor(app, traceId, '/user/dedupe', (d) => d.currentUserCalls.length >= 3)).toBeDefined();
      const traces = app.exported
        .filter((b) => b.path.endsWith('/v1/traces'))
        .map((b) => b.body.toString('latin1'))
        .join('\n');
      expect(traces).toContain(SpanName.middleware);
      // Every span Next.js makes carries `next.span_type`.
      expect(traces.includes('next.span_type')).toBe(providers === 'global');
    }, 30_000);

    it('metrics arrive: decisions, verification durations, Backend API requests, currentUser() calls', async () => {
      const names = [
        Metric.decisions.name,
        Metric.verificationDuration.name,
        Metric.backendRequests.name,
        Metric.currentUserDedupe.name,
      ];
      const deadline = Date.now() + 10_000;
      let body = '';
      while (Date.now() < deadline) {
        body = app.exported
          .filter((b) => b.path.endsWith('/v1/metrics'))
          .map((b) => b.body.toString('latin1'))
          .join('\n');
        if (names.every((n) => body.includes(n))) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      for (const name of names) expect(body, name).toContain(name);
    }, 20_000);

    it('no token, key, cookie or email of the run is in any exported span or metric', async () => {
      const ctx = e2e();
      for (const s of [alice.token, bob.token, m2m, ctx.secretKey, ctx.publishableKey]) secrets.add(s);
      // The signature part alone is as secret as the token (and survives any re-encoding of the rest).
      for (const t of [alice.token, bob.token]) secrets.add(t.split('.')[2]!);
      // The JWT key's base64 body, minus the PEM armour.
      secrets.add(
        ctx.jwtKey
          .replace(/-----[^-]+-----/g, '')
          .replace(/\s+/g, '')
          .slice(0, 64),
      );
      for (const user of [alice.userId, bob.userId]) {
        const u = await backendApi<{ email_addresses: Array<{ email_address: string }> }>(`/v1/users/${user}`);
        for (const e of u.email_addresses) secrets.add(e.email_address);
      }
      const traces = app.exported.filter((b) => b.path.endsWith('/v1/traces'));
      expect(traces.length).toBeGreaterThan(0);
      expect(app.exported.every((b) => b.contentType.includes(protocol === 'http/json' ? 'json' : 'protobuf'))).toBe(
        true,
      );
      // Our spans really are in what we scan.
      const all = app.exported.map((b) => b.body.toString('latin1')).join('\n');
      expect(all).toContain(SpanName.middleware);
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(8);
        expect(all.includes(secret), `a secret of the run (${secret.slice(0, 6)}…) was exported`).toBe(false);
      }
    }, 20_000);
  });
}
