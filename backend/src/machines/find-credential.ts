import { ApiError } from '../http/api-error.js';
import type { ReadView, StoredRecord } from '../store/store.js';
import { hashSecret } from './hash-secret.js';
import type { SecretIndex, TokenLifetimeRecord } from './records.js';
import { tokenStatus } from './token-lifetime.js';

/** The record a presented secret belongs to, through its hash index; undefined when unknown. */
export function findBySecret<T extends StoredRecord>(
  view: ReadView,
  indexCollection: string,
  recordCollection: string,
  secret: string,
): T | undefined {
  const index = view.get<SecretIndex>(indexCollection, hashSecret(secret));
  return index ? view.get<T>(recordCollection, index.record_id) : undefined;
}

/**
 * The active credential for a presented secret, or Clerk's 404: @clerk/backend's machine-token verification reads a
 * 404 as "token invalid" (and a 401 as a bad secret key), so unknown, revoked and expired all answer 404; the
 * reason is in `meta.reason` and the long message.
 */
export function requireActiveCredential<T extends TokenLifetimeRecord>(
  record: T | undefined,
  nowMs: number,
  what: string,
): T {
  const status = record ? tokenStatus(record, nowMs) : 'not_found';
  if (record && status === 'active') return record;
  const why =
    status === 'not_found' ? 'could not be found' : `has ${status === 'revoked' ? 'been revoked' : 'expired'}`;
  throw new ApiError(404, 'resource_not_found', `${what} not found`, {
    longMessage: `The ${what} ${why}.`,
    meta: { reason: status },
  });
}
