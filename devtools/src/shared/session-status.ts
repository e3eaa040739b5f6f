import { type DecisionRecord, Reason, SessionStatus, TokenType } from '@authlens/otel';

const isSessionToken = (type: TokenType | null) => type === null || type === TokenType.session_token;

/**
 * The session status the list shows and the Session filter matches: the verified token's own (`sts`), else `expired`
 * when the request's session token was refused because it expired. A refused token carries no status of its own, yet
 * "show me the expired sessions" must find those requests. Pure: the server and the dashboard share it.
 */
export function sessionStatusOf(d: DecisionRecord): SessionStatus | null {
  if (d.sessionStatus !== null) return d.sessionStatus;
  const expired =
    d.verifications.some((v) => v.reason === Reason.expired && isSessionToken(v.tokenType)) ||
    (isSessionToken(d.tokenType) &&
      (d.reason === Reason.expired || d.middlewarePasses.some((pass) => pass.reason === Reason.expired)));
  return expired ? SessionStatus.expired : null;
}
