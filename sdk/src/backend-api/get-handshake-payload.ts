import { type CallOptions, withCallOptions } from './call-options.js';
import type { BackendApiResult, BackendRequester } from './request.js';
import { asObject, list, ResourceShapeError } from './resources/read-json.js';

/** What the Frontend API left behind a handshake nonce: the Set-Cookie strings for the app's origin. */
export interface HandshakePayload {
  directives: string[];
}

/**
 * `GET /v1/clients/handshake_payload?nonce=`: resolves the nonce a handshake redirect brought back
 * (`format=nonce`) into its cookie directives. The nonce rides in the query, which telemetry never records.
 */
export function getHandshakePayload(
  requester: BackendRequester,
  nonce: string,
  options?: CallOptions,
): Promise<BackendApiResult<HandshakePayload>> {
  return requester.request<HandshakePayload>(
    withCallOptions(
      {
        method: 'GET',
        path: '/clients/handshake_payload',
        query: { nonce },
        read: (data: unknown) => ({
          directives: list(asObject(data, 'handshake_payload'), 'handshake_payload', 'directives', (directive) => {
            if (typeof directive !== 'string') {
              throw new ResourceShapeError('handshake_payload', 'directives', 'an array of strings');
            }
            return directive;
          }),
        }),
      },
      options,
    ),
  );
}
