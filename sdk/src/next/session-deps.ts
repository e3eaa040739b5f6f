/**
 * What the cookie protocol needs from a middleware configuration: the instance its publishable key names, and the
 * process-wide verifier, keys and Backend API client of that configuration (so the verified-token cache, the JWKS
 * cache and the rate-limit budget are shared with every other request). Null without a publishable key: then there
 * is no Frontend API to hand shake with.
 */
import type { ResolvedConfig } from '../config.js';
import { type SessionAuthDeps, sessionInstanceFor } from '../sessions/index.js';
import { peekCompactJws, resolveKeySource, verifyRequestToken } from '../tokens/index.js';
import { backendClientFor, jwksFor } from './backend-clients.js';

const depsByConfig = new WeakMap<ResolvedConfig, Promise<SessionAuthDeps | null>>();

export function sessionDepsFor(config: ResolvedConfig): Promise<SessionAuthDeps | null> {
  let deps = depsByConfig.get(config);
  if (!deps) {
    deps = buildDeps(config);
    depsByConfig.set(config, deps);
  }
  return deps;
}

async function buildDeps(config: ResolvedConfig): Promise<SessionAuthDeps | null> {
  if (!config.publishableKey) return null;
  const instance = await sessionInstanceFor(config.publishableKey.trim());
  if (!instance) return null;
  const client = backendClientFor(config.secretKey, config.apiUrl);
  const keys = {
    jwtKey: config.jwtKey ?? undefined,
    jwks: config.jwtKey ? undefined : jwksFor(config.secretKey, config.apiUrl),
  };
  const keySource = () => resolveKeySource(keys);
  const sessionTokenOptions = {
    ...keys,
    authorizedParties: config.authorizedParties,
    clockSkewInMs: config.clockSkewInMs,
    acceptsToken: 'session_token' as const,
  };
  return {
    instance,
    verifySessionToken: (token) => verifyRequestToken(token, sessionTokenOptions),
    handshakeKeys: keySource,
    getHandshakePayload: (nonce) => client.getHandshakePayload(nonce),
    // A token verified before is decoded already: its claims come from the verified-token cache.
    decode: (token) => keySource().verifiedTokens.get(token) ?? peekCompactJws(token),
  };
}
