import { describe, expect, it } from 'vitest';
import { savePendingReverification, takePendingReverification } from './pending-reverification.js';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('pending reverification', () => {
  it('gives the saved arguments back once, on the same page only', () => {
    const storage = memoryStorage();
    expect(savePendingReverification(storage, 'deleteData', '/sensitive', [{ id: 7 }, 'now'])).toBe(true);
    expect(takePendingReverification(storage, 'deleteData', '/elsewhere')).toBeNull();
    // Read on another page, it is gone too: a retry never happens somewhere unexpected later.
    expect(takePendingReverification(storage, 'deleteData', '/sensitive')).toBeNull();

    savePendingReverification(storage, 'deleteData', '/sensitive', [{ id: 7 }]);
    expect(takePendingReverification(storage, 'other', '/sensitive')).toBeNull();
    expect(takePendingReverification(storage, 'deleteData', '/sensitive')).toEqual([{ id: 7 }]);
    expect(takePendingReverification(storage, 'deleteData', '/sensitive')).toBeNull();
  });

  it('keeps nothing it could not give back as it was', () => {
    const storage = memoryStorage();
    expect(savePendingReverification(storage, 'a', '/', [new Date(0)])).toBe(false);
    expect(savePendingReverification(storage, 'a', '/', [{ when: new Map() }])).toBe(false);
    expect(savePendingReverification(storage, 'a', '/', [Number.NaN])).toBe(false);
    expect(savePendingReverification(null, 'a', '/', [])).toBe(false);
    expect(storage.items.size).toBe(0);
  });

  it('ignores a corrupt entry', () => {
    const storage = memoryStorage();
    storage.setItem('authlens:reverification:a', '{not json');
    expect(takePendingReverification(storage, 'a', '/')).toBeNull();
  });
});
