/**
 * Injected faults per route name (or `*` for every route): added latency, and a share of requests answered with an
 * error status instead of reaching the handler — optionally only for the next `times` requests.
 */
export interface Fault {
  route: string;
  latencyMs?: number;
  /** 0..1: the share of requests that fail; default 1 when `status` is given, else 0. */
  errorRate?: number;
  /** The failing status, default 500. */
  status?: number;
  /** Apply to the next `times` requests of the route only, then remove itself. */
  times?: number;
  /** `Retry-After` of a failing answer (default 1 for 429, none otherwise). */
  retryAfterSeconds?: number;
}

export type FaultOutcome = {
  latencyMs: number;
  failWith: number | undefined;
  retryAfterSeconds: number | undefined;
};

export class FaultInjector {
  readonly #faults = new Map<string, Fault & { remaining?: number }>();
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  set(fault: Fault): void {
    this.#faults.set(fault.route, { ...fault, ...(fault.times !== undefined ? { remaining: fault.times } : {}) });
  }

  clear(): void {
    this.#faults.clear();
  }

  list(): Fault[] {
    return [...this.#faults.values()].map(({ remaining, ...fault }) =>
      remaining === undefined ? fault : { ...fault, times: remaining },
    );
  }

  /** What to do to one request of `route`: the specific fault wins over `*`. */
  decide(route: string): FaultOutcome {
    const key = this.#faults.has(route) ? route : '*';
    const fault = this.#faults.get(key);
    if (!fault) return { latencyMs: 0, failWith: undefined, retryAfterSeconds: undefined };
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.#faults.delete(key);
    }
    const rate = fault.errorRate ?? (fault.status !== undefined ? 1 : 0);
    const fails = rate > 0 && this.#random() < rate;
    const status = fault.status ?? 500;
    return {
      latencyMs: fault.latencyMs ?? 0,
      failWith: fails ? status : undefined,
      retryAfterSeconds: fails ? (fault.retryAfterSeconds ?? (status === 429 ? 1 : undefined)) : undefined,
    };
  }
}
