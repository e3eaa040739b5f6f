/**
 * Whether a credential's type is one a call accepts (its `token` option). Shared by the Next adapter's decisions and
 * the telemetry that reports them, so it sits below both.
 */
import type { TokenType } from './auth-state.js';
import type { AcceptsToken } from './types.js';

export function acceptsType(type: TokenType | null, accepts: AcceptsToken): boolean {
  if (type === null) return false;
  if (accepts === 'any') return true;
  return Array.isArray(accepts) ? accepts.includes(type) : accepts === type;
}
