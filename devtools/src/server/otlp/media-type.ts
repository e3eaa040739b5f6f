import { UnsupportedMediaTypeError } from '../errors.js';

/** The two OTLP/HTTP encodings. */
export type OtlpEncoding = 'json' | 'protobuf';

export const CONTENT_TYPE_JSON = 'application/json';
export const CONTENT_TYPE_PROTOBUF = 'application/x-protobuf';

/** Reads which OTLP encoding a `Content-Type` names (parameters such as `charset` are ignored), or throws 415. */
export function otlpEncodingOf(contentType: string | null): OtlpEncoding {
  const mediaType = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType === CONTENT_TYPE_JSON) return 'json';
  if (mediaType === CONTENT_TYPE_PROTOBUF || mediaType === 'application/protobuf') return 'protobuf';
  throw new UnsupportedMediaTypeError(
    `Content-Type "${mediaType.slice(0, 60) || '(none)'}" is not supported; send ${CONTENT_TYPE_JSON} or ${CONTENT_TYPE_PROTOBUF}`,
  );
}
