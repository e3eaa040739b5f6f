/**
 * Configuration: environment variables (Clerk's names) overridden by
 * `clerkMiddleware()` options. Resolved once per middleware (or per request when
 * the options are a function of the request).
 */
import { AuthlensError } from './errors.js';
import { accountPortalUrl, parsePublishableKey } from './publishable-key.js';
import { readRsaPublicKey } from './tokens/read-rsa-public-key.js';
import { rsaKeyWeakness } from './tokens/rsa-key-strength.js';
import type { AllowedRedirectOrigins, ClerkMiddlewareOptions } from './types.js';

export const DEFAULT_API_URL = 'https://api.clerk.com';
export const DEFAULT_CLOCK_SKEW_MS = 5000;
/** A larger tolerance would keep expired tokens alive for long: refused (Hardening finding 10). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export class ConfigError extends AuthlensError {}

/** Thrown when no secret key is configured (`CLERK_SECRET_KEY` or the `secretKey` option). */
export class MissingSecretKeyError extends ConfigError {
  constructor(
    where: string,
    remedy = 'Set CLERK_SECRET_KEY in the environment (or pass `secretKey` to clerkMiddleware()).',
  ) {
    super('ERR_MISSING_SECRET_KEY', `authlens: no secret key for ${where}. ${remedy}`);
  }
}

/** Thrown when an option or variable has an unusable value; the message names it, never its value. */
export class InvalidConfigError extends ConfigError {
  readonly option: string;
  constructor(option: string, problem: string) {
    super('ERR_INVALID_CONFIG', `authlens: ${option} ${problem}.`);
    this.option = option;
  }
}

export interface ResolvedConfig {
  secretKey: string;
  publishableKey: string | null;
  jwtKey: string | null;
  apiUrl: string;
  apiVersion: 'v1';
  signInUrl: string | null;
  signUpUrl: string | null;
  authorizedParties: string[];
  allowedRedirectOrigins: AllowedRedirectOrigins;
  clockSkewInMs: number;
}

export type Env = Record<string, string | undefined>;

/** `process.env` where it exists (Node, Next's Edge runtime), else nothing. */
export function readEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

function nonEmpty(value: string | undefined | null): string | null {
  return value && value.trim() !== '' ? value : null;
}

function checkUrl(option: string, value: string | null): string | null {
  if (value === null) return null;
  if (value.startsWith('/')) return value;
  try {
    new URL(value);
  } catch {
    throw new InvalidConfigError(option, 'must be an absolute URL or a path starting with /');
  }
  return value;
}

/** Options win over the environment; a missing secret key is a typed error. */
export function resolveConfig(options: ClerkMiddlewareOptions = {}, env: Env = readEnv()): ResolvedConfig {
  const secretKey = nonEmpty(options.secretKey) ?? envSecretKey(env);
  if (!secretKey) throw new MissingSecretKeyError('clerkMiddleware()');
  const apiUrl = (nonEmpty(options.apiUrl) ?? envApiUrl(env)).replace(/\/+$/, '');
  try {
    const parsed = new URL(apiUrl);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new InvalidConfigError('apiUrl (CLERK_API_URL)', 'must be an http(s) URL');
  }
  const clockSkewInMs = checkClockSkew(options.clockSkewInMs ?? DEFAULT_CLOCK_SKEW_MS);
  const jwtKey = nonEmpty(options.jwtKey) ?? nonEmpty(env.CLERK_JWT_KEY);
  if (jwtKey) checkJwtKey(jwtKey);
  const publishableKey =
    nonEmpty(options.publishableKey) ??
    nonEmpty(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) ??
    nonEmpty(env.CLERK_PUBLISHABLE_KEY);
  const signInUrl = checkUrl(
    'signInUrl (NEXT_PUBLIC_CLERK_SIGN_IN_URL)',
    nonEmpty(options.signInUrl) ?? nonEmpty(env.NEXT_PUBLIC_CLERK_SIGN_IN_URL),
  );
  const signUpUrl = checkUrl(
    'signUpUrl (NEXT_PUBLIC_CLERK_SIGN_UP_URL)',
    nonEmpty(options.signUpUrl) ?? nonEmpty(env.NEXT_PUBLIC_CLERK_SIGN_UP_URL),
  );
  const portal = publishableKey === null ? null : accountPortalOf(publishableKey);
  return {
    secretKey,
    publishableKey,
    // Env files often carry the PEM on one line with literal \n.
    jwtKey: jwtKey ? jwtKey.replace(/\\n/g, '\n') : null,
    apiUrl,
    apiVersion: options.apiVersion ?? 'v1',
    // As @clerk/nextjs: the configured page, else the Account Portal's; sign-up first tries the sign-in page's
    // sign-up step (`<sign-in>/create`, where Clerk's <SignIn /> signs up).
    signInUrl: signInUrl ?? (portal && `${portal}/sign-in`),
    signUpUrl: signUpUrl ?? (signInUrl && signUpStepOf(signInUrl)) ?? (portal && `${portal}/sign-up`),
    authorizedParties: options.authorizedParties ?? [],
    allowedRedirectOrigins: options.allowedRedirectOrigins ?? [],
    clockSkewInMs,
  };
}

