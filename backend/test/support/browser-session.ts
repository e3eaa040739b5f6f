import type { RunningBackend } from '../../src/index.js';

/** The Set-Cookie headers of a response, by cookie name. */
export function cookiesOf(res: Response): Record<string, { value: string; attributes: string }> {
  return Object.fromEntries(
    res.headers.getSetCookie().map((c) => {
      const [pair, ...attributes] = c.split('; ');
      const eq = pair!.indexOf('=');
      return [pair!.slice(0, eq), { value: pair!.slice(eq + 1), attributes: attributes.join('; ') }];
    }),
  );
}

/** Signs in on the backend's page as a browser would (the page's own Origin); returns the cookies it set. */
export async function signInOnPage(backend: RunningBackend, username: string, redirectUrl: string, cookie?: string) {
  const res = await fetch(`${backend.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: backend.url,
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams({ username, redirect_url: redirectUrl }),
  });
  if (res.status !== 303) throw new Error(`sign-in as ${username} answered ${res.status}`);
  const cookies = cookiesOf(res);
  return {
    session: cookies.__session!.value,
    clientUat: cookies.__client_uat!.value,
    client: cookies.__client!.value,
    devBrowser: cookies.__clerk_db_jwt!.value,
  };
}
