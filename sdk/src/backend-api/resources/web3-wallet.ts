import { asObject, requiredString } from './read-json.js';
import { type Verification, verificationFromJSON } from './verification.js';

export interface Web3Wallet {
  id: string;
  /** `0x` + 40 hex digits. */
  web3Wallet: string;
  verification: Verification | null;
}

export function web3WalletFromJSON(value: unknown): Web3Wallet {
  const json = asObject(value, 'web3_wallet');
  return {
    id: requiredString(json, 'web3_wallet', 'id'),
    web3Wallet: requiredString(json, 'web3_wallet', 'web3_wallet'),
    verification: verificationFromJSON(json.verification),
  };
}
