import type { BackendContext } from '../context.js';
import { notFound, paramInvalid } from '../http/api-error.js';
import { listResponse, paginate, readPage, sortBy } from '../http/list-query.js';
import { optionalInteger, optionalString, queryStrings } from '../http/params.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { findTemplate } from '../jwt-templates/template-record.js';
import type { ReadView } from '../store/store.js';
import { createSession } from './create-session.js';
import { type MintOptions, mintSessionToken, mintTemplateToken } from './mint-token.js';
import { readSessionInput } from './session-input.js';
import { sessionJSON } from './session-json.js';
import { effectiveStatus, SESSIONS, type SessionRecord } from './session-record.js';

export function sessionOr404(view: ReadView, id: string): SessionRecord {
  const s = view.get<SessionRecord>(SESSIONS, id);
  if (!s) throw notFound('session');
  return s;
}

function readMintOptions(body: Readonly<Record<string, unknown>>): MintOptions {
  const options: MintOptions = {};
  const expires = optionalInteger(body, 'expires_in_seconds', 1);
  if (expires !== undefined) {
    if (expires > 315_360_000) throw paramInvalid('expires_in_seconds', 'must be at most 315360000');
    options.expiresInSeconds = expires;
  }
  const azp = optionalString(body, 'azp');
  if (azp) {
    if (!URL.canParse(azp)) throw paramInvalid('azp', 'expected an origin such as http://localhost:3000');
    options.azp = new URL(azp).origin;
  }
  return options;
}

export function registerSessionRoutes(router: Router, ctx: BackendContext): void {
  const render = (s: SessionRecord) => sessionJSON(s, ctx.clock());

  router.post('/sessions', async (c) => {
    const input = readSessionInput(await c.body());
    const session = await ctx.store.transact((tx) => createSession(tx, input, ctx.clock()));
    return json(render(session));
  });

  router.get('/sessions', (c) => {
    const q = c.url.searchParams;
    const userIds = queryStrings(q, 'user_id');
    const clientIds = queryStrings(q, 'client_id');
    const statuses = queryStrings(q, 'status');
    const now = ctx.clock();
    const all = ctx.store
      .list<SessionRecord>(SESSIONS)
      .filter((s) => !userIds.length || userIds.includes(s.user_id))
      .filter((s) => !clientIds.length || clientIds.includes(s.client_id))
      .filter((s) => !statuses.length || statuses.includes(effectiveStatus(s, now)));
    const sorted = sortBy(all, q, { created_at: (s) => s.created_at, updated_at: (s) => s.updated_at }, '-created_at');
    return listResponse(q, paginate(sorted, readPage(q)).map(render), all.length);
  });

  router.get('/sessions/{session_id}', (c) => json(render(sessionOr404(ctx.store, c.param('session_id')))));

  router.post('/sessions/{session_id}/revoke', async (c) => {
    const session = await ctx.store.transact((tx) => {
      const current = sessionOr404(tx, c.param('session_id'));
      const status = effectiveStatus(current, ctx.clock());
      if (status !== 'active' && status !== 'pending') return current;
      const next: SessionRecord = { ...current, status: 'revoked', updated_at: ctx.clock() };
      tx.put(SESSIONS, next);
      return next;
    });
    return json(render(session));
  });

  router.post('/sessions/{session_id}/tokens', async (c) => {
    const options = readMintOptions(await c.body());
    const session = sessionOr404(ctx.store, c.param('session_id'));
    return json({ object: 'token', jwt: await mintSessionToken(ctx, session, options) });
  });

  router.post('/sessions/{session_id}/tokens/{template_name}', async (c) => {
    const options = readMintOptions(await c.body());
    const session = sessionOr404(ctx.store, c.param('session_id'));
    const template = findTemplate(ctx.store, c.param('template_name'));
    if (!template) throw notFound('JWT template');
    return json({ object: 'token', jwt: await mintTemplateToken(ctx, session, template, options) });
  });
}
