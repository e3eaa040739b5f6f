/** One entry of Clerk's error array. */
export interface ClerkErrorEntry {
  code: string;
  message: string;
  long_message: string;
  meta?: Record<string, unknown>;
}

/**
 * An error a route throws to answer with Clerk's error shape. `code` is Clerk's stable error code
 * (`resource_not_found`, `form_param_missing`, …); messages never contain secrets or emails.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly longMessage: string;
  readonly meta: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { longMessage?: string; meta?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.longMessage = options.longMessage ?? message;
    this.meta = options.meta;
    this.headers = options.headers ?? {};
  }

  toEntry(): ClerkErrorEntry {
    const entry: ClerkErrorEntry = { code: this.code, message: this.message, long_message: this.longMessage };
    if (this.meta) entry.meta = this.meta;
    return entry;
  }
}

export function notFound(resource = 'resource'): ApiError {
  return new ApiError(404, 'resource_not_found', 'not found', {
    longMessage: `The requested ${resource} could not be found.`,
  });
}

export function paramMissing(name: string): ApiError {
  return new ApiError(400, 'form_param_missing', `${name} must be included.`, {
    longMessage: `The parameter ${name} is missing.`,
    meta: { param_name: name },
  });
}

export function paramInvalid(name: string, why: string): ApiError {
  return new ApiError(400, 'form_param_format_invalid', `${name} is invalid.`, {
    longMessage: `The parameter ${name} is invalid: ${why}.`,
    meta: { param_name: name },
  });
}

export function identifierTaken(name: string): ApiError {
  return new ApiError(422, 'form_identifier_exists', `That ${name} is taken. Please try another.`, {
    meta: { param_name: name },
  });
}

export function unauthorized(message = 'The provided secret key is invalid or missing.'): ApiError {
  return new ApiError(401, 'authentication_invalid', 'Unauthorized request', { longMessage: message });
}
