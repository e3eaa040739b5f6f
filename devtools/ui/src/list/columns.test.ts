import { describe, expect, it } from 'vitest';
import { COLUMNS, gridTemplate, minimumWidth, visibleColumns } from './columns.js';

const keys = (width: number) => visibleColumns(width).map((column) => column.key);

describe('visibleColumns', () => {
  it('shows every column when the list is wide enough for all of them', () => {
    expect(keys(minimumWidth(COLUMNS))).toEqual(COLUMNS.map((column) => column.key));
  });

  it('leaves out the least important columns first, keeping the order of the rest', () => {
    // The list beside an open detail at a 1200 px wide window is about 600 px wide.
    expect(keys(600)).toEqual(['time', 'path', 'decision', 'reason']);
    expect(keys(700)).toEqual(['time', 'method', 'path', 'decision', 'reason']);
  });

  it('keeps the Decision column whatever the width', () => {
    expect(keys(100)).toEqual(['decision']);
    for (let width = 0; width <= 2000; width += 50) expect(keys(width)).toContain('decision');
  });

  it('gives every kept column a track no narrower than its minimum', () => {
    const columns = visibleColumns(600);
    expect(gridTemplate(columns)).toBe('110px minmax(130px, 2fr) 234px minmax(104px, 1fr)');
    expect(minimumWidth(columns)).toBeLessThanOrEqual(600);
  });
});
