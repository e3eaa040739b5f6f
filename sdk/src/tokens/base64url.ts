/**
 * base64url decoding for the two runtimes: Node's Buffer when it exists (fast),
 * `atob` otherwise (Edge). `strictBase64UrlToBytes` refuses anything that is
 * not canonical unpadded base64url.
 */

import { scratchBuffer } from './scratch-buffer.js';

type NodeBufferClass = {
  from(input: string, encoding: string): Uint8Array & { toString(encoding: string): string };
};

const NodeBuffer: NodeBufferClass | undefined = (globalThis as { Buffer?: NodeBufferClass }).Buffer;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

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

/** Lenient decoding (callers have validated the alphabet). */
export function base64UrlToBytes(input: string): Uint8Array {
  return NodeBuffer ? NodeBuffer.from(input, 'base64url') : decodeWithAtob(input);
}

/**
 * For Node's decoder: how many bytes `input` decodes to if it is canonical
 * unpadded base64url, or -1 when it cannot be. The decoder stops at the first
 * character outside both base64 alphabets, so a decoded length short of this
 * exposes it; only `+` and `/` decode silently, so they are looked for here.
 */
function canonicalDecodedLength(input: string, knownFreeOfPlusAndSlash: boolean): number {
  const length = input.length;
  if (length % 4 === 1) return -1;
  if (!knownFreeOfPlusAndSlash && (input.includes('+') || input.includes('/'))) return -1;
  return (length * 3) >> 2;
}

/**
 * Decodes unpadded base64url, or returns null when `input` holds anything
 * else (padding, `+`/`/`, whitespace, other characters, an impossible length).
 */
export function strictBase64UrlToBytes(input: string, knownFreeOfPlusAndSlash = false): Uint8Array | null {
  if (NodeBuffer) {
    const expected = canonicalDecodedLength(input, knownFreeOfPlusAndSlash);
    if (expected < 0) return null;
    const bytes = NodeBuffer.from(input, 'base64url');
    return bytes.length === expected ? bytes : null;
  }
  if (input.length % 4 === 1 || !BASE64URL.test(input)) return null;
  try {
    return decodeWithAtob(input);
  } catch {
    return null;
  }
}

/**
 * `strictBase64UrlToBytes` then `bytesToUtf8`, without a Buffer per call on
 * Node (decoded into the scratch buffer, copied out as text).
 */
export function strictBase64UrlToUtf8(input: string, knownFreeOfPlusAndSlash = false): string | null {
  const scratch = scratchBuffer((input.length * 3) >> 2);
  if (scratch === undefined) {
    const bytes = strictBase64UrlToBytes(input, knownFreeOfPlusAndSlash);
    return bytes === null ? null : bytesToUtf8(bytes);
  }
  const expected = canonicalDecodedLength(input, knownFreeOfPlusAndSlash);
  if (expected < 0) return null;
  const written = scratch.write(input, 0, 'base64url');
  return written === expected ? scratch.toString('utf8', 0, written) : null;
}

/** UTF-8 text of decoded bytes (fatal on invalid UTF-8 outside Node). */
export function bytesToUtf8(bytes: Uint8Array): string {
  const nodeBytes = bytes as { utf8Slice?: (start: number, end: number) => string };
  if (typeof nodeBytes.utf8Slice === 'function') return nodeBytes.utf8Slice(0, bytes.length);
  utf8 ??= new TextDecoder('utf-8', { fatal: true });
  return utf8.decode(bytes);
}

export function base64UrlToUtf8(input: string): string {
  return bytesToUtf8(base64UrlToBytes(input));
}

/** Used by tests and by the web path; not performance-sensitive. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
