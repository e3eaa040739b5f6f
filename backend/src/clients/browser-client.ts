/**
 * Which client a browser is, from what it carries: the dev browser token (the app sends it on the handshake; the
 * app's host has it as `__clerk_db_jwt`) or the HttpOnly `__client` cookie. Signing in attaches the new session to
 * that client (creating the client and the dev browser when the browser has none); signing out detaches it.
 */
import { newId } from '../store/ids.js';
import type { ReadView, Transaction } from '../store/store.js';
import { CLIENTS, type ClientRecord, DEV_BROWSERS, type DevBrowserRecord } from './client-record.js';
import { hashToken, newClientToken, newDevBrowserToken } from './client-tokens.js';

export interface BrowserCredentials {
  /** The dev browser token the browser carries, if any. */
  devBrowserToken: string | null;
  /** The `__client` cookie's value, if any. */
  clientToken: string | null;
}

export interface BrowserClient {
  client: ClientRecord | null;
  devBrowser: DevBrowserRecord | null;
}

/** The browser's dev browser and client; unknown tokens count as none. */
export function findBrowserClient(store: ReadView, credentials: BrowserCredentials): BrowserClient {
  const devBrowser = credentials.devBrowserToken
    ? (store.get<DevBrowserRecord>(DEV_BROWSERS, hashToken(credentials.devBrowserToken)) ?? null)
    : null;
  let client = devBrowser?.client_id ? (store.get<ClientRecord>(CLIENTS, devBrowser.client_id) ?? null) : null;
  if (!client && credentials.clientToken) {
    const hash = hashToken(credentials.clientToken);
    client = store.list<ClientRecord>(CLIENTS).find((c) => c.token_hash === hash) ?? null;
  }
  return { client, devBrowser };
}

/** What a sign-in writes for the browser, decided before the write so the cookies can name it. */
export interface SignInClientPlan {
  clientId: string;
  /** The `__client` cookie to set: the browser's own when it sent a valid one, else a new one. */
  clientToken: string;
  /** The dev browser to keep or create. */
  devBrowserToken: string;
  /** Whether the dev browser is new (its cookie must be set). */
  newDevBrowser: boolean;
}

export function planSignInClient(store: ReadView, credentials: BrowserCredentials): SignInClientPlan {
  const { client, devBrowser } = findBrowserClient(store, credentials);
  const ownCookie =
    client && credentials.clientToken && hashToken(credentials.clientToken) === client.token_hash
      ? credentials.clientToken
      : null;
  return {
    clientId: client?.id ?? newId('client_'),
    clientToken: ownCookie ?? newClientToken(),
    devBrowserToken: devBrowser && credentials.devBrowserToken ? credentials.devBrowserToken : newDevBrowserToken(),
    newDevBrowser: !devBrowser,
  };
}

/** Makes `sessionId` the client's active session (in the sign-in's transaction); returns the client. */
export function attachSession(tx: Transaction, plan: SignInClientPlan, sessionId: string, now: number): ClientRecord {
  const existing = tx.get<ClientRecord>(CLIENTS, plan.clientId);
  const client: ClientRecord = {
    id: plan.clientId,
    token_hash: hashToken(plan.clientToken),
    last_active_session_id: sessionId,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
  tx.put(CLIENTS, client);
  const devBrowserId = hashToken(plan.devBrowserToken);
  const devBrowser = tx.get<DevBrowserRecord>(DEV_BROWSERS, devBrowserId);
  tx.put<DevBrowserRecord>(DEV_BROWSERS, {
    id: devBrowserId,
    client_id: client.id,
    created_at: devBrowser?.created_at ?? now,
    updated_at: now,
  });
  return client;
}

/** Signs the client out: no active session, updated now (so its `__client_uat` moves). Returns the detached id. */
export function detachSession(tx: Transaction, clientId: string, now: number): string | null {
  const client = tx.get<ClientRecord>(CLIENTS, clientId);
  if (!client) return null;
  tx.put<ClientRecord>(CLIENTS, { ...client, last_active_session_id: null, updated_at: now });
  return client.last_active_session_id;
}

/** A new dev browser, optionally naming a client already known (POST /v1/dev_browser, or a handshake without one). */
export function createDevBrowser(tx: Transaction, clientId: string | null, now: number): string {
  const token = newDevBrowserToken();
  tx.put<DevBrowserRecord>(DEV_BROWSERS, {
    id: hashToken(token),
    client_id: clientId,
    created_at: now,
    updated_at: now,
  });
  return token;
}
