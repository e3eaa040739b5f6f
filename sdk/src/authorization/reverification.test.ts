import { describe, expect, it } from 'vitest';
import { meetsReverification, REVERIFICATION_PRESETS, resolveReverification } from './reverification.js';

describe('reverification', () => {
  it('has Clerk presets', () => {
    expect(REVERIFICATION_PRESETS).toEqual({
      strict_mfa: { afterMinutes: 10, level: 'multi_factor' },
      strict: { afterMinutes: 10, level: 'second_factor' },
      moderate: { afterMinutes: 60, level: 'second_factor' },
      lax: { afterMinutes: 1440, level: 'second_factor' },
    });
  });

  it('resolves presets and valid objects only', () => {
    expect(resolveReverification('moderate')).toEqual({ afterMinutes: 60, level: 'second_factor' });
    expect(resolveReverification({ level: 'first_factor', afterMinutes: 5 })).toEqual({
      level: 'first_factor',
      afterMinutes: 5,
    });
    expect(resolveReverification('toString')).toBeNull();
    expect(resolveReverification({ level: 'third_factor', afterMinutes: 5 })).toBeNull();
    expect(resolveReverification({ level: 'first_factor', afterMinutes: 0 })).toBeNull();
    expect(resolveReverification(null)).toBeNull();
  });

  it('counts a factor verified strictly less than afterMinutes ago', () => {
    expect(meetsReverification({ level: 'first_factor', afterMinutes: 10 }, [9, -1])).toBe(true);
    expect(meetsReverification({ level: 'first_factor', afterMinutes: 10 }, [10, -1])).toBe(false);
  });

  it('second_factor: uses the second factor, or the first when no second is enrolled', () => {
    expect(meetsReverification('strict', [100, 5])).toBe(true);
    expect(meetsReverification('strict', [5, 100])).toBe(false);
    expect(meetsReverification('strict', [5, -1])).toBe(true);
    expect(meetsReverification('strict', [-1, 5])).toBe(true);
  });

  it('multi_factor: needs both when both are enrolled, the first alone when only it is', () => {
    expect(meetsReverification('strict_mfa', [5, 5])).toBe(true);
    expect(meetsReverification('strict_mfa', [5, 50])).toBe(false);
    expect(meetsReverification('strict_mfa', [5, -1])).toBe(true);
    expect(meetsReverification('strict_mfa', [-1, 5])).toBe(false);
  });

  it('fails without usable factor ages or with nothing enrolled', () => {
    expect(meetsReverification('lax', null)).toBe(false);
    expect(meetsReverification('lax', [-1, -1])).toBe(false);
    expect(meetsReverification('lax', [-2, 1] as [number, number])).toBe(false);
    expect(meetsReverification('lax', [1] as unknown as [number, number])).toBe(false);
    expect(meetsReverification('bogus', [1, 1])).toBe(false);
  });
});
