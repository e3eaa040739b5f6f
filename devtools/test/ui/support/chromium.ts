import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type ChromiumContext, launchChromiumContext } from '../../../../test-support/chromium.mjs';
import { type RunningDevtools, startDevtools } from '../../../src/index.js';

/** Where screenshots go: the repository's git-ignored `test-artifacts/`. */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../../../test-artifacts/', import.meta.url));
const UI_INDEX = fileURLToPath(new URL('../../../ui/dist/index.html', import.meta.url));

/** Fails early, and says why, when the dashboard has not been built. */
export function requireBuiltUi(): void {
  if (!existsSync(UI_INDEX)) throw new Error('devtools/ui/dist is missing: run `npm run build -w devtools` first');
}

export type Browser = ChromiumContext;

/** Debian's Chromium, headless, with a fresh profile that is removed on close. */
export async function launchChromium(): Promise<Browser> {
  const browser = await launchChromiumContext({ viewport: { width: 1440, height: 900 } });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return browser;
}

export interface DashboardSession {
  devtools: RunningDevtools;
  browser: Browser;
  page: Page;
}

/**
 * A devtools server on a free port and a Chromium page for it, started before the file's tests and closed after
 * them. Read the returned object's fields inside tests (they are set in `beforeAll`).
 */
export function dashboardForTheseTests(): DashboardSession {
  const session = {} as DashboardSession;
  beforeAll(async () => {
    requireBuiltUi();
    session.devtools = await startDevtools({ port: 0 });
    session.browser = await launchChromium();
    session.page = await session.browser.context.newPage();
  }, 60_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.devtools?.close();
  });
  return session;
}
