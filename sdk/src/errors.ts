/**
 * The base of every error authlens throws. `code` is stable and documented;
 * `message` explains and never contains a token, key, cookie or email.
 */
export class AuthlensError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
