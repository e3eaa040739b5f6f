/**
 * base64url decoding for the two runtimes: Node's Buffer when it exists (fast),
 * `atob` otherwise (Edge). `strictBase64UrlToBytes` refuses anything that is
 * not canonical unpadded base64url (RFC 4648 §5, §3.5): one string per byte
 * sequence, so a token cannot be rewritten into another string that still
 * verifies (Hardening finding 9).
 */

import { TokenVerificationError } from '../token-verification-error.js';
import { scratchBuffer } from './scratch-buffer.js';

type NodeBufferClass = {
  from(input: string, encoding: string): Uint8Array & { toString(encoding: string): string };
  byteLength(input: string, encoding: 'utf8'): number;
};

const NodeBuffer: NodeBufferClass | undefined = (globalThis as { Buffer?: NodeBufferClass }).Buffer;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
// Without the `u` flag a class matches UTF-16 code units: this is every unit above 0x7F, lone surrogates included.
const NON_ASCII = /[\u0080-\uffff]/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Each ASCII code's 6-bit base64url value, -1 for the rest. */
const SIXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SIXTETS[ALPHABET.charCodeAt(i)] = i;

let utf8: TextDecoder | undefined;

/**
 * Whether every code unit of `input` is ASCII. Node's decoder reads a code unit
 * above 0xFF by its low byte (`Ń`, U+0144, decodes as `D`), so this must hold
 * before it decodes. On Node a UTF-8 length equal to the string's length says so
 * in one native pass, cheaper than a regular expression (docs/performance.md).
 */
export function isAscii(input: string): boolean {
  return NodeBuffer ? NodeBuffer.byteLength(input, 'utf8') === input.length : !NON_ASCII.test(input);
}

/**
 * What Node's base64url decoder would accept silently but canonical base64url
 * forbids, looked for once in a whole token: a non-ASCII code unit, `+` or `/`.
 * (Other characters outside the alphabet are skipped by the decoder, which
 * shortens its output: the decoded length gives them away.)
 */
export function isAsciiWithoutPlusOrSlash(input: string): boolean {
  return !input.includes('+') && !input.includes('/') && isAscii(input);
}

/**
 * The bits of the last character beyond the last whole byte are zero, as
 * canonical encoding writes them. Decoders drop them, so `QR` and `QQ` both
 * decode to `A`: only this check tells the canonical one apart.
 */
function endsCanonically(input: string): boolean {
  const rest = input.length & 3;
  if (rest === 0) return true;
  const sixtet = SIXTETS[input.charCodeAt(input.length - 1)];
  return sixtet !== undefined && sixtet >= 0 && (sixtet & (rest === 2 ? 0x0f : 0x03)) === 0;
}

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

/**
 * Lenient decoding, for inputs already authenticated or validated by the caller
 * (padding, the standard alphabet and spare bits are tolerated). Never for a
 * token's parts. Input no decoder can read at all (outside Node) is a
 * `TokenVerificationError` with reason `malformed`.
 */
export function base64UrlToBytes(input: string): Uint8Array {
  if (NodeBuffer) return NodeBuffer.from(input, 'base64url');
  try {
    return decodeWithAtob(input);
  } catch (cause) {
    throw new TokenVerificationError('malformed', 'The input is not base64url.', { cause });
  }
}

/**
 * For Node's decoder: how many bytes `input` decodes to if it is canonical
 * unpadded base64url, or -1 when it cannot be. Node's decoder skips characters
 * outside both base64 alphabets, so a decoded length short of this exposes
 * them; what it decodes silently (`+`, `/`, non-ASCII, spare bits) is looked
 * for here. `checked`: the caller has run `isAsciiWithoutPlusOrSlash` on it.
 */
function canonicalDecodedLength(input: string, checked: boolean): number {
  const length = input.length;
  if (length % 4 === 1) return -1;
  if (!checked && !isAsciiWithoutPlusOrSlash(input)) return -1;
  if (!endsCanonically(input)) return -1;
  return (length * 3) >> 2;
}

/**
 * Decodes canonical unpadded base64url, or returns null when `input` is
 * anything else (padding, `+`/`/`, whitespace, other characters, non-ASCII,
 * non-zero spare bits, an impossible length).
 */
export function strictBase64UrlToBytes(input: string, checked = false): Uint8Array | null {
  if (NodeBuffer) {
    const expected = canonicalDecodedLength(input, checked);
    if (expected < 0) return null;
    const bytes = NodeBuffer.from(input, 'base64url');
    return bytes.length === expected ? bytes : null;
  }
  if (input.length % 4 === 1 || !BASE64URL.test(input) || !endsCanonically(input)) return null;
  try {
    return decodeWithAtob(input);
  } catch {
    return null;
  }
}

/**
 * `strictBase64UrlToBytes` then `bytesToUtf8`, without a Buffer per call on
 * Node (decoded into the scratch buffer, copied out as text). Null also for
 * bytes that are not UTF-8 outside Node (Node reads them with U+FFFD).
 */
export function strictBase64UrlToUtf8(input: string, checked = false): string | null {
  const scratch = scratchBuffer((input.length * 3) >> 2);
  if (scratch === undefined) {
    const bytes = strictBase64UrlToBytes(input, checked);
    if (bytes === null) return null;
    try {
      return bytesToUtf8(bytes);
    } catch {
      return null; // not UTF-8 (TextDecoder is fatal outside Node): no text to give
    }
  }
  const expected = canonicalDecodedLength(input, checked);
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

/** Lenient, as `base64UrlToBytes`; outside Node, bytes that are not UTF-8 are `malformed` too. */
export function base64UrlToUtf8(input: string): string {
  const bytes = base64UrlToBytes(input);
  try {
    return bytesToUtf8(bytes);
  } catch (cause) {
    throw new TokenVerificationError('malformed', 'The input is not base64url-encoded UTF-8.', { cause });
  }
}

/** Used by tests and by the web path; not performance-sensitive. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