/** `clockSkewInMs`, from 0 to 5 minutes; anything else is a typed error (also for verifyToken()'s option). */
export function checkClockSkew(clockSkewInMs: number): number {
  if (typeof clockSkewInMs !== 'number' || !(clockSkewInMs >= 0 && clockSkewInMs <= MAX_CLOCK_SKEW_MS)) {
    throw new InvalidConfigError('clockSkewInMs', `must be a number of milliseconds from 0 to ${MAX_CLOCK_SKEW_MS}`);
  }
  return clockSkewInMs;
}

/** An RSA public key too weak to trust, read from the PEM itself (any runtime), fails at once (Hardening finding 10). */
function checkJwtKey(pem: string): void {
  const facts = readRsaPublicKey(pem);
  const weakness = facts && rsaKeyWeakness(facts.modulusBits, facts.publicExponent);
  if (weakness) {
    const why = `${weakness[0]!.toLowerCase()}${weakness.slice(1, -1)}`;
    throw new InvalidConfigError('jwtKey (CLERK_JWT_KEY)', `is not a strong enough RSA key (${why})`);
  }
}

/** The Account Portal's origin named by a publishable key; a key that is not one is a typed error. */
function accountPortalOf(publishableKey: string): string {
  const parsed = parsePublishableKey(publishableKey.trim());
  if (!parsed) {
    throw new InvalidConfigError(
      'publishableKey (NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)',
      'is not a Clerk publishable key (pk_test_… or pk_live_… and the base64 of the Frontend API host with a "$")',
    );
  }
  return accountPortalUrl(parsed.frontendApi);
}

/** `<sign-in page>/create`, keeping an absolute URL's query. */
function signUpStepOf(signInUrl: string): string {
  if (signInUrl.startsWith('/')) return `${signInUrl.replace(/\/+$/, '')}/create`;
  const url = new URL(signInUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/create`;
  return url.href;
}

/** What the render (auth(), currentUser()) needs from the environment: it never sees middleware secrets. */
export interface RenderEnvConfig {
  secretKey: string;
  apiUrl: string;
}

/** `CLERK_SECRET_KEY` exactly as `resolveConfig` and `resolveRenderConfig` read it (null when unset or blank). */
export function envSecretKey(env: Env = readEnv()): string | null {
  return nonEmpty(env.CLERK_SECRET_KEY);
}

/** The Backend API URL the environment names (`CLERK_API_URL`, default Clerk's). */
export function envApiUrl(env: Env = readEnv()): string {
  return (nonEmpty(env.CLERK_API_URL) ?? DEFAULT_API_URL).replace(/\/+$/, '');
}

export function resolveRenderConfig(env: Env = readEnv()): RenderEnvConfig {
  const secretKey = envSecretKey(env);
  if (!secretKey) throw new MissingSecretKeyError('auth() / currentUser() in the render');
  return { secretKey, apiUrl: envApiUrl(env) };
}

/**
 * The secret both ends of the middleware→render handoff derive its signing key from, read from the environment
 * they share: `CLERK_ENCRYPTION_KEY` when set (needed when clerkMiddleware() gets its keys per request, as with
 * Clerk), else `CLERK_SECRET_KEY`; null when neither is set.
 */
export function handoffSecretFromEnv(env: Env = readEnv()): string | null {
  return encryptionKeyFromEnv(env) ?? nonEmpty(env.CLERK_SECRET_KEY)?.trim() ?? null;
}

/**
 * Shortest `CLERK_ENCRYPTION_KEY` accepted, in characters: 32 random characters (or `openssl rand -base64 32`'s 44,
 * `openssl rand -hex 32`'s 64) are out of reach of guessing; a short key is recovered offline from one handoff.
 */
export const MIN_ENCRYPTION_KEY_LENGTH = 32;

/**
 * `CLERK_ENCRYPTION_KEY`, which seals keys given to clerkMiddleware() as options for the render; null when unset.
 * Shorter than MIN_ENCRYPTION_KEY_LENGTH: `ERR_INVALID_CONFIG` (naming the variable, never its value).
 */
export function encryptionKeyFromEnv(env: Env = readEnv()): string | null {
  const key = nonEmpty(env.CLERK_ENCRYPTION_KEY)?.trim() ?? null;
  if (key !== null && key.length < MIN_ENCRYPTION_KEY_LENGTH) {
    throw new InvalidConfigError(
      'CLERK_ENCRYPTION_KEY',
      `must be at least ${MIN_ENCRYPTION_KEY_LENGTH} characters long (a random string, e.g. from \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}
