import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveUi } from './static-ui.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authlens-ui-'));
  await mkdir(join(dir, 'dist', 'assets'), { recursive: true });
  await writeFile(join(dir, 'dist', 'index.html'), '<!doctype html><title>dashboard</title>');
  await writeFile(join(dir, 'dist', 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'outside');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (uiDir: string, path: string) => {
  const url = new URL(path, 'http://devtools.test');
  return serveUi(uiDir)(new Request(url), {}, url);
};

describe('serveUi', () => {
  it('serves the built files, with long caching for fingerprinted assets', async () => {
    const index = await get(join(dir, 'dist'), '/');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>dashboard</title>');
    const asset = await get(join(dir, 'dist'), '/assets/app-1234.js');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('answers deep links with index.html, and missing files with 404', async () => {
    expect(await (await get(join(dir, 'dist'), '/requests/0af7651916cd43dd8448eb211c80319c')).text()).toContain(
      'dashboard',
    );
    expect((await get(join(dir, 'dist'), '/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the UI folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const response = await get(join(dir, 'dist'), path);
      expect(await response.text()).not.toContain('outside');
    }
  });

  it('says the UI is not built when there is no build', async () => {
    const response = await get(join(dir, 'missing'), '/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("the dashboard UI isn't built");
  });
});
