/**
 * Whether state is shared across servers, and the user cache's life: `AUTHLENS_REDIS_URL` and
 * `AUTHLENS_USER_CACHE_TTL` (seconds), or the same as `clerkMiddleware()` options, which set them for the process.
 */
import { type Env, InvalidConfigError, readEnv } from '../config.js';

export const REDIS_URL_ENV = 'AUTHLENS_REDIS_URL';
export const USER_CACHE_TTL_ENV = 'AUTHLENS_USER_CACHE_TTL';
/** Longest user-cache life accepted: a cache is for page views close together, not for storing users. */
export const MAX_USER_CACHE_TTL_SECONDS = 300;

export interface FleetOptions {
  /** `redis://…` or `rediss://…`: share the budget and caches through this Redis (Node runtime only). */
  redisUrl?: string;
  /** Seconds `currentUser()` may serve a user from the cache; 0 (the default) turns the cache off. */
  userCacheTtlSeconds?: number;
}

export interface FleetSettings {
  redisUrl: string | null;
  userCacheTtlMs: number;
}

// On globalThis: Next bundles the middleware and the render separately, and both must see what the option set.
const OPTIONS = Symbol.for('authlens.fleet.options');
const holder = globalThis as { [OPTIONS]?: FleetOptions };

/** Forgets the options (tests). */
export function resetFleetOptions(): void {
  delete holder[OPTIONS];
}

/** Sets the process's fleet options (what `clerkMiddleware({ redisUrl, userCacheTtlSeconds })` does). */
export function configureFleet(options: FleetOptions): void {
  checkSettings(options.redisUrl ?? null, options.userCacheTtlSeconds ?? 0, 'option');
  const set: FleetOptions = {};
  if (options.redisUrl !== undefined) set.redisUrl = options.redisUrl;
  if (options.userCacheTtlSeconds !== undefined) set.userCacheTtlSeconds = options.userCacheTtlSeconds;
  holder[OPTIONS] = { ...holder[OPTIONS], ...set };
}

/** Options win over the environment; an unusable value is `ERR_INVALID_CONFIG` naming it (never its value). */
export function fleetSettings(env: Env = readEnv()): FleetSettings {
  const fromOptions = holder[OPTIONS] ?? {};
  const redisUrl = fromOptions.redisUrl ?? (env[REDIS_URL_ENV]?.trim() || null);
  const rawTtl = fromOptions.userCacheTtlSeconds ?? readSeconds(env[USER_CACHE_TTL_ENV]);
  return checkSettings(redisUrl, rawTtl, 'env');
}

function readSeconds(value: string | undefined): number {
  const trimmed = value?.trim();
  if (!trimmed) return 0;
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function checkSettings(redisUrl: string | null, ttlSeconds: number, from: 'env' | 'option'): FleetSettings {
  if (redisUrl !== null && !/^rediss?:\/\/./.test(redisUrl)) {
    throw new InvalidConfigError(from === 'env' ? REDIS_URL_ENV : 'redisUrl', 'must be a redis:// or rediss:// URL');
  }
  if (!(typeof ttlSeconds === 'number' && ttlSeconds >= 0 && ttlSeconds <= MAX_USER_CACHE_TTL_SECONDS)) {
    throw new InvalidConfigError(
      from === 'env' ? USER_CACHE_TTL_ENV : 'userCacheTtlSeconds',
      `must be a number of seconds from 0 to ${MAX_USER_CACHE_TTL_SECONDS}`,
    );
  }
  return { redisUrl, userCacheTtlMs: ttlSeconds * 1000 };
}
