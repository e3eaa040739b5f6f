/**
 * The suffix of an instance's cookie names (`__session_<suffix>`): the first 8 characters of the URL-safe base64 of
 * the SHA-1 of the publishable key, as Clerk computes it. Web Crypto, so it runs on the Edge runtime too.
 */
export async function cookieSuffix(publishableKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(publishableKey)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').slice(0, 8);
}

export function suffixedCookieName(name: string, suffix: string): string {
  return `${name}_${suffix}`;
}
