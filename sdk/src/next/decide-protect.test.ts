import { describe, expect, it } from 'vitest';
import { decideProtect, type ProtectInput } from './decide-protect.js';

const signedIn: ProtectInput = {
  kind: 'document',
  accepts: 'session_token',
  tokenType: 'session_token',
  isAuthenticated: true,
  sessionStatus: 'active',
  treatPendingAsSignedOut: false,
  authorized: null,
};
const signedOut: ProtectInput = { ...signedIn, isAuthenticated: false, sessionStatus: null };

describe('decideProtect — the reference’s protection table', () => {
  it('signed in and authorized → allowed, for every request kind', () => {
    for (const kind of ['document', 'api', 'server_action'] as const) {
      expect(decideProtect({ ...signedIn, kind })).toEqual({ outcome: 'allowed', reason: 'authorized' });
      expect(decideProtect({ ...signedIn, kind, authorized: true }).outcome).toBe('allowed');
    }
  });

  it('signed in but not authorized → 404 for every kind, or the unauthorizedUrl', () => {
    for (const kind of ['document', 'api', 'server_action'] as const) {
      expect(decideProtect({ ...signedIn, kind, authorized: false })).toEqual({
        outcome: 'not_found',
        reason: 'not_authorized',
      });
      expect(decideProtect({ ...signedIn, kind, authorized: false, unauthorizedUrl: '/upgrade' })).toEqual({
        outcome: 'redirect_unauthorized_url',
        reason: 'not_authorized',
        url: '/upgrade',
      });
    }
  });

  it('signed out: document → sign-in, API → 404, server action → 401; unauthenticatedUrl wins', () => {
    expect(decideProtect({ ...signedOut, kind: 'document' })).toEqual({
      outcome: 'redirect_sign_in',
      reason: 'signed_out',
    });
    expect(decideProtect({ ...signedOut, kind: 'api' })).toEqual({ outcome: 'not_found', reason: 'signed_out' });
    expect(decideProtect({ ...signedOut, kind: 'server_action' })).toEqual({
      outcome: 'unauthorized',
      reason: 'signed_out',
    });
    for (const kind of ['document', 'api', 'server_action'] as const) {
      expect(decideProtect({ ...signedOut, kind, unauthenticatedUrl: '/sign-in' })).toEqual({
        outcome: 'redirect_unauthenticated_url',
        reason: 'signed_out',
        url: '/sign-in',
      });
    }
  });

  it('a pending session: signed in by default, signed out (reason session_pending) when asked', () => {
    expect(decideProtect({ ...signedIn, sessionStatus: 'pending' }).outcome).toBe('allowed');
    expect(
      decideProtect({ ...signedOut, sessionStatus: 'pending', treatPendingAsSignedOut: true, kind: 'api' }),
    ).toEqual({ outcome: 'not_found', reason: 'session_pending' });
  });

  it('machine tokens: valid → allowed; invalid or missing → 401, whatever the request kind', () => {
    const m2m: ProtectInput = { ...signedIn, accepts: 'm2m_token', tokenType: 'm2m_token', sessionStatus: null };
    expect(decideProtect(m2m)).toEqual({ outcome: 'allowed', reason: 'authorized' });
    for (const kind of ['document', 'api', 'server_action'] as const) {
      expect(decideProtect({ ...m2m, kind, isAuthenticated: false })).toEqual({
        outcome: 'unauthorized',
        reason: 'machine_token_invalid',
      });
    }
    // Authorization params never apply to machine tokens (has() is false for them): the token alone decides.
    expect(decideProtect({ ...m2m, authorized: false }).outcome).toBe('allowed');
  });

  it('a credential of a type the call does not accept → 401', () => {
    expect(
      decideProtect({ ...signedIn, accepts: ['m2m_token', 'api_key'], tokenType: null, isAuthenticated: false }),
    ).toEqual({
      outcome: 'unauthorized',
      reason: 'token_type_not_accepted',
    });
    expect(decideProtect({ ...signedIn, accepts: 'oauth_token', tokenType: 'session_token' }).outcome).toBe(
      'unauthorized',
    );
  });

  it("'any' or a list with session_token keeps the session rules", () => {
    expect(decideProtect({ ...signedOut, accepts: 'any' }).outcome).toBe('redirect_sign_in');
    expect(decideProtect({ ...signedIn, accepts: ['session_token', 'm2m_token'], authorized: false }).outcome).toBe(
      'not_found',
    );
  });
});
