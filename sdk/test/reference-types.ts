/**
 * The reference's types are the floor of the package's: its declarations below are copied from the
 * reference as written; the checks after them fail to compile when a caller the reference allows would not
 * compile against @authlens/nextjs/server, or a value the reference promises is not provided. `npm test`'s
 * type-check step compiles this file (`tsc -p sdk/tsconfig.json`, against the built package). The reference's
 * usage examples are in reference-examples.md, compiled by reference-examples.test.ts.
 */

import type * as Ours from '@authlens/nextjs/server';
import {
  auth,
  type CreateEmailAddressParams,
  currentUser,
  type EmailAddress,
  type ExternalAccount,
  type OAuthAccessToken,
  type Passkey,
  type PhoneNumber,
  reverificationError,
  reverificationErrorResponse,
  type Web3Wallet,
} from '@authlens/nextjs/server';

// ---- The reference's declarations ----
interface AuthOptions {
  /**
   * If true, treats pending sessions as signed out
   * Useful for conditional rendering based on auth state
   * @default false
   */
  treatPendingAsSignedOut?: boolean;
  /**
   * Token type to accept for authentication
   * @default 'session_token'
   */
  acceptsToken?: 'session_token' | 'm2m_token' | 'oauth_token' | 'any';
}
interface SessionAuthWithRedirect {
  /**
   * Current user's ID, null if signed out
   */
  userId: string | null;
  /**
   * Current session ID, null if signed out
   */
  sessionId: string | null;
  /**
   * Active organization ID, null if no active organization
   */
  orgId: string | null;
  /**
   * Current user's role in active organization
   */
  orgRole: string | null;
  /**
   * Active organization slug
   */
  orgSlug: string | null;
  /**
   * Current user's permissions in active organization
   */
  orgPermissions: string[] | null;
  /**
   * Actor identifier for impersonation scenarios
   */
  actor: any | null;
  /**
   * Session status: 'active', 'expired', 'abandoned', 'removed', 'pending'
   */
  sessionStatus: string;
  /**
   * Get session token or custom JWT template
   * @param options - Token retrieval options
   * @returns Promise resolving to token string or null
   */
  getToken: (options?: GetTokenOptions) => Promise<string | null>;
  /**
   * Check if user has permission or role
   * @param params - Permission or role to check
   * @returns True if user has permission/role
   */
  has: (params: HasParams) => boolean;
  /**
   * Redirect user to sign-in page
   * Can only access URLs defined via environment variables or clerkMiddleware
   * @param options - Redirect options
   * @returns Never returns, triggers redirect
   */
  redirectToSignIn: (options?: RedirectOptions) => never;
  /**
   * Redirect user to sign-up page
   * Can only access URLs defined via environment variables or clerkMiddleware
   * @param options - Redirect options
   * @returns Never returns, triggers redirect
   */
  redirectToSignUp: (options?: RedirectOptions) => never;
}
interface GetTokenOptions {
  /**
   * JWT template name for custom tokens
   */
  template?: string;
  /**
   * Skip token cache and fetch fresh token
   */
  skipCache?: boolean;
}
interface HasParams {
  /**
   * Permission to check (e.g., 'org:team:manage')
   */
  permission?: string;
  /**
   * Role to check (e.g., 'admin', 'member')
   */
  role?: string;
}
interface RedirectOptions {
  /**
   * URL to redirect back to after authentication
   * If null, no return URL is set
   */
  returnBackUrl?: string | URL | null;
}
interface CheckAuthorizationParams {
  /**
   * Required permission for authorization
   */
  permission?: string;
  /**
   * Required role for authorization
   */
  role?: string;
}
type AuthorizationCondition = (has: (params: HasParams) => boolean) => boolean;
interface AuthProtectOptions {
  /**
   * Token type to accept for authentication
   * @default 'session_token'
   */
  token?: 'session_token' | 'm2m_token' | 'oauth_token' | 'any';
  /**
   * Custom URL to redirect to if not authenticated
   */
  unauthenticatedUrl?: string;
  /**
   * Custom URL to redirect to if not authorized
   */
  unauthorizedUrl?: string;
}
interface SignedInAuthObject {
  userId: string;
  sessionId: string;
  orgId: string | null;
  orgRole: string | null;
  orgSlug: string | null;
  orgPermissions: string[] | null;
  actor: any | null;
  sessionStatus: string;
  getToken: (options?: GetTokenOptions) => Promise<string | null>;
  has: (params: HasParams) => boolean;
}
interface CurrentUserOptions {
  /**
   * If true, treats pending sessions as signed out
   * @default false
   */
  treatPendingAsSignedOut?: boolean;
}
interface User {
  /**
   * User's unique identifier
   */
  id: string;
  /**
   * User's email addresses
   */
  emailAddresses: EmailAddress[];
  /**
   * User's phone numbers
   */
  phoneNumbers: PhoneNumber[];
  /**
   * User's external OAuth accounts
   */
  externalAccounts: ExternalAccount[];
  /**
   * User's web3 wallets
   */
  web3Wallets: Web3Wallet[];
  /**
   * User's passkeys
   */
  passkeys: Passkey[];
  /**
   * User's first name
   */
  firstName: string | null;
  /**
   * User's last name
   */
  lastName: string | null;
  /**
   * User's username
   */
  username: string | null;
  /**
   * User's profile image URL
   */
  imageUrl: string;
  /**
   * Whether user has uploaded a profile image
   */
  hasImage: boolean;
  /**
   * User's primary email address ID
   */
  primaryEmailAddressId: string | null;
  /**
   * User's primary phone number ID
   */
  primaryPhoneNumberId: string | null;
  /**
   * User's primary web3 wallet ID
   */
  primaryWeb3WalletId: string | null;
  /**
   * User's public metadata (readable by anyone)
   */
  publicMetadata: Record<string, any>;
  /**
   * User's private metadata (readable only by backend)
   */
  privateMetadata: Record<string, any>;
  /**
   * User's unsafe metadata (readable/writable by client)
   */
  unsafeMetadata: Record<string, any>;
  /**
   * Whether user is banned
   */
  banned: boolean;
  /**
   * Whether user is locked
   */
  locked: boolean;
  /**
   * Timestamp when user was created
   */
  createdAt: number;
  /**
   * Timestamp when user was last updated
   */
  updatedAt: number;
  /**
   * Timestamp of last sign-in
   */
  lastSignInAt: number | null;
  /**
   * Whether two-factor authentication is enabled
   */
  twoFactorEnabled: boolean;
  /**
   * Whether backup codes are enabled
   */
  backupCodeEnabled: boolean;
  /**
   * Password digest (hashed password)
   */
  passwordEnabled: boolean;
  /**
   * Legal accepted status
   */
  legalAcceptedAt: number | null;
  /**
   * Create email address verification
   */
  createEmailAddress: (params: CreateEmailAddressParams) => Promise<EmailAddress>;
  /**
   * Get OAuth access token
   */
  getOAuthAccessToken: (provider: string) => Promise<OAuthAccessToken[]>;
}
interface ReverificationConfig {
  /**
   * Maximum age in seconds for reverification
   */
  maxAgeInSeconds?: number;
  /**
   * Additional reverification level
   */
  level?: string;
}
// ---- The checks ----
type Extends<A, B> = [A] extends [B] ? true : false;

