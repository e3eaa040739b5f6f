import { describe, expect, it } from 'vitest';
import { reverificationError } from '../authorization/reverification-error.js';
import { reverificationLevel } from './reverification-level.js';

describe('reverificationLevel', () => {
  it("reads Clerk's presets and { level, afterMinutes }", () => {
    expect(reverificationLevel(reverificationError('strict'))).toBe('second_factor');
    expect(reverificationLevel(reverificationError('strict_mfa'))).toBe('multi_factor');
    expect(reverificationLevel(reverificationError({ level: 'first_factor', afterMinutes: 5 }))).toBe('first_factor');
  });

  it("reads the reference's { maxAgeInSeconds, level } whether level is a preset or a level", () => {
    expect(reverificationLevel(reverificationError({ maxAgeInSeconds: 300, level: 'strict' }))).toBe('second_factor');
    expect(reverificationLevel(reverificationError({ maxAgeInSeconds: 300, level: 'multi_factor' }))).toBe(
      'multi_factor',
    );
  });

  it('is undefined when the hint names no usable level', () => {
    expect(reverificationLevel(reverificationError())).toBeUndefined();
    expect(reverificationLevel(reverificationError({ maxAgeInSeconds: 300 }))).toBeUndefined();
    expect(reverificationLevel(reverificationError({ level: 'sometimes' }))).toBeUndefined();
  });
});
