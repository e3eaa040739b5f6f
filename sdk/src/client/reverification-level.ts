import { resolveReverification } from '../authorization/reverification.js';
import type { ReverificationLevel } from '../types.js';
import type { ReverificationHint } from './read-reverification-hint.js';

/**
 * The factor level a hint asks for, as Clerk's client reads it: a preset (`'strict'` → `second_factor`) or
 * `{ level, afterMinutes }`. The reference's `{ maxAgeInSeconds, level: 'strict' }` names a preset in `level`, which
 * counts as that preset. Undefined when the hint says nothing usable (the re-verify page then asks for its default).
 */
export function reverificationLevel(hint: ReverificationHint): ReverificationLevel | undefined {
  const config = hint.clerk_error.metadata?.reverification;
  const direct = resolveReverification(config);
  if (direct) return direct.level;
  if (typeof config !== 'object' || config === null) return undefined;
  const level = (config as { level?: unknown }).level;
  if (level === 'first_factor' || level === 'second_factor' || level === 'multi_factor') return level;
  return resolveReverification(level)?.level;
}
