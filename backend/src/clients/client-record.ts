/**
 * Clerk's client: what one browser holds on the Frontend API side. Its sessions point at it (`client_id`); the
 * session it shows is `last_active_session_id`; `updated_at` is the `__client_uat` the app sees. A dev browser
 * names a client from the app's side (`__clerk_db_jwt`), on development instances.
 */
export const CLIENTS = 'clients';
export const DEV_BROWSERS = 'dev_browsers';

export interface ClientRecord {
  /** `client_…`, as in the sessions' `client_id`. */
  readonly id: string;
  /** SHA-256 of the `__client` cookie's value; the value itself is never stored. */
  readonly token_hash: string;
  readonly last_active_session_id: string | null;
  readonly created_at: number;
  readonly updated_at: number;
  readonly [key: string]: unknown;
}

export interface DevBrowserRecord {
  /** SHA-256 of the dev browser token (the record is looked up by it; the token is never stored). */
  readonly id: string;
  readonly client_id: string | null;
  readonly created_at: number;
  readonly updated_at: number;
  readonly [key: string]: unknown;
}
