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
  /** The organization to activate; null = none (the page's "None"); undefined = not said, the user's first. */
  activeOrganizationId: string | null | undefined;
  /** null: not said (a POST without the page's checkbox), so the user's default applies. */
  pending: boolean | null;
  /** Clerk's `fva`: minutes since the first and second factor were verified, -1 = not enrolled; null = default. */
  factorVerificationAge: [number | null, number | null];
}

/**
 * The page sends this hidden field with its pending checkbox: an unchecked box sends nothing, so only with the marker
 * does a missing `pending` mean "not pending" rather than "use the default".
 */
export const PENDING_CHECKBOX_MARKER = 'pending_checkbox';

function optional(form: URLSearchParams, name: string): string | null {
  const value = form.get(name);
  return value === null || value.trim() === '' ? null : value.trim();
}

function factorAge(form: URLSearchParams, name: string): number | null {
  const raw = optional(form, name);
  if (raw === null) return null;
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
  const pendingField = optional(form, 'pending');
  let pending: boolean | null = null;
  if (pendingField !== null) pending = !['false', '0', 'off'].includes(pendingField);
  else if (form.has(PENDING_CHECKBOX_MARKER)) pending = false;
  return {
    userId,
    username: userId === null ? username : null,
    redirectUrl: optional(form, 'redirect_url'),
    activeOrganizationId: form.has('active_organization_id') ? optional(form, 'active_organization_id') : undefined,
    pending,
    factorVerificationAge: [factorAge(form, 'fva_first_factor'), factorAge(form, 'fva_second_factor')],
  };
}
