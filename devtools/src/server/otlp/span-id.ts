const HEX = /^[0-9a-fA-F]+$/;

/**
 * A trace id (16 bytes) or span id (8 bytes) as lowercase hex, or null when it has the wrong length or is all
 * zeros (both invalid in OTLP). OTLP/JSON spells ids in hex.
 */
export function hexIdFromString(raw: string, bytes: number): string | null {
  if (raw.length !== bytes * 2 || !HEX.test(raw)) return null;
  const hex = raw.toLowerCase();
  return isAllZeros(hex) ? null : hex;
}

/** The same for an id as protobuf `bytes` (protobufjs leaves an unset `bytes` field as an empty array). */
export function hexIdFromBytes(raw: Uint8Array | readonly number[], bytes: number): string | null {
  if (raw.length !== bytes || !(raw instanceof Uint8Array)) return null;
  const hex = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex');
  return isAllZeros(hex) ? null : hex;
}

function isAllZeros(hex: string): boolean {
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== 48) return false;
  return true;
}
