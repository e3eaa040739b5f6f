/** Serialises and signs the handoff: `<base64url(JSON)>.<base64url(HMAC)>`, one header. */
import type { HandoffKey } from './handoff-key.js';
import { type HandoffState, toWire } from './handoff-state.js';

type BufferLike = { from(input: string, encoding: string): { toString(encoding: string): string } };
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;
const encoder = new TextEncoder();

export function utf8ToBase64Url(text: string): string {
  if (NodeBuffer) return NodeBuffer.from(text, 'utf8').toString('base64url');
  const bytes = encoder.encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh per-request id (a random UUID: 122 random bits, fast on Node and the Edge runtime). */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/** The signed header value: synchronous with a node:crypto key, a promise with Web Crypto. */
export function signHandoff(state: HandoffState, key: HandoffKey): string | Promise<string> {
  const payload = utf8ToBase64Url(JSON.stringify(toWire(state)));
  const signature = key.sign(payload);
  return typeof signature === 'string' ? `${payload}.${signature}` : signature.then((s) => `${payload}.${s}`);
}
