// What each soak request must get, computed from the protection table of sdk/docs/api.md (`auth.protect(params?,
// options?)`) and the example app's routes — never from the app's own answers.
//
// | caller                                                   | document                     | API request |
// | signed in (default token)                                | the auth object → 200        | 200         |
// | signed out: no valid session; a machine token counts as none | redirect to sign-in with redirect_url | 404 |
// | a valid machine token of an accepted type (m2m_token)     | 200                          | 200         |
// | token accepts machine types only, and the credential fails, is of another type, or is missing | 401 | 401 |
//
// A credential that fails verification for any reason, the Backend API being unreachable or slower than the
// client's timeout included, counts as no credential (sdk/docs/api.md, clerkMiddleware: Verification).

/** The example app's protected routes the soak requests. */
export const ROUTES = [
  // auth.protect() in a Server Component.
  { path: '/protected', method: 'GET', guard: 'session', kinds: ['document', 'api'], text: (id) => `Welcome ${id}` },
  // auth.protect() in proxy.ts; the page reads auth().
  {
    path: '/mw/protected',
    method: 'GET',
    guard: 'session',
    kinds: ['document', 'api'],
    text: (id) => `Middleware let ${id} in`,
  },
  // auth.protect({ token: 'm2m_token' }) in proxy.ts; the route reads auth({ acceptsToken: 'm2m_token' }).
  { path: '/api/mw/m2m', method: 'GET', guard: 'm2m', kinds: ['api'], field: 'subject' },
  // auth.protect({ token: 'm2m_token' }) in a Route Handler.
  { path: '/api/m2m', method: 'POST', guard: 'm2m', kinds: ['api'], field: 'machineId' },
];

/**
 * The expected answer to `route` requested as `kind` with `credential`, where `backendAnswers` says whether the
 * Backend API answers within the SDK's timeout (it verifies opaque machine tokens; session tokens and JWT machine
 * tokens verify without it).
 *
 * @returns {{ status: number, subject?: string, text?: string, field?: string, signInRedirect?: boolean }}
 */
export function expectedAnswer(route, kind, credential, { backendAnswers }) {
  const verifies = credential.valid && (!credential.needsBackend || backendAnswers);
  if (route.guard === 'session') {
    if (verifies && credential.type === 'session_token') return { status: 200, text: route.text(credential.subject) };
    return kind === 'document' ? { status: 307, signInRedirect: true } : { status: 404 };
  }
  if (verifies && credential.type === 'm2m_token')
    return { status: 200, field: route.field, subject: credential.subject };
  return { status: 401 };
}

/** Whether `res` (status, headers, body text) is the expected answer; a reason when it is not. */
export function checkAnswer(expected, res, body, { signInUrl, requestUrl }) {
  if (res.status !== expected.status) return `status ${res.status}, expected ${expected.status}`;
  if (expected.signInRedirect) {
    const location = res.headers.get('location');
    if (!location) return 'redirect without Location';
    const target = new URL(location, requestUrl);
    if (`${target.origin}${target.pathname}` !== signInUrl) return `redirect to ${target.origin}${target.pathname}`;
    if (target.searchParams.get('redirect_url') !== requestUrl) {
      return `redirect_url ${target.searchParams.get('redirect_url')}, expected ${requestUrl}`;
    }
  }
  if (expected.text && !body.replaceAll('<!-- -->', '').includes(expected.text)) return `body lacks "${expected.text}"`;
  if (expected.field) {
    let json;
    try {
      json = JSON.parse(body);
    } catch {
      return 'body is not JSON';
    }
    if (json[expected.field] !== expected.subject) return `${expected.field} ${json[expected.field]}`;
  }
  return null;
}