/** Options and parameters: whatever the reference lets a caller pass, the package accepts. */
export const inputs: [
  Extends<AuthOptions, Ours.AuthOptions>,
  Extends<GetTokenOptions, Ours.GetTokenOptions>,
  Extends<HasParams, Ours.HasParams>,
  Extends<RedirectOptions, Ours.RedirectOptions>,
  Extends<CheckAuthorizationParams, Ours.CheckAuthorizationParams>,
  Extends<AuthorizationCondition, Ours.AuthorizationCondition>,
  Extends<AuthProtectOptions, Ours.AuthProtectOptions>,
  Extends<CurrentUserOptions, Ours.CurrentUserOptions>,
  Extends<ReverificationConfig, Ours.ReverificationConfig>,
] = [true, true, true, true, true, true, true, true, true];

/**
 * Results: everything the reference promises is there. One deliberate exception: a signed-out auth object's
 * `sessionStatus` is `null`, as Clerk's is (the reference types it `string` for every state).
 */
export const outputs: [
  Extends<Ours.SignedInAuthObject, SignedInAuthObject>,
  Extends<Ours.User, User>,
  Extends<Omit<Ours.SessionAuthWithRedirect, 'sessionStatus'>, Omit<SessionAuthWithRedirect, 'sessionStatus'>>,
  Extends<Ours.SessionAuthWithRedirect['sessionStatus'], string | null>,
] = [true, true, true, true];

/** Calls typed with the reference's types compile, and their results serve where the reference's types are expected. */
export async function calls(
  authOptions: AuthOptions,
  params: CheckAuthorizationParams | AuthorizationCondition,
  protectOptions: AuthProtectOptions,
  userOptions: CurrentUserOptions,
  config: ReverificationConfig,
  tokenOptions: GetTokenOptions,
  redirect: RedirectOptions,
  hasParams: HasParams,
) {
  const state = await auth(authOptions);
  const signedIn: SignedInAuthObject = await auth.protect(params, protectOptions);
  const user: User | null = await currentUser(userOptions);
  const token: string | null = await signedIn.getToken(tokenOptions);
  const allowed: boolean = signedIn.has(hasParams);
  if (!state.isAuthenticated) {
    const session = await auth();
    session.redirectToSignIn(redirect);
  }
  return { user, token, allowed, error: reverificationError(config), response: reverificationErrorResponse(config) };
}
