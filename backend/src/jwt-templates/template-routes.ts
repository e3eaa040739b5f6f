import type { BackendContext } from '../context.js';
import { identifierTaken, notFound, paramInvalid, paramMissing } from '../http/api-error.js';
import { paginate, readPage } from '../http/list-query.js';
import { optionalBoolean, optionalInteger, optionalObject, optionalString, requiredString } from '../http/params.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import {
  INSTANCE_SIGNING_ALGORITHM,
  isSigningAlgorithm,
  SIGNING_ALGORITHMS,
  type SigningAlgorithm,
} from '../keys/signing-algorithms.js';
import { newId } from '../store/ids.js';
import type { ReadView } from '../store/store.js';
import { findTemplate, JWT_TEMPLATES, type JwtTemplateRecord, templateJSON } from './template-record.js';
import { importTemplateKey } from './template-signer.js';

/** Claims a template may not set: the token's own registered claims. */
export const RESERVED_CLAIMS = ['azp', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub'] as const;

interface TemplateInput {
  name?: string;
  claims?: Record<string, unknown>;
  lifetime?: number;
  allowed_clock_skew?: number;
  signing_key?: string | null;
  signing_algorithm?: SigningAlgorithm;
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
  readSigningKey(body, input);
  return input;
}

/** `custom_signing_key` + `signing_algorithm` + `signing_key`, as Clerk's API takes them. */
function readSigningKey(body: Readonly<Record<string, unknown>>, input: TemplateInput): void {
  const custom = optionalBoolean(body, 'custom_signing_key');
  const alg = optionalString(body, 'signing_algorithm');
  const signingKey = optionalString(body, 'signing_key');
  if (alg !== undefined && !isSigningAlgorithm(alg)) {
    throw paramInvalid('signing_algorithm', `must be one of ${SIGNING_ALGORITHMS.join(', ')}`);
  }
  if (custom === true) {
    if (alg === undefined) throw paramMissing('signing_algorithm');
    if (!signingKey) throw paramMissing('signing_key');
    input.signing_algorithm = alg;
    input.signing_key = signingKey;
    return;
  }
  if (signingKey !== undefined) throw paramInvalid('signing_key', 'needs custom_signing_key: true');
  if (alg !== undefined && alg !== INSTANCE_SIGNING_ALGORITHM) {
    throw paramInvalid('signing_algorithm', 'needs custom_signing_key: true (the instance key is RS256)');
  }
  if (custom === false) {
    input.signing_key = null;
    input.signing_algorithm = INSTANCE_SIGNING_ALGORITHM;
  }
}

/** Refuses a template key that cannot sign with its algorithm before it is stored. */
async function checkSigningKey(input: TemplateInput): Promise<void> {
  if (!input.signing_key || !input.signing_algorithm) return;
  const key = await importTemplateKey(input.signing_algorithm, input.signing_key);
  if ('problem' in key) throw paramInvalid('signing_key', key.problem);
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
    await checkSigningKey(input);
    const template = await ctx.store.transact((tx) => {
      if (findTemplate(tx, input.name!)) throw identifierTaken('name');
      const now = ctx.clock();
      const record: JwtTemplateRecord = {
        id: newId('jtmp_'),
        name: input.name!,
        claims: input.claims!,
        lifetime: input.lifetime ?? 60,
        allowed_clock_skew: input.allowed_clock_skew ?? 5,
        ...(input.signing_key ? { signing_key: input.signing_key, signing_algorithm: input.signing_algorithm } : {}),
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
    await checkSigningKey(input);
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
