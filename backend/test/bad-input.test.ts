import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBackend, startBackend } from '../src/index.js';
import { api, startTestBackend } from './support/backend.js';

let backend: RunningBackend;
beforeAll(async () => {
  backend = await startTestBackend({ seed: 'demo', maxBodyBytes: 4096 });
});
afterAll(() => backend.close());

type ErrorBody = { errors: { code: string; message: string; long_message: string; meta?: { param_name?: string } }[] };

async function expectError(res: Response, status: number, code: string, param?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/json');
  const body = (await res.json()) as ErrorBody;
  expect(body.errors[0]?.code).toBe(code);
  if (param) expect(body.errors[0]?.meta?.param_name).toBe(param);
  return body;
}

async function userCount(): Promise<number> {
  return ((await (await api(backend, '/v1/users/count')).json()) as { total_count: number }).total_count;
}

describe('bad input', () => {
  it('401 without the secret key or with a wrong one', async () => {
    await expectError(await fetch(`${backend.url}/v1/users`), 401, 'authentication_invalid');
    await expectError(
      await api(backend, '/v1/users', { headers: { authorization: 'Basic abc' } }),
      401,
      'authentication_invalid',
    );
    await expectError(
      await api(backend, '/v1/users', { headers: { authorization: `Bearer ${backend.secretKey}x` } }),
      401,
      'authentication_invalid',
    );
  });

  it('400 naming the field for wrong types and missing fields', async () => {
    await expectError(
      await api(backend, '/v1/users', { method: 'POST', json: { first_name: 42 } }),
      400,
      'form_param_format_invalid',
      'first_name',
    );
    await expectError(
      await api(backend, '/v1/users', { method: 'POST', json: { email_address: ['not-an-email'] } }),
      400,
      'form_param_format_invalid',
      'email_address',
    );
    await expectError(
      await api(backend, '/v1/sessions', { method: 'POST', json: {} }),
      400,
      'form_param_missing',
      'user_id',
    );
    await expectError(
      await api(backend, '/v1/jwt_templates', { method: 'POST', json: { name: 't', claims: { sub: 'x' } } }),
      400,
      'form_param_format_invalid',
      'claims.sub',
    );
    await expectError(await api(backend, '/v1/users?limit=abc'), 400, 'form_param_format_invalid', 'limit');
    await expectError(await api(backend, '/v1/users?order_by=-password'), 400, 'form_param_format_invalid', 'order_by');
  });

  it('400 for malformed JSON and for a body that is not an object', async () => {
    for (const body of ['{"username":', '[1,2]', '"text"']) {
      await expectError(
        await api(backend, '/v1/users', { method: 'POST', body, headers: { 'content-type': 'application/json' } }),
        400,
        'malformed_request',
      );
    }
  });

  it('413 for an oversized body, and nothing is written', async () => {
    const before = await userCount();
    const res = await api(backend, '/v1/users', {
      method: 'POST',
      json: { username: 'big', unsafe_metadata: { pad: 'x'.repeat(10_000) } },
    });
    await expectError(res, 413, 'request_body_too_large');
    expect(await userCount()).toBe(before);
  });

  it('404 resource_not_found for unknown ids on every resource', async () => {
    for (const path of [
      '/v1/users/user_nope',
      '/v1/organizations/org_nope',
      '/v1/sessions/sess_nope',
      '/v1/jwt_templates/jtmp_nope',
      '/v1/organization_roles/role_nope',
    ]) {
      await expectError(await api(backend, path), 404, 'resource_not_found');
    }
    await expectError(
      await api(backend, '/v1/sessions/sess_nope/tokens', { method: 'POST' }),
      404,
      'resource_not_found',
    );
    await expectError(
      await api(backend, '/v1/users/user_nope/metadata', { method: 'PATCH', json: { public_metadata: {} } }),
      404,
      'resource_not_found',
    );
  });

  it('writes nothing when a request fails half-way through validation', async () => {
    const before = await userCount();
    // The second email is taken: the user must not be created with the first one.
    const res = await api(backend, '/v1/users', {
      method: 'POST',
      json: { email_address: ['fresh@example.com', 'alice@example.com'], username: 'fresh' },
    });
    await expectError(res, 422, 'form_identifier_exists', 'email_address');
    expect(await userCount()).toBe(before);
    const retry = await api(backend, '/v1/users', {
      method: 'POST',
      json: { email_address: ['fresh@example.com'], username: 'fresh' },
    });
    expect(retry.status).toBe(200);
  });

  it('refuses a session in an organization the user is not a member of', async () => {
    const list = (await (await api(backend, '/v1/users?username=carol')).json()) as { id: string }[];
    await expectError(
      await api(backend, '/v1/sessions', {
        method: 'POST',
        json: { user_id: list[0]!.id, active_organization_id: 'acme' },
      }),
      400,
      'form_param_format_invalid',
      'active_organization_id',
    );
    await expectError(
      await api(backend, '/v1/sessions', {
        method: 'POST',
        json: { user_id: list[0]!.id, factor_verification_age: [1] },
      }),
      400,
      'form_param_format_invalid',
      'factor_verification_age',
    );
  });

  it('answers any JSON body with success or a Clerk 4xx naming a field — never a 500', async () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.object({ maxDepth: 1 }),
    );
    const field = fc.constantFrom(
      'username',
      'email_address',
      'first_name',
      'public_metadata',
      'password',
      'created_at',
      'user_id',
      'actor',
      'factor_verification_age',
      'status',
      'role',
      'name',
      'claims',
    );
    const path = fc.constantFrom('/v1/users', '/v1/sessions', '/v1/organizations', '/v1/jwt_templates');
    await fc.assert(
      fc.asyncProperty(path, fc.dictionary(field, value, { maxKeys: 4 }), async (p, body) => {
        const res = await api(backend, p, { method: 'POST', json: body });
        expect([200, 400, 403, 404, 422]).toContain(res.status);
        const json = (await res.json()) as ErrorBody & { object?: string };
        if (res.status !== 200) {
          expect(json.errors[0]?.code).toMatch(/^[a-z_]+$/);
          if (res.status === 400) expect(typeof json.errors[0]?.meta?.param_name).toBe('string');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('405 for a known path with the wrong method', async () => {
    await expectError(await api(backend, '/v1/jwks', { method: 'DELETE' }), 405, 'method_not_allowed');
  });
});

describe('seed files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authlens-seed-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads roles, users, organizations, members and templates', async () => {
    const file = join(dir, 'seed.json');
    await writeFile(
      file,
      JSON.stringify({
        permissions: [{ key: 'org:reports:read', name: 'Read reports' }],
        roles: [{ key: 'org:viewer', name: 'Viewer', permissions: ['org:reports:read'] }],
        users: [
          { username: 'dave', email_address: ['dave@example.com'], first_name: 'Dave', password: 'long enough pw' },
        ],
        organizations: [
          { name: 'Globex', slug: 'globex', plans: ['pro'], members: [{ username: 'dave', role: 'org:viewer' }] },
        ],
        jwt_templates: [{ name: 'mini', claims: { email: '{{user.primary_email_address}}' } }],
      }),
    );
    const seeded = await startBackend({ inMemory: true, seed: file, rateLimit: 'off' });
    try {
      const memberships = (await (await api(seeded, '/v1/organizations/globex/memberships')).json()) as {
        data: { role: string; permissions: string[]; public_user_data: { identifier: string } }[];
      };
      expect(memberships.data).toEqual([
        expect.objectContaining({
          role: 'org:viewer',
          permissions: ['org:reports:read'],
          public_user_data: expect.objectContaining({ identifier: 'dave@example.com' }),
        }),
      ]);
      const users = (await (await api(seeded, '/v1/users?username=dave')).json()) as { password_enabled: boolean }[];
      expect(users[0]?.password_enabled).toBe(true);
      expect((await api(seeded, '/v1/jwt_templates/mini')).status).toBe(200);
    } finally {
      await seeded.close();
    }
  });

  it('refuses a seed file with a bad entry, naming it, and applies none of it', async () => {
    const file = join(dir, 'bad.json');
    const data = join(dir, 'data');
    await writeFile(file, JSON.stringify({ users: [{ username: 'ok' }, { username: 'x', email_address: ['nope'] }] }));
    await expect(startBackend({ dataDir: data, seed: file })).rejects.toThrow(/Seed file: users\[1\]: .*email_address/);
    const empty = await startBackend({ dataDir: data, rateLimit: 'off' });
    try {
      expect(((await (await api(empty, '/v1/users/count')).json()) as { total_count: number }).total_count).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
