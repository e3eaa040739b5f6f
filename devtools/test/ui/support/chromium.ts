import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ChromiumContext, launchChromiumContext } from '../../../../test-support/chromium.mjs';

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
