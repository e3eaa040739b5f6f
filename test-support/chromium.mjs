// Debian's Chromium, driven by playwright-core, the way this kind of machine runs it headless: as root (no
// sandbox), on a closed network (no background networking, no component updates, no sync), with a fresh profile.
// One place for the flags, shared by the browser tests and benchmarks of every package.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** A headless browser; each `newContext()` is a fresh, cookie-less profile. */
export function launchChromiumBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

/** A persistent context in a new profile directory, removed again by `close()`. */
export async function launchChromiumContext(options = {}) {
  const profileDir = mkdtempSync(join(tmpdir(), 'authlens-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    ...options,
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
