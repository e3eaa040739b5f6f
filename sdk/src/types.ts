/**
 * The public types of `@authlens/nextjs/server`: the reference's types (the
 * floor — its examples compile unchanged), plus the shapes Clerk's own
 * `@clerk/nextjs/server` exposes around them (`isAuthenticated`, `tokenType`,
 * machine auth objects).
 */
import type { ActClaim, MachineTokenType, SessionTokenClaims, TokenType } from './auth-state.js';
import type {
  CreateEmailAddressParams,
  EmailAddress,
  ExternalAccount,
  IdentificationLink,
  OAuthAccessToken,
  Passkey,
  PhoneNumber,
  Verification,
  VerificationStatus,
  Web3Wallet,
} from './backend-api/index.js';

export type { MachineTokenType, TokenType } from './auth-state.js';

/** Which credentials an `auth()` / `auth.protect()` call accepts. */
export type AcceptsToken = TokenType | TokenType[] | 'any';

export interface AuthOptions {
  /**
   * If true, treats pending sessions as signed out.
   * @default false
   */
  treatPendingAsSignedOut?: boolean;
  /**
   * Token type(s) to accept: one type, an array of types, or 'any'.
   * @default 'session_token'
   */
  acceptsToken?: AcceptsToken;
}

export interface GetTokenOptions {
  /** JWT template name for custom tokens (minted through the Backend API). */
  template?: string;
  /** Skip the request-scoped token cache and fetch a fresh token. */
  skipCache?: boolean;
  /** Lifetime of a freshly minted token. */
  expiresInSeconds?: number;
}

/** Clerk's reverification presets. */
export type ReverificationPreset = 'strict_mfa' | 'strict' | 'moderate' | 'lax';
export type ReverificationLevel = 'first_factor' | 'second_factor' | 'multi_factor';
export type ReverificationParam = ReverificationPreset | { level: ReverificationLevel; afterMinutes: number };

export interface HasParams {
  /** Permission to check (e.g. 'org:team:manage'). */
  permission?: string;
  /** Role to check (e.g. 'admin', 'org:member'). */
  role?: string;
  /** Billing feature (`fea` claim), optionally scoped 'org:' / 'user:'. */
  feature?: string;
  /** Billing plan (`pla` claim), optionally scoped 'org:' / 'user:'. */
  plan?: string;
  /** Reverification within a preset or `{ level, afterMinutes }`. */
  reverification?: ReverificationParam;
}

export type CheckAuthorizationParams = HasParams;

export type AuthorizationCondition = (has: (params: HasParams) => boolean) => boolean;

export interface RedirectOptions {
  /** URL to return to after authentication; `null` sends no return URL. */
  returnBackUrl?: string | URL | null;
}

export interface AuthProtectOptions {
  /** Token type(s) to accept. @default 'session_token' */
  token?: AcceptsToken;
  /** Where to send a signed-out visitor instead of the sign-in page. */
  unauthenticatedUrl?: string;
  /** Where to send a signed-in but unauthorized caller instead of a 404. */
  unauthorizedUrl?: string;
  /**
   * If true, a pending session counts as signed out (beyond the reference; same default as `auth()`).
   * @default false
   */
  treatPendingAsSignedOut?: boolean;
}

interface AuthObjectMethods {
  getToken: (options?: GetTokenOptions) => Promise<string | null>;
  has: (params: HasParams) => boolean;
}

/** A verified session: what `auth.protect()` returns for session tokens. */
export interface SignedInAuthObject extends AuthObjectMethods {
  tokenType: 'session_token';
  isAuthenticated: true;
  userId: string;
  sessionId: string;
  orgId: string | null;
  orgRole: string | null;
  orgSlug: string | null;
  orgPermissions: string[] | null;
  actor: any | null;
  sessionStatus: string;
  sessionClaims: SessionTokenClaims;
  factorVerificationAge: [number, number] | null;
}

/** No (accepted) session. `sessionStatus` is 'pending' for a pending session treated as signed out, else null. */
export interface SignedOutAuthObject extends AuthObjectMethods {
  tokenType: 'session_token';
  isAuthenticated: false;
  userId: null;
  sessionId: null;
  orgId: null;
  orgRole: null;
  orgSlug: null;
  orgPermissions: null;
  actor: null;
  sessionStatus: string | null;
  sessionClaims: null;
  factorVerificationAge: null;
}

