/**
 * What the cookie protocol needs to know about the Clerk instance, all from its publishable key: the Frontend API
 * the handshake goes to, whether it is a development instance (dev browser) and the cookie-name suffix.
 */
import { isLoopback, parsePublishableKey } from '../publishable-key.js';
import { cookieSuffix } from './cookie-suffix.js';

export interface SessionInstance {
  publishableKey: string;
  instanceType: 'development' | 'production';
  /** The Frontend API host as the key names it (`clerk.example.com`, `127.0.0.1:4000`). */
  frontendApi: string;
  /** Its origin: HTTPS, as Clerk, except for a loopback host (the local backend), which speaks plain HTTP. */
  frontendApiUrl: string;
  cookieSuffix: string;
}

// Per publishable key: the suffix costs a SHA-1, which no request should pay twice.
const instances = new Map<string, Promise<SessionInstance | null>>();

/** The instance a publishable key names, or null when the string is not a publishable key. */
export function sessionInstanceFor(publishableKey: string): Promise<SessionInstance | null> {
  let instance = instances.get(publishableKey);
  if (!instance) {
    instance = buildInstance(publishableKey);
    instances.set(publishableKey, instance);
  }
  return instance;
}

async function buildInstance(publishableKey: string): Promise<SessionInstance | null> {
  const parsed = parsePublishableKey(publishableKey);
  if (!parsed) return null;
  return {
    publishableKey,
    instanceType: parsed.instanceType,
    frontendApi: parsed.frontendApi,
    frontendApiUrl: `${isLoopback(parsed.frontendApi) ? 'http' : 'https'}://${parsed.frontendApi}`,
    cookieSuffix: await cookieSuffix(publishableKey),
  };
}
