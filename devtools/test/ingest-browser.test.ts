import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test-support/chromium.mjs';
import { type DecisionListResponse, type RunningDevtools, startDevtools } from '../src/index.js';
import { middlewareExport, newTraceId } from './support/otlp-json.js';

// Hardening finding 6, in a real browser: a page on a foreign origin cannot get telemetry into the devtools,
// neither with a CORS request nor with a "simple" one that skips preflight; a page served from localhost can.
// Chromium resolves evil.example to 127.0.0.1 here, so the foreign page is served by the same loopback server.

let devtools: RunningDevtools;
let pages: Server;
let pagePort: number;
let browser: Browser;

beforeAll(async () => {
  devtools = await startDevtools({ port: 0 });
  pages = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>page'),
  );
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pagePort = (pages.address() as AddressInfo).port;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP evil.example 127.0.0.1'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => pages?.close(resolve));
  await devtools?.close();
});

async function storedIds(): Promise<string[]> {
  const page = (await (await fetch(`${devtools.url}/api/requests`)).json()) as DecisionListResponse;
  return page.items.map((item) => item.id);
}

/** Opens `pageOrigin` in a fresh context and, from the page, POSTs an export to the devtools in `mode`. */
async function postFromPage(pageOrigin: string, requestId: string, mode: 'cors-json' | 'simple-text') {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${pageOrigin}/`);
    const statuses: number[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(`${devtools.url}/v1/`)) statuses.push(response.status());
    });
    const outcome = await page.evaluate(
      async ({ url, body, mode }) => {
        try {
          const response =
            mode === 'cors-json'
              ? await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
              : await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body });
          return response.type === 'opaque' ? 'opaque' : `status ${response.status}`;
        } catch (error) {
          return `failed: ${(error as Error).name}`;
        }
      },
      { url: `${devtools.url}/v1/traces`, body: JSON.stringify(middlewareExport(requestId, newTraceId())), mode },
    );
    return { outcome, statuses };
  } finally {
    await context.close();
  }
}

describe('telemetry from browser pages (Hardening finding 6)', { timeout: 30_000 }, () => {
  it('a foreign page is refused, whether its request is preflighted or simple, and nothing is stored', async () => {
    const evil = `http://evil.example:${pagePort}`;
    const preflighted = await postFromPage(evil, 'req_evil_cors', 'cors-json');
    expect(preflighted.outcome).toBe('failed: TypeError'); // the preflight got 403
    const simple = await postFromPage(evil, 'req_evil_simple', 'simple-text');
    expect(simple.outcome).toBe('opaque'); // the page cannot see it, but the server answered 403
    expect(simple.statuses).toContain(403);
    expect(devtools.stats().received.traceRequests).toBe(0);
    expect(await storedIds()).toEqual([]);
  });

  it('a page served from localhost sends its export and it is stored', async () => {
    const local = await postFromPage(`http://localhost:${pagePort}`, 'req_local_page', 'cors-json');
    expect(local.outcome).toBe('status 200');
    expect(await storedIds()).toEqual(['req_local_page']);
  });
});
