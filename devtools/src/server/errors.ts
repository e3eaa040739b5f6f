/**
 * Typed errors of the devtools server. Each has a stable string `code` (for programs) and the HTTP status the
 * server answers with; messages never contain request bodies, tokens or other secrets.
 */
export class DevtoolsError extends Error {
  /** A stable machine-readable code, e.g. `ERR_BODY_TOO_LARGE`. */
  readonly code: string = 'ERR_DEVTOOLS';
  /** The HTTP status this error is answered with. */
  readonly status: number = 500;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request body (raw or after gunzip) exceeds the configured limit. */
export class BodyTooLargeError extends DevtoolsError {
  override readonly code = 'ERR_BODY_TOO_LARGE';
  override readonly status = 413;
}

/** The request's `Content-Type` is not one the endpoint accepts. */
export class UnsupportedMediaTypeError extends DevtoolsError {
  override readonly code = 'ERR_UNSUPPORTED_MEDIA_TYPE';
  override readonly status = 415;
}

/** The request's `Content-Encoding` is neither `gzip` nor `identity`. */
export class UnsupportedContentEncodingError extends DevtoolsError {
  override readonly code = 'ERR_UNSUPPORTED_CONTENT_ENCODING';
  override readonly status = 415;
}

/** The body is not a valid OTLP message (bad JSON, bad protobuf, bad gzip, wrong shape). */
export class MalformedPayloadError extends DevtoolsError {
  override readonly code = 'ERR_MALFORMED_PAYLOAD';
  override readonly status = 400;
}

/** A query parameter of the API (limit, cursor, …) is invalid. */
export class InvalidQueryError extends DevtoolsError {
  override readonly code = 'ERR_INVALID_QUERY';
  override readonly status = 400;
}

/** An option of `startDevtools()` or a CLI flag is invalid. */
export class InvalidOptionError extends DevtoolsError {
  override readonly code = 'ERR_INVALID_OPTION';
  override readonly status = 500;
}

/** A browser page from a non-loopback origin tried to send telemetry (any web page could otherwise inject rows). */
export class ForbiddenOriginError extends DevtoolsError {
  override readonly code = 'ERR_FORBIDDEN_ORIGIN';
  override readonly status = 403;
}

/** The devtools were started with an ingest token and the request did not carry it as `Authorization: Bearer`. */
export class IngestUnauthorizedError extends DevtoolsError {
  override readonly code = 'ERR_INGEST_UNAUTHORIZED';
  override readonly status = 401;
}
