import { type EmailAddress, emailAddressFromJSON } from './email-address.js';
import { type ExternalAccount, externalAccountFromJSON } from './external-account.js';
import type { OAuthAccessToken } from './oauth-access-token.js';
import { type Passkey, passkeyFromJSON } from './passkey.js';
import { type PhoneNumber, phoneNumberFromJSON } from './phone-number.js';
import {
  asObject,
  booleanOr,
  type Json,
  list,
  metadata,
  optionalNumber,
  optionalString,
  ResourceShapeError,
  requiredNumber,
  requiredString,
  stringOr,
} from './read-json.js';
import { type Web3Wallet, web3WalletFromJSON } from './web3-wallet.js';

/** `user.createEmailAddress(params)`: the user is implied. */
export interface CreateEmailAddressParams {
  emailAddress: string;
  /** Default false. */
  verified?: boolean;
  /** Default false, unless it is the user's first email address. */
  primary?: boolean;
  reservedForSecondFactor?: boolean;
}

/** The Backend API calls a `User` makes on its own behalf. */
export interface UserActions {
  createEmailAddress(userId: string, params: CreateEmailAddressParams): Promise<EmailAddress>;
  getOAuthAccessToken(userId: string, provider: string): Promise<OAuthAccessToken[]>;
}

/**
 * The Backend `User`: the reference's fields in camelCase (timestamps in ms), Clerk's extra fields and getters
 * (`primaryEmailAddress`, `fullName`, …), and the reference's two methods, which call the Backend API.
 */
export class User {
  readonly id: string;
  readonly emailAddresses: EmailAddress[];
  readonly phoneNumbers: PhoneNumber[];
  readonly externalAccounts: ExternalAccount[];
  readonly web3Wallets: Web3Wallet[];
  readonly passkeys: Passkey[];
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly username: string | null;
  readonly imageUrl: string;
  readonly hasImage: boolean;
  readonly primaryEmailAddressId: string | null;
  readonly primaryPhoneNumberId: string | null;
  readonly primaryWeb3WalletId: string | null;
  readonly publicMetadata: Record<string, any>;
  readonly privateMetadata: Record<string, any>;
  readonly unsafeMetadata: Record<string, any>;
  readonly banned: boolean;
  readonly locked: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly lastSignInAt: number | null;
  readonly twoFactorEnabled: boolean;
  readonly backupCodeEnabled: boolean;
  readonly passwordEnabled: boolean;
  readonly legalAcceptedAt: number | null;
  // Clerk's Backend User has these too.
  readonly totpEnabled: boolean;
  readonly externalId: string | null;
  readonly lastActiveAt: number | null;
  readonly createOrganizationEnabled: boolean;
  readonly createOrganizationsLimit: number | null;
  readonly deleteSelfEnabled: boolean;
  readonly locale: string | null;
  readonly timezone: string | null;
  readonly deprovisioned: boolean;

  readonly #actions: UserActions;
  readonly #raw: Json;

  /** Maps the Backend API's user JSON; throws {@link ResourceShapeError} naming a field of the wrong type. */
  static fromJSON(value: unknown, actions: UserActions): User {
    return new User(asObject(value, 'user'), actions);
  }

  private constructor(json: Json, actions: UserActions) {
    const r = 'user';
    if (json.object !== undefined && json.object !== 'user') throw new ResourceShapeError(r, 'object', '"user"');
    this.id = requiredString(json, r, 'id');
    this.emailAddresses = list(json, r, 'email_addresses', emailAddressFromJSON);
    this.phoneNumbers = list(json, r, 'phone_numbers', phoneNumberFromJSON);
    this.externalAccounts = list(json, r, 'external_accounts', externalAccountFromJSON);
    this.web3Wallets = list(json, r, 'web3_wallets', web3WalletFromJSON);
    this.passkeys = list(json, r, 'passkeys', passkeyFromJSON);
    this.firstName = optionalString(json, r, 'first_name');
    this.lastName = optionalString(json, r, 'last_name');
    this.username = optionalString(json, r, 'username');
    this.imageUrl = stringOr(json, r, 'image_url', '');
    this.hasImage = booleanOr(json, r, 'has_image', false);
    this.primaryEmailAddressId = optionalString(json, r, 'primary_email_address_id');
    this.primaryPhoneNumberId = optionalString(json, r, 'primary_phone_number_id');
    this.primaryWeb3WalletId = optionalString(json, r, 'primary_web3_wallet_id');
    this.publicMetadata = metadata(json, r, 'public_metadata');
    this.privateMetadata = metadata(json, r, 'private_metadata');
    this.unsafeMetadata = metadata(json, r, 'unsafe_metadata');
    this.banned = booleanOr(json, r, 'banned', false);
    this.locked = booleanOr(json, r, 'locked', false);
    this.createdAt = requiredNumber(json, r, 'created_at');
    this.updatedAt = requiredNumber(json, r, 'updated_at');
    this.lastSignInAt = optionalNumber(json, r, 'last_sign_in_at');
    this.twoFactorEnabled = booleanOr(json, r, 'two_factor_enabled', false);
    this.backupCodeEnabled = booleanOr(json, r, 'backup_code_enabled', false);
    this.passwordEnabled = booleanOr(json, r, 'password_enabled', false);
    this.legalAcceptedAt = optionalNumber(json, r, 'legal_accepted_at');
    this.totpEnabled = booleanOr(json, r, 'totp_enabled', false);
    this.externalId = optionalString(json, r, 'external_id');
    this.lastActiveAt = optionalNumber(json, r, 'last_active_at');
    this.createOrganizationEnabled = booleanOr(json, r, 'create_organization_enabled', false);
    this.createOrganizationsLimit = optionalNumber(json, r, 'create_organizations_limit');
    this.deleteSelfEnabled = booleanOr(json, r, 'delete_self_enabled', false);
    this.locale = optionalString(json, r, 'locale');
    this.timezone = optionalString(json, r, 'timezone');
    this.deprovisioned = booleanOr(json, r, 'deprovisioned', false);
    this.#actions = actions;
    this.#raw = json;
  }

  /** The Backend API's JSON this user was read from. */
  get raw(): Json {
    return this.#raw;
  }

  get primaryEmailAddress(): EmailAddress | null {
    return this.emailAddresses.find(({ id }) => id === this.primaryEmailAddressId) ?? null;
  }

  get primaryPhoneNumber(): PhoneNumber | null {
    return this.phoneNumbers.find(({ id }) => id === this.primaryPhoneNumberId) ?? null;
  }

  get primaryWeb3Wallet(): Web3Wallet | null {
    return this.web3Wallets.find(({ id }) => id === this.primaryWeb3WalletId) ?? null;
  }

  /** First and last name joined, or null when both are empty (Clerk's rule). */
  get fullName(): string | null {
    return [this.firstName, this.lastName].join(' ').trim() || null;
  }

  /** Adds an email address to this user (`POST /v1/email_addresses`). */
  createEmailAddress(params: CreateEmailAddressParams): Promise<EmailAddress> {
    return this.#actions.createEmailAddress(this.id, params);
  }

  /** This user's access tokens at an OAuth provider (`google`, or Clerk's legacy `oauth_google`). */
  getOAuthAccessToken(provider: string): Promise<OAuthAccessToken[]> {
    return this.#actions.getOAuthAccessToken(this.id, provider);
  }
}
