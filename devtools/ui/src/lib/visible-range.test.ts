import { describe, expect, it } from 'vitest';
import { scrollToReveal, visibleRange } from './visible-range.js';

describe('visibleRange', () => {
  it('renders only the rows in view plus the overscan, whatever the list length', () => {
    const range = visibleRange({ scrollTop: 2800, viewportHeight: 560, rowHeight: 28, count: 10_000, overscan: 5 });
    expect(range).toEqual({ start: 95, end: 125 });
    expect(range.end - range.start).toBeLessThan(40);
  });

  it('clamps at both ends and handles an empty list', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 280, rowHeight: 28, count: 3, overscan: 5 })).toEqual({
      start: 0,
      end: 3,
    });
    expect(visibleRange({ scrollTop: 1e9, viewportHeight: 280, rowHeight: 28, count: 100, overscan: 5 })).toEqual({
      start: 100,
      end: 100,
    });
    expect(visibleRange({ scrollTop: 0, viewportHeight: 280, rowHeight: 28, count: 0, overscan: 5 })).toEqual({
      start: 0,
      end: 0,
    });
  });
});

describe('scrollToReveal', () => {
  it('scrolls up to a row above the view, down to a row below it, and not at all for a visible row', () => {
    expect(scrollToReveal(2, 280, 280, 28)).toBe(56);
    expect(scrollToReveal(30, 280, 280, 28)).toBe(31 * 28 - 280);
    expect(scrollToReveal(12, 280, 280, 28)).toBe(280);
  });
});
