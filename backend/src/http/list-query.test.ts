import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { listResponse, paginate, readPage, sortBy } from './list-query.js';

const items = [
  { name: 'b', at: 2 },
  { name: 'a', at: 3 },
  { name: 'c', at: 1 },
];
const fields = { name: (i: { name: string }) => i.name, created_at: (i: { at: number }) => i.at };

describe('list queries', () => {
  it('sort by order_by with -/+ and a fallback', () => {
    expect(sortBy(items, new URLSearchParams(), fields, '-created_at').map((i) => i.name)).toEqual(['a', 'b', 'c']);
    expect(sortBy(items, new URLSearchParams('order_by=+name'), fields, '-created_at').map((i) => i.name)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(sortBy(items, new URLSearchParams('order_by=-name'), fields, 'name').map((i) => i.name)).toEqual([
      'c',
      'b',
      'a',
    ]);
    expect(() => sortBy(items, new URLSearchParams('order_by=secret'), fields, 'name')).toThrow(ApiError);
  });

  it('paginate with Clerk defaults', () => {
    expect(readPage(new URLSearchParams())).toEqual({ limit: 10, offset: 0 });
    expect(paginate([1, 2, 3, 4], { limit: 2, offset: 1 })).toEqual([2, 3]);
  });

  it('answer a bare array unless paginated=true', async () => {
    expect(await listResponse(new URLSearchParams(), [1], 5).json()).toEqual([1]);
    expect(await listResponse(new URLSearchParams('paginated=true'), [1], 5).json()).toEqual({
      data: [1],
      total_count: 5,
    });
  });
});
