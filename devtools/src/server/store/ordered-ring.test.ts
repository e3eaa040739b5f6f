import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderedRing } from './ordered-ring.js';

interface Item {
  seq: number;
  name: number;
}

describe('OrderedRing', () => {
  it('evicts the oldest past capacity and iterates newest first, from a cursor', () => {
    const ring = new OrderedRing<Item>(3);
    const items = [1, 2, 3, 4].map((name) => ({ seq: 0, name }));
    expect(ring.push(items[0]!)).toEqual([]);
    ring.push(items[1]!);
    ring.push(items[2]!);
    expect(ring.push(items[3]!)).toEqual([items[0]]);
    expect([...ring.newestFirst()].map((i) => i.name)).toEqual([4, 3, 2]);
    expect([...ring.newestFirst(items[2]!.seq)].map((i) => i.name)).toEqual([2]);
    expect(ring.remove(items[2]!)).toBe(true);
    expect(ring.remove(items[2]!)).toBe(false);
    expect([...ring.newestFirst()].map((i) => i.name)).toEqual([4, 2]);
    expect(ring.size).toBe(2);
  });

  it('behaves like a plain array model under any sequence of pushes, removals and cursor reads', () => {
    const op = fc.oneof(
      fc.constant({ type: 'push' as const }),
      fc.record({ type: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({ type: fc.constant('page' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(op, { maxLength: 400 }), (capacity, ops) => {
        const ring = new OrderedRing<Item>(capacity);
        let model: Item[] = [];
        let name = 0;
        for (const o of ops) {
          if (o.type === 'push') {
            const item = { seq: 0, name: name++ };
            const evicted = ring.push(item);
            model.push(item);
            const expected = model.length > capacity ? model.splice(0, model.length - capacity) : [];
            expect(evicted).toEqual(expected);
          } else if (o.type === 'remove' && model.length > 0) {
            const victim = model[o.pick % model.length]!;
            expect(ring.remove(victim)).toBe(true);
            model = model.filter((item) => item !== victim);
          } else if (o.type === 'page' && model.length > 0) {
            const cursor = model[o.pick % model.length]!.seq;
            const expected = model.filter((item) => item.seq < cursor).reverse();
            expect([...ring.newestFirst(cursor)]).toEqual(expected);
          }
          expect(ring.size).toBe(model.length);
        }
        expect([...ring.newestFirst()]).toEqual([...model].reverse());
        expect([...ring.oldestFirst()]).toEqual(model);
      }),
      { numRuns: 200 },
    );
  });
});
