import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built dashboard (`ui/dist`) at `/`: files as they are, and `index.html` for any other path without
 * an extension so the dashboard's deep links (`/requests/<trace id>`) load. Until the dashboard is built, `/`
 * says so in a small page.
 */
export function serveUi(uiDir: string) {
  const root = resolve(uiDir);
  return async (request: Request, _params: unknown, url: URL): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return Response.json({ error: 'ERR_NOT_FOUND', message: 'not found' }, { status: 404 });
    }
    if (!(await isFile(join(root, 'index.html')))) return notBuiltPage();

    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return new Response('bad path', { status: 400 });
    }
    const file = resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) return new Response('not found', { status: 404 });
    if (await isFile(file)) return fileResponse(file, pathname.startsWith('/assets/'));
    if (extname(pathname) !== '') return new Response('not found', { status: 404 });
    return fileResponse(join(root, 'index.html'), false);
  };
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function fileResponse(path: string, immutable: boolean): Promise<Response> {
  const body = await readFile(path);
  return new Response(body, {
    headers: {
      'content-type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      // Vite fingerprints files under assets/; everything else (index.html) must be revalidated.
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}

function notBuiltPage(): Response {
  const html = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>authlens devtools</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .25em}</style>
<h1>authlens devtools</h1>
<p>The receiver is running, but the dashboard UI isn't built (<code>devtools/ui/dist</code> is missing).</p>
<p>The data is available meanwhile:</p>
<ul>
<li><a href="/api/requests">/api/requests</a> — the latest auth decisions (JSON)</li>
<li><a href="/api/stream">/api/stream</a> — new decisions as Server-Sent Events</li>
<li><a href="/api/metrics/rate-limit">/api/metrics/rate-limit</a> — the Backend API rate-limit budget</li>
<li><a href="/healthz">/healthz</a> — receiver, store and forwarding status</li>
</ul>
</html>
`;
  return new Response(html, {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
  });
}
