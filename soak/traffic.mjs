// The soak's request mix and the loop that sends it: every request is checked against the protection table.
import { checkAnswer, expectedAnswer, ROUTES } from './protection-table.mjs';

/** Any dev browser token: the local backend's development instance expects one beside a cookie session. */
const DEV_BROWSER = 'dvb_soak';

/** A deterministic PRNG (mulberry32), so a run's mix is reproducible from its seed. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Every (route, kind, credential, transport) the soak sends. Valid sessions travel as browsers send them (the
 * `__session` cookie with `__client_uat` and `__clerk_db_jwt`) and, for API requests, as a bearer token too; bad
 * session tokens reach documents as bearer tokens only, so the expected answer never depends on how a browser
 * would be sent to refresh a cookie session. Requests without a credential carry a signed-out browser's cookies.
 */
export function requestMix(credentials) {
  const mix = [];
  for (const route of ROUTES) {
    for (const kind of route.kinds) {
      for (const credential of credentials) {
        const transports = [];
        if (credential.type === 'session_token') {
          if (credential.valid || kind === 'api') transports.push('cookie');
          if (kind === 'api' || !credential.valid) transports.push('bearer');
        } else if (credential.token) transports.push('bearer');
        else transports.push('none');
        for (const via of transports)
          mix.push({ route, kind, credential, via, name: `${route.path} ${kind} ${credential.name} ${via}` });
      }
    }
  }
  return mix;
}

function headersFor({ kind, credential, via }, token) {
  const headers =
    kind === 'document'
      ? { accept: 'text/html,application/xhtml+xml', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' }
      : { accept: 'application/json', 'sec-fetch-dest': 'empty' };
  if (via === 'cookie') {
    headers.cookie = `__session=${token}; __client_uat=${credential.iat ?? 0}; __clerk_db_jwt=${DEV_BROWSER}`;
  } else if (via === 'bearer') headers.authorization = `Bearer ${token}`;
  // A signed-out browser that has met the development instance: its dev browser and `__client_uat=0`. Without
  // them a document is sent through the handshake (`dev-browser-missing`) before it can be signed out.
  else headers.cookie = `__client_uat=0; __clerk_db_jwt=${DEV_BROWSER}`;
  return headers;
}

/** A client-side ceiling far above any bound the soak checks: a request still open then is counted as hung. */
const HANG_MS = 60_000;

/**
 * Sends `count` requests drawn from `mix` with `concurrency` in flight and checks each answer.
 * `backendAnswers` says whether the Backend API answers within the SDK's timeout during this phase.
 */
export async function sendMix({ appUrl, signInUrl, mix, count, concurrency, random, backendAnswers }) {
  const result = { requests: 0, mismatches: 0, samples: [], serverErrors: 0, hung: 0, maxMs: 0, statuses: {} };
  let next = 0;
  const one = async () => {
    const item = mix[Math.floor(random() * mix.length)];
    const token = typeof item.credential.token === 'function' ? item.credential.token() : item.credential.token;
    const expected = expectedAnswer(item.route, item.kind, item.credential, { backendAnswers });
    const requestUrl = `${appUrl}${item.route.path}`;
    const started = performance.now();
    let problem;
    try {
      const res = await fetch(requestUrl, {
        method: item.route.method,
        headers: headersFor(item, token),
        redirect: 'manual',
        signal: AbortSignal.timeout(HANG_MS),
      });
      const body = await res.text();
      result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
      if (res.status >= 500) result.serverErrors++;
      problem = checkAnswer(expected, res, body, { signInUrl, requestUrl });
    } catch (error) {
      if (error?.name === 'TimeoutError') result.hung++;
      problem = `no answer: ${error?.message ?? error}`;
    }
    result.maxMs = Math.max(result.maxMs, performance.now() - started);
    result.requests++;
    if (problem) {
      result.mismatches++;
      if (result.samples.length < 10) result.samples.push(`${item.name}: ${problem}`);
    }
  };
  const worker = async () => {
    while (next < count) {
      next++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result;
}
