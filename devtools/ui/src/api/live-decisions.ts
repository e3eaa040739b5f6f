import { type DecisionListItem, fetchRequestPage } from './devtools-api.js';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveSnapshot {
  /** Newest request first. */
  items: readonly DecisionListItem[];
  status: StreamStatus;
  /** True until every stored decision has been loaded. */
  loading: boolean;
  /** Bumped on every change (for effects that follow the data). */
  version: number;
}

const FIRST_PAGE = 200;
const NEXT_PAGES = 1000;
const FLUSH_MS = 50;

/**
 * Every stored decision, kept current: the list is loaded page by page from `/api/requests` (the first page small,
 * so the first rows show at once) while `/api/stream` delivers new, updated and removed decisions. Changes are
 * applied to a map at once and published at most every 50 ms, so a burst of thousands of requests is one render.
 */
export class LiveDecisions {
  readonly #byId = new Map<string, DecisionListItem>();
  readonly #listeners = new Set<() => void>();
  #snapshot: LiveSnapshot = { items: [], status: 'connecting', loading: true, version: 0 };
  #timer: ReturnType<typeof setTimeout> | undefined;
  #source: EventSource | undefined;
  #loads: AbortController | undefined;
  #hellos = 0;

  start(): void {
    const source = new EventSource('/api/stream');
    this.#source = source;
    source.addEventListener('hello', () => {
      this.#hellos++;
      this.#publish({ status: 'live' });
      // A reconnect may have missed changes: load everything again.
      if (this.#hellos > 1) void this.#loadAll();
    });
    source.addEventListener('decision', (event) => {
      const { item } = JSON.parse((event as MessageEvent<string>).data) as { item: DecisionListItem };
      this.#upsert(item);
    });
    source.addEventListener('removed', (event) => {
      const { id } = JSON.parse((event as MessageEvent<string>).data) as { id: string };
      if (this.#byId.delete(id)) this.#schedule();
    });
    source.addEventListener('error', () => this.#publish({ status: 'reconnecting' }));
    void this.#loadAll();
  }

  stop(): void {
    this.#source?.close();
    this.#loads?.abort();
    clearTimeout(this.#timer);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): LiveSnapshot => this.#snapshot;

  get(id: string): DecisionListItem | undefined {
    return this.#byId.get(id);
  }

  async #loadAll(): Promise<void> {
    this.#loads?.abort();
    const controller = new AbortController();
    this.#loads = controller;
    this.#publish({ loading: true });
    try {
      let cursor: string | null = null;
      let first = true;
      do {
        const page = await fetchRequestPage(first ? FIRST_PAGE : NEXT_PAGES, cursor, controller.signal);
        for (const item of page.items) this.#upsert(item);
        if (first) this.#flush(); // the first rows, now
        first = false;
        cursor = page.nextCursor;
      } while (cursor !== null);
      this.#publish({ loading: false });
    } catch (error) {
      if (controller.signal.aborted) return;
      // The server went away; the stream reconnects and reloads when it is back.
      this.#publish({ loading: false, status: 'reconnecting' });
      console.warn('authlens devtools: loading requests failed', error);
    }
  }

  /** Keeps the newer copy: the page and the stream can deliver the same decision in either order. */
  #upsert(item: DecisionListItem): void {
    const existing = this.#byId.get(item.id);
    if (existing && existing.updatedAtMs > item.updatedAtMs) return;
    this.#byId.set(item.id, item);
    this.#schedule();
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => this.#flush(), FLUSH_MS);
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const items = [...this.#byId.values()].sort(newestFirst);
    this.#publish({ items });
  }

  #publish(change: Partial<Omit<LiveSnapshot, 'version'>>): void {
    this.#snapshot = { ...this.#snapshot, ...change, version: this.#snapshot.version + 1 };
    for (const listener of this.#listeners) listener();
  }
}

function newestFirst(a: DecisionListItem, b: DecisionListItem): number {
  return b.decision.startTimeMs - a.decision.startTimeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
