import { type CallOptions, withCallOptions } from './call-options.js';
import type { BackendApiResult, BackendRequester } from './request.js';
import { asObject, list, ResourceShapeError } from './resources/read-json.js';

export interface Jwks {
  keys: JsonWebKey[];
}

/**
 * `GET /v1/jwks`: the instance's public keys, for verifying session tokens networklessly afterwards. The tokens
 * helper's `JwksCache` takes `() => client.loadJwks()` as its loader (and does the caching and cooldown).
 */
export function loadJwks(requester: BackendRequester, options?: CallOptions): Promise<BackendApiResult<Jwks>> {
  return requester.request<Jwks>(
    withCallOptions(
      {
        method: 'GET',
        path: '/jwks',
        read: (data: unknown) => {
          const keys = list(asObject(data, 'jwks'), 'jwks', 'keys', (key) => {
            if (typeof key !== 'object' || key === null || typeof (key as JsonWebKey).kty !== 'string') {
              throw new ResourceShapeError('jwks', 'keys', 'an array of JWKs');
            }
            return key as JsonWebKey;
          });
          return { keys };
        },
      },
      options,
    ),
  );
}
