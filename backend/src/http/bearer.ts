import { timingSafeEqual } from 'node:crypto';

/** The credential of `Authorization: Bearer <value>`, if present. */
export function readBearer(headers: Headers): string | undefined {
  const value = headers.get('authorization');
  if (!value) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(value.trim());
  return match?.[1]?.trim();
}

/** Compares credentials in constant time for equal lengths. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
