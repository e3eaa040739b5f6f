/** An enumeration whose members are its own names: `{ allowed: 'allowed', … }`. */
export type ValuesOf<D> = { readonly [K in keyof D & string]: K };

/**
 * Builds an enumeration from a record of `value → description`, so each value is spelled once and always comes with
 * the sentence the README and the dashboard show for it.
 */
export function valuesOf<const D extends Readonly<Record<string, string>>>(descriptions: D): ValuesOf<D> {
  const values: Record<string, string> = {};
  for (const value of Object.keys(descriptions)) values[value] = value;
  return Object.freeze(values) as ValuesOf<D>;
}

/** Narrows an unknown attribute value to a member of `values` (telemetry from outside is never trusted). */
export function isValueOf<V extends string>(values: Readonly<Record<string, V>>, value: unknown): value is V {
  return typeof value === 'string' && Object.hasOwn(values, value) && values[value] === value;
}
