// The credentials the soak sends, minted through the local backend's Backend API (long lifetimes, so the run never
// depends on the dev sign-in page's short-lived tokens), plus the bad ones it makes up.
import { randomBytes } from 'node:crypto';

/** A call to the backend as the instance (secret key) or as a machine (its secret). */
export async function backendApi(backend, path, { method, body, bearer } = {}) {
  const res = await fetch(`${backend.url}${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: `Bearer ${bearer ?? backend.secretKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`backend ${method ?? 'GET'} ${path} → ${res.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

const DAY = 24 * 60 * 60;
/** The seeded users with sessions; bruno is banned and gets none, so a fifth identity is created for the run. */
export const SESSION_USERS = ['alice', 'bob', 'carol', 'paula', 'soak-dana'];

async function userIdOf(backend, username) {
  const found = await backendApi(backend, `/v1/users?username=${encodeURIComponent(username)}`);
  if (found[0]) return found[0].id;
  const created = await backendApi(backend, '/v1/users', {
    body: { username, first_name: 'Dana', last_name: 'Soak', email_address: [`${username}@example.com`] },
  });
  return created.id;
}

/** A session of `username` and a session token for it living `seconds`. */
export async function sessionToken(backend, username, seconds = DAY) {
  const userId = await userIdOf(backend, username);
  const session = await backendApi(backend, '/v1/sessions', {
    body: { user_id: userId, ...(username === 'paula' ? { status: 'pending' } : {}) },
  });
  const { jwt } = await backendApi(backend, `/v1/sessions/${session.id}/tokens`, {
    body: { expires_in_seconds: seconds },
  });
  return { token: jwt, userId, iat: claimsOf(jwt).iat };
}

export function claimsOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

/** The demo machine `demo-worker`: its id and secret (which mints its M2M tokens). */
export async function demoMachine(backend) {
  const machines = await backendApi(backend, '/v1/machines');
  const machine = machines.data.find((m) => m.name === 'demo-worker');
  if (!machine) throw new Error('no demo-worker machine in the demo seed');
  const { secret } = await backendApi(backend, `/v1/machines/${machine.id}/secret_key`);
  return { id: machine.id, secret };
}

/** An M2M token of the machine: opaque `mt_…` (verified by the Backend API) or a JWT (verified locally). */
export async function m2mToken(backend, machine, format = 'opaque') {
  const { token } = await backendApi(backend, '/v1/m2m_tokens', {
    bearer: machine.secret,
    body: { seconds_until_expiration: DAY, ...(format === 'jwt' ? { token_format: 'jwt' } : {}) },
  });
  return token;
}

/** The same JWT with its payload changed (another subject) and the original signature: must never verify. */
export function forgedPayload(jwt, claims) {
  const [header, , signature] = jwt.split('.');
  const payload = Buffer.from(JSON.stringify({ ...claimsOf(jwt), ...claims })).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The same JWT with one signature character changed. */
export function forgedSignature(jwt) {
  const cut = jwt.length - 10;
  return `${jwt.slice(0, cut)}${jwt[cut] === 'A' ? 'B' : 'A'}${jwt.slice(cut + 1)}`;
}

export function garbageTokens() {
  return [
    'garbage',
    `${randomBytes(24).toString('base64url')}.${randomBytes(40).toString('base64url')}.${randomBytes(64).toString('base64url')}`,
    'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyXzEifQ.',
    `x${'A'.repeat(4000)}`,
  ];
}

/** An `mt_` token no backend ever issued. */
export function unknownMachineToken() {
  return `mt_${randomBytes(16).toString('hex')}`;
}
