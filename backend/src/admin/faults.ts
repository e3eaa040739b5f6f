/**
 * Injected faults per route name (or `*` for every route): added latency, and a share of requests answered with an
 * error status instead of reaching the handler.
 */
export interface Fault {
  route: string;
  latencyMs?: number;
  /** 0..1: the share of requests that fail. */
  errorRate?: number;
  /** The failing status, default 500. */
  status?: number;
}

export type FaultOutcome = { latencyMs: number; failWith: number | undefined };

export class FaultInjector {
  readonly #faults = new Map<string, Fault>();
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  set(fault: Fault): void {
    this.#faults.set(fault.route, fault);
  }

  clear(): void {
    this.#faults.clear();
  }

  list(): Fault[] {
    return [...this.#faults.values()];
  }

  /** What to do to one request of `route`: the specific fault wins over `*`. */
  decide(route: string): FaultOutcome {
    const fault = this.#faults.get(route) ?? this.#faults.get('*');
    if (!fault) return { latencyMs: 0, failWith: undefined };
    const rate = fault.errorRate ?? 0;
    const fails = rate > 0 && this.#random() < rate;
    return { latencyMs: fault.latencyMs ?? 0, failWith: fails ? (fault.status ?? 500) : undefined };
  }
}
