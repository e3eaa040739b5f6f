import { parsePublishableKey } from '../publishable-key.js';

/**
 * The prefix of an instance's keys in a shared store: its Frontend API host, read from the publishable key (public,
 * and the same on every server of the app); without one, a SHA-256 prefix of the API URL and secret key (never the
 * key itself). `{…}` is a Redis Cluster hash tag: an instance's keys stay on one shard.
 */
export async function instanceNamespace(
  publishableKey: string | null,
  secretKey: string,
  apiUrl: string,
): Promise<string> {
  const parsed = publishableKey ? parsePublishableKey(publishableKey.trim()) : null;
  if (parsed) return `authlens:{${parsed.frontendApi}}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${apiUrl}\n${secretKey}`));
  const hex = Array.from(new Uint8Array(digest).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
  return `authlens:{sk-${hex}}`;
}
