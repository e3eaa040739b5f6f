/** Requests per route name (`GET /v1/users/{user_id}`), so tests can assert how many Backend API calls happened. */
export class RequestCounters {
  readonly #counts = new Map<string, number>();

  record(route: string): void {
    this.#counts.set(route, (this.#counts.get(route) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  reset(): void {
    this.#counts.clear();
  }
}
