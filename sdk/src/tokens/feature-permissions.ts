/**
 * Clerk's compact v2 organization permissions (`v: 2` session tokens):
 * `o.per` is a comma list of permission names, `fea` a comma list of scoped
 * features (`o:`, `u:`, `ou:`/`uo:`). The org-scoped features, in order, pair
 * with the comma list in `o.fpm`; each `fpm` entry is a decimal bitmask read
 * least significant bit first: bit j set grants `org:<feature>:<per[j]>`.
 */

/** A `fea`/`pla` entry without a `scope:` prefix; Clerk refuses the whole claim. */
export class InvalidScopedClaimError extends Error {}

const ORG_SCOPES = new Set(['o', 'ou', 'uo']);
const USER_SCOPES = new Set(['u', 'ou', 'uo']);

/** Splits a `fea`/`pla` claim into org- and user-scoped names, keeping their order. */
export function splitScopedClaim(claim: string | undefined | null): { org: string[]; user: string[] } {
  const org: string[] = [];
  const user: string[] = [];
  if (!claim) return { org, user };
  for (const raw of claim.split(',')) {
    const part = raw.trim();
    const colon = part.indexOf(':');
    if (colon === -1) throw new InvalidScopedClaimError('a scoped claim entry has no scope prefix');
    const scope = part.slice(0, colon);
    const name = part.slice(colon + 1);
    if (ORG_SCOPES.has(scope)) org.push(name);
    if (USER_SCOPES.has(scope)) user.push(name);
  }
  return { org, user };
}

/** The bits of a decimal string, least significant first; null when it is not a decimal. */
export function decimalToBits(decimal: string): number[] | null {
  if (!/^\d+$/.test(decimal)) return null;
  // BigInt: a mask has one bit per permission and may exceed 2^53.
  let value = BigInt(decimal);
  const bits: number[] = [];
  while (value > 0n) {
    bits.push(Number(value & 1n));
    value >>= 1n;
  }
  return bits;
}

/** Decodes `fea` + `o.per` + `o.fpm` into `org:<feature>:<permission>` strings. */
export function decodeFeaturePermissions(input: {
  fea?: string | null;
  per?: string | null;
  fpm?: string | null;
}): string[] {
  const { fea, per, fpm } = input;
  if (!per || !fpm) return [];
  const features = splitScopedClaim(fea).org;
  const permissions = per.split(',').map((p) => p.trim());
  const masks = fpm.split(',');
  const granted: string[] = [];
  const count = Math.min(features.length, masks.length);
  for (let f = 0; f < count; f++) {
    const bits = decimalToBits(masks[f]!.trim());
    if (!bits) continue;
    for (let j = 0; j < bits.length && j < permissions.length; j++) {
      if (bits[j] === 1) granted.push(`org:${features[f]}:${permissions[j]}`);
    }
  }
  return granted;
}

/**
 * The inverse, as the backend mints it: for org features in order, the mask of
 * the permissions each grants. Used by the local backend and the tests.
 */
export function encodeFeaturePermissions(
  features: readonly string[],
  permissions: readonly string[],
  granted: ReadonlySet<string> | readonly string[],
): { per: string; fpm: string } {
  const has = granted instanceof Set ? granted : new Set(granted as readonly string[]);
  const masks = features.map((feature) => {
    let mask = 0n;
    permissions.forEach((permission, j) => {
      if (has.has(`org:${feature}:${permission}`)) mask |= 1n << BigInt(j);
    });
    return mask.toString(10);
  });
  return { per: permissions.join(','), fpm: masks.join(',') };
}
