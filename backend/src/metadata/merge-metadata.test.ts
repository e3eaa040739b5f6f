import { describe, expect, it } from 'vitest';
import { mergeMetadata } from './merge-metadata.js';

describe('mergeMetadata', () => {
  it('merges nested objects key by key', () => {
    const current = { subscription: { tier: 'pro', seats: 3 }, theme: 'dark' };
    expect(mergeMetadata(current, { subscription: { seats: 5 } })).toEqual({
      subscription: { tier: 'pro', seats: 5 },
      theme: 'dark',
    });
  });

  it('removes a key whose new value is null, at any depth', () => {
    const current = { a: 1, nested: { b: 2, c: 3 } };
    expect(mergeMetadata(current, { a: null, nested: { c: null } })).toEqual({ nested: { b: 2 } });
  });

  it('replaces arrays and scalars instead of merging them', () => {
    expect(mergeMetadata({ tags: ['a', 'b'], n: { x: 1 } }, { tags: ['c'], n: 4 })).toEqual({ tags: ['c'], n: 4 });
  });

  it('does not change its inputs', () => {
    const current = { nested: { b: 2 } };
    mergeMetadata(current, { nested: { b: 3 } });
    expect(current).toEqual({ nested: { b: 2 } });
  });
});
