/**
 * base64url decoding for the two runtimes: Node's Buffer when it exists (fast),
 * `atob` otherwise (Edge). Callers validate the alphabet first (see
 * parse-compact-jws.ts); these functions only decode.
 */

type BufferLike = {
  from(input: string, encoding: string): Uint8Array & { toString(encoding: string): string };
};

const NodeBuffer: BufferLike | undefined = (globalThis as { Buffer?: BufferLike }).Buffer;

let utf8: TextDecoder | undefined;

function decodeWithAtob(input: string): Uint8Array {
  let b64 = input.replace(/-/g, '+').replace(/_/g, '/');
  const pad = b64.length % 4;
  if (pad === 2) b64 += '==';
  else if (pad === 3) b64 += '=';
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function base64UrlToBytes(input: string): Uint8Array {
  return NodeBuffer ? NodeBuffer.from(input, 'base64url') : decodeWithAtob(input);
}

export function base64UrlToUtf8(input: string): string {
  if (NodeBuffer) return NodeBuffer.from(input, 'base64url').toString('utf8');
  utf8 ??= new TextDecoder('utf-8', { fatal: true });
  return utf8.decode(decodeWithAtob(input));
}

/** Used by tests and by the web path; not performance-sensitive. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
