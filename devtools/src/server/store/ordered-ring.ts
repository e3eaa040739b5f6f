/** An item kept in an `OrderedRing`: `seq` is assigned on insert and only grows. */
export interface Sequenced {
  seq: number;
}

/**
 * A bounded, insertion-ordered collection: pushing past `capacity` evicts the oldest item; any item can be
 * removed (left as a hole and compacted later). Iterates newest first, optionally starting below a given `seq`
 * (for cursor pagination), in O(log n) to find the start.
 */
export class OrderedRing<T extends Sequenced> {
  readonly capacity: number;
  #items: (T | undefined)[] = [];
  #head = 0;
  #size = 0;
  #nextSeq = 1;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
  }

  get size(): number {
    return this.#size;
  }

  /** Assigns `item.seq`, appends it, and returns the items evicted to stay within capacity (oldest first). */
  push(item: T): T[] {
    item.seq = this.#nextSeq++;
    this.#items.push(item);
    this.#size++;
    const evicted: T[] = [];
    while (this.#size > this.capacity) {
      const oldest = this.#items[this.#head];
      this.#items[this.#head++] = undefined;
      if (oldest) {
        evicted.push(oldest);
        this.#size--;
      }
    }
    this.#compactIfSparse();
    return evicted;
  }

  /** Removes `item` if present; returns whether it was. */
  remove(item: T): boolean {
    const index = this.#indexOf(item.seq);
    if (index < 0 || this.#items[index] !== item) return false;
    this.#items[index] = undefined;
    this.#size--;
    this.#compactIfSparse();
    return true;
  }

  /** Items newest first; with `beforeSeq`, only those inserted before that one. */
  *newestFirst(beforeSeq?: number): IterableIterator<T> {
    let index = this.#items.length - 1;
    if (beforeSeq !== undefined) index = this.#lowerBound(beforeSeq) - 1;
    for (; index >= this.#head; index--) {
      const item = this.#items[index];
      if (item) yield item;
    }
  }

  /** Items oldest first. */
  *oldestFirst(): IterableIterator<T> {
    for (let index = this.#head; index < this.#items.length; index++) {
      const item = this.#items[index];
      if (item) yield item;
    }
  }

  /** Index of the first slot whose seq is >= `seq` (holes are skipped by looking at neighbours). */
  #lowerBound(seq: number): number {
    let low = this.#head;
    let high = this.#items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const probe = this.#seqNear(mid);
      if (probe < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #indexOf(seq: number): number {
    let index = this.#lowerBound(seq);
    while (index < this.#items.length && this.#items[index] === undefined) index++; // the bound may land on a hole
    return this.#items[index]?.seq === seq ? index : -1;
  }

  /** The seq of the item at `index`, or of the nearest item after it when `index` is a hole (seqs only grow). */
  #seqNear(index: number): number {
    for (let i = index; i < this.#items.length; i++) {
      const item = this.#items[i];
      if (item) return item.seq;
    }
    return Number.POSITIVE_INFINITY;
  }

  #compactIfSparse(): void {
    // Compact when evictions left a long dead prefix, or removals left the live part more than half holes.
    const slots = this.#items.length - this.#head;
    const deadPrefix = this.#head >= 64 && this.#head >= slots;
    const sparse = slots >= 64 && this.#size * 2 <= slots;
    if (!deadPrefix && !sparse) return;
    this.#items = this.#items.slice(this.#head).filter((item) => item !== undefined);
    this.#head = 0;
  }
}
