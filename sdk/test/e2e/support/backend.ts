/** Calls to the local backend the tests make as the instance (secret key), e.g. to mint tokens for demo users. */
import { e2e } from './context.js';

export async function backendApi<T = any>(
  path: string,
  init: { method?: string; body?: unknown; bearer?: string } = {},
): Promise<T> {
  const { backendUrl, secretKey } = e2e();
  const res = await fetch(`${backendUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: `Bearer ${init.bearer ?? secretKey}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`backend ${init.method ?? 'GET'} ${path} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : (undefined as T);
}

const userIds = new Map<string, string>();

export async function userId(username: string): Promise<string> {
  let id = userIds.get(username);
  if (!id) {
    const users = await backendApi<Array<{ id: string }>>(`/v1/users?username=${encodeURIComponent(username)}`);
    id = users[0]?.id;
    if (!id) throw new Error(`no demo user ${username}`);
    userIds.set(username, id);
  }
  return id;
}

export async function orgId(slug: string): Promise<string> {
  return (await backendApi<{ id: string }>(`/v1/organizations/${slug}`)).id;
}

export interface SessionOptions {
  /** Active organization slug (the demo org is `acme`). */
  org?: string;
  pending?: boolean;
  /** Factor verification ages in minutes, -1 = not enrolled. */
  fva?: [number, number];
  azp?: string;
  expiresInSeconds?: number;
}

export interface DemoSession {
  token: string;
  sessionId: string;
  userId: string;
}

/** A new session for a demo user and a fresh session token for it (the backend's Clerk v2 claims). */
export async function sessionFor(username: string, options: SessionOptions = {}): Promise<DemoSession> {
  const uid = await userId(username);
  const session = await backendApi<{ id: string }>('/v1/sessions', {
    body: {
      user_id: uid,
      ...(options.org ? { active_organization_id: await orgId(options.org) } : {}),
      ...(options.pending ? { status: 'pending' } : {}),
      ...(options.fva ? { factor_verification_age: options.fva } : {}),
      ...(options.azp ? { azp: options.azp } : {}),
    },
  });
  const { jwt } = await backendApi<{ jwt: string }>(`/v1/sessions/${session.id}/tokens`, {
    body: options.expiresInSeconds ? { expires_in_seconds: options.expiresInSeconds } : {},
  });
  return { token: jwt, sessionId: session.id, userId: uid };
}

export async function counters(): Promise<Record<string, number>> {
  return (await backendApi<{ counts: Record<string, number> }>('/__admin/counters')).counts;
}

export async function resetCounters(): Promise<void> {
  await backendApi('/__admin/counters/reset', { method: 'POST', body: {} });
}

/** An opaque M2M token (`mt_…`) of the demo machine `demo-worker`. */
export async function m2mToken(): Promise<string> {
  const machines = await backendApi<{ data: Array<{ id: string; name: string }> }>('/v1/machines');
  const machine = machines.data.find((m) => m.name === 'demo-worker');
  if (!machine) throw new Error('no demo-worker machine');
  const { secret } = await backendApi<{ secret: string }>(`/v1/machines/${machine.id}/secret_key`);
  const { token } = await backendApi<{ token: string }>('/v1/m2m_tokens', { bearer: secret, body: {} });
  return token;
}

/** An API key (`ak_…`) owned by a demo user. */
export async function apiKey(username: string): Promise<string> {
  const { secret } = await backendApi<{ secret: string }>('/v1/api_keys', {
    body: { name: `e2e-${Date.now()}`, subject: await userId(username) },
  });
  return secret;
}

/** An OAuth access token (`oat_…`) for a demo user (the backend's dev-only mint endpoint). */
export async function oauthToken(username: string): Promise<string> {
  const { token } = await backendApi<{ token: string }>('/__admin/oauth_access_tokens', {
    body: { user_id: await userId(username), client_id: 'e2e-client', scopes: ['profile'] },
  });
  return token;
}

/** The `supabase` JWT template the reference's getToken example asks for. */
export async function ensureSupabaseTemplate(): Promise<void> {
  const templates = await backendApi<Array<{ name: string }> | { data: Array<{ name: string }> }>('/v1/jwt_templates');
  const list = Array.isArray(templates) ? templates : templates.data;
  if (list.some((t) => t.name === 'supabase')) return;
  await backendApi('/v1/jwt_templates', {
    body: {
      name: 'supabase',
      claims: { role: 'authenticated', email: '{{user.primary_email_address}}', uid: '{{user.id}}' },
      lifetime: 300,
    },
  });
}

export function claimsOf(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}
