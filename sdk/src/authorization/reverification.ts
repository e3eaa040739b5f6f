import type { ReverificationLevel, ReverificationParam, ReverificationPreset } from '../types.js';

export interface ReverificationRequirement {
  level: ReverificationLevel;
  afterMinutes: number;
}

/** Clerk's presets: how recent, and which factors. */
export const REVERIFICATION_PRESETS: Readonly<Record<ReverificationPreset, Readonly<ReverificationRequirement>>> = {
  strict_mfa: { afterMinutes: 10, level: 'multi_factor' },
  strict: { afterMinutes: 10, level: 'second_factor' },
  moderate: { afterMinutes: 60, level: 'second_factor' },
  lax: { afterMinutes: 1440, level: 'second_factor' },
};

const LEVELS = new Set<unknown>(['first_factor', 'second_factor', 'multi_factor']);

/** The requirement a `reverification` parameter stands for, or null when it is not a valid one. */
export function resolveReverification(param: unknown): ReverificationRequirement | null {
  if (typeof param === 'string') {
    return Object.hasOwn(REVERIFICATION_PRESETS, param) ? REVERIFICATION_PRESETS[param as ReverificationPreset] : null;
  }
  if (typeof param !== 'object' || param === null) return null;
  const { level, afterMinutes } = param as Partial<ReverificationRequirement>;
  if (!LEVELS.has(level) || typeof afterMinutes !== 'number' || !(afterMinutes > 0)) return null;
  return { level: level as ReverificationLevel, afterMinutes };
}

const isFactorAge = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && (x === -1 || x >= 0);

/**
 * Whether the session's factor ages (`fva`: minutes since each factor was
 * verified, -1 when that factor is not enrolled) meet a reverification
 * requirement, with @clerk/shared's rules: a factor counts when verified less
 * than `afterMinutes` ago; `second_factor` falls back to the first factor for
 * users without a second one; `multi_factor` needs both when both exist.
 */
export function meetsReverification(
  param: ReverificationParam | unknown,
  factorVerificationAge: readonly [number, number] | null | undefined,
): boolean {
  if (!Array.isArray(factorVerificationAge) || factorVerificationAge.length !== 2) return false;
  const [factor1Age, factor2Age] = factorVerificationAge;
  if (!isFactorAge(factor1Age) || !isFactorAge(factor2Age)) return false;
  const requirement = resolveReverification(param);
  if (!requirement) return false;
  if (factor1Age === -1 && factor2Age === -1) return false;
  const { level, afterMinutes } = requirement;
  const factor1Fresh = factor1Age !== -1 && afterMinutes > factor1Age;
  const factor2Fresh = factor2Age !== -1 && afterMinutes > factor2Age;
  switch (level) {
    case 'first_factor':
      return factor1Fresh;
    case 'second_factor':
      if (factor2Age === -1) return factor1Fresh;
      if (factor1Age === -1) return factor2Fresh;
      return factor2Fresh;
    case 'multi_factor':
      if (factor2Age === -1) return factor1Fresh;
      if (factor1Age === -1) return false;
      return factor1Fresh && factor2Fresh;
  }
}
