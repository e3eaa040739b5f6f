/** A number above 0 from an environment variable's text, else `undefined` (unset, blank, not a number, ≤ 0). */
export function positiveNumber(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}
