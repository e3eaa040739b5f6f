import type { BackendContext } from '../context.js';
import { identifierTaken, notFound, paramInvalid, paramMissing } from '../http/api-error.js';
import { paginate, readPage } from '../http/list-query.js';
import { optionalBoolean, optionalInteger, optionalObject, optionalString, requiredString } from '../http/params.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { newId } from '../store/ids.js';
import type { ReadView } from '../store/store.js';
import { findTemplate, JWT_TEMPLATES, type JwtTemplateRecord, templateJSON } from './template-record.js';

/** Claims a template may not set: the token's own registered claims. */
export const RESERVED_CLAIMS = ['azp', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub'] as const;

interface TemplateInput {
  name?: string;
  claims?: Record<string, unknown>;
  lifetime?: number;
  allowed_clock_skew?: number;
}

function readTemplateInput(body: Readonly<Record<string, unknown>>, creating: boolean): TemplateInput {
  const input: TemplateInput = {};
  const name = creating ? requiredString(body, 'name') : optionalString(body, 'name');
  if (name !== undefined) input.name = name;
  const claims = optionalObject(body, 'claims');
  if (creating && !claims) throw paramMissing('claims');
  if (claims) {
    for (const reserved of RESERVED_CLAIMS) {
      if (Object.hasOwn(claims, reserved)) throw paramInvalid(`claims.${reserved}`, 'is a reserved claim');
    }
    input.claims = claims;
  }
  const lifetime = optionalInteger(body, 'lifetime', 30);
  if (lifetime !== undefined) {
    if (lifetime > 315_360_000) throw paramInvalid('lifetime', 'must be at most 315360000');
    input.lifetime = lifetime;
  }
  const skew = optionalInteger(body, 'allowed_clock_skew', 0);
  if (skew !== undefined) {
    if (skew > 300) throw paramInvalid('allowed_clock_skew', 'must be at most 300');
    input.allowed_clock_skew = skew;
  }
  if (optionalBoolean(body, 'custom_signing_key')) {
    throw paramInvalid('custom_signing_key', 'the local backend signs templates with its own key');
  }
  const alg = optionalString(body, 'signing_algorithm');
  if (alg !== undefined && alg !== 'RS256') throw paramInvalid('signing_algorithm', 'only RS256 is supported');
  return input;
}

function templateOr404(view: ReadView, idOrName: string): JwtTemplateRecord {
  const t = findTemplate(view, idOrName);
  if (!t) throw notFound('JWT template');
  return t;
}

export function registerJwtTemplateRoutes(router: Router, ctx: BackendContext): void {
  router.get('/jwt_templates', (c) => {
    const all = ctx.store.list<JwtTemplateRecord>(JWT_TEMPLATES);
    const data = paginate(all, readPage(c.url.searchParams)).map(templateJSON);
    return c.url.searchParams.get('paginated') === 'true' ? json({ data, total_count: all.length }) : json(data);
  });

  router.post('/jwt_templates', async (c) => {
    const input = readTemplateInput(await c.body(), true);
    const template = await ctx.store.transact((tx) => {
      if (findTemplate(tx, input.name!)) throw identifierTaken('name');
      const now = ctx.clock();
      const record: JwtTemplateRecord = {
        id: newId('jtmp_'),
        name: input.name!,
        claims: input.claims!,
        lifetime: input.lifetime ?? 60,
        allowed_clock_skew: input.allowed_clock_skew ?? 5,
        created_at: now,
        updated_at: now,
      };
      tx.put(JWT_TEMPLATES, record);
      return record;
    });
    return json(templateJSON(template));
  });

  router.get('/jwt_templates/{template_id}', (c) =>
    json(templateJSON(templateOr404(ctx.store, c.param('template_id')))),
  );

  router.patch('/jwt_templates/{template_id}', async (c) => {
    const input = readTemplateInput(await c.body(), false);
    const template = await ctx.store.transact((tx) => {
      const current = templateOr404(tx, c.param('template_id'));
      if (input.name !== undefined && input.name !== current.name && findTemplate(tx, input.name)) {
        throw identifierTaken('name');
      }
      const next: JwtTemplateRecord = { ...current, ...input, updated_at: ctx.clock() };
      tx.put(JWT_TEMPLATES, next);
      return next;
    });
    return json(templateJSON(template));
  });

  router.delete('/jwt_templates/{template_id}', async (c) => {
    const id = await ctx.store.transact((tx) => {
      const t = templateOr404(tx, c.param('template_id'));
      tx.delete(JWT_TEMPLATES, t.id);
      return t.id;
    });
    return json({ object: 'jwt_template', id, deleted: true });
  });
}
