/** The sign-in page's sessions, through the sessions resource: the same records and tokens as `/v1/sessions`. */
import { attachSession, detachSession } from '../clients/browser-client.js';
import type { BackendContext } from '../context.js';
import { createSession } from '../sessions/create-session.js';
import { mintSessionToken } from '../sessions/mint-token.js';
import type { SessionInput } from '../sessions/session-input.js';
import { effectiveStatus, SESSIONS, type SessionRecord } from '../sessions/session-record.js';
import { sessionOr404 } from '../sessions/session-routes.js';
import type { Transaction } from '../store/store.js';
import type { SessionIssuer } from './session-issuer.js';

function revokeIn(tx: Transaction, sessionId: string, now: number): boolean {
  const current = tx.get<SessionRecord>(SESSIONS, sessionId);
  if (!current) return false;
  const status = effectiveStatus(current, now);
  if (status !== 'active' && status !== 'pending') return false;
  tx.put<SessionRecord>(SESSIONS, { ...current, status: 'revoked', updated_at: now });
  return true;
}

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
      const now = ctx.clock();
      return ctx.store.transact((tx) => {
        const session = createSession(tx, sessionInput, now, input.client.clientId);
        const client = attachSession(tx, input.client, session.id, now);
        return { sessionId: session.id, clientUpdatedAt: client.updated_at };
      });
    },
    async mintToken(sessionId, lifetimeSeconds) {
      return mintSessionToken(ctx, sessionOr404(ctx.store, sessionId), { expiresInSeconds: lifetimeSeconds });
    },
    revokeSession(sessionId) {
      return ctx.store.transact((tx) => revokeIn(tx, sessionId, ctx.clock()));
    },
    signOutClient(clientId) {
      return ctx.store.transact((tx) => {
        const now = ctx.clock();
        const sessionId = detachSession(tx, clientId, now);
        return sessionId && revokeIn(tx, sessionId, now) ? sessionId : null;
      });
    },
  };
}