interface RedirectMethods {
  /** Redirects to the sign-in page (with `redirect_url`); never returns. */
  redirectToSignIn: (options?: RedirectOptions) => never;
  /** Redirects to the sign-up page (with `redirect_url`); never returns. */
  redirectToSignUp: (options?: RedirectOptions) => never;
}

/**
 * What `auth()` returns for session tokens, signed in or out. The reference types
 * `sessionStatus` as string; it is null when signed out (as in Clerk).
 */
export type SessionAuthWithRedirect = (SignedInAuthObject | SignedOutAuthObject) & RedirectMethods;

interface MachineFields {
  m2m_token: { machineId: string; claims: Record<string, unknown> | null };
  oauth_token: { userId: string; clientId: string | null };
  api_key: { name: string | null; claims: Record<string, unknown> | null; userId: string | null; orgId: string | null };
}
type NullFields<T> = { [K in keyof T]: null };

/** A verified machine credential (`mt_…`, `oat_…`, `ak_…`). `has()` is always false. */
export type AuthenticatedMachineObject<T extends MachineTokenType = MachineTokenType> = T extends MachineTokenType
  ? AuthObjectMethods & {
      tokenType: T;
      isAuthenticated: true;
      id: string;
      subject: string;
      scopes: string[];
    } & MachineFields[T]
  : never;

/** A machine credential was asked for but is missing, invalid, or of another type. */
export type UnauthenticatedMachineObject<T extends MachineTokenType = MachineTokenType> = T extends MachineTokenType
  ? AuthObjectMethods & {
      tokenType: T;
      isAuthenticated: false;
      id: null;
      subject: null;
      scopes: null;
    } & NullFields<MachineFields[T]>
  : never;

/** `acceptsToken` was a list (or the token was of no accepted type): nothing is known. */
export interface InvalidTokenAuthObject extends AuthObjectMethods {
  tokenType: null;
  isAuthenticated: false;
}

export type MachineAuthObject<T extends MachineTokenType = MachineTokenType> =
  | AuthenticatedMachineObject<T>
  | UnauthenticatedMachineObject<T>;

export type AuthObject = SessionAuthWithRedirect | MachineAuthObject | InvalidTokenAuthObject;

/** The auth object for one accepted token type. */
export type AuthObjectFor<T extends TokenType> = T extends 'session_token'
  ? SessionAuthWithRedirect
  : T extends MachineTokenType
    ? MachineAuthObject<T>
    : never;

/** What `auth.protect()` resolves to for one accepted token type. */
export type ProtectedAuthObjectFor<T extends TokenType> = T extends 'session_token'
  ? SignedInAuthObject
  : T extends MachineTokenType
    ? AuthenticatedMachineObject<T>
    : never;

export interface AuthFn {
  (options?: AuthOptions & { acceptsToken?: 'session_token' }): Promise<SessionAuthWithRedirect>;
  <T extends TokenType>(options: AuthOptions & { acceptsToken: T }): Promise<AuthObjectFor<T>>;
  <T extends TokenType[]>(
    options: AuthOptions & { acceptsToken: T },
  ): Promise<AuthObjectFor<T[number]> | InvalidTokenAuthObject>;
  (options: AuthOptions & { acceptsToken: 'any' }): Promise<AuthObject>;
  (options?: AuthOptions): Promise<AuthObject>;
  protect: AuthProtect;
}

export interface AuthProtect {
  /** `auth.protect({ token: 'm2m_token' })`: options in the first argument. */
  <T extends TokenType>(params: AuthProtectOptions & { token: T }): Promise<ProtectedAuthObjectFor<T>>;
  <T extends TokenType[]>(params: AuthProtectOptions & { token: T }): Promise<ProtectedAuthObjectFor<T[number]>>;
  (params: AuthProtectOptions & { token: 'any' }): Promise<SignedInAuthObject | AuthenticatedMachineObject>;
  <T extends TokenType>(
    params: CheckAuthorizationParams | AuthorizationCondition | undefined,
    options: AuthProtectOptions & { token: T },
  ): Promise<ProtectedAuthObjectFor<T>>;
  (
    params?: (CheckAuthorizationParams & AuthProtectOptions) | AuthorizationCondition,
    options?: AuthProtectOptions,
  ): Promise<SignedInAuthObject>;
}

