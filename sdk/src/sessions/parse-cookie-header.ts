/**
 * A `Cookie` header as a name → value map. As the `cookie` package @clerk/backend reads it with: the first
 * occurrence of a name wins, surrounding quotes are dropped, `%`-escapes are decoded when they decode.
 */
export function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    const name = pair.slice(0, eq).trim();
    if (name === '' || cookies.has(name)) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (value.includes('%')) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // Not percent-encoded after all: keep it as sent.
      }
    }
    cookies.set(name, value);
  }
  return cookies;
}
