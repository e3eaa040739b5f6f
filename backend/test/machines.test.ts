/**
 * Machine auth against a running backend, driven by Clerk's own client: machines and their secret keys, M2M tokens
 * (valid, revoked, expired, garbage), API keys and OAuth access tokens.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClerkClient, verifyToken } from '@clerk/backend';
import { isClerkAPIResponseError } from '@clerk/backend/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBackend, startBackend } from '../src/index.js';
import { api, startTestBackend } from './support/backend.js';

let backend: RunningBackend;
/** Added to the backend's clock, to expire tokens without waiting. */
let clockSkewMs = 0;

beforeAll(async () => {
  backend = await startTestBackend({ now: () => Date.now() + clockSkewMs });
});
afterAll(() => backend.close());

function clerk(machineSecretKey?: string) {
  return createClerkClient({
    apiUrl: backend.url,
    secretKey: backend.secretKey,
    ...(machineSecretKey ? { machineSecretKey } : {}),
  });
}

async function apiError(promise: Promise<unknown>): Promise<{ status: number; code: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (isClerkAPIResponseError(error)) return { status: error.status, code: error.errors[0]?.code };
    throw error;
  }
  throw new Error('expected the Backend API to refuse');
}

describe('machines', () => {
  it('creates, gets, lists and deletes machines, with scopes between them', async () => {
    const client = clerk();
    const api1 = await client.machines.create({ name: 'billing-api' });
    expect(api1.id).toMatch(/^mch_[0-9A-Za-z]{27}$/);
    expect(api1.secretKey).toMatch(/^ak_/);
    expect(api1.defaultTokenTtl).toBe(3600);

    const worker = await client.machines.create({ name: 'worker', scopedMachines: [api1.id], defaultTokenTtl: 60 });
    expect(worker.scopedMachines.map((m) => m.id)).toEqual([api1.id]);
    expect(worker.defaultTokenTtl).toBe(60);

    const fetched = await client.machines.get(worker.id);
    expect(fetched.name).toBe('worker');
    expect(fetched.secretKey).toBeUndefined();
    expect(fetched.scopedMachines[0]?.name).toBe('billing-api');

    const list = await client.machines.list({ query: 'worker' });
    expect(list.data.map((m) => m.id)).toEqual([worker.id]);
    expect(list.totalCount).toBe(1);

    const scope = await client.machines.createScope(api1.id, worker.id);
    expect(scope).toMatchObject({ fromMachineId: api1.id, toMachineId: worker.id });
    expect((await client.machines.get(api1.id)).scopedMachines.map((m) => m.id)).toEqual([worker.id]);
    await client.machines.deleteScope(api1.id, worker.id);
    expect((await client.machines.get(api1.id)).scopedMachines).toEqual([]);

    await client.machines.delete(worker.id);
    expect(await apiError(client.machines.get(worker.id))).toEqual({ status: 404, code: 'resource_not_found' });
  });

  it('refuses an unknown scoped machine and a blank name, writing nothing', async () => {
    const client = clerk();
    const before = (await client.machines.list()).totalCount;
    expect(await apiError(client.machines.create({ name: 'x', scopedMachines: ['mch_nope'] }))).toEqual({
      status: 400,
      code: 'form_param_format_invalid',
    });
    expect(await apiError(client.machines.create({ name: '' }))).toMatchObject({ status: 400 });
    expect((await client.machines.list()).totalCount).toBe(before);
  });

  it('hands out the secret key, and rotation keeps the old one only for the grace period', async () => {
    const client = clerk();
    const machine = await client.machines.create({ name: 'rotating' });
    const { secret } = await client.machines.getSecretKey(machine.id);
    expect(secret).toBe(machine.secretKey);

    const rotated = await client.machines.rotateSecretKey({ machineId: machine.id, previousTokenTtl: 0 });
    expect(rotated.secret).not.toBe(secret);
    expect((await client.machines.getSecretKey(machine.id)).secret).toBe(rotated.secret);
    // The old key no longer authenticates the machine; the new one does.
    expect(await apiError(clerk(secret).m2m.createToken())).toMatchObject({ status: 401 });
    expect((await clerk(rotated.secret).m2m.createToken()).subject).toBe(machine.id);
  });
});

