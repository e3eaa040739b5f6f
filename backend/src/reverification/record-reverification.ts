/**
 * Marks the factors just verified on the session, so the `fva` claim of its next token reads 0 minutes for them (the
 * token minter derives `fva` from these times). False when the session is no longer active.
 */
import type { BackendContext } from '../context.js';
import { canMintTokens, effectiveStatus, SESSIONS, type SessionRecord } from '../sessions/session-record.js';
import type { FactorsToVerify } from './factors-to-verify.js';

export function recordReverification(
  ctx: BackendContext,
  sessionId: string,
  verified: FactorsToVerify,
): Promise<boolean> {
  return ctx.store.transact((tx) => {
    const session = tx.get<SessionRecord>(SESSIONS, sessionId);
    const now = ctx.clock();
    if (!session || !canMintTokens(effectiveStatus(session, now))) return false;
    tx.put<SessionRecord>(SESSIONS, {
      ...session,
      first_factor_verified_at: verified.first ? now : session.first_factor_verified_at,
      second_factor_verified_at: verified.second ? now : session.second_factor_verified_at,
      last_active_at: now,
      updated_at: now,
    });
    return true;
  });
}
