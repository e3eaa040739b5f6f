/** What the sign-in page needs from the sessions resource: create a session, mint its token, end it. */
export interface SessionIssuer {
  createSession(input: {
    userId: string;
    activeOrganizationId: string | null;
    pending: boolean;
    /** Clerk's `fva`: minutes since first/second factor verification, -1 = not enrolled. */
    factorVerificationAge: [number, number];
    /** The `azp` of the session's tokens: the app's origin. */
    authorizedParty: string | null;
  }): Promise<{ sessionId: string }>;
  /** A session token (JWT) for the session, valid for `lifetimeSeconds`. */
  mintToken(sessionId: string, lifetimeSeconds: number): Promise<string>;
  /** Ends the session; false when there was no such active session. */
  revokeSession(sessionId: string): Promise<boolean>;
}
