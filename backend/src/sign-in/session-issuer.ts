import type { SignInClientPlan } from '../clients/browser-client.js';

/** What the sign-in page needs from the sessions resource: create a session, mint its token, end it. */
export interface SessionIssuer {
  /** Creates the session and makes it the browser's client's active session, in one write. */
  createSession(input: {
    userId: string;
    activeOrganizationId: string | null;
    pending: boolean;
    /** Clerk's `fva`: minutes since first/second factor verification, -1 = not enrolled. */
    factorVerificationAge: [number, number];
    /** The `azp` of the session's tokens: the app's origin. */
    authorizedParty: string | null;
    /** The browser's client (existing or to create) and dev browser. */
    client: SignInClientPlan;
  }): Promise<{ sessionId: string; clientUpdatedAt: number }>;
  /** A session token (JWT) for the session, valid for `lifetimeSeconds`. */
  mintToken(sessionId: string, lifetimeSeconds: number): Promise<string>;
  /** Ends the session; false when there was no such active session. */
  revokeSession(sessionId: string): Promise<boolean>;
  /** Signs the client out: ends its active session; returns that session's id, or null when it had none. */
  signOutClient(clientId: string): Promise<string | null>;
}
