/**
 * The framework-free core of `useReverification()`: run an action; when its outcome is a reverification hint, have
 * the user re-verify, then run it again. Clerk's shape: `onNeedsReverification({ level, complete, cancel })` takes
 * over the UI; without it the user is sent to the re-verify page and the call is retried when they come back.
 */
import type { ReverificationLevel } from '../types.js';
import { ReverificationCancelledError } from './errors.js';
import { type PendingStorage, savePendingReverification, takePendingReverification } from './pending-reverification.js';
import {
  type ReverificationHint,
  readReverificationHint,
  readReverificationResponse,
} from './read-reverification-hint.js';
import { reverificationLevel } from './reverification-level.js';
import { type ReverificationPageOptions, reverificationPageUrl } from './reverification-page-url.js';

// An action takes any arguments, as in Clerk's types.
export type Fetcher = (...args: any[]) => Promise<unknown> | unknown;

/** Clerk's: a result without the hint (what the enhanced call resolves with once reverification is done). */
export type ExcludeReverificationHint<T> = T extends { clerk_error: unknown } ? never : T;

export interface NeedsReverificationParameters {
  /** Rejects the pending call with `ERR_REVERIFICATION_CANCELLED`. */
  cancel: () => void;
  /** Runs the call again (once). */
  complete: () => void;
  /** The level the hint asks for. */
  level: ReverificationLevel | undefined;
}

export interface UseReverificationOptions<F extends Fetcher = Fetcher> extends ReverificationPageOptions {
  /** Clerk's option: your own UI instead of the re-verify page. */
  onNeedsReverification?: (properties: NeedsReverificationParameters) => void;
  /**
   * Called when the page loads again after the re-verify page with the retried call's outcome (it may still be the
   * hint, when the user came back without re-verifying). Without it nothing is retried on return.
   */
  onResume?: (retried: Promise<Awaited<ReturnType<F>>>) => void;
  /** Tells the retry of this action apart from others on the page; default: the action's name. */
  key?: string;
}

/** What the core needs from the browser (injected, so it runs and is tested without one). */
export interface ReverificationEnvironment {
  /** The page to come back to (`location.href`). */
  currentUrl(): string;
  /** Leaves for the re-verify page (`location.assign`). */
  navigate(url: string): void;
  /** `sessionStorage`, or null where there is none. */
  storage: PendingStorage | null;
}

/** The outcome of one call, with a hint (returned, thrown by an action, or a 403 response) turned into the hint. */
async function settle(
  outcome: Promise<unknown> | unknown,
): Promise<{ hint: ReverificationHint | null; value: unknown }> {
  let value: unknown;
  try {
    value = await outcome;
  } catch (error) {
    const hint = readReverificationHint(error);
    if (hint) return { hint, value: hint };
    throw error;
  }
  const hint = value instanceof Response ? await readReverificationResponse(value) : readReverificationHint(value);
  return { hint, value: hint ?? value };
}

function keyOf(fetcher: Fetcher, options: UseReverificationOptions): string {
  return options.key ?? (fetcher.name || 'action');
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

export function withReverification<F extends Fetcher>(
  fetcher: F,
  options: UseReverificationOptions<F>,
  env: ReverificationEnvironment,
): (...args: Parameters<F>) => Promise<ExcludeReverificationHint<Awaited<ReturnType<F>>>> {
  type Result = ExcludeReverificationHint<Awaited<ReturnType<F>>>;
  return async (...args) => {
    const first = await settle(fetcher(...args));
    if (!first.hint) return first.value as Result;
    const level = reverificationLevel(first.hint);

    if (options.onNeedsReverification) {
      await new Promise<void>((resolve, reject) => {
        options.onNeedsReverification?.({
          level,
          complete: resolve,
          cancel: () => reject(new ReverificationCancelledError()),
        });
      });
      // As in Clerk, one retry; a hint again is handed back as the result.
      return (await settle(fetcher(...args))).value as Result;
    }

    const returnUrl = env.currentUrl();
    const url = reverificationPageUrl(level, returnUrl, options);
    if (options.onResume) savePendingReverification(env.storage, keyOf(fetcher, options), pathOf(returnUrl), args);
    env.navigate(url);
    // The page is being left; the call settles after the return, through onResume.
    return new Promise<Result>(() => {});
  };
}

/**
 * On page load: when this action was sent to re-verify from this page, runs it again with the same arguments and
 * hands the outcome to `onResume`. Never sends the user away again, so a user who did not re-verify sees the hint.
 */
export function resumeReverification<F extends Fetcher>(
  fetcher: F,
  options: UseReverificationOptions<F>,
  env: ReverificationEnvironment,
): boolean {
  if (!options.onResume) return false;
  const args = takePendingReverification(env.storage, keyOf(fetcher, options), pathOf(env.currentUrl()));
  if (!args) return false;
  const retried = settle(fetcher(...args)).then(({ value }) => value as Awaited<ReturnType<F>>);
  options.onResume(retried);
  return true;
}