describe('M2M tokens', () => {
  it('a machine creates a token with its secret key; the instance and the scoped machine verify it', async () => {
    const client = clerk();
    const target = await client.machines.create({ name: 'target' });
    const caller = await client.machines.create({ name: 'caller', scopedMachines: [target.id] });
    const { secret: callerKey } = await client.machines.getSecretKey(caller.id);

    const created = await clerk(callerKey).m2m.createToken({ secondsUntilExpiration: 600, claims: { job: 'sync' } });
    expect(created.token).toMatch(/^mt_[0-9A-Za-z]{48}$/);
    expect(created).toMatchObject({ subject: caller.id, scopes: [target.id], claims: { job: 'sync' }, revoked: false });
    expect(created.expiration! - created.createdAt).toBe(600_000);

    const byInstance = await client.m2m.verify({ token: created.token! });
    expect(byInstance).toMatchObject({
      id: created.id,
      subject: caller.id,
      scopes: [target.id],
      claims: { job: 'sync' },
      revoked: false,
      expired: false,
    });
    expect(byInstance.token).toBeUndefined();

    const { secret: targetKey } = await client.machines.getSecretKey(target.id);
    expect((await clerk(targetKey).m2m.verify({ token: created.token! })).id).toBe(created.id);
    // The caller itself is not among the token's scopes, so its own key cannot verify it.
    expect(await apiError(clerk(callerKey).m2m.verify({ token: created.token! }))).toMatchObject({ status: 404 });
  });

  it('uses the machine default lifetime when none is asked for', async () => {
    const client = clerk();
    const machine = await client.machines.create({ name: 'short-lived', defaultTokenTtl: 30 });
    const token = await clerk(machine.secretKey).m2m.createToken();
    expect(token.expiration! - token.createdAt).toBe(30_000);
  });

  it('refuses to create a token with the instance secret key or a wrong key', async () => {
    expect(await apiError(clerk().m2m.createToken())).toMatchObject({ status: 401, code: 'authentication_invalid' });
    expect(await apiError(clerk('ak_not_a_machine_key').m2m.createToken())).toMatchObject({ status: 401 });
  });

  it('revoked, expired and garbage tokens are refused with 404, and verifyToken-style callers see invalid', async () => {
    const client = clerk();
    const machine = await client.machines.create({ name: 'revoker' });
    const machineClient = clerk(machine.secretKey);

    // What a request authenticated by @clerk/backend with acceptsToken: 'm2m_token' makes of the token.
    const authenticates = async (token: string) => {
      const request = new Request('http://localhost:3000/api/data', { headers: { authorization: `Bearer ${token}` } });
      const state = await createClerkClient({
        apiUrl: backend.url,
        secretKey: backend.secretKey,
        publishableKey: backend.publishableKey,
      }).authenticateRequest(request, { acceptsToken: 'm2m_token' });
      return state.isAuthenticated;
    };

    const revoked = await machineClient.m2m.createToken();
    expect(await authenticates(revoked.token!)).toBe(true);
    const afterRevoke = await machineClient.m2m.revokeToken({ m2mTokenId: revoked.id, revocationReason: 'leaked' });
    expect(afterRevoke).toMatchObject({ revoked: true, revocationReason: 'leaked' });
    expect(await apiError(client.m2m.verify({ token: revoked.token! }))).toEqual({
      status: 404,
      code: 'resource_not_found',
    });
    expect(await authenticates(revoked.token!)).toBe(false);

    const expiring = await machineClient.m2m.createToken({ secondsUntilExpiration: 60 });
    expect((await client.m2m.verify({ token: expiring.token! })).expired).toBe(false);
    clockSkewMs += 61_000;
    try {
      expect(await apiError(client.m2m.verify({ token: expiring.token! }))).toEqual({
        status: 404,
        code: 'resource_not_found',
      });
      expect(await authenticates(expiring.token!)).toBe(false);
    } finally {
      clockSkewMs -= 61_000;
    }

    for (const garbage of ['mt_garbage', 'not-a-token', expiring.id]) {
      expect(await apiError(client.m2m.verify({ token: garbage }))).toEqual({
        status: 404,
        code: 'resource_not_found',
      });
      expect(await authenticates(garbage), garbage).toBe(false);
    }
  });

  it('the reason for a refusal is in the error meta, and the token is not echoed', async () => {
    const machine = await clerk().machines.create({ name: 'meta' });
    const token = await clerk(machine.secretKey).m2m.createToken();
    await clerk().m2m.revokeToken({ m2mTokenId: token.id });
    for (const path of ['/m2m_tokens/verify', '/v1/m2m_tokens/verify']) {
      const res = await api(backend, path, { method: 'POST', json: { token: token.token } });
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(JSON.parse(text).errors[0].meta).toEqual({ reason: 'revoked' });
      expect(text).not.toContain(token.token!);
    }
  });

  it('lists a machine’s tokens, filtered by revocation', async () => {
    const machine = await clerk().machines.create({ name: 'lister' });
    const mc = clerk(machine.secretKey);
    const a = await mc.m2m.createToken();
    const b = await mc.m2m.createToken();
    await mc.m2m.revokeToken({ m2mTokenId: a.id });
    const all = await mc.m2m.list({ subject: machine.id });
    expect(all.totalCount).toBe(2);
    expect(all.data.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
    // @clerk/backend drops false query values, so filter on revoked=true.
    const revoked = await clerk().m2m.list({ subject: machine.id, revoked: true });
    expect(revoked.data.map((t) => t.id)).toEqual([a.id]);
    const res = await api(backend, `/m2m_tokens?subject=${machine.id}&revoked=false`);
    expect(((await res.json()) as { m2m_tokens: { id: string }[] }).m2m_tokens.map((t) => t.id)).toEqual([b.id]);
  });

  it('issues JWT-format tokens that @clerk/backend verifies offline with the JWKS or the jwtKey', async () => {
    const target = await clerk().machines.create({ name: 'jwt-target' });
    const machine = await clerk().machines.create({ name: 'jwt-caller', scopedMachines: [target.id] });
    const created = await clerk(machine.secretKey).m2m.createToken({
      tokenFormat: 'jwt',
      secondsUntilExpiration: 300,
      claims: { job: 'nightly', sub: 'spoofed' },
    });
    expect(created.token!.split('.')).toHaveLength(3);
    // Hardening finding 2: shaped as Clerk's M2M JWTs (a machine subject, the M2M category), so that no verifier takes
    // it for a session token: @clerk/backend's verifyToken refuses it by its category.
    const [header, payload] = created
      .token!.split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', cat: 'cl_B7d4PD333AAA' });
    expect(payload.sub).toBe(machine.id);
    expect(machine.id).toMatch(/^mch_/);
    await expect(verifyToken(created.token!, { jwtKey: backend.jwtKey })).rejects.toMatchObject({
      reason: 'token-invalid',
    });
    for (const client of [clerk(), createClerkClient({ jwtKey: backend.jwtKey })]) {
      const verified = await client.m2m.verify({ token: created.token! });
      expect(verified).toMatchObject({ id: created.id, subject: machine.id, scopes: [target.id], expired: false });
      expect(verified.claims).toMatchObject({ job: 'nightly' });
    }
    expect(await apiError(clerk(machine.secretKey).m2m.createToken({ tokenFormat: 'paseto' as 'jwt' }))).toMatchObject({
      status: 400,
      code: 'form_param_format_invalid',
    });
  });

  it('stores only hashes of token secrets', async () => {
    const machine = await clerk().machines.create({ name: 'hash-check' });
    const token = await clerk(machine.secretKey).m2m.createToken();
    const res = await api(backend, `/m2m_tokens?subject=${machine.id}`);
    const text = await res.text();
    expect(text).toContain(token.id);
    expect(text).not.toContain(token.token!);
  });
});

describe('seeds', () => {
  it('the demo seed has the demo-worker machine, whose secret key creates M2M tokens', async () => {
    const demo = await startTestBackend({ seed: 'demo' });
    try {
      const client = createClerkClient({ apiUrl: demo.url, secretKey: demo.secretKey });
      const { data } = await client.machines.list({ query: 'demo-worker' });
      expect(data.map((m) => m.name)).toEqual(['demo-worker']);
      const { secret } = await client.machines.getSecretKey(data[0]!.id);
      const token = await createClerkClient({ apiUrl: demo.url, machineSecretKey: secret }).m2m.createToken();
      expect((await client.m2m.verify({ token: token.token! })).subject).toBe(data[0]!.id);
    } finally {
      await demo.close();
    }
  });

  it('a seed file lists machines and their scopes by name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authlens-machines-seed-'));
    const file = join(dir, 'seed.json');
    await writeFile(
      file,
      JSON.stringify({
        machines: [{ name: 'api' }, { name: 'cron', scoped_machines: ['api'], default_token_ttl: 120 }],
      }),
    );
    const seeded = await startTestBackend({ seed: file });
    try {
      const client = createClerkClient({ apiUrl: seeded.url, secretKey: seeded.secretKey });
      const { data } = await client.machines.list({ orderBy: '+name' });
      expect(data.map((m) => m.name)).toEqual(['api', 'cron']);
      expect(data[1]!.scopedMachines.map((m) => m.id)).toEqual([data[0]!.id]);
      expect(data[1]!.defaultTokenTtl).toBe(120);
    } finally {
      await seeded.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('persistence', () => {
  it('machines, their keys and tokens survive a restart of a persistent backend', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'authlens-machines-data-'));
    try {
      const first = await startBackend({ dataDir, port: 0, rateLimit: 'off' });
      const firstClient = createClerkClient({ apiUrl: first.url, secretKey: first.secretKey });
      const machine = await firstClient.machines.create({ name: 'durable' });
      const token = await createClerkClient({
        apiUrl: first.url,
        machineSecretKey: machine.secretKey!,
      }).m2m.createToken();
      const revoked = await createClerkClient({
        apiUrl: first.url,
        machineSecretKey: machine.secretKey!,
      }).m2m.createToken();
      await firstClient.m2m.revokeToken({ m2mTokenId: revoked.id });
      await first.close();

      const second = await startBackend({ dataDir, port: 0, rateLimit: 'off' });
      try {
        const client = createClerkClient({ apiUrl: second.url, secretKey: second.secretKey });
        expect((await client.machines.getSecretKey(machine.id)).secret).toBe(machine.secretKey);
        expect((await client.m2m.verify({ token: token.token! })).id).toBe(token.id);
        expect(await apiError(client.m2m.verify({ token: revoked.token! }))).toMatchObject({ status: 404 });
        const again = await createClerkClient({
          apiUrl: second.url,
          machineSecretKey: machine.secretKey!,
        }).m2m.createToken();
        expect(again.subject).toBe(machine.id);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
