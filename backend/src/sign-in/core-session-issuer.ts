/** The sign-in page's sessions, through the sessions resource: the same records and tokens as `/v1/sessions`. */
import type { BackendContext } from '../context.js';
import { createSession } from '../sessions/create-session.js';
import { mintSessionToken } from '../sessions/mint-token.js';
import type { SessionInput } from '../sessions/session-input.js';
import { effectiveStatus, SESSIONS, type SessionRecord } from '../sessions/session-record.js';
import { sessionOr404 } from '../sessions/session-routes.js';
import type { SessionIssuer } from './session-issuer.js';

export function coreSessionIssuer(ctx: BackendContext): SessionIssuer {
  return {
    async createSession(input) {
      const sessionInput: SessionInput = {
        user_id: input.userId,
        status: input.pending ? 'pending' : 'active',
        factor_verification_age: input.factorVerificationAge,
      };
      if (input.activeOrganizationId) sessionInput.active_organization_id = input.activeOrganizationId;
      if (input.authorizedParty) sessionInput.azp = input.authorizedParty;
      const session = await ctx.store.transact((tx) => createSession(tx, sessionInput, ctx.clock()));
      return { sessionId: session.id };
    },
    async mintToken(sessionId, lifetimeSeconds) {
      return mintSessionToken(ctx, sessionOr404(ctx.store, sessionId), { expiresInSeconds: lifetimeSeconds });
    },
    revokeSession(sessionId) {
      return ctx.store.transact((tx) => {
        const current = tx.get<SessionRecord>(SESSIONS, sessionId);
        if (!current) return false;
        const status = effectiveStatus(current, ctx.clock());
        if (status !== 'active' && status !== 'pending') return false;
        tx.put<SessionRecord>(SESSIONS, { ...current, status: 'revoked', updated_at: ctx.clock() });
        return true;
      });
    },
  };
}
