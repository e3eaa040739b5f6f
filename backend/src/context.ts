import type { RequestCounters } from './admin/counters.js';
import type { FaultInjector } from './admin/faults.js';
import type { SigningKeys } from './keys/signing-keys.js';
import type { RateLimiter } from './rate-limit/rate-limiter.js';
import type { Store } from './store/store.js';

/** What every resource folder gets when it registers its routes: the store, keys, configuration and clock. */
export interface BackendContext {
  readonly store: Store;
  readonly keys: SigningKeys;
  readonly rateLimiter: RateLimiter;
  readonly counters: RequestCounters;
  readonly faults: FaultInjector;
  /** Milliseconds since the epoch; every timestamp and token time comes from here. */
  readonly clock: () => number;
  readonly secretKey: string;
  readonly publishableKey: string;
  /** Origins the sign-in page may redirect to, and the default `azp` of session tokens (the first one). */
  readonly allowedOrigins: readonly string[];
  /** How long a rotated-out signing key stays in the JWKS. */
  readonly keyOverlapMs: number;
  /** The server's base URL (`http://127.0.0.1:<port>`), also the `iss` of session tokens. Known once listening. */
  url(): string;
  /** Logs one line to the operator (stderr for the CLI); never pass secrets, tokens or emails. */
  log(line: string): void;
}
