/**
 * The Backend API client (internal barrel for next/, tokens/ and telemetry; the public surface is `clerkClient`
 * and the types re-exported by server.ts).
 */
export {
  BackendApiError,
  type BackendApiErrorCode,
  type BackendCallFacts,
  type ClerkApiErrorEntry,
} from './backend-api-error.js';
export type { CallOptions } from './call-options.js';
export { type ClerkClient, clerkClient, clerkClientFor, createClerkClient, type Token } from './clerk-client.js';
export {
  type BackendApiClient,
  type BackendApiClientOptions,
  createBackendApiClient,
} from './create-backend-api-client.js';
export type { HandshakePayload } from './get-handshake-payload.js';
export type { GetSessionTokenOptions } from './get-session-token.js';
export type { PaginatedResourceResponse, UserListParams } from './get-user-list.js';
export type { Jwks } from './load-jwks.js';
export { MachineTokenInvalidError, type MachineTokenInvalidReason } from './machine-token-invalid-error.js';
export type { RateLimitSnapshot } from './rate-limit.js';
export {
  type BackendCallClass,
  type BudgetObservation,
  type RateLimitBudget,
  WindowBudget,
  type WindowBudgetOptions,
} from './rate-limit-budget.js';
export {
  type BackendApiInstrument,
  type BackendApiRequest,
  type BackendApiResult,
  type BackendCallInfo,
  type BackendCallMeta,
  DEFAULT_MAX_RETRY_AFTER_SECONDS,
  DEFAULT_TIMEOUT_MS,
  type HttpMethod,
} from './request.js';
export type { EmailAddress } from './resources/email-address.js';
export type { ExternalAccount } from './resources/external-account.js';
export type { IdentificationLink } from './resources/identification-link.js';
export type { APIKey, IdPOAuthAccessToken, M2MToken } from './resources/machine-tokens.js';
export type { OAuthAccessToken } from './resources/oauth-access-token.js';
export type { Passkey } from './resources/passkey.js';
export type { PhoneNumber } from './resources/phone-number.js';
export type { Session } from './resources/session.js';
export { type CreateEmailAddressParams, User } from './resources/user.js';
export type { Verification, VerificationStatus } from './resources/verification.js';
export type { Web3Wallet } from './resources/web3-wallet.js';
export { getSharedBackendApiClient, setBackendApiInstrument } from './shared-client.js';
export type { UpdateUserMetadataParams, UpdateUserParams } from './update-user.js';
export { machineAuthStateOf, type VerifiedMachineToken } from './verify-machine-token.js';
