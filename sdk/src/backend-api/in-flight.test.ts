import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInFlight } from './in-flight.js';

describe('createInFlight', () => {
  it('gives concurrent callers with one key the same promise and starts the work once', async () => {
    const inFlight = createInFlight();
    let starts = 0;
    let release!: (value: string) => void;
    const start = () => {
      starts += 1;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const first = inFlight.run('GET /v1/users/user_1', start);
    const second = inFlight.run('GET /v1/users/user_1', start);
    expect(first.shared).toBe(false);
    expect(second.shared).toBe(true);
    expect(inFlight.size).toBe(1);
    release('alice');
    expect(await Promise.all([first.promise, second.promise])).toEqual(['alice', 'alice']);
    expect(starts).toBe(1);
  });

  it('does not share between different keys', async () => {
    const inFlight = createInFlight();
    const a = inFlight.run('a', async () => 1);
    const b = inFlight.run('b', async () => 2);
    expect(b.shared).toBe(false);
    expect(await Promise.all([a.promise, b.promise])).toEqual([1, 2]);
  });

  it('forgets a settled call, so the next caller starts fresh (no result caching)', async () => {
    const inFlight = createInFlight();
    let starts = 0;
    const start = async () => ++starts;
    expect(await inFlight.run('k', start).promise).toBe(1);
    expect(inFlight.size).toBe(0);
    const again = inFlight.run('k', start);
    expect(again.shared).toBe(false);
    expect(await again.promise).toBe(2);
  });

  it('shares a failure with every joined caller and then forgets it', async () => {
    const inFlight = createInFlight();
    const failure = new Error('down');
    const start = () => Promise.reject(failure);
    const first = inFlight.run('k', start);
    const second = inFlight.run('k', start);
    await expect(first.promise).rejects.toBe(failure);
    await expect(second.promise).rejects.toBe(failure);
    expect(inFlight.size).toBe(0);
  });

  it('turns a synchronous throw of start into a rejection', async () => {
    const inFlight = createInFlight();
    const { promise } = inFlight.run('k', () => {
      throw new TypeError('bad');
    });
    await expect(promise).rejects.toBeInstanceOf(TypeError);
    expect(inFlight.size).toBe(0);
  });
});

describe('createInFlight (property)', () => {
  it('starts exactly one call per distinct key among concurrent callers, and every caller gets its key’s result', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 30 }), async (keys) => {
        const inFlight = createInFlight();
        const starts = new Map<string, number>();
        const runs = keys.map((key) =>
          inFlight.run(key, async () => {
            starts.set(key, (starts.get(key) ?? 0) + 1);
            await Promise.resolve();
            return `${key}:${starts.get(key)}`;
          }),
        );
        const values = await Promise.all(runs.map((r) => r.promise));
        expect([...starts.keys()].sort()).toEqual([...new Set(keys)].sort());
        expect([...starts.values()].every((n) => n === 1)).toBe(true);
        expect(values).toEqual(keys.map((key) => `${key}:1`));
        expect(runs.filter((r) => !r.shared)).toHaveLength(new Set(keys).size);
        expect(inFlight.size).toBe(0);
      }),
    );
  });
});
