import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { assembleDecisions } from './assemble-decisions.js';
import { AttributeName as A } from './attribute-names.js';
import type { DecisionRecord } from './decision-record.js';
import { linkHandshakeChains } from './link-handshake-chains.js';
import { recordSpans, type SpanPlan } from './test-support/record-spans.js';
import { activeSession, middleware, noToken } from './test-support/request-plans.js';
import { Outcome } from './values/outcome.js';
import { Reason } from './values/reason.js';
import { RequestKind } from './values/request-kind.js';

/** One middleware pass of a document request, as the SDK records it, at `at` ms with its own request id. */
function pass(
  requestId: string,
  at: number,
  outcome: Outcome,
  reason: Reason,
  state: Attributes,
  extra: Attributes = {},
) {
  const plan = middleware(RequestKind.document, state, outcome, reason, [], { [A.requestId]: requestId, ...extra });
  return { ...plan, at } satisfies SpanPlan;
}
const expired = { [A.tokenSource]: 'cookie', [A.tokenType]: 'session_token', [A.httpResponseStatusCode]: 307 };
const handshake = (id: string, at: number) => pass(id, at, Outcome.handshake, Reason.expired, expired);
const resolution = (id: string, at: number) =>
  pass(id, at, Outcome.signed_in, Reason.valid_token, activeSession, { [A.httpResponseStatusCode]: 307 });
const rendered = (id: string, at: number, session: Attributes = activeSession) =>
  pass(id, at, Outcome.signed_in, Reason.valid_token, session);

/** Each pass in a trace of its own, as three separate browser requests are. */
async function records(...passes: SpanPlan[]): Promise<DecisionRecord[]> {
  return assembleDecisions(await recordSpans(...passes.map((plan) => [plan])));
}

describe('linkHandshakeChains', () => {
  it('joins the handshake redirect, its resolution and the clean-URL request into one chain', async () => {
    const all = await records(handshake('rid_1', 0), resolution('rid_1', 40), rendered('rid_2', 60));
    const [chain, ...rest] = linkHandshakeChains(all);
    expect(rest).toEqual([]);
    expect(chain!.records.map((r) => r.requestId)).toEqual(['rid_1', 'rid_2']);
    expect(chain!.steps.map((s) => [s.kind, s.outcome, s.statusCode])).toEqual([
      ['handshake', Outcome.handshake, 307],
      ['resolution', Outcome.signed_in, 307],
      ['request', Outcome.signed_in, null],
    ]);
    expect(chain!.reason).toBe(Reason.expired);
    expect(chain!.complete).toBe(true);
    expect(chain!.loop).toBeNull();
  });

  it('the handshake and its resolution (one request id) are one record: the middleware passes keep both', async () => {
    const [record] = await records(handshake('rid_1', 0), resolution('rid_1', 40));
    expect(record!.middlewarePasses.map((p) => [p.outcome, p.reason])).toEqual([
      [Outcome.handshake, Reason.expired],
      [Outcome.signed_in, Reason.valid_token],
    ]);
  });

  // Each excluded request comes before the next one's exclusion is tested: dropping any one check joins it.
  it('does not join a request on another path, of another session, or later than the follow window', async () => {
    const otherSession = { ...activeSession, [A.sessionId]: 'sess_other' };
    const all = await records(
      handshake('rid_1', 0),
      resolution('rid_1', 40),
      pass('rid_other_path', 50, Outcome.signed_in, Reason.valid_token, activeSession, { [A.urlPath]: '/elsewhere' }),
      rendered('rid_other_session', 55, otherSession),
      rendered('rid_late', 6_000),
    );
    const [chain] = linkHandshakeChains(all);
    expect(chain!.records.map((r) => r.requestId)).toEqual(['rid_1']);
    expect(chain!.complete).toBe(false);
  });

  it('a chain still arriving (the redirect only) is one incomplete chain', async () => {
    const [chain] = linkHandshakeChains(await records(handshake('rid_1', 0)));
    expect(chain!.steps.map((s) => s.kind)).toEqual(['handshake']);
    expect(chain!.complete).toBe(false);
  });

  it('flags the loop the loop counter stopped (handshake_loop)', async () => {
    const all = await records(
      handshake('rid_1', 0),
      resolution('rid_1', 40),
      pass('rid_2', 60, Outcome.signed_out, Reason.handshake_loop, noToken),
    );
    const [chain] = linkHandshakeChains(all);
    expect(chain!.steps.map((s) => s.kind)).toEqual(['handshake', 'resolution', 'request']);
    expect(chain!.loop).toBe('handshake_loop');
  });

  it('flags a chain that revisits the URL 3 times within 10 s, and not one that takes longer', async () => {
    const round = (id: string, at: number) => [handshake(id, at), resolution(id, at + 40)];
    const fast = await records(...round('a', 0), ...round('b', 100), ...round('c', 200), rendered('d', 300));
    const [loop] = linkHandshakeChains(fast);
    expect(loop!.records.map((r) => r.requestId)).toEqual(['a', 'b', 'c', 'd']);
    expect(loop!.steps.filter((s) => s.kind === 'handshake')).toHaveLength(3);
    expect(loop!.loop).toBe('revisits');

    const slow = await records(...round('a', 0), ...round('b', 5_001), ...round('c', 10_002), rendered('d', 15_003));
    const [chain] = linkHandshakeChains(slow);
    expect(chain!.records).toHaveLength(4);
    expect(chain!.loop).toBeNull();
  });

  it('records without a handshake make no chain', async () => {
    expect(linkHandshakeChains(await records(rendered('rid_1', 0), rendered('rid_2', 10)))).toEqual([]);
  });
});

