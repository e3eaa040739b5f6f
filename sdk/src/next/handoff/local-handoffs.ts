/**
 * Handoffs this process signed, kept until a render of the same process reads them. Under `next start` the
 * middleware (Node runtime) and the render run in one process with one global object, but each in its own bundle
 * (two copies of this module), so the registry lives on `globalThis`. A value found here is one this process's
 * middleware signed with the same key: the render takes its state as signed, without checking the signature again
 * or parsing the JSON. Whether it may serve the request (binding, age, expiry) is still judged on every read
 * (accept-handoff.ts). Anything not found — signed in another process or in the Edge sandbox, evicted, already
 * read — is verified from the wire as before. Entries are found by the value's signature (43 characters) rather
 * than the whole value (a kilobyte or more, hashed on every store and lookup) and taken only when the whole value
 * is the one stored.
 */
import type { HandoffState } from './handoff-state.js';

const REGISTRY = Symbol.for('authlens.local-handoffs.v1');
/** Handoffs wait here for the few milliseconds until their render: a bound that concurrent requests never reach. */
const MAX_ENTRIES = 256;

interface LocalHandoff {
  /** The whole header value. */
  value: string;
  /** The signing key's fingerprint: a value signed under another key is not the render's to trust. */
  keyId: string;
  state: HandoffState;
}

/** The part after the last dot: the signature, unique to the value it signs. */
function signatureOf(value: string): string {
  return value.slice(value.lastIndexOf('.') + 1);
}

function registry(): Map<string, LocalHandoff> {
  const g = globalThis as { [REGISTRY]?: Map<string, LocalHandoff> };
  g[REGISTRY] ??= new Map();
  return g[REGISTRY];
}

/** Keeps the state of a handoff `value` just signed with the key `keyId`, for this process's render. */
export function rememberHandoff(value: string, keyId: string, state: HandoffState): void {
  const handoffs = registry();
  if (handoffs.size >= MAX_ENTRIES) handoffs.delete(handoffs.keys().next().value as string);
  // The shape the wire gives the render (verify-handoff.ts), so both paths hand out the same state.
  handoffs.set(signatureOf(value), {
    value,
    keyId,
    state: {
      ...state,
      traceParent: state.traceParent ?? null,
      sealedKeys: state.sealedKeys ?? null,
      keysWithheld: state.keysWithheld === true,
    },
  });
}

/** The state this process signed as `value` under the key `keyId` (read once), else null. */
export function takeHandoff(value: string, keyId: string): HandoffState | null {
  const handoffs = registry();
  const signature = signatureOf(value);
  const found = handoffs.get(signature);
  if (found?.value !== value) return null;
  handoffs.delete(signature);
  return found.keyId === keyId ? found.state : null;
}
