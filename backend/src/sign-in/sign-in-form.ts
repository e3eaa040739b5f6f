/** A field of the sign-in form that was missing or malformed. */
export class SignInFormError extends Error {
  override readonly name = 'SignInFormError';
  readonly code = 'ERR_SIGN_IN_FORM_INVALID';
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** What a submitted sign-in form asks for. */
export interface SignInRequest {
  /** Exactly one of userId/username identifies the user. */
  userId: string | null;
  username: string | null;
  redirectUrl: string | null;
  activeOrganizationId: string | null;
  pending: boolean;
  /** Clerk's `fva`: minutes since the first and second factor were verified, -1 = not enrolled. */
  factorVerificationAge: [number, number];
}

function optional(form: URLSearchParams, name: string): string | null {
  const value = form.get(name);
  return value === null || value.trim() === '' ? null : value.trim();
}

function factorAge(form: URLSearchParams, name: string, fallback: number): number {
  const raw = optional(form, name);
  if (raw === null) return fallback;
  if (!/^-?\d{1,7}$/.test(raw) || Number(raw) < -1) {
    throw new SignInFormError(name, `${name} must be a whole number of minutes, -1 (not enrolled) or more`);
  }
  return Number(raw);
}

/** Reads a sign-in form (`user_id` or `username`, options as the page's field names). */
export function parseSignInForm(form: URLSearchParams): SignInRequest {
  const userId = optional(form, 'user_id');
  const username = optional(form, 'username');
  if (userId === null && username === null) {
    throw new SignInFormError('user_id', 'user_id (or username) is required');
  }
  const pending = optional(form, 'pending');
  return {
    userId,
    username: userId === null ? username : null,
    redirectUrl: optional(form, 'redirect_url'),
    activeOrganizationId: optional(form, 'active_organization_id'),
    pending: pending !== null && pending !== 'false' && pending !== '0' && pending !== 'off',
    factorVerificationAge: [factorAge(form, 'fva_first_factor', 0), factorAge(form, 'fva_second_factor', -1)],
  };
}