export interface CurrentUserOptions {
  /**
   * If true, treats pending sessions as signed out (`currentUser()` returns null).
   * @default false
   */
  treatPendingAsSignedOut?: boolean;
}

/**
 * Reverification requirement sent to the client, as the reference types it (`reverificationError()` also takes
 * Clerk's own form, a `ReverificationParam`).
 */
export interface ReverificationConfig {
  /** Maximum age in seconds for reverification. */
  maxAgeInSeconds?: number;
  /** Reverification level, e.g. 'strict', 'first_factor', 'second_factor', 'multi_factor'. */
  level?: string;
}

export interface ReverificationError<M extends { metadata?: unknown } = { metadata?: unknown }> {
  clerk_error: {
    type: 'forbidden';
    reason: 'reverification-error';
  } & M;
}

// ---- Backend User (camelCase, as @clerk/backend's User; its parts are defined with their JSON parsers) ----

export type {
  CreateEmailAddressParams,
  EmailAddress,
  ExternalAccount,
  IdentificationLink,
  OAuthAccessToken,
  Passkey,
  PhoneNumber,
  Verification,
  VerificationStatus,
  Web3Wallet,
};

export interface User {
  id: string;
  emailAddresses: EmailAddress[];
  phoneNumbers: PhoneNumber[];
  externalAccounts: ExternalAccount[];
  web3Wallets: Web3Wallet[];
  passkeys: Passkey[];
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  imageUrl: string;
  hasImage: boolean;
  primaryEmailAddressId: string | null;
  primaryPhoneNumberId: string | null;
  primaryWeb3WalletId: string | null;
  publicMetadata: Record<string, any>;
  privateMetadata: Record<string, any>;
  unsafeMetadata: Record<string, any>;
  banned: boolean;
  locked: boolean;
  createdAt: number;
  updatedAt: number;
  lastSignInAt: number | null;
  twoFactorEnabled: boolean;
  backupCodeEnabled: boolean;
  passwordEnabled: boolean;
  legalAcceptedAt: number | null;
  createEmailAddress: (params: CreateEmailAddressParams) => Promise<EmailAddress>;
  getOAuthAccessToken: (provider: string) => Promise<OAuthAccessToken[]>;
}

// ---- Middleware ----

/** Origins (or patterns) a `returnBackUrl` / protect redirect may point to besides the request's own origin. */
export type AllowedRedirectOrigins = Array<string | RegExp>;

export interface ClerkMiddlewareOptions {
  secretKey?: string;
  /**
   * Share the Backend API budget, user cache and machine-token verdicts with the app's other servers through this
   * Redis (Node runtime only). Process-wide: static options apply when the middleware is created; options computed
   * per request apply from the first request that returns them, and later different values are ignored (a warning).
   * @default process.env.AUTHLENS_REDIS_URL
   */
  redisUrl?: string;
  /**
   * Seconds `currentUser()` may serve a user from the user cache (0 to 300; 0 turns it off). Process-wide, applied
   * as `redisUrl` is.
   * @default process.env.AUTHLENS_USER_CACHE_TTL ?? 0
   */
  userCacheTtlSeconds?: number;
  /**
   * Names the instance's Account Portal, where redirects to sign-in/up go when no `signInUrl`/`signUpUrl` is set.
   * @default process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? process.env.CLERK_PUBLISHABLE_KEY
   */
  publishableKey?: string;
  /** PEM public key: verify session tokens without any network call. */
  jwtKey?: string;
  /** Backend API base URL. @default process.env.CLERK_API_URL ?? 'https://api.clerk.com' */
  apiUrl?: string;
  apiVersion?: 'v1';
  /** @default process.env.NEXT_PUBLIC_CLERK_SIGN_IN_URL, else the Account Portal's `/sign-in` */
  signInUrl?: string;
  /** @default process.env.NEXT_PUBLIC_CLERK_SIGN_UP_URL, else `<signInUrl>/create`, else the Account Portal's `/sign-up` */
  signUpUrl?: string;
  /** Accepted `azp` values of session tokens; when set, `azp` is required and must be listed. */
  authorizedParties?: string[];
  /** Origins `returnBackUrl` and protect redirects may point to besides the request's own. */
  allowedRedirectOrigins?: AllowedRedirectOrigins;
  /** Allowed clock skew for token time claims, in ms. @default 5000 */
  clockSkewInMs?: number;
}

export type { ActClaim, SessionTokenClaims };
