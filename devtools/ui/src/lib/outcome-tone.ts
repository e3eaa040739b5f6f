import { Outcome } from '@authlens/otel';

/** How an outcome reads at a glance: the colour of its badge and its series in the outcomes chart. */
export type OutcomeTone = 'allowed' | 'signed-out' | 'redirect' | 'denied' | 'none';

export const OUTCOME_TONES: readonly OutcomeTone[] = ['allowed', 'signed-out', 'redirect', 'denied', 'none'];

export const TONE_LABELS: { readonly [T in OutcomeTone]: string } = {
  allowed: 'allowed / signed in',
  'signed-out': 'signed out',
  redirect: 'redirected',
  denied: '404 / 401',
  none: 'no outcome',
};

const TONES: { readonly [O in Outcome]: OutcomeTone } = {
  [Outcome.allowed]: 'allowed',
  [Outcome.signed_in]: 'allowed',
  [Outcome.signed_out]: 'signed-out',
  [Outcome.handshake]: 'redirect',
  [Outcome.redirect_sign_in]: 'redirect',
  [Outcome.redirect_unauthenticated_url]: 'redirect',
  [Outcome.redirect_unauthorized_url]: 'redirect',
  [Outcome.redirect_sign_up]: 'redirect',
  [Outcome.not_found]: 'denied',
  [Outcome.unauthorized]: 'denied',
};

export function outcomeTone(outcome: string | null): OutcomeTone {
  return outcome !== null && outcome in TONES ? TONES[outcome as Outcome] : 'none';
}
