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
