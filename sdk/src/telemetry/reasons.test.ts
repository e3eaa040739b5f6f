import { ProtectRequirementKind as K, Reason } from '@authlens/otel';
import { describe, expect, it } from 'vitest';
import { protectReason, protectRequirementOf, signedInReason, signedOutReason } from './reasons.js';

describe('signedOutReason / signedInReason', () => {
  it('maps the handoff reason to the contract: no token, verification reasons, anything else', () => {
    expect(signedOutReason(null)).toBe(Reason.missing_token);
    expect(signedOutReason('no_token')).toBe(Reason.missing_token);
    expect(signedOutReason('expired')).toBe(Reason.expired);
    expect(signedOutReason('machine_token_unverified')).toBe(Reason.machine_token_unverified);
    expect(signedOutReason('error')).toBe(Reason.verification_failed);
    expect(signedInReason('active')).toBe(Reason.valid_token);
    expect(signedInReason('pending')).toBe(Reason.pending_as_signed_in);
  });
});

describe('protectRequirementOf', () => {
  it('role / permission (normalised), condition (functions and other has() checks), token, none', () => {
    expect(protectRequirementOf({ role: 'admin' }, undefined)).toEqual({ kind: K.role, value: 'org:admin' });
    expect(protectRequirementOf({ permission: 'org:a:b' }, undefined)).toEqual({
      kind: K.permission,
      value: 'org:a:b',
    });
    expect(protectRequirementOf(() => true, undefined)).toEqual({ kind: K.condition, value: null });
    expect(protectRequirementOf({ feature: 'f' }, undefined)).toEqual({ kind: K.condition, value: null });
    expect(protectRequirementOf(null, ['api_key', 'm2m_token'])).toEqual({ kind: K.token, value: 'api_key,m2m_token' });
    expect(protectRequirementOf(null, undefined)).toEqual({ kind: K.none, value: null });
    expect(protectRequirementOf(null, 'session_token')).toEqual({ kind: K.none, value: null });
  });
});

describe('protectReason', () => {
  const none = { kind: K.none, value: null };
  it('refines not_authorized by what was asked', () => {
    expect(protectReason('not_authorized', { kind: K.role, value: 'org:admin' }, null)).toBe(Reason.role_missing);
    expect(protectReason('not_authorized', { kind: K.permission, value: 'org:x' }, null)).toBe(
      Reason.permission_missing,
    );
    expect(protectReason('not_authorized', { kind: K.condition, value: null }, null)).toBe(Reason.condition_false);
  });
  it('signed out carries the request’s own reason; pending and token type have their own', () => {
    expect(protectReason('signed_out', none, 'bad_signature')).toBe(Reason.bad_signature);
    expect(protectReason('signed_out', none, 'no_token')).toBe(Reason.missing_token);
    expect(protectReason('session_pending', none, null)).toBe(Reason.pending_as_signed_out);
    expect(protectReason('token_type_not_accepted', none, null)).toBe(Reason.token_type_not_accepted);
    expect(protectReason('authorized', none, null)).toBe(Reason.authorized);
  });
  it('machine tokens: refused, unverified, missing, or of a type the call does not take', () => {
    const m2m = { type: 'm2m_token', accepted: true };
    expect(protectReason('machine_token_invalid', none, 'machine_token_invalid', m2m)).toBe(
      Reason.machine_token_invalid,
    );
    expect(protectReason('machine_token_invalid', none, 'expired', m2m)).toBe(Reason.machine_token_invalid);
    expect(protectReason('machine_token_invalid', none, 'machine_token_unverified', m2m)).toBe(
      Reason.machine_token_unverified,
    );
    expect(protectReason('machine_token_invalid', none, 'no_token')).toBe(Reason.missing_token);
    expect(protectReason('machine_token_invalid', none, null, { type: 'session_token', accepted: false })).toBe(
      Reason.token_type_not_accepted,
    );
  });
});
