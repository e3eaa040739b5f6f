import type { Browser, BrowserContext } from 'playwright-core';

export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: readonly string[];

/** A headless browser; each `newContext()` is a fresh, cookie-less profile. */
export declare function launchChromiumBrowser(): Promise<Browser>;

export interface ChromiumContext {
  context: BrowserContext;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/** A persistent context in a new profile directory, removed again by `close()`. */
export declare function launchChromiumContext(options?: {
  viewport?: { width: number; height: number } | null;
}): Promise<ChromiumContext>;