describe('linkHandshakeChains: redirects of the app', () => {
  /** A signed-out visit of `path` that `auth.protect()` answered with a 307 to `target`. */
  const redirected = (id: string, at: number, path: string, target: string) =>
    pass(id, at, Outcome.redirect_sign_in, Reason.missing_token, noToken, {
      [A.urlPath]: path,
      [A.httpResponseStatusCode]: 307,
      [A.redirectTarget]: target,
    });
  const page = (id: string, at: number, path: string) =>
    pass(id, at, Outcome.signed_out, Reason.missing_token, noToken, { [A.urlPath]: path });

  it('links a redirect to the request it caused, and leaves a redirect nothing followed alone', async () => {
    const all = await records(
      redirected('rid_1', 0, '/old', 'http://127.0.0.1:3000/new?from=old'),
      page('rid_2', 30, '/new'),
      redirected('rid_3', 10_000, '/protected', 'http://127.0.0.1:4000/sign-in?redirect_url=x'),
    );
    const chains = linkHandshakeChains(all);
    expect(chains).toHaveLength(1);
    expect(chains[0]!.records.map((r) => r.requestId)).toEqual(['rid_1', 'rid_2']);
    expect(chains[0]!.steps.map((s) => [s.kind, s.path])).toEqual([
      ['redirect', '/old'],
      ['request', '/new'],
    ]);
    expect(chains[0]!.complete).toBe(true);
    expect(chains[0]!.loop).toBeNull();
  });

  it('flags a route that redirects to itself as a loop at its third visit within 10 s, not before', async () => {
    const visits = [0, 20, 40].map((at, i) => redirected(`rid_${i}`, at, '/loop', '/loop'));
    const two = linkHandshakeChains(await records(...visits.slice(0, 2)));
    expect(two.map((chain) => chain.loop)).toEqual([null]);
    const three = linkHandshakeChains(await records(...visits));
    expect(three.map((chain) => [chain.records.length, chain.loop])).toEqual([[3, 'revisits']]);
  });

  it('does not call three visits spread over more than 10 s a loop', async () => {
    const visits = [0, 4_000, 8_000, 12_000].map((at, i) => redirected(`rid_${i}`, at, '/a', '/a'));
    // Each follows the previous within 5 s, but no three of them are within 10 s.
    const [chain] = linkHandshakeChains(await records(...visits.slice(0, 2), visits[3]!));
    expect(chain!.loop).toBeNull();
  });
});
