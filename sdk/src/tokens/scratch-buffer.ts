/**
 * One reusable Node Buffer for bytes that never outlive a synchronous call: a
 * token's payload decoded and read back as text at once, the signing input
 * handed to a synchronous `crypto.verify` (where that checks signatures, see
 * rsa-pkcs1-check.ts). A fresh Buffer per token and part showed in the cold
 * `verifyToken` path (docs/performance.md).
 * Whoever writes into it reads what it needs before it returns; nothing may
 * keep a view of it.
 */

export type ScratchBuffer = Uint8Array & {
  write(input: string, offset: number, encoding: 'utf8' | 'base64url'): number;
  toString(encoding: 'utf8', start: number, end: number): string;
};

type NodeBufferClass = { allocUnsafeSlow(size: number): ScratchBuffer };

const NodeBuffer: NodeBufferClass | undefined = (globalThis as unknown as { Buffer?: NodeBufferClass }).Buffer;

const INITIAL_SIZE = 16 * 1024;

let scratch: ScratchBuffer | undefined;

/** The scratch buffer, at least `size` bytes long; undefined where Node's Buffer does not exist (Edge). */
export function scratchBuffer(size: number): ScratchBuffer | undefined {
  if (NodeBuffer === undefined) return undefined;
  if (scratch === undefined || scratch.length < size)
    scratch = NodeBuffer.allocUnsafeSlow(Math.max(size, INITIAL_SIZE));
  return scratch;
}
